# The returnee assistant. `make run` and `make test` work on a fresh machine.
PYTHON ?= python3.11
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
INSTALLED := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
PG_TEST_URL ?= postgresql://postgres@127.0.0.1:5432/test
PORT ?= 5000

.PHONY: env run test check lint typecheck layers pytest test-pg bench clean

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip==25.3
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

env: $(INSTALLED)

## Start web, worker and clock on SQLite with the demo channel (the phone simulator).
run: env
	env -u TWILIO_ACCOUNT_SID -u TWILIO_AUTH_TOKEN -u DATABASE_URL $(BIN)/returnee db upgrade
	env -u TWILIO_ACCOUNT_SID -u TWILIO_AUTH_TOKEN -u DATABASE_URL $(BIN)/returnee demo
	@echo "Phone simulator: http://127.0.0.1:$(PORT)/simulator/  (Ctrl-C stops everything)"
	env -u TWILIO_ACCOUNT_SID -u TWILIO_AUTH_TOKEN -u DATABASE_URL PATH="$(BIN):$$PATH" \
		$(BIN)/honcho start -f Procfile -p $(PORT)

## Lint, types, layers, then every test on SQLite.
test: check pytest

check: lint typecheck layers

lint: env
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: env
	$(BIN)/mypy

layers: env
	$(BIN)/lint-imports

pytest: env
	$(BIN)/pytest -q

## The same suite against PostgreSQL.
test-pg: env
	TEST_DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest -q

## Throughput and latency figures (SQLite and PostgreSQL).
bench: env
	$(BIN)/python -m bench.run --pg-url $(PG_TEST_URL)

clean:
	rm -rf $(VENV) instance .pytest_cache .mypy_cache .ruff_cache
