# kyodo's commands. Each target sets up what it needs in .venv first, so on a
# fresh machine with Python 3.11+ and make, `make demo` and `make test` just work.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
CHECKED := $(wildcard src tests benchmarks examples)

.PHONY: demo test lint typecheck unit bench docs browser-test clean mutation

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

# Mutation testing of the rule modules with mutmut (slow: not part of `make test`; see docs/mutation-testing.md).
# One module at a time, niced, MUTATION_JOBS workers (1): `make mutation MUTATE="money grants"` runs just those.
MUTATE ?= _bands money subsidies grants completion grading bases indicators
MUTATION_JOBS ?= 1
mutation: $(VENV)/.installed-mutation
	rm -rf mutants && mkdir mutants
	@for module in $(MUTATE); do \
		echo "mutating kyodo.$$module (progress in mutants/$$module.log)"; \
		nice -n 10 $(BIN)/mutmut run --max-children $(MUTATION_JOBS) "kyodo.$$module.*" > mutants/$$module.log 2>&1 \
			|| { tr '\r' '\n' < mutants/$$module.log | tail -n 40; exit 1; }; \
		tr '\r' '\n' < mutants/$$module.log | grep '^🙁 kyodo\.' | cut -c 6- > mutants/$$module.survivors; \
		tr '\r' '\n' < mutants/$$module.log | awk -v module=$$module \
			'$$2 ~ /^kyodo\./ { total++; if ($$1 == "🎉" || $$1 == "⏰") killed++ } \
			END { printf "%-12s %5d / %5d killed (%.1f%%); survivors: mutants/%s.survivors\n", \
			module, killed, total, 100 * killed / total, module }' | tee -a mutants/scores.txt; \
	done

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

$(VENV)/.installed-mutation: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,mutation]'
	@touch $@
