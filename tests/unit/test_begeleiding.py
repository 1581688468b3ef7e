"""When a begeleiding can start and end: one of a kind at a time, dates within reach, an end after the start."""

from __future__ import annotations

from datetime import date, timedelta

from domain.begeleiding import (
    Begeleiding,
    BegeleidingEinde,
    BegeleidingSoort,
    BegeleidingStart,
    einde_problems,
    start_problems,
)

TODAY = date(2026, 12, 3)
BEHEER = Begeleiding("b-1", BegeleidingSoort.BUDGETBEHEER, "Kredietbank", date(2026, 6, 1))


def test_one_begeleiding_of_a_kind_runs_at_a_time() -> None:
    again = BegeleidingStart(BegeleidingSoort.BUDGETBEHEER, "Kredietbank", TODAY)
    other = BegeleidingStart(BegeleidingSoort.BESCHERMINGSBEWIND, "Bewind & Co", TODAY)
    assert start_problems([BEHEER], again, TODAY) == [("soort", "deze begeleiding loopt al; beëindig die eerst")]
    assert start_problems([BEHEER], other, TODAY) == []
    ended = Begeleiding("b-1", BegeleidingSoort.BUDGETBEHEER, "Kredietbank", date(2026, 6, 1), date(2026, 11, 30))
    assert start_problems([ended], again, TODAY) == []


def test_a_start_lies_within_a_year_back_and_90_days_ahead() -> None:
    def start(day: date) -> BegeleidingStart:
        return BegeleidingStart(BegeleidingSoort.BUDGETBEGELEIDING, "Wijkteam", day)

    assert start_problems([], start(TODAY + timedelta(days=90)), TODAY) == []
    assert start_problems([], start(TODAY + timedelta(days=91)), TODAY) == [
        ("start_op", "ligt meer dan 90 dagen vooruit")
    ]
    assert start_problems([], start(TODAY - timedelta(days=365)), TODAY) == []
    assert start_problems([], start(TODAY - timedelta(days=366)), TODAY) == [
        ("start_op", "ligt meer dan 365 dagen terug")
    ]


def test_an_end_comes_once_and_after_the_start() -> None:
    assert einde_problems(BEHEER, BegeleidingEinde("b-1", TODAY), TODAY) == []
    assert einde_problems(BEHEER, BegeleidingEinde("b-1", date(2026, 5, 31)), TODAY) == [
        ("einde_op", "ligt voor de start")
    ]
    ended = Begeleiding("b-1", BegeleidingSoort.BUDGETBEHEER, "Kredietbank", date(2026, 6, 1), TODAY)
    assert einde_problems(ended, BegeleidingEinde("b-1", TODAY), TODAY) == [
        ("begeleiding_id", "deze begeleiding is al beëindigd")
    ]
