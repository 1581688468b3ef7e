"""The dossier's lists and figures at the size of a city and of a region: 1,000, 10,000 and 100,000 trajecten,
on SQLite and on PostgreSQL. Each query the werkplek and the console run is measured against its own SQL (for
the werkvoorraad, the same SQL written out; for the clocks and the figures, the statements they sent, replayed
on the driver's own connection), run raw in the same run: no types, no objects. So the ratio says what our code
adds on top of the database."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import psycopg
from pydantic import TypeAdapter
from sqlalchemy import event, insert, text
from sqlalchemy.engine import Engine

from api.views import attention_clocks, clock_counts, workloads
from domain.monitor import Periode
from domain.phases import Phase, Step
from domain.policy import TIMEZONE
from domain.traject import Clock, Deadline
from runtime.heap import settle
from store.db import make_engine, migrate, session_factory
from store.feiten import rebuild
from store.klokken import ATTENTION
from store.models import Persoon, Traject, TrajectEvent
from store.monitor import period_figures
from store.queries import LIST_COLUMNS, TrajectFilter, list_trajecten

SIZES = (1_000, 10_000, 100_000)
RUNS = 5
POSTGRES = os.environ.get("SCHULDHULP_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
TODAY = date(2026, 11, 23)
# A caseworker carries about a hundred trajecten, whatever the size of the service.
PER_CASEWORKER = 100
# The policy's default: a clock is due soon two working days before its last day.
WARN = 2
# The werkvoorraad's raw select reads the columns its query reads, so the ratio is not flattered by reading less.
LIST_SQL = ", ".join(c.key for c in LIST_COLUMNS)
OPEN_PHASES = [p.value for p in Phase if p not in (Phase.AFGESLOTEN,)]
_DEADLINES = TypeAdapter(list[Deadline])
# A bulk insert skips the model's defaults: the lists a new traject starts with.
_EMPTY_LISTS = ("breaches", "actielijst", "eerdere_trajecten", "maatregelen", "nazorg", "gemiste_afspraken")


@dataclass(frozen=True)
class Figure:
    """One measured query at one size on one database, beside its raw select."""

    what: str
    database: str
    size: int
    ms: float
    raw_ms: float

    @property
    def ratio(self) -> float:
        """How many times the raw select's time our query takes."""
        return self.ms / self.raw_ms


def _median_ms(action: Callable[[], object]) -> float:
    action()
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def _rows(size: int) -> Iterator[tuple[dict[str, Any], dict[str, Any], dict[str, Any] | None]]:
    """Trajecten as a service holds them after some years: most closed, the rest spread over the phases, the
    open ones with a first-conversation clock that is met, running, due soon or breached."""
    now = datetime(2026, 11, 23, 9, tzinfo=UTC)
    for i in range(size):
        traject_id = str(uuid.UUID(int=i + 1))
        melding = TODAY - timedelta(days=i % 900)
        phase = Phase.AFGESLOTEN.value if i % 10 < 7 else OPEN_PHASES[i % len(OPEN_PHASES)]
        uiterlijk = TODAY + timedelta(days=(i % 40) - 10)
        clock = Deadline(Clock.EERSTE_GESPREK, uiterlijk, melding if i % 3 == 0 else None, uiterlijk < TODAY)
        persoon = {
            "id": traject_id,
            "bsn": f"{i:09d}",
            "naam": "Cliënt",
            "straat": "Straat 1",
            "postcode": "3311 AA",
            "woonplaats": "Dordrecht",
        }
        traject = {
            "id": traject_id,
            "persoon_id": traject_id,
            "phase": phase,
            "phase_since": now - timedelta(days=i % 700),
            "caseworker": f"hv-{i % max(size // PER_CASEWORKER, 1)}",
            "bron": "zelf",
            "kinderen": i % 2 == 0,
            "meldingsdatum": melding,
            "termijnen": _DEADLINES.dump_python([clock], mode="json"),
            "deadline_breached": clock.overschreden and clock.gehaald_op is None,
            "next_deadline": uiterlijk if clock.gehaald_op is None else None,
            "created_at": now - timedelta(days=i % 900),
            "updated_at": now,
        }
        traject |= {key: [] for key in _EMPTY_LISTS}
        event = None
        if i % 3 == 0:
            at = now - timedelta(days=i % 800)
            event = {"key": f"plan-{traject_id}", "traject_id": traject_id, "kind": Step.PLAN_VAN_AANPAK.value}
            event |= {"at": at, "actor": "hv", "data": {}}
        yield persoon, traject, event


