"""What the engine accepts as an amount, a date and a text: the bounds every layer checks against.

The API refuses values outside these bounds at its edge; the rules that a workflow relies on check them
again, so a value that slips past one layer can never make a workflow or a dossier write fail forever.
"""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

# One billion euro: above any household's debts, far below what a 64-bit column holds even when a
# hundred such amounts are added up.
MAX_CENTS = 100_000_000_000

# The years the engine can count working days in (the holiday calendar of wgs_deadlines).
FIRST_DAY = date(2015, 1, 1)
LAST_DAY = date(2060, 12, 31)

# Bidirectional embeddings, overrides and isolates: they make a text read differently from what it
# holds ("Trojan Source"). Ordinary right-to-left letters need none of them.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Characters with no place in a name or a note: byte-order marks and non-characters.
UNWANTED = frozenset("\ufeff\ufffe\uffff")
LINE_BREAKS = frozenset("\n\t")


def amount_problem(cents: int, *, positive: bool = False) -> str | None:
    """Why an amount in cents is not acceptable, or None."""
    if cents < 0 or (positive and cents == 0):
        return "moet meer dan nul zijn" if positive else "mag niet negatief zijn"
    if cents > MAX_CENTS:
        return f"is groter dan {MAX_CENTS} cent"
    return None


def text_problem(value: str, *, multiline: bool = False) -> str | None:
    """Why a text is not acceptable, or None: control characters, bidi overrides and non-characters are
    refused; letters of every script, diacritics and emoji are welcome. A multi-line text may hold line
    breaks and tabs."""
    allowed = LINE_BREAKS if multiline else frozenset()
    for char in value:
        if char in allowed:
            continue
        if char in BIDI_CONTROLS or char in UNWANTED or unicodedata.category(char) in ("Cc", "Cs"):
            return f"bevat een niet-toegestaan teken (U+{ord(char):04X})"
    return None


def date_problem(day: date, today: date, *, back: int | None = None, ahead: int | None = None) -> str | None:
    """Why a date is not acceptable, or None: it must lie in the engine's calendar and, where given,
    at most `back` days before and `ahead` days after `today`."""
    if not FIRST_DAY <= day <= LAST_DAY:
        return f"ligt buiten {FIRST_DAY.year}-{LAST_DAY.year}"
    if ahead is not None and day > today + timedelta(days=ahead):
        return "ligt in de toekomst" if ahead == 0 else f"ligt meer dan {ahead} dagen in de toekomst"
    if back is not None and day < today - timedelta(days=back):
        return f"ligt meer dan {back} dagen terug"
    return None


def calendar_problem(day: date) -> str | None:
    """Why a date cannot be counted with, or None: it must lie in the engine's calendar."""
    return date_problem(day, day)


class Window:
    """How far before and after today a date of one meaning may lie, in days (None: no limit but the
    calendar's)."""

    def __init__(self, back: int | None, ahead: int | None) -> None:
        self.back = back
        self.ahead = ahead

    def problem(self, day: date, today: date) -> str | None:
        """Why `day` does not fit this window on `today`, or None."""
        return date_problem(day, today, back=self.back, ahead=self.ahead)


# An aanmelding is registered within a year of the day the person reported.
MELDING = Window(back=365, ahead=0)
# Something that happened: not in the future.
GEBEURD = Window(back=None, ahead=0)
# An appointment is made for the coming year, or entered shortly after it was planned.
AFSPRAAK = Window(back=30, ahead=365)
# An action point's last day: within two years of the conversation.
ACTIE = Window(back=30, ahead=730)
# A creditor's statement of its claim: not in the future, and not older than ten years.
PEILDATUM = Window(back=3650, ahead=0)
# An eviction date set by a landlord or bailiff: recently passed or within a year.
ONTRUIMING = Window(back=90, ahead=365)
# A collection measure or a missed appointment is registered within two years.
RECENT = Window(back=730, ahead=0)
