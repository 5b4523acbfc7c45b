# The returnee assistant. `make run` and `make test` work on a fresh machine.
PYTHON ?= python3.11
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
INSTALLED := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
PG_TEST_URL ?= postgresql://postgres@127.0.0.1:5432/test
PORT ?= 5000

# Rasa 3.6 lives in its own environment on Python 3.10 (it pins SQLAlchemy<1.5, twilio<8.3).
RASA_VENV := .venv-rasa
RASA := $(CURDIR)/$(RASA_VENV)/bin/rasa
RASA_INSTALLED := $(RASA_VENV)/.installed-$(shell cksum < nlu/requirements-rasa.txt | cut -d' ' -f1)
PYTHON310 ?= $(shell for p in python3.10 $$HOME/.pyenv/versions/3.10*/bin/python3.10 \
	/usr/local/bin/python3.10 /usr/bin/python3.10; do \
	$$p -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null && { echo $$p; break; }; done)
# The model is named by a hash of everything it is trained from: unchanged data, no training.
NLU_SOURCES := nlu/rasa/config.yml nlu/rasa/domain.yml $(sort $(wildcard nlu/rasa/data/*.yml)) \
	$(sort $(wildcard nlu/components/*.py))
NLU_HASH := $(shell cat $(NLU_SOURCES) | sha256sum | cut -c1-12)
NLU_MODEL := nlu/models/nlu-$(NLU_HASH).tar.gz
export RASA_TELEMETRY_ENABLED := false
# No training cache in .rasa/: a model is named by the hash of its sources and built once.
export RASA_MAX_CACHE_SIZE := 0
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export TF_CPP_MIN_LOG_LEVEL := 2
# Training runs under nlu/train_guard.py: a run that stops using CPU, or prints nothing, for
# NLU_TRAIN_STALL seconds, or passes NLU_TRAIN_TIMEOUT, is killed and started again (3 tries).
# TensorFlow's thread pools are not pinned: 10 DIET trainings with the old inter-op pin and 10
# without it showed no deadlock either way (README, "TensorFlow stalls"), and the pin is itself
# a known cause of TensorFlow hangs. 300 s of silence: a loaded machine was seen to need 120 s.
NLU_TRAIN_TIMEOUT ?= 1800
NLU_TRAIN_STALL ?= 300
DEMO_NLU := RASA_URL=http://127.0.0.1:5005 RASA_AUTH_TOKEN=demo-nlu-token
# Demo alerts: Jamaica is the default office; a crisis escalates after 2 minutes to show it.
DEMO_DESK := DEFAULT_OFFICE=JM ALERT_SLA_CRISIS_SECONDS=120

.PHONY: env run test check lint typecheck layers pytest test-pg bench bench-report clean \
	nlu-env nlu-train nlu-eval nlu-compare browser oracle

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip==25.3
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

env: $(INSTALLED)

## The dashboard's Spanish and French catalogs, compiled (the .mo files are not committed).
.PHONY: translations
translations: env
	$(BIN)/pybabel -q compile -d dashboard/translations -f

## Start web, worker, clock and nlu on SQLite with the demo channel (the phone simulator).
run: env translations nlu-train
	env -u TWILIO_ACCOUNT_SID -u TWILIO_AUTH_TOKEN -u DATABASE_URL $(BIN)/returnee db upgrade
	env -u TWILIO_ACCOUNT_SID -u TWILIO_AUTH_TOKEN -u DATABASE_URL $(BIN)/returnee demo
	@echo "Phone simulator: http://127.0.0.1:$(PORT)/simulator/  (Ctrl-C stops everything)"
	@echo "Caseworker dashboard: http://127.0.0.1:$(PORT)/dashboard/  (sign in as marcia@demo.invalid, password returnee-demo)"
	@echo "Demo caseworkers (each signs in with their email and returnee-demo; in the simulator they text ACK <code> / DONE <code>):"
	@env -u TWILIO_ACCOUNT_SID -u TWILIO_AUTH_TOKEN -u DATABASE_URL $(BIN)/returnee caseworker list
	env -u TWILIO_ACCOUNT_SID -u TWILIO_AUTH_TOKEN -u DATABASE_URL PATH="$(BIN):$$PATH" \
		$(DEMO_NLU) $(DEMO_DESK) $(BIN)/honcho start -f Procfile -p $(PORT)

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

# Two workers (this machine kind has 2 cores; a third gained nothing): tests that use the Rasa
# server share one worker (xdist_group "rasa"), and each worker has its own PostgreSQL database.
PYTEST := $(BIN)/pytest -q -n 2 --dist loadgroup

pytest: env translations nlu-train browser oracle
	$(PYTEST)

## Every test that uses the database, again against PostgreSQL (pure tests ran in `test`).
test-pg: env translations nlu-train browser oracle
	TEST_DATABASE_URL=$(PG_TEST_URL) TEST_DATABASE_ONLY=1 $(PYTEST)

## Debian's Chromium for the browser tests (tests/browser), installed only when missing.
browser:
	@test -x /usr/bin/chromium || { echo "Installing chromium (apt) for tests/browser"; \
		apt-get update && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y --no-install-recommends chromium; }
	@test -x /usr/bin/chromium

## Twilio's SMS segment calculator (npm, pinned in tests/oracle/package.json), the oracle of
## tests/unit/test_segments.py, installed only when missing.
oracle:
	@test -d tests/oracle/node_modules/sms-segments-calculator || \
		npm install --prefix tests/oracle --no-audit --no-fund

## The Rasa environment, and the model (trained only when its sources changed).
nlu-env: $(RASA_INSTALLED)

$(RASA_INSTALLED): nlu/requirements-rasa.txt
	@test -n "$(PYTHON310)" || { echo "Rasa 3.6 needs Python 3.10; none was found"; exit 1; }
	test -x $(RASA_VENV)/bin/python || $(PYTHON310) -m venv $(RASA_VENV)
	$(RASA_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip==25.3
	$(RASA_VENV)/bin/python -m pip install --quiet --disable-pip-version-check \
		-r nlu/requirements-rasa.txt
	rm -f $(RASA_VENV)/.installed-*
	touch $@

nlu-train: $(NLU_MODEL)

$(NLU_MODEL): $(RASA_INSTALLED) | $(INSTALLED)
	mkdir -p nlu/models
	PYTHONPATH=$(CURDIR)/nlu/components $(BIN)/python -m nlu.train_guard --attempts 3 \
		--stall $(NLU_TRAIN_STALL) --timeout $(NLU_TRAIN_TIMEOUT) -- \
		$(RASA) train nlu --config nlu/rasa/config.yml \
		--domain nlu/rasa/domain.yml --nlu nlu/rasa/data --out nlu/models \
		--fixed-model-name nlu-$(NLU_HASH) --num-threads 2
	test -f $@
	find nlu/models -name 'nlu-*.tar.gz' ! -name 'nlu-$(NLU_HASH).tar.gz' -delete

## The chosen pipeline through the real server on the held-out and dev files, then 5-fold
## cross-validation and the crisis threshold curve (bench/results/nlu/chosen.json).
nlu-eval: env nlu-train
	$(BIN)/python -m bench.nlu_eval nlu/rasa/config.yml --model $(NLU_MODEL)

## Every candidate pipeline in nlu/pipelines/, measured the same way (trains each; slow).
nlu-compare: env nlu-env
	$(BIN)/python -m bench.nlu_eval $(sort $(wildcard nlu/pipelines/*.yml))

## Throughput and latency figures (SQLite and PostgreSQL).
bench: env
	$(BIN)/python -m bench.run --pg-url $(PG_TEST_URL)
	$(BIN)/python -m bench.schedule --pg-url $(PG_TEST_URL)

## The monthly report on 100,000 returnees and 2,000,000 texts in PostgreSQL (target < 5 s);
## the database is created if missing and refilled (bench/results/report.json).
BENCH_REPORT_URL ?= postgresql://postgres@127.0.0.1:5432/test_bench_report
bench-report: env
	$(BIN)/python -m bench.report --pg-url $(BENCH_REPORT_URL)

clean:
	rm -rf $(VENV) $(RASA_VENV) instance nlu/models nlu/results .pytest_cache .mypy_cache .ruff_cache
