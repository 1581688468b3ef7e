"""The dossier store on SQLite and on PostgreSQL (a fresh database per test), the same SQL for both."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import Engine

from store.db import SessionFactory, make_engine, migrate, session_factory

POSTGRES = os.environ.get("SCHULDHULP_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")


def _postgres_reachable() -> bool:
    try:
        with psycopg.connect(POSTGRES, connect_timeout=3):
            return True
    except psycopg.OperationalError:
        return False


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'dossier.db'}"
        return
    if not _postgres_reachable():
        if os.environ.get("CI"):
            pytest.fail(f"CI has PostgreSQL on {POSTGRES}, but it does not answer")
        pytest.skip("no PostgreSQL reachable")
    name = f"dossier_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield POSTGRES.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://") + f"/{name}"
    finally:
        with psycopg.connect(POSTGRES, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture
def store_engine(store_url: str) -> Iterator[Engine]:
    migrate(store_url)
    engine = make_engine(store_url)
    yield engine
    engine.dispose()


@pytest.fixture
def store(store_engine: Engine) -> SessionFactory:
    return session_factory(store_engine)
