# `make site` and `make test` work on a fresh clone: both create .venv when it is missing.
# `make site` installs what building the site needs; `make test` adds the development tools.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.runtime
DEV := $(VENV)/.installed
TRAIN := $(VENV)/.train

AXE := node_modules/axe-core/axe.min.js

.PHONY: site test serve generate check lint clean model

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUNTIME): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e .
	touch $(RUNTIME)

$(DEV): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(RUNTIME) $(DEV)

$(TRAIN): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e '.[train]'
	touch $(RUNTIME) $(TRAIN)

site: $(RUNTIME)
	$(BIN)/evidence-library build --strict

generate: $(RUNTIME)
	$(BIN)/evidence-library generate

check: $(RUNTIME)
	$(BIN)/evidence-library check --strict

# The reference parser's model, from AnyStyle's labelled references (ANYSTYLE=dir) and training/notes/.
ANYSTYLE ?= ../shared/anystyle
model: $(TRAIN)
	$(BIN)/evidence-library train --anystyle $(ANYSTYLE)

serve: $(RUNTIME)
	$(BIN)/evidence-library serve

lint: $(DEV)
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests
	$(BIN)/mypy

# axe-core, which the browser tests inject into pages, comes from the npm registry.
$(AXE): package.json package-lock.json
	if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent && touch $(AXE); \
	else echo "npm not found: the accessibility checks will be skipped"; fi

test: $(DEV) lint $(AXE)
	$(BIN)/pytest

clean:
	rm -rf site .site-* .cache docs/responses docs/references docs/positions docs/bodies docs/includes docs/exports docs/explore
