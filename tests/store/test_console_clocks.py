"""The database picks out, orders and counts the console's Wgs clocks exactly as domain/termijnen.py's rules do
over the same dossier, on SQLite and PostgreSQL: for any clocks, any day around Christmas and New Year, any
warning days, any caseworker or team. The clocks' rows are derived from the traject rows by the same rebuild a
start runs."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert
from sqlalchemy.engine import Engine
from sqlmodel import Session

from domain.phases import Phase
from domain.termijnen import Dossierklokken, Termijnstatus, status_of, tellingen, werkverdeling
from domain.traject import Clock, Deadline
from domain.wgs_deadlines import working_days_left
from store.db import session_factory
from store.feiten import rebuild
from store.klokken import ATTENTION, attention_clocks, clock_counts, workloads
from store.models import Bezwaarfeit, Klokfeit, Medewerker, Monitorfeit, Persoon, Traject
from store.werkgebied import limit_to

# Mid-December 2026 to late January 2027: weekends, Christmas and New Year on both sides of every day.
FIRST = date(2026, 12, 14)
DAYS = 45
CASEWORKERS = ("hv-a", "hv-b", "hv-c")
# hv-c is not in the register: the console shows its clocks without a team.
TEAMS = {"hv-a": "noord", "hv-b": "zuid"}
_LISTS = ("breaches", "actielijst", "eerdere_trajecten", "maatregelen", "nazorg", "gemiste_afspraken")

days = st.integers(0, DAYS).map(lambda offset: FIRST + timedelta(days=offset))


@st.composite
def day_and_dossier(draw: st.DrawFn) -> tuple[date, list[tuple[str, Phase, list[Deadline], str]]]:
    """A day, and trajecten whose clocks end close to it (where a day more or less changes a clock's status)
    and were met close to their last day, if at all."""
    today = draw(days)
    near = st.integers(-9, 9).map(lambda offset: today + timedelta(days=offset))

    @st.composite
    def clock(draw: st.DrawFn, which: Clock) -> Deadline:
        uiterlijk = draw(near)
        met = draw(st.one_of(st.none(), st.integers(-2, 2).map(lambda offset: uiterlijk + timedelta(days=offset))))
        return Deadline(which, uiterlijk, met, draw(st.booleans()))

    traject = st.tuples(
        st.sampled_from(CASEWORKERS),
        st.sampled_from([Phase.AANMELDING, Phase.TOELATING, Phase.STABILISATIE, Phase.AFGESLOTEN]),
        st.lists(st.sampled_from(Clock), max_size=2, unique=True).flatmap(lambda which: st.tuples(*map(clock, which))),
        st.sampled_from(["0301", "0505"]),
    )
    dossier = draw(st.lists(traject, max_size=12))
    return today, [(caseworker, phase, list(klokken), gemeente) for caseworker, phase, klokken, gemeente in dossier]


Dossier = list[tuple[str, Phase, list[Deadline], str]]


def _store(engine: Engine, dossier: Dossier) -> list[Dossierklokken]:
    """The dossier as traject rows, written around the session as an import would, and their clocks' rows
    rebuilt; the same dossier as the rules read it."""
    with engine.begin() as connection:
        for table in (Klokfeit, Bezwaarfeit, Monitorfeit, Traject, Persoon, Medewerker):
            connection.execute(delete(table))
        connection.execute(
            insert(Medewerker),
            [
                {"id": hv, "naam": hv, "team": team, "telefoon": "1", "rol": "hulpverlener"}
                for hv, team in TEAMS.items()
            ],
        )
        now = datetime(2026, 12, 1, tzinfo=UTC)
        for nr, (caseworker, phase, klokken, gemeente) in enumerate(dossier):
            traject_id = f"{nr:02d}-traject"
            connection.execute(
                insert(Persoon),
                {"id": traject_id, "bsn": "1", "naam": "", "straat": "", "postcode": "", "woonplaats": ""},
            )
            connection.execute(
                insert(Traject),
                {
                    "id": traject_id,
                    "persoon_id": traject_id,
                    "phase": phase.value,
                    "phase_since": now,
                    "caseworker": caseworker,
                    "bron": "zelf",
                    "kinderen": False,
                    "meldingsdatum": FIRST,
                    "gemeentecode": gemeente,
                    "termijnen": [
                        {
                            "clock": k.clock.value,
                            "uiterlijk": k.uiterlijk.isoformat(),
                            "gehaald_op": k.gehaald_op.isoformat() if k.gehaald_op else None,
                            "overschreden": k.overschreden,
                        }
                        for k in klokken
                    ],
                    "created_at": now,
                    "updated_at": now,
                }
                | {key: [] for key in _LISTS},
            )
    rebuild(engine)
    return [
        Dossierklokken(f"{nr:02d}-traject", caseworker, phase.value, phase is not Phase.AFGESLOTEN, tuple(klokken))
        for nr, (caseworker, phase, klokken, _) in enumerate(dossier)
    ]


def _expected(
    dossier: list[Dossierklokken], today: date, warn: int, statuses: frozenset[Termijnstatus]
) -> list[tuple[str, str, Clock, date, Termijnstatus, int]]:
    rows = [
        (t.traject_id, t.hulpverlener, d.clock, d.uiterlijk, status, working_days_left(today, d.uiterlijk))
        for t in dossier
        if t.open
        for d in t.klokken
        if (status := status_of(d, today, warn)) in statuses
    ]
    return sorted(rows, key=lambda row: (row[3], row[0], row[2].value))


def _listed(
    session: Session, today: date, warn: int, statuses: frozenset[Termijnstatus], **scope: str
) -> tuple[int, list[tuple[str, str, Clock, date, Termijnstatus, int]]]:
    total, rows = attention_clocks(session, today, warn, statuses, 0, 1_000, **scope)
    return total, [
        (
            r.traject_id,
            r.hulpverlener,
            r.klok.clock,
            r.klok.uiterlijk,
            status_of(r.klok, today, warn),
            working_days_left(today, r.klok.uiterlijk),
        )
        for r in rows
    ]


STATUS_CHOICES = [ATTENTION, frozenset({Termijnstatus.OVERSCHREDEN}), frozenset({Termijnstatus.BINNENKORT})]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=day_and_dossier(), warn=st.sampled_from([0, 2, 5]))
def test_the_database_lists_and_counts_the_clocks_the_rules_do(
    store_engine: Engine, case: tuple[date, Dossier], warn: int
) -> None:
    today, dossier = case
    read = _store(store_engine, dossier)
    with session_factory(store_engine)() as session:
        for statuses in STATUS_CHOICES:
            expected = _expected(read, today, warn, statuses)
            assert _listed(session, today, warn, statuses) == (len(expected), expected)
            of_b = [row for row in expected if row[1] == "hv-b"]
            assert _listed(session, today, warn, statuses, hulpverlener="hv-b") == (len(of_b), of_b)
            noord = [row for row in expected if TEAMS.get(row[1]) == "noord"]
            assert _listed(session, today, warn, statuses, team="noord") == (len(noord), noord)
            total, page = attention_clocks(session, today, warn, statuses, 1, 2)
            assert (total, [(r.traject_id, r.klok.clock) for r in page]) == (
                len(expected),
                [(row[0], row[2]) for row in expected[1:3]],
            )
        assert clock_counts(session, today, warn) == tellingen(read, today, warn)
        assert workloads(session, today, warn) == werkverdeling(read, today, warn)


def test_a_werkgebied_limits_the_clocks_too(store_engine: Engine) -> None:
    breached = Deadline(Clock.EERSTE_GESPREK, FIRST, None, True)
    read = _store(
        store_engine, [("hv-a", Phase.TOELATING, [breached], "0301"), ("hv-a", Phase.TOELATING, [breached], "0505")]
    )
    with session_factory(store_engine)() as session:
        limit_to(session, ("0505",))
        total, rows = attention_clocks(session, FIRST, 2, ATTENTION, 0, 50)
        assert (total, [r.traject_id for r in rows]) == (1, [read[1].traject_id])
        assert [dict(t.per_status) for t in clock_counts(session, FIRST, 2)] == [{Termijnstatus.OVERSCHREDEN: 1}]
        assert [(w.open, w.overschreden) for w in workloads(session, FIRST, 2)] == [(1, 1)]


def test_only_breached_and_due_soon_clocks_are_listed(store_engine: Engine) -> None:
    with session_factory(store_engine)() as session, pytest.raises(ValueError, match="loopt"):
        attention_clocks(session, FIRST, 2, {Termijnstatus.LOOPT}, 0, 50)
