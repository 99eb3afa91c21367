# Two entry points, both from a fresh clone with only python3 and make:
#   make demo   set up .venv and list the bundled credentialmate example's tooling
#   make test   set up .venv with test extras and run the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test setup clean

demo: $(STAMP) ## List the bundled example repo's tooling
	$(BIN)/skilldex list credentialmate

test: $(STAMP) ## Run the whole test suite
	$(BIN)/python -m pytest -q

setup: $(STAMP) ## Create .venv and install skilldex with its test extras

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean: ## Remove the virtualenv and caches
	rm -rf $(VENV) .pytest_cache build src/*.egg-info
