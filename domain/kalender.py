"""The month calendar of a settlement: due days, check days, and what was due and paid on a given day.
Each value is derived here once, for the workflow, its projection and the API alike."""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the last day of the month when that month is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def vervaldag(ingangsdatum: date, maand: int) -> date:
    """The day the payment of month `maand` (1-based) is due: one month after the start, then monthly."""
    return add_months(ingangsdatum, maand)


def controledag(ingangsdatum: date, maand: int, respijt_dagen: int) -> date:
    """The day the engine checks the payment of month `maand`: its due day plus the grace days."""
    return vervaldag(ingangsdatum, maand) + timedelta(days=respijt_dagen)


def vervallen_maanden(ingangsdatum: date | None, maanden: int, day: date) -> int:
    """How many of the term's `maanden` are due on `day` (none before the term started)."""
    if ingangsdatum is None:
        return 0
    return sum(1 for maand in range(1, maanden + 1) if vervaldag(ingangsdatum, maand) <= day)


def volgende_vervaldag(ingangsdatum: date | None, maanden: int, day: date) -> date | None:
    """The first due day after `day`, or None when the term has none left."""
    if ingangsdatum is None:
        return None
    return next((due for k in range(1, maanden + 1) if (due := vervaldag(ingangsdatum, k)) > day), None)


def achterstand(schema: list[int], ingangsdatum: date | None, betaald_cent: int, day: date) -> int:
    """How far behind its schedule a term is on `day`, in cents; never negative."""
    verwacht = sum(schema[: vervallen_maanden(ingangsdatum, len(schema), day)])
    return max(0, verwacht - betaald_cent)
