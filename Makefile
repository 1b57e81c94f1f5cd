# `make site` and `make test` work on a fresh clone: both create .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

AXE := node_modules/axe-core/axe.min.js

.PHONY: site test serve generate check lint clean model

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/evidence-library build --strict

generate: $(STAMP)
	$(BIN)/evidence-library generate

check: $(STAMP)
	$(BIN)/evidence-library check --strict

# The reference parser's model, from AnyStyle's labelled references (ANYSTYLE=dir) and training/notes/.
ANYSTYLE ?= ../shared/anystyle
model: $(STAMP)
	$(BIN)/evidence-library train --anystyle $(ANYSTYLE)

serve: $(STAMP)
	$(BIN)/evidence-library serve

lint: $(STAMP)
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests
	$(BIN)/mypy

# axe-core, which the browser tests inject into pages, comes from the npm registry.
$(AXE): package.json package-lock.json
	if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent && touch $(AXE); \
	else echo "npm not found: the accessibility checks will be skipped"; fi

test: $(STAMP) lint $(AXE)
	$(BIN)/pytest

clean:
	rm -rf site .site-* .cache docs/responses docs/references docs/positions docs/bodies docs/includes
