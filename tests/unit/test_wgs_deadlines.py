"""Wgs clocks across weekends and Dutch public holidays."""

from datetime import date

import pytest

from domain.policy import Policy
from domain.wgs_deadlines import (
    add_working_days,
    beschikking_deadline,
    end_of_day,
    first_conversation_deadline,
    is_working_day,
    objection_deadline,
    working_days_left,
)

POLICY = Policy()


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 4, 3), False),  # Good Friday
        (date(2026, 4, 6), False),  # Easter Monday
        (date(2026, 4, 27), False),  # Koningsdag
        (date(2026, 12, 25), False),  # Christmas
        (date(2026, 12, 26), False),  # Second day of Christmas, a Saturday anyway
        (date(2026, 11, 21), False),  # Saturday
        (date(2026, 11, 23), True),  # an ordinary Monday
        (date(2025, 4, 26), False),  # Koningsdag 2025 falls on Saturday
    ],
)
def test_working_days(day: date, working: bool) -> None:
    assert is_working_day(day) is working


def test_crisis_clock_counts_three_working_days_over_a_weekend() -> None:
    # Friday 20 Nov 2026 -> Mon, Tue, Wed
    assert first_conversation_deadline(date(2026, 11, 20), True, POLICY) == date(2026, 11, 25)


def test_crisis_clock_skips_easter() -> None:
    # Thursday 2 April 2026: Good Friday, weekend and Easter Monday do not count -> Tue 7, Wed 8, Thu 9
    assert first_conversation_deadline(date(2026, 4, 2), True, POLICY) == date(2026, 4, 9)


def test_crisis_clock_skips_koningsdag() -> None:
    # Friday 24 April 2026: Mon 27 is Koningsdag -> Tue 28, Wed 29, Thu 30
    assert first_conversation_deadline(date(2026, 4, 24), True, POLICY) == date(2026, 4, 30)


def test_crisis_clock_skips_christmas_and_new_year() -> None:
    # Wednesday 23 Dec 2026: Thu 24 counts, Fri 25 and Sat 26 are Christmas, Mon 28, Tue 29
    assert first_conversation_deadline(date(2026, 12, 23), True, POLICY) == date(2026, 12, 29)
    assert add_working_days(date(2026, 12, 30), 2) == date(2027, 1, 4)


def test_four_week_clock_on_a_working_day() -> None:
    assert first_conversation_deadline(date(2026, 11, 2), False, POLICY) == date(2026, 11, 30)


def test_four_week_clock_ending_on_easter_monday_runs_on() -> None:
    # 9 March 2026 + 4 weeks = Easter Monday 6 April -> Tuesday 7 April
    assert first_conversation_deadline(date(2026, 3, 9), False, POLICY) == date(2026, 4, 7)


def test_four_week_clock_ending_on_christmas_runs_past_the_weekend() -> None:
    # 27 Nov 2026 + 4 weeks = Friday 25 Dec; 26 and 27 Dec are weekend -> Monday 28 Dec
    assert first_conversation_deadline(date(2026, 11, 27), False, POLICY) == date(2026, 12, 28)


def test_beschikking_clock_is_eight_weeks_after_the_conversation() -> None:
    assert beschikking_deadline(date(2026, 3, 2), POLICY) == date(2026, 4, 28)  # 27 April is Koningsdag


def test_objection_period_is_six_weeks() -> None:
    assert objection_deadline(date(2026, 11, 23), POLICY) == date(2027, 1, 4)


def test_policy_sets_its_own_terms() -> None:
    strict = Policy(first_conversation_weeks=2, crisis_working_days=1)
    assert first_conversation_deadline(date(2026, 11, 20), True, strict) == date(2026, 11, 23)
    assert first_conversation_deadline(date(2026, 11, 2), False, strict) == date(2026, 11, 16)


def test_end_of_day_is_midnight_in_amsterdam() -> None:
    moment = end_of_day(date(2026, 7, 1), "Europe/Amsterdam")
    assert moment.isoformat() == "2026-07-02T00:00:00+02:00"


@pytest.mark.parametrize(
    ("today", "deadline", "left"),
    [
        (date(2026, 11, 23), date(2026, 11, 23), 0),  # due today
        (date(2026, 11, 23), date(2026, 11, 25), 2),  # Monday to Wednesday
        (date(2026, 11, 20), date(2026, 11, 23), 1),  # Friday to Monday: the weekend does not count
        (date(2026, 12, 24), date(2026, 12, 28), 1),  # over Christmas
        (date(2026, 11, 21), date(2026, 11, 23), 1),  # from a Saturday
        (date(2026, 11, 25), date(2026, 11, 23), -2),  # breached two working days ago
        (date(2026, 11, 23), date(2026, 11, 20), -1),  # breached on Friday, seen on Monday
        (date(2026, 11, 22), date(2026, 11, 21), 0),  # a weekend deadline seen the day after: nothing lost yet
    ],
)
def test_working_days_left_counts_like_the_clock(today: date, deadline: date, left: int) -> None:
    assert working_days_left(today, deadline) == left
