# Two entry points, both from a fresh clone with only python3 and make:
#   make demo   set up .venv and list the bundled credentialmate example's tooling
#   make test   set up .venv with test extras and run the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# npm packages the tests read data from (the SARIF schema); `make demo` never needs npm.
EXTERNAL       := tests/external
EXTERNAL_STAMP := $(EXTERNAL)/node_modules/.installed

.PHONY: demo test setup clean

demo: $(STAMP) ## List the bundled example repo's tooling
	$(BIN)/skilldex list credentialmate

test: $(STAMP) $(EXTERNAL_STAMP) ## Run the whole test suite
	$(BIN)/python -m pytest -q

setup: $(STAMP) ## Create .venv and install skilldex with its test extras

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

$(EXTERNAL_STAMP): $(EXTERNAL)/package.json $(EXTERNAL)/package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --prefix $(EXTERNAL)
	touch $(EXTERNAL_STAMP)

clean: ## Remove the virtualenv and caches
	rm -rf $(VENV) .pytest_cache build src/*.egg-info
	rm -rf $(EXTERNAL)/node_modules
