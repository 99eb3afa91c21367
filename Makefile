# Two entry points, both from a fresh clone with only python3 and make:
#   make demo   set up .venv with skilldex alone and list the bundled credentialmate example's tooling
#   make test   set up .venv with the test extras too and run the whole test suite
# `make test PYTHON=python3.10 VENV=.venv-3.10` runs it on another Python (.ci/run does, for 3.10 and 3.13).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.installed-runtime
TEST_STAMP    := $(VENV)/.installed-test
# npm packages the tests read data from (the SARIF schema); `make demo` never needs npm.
EXTERNAL       := tests/external
EXTERNAL_STAMP := $(EXTERNAL)/node_modules/.installed

.PHONY: demo test lint typecheck docs setup clean

demo: $(RUNTIME_STAMP) ## List the bundled example repo's tooling (runtime dependencies only)
	$(BIN)/skilldex list credentialmate

test: $(TEST_STAMP) $(EXTERNAL_STAMP) ## Run the whole test suite
	$(BIN)/python -m pytest -q

lint: $(TEST_STAMP) ## ruff (check and format) and mypy, as CI runs them
	$(BIN)/ruff check src tests hooks benchmarks
	$(BIN)/ruff format --check src tests hooks benchmarks
	$(BIN)/mypy

typecheck: $(TEST_STAMP) ## mypy over src/skilldex, configured in pyproject.toml's [tool.mypy]
	$(BIN)/mypy

docs: $(RUNTIME_STAMP) ## Regenerate docs/rules.md and docs/cli.md from the rule registry and every command's help
	$(BIN)/python -m skilldex.docgen docs

setup: $(TEST_STAMP) ## Create .venv and install skilldex with its test extras

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUNTIME_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $(RUNTIME_STAMP)

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(RUNTIME_STAMP) $(TEST_STAMP)

$(EXTERNAL_STAMP): $(EXTERNAL)/package.json $(EXTERNAL)/package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --prefix $(EXTERNAL)
	touch $(EXTERNAL_STAMP)

clean: ## Remove the virtualenvs and caches
	rm -rf .venv .venv-3.* .pytest_cache build src/*.egg-info
	rm -rf $(EXTERNAL)/node_modules
