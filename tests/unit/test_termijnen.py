"""Where each Wgs clock stands, counted per caseworker, against figures worked out by hand over Christmas."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain.termijnen import (
    Dossierklokken,
    Termijnstatus,
    attention_horizon,
    breached_before,
    status_of,
    tellingen,
    werkverdeling,
)
from domain.traject import Clock, Deadline

# Monday 28 December 2026: Christmas (Friday 25th) and the weekend lie just behind, New Year (Friday) ahead.
TODAY = date(2026, 12, 28)
WARN = 2


def clock(uiterlijk: date, gehaald_op: date | None = None, overschreden: bool = False) -> Deadline:
    return Deadline(Clock.EERSTE_GESPREK, uiterlijk, gehaald_op, overschreden)


@pytest.mark.parametrize(
    ("deadline", "status"),
    [
        (clock(date(2026, 12, 24)), Termijnstatus.OVERSCHREDEN),  # one working day (today) past it
        (clock(date(2026, 12, 28)), Termijnstatus.BINNENKORT),  # due today
        (clock(date(2026, 12, 30)), Termijnstatus.BINNENKORT),  # 29th and 30th: two working days
        (clock(date(2026, 12, 31)), Termijnstatus.LOOPT),  # three
        (clock(date(2027, 1, 4)), Termijnstatus.LOOPT),  # four: New Year's Day does not count
        (clock(date(2026, 12, 22), gehaald_op=date(2026, 12, 20)), Termijnstatus.OP_TIJD),
        (clock(date(2026, 12, 22), gehaald_op=date(2026, 12, 22)), Termijnstatus.OP_TIJD),
        (clock(date(2026, 12, 22), gehaald_op=date(2026, 12, 23)), Termijnstatus.TE_LAAT),
        (clock(date(2026, 12, 22), gehaald_op=date(2026, 12, 21), overschreden=True), Termijnstatus.TE_LAAT),
        (clock(date(2027, 2, 1), overschreden=True), Termijnstatus.OVERSCHREDEN),  # the workflow's word counts
    ],
)
def test_a_clock_stands_where_the_calendar_puts_it(deadline: Deadline, status: Termijnstatus) -> None:
    assert status_of(deadline, TODAY, WARN) is status


def traject(name: str, fase: str, *klokken: Deadline, open_: bool = True) -> Dossierklokken:
    return Dossierklokken(f"{name}-{fase}-{len(klokken)}", name, fase, open_, klokken)


DOSSIER = [
    traject("hv-anna", "aanmelding", clock(date(2026, 12, 24))),
    traject("hv-anna", "toelating", clock(date(2026, 12, 1), date(2026, 11, 30)), clock(date(2026, 12, 30))),
    traject("hv-anna", "stabilisatie", clock(date(2026, 11, 2), date(2026, 11, 3))),
    traject("hv-bo", "aanmelding", clock(date(2027, 1, 4))),
    # A closed traject's clock that never ran out is not breached: it stopped running.
    traject("hv-bo", "afgesloten", clock(date(2026, 12, 1)), open_=False),
    traject("hv-bo", "afgesloten", clock(date(2026, 10, 1), date(2026, 9, 30)), open_=False),
]


def test_the_counts_per_caseworker_are_the_ones_worked_out_by_hand() -> None:
    counted = {t.hulpverlener: dict(t.per_status) for t in tellingen(DOSSIER, TODAY, WARN)}
    assert counted == {
        "hv-anna": {
            Termijnstatus.OVERSCHREDEN: 1,
            Termijnstatus.OP_TIJD: 1,
            Termijnstatus.BINNENKORT: 1,
            Termijnstatus.TE_LAAT: 1,
        },
        "hv-bo": {Termijnstatus.LOOPT: 1, Termijnstatus.OP_TIJD: 1},
    }


def test_the_work_per_caseworker_counts_open_trajecten_by_phase() -> None:
    loads = werkverdeling(DOSSIER, TODAY, WARN)
    assert [load.hulpverlener for load in loads] == ["hv-anna", "hv-bo"]
    anna, bo = loads
    assert (anna.open, dict(anna.per_fase), anna.overschreden, anna.binnenkort) == (
        3,
        {"aanmelding": 1, "toelating": 1, "stabilisatie": 1},
        1,
        1,
    )
    assert (bo.open, dict(bo.per_fase), bo.overschreden, bo.binnenkort) == (1, {"aanmelding": 1}, 0, 0)


def test_the_figures_come_out_the_same_from_the_same_dossier() -> None:
    assert tellingen(DOSSIER, TODAY, WARN) == tellingen(list(reversed(DOSSIER)), TODAY, WARN)


@pytest.mark.parametrize("warn", [0, 2, 5])
def test_the_horizon_is_the_last_day_a_clock_is_due_soon(warn: int) -> None:
    # Every day from before Christmas to past Easter 2027: weekends and holidays on both sides of the horizon.
    for offset in range(130):
        today = date(2026, 12, 14) + timedelta(days=offset)
        horizon = attention_horizon(today, warn)
        at_horizon = status_of(Deadline(Clock.BESCHIKKING, horizon), today, warn)
        after = status_of(Deadline(Clock.BESCHIKKING, horizon + timedelta(days=1)), today, warn)
        assert at_horizon == Termijnstatus.BINNENKORT, (today, horizon)
        assert after == Termijnstatus.LOOPT, (today, horizon)


def test_a_clock_is_breached_when_it_ended_before_the_last_working_day() -> None:
    # Every day from before Christmas to past Easter 2027, every last day in the three weeks before it.
    for offset in range(130):
        today = date(2026, 12, 14) + timedelta(days=offset)
        line = breached_before(today)
        for back in range(21):
            uiterlijk = today - timedelta(days=back)
            breached = status_of(Deadline(Clock.BESCHIKKING, uiterlijk), today, WARN) is Termijnstatus.OVERSCHREDEN
            assert breached == (uiterlijk < line), (today, uiterlijk, line)