def fill(engine: Engine, size: int) -> None:
    """`size` trajecten with their clients, as `_rows` makes them, in batches."""
    batch: list[tuple[dict[str, Any], dict[str, Any], dict[str, Any] | None]] = []

    def flush() -> None:
        with engine.begin() as connection:
            connection.execute(insert(Persoon), [p for p, _, _ in batch])
            connection.execute(insert(Traject), [t for _, t, _ in batch])
            events = [e for _, _, e in batch if e is not None]
            if events:
                connection.execute(insert(TrajectEvent), events)
        batch.clear()

    for row in _rows(size):
        batch.append(row)
        if len(batch) == 5_000:
            flush()
    if batch:
        flush()
    # Written around the session, the trajecten have no facts yet: a start writes them, as after an import.
    rebuild(engine)
    with engine.begin() as connection:
        connection.execute(text("ANALYZE"))


def _measure(engine: Engine, database: str, size: int) -> list[Figure]:
    # Measured in a process at rest, as the API's is once it has started: what filling the database left is
    # collected, and what stays is settled.
    settle()
    sessions = session_factory(engine)
    caseworker = "hv-3"
    month = Periode(date(2026, 10, 1), date(2026, 10, 31))

    def werkvoorraad() -> object:
        with sessions() as session:
            return list_trajecten(session, TrajectFilter(hulpverlener=caseworker), 0, 50)

    def werkvoorraad_raw() -> object:
        with engine.connect() as connection:
            where = "FROM traject WHERE caseworker = :c"
            total = connection.execute(text(f"SELECT count(*) {where}"), {"c": caseworker}).scalar()
            order = "ORDER BY next_deadline IS NULL, next_deadline, created_at, id LIMIT 50"
            rows = connection.execute(text(f"SELECT {LIST_SQL} {where} {order}"), {"c": caseworker}).all()
            return total, rows

    def clocks() -> object:
        with sessions() as session:
            return attention_clocks(session, TODAY, WARN, ATTENTION, 0, 50)

    def clock_figures() -> object:
        with sessions() as session:
            return clock_counts(session, TODAY, WARN), workloads(session, TODAY, WARN)

    def figures() -> object:
        with sessions() as session:
            return period_figures(session, month, TODAY, TIMEZONE)

    def replayed(action: Callable[[], object]) -> Callable[[], object]:
        """The statements `action` sent, replayed on the driver's own connection."""
        statements = _sent(engine, action)

        def raw() -> object:
            connection = engine.raw_connection()
            try:
                cursor = connection.cursor()
                for statement, parameters in statements:
                    cursor.execute(statement, parameters)
                    cursor.fetchall()
                return cursor
            finally:
                connection.close()

        return raw

    return [
        Figure(what, database, size, _median_ms(ours), _median_ms(raw))
        for what, ours, raw in (
            ("werkvoorraad of one caseworker (a page of 50)", werkvoorraad, werkvoorraad_raw),
            ("breached and due-soon clocks (a page of 50)", clocks, replayed(clocks)),
            ("clocks and work per caseworker", clock_figures, replayed(clock_figures)),
            ("monthly figures", figures, replayed(figures)),
        )
    ]


def _sent(engine: Engine, action: Callable[[], object]) -> list[tuple[str, Any]]:
    """The statements `action` sends to the database, with their parameters, as the driver received them."""
    sent: list[tuple[str, Any]] = []

    def record(_connection: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        sent.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return sent


@contextmanager
def _database(kind: str) -> Iterator[str | None]:
    """A fresh, empty dossier database of this kind, removed afterwards; None when it is not reachable."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            yield f"sqlite:///{tmp}/dossier.db"
        return
    name = f"dossier_bench_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(POSTGRES, autocommit=True, connect_timeout=3) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError:
        yield None
        return
    try:
        yield POSTGRES.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://") + f"/{name}"
    finally:
        with psycopg.connect(POSTGRES, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def run(sizes: tuple[int, ...] = SIZES) -> list[Figure]:
    """Every query at every size on both databases (PostgreSQL left out when it does not answer)."""
    figures: list[Figure] = []
    for kind in ("sqlite", "postgresql"):
        for size in sizes:
            with _database(kind) as url:
                if url is None:
                    break
                migrate(url)
                engine = make_engine(url)
                fill(engine, size)
                figures += _measure(engine, kind, size)
                engine.dispose()
    return figures


def table(figures: list[Figure]) -> str:
    """The figures as the README's Markdown table, one row per query and database, sizes side by side."""
    sizes = sorted({f.size for f in figures})
    head = " | ".join(f"{size:,} trajecten" for size in sizes)
    lines = [f"| query | database | {head} |", "|---|---|" + "---|" * len(sizes)]
    for what in dict.fromkeys(f.what for f in figures):
        for database in dict.fromkeys(f.database for f in figures):
            row = {f.size: f for f in figures if f.what == what and f.database == database}
            if row:
                cells = " | ".join(
                    f"{row[s].ms:.1f} ms vs {row[s].raw_ms:.1f} ms = {row[s].ratio:.1f}x" for s in sizes if s in row
                )
                lines.append(f"| {what} | {database} | {cells} |")
    return "\n".join(lines)
