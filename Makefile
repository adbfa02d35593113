# kyodo's commands. Each target sets up what it needs in .venv first, so on a
# fresh machine with Python 3.11+ and make, `make demo` and `make test` just work.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
CHECKED := $(wildcard src tests benchmarks examples)

.PHONY: demo test lint typecheck unit bench docs browser-test clean

# The main job: seed 000 (Niigata) graded and explained, and a chart of its indicator beside the plan file.
demo: $(VENV)/.installed-demo
	$(BIN)/kyodo report examples/plans/niigata.toml --scheme examples/schemes/niigata-sheet-reading.toml \
		--chart examples/plans/niigata-centres.png

test: $(VENV)/.installed-test lint typecheck unit

lint: $(VENV)/.installed-test
	$(BIN)/ruff check $(CHECKED)
	$(BIN)/ruff format --check $(CHECKED)

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

unit: $(VENV)/.installed-test
	$(BIN)/python -m pytest

bench: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/run.py --write docs/performance.md

# The HTML report in Debian's chromium; installs nothing (apt-get install chromium first).
browser-test: $(VENV)/.installed-test
	KYODO_REQUIRE_BROWSER=1 $(BIN)/python -m pytest tests/test_browser.py -p no:cacheprovider

docs: $(VENV)/.installed-docs
	$(BIN)/mkdocs build --strict --site-dir site

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .hypothesis

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "kyodo needs Python 3.11 or newer; set PYTHON=python3.11 (or newer) and try again")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	@touch $@

$(VENV)/.installed-demo: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[charts]'
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

$(VENV)/.installed-docs: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[docs]'
	@touch $@

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,bench]'
	@touch $@
