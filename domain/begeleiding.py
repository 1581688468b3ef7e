"""Begeleiding: the instruments for a client whose debts cannot be settled yet, or who needs help to keep
money matters in order (seed 000, seed 004): budgetbeheer, budgetbegeleiding and beschermingsbewind, each
with who provides it and from when to when, during any phase of the traject."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

# A begeleiding may be planned a little ahead (a court date for bewind) and entered some time after it began.
VOORUIT_DAGEN = 90
TERUG_DAGEN = 365


class BegeleidingSoort(StrEnum):
    """The kinds of begeleiding the monitor and the national data delivery count."""

    BUDGETBEHEER = "budgetbeheer"
    BUDGETBEGELEIDING = "budgetbegeleiding"
    BESCHERMINGSBEWIND = "beschermingsbewind"


@dataclass(frozen=True)
class BegeleidingStart:
    """A begeleiding that starts: its kind, who provides it, and from when."""

    soort: BegeleidingSoort
    aanbieder: str
    start_op: date
    door: str = ""


@dataclass(frozen=True)
class BegeleidingEinde:
    """The end of a running begeleiding."""

    begeleiding_id: str
    einde_op: date
    door: str = ""


@dataclass
class Begeleiding:
    """A begeleiding as the traject keeps it."""

    begeleiding_id: str
    soort: BegeleidingSoort
    aanbieder: str
    start_op: date
    einde_op: date | None = None


def start_problems(lopend: list[Begeleiding], start: BegeleidingStart, today: date) -> list[tuple[str, str]]:
    """Why a begeleiding cannot start: its date out of range, or the same kind running already."""
    problems = []
    if start.start_op > today + timedelta(days=VOORUIT_DAGEN):
        problems.append(("start_op", f"ligt meer dan {VOORUIT_DAGEN} dagen vooruit"))
    if start.start_op < today - timedelta(days=TERUG_DAGEN):
        problems.append(("start_op", f"ligt meer dan {TERUG_DAGEN} dagen terug"))
    if any(b.soort is start.soort and b.einde_op is None for b in lopend):
        problems.append(("soort", "deze begeleiding loopt al; beëindig die eerst"))
    return problems


def einde_problems(begeleiding: Begeleiding, einde: BegeleidingEinde, today: date) -> list[tuple[str, str]]:
    """Why a begeleiding cannot end so: it ended already, or the end lies before its start or too far ahead."""
    problems = []
    if begeleiding.einde_op is not None:
        problems.append(("begeleiding_id", "deze begeleiding is al beëindigd"))
    if einde.einde_op < begeleiding.start_op:
        problems.append(("einde_op", "ligt voor de start"))
    if einde.einde_op > today + timedelta(days=VOORUIT_DAGEN):
        problems.append(("einde_op", f"ligt meer dan {VOORUIT_DAGEN} dagen vooruit"))
    return problems
