# Two entry points for a fresh machine: `make run` and `make test`.
# Both create .venv when missing and reinstall only when pyproject.toml changed.
# `make run` first checks for the system library Qt needs on X11 (tools/check-qt-libs).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-x11 lint format bench clean mutants

run: $(STAMP)
	sh tools/check-qt-libs
	$(BIN)/python main.py

test: $(STAMP) lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# Shortcuts pressed for real (xdotool on Xvfb); needs xvfb, xdotool and openbox.
test-x11: $(STAMP)
	$(BIN)/python -m pytest -m x11 tests/x11

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.bench

# Mutation testing of formats, library and export (mutmut; not part of `make test`).
# Prints killed / survived per part and the score. `make mutants MUTANTS='desktop.export.table*'`
# limits the run to some mutants (globs over mutmut's names); results are kept in mutants/.
MUTANTS ?=
MUTANT_JOBS ?= 2
mutants: $(STAMP)
	mkdir -p mutants
	QT_QPA_PLATFORM=offscreen nice -n 10 $(BIN)/mutmut run --max-children $(MUTANT_JOBS) $(MUTANTS) > mutants/run.log 2>&1 \
		|| { tail -n 40 mutants/run.log; exit 1; }
	$(BIN)/python -m tests.mutation_report

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
