"""The monitor's facts of each traject in plain rows (Monitorfeit, Klokfeit, Bezwaarfeit), kept in step with the
dossier, so that the database counts a period's figures instead of the API reading every traject out.

Every commit that wrote a traject, its settlement or its plan van aanpak rewrites that traject's facts in the same
transaction: the figures never count half a change, and no write path, present or future, can forget them. The
rows are derived by the reading the monitor's facts have always come from (store/monitor.read_facts) and the
pure rules of domain/monitor.py; only the counting is SQL. AFLEIDING names this derivation: `rebuild` rewrites
the rows of every traject that has none yet, or has them from an older derivation."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, event, insert, inspect, or_
from sqlalchemy.engine import Engine
from sqlalchemy.orm import UOWTransaction
from sqlmodel import Session, col, select

from domain.monitor import (
    Periode,
    Trajectfeiten,
    beslist_op,
    klok_vastgesteld,
    norm_of,
    op_tijd_beslist,
    terug_binnen_jaar,
)
from domain.phases import Step
from domain.policy import TIMEZONE
from store.models import Bezwaarfeit, Klokfeit, Monitorfeit, Regeling, Traject, TrajectEvent
from store.monitor import facts_query, read_facts

# Raise this when the derivation changes: the next `rebuild` (each start runs one) rewrites every row.
AFLEIDING = 2
# Where a session collects, between its flushes and its commit, the trajecten whose facts changed.
_STALE = "monitorfeiten_verouderd"
_BATCH = 1_000
_ALL = Periode(None, None)

Rows = tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]


def derive(facts: Trajectfeiten, plan_at: datetime | None, gesloten_at: datetime | None) -> Rows:
    """The rows of one traject's facts: its Monitorfeit, its Klokfeiten and its Bezwaarfeiten. The plan van
    aanpak and the closing are kept as instants: the day they fall on is the reader's time zone's."""
    traject_id = facts.traject_id
    feit = {
        "traject_id": traject_id,
        "afleiding": AFLEIDING,
        "bron": facts.bron,
        "crisis": facts.crisis,
        "meldingsdatum": facts.meldingsdatum,
        "heraanmelding": facts.heraanmelding,
        "terug_binnen_jaar": terug_binnen_jaar(facts),
        "gesprek_op": facts.gesprek_op,
        "besluit": facts.besluit.value if facts.besluit else None,
        "besluit_op": facts.besluit_op,
        "plan_at": plan_at,
        "voorstel_op": facts.voorstel_op,
        "regeling_op": facts.regeling_op,
        "afgerond_op": facts.afgerond_op,
        "gesloten_at": gesloten_at,
        "uitval_reden": facts.uitval_reden,
        "uitval_fase": facts.uitval_fase,
        "einde": facts.einde.value if facts.einde else None,
    }
    klokken = [
        {
            "traject_id": traject_id,
            "nr": nr,
            "klok": klok.clock.value,
            "uiterlijk": klok.uiterlijk,
            "gehaald_op": klok.gehaald_op,
            "overschreden": klok.overschreden,
            "loopt_tot": klok.uiterlijk if facts.open and klok.gehaald_op is None else None,
            "norm": norm_of(klok, facts.crisis).value,
            "beslist_op": beslist_op(klok),
            "gehaald": klok_vastgesteld(klok),
        }
        for nr, klok in enumerate(facts.klokken)
    ]
    bezwaren = [
        {
            "traject_id": traject_id,
            "nr": nr,
            "ingediend_op": bezwaar.ingediend_op,
            "beslissing": bezwaar.beslissing.value if bezwaar.beslissing else None,
            "besluit_op": bezwaar.besluit_op,
            "op_tijd": op_tijd_beslist(bezwaar),
        }
        for nr, bezwaar in enumerate(facts.bezwaren)
    ]
    return feit, klokken, bezwaren


# Built once: building them took longer than running them, on every write to a traject.
# They run on the session's connection, past the ORM and so past a werkgebied's limit too: a traject's facts
# are all of it, whoever wrote to it.
_LOCK = select(Traject.id).where(col(Traject.id).in_(bindparam("ids", expanding=True))).with_for_update()
_FACTS = facts_query(_ALL, TIMEZONE, of_ids=True)
_TABLES = (Klokfeit, Bezwaarfeit, Monitorfeit)
_DELETES = tuple(delete(table).where(col(table.traject_id).in_(bindparam("ids", expanding=True))) for table in _TABLES)
_INSERTS = {table: insert(table) for table in _TABLES}


def write(session: Session, rows: list[Rows]) -> None:
    """Replace the facts of the trajecten these rows are of by these rows. Nothing is committed here."""
    ids = [feit["traject_id"] for feit, _, _ in rows]
    # On the session's connection, past the ORM: no object in the session is a fact, so there is nothing to keep
    # in step, and the ORM's bulk paths cost more than the statements on every write to a traject.
    connection = session.connection()
    for statement in _DELETES:
        connection.execute(statement, {"ids": ids})
    for table, values in (
        (Monitorfeit, [feit for feit, _, _ in rows]),
        (Klokfeit, [klok for _, klokken, _ in rows for klok in klokken]),
        (Bezwaarfeit, [bezwaar for _, _, bezwaren in rows for bezwaar in bezwaren]),
    ):
        if values:
            connection.execute(_INSERTS[table], values)


def refresh(session: Session, ids: Collection[str]) -> None:
    """Rewrite the facts of these trajecten from what the session sees of them now. Their traject rows are
    locked first (on PostgreSQL): two transactions that each changed a part of one traject would otherwise each
    derive its facts without the other's part, and the last to commit would win."""
    ordered = {"ids": sorted(ids)}
    connection = session.connection()
    # SQLite has one writer at a time, and no row locks to take.
    if connection.dialect.name != "sqlite":
        connection.execute(_LOCK, ordered).all()
    write(session, [derive(*read) for read in read_facts(connection.execute(_FACTS, ordered).all(), TIMEZONE)])


