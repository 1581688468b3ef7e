"""Engine, sessions and migrations for the dossier DB (SQLite by default, PostgreSQL in production)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

from store.feiten import rebuild

MIGRATIONS = Path(__file__).resolve().parent / "migrations"

SessionFactory = Callable[[], Session]


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets WAL and a busy timeout so the worker and the API can share it.
    The timeout is short: a write that waits longer fails, and its activity is retried."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 5})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def session_factory(engine: Engine) -> SessionFactory:
    """A callable that opens a new session on `engine`; objects stay readable after commit."""

    def open_session() -> Session:
        return Session(engine, expire_on_commit=False)

    return open_session


def migrate(url: str, revision: str = "head") -> None:
    """Bring the schema at `url` up to `revision`, the newest migration unless named; at the newest, write the
    monitor's facts of every traject that lacks them or has them from an older derivation (store/feiten.py)."""
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url)
    command.upgrade(config, revision)
    if revision == "head":
        engine = make_engine(url)
        rebuild(engine)
        engine.dispose()
