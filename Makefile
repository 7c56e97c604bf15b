# The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in emails (invitations, status changes) follow the address the product is served on.
SITE_URL ?= http://$(HOST):$(PORT)

# Debian packages the product needs: a command (or library) to look for, and
# the package that provides it. Installed only when missing, only as root.
DEBIAN_NEEDS := chromium:chromium pdftotext:poppler-utils msgfmt:gettext fc-list:fontconfig redis-server:redis-server
DEBIAN_FONTS := /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:fonts-dejavu-core /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf:fonts-noto-color-emoji

.PHONY: run test install install-dev system-deps messages migrate seed lint format prod-check worker web clean

run: system-deps install messages migrate seed
	@echo ""
	@echo "  SMM Strategy Planner: http://$(HOST):$(PORT)/   (links in emails: $(SITE_URL))"
	@echo "  Demo logins (password smmplanner-demo):"
	@echo "    manager@demo.example   marketer@demo.example   client@demo.example"
	@echo "  Broker: $${REDIS_URL:-embedded filesystem queue in var/celery}   Database: $${DATABASE_URL:-SQLite in var/db.sqlite3}"
	@echo "  Press Ctrl-C to stop the web server and the worker."
	@echo ""
	@trap 'kill 0' INT TERM EXIT; \
	SITE_URL=$(SITE_URL) $(PY) -m celery -A smmplanner worker --beat --loglevel=INFO --concurrency=2 --schedule=var/celerybeat-schedule & \
	SITE_URL=$(SITE_URL) $(PY) manage.py runserver $(HOST):$(PORT) --noreload

test: system-deps install-dev messages lint
	$(PY) manage.py makemigrations --check --dry-run
	scripts/with-redis.sh $(PY) -m pytest

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

system-deps:
	@missing=""; \
	for pair in $(DEBIAN_NEEDS); do command -v "$${pair%%:*}" >/dev/null 2>&1 || missing="$$missing $${pair##*:}"; done; \
	for pair in $(DEBIAN_FONTS); do [ -e "$${pair%%:*}" ] || missing="$$missing $${pair##*:}"; done; \
	ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else \
	    echo "Missing system packages:$$missing (install them with your package manager; charts, PDF checks and browser tests need them)"; \
	  fi; \
	fi

messages: install
	$(PY) manage.py compilemessages --ignore=$(VENV) --ignore=var -v 0

migrate: install
	$(PY) manage.py migrate --noinput -v 0

seed: migrate
	$(PY) manage.py seed_demo

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

prod-check: install
	DJANGO_SETTINGS_MODULE=smmplanner.settings.prod $(PY) manage.py check --deploy --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) var/staticfiles var/celery
