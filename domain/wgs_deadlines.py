"""The Wgs clocks (art. 4): first conversation and beschikking, counted on Dutch working days.

A term that ends on a weekend day or public holiday runs on to the next working day
(Algemene termijnenwet art. 1). Public holidays come from the `holidays` package's NL
calendar, which includes Good Friday and Liberation Day in lustrum years.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from domain.policy import Policy

# Built once at import, outside any workflow sandbox: constructing a calendar reads locale and
# translation files, which workflow code must not do. Trajecten live two years, deadlines a few months.
CALENDAR_YEARS = range(2015, 2061)
_DUTCH_HOLIDAYS = frozenset(holidays.country_holidays("NL", years=CALENDAR_YEARS).keys())


def is_working_day(day: date) -> bool:
    """A weekday that is not a Dutch public holiday."""
    if day.year not in CALENDAR_YEARS:
        raise ValueError(f"no holiday calendar for {day.year}")
    return day.weekday() < 5 and day not in _DUTCH_HOLIDAYS


def next_working_day_from(day: date) -> date:
    """The day itself if it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(start: date, count: int) -> date:
    """The `count`-th working day after `start` (the start day itself is not counted)."""
    day = start
    remaining = count
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


# A list of clocks asks this for many clocks on the same days: counted once per pair of days.
@lru_cache(maxsize=4096)
def working_days_left(today: date, deadline: date) -> int:
    """Working days from `today` to `deadline`: 0 when it is due today, negative when it has passed, by the
    working days since. A day that is not a working day counts for nothing either way."""
    first, last, sign = (today, deadline, 1) if deadline >= today else (deadline, today, -1)
    days = (first + timedelta(days=offset) for offset in range(1, (last - first).days + 1))
    return sign * sum(1 for day in days if is_working_day(day))


def first_conversation_deadline(meldingsdatum: date, crisis: bool, policy: Policy) -> date:
    """Last day for the first conversation: 3 working days in a crisis, else 4 weeks."""
    if crisis:
        return add_working_days(meldingsdatum, policy.crisis_working_days)
    return next_working_day_from(meldingsdatum + timedelta(weeks=policy.first_conversation_weeks))


def beschikking_deadline(first_conversation: date, policy: Policy) -> date:
    """Last day for the beschikking on admission: 8 weeks after the first conversation."""
    return next_working_day_from(first_conversation + timedelta(weeks=policy.beschikking_weeks))


def objection_deadline(beschikking_date: date, policy: Policy) -> date:
    """Last day to lodge a bezwaar against a beschikking (Awb art. 6:7)."""
    return next_working_day_from(beschikking_date + timedelta(weeks=policy.objection_weeks))


def end_of_day(day: date, timezone: str) -> datetime:
    """The instant a deadline day is over in the municipality's time zone (midnight after it)."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=ZoneInfo(timezone))


def morning_of(day: date, timezone: str) -> datetime:
    """Nine o'clock on `day` in the municipality's time zone: when a reminder due that day goes out."""
    return datetime.combine(day, time(9), tzinfo=ZoneInfo(timezone))


def local_date(instant: datetime, timezone: str) -> date:
    """The calendar date of an instant in the municipality's time zone."""
    return instant.astimezone(ZoneInfo(timezone)).date()
