# The quick start is two commands: `make run` and `make test`.
# Each sets up .venv on first use (Python 3.11+), then does its job.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dask]'
	touch $(STAMP)

setup: $(STAMP)

## Load the fixtures (invented articles) into a demo warehouse of their own,
## ./demo.duckdb, never the ./warehouse.duckdb of real runs; print the summary.
run: $(STAMP)
	$(BIN)/chiso run fixtures --warehouse demo.duckdb

## The whole test suite (starts its own Prefect and HTTP servers).
test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/python -m pip install --quiet ruff
	$(BIN)/ruff check extractors flows warehouse tests bench
	$(BIN)/ruff format --check extractors flows warehouse tests bench

## The speed benchmark (not run in CI); see the README.
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench,dask]'
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) demo.duckdb demo.duckdb.wal demo.duckdb.pages .pytest_cache
