# leadmock — the two commands that matter: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: run test openapi bench clean install dev

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml setup.py | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(DEVSTAMP): pyproject.toml setup.py | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP) $@

install: $(STAMP)
dev: $(DEVSTAMP)

run: $(STAMP)
	$(BIN)/leadmock serve

test: $(DEVSTAMP)
	$(BIN)/python -m pytest

openapi: $(STAMP)
	$(BIN)/leadmock openapi --out openapi/

bench: $(DEVSTAMP)
	$(BIN)/python tests/bench/bench.py

clean:
	rm -rf $(VENV) leadmock.sqlite* *.egg-info
