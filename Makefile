# Two commands: `make run` starts everything, `make test` passes the suite. Both set up the environment
# from uv.lock and the werkplek's front-end packages from ui/package-lock.json first; uv itself comes from
# PyPI into .tools/, Chromium for the browser tests from Debian, so nothing needs installing by hand.
UV_VERSION := 0.13.8
UV := .tools/bin/uv
PY := .venv/bin/python
# The project's own packages, compiled to bytecode before each run: PYTHONDONTWRITEBYTECODE may be set (it is on
# CI machines and in the image), and then every process would compile every module afresh at start-up.
SOURCES := $(patsubst %/__init__.py,%,$(wildcard */__init__.py))

UI_PACKAGES := ui/node_modules/.package-lock.json
CHROMIUM := /usr/bin/chromium
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: run test lint bench token compiled

$(UV):
	python3 -m venv .tools
	.tools/bin/pip install --quiet uv==$(UV_VERSION)

.venv/.synced: uv.lock pyproject.toml Makefile | $(UV)
	$(UV) sync --frozen --quiet --compile-bytecode
	touch $@

$(UI_PACKAGES): ui/package.json ui/package-lock.json
	cd ui && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) apt-get install -y -qq chromium

run: .venv/.synced $(UI_PACKAGES) compiled
	$(PY) -m runtime.devstack

test: .venv/.synced $(UI_PACKAGES) $(CHROMIUM) compiled lint
	$(PY) -m pytest -n 2 --dist loadgroup

lint: .venv/.synced
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy

compiled: .venv/.synced
	$(PY) -m compileall -q -x node_modules $(SOURCES) > /dev/null

bench: .venv/.synced compiled
	$(PY) -m bench

token: .venv/.synced
	@$(PY) -m api.tokens $(ROLE) $(if $(SUB),--sub $(SUB)) $(if $(RECHT),--recht $(RECHT))