def rebuild(engine: Engine) -> int:
    """Write the facts of every traject that has none, or has them from an older derivation, in batches; how
    many trajecten were written. Safe to run in several processes at once (each batch locks its trajecten)."""
    written = 0
    while True:
        with Session(engine) as session:
            stale = session.exec(
                select(Traject.id)
                .outerjoin(Monitorfeit, col(Monitorfeit.traject_id) == Traject.id)
                .where(or_(col(Monitorfeit.afleiding).is_(None), Monitorfeit.afleiding != AFLEIDING))
                .order_by(col(Traject.id))
                .limit(_BATCH)
            ).all()
            if not stale:
                return written
            refresh(session, stale)
            session.commit()
            written += len(stale)


# The columns the facts are derived from: a write that changes none of them (a note, a payment, a reminder sent)
# leaves the facts as they are, and costs no refresh.
_FACT_COLUMNS: dict[type[Any], tuple[str, ...]] = {
    Traject: (
        "phase",
        "phase_since",
        "closed_after",
        "bron",
        "crisis",
        "meldingsdatum",
        "termijnen",
        "beschikking",
        "uitval",
        "afgerond_op",
        "vorig_traject_id",
        "heraanmelding_id",
        "bezwaren",
        "afsluiting",
    ),
    Regeling: ("soort", "voorgesteld_op", "ingangsdatum", "uitspraak", "wsnp_einde_verwacht"),
}


def _changes_facts(row: object) -> bool:
    columns = _FACT_COLUMNS.get(type(row))
    if columns is None:
        return isinstance(row, TrajectEvent) and row.kind == Step.PLAN_VAN_AANPAK.value
    state = inspect(row)
    return not state.persistent or any(state.attrs[name].history.has_changes() for name in columns)


@event.listens_for(Session, "after_flush")
def _note_changes(session: Session, _flush: UOWTransaction) -> None:
    stale: set[str] = session.info.setdefault(_STALE, set())
    for row in (*session.new, *session.dirty, *session.deleted):
        if row not in session.deleted and not _changes_facts(row):
            continue
        if isinstance(row, Traject):
            stale.add(row.id)
            # A return's facts hold when this traject ended.
            if row.heraanmelding_id is not None:
                stale.add(row.heraanmelding_id)
        elif isinstance(row, Regeling | TrajectEvent):
            stale.add(row.traject_id)


@event.listens_for(Session, "before_commit")
def _refresh_before_commit(session: Session) -> None:
    session.flush()
    if stale := session.info.pop(_STALE, None):
        refresh(session, stale)


@event.listens_for(Session, "after_rollback")
def _forget_changes(session: Session) -> None:
    session.info.pop(_STALE, None)
