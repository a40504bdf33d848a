# Nội chính — the two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
export DJANGO_SETTINGS_MODULE := config.settings

.PHONY: run test install system-deps test-deps lint migrate demo serve bench lock clean messages audit load load-ci docs screenshots

install: $(VENV)/.installed

$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.lock
	touch $@

# Debian packages: the browser for the browser tests, fonts and Pango for documents, PgBouncer
# and SoftHSM2 for the tests that start a pooler and a PKCS#11 token of their own.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	fc-list 2>/dev/null | grep -qi "Liberation Serif" || missing="$$missing fonts-liberation2"; \
	ldconfig -p | grep -q libpangoft2 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	command -v pgbouncer >/dev/null || [ -x /usr/sbin/pgbouncer ] || missing="$$missing pgbouncer"; \
	command -v softhsm2-util >/dev/null || missing="$$missing softhsm2"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing from Debian:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

migrate: install
	mkdir -p var
	$(PY) manage.py migrate --noinput -v0

demo: migrate
	$(PY) manage.py load_demo

# The web server, the background worker (report documents) and the periodic jobs scheduler
# (core/jobs.py: reminders, escalation, digests) together: when one stops (or on Ctrl-C) the
# others are stopped too.
# The local demo runs with DEBUG on: with DEBUG off the server refuses the published
# local secrets (docs/deploy.md §1) and asks privileged roles for a second factor.
run: export DEBUG ?= 1
run: demo
	$(PY) manage.py demo_logins
	@$(PY) manage.py db_worker --interval 1 & worker=$$!; \
	$(PY) manage.py run_jobs --loop & jobs=$$!; \
	$(PY) manage.py runserver 127.0.0.1:8000 --insecure & web=$$!; \
	trap 'kill $$worker $$jobs $$web 2>/dev/null; wait' INT TERM EXIT; \
	wait -n $$worker $$jobs $$web

# ruff, the import drawing (pyproject.toml [tool.importlinter]), mypy over [tool.mypy] files,
# and no model change without its migration.
lint: install
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports --no-logo
	$(PY) -m mypy
	$(PY) manage.py makemigrations --check --dry-run -v0

test-deps: install system-deps

test: test-deps lint audit
	$(PY) -m pytest -n 2 -q -p no:cacheprovider
	@if $(PY) -c "import psycopg,sys; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null; then \
	  echo "== PostgreSQL reachable at $(PG_URL): running the suite again on PostgreSQL"; \
	  DATABASE_URL=$(PG_URL) $(PY) -m pytest -n 2 -q -p no:cacheprovider; \
	else \
	  echo "== SKIPPED: PostgreSQL not reachable at $(PG_URL); the suite ran on SQLite only"; \
	fi
	$(MAKE) --no-print-directory load-ci

# bandit clean; pip-audit when a vulnerability database answers (else a SKIPPED line).
audit: install
	$(PY) tests/hardening/run_audit.py

bench: install system-deps
	$(PY) bench/run.py

# Load test on loopback against gunicorn + PostgreSQL: 50 users for 2 minutes by default;
# shorter with LOAD_USERS=10 LOAD_TIME=20s LOAD_PETITIONS=1000.
load: install
	PY=$(PY) bench/load/run.sh

# The load test shortened for CI (the end of `make test`, about 1.5 minutes) in the database
# load_ci (LOAD_CI_DB=...) next to PG_URL, re-created; SKIPPED if PostgreSQL is not reachable.
load-ci: install
	LOAD_USERS=20 LOAD_TIME=30s LOAD_PETITIONS=2000 LOAD_OUT=var/load-ci PY=$(PY) \
	  LOAD_PG_URL=$(dir $(PG_URL))$(or $(LOAD_CI_DB),load_ci) bench/load/run.sh

messages: install
	$(PY) manage.py makemessages -l vi -l en --ignore '.venv/*' --ignore 'var/*'
	$(PY) manage.py compilemessages --ignore '.venv/*'

lock:
	$(PY) -m pip install -q uv && $(VENV)/bin/uv pip compile pyproject.toml --extra test -o requirements.lock

clean:
	rm -rf var/noichinh.sqlite3* var/static

# The guide's pictures (docs/huong-dan/img/): the browser stories that call guide_shot(),
# run with GUIDE_SHOTS=1. The guide itself is Markdown, served at /huong-dan/.
docs: install
	GUIDE_SHOTS=1 $(PY) -m pytest -q -p no:cacheprovider $$(grep -l "guide_shot(page" tests/scenarios/test_*.py)

# Store new layout screenshots (tests/scenarios/screenshots/) after a deliberate change.
screenshots: install
	UPDATE_SCREENSHOTS=1 $(PY) -m pytest -q -p no:cacheprovider tests/scenarios/test_screenshots.py
