# Every target installs what it needs first: a virtualenv from the hashed lock file.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CORPUS ?= ../shared/corpus

.PHONY: install demo test lint eval bench clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

install: $(STAMP)

## The main job on the embedded default (a SQLite file, see `emptychair info`):
## ingest the bundled sample, then print the meetings, the founding board and the patterns.
demo: install
	$(BIN)/emptychair ingest src/emptychair/data/sample.jsonl
	$(BIN)/emptychair meetings
	$(BIN)/emptychair meeting nato-defence-ministers-2026-02
	$(BIN)/emptychair patterns

## The whole test suite, with lint, format and type checks.
test: install lint
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

## Scores on the labelled development set.
eval: install
	$(BIN)/emptychair eval $(CORPUS)/dev.jsonl

## Throughput and memory of extraction against a spaCy baseline.
bench: install
	$(BIN)/python benchmarks/firehose.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
