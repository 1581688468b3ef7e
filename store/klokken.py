"""The console's Wgs clocks, picked out, ordered and counted by the database from each clock's row (Klokfeit,
kept in step with every write by store/feiten.py): a page of the clocks breached or due soon, every clock per
caseworker by where it stands, and the open trajecten per caseworker with those that have one breached or due
soon. domain/termijnen.py is the rule (status_of, tellingen, werkverdeling); the statements here write it as
ranges on a clock's last day, and tests/store/test_console_clocks.py holds them to it. Every statement joins
the traject, so a member of staff's werkgebied limits it too."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from datetime import date
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Select, and_, bindparam, case, func, literal, not_, or_
from sqlmodel import Session, col, select

from domain.phases import Phase
from domain.termijnen import Termijnstatus, Termijntelling, Werklast, attention_horizon, breached_before
from domain.traject import Clock, Deadline
from store.models import Klokfeit, Medewerker, Traject

ATTENTION = frozenset((Termijnstatus.OVERSCHREDEN, Termijnstatus.BINNENKORT))

_loopt_tot = col(Klokfeit.loopt_tot)
_overschreden = col(Klokfeit.overschreden)
# A clock not yet met is breached when the workflow saw its last day pass, or when a working day has passed
# since it (`lijn`: the last working day on or before today); it is due soon when it ends by `horizon`.
_BREACHED = or_(_overschreden, _loopt_tot < bindparam("lijn"))
_SOON = and_(not_(_overschreden), _loopt_tot >= bindparam("lijn"), _loopt_tot <= bindparam("horizon"))
_EITHER = or_(_overschreden, _loopt_tot <= bindparam("horizon"))


class Aandachtsklok(NamedTuple):
    """One running clock that asks for attention, with whose traject it is."""

    traject_id: str
    hulpverlener: str
    team: str | None
    klok: Deadline


def _bounds(today: date, warn_working_days: int) -> dict[str, date]:
    return {"lijn": breached_before(today), "horizon": attention_horizon(today, warn_working_days)}


def _of(query: Select[Any], hulpverlener: bool, team: bool) -> Select[Any]:
    query = query.join(Traject, col(Traject.id) == Klokfeit.traject_id).outerjoin(
        Medewerker, col(Medewerker.id) == Traject.caseworker
    )
    if hulpverlener:
        query = query.where(Traject.caseworker == bindparam("hulpverlener"))
    if team:
        query = query.where(Medewerker.team == bindparam("team"))
    return query


@cache
def _attention_statements(
    statuses: frozenset[Termijnstatus], hulpverlener: bool, team: bool
) -> tuple[Select[Any], Select[Any]]:
    """The count and the page of the clocks in `statuses`, built once for each shape: building a statement took
    longer than running it."""
    chosen: ColumnElement[bool]
    if statuses == ATTENTION:
        chosen = _EITHER
    elif statuses == {Termijnstatus.OVERSCHREDEN}:
        chosen = _BREACHED
    else:
        chosen = _SOON
    where = and_(_loopt_tot.is_not(None), chosen)
    count = _of(select(func.count()).select_from(Klokfeit), hulpverlener, team).where(where)
    page = (
        _of(
            select(
                Klokfeit.traject_id,
                Traject.caseworker,
                Medewerker.team,
                Klokfeit.klok,
                Klokfeit.uiterlijk,
                Klokfeit.overschreden,
            ),
            hulpverlener,
            team,
        )
        .where(where)
        .order_by(_loopt_tot, col(Klokfeit.traject_id), col(Klokfeit.klok))
        .offset(bindparam("offset"))
        .limit(bindparam("limit"))
    )
    return count, page


def attention_clocks(
    session: Session,
    today: date,
    warn_working_days: int,
    statuses: Collection[Termijnstatus],
    offset: int,
    limit: int,
    hulpverlener: str | None = None,
    team: str | None = None,
) -> tuple[int, list[Aandachtsklok]]:
    """How many running clocks of open trajecten are in `statuses` (breached, due soon or both) today, and the
    page from `offset` of at most `limit` of them, the earliest last day first (of one caseworker, or of the
    caseworkers of one team, when named)."""
    chosen = frozenset(statuses)
    if not chosen or not chosen <= ATTENTION:
        raise ValueError(f"only breached and due-soon clocks are listed, not {sorted(chosen - ATTENTION)}")
    count, page = _attention_statements(chosen, hulpverlener is not None, team is not None)
    parameters: dict[str, Any] = _bounds(today, warn_working_days) | {"hulpverlener": hulpverlener, "team": team}
    total = session.execute(count, parameters).scalar_one()
    rows = session.execute(page, parameters | {"offset": offset, "limit": limit}).all()
    return total, [
        Aandachtsklok(traject_id, caseworker, team_of, Deadline(Clock(klok), uiterlijk, None, overschreden))
        for traject_id, caseworker, team_of, klok, uiterlijk, overschreden in rows
    ]


def _counts_statement() -> Select[Any]:
    """Every clock per caseworker and status, a running clock only while its traject is open."""
    met = col(Klokfeit.gehaald_op).is_not(None)
    status = case(
        (and_(met, or_(_overschreden, col(Klokfeit.gehaald_op) > Klokfeit.uiterlijk)), literal(Termijnstatus.TE_LAAT)),
        (met, literal(Termijnstatus.OP_TIJD)),
        (_BREACHED, literal(Termijnstatus.OVERSCHREDEN)),
        (_loopt_tot <= bindparam("horizon"), literal(Termijnstatus.BINNENKORT)),
        else_=literal(Termijnstatus.LOOPT),
    ).label("status")
    # Grouped outside: PostgreSQL would not see a parameter in the select and the same one in the grouping as
    # one expression.
    clocks = (
        select(col(Traject.caseworker).label("hulpverlener"), status)
        .select_from(Klokfeit)
        .join(Traject, col(Traject.id) == Klokfeit.traject_id)
        .where(or_(met, _loopt_tot.is_not(None)))
        .subquery()
    )
    return select(clocks.c.hulpverlener, clocks.c.status, func.count()).group_by(clocks.c.hulpverlener, clocks.c.status)


def _workload_statement() -> Select[Any]:
    """Per caseworker and phase: the open trajecten, those with a clock breached or due soon, those breached."""
    attention = (
        select(col(Klokfeit.traject_id).label("traject_id"), func.max(case((_BREACHED, 1), else_=0)).label("breached"))
        .where(_loopt_tot.is_not(None), _EITHER)
        .group_by(col(Klokfeit.traject_id))
        .subquery()
    )
    return (
        select(
            Traject.caseworker,
            Traject.phase,
            func.count(),
            func.count(attention.c.traject_id),
            func.coalesce(func.sum(attention.c.breached), 0),
        )
        .outerjoin(attention, attention.c.traject_id == Traject.id)
        .where(Traject.phase != Phase.AFGESLOTEN.value)
        .group_by(col(Traject.caseworker), col(Traject.phase))
    )


# Built once: there is one shape of each.
_COUNTS = _counts_statement()
_WORKLOADS = _workload_statement()


def clock_counts(session: Session, today: date, warn_working_days: int) -> list[Termijntelling]:
    """Per caseworker with a clock counted, every clock counted by where it stands today, by caseworker; a
    closed traject's clock that was never met no longer runs, and is not counted."""
    counts: dict[str, Counter[Termijnstatus]] = {}
    for caseworker, status, number in session.execute(_COUNTS, _bounds(today, warn_working_days)):
        counts.setdefault(caseworker, Counter())[Termijnstatus(status)] = number
    return [Termijntelling(name, counts[name]) for name in sorted(counts)]


def workloads(session: Session, today: date, warn_working_days: int) -> list[Werklast]:
    """Per caseworker, the open trajecten by phase, with how many have a clock breached, and how many one due
    soon but none breached; the busiest first."""
    loads: dict[str, Werklast] = {}
    for caseworker, phase, number, attention, breached in session.execute(
        _WORKLOADS, _bounds(today, warn_working_days)
    ):
        load = loads.setdefault(caseworker, Werklast(caseworker))
        load.per_fase[phase] = number
        load.overschreden += breached
        load.binnenkort += attention - breached
    return sorted(loads.values(), key=lambda load: (-load.open, load.hulpverlener))
