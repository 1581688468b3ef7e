# Two commands: `make run` starts everything, `make test` passes the suite. Both set up the environment
# from uv.lock first; uv itself comes from PyPI into .tools/, so nothing needs installing by hand.
UV_VERSION := 0.13.8
UV := .tools/bin/uv
PY := .venv/bin/python

.PHONY: run test lint bench token

$(UV):
	python3 -m venv .tools
	.tools/bin/pip install --quiet uv==$(UV_VERSION)

.venv/.synced: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen --quiet
	touch $@

run: .venv/.synced
	$(PY) -m runtime.devstack

test: .venv/.synced lint
	$(PY) -m pytest -n 2 --dist loadgroup

lint: .venv/.synced
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy

bench: .venv/.synced
	$(PY) -m bench

token: .venv/.synced
	@$(PY) -m api.tokens $(ROLE) $(if $(SUB),--sub $(SUB)) $(if $(RECHT),--recht $(RECHT))
