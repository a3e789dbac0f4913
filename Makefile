# Two commands for a fresh machine: `make run` and `make test`. Everything else here serves them.
SHELL := /bin/bash
.DEFAULT_GOAL := run
.PHONY: run run-scaled bench-load test install model migrate lint audit test-bot test-stories test-api bench bench-nlu bench-blind bench-conversations legislation clean

# Optional local settings (see .env.example); exported so all four processes see them.
-include .env
export

# The first interpreter of that version that really runs (a pyenv shim may exist yet refuse to run), resolved to
# its real path: python3.X on the PATH, else ~/.pyenv/versions/3.X.*.
find_python = $(shell for p in "$$(command -v python$(1) 2>/dev/null)" $(HOME)/.pyenv/versions/$(1).*/bin/python; do \
  [ -x "$$p" ] && "$$p" -c 'import sys; assert sys.version_info[:2] == tuple(map(int, "$(1)".split(".")))' 2>/dev/null \
  && { "$$p" -c 'import sys; print(sys.executable)'; break; }; done)
PY_BOT := $(call find_python,3.10)
PY_API := $(call find_python,3.11)
UV_VERSION := 0.13.8
UV := .tools/bin/uv

# Embedded defaults of `make run` (overridable from the environment or .env; see .env.example).
API_HOST ?= 127.0.0.1
API_PORT ?= 8000
RASA_PORT ?= 5005
ACTIONS_PORT ?= 5055
RASA_TRACKER_DB ?= var/rasa_tracker.db
RASA_TRACKER_URL ?= sqlite:///$(RASA_TRACKER_DB)
RASA_LOCK_STORE ?= in_memory
RASA_REDIS_HOST ?= 127.0.0.1
RASA_REDIS_PORT ?= 6379
RASA_REDIS_DB ?= 1
RASA_REDIS_PASSWORD ?=
RASA_URL ?= http://127.0.0.1:$(RASA_PORT)
ACTIONS_URL ?= http://127.0.0.1:$(ACTIONS_PORT)
ACTION_ENDPOINT_URL ?= $(ACTIONS_URL)/webhook
API_INTERNAL_URL ?= http://127.0.0.1:$(API_PORT)
NGINX_PATH ?= /usr/sbin/nginx

$(UV):
	@test -n "$(PY_API)" || { echo "Python 3.11 is missing: install it (e.g. 'pyenv install 3.11') and run make again." >&2; exit 1; }
	$(PY_API) -m venv .tools
	.tools/bin/pip install --quiet "uv==$(UV_VERSION)"

.venv/.installed: requirements/api.lock | $(UV)
	@test -n "$(PY_API)" || { echo "Python 3.11 is missing: install it (e.g. 'pyenv install 3.11')." >&2; exit 1; }
	test -x .venv/bin/python || $(UV) venv --quiet --python "$(PY_API)" .venv
	VIRTUAL_ENV=.venv $(UV) pip sync --quiet requirements/api.lock
	touch $@

.venv-bot/.installed: requirements/bot.lock | $(UV)
	@test -n "$(PY_BOT)" || { echo "Rasa 3.6 needs Python 3.10, which is missing: install it (e.g. 'pyenv install 3.10' or the python3.10 package) and run make again." >&2; exit 1; }
	test -x .venv-bot/bin/python || $(UV) venv --quiet --python "$(PY_BOT)" .venv-bot
	VIRTUAL_ENV=.venv-bot $(UV) pip sync --quiet requirements/bot.lock
	touch $@

install: .venv/.installed .venv-bot/.installed

model: .venv-bot/.installed
	scripts/train_if_changed.sh

# Databases and test reports of the embedded defaults live here (git-ignored).
var:
	mkdir -p var

migrate: .venv/.installed
	.venv/bin/alembic -c api/alembic.ini upgrade head

run: install model migrate | var
	@echo
	@echo "  Assistant des droits: http://localhost:$(API_PORT)/   (Rasa needs about 15 s to load; Ctrl-C stops everything)"
	@echo
	.venv/bin/honcho start -f Procfile

# The production topology on this machine: PostgreSQL, Redis, two replicas of each process behind nginx
# (ops/run_scaled.py; SCALED_* settings in .env.example). Says what to do if PostgreSQL, Redis or nginx is missing.
run-scaled: install model $(NGINX_PATH) | var
	.venv/bin/python -m ops.run_scaled

lint: install
	.venv/bin/ruff check .
	.venv/bin/mypy api rules channels facts ops benchmarks scripts/audit_dependencies.py tests/api tests/rules \
	  tests/channels tests/e2e tests/security tests/support tests/ops tests/scripts tests/conftest.py
	.venv-bot/bin/python -m mypy --python-version 3.10 bot nlu facts tests/bot tests/nlu

# Known vulnerabilities of both locks (pip-audit): a printed report, never a failure (see docs/security.md).
audit: .venv/.installed
	.venv/bin/python scripts/audit_dependencies.py

test-bot: install model
	PYTHONPATH=. .venv-bot/bin/python -m pytest -q tests/bot tests/nlu

test-stories: install model | var
	.venv-bot/bin/rasa data validate --config bot/config.yml --domain bot/domain --data bot/data nlu/data --fail-on-warnings
	.venv-bot/bin/rasa test core --model bot/models/assistant.tar.gz --stories tests/bot/stories \
	  --endpoints bot/endpoints.yml --fail-on-prediction-errors --out var/test-results

# The browser tests drive Debian's Chromium (Playwright's own browser download is not allowed here).
CHROMIUM_PATH ?= /usr/bin/chromium
$(CHROMIUM_PATH):
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	else echo "The browser tests need Chromium: install Debian's chromium package, or set CHROMIUM_PATH." >&2; exit 1; fi

# The scaled topology's reverse proxy (make run-scaled, tests/e2e/test_topology.py): Debian's nginx-light.
$(NGINX_PATH):
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light; \
	else echo "The scaled topology needs nginx: install Debian's nginx-light package, or set NGINX_PATH." >&2; exit 1; fi

test-api: install model $(CHROMIUM_PATH) $(NGINX_PATH)
	.venv/bin/python -m pytest -q -p tests.support.log_scan tests --ignore=tests/bot --ignore=tests/nlu

test: lint audit test-bot test-stories test-api

bench: install model bench-nlu
	PYTHONPATH=. .venv-bot/bin/python -m benchmarks.questions
	.venv/bin/python -m benchmarks.run

legislation: .venv/.installed
	.venv/bin/python -m rules.legislation_report

# Intent accuracy of the trained model and value accuracy of the nlu/ readers on the held-out French set.
bench-nlu: install model | var
	PYTHONPATH=. .venv-bot/bin/python -m benchmarks.nlu --json var/bench/nlu.json

# The bot on the frozen blind set (benchmarks/blind/): values and what the bot acts on. Figures only, no assert.
bench-blind: install model | var
	PYTHONPATH=. .venv-bot/bin/python -m benchmarks.blind --json var/bench/blind.json

# Simulated households play whole bilans on the real stack; compared with the api on their true facts (issue 11).
bench-conversations: install model | var
	.venv/bin/python -m benchmarks.conversations --json var/bench/conversations.json

# Residents playing whole bilans at 10, 20 and 50 at once on `make run` and `make run-scaled` side by side, then
# a 1,000-reply SMS burst on each (benchmarks/load.py; 23 min on a loaded machine, bounded). Figures only.
bench-load: install model | var
	.venv/bin/python -m benchmarks.load --json var/bench/load.json

clean:
	rm -rf var bot/models .rasa .pytest_cache .mypy_cache .ruff_cache
