"""Bezwaar: an objection against a beschikking (Awb chapter 6 and 7). It is lodged within the objection term,
decided within the decision term (Awb art. 7:10: 6 weeks after the objection term ended), and decided as
gegrond, ongegrond or withdrawn. A gegrond objection against an afwijzing admits the client after all."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from domain.policy import Policy
from domain.wgs_deadlines import next_working_day_from


class BezwaarTegen(StrEnum):
    """The beschikking an objection is against: the decision on admission, or the decision to end help."""

    TOELATING = "toelating"
    BEEINDIGING = "beeindiging"


class BezwaarBeslissing(StrEnum):
    """How an objection ended."""

    GEGROND = "gegrond"
    ONGEGROND = "ongegrond"
    INGETROKKEN = "ingetrokken"


@dataclass(frozen=True)
class BezwaarIn:
    """An objection as it came in: the day it was received and its grounds."""

    ingediend_op: date
    gronden: str
    door: str = ""
    tegen: BezwaarTegen = BezwaarTegen.TOELATING


@dataclass(frozen=True)
class BezwaarBesluit:
    """The decision on an objection."""

    bezwaar_id: str
    beslissing: BezwaarBeslissing
    besluit_op: date
    motivering: str
    door: str = ""


@dataclass
class Bezwaar:
    """An objection as the traject keeps it, against the beschikking on admission or the one ending help."""

    bezwaar_id: str
    ingediend_op: date
    beslissen_uiterlijk: date
    beslissing: BezwaarBeslissing | None = None
    besluit_op: date | None = None
    tegen: BezwaarTegen = BezwaarTegen.TOELATING

    @property
    def open(self) -> bool:
        """Not decided yet."""
        return self.beslissing is None


def beslistermijn(bezwaar_uiterlijk: date, policy: Policy) -> date:
    """The last day to decide: the policy's weeks after the objection term ended, on a working day."""
    return next_working_day_from(bezwaar_uiterlijk + timedelta(weeks=policy.bezwaar_beslis_weken))


def bezwaar_problems(
    besluit_op: date, bezwaar_uiterlijk: date, bezwaren: list[Bezwaar], bezwaar: BezwaarIn, today: date
) -> list[tuple[str, str]]:
    """Why an objection cannot be recorded: its day before the beschikking, after the term or ahead, one
    running already, or one against the same beschikking decided ongegrond (what remains is beroep)."""
    problems = []
    if bezwaar.ingediend_op > today:
        problems.append(("ingediend_op", "ligt in de toekomst"))
    if bezwaar.ingediend_op < besluit_op:
        problems.append(("ingediend_op", "ligt voor de beschikking"))
    if bezwaar.ingediend_op > bezwaar_uiterlijk:
        problems.append(("ingediend_op", "ligt na de bezwaartermijn"))
    if any(b.open for b in bezwaren):
        problems.append(("bezwaar", "er loopt al een bezwaar; beslis daar eerst op"))
    if afgedaan(bezwaren, bezwaar.tegen, besluit_op):
        problems.append(("bezwaar", "op een bezwaar tegen dit besluit is al beslist; de cliënt kan nu in beroep"))
    return problems


def afgedaan(bezwaren: list[Bezwaar], tegen: BezwaarTegen, besluit_op: date) -> bool:
    """Whether an objection against the beschikking of `besluit_op` was decided ongegrond: then only beroep
    remains. A gegrond one took the traject back, so a later beschikking of that kind is open to a new one."""
    return any(
        b.tegen is tegen and b.beslissing is BezwaarBeslissing.ONGEGROND and b.ingediend_op >= besluit_op
        for b in bezwaren
    )


def kan_bezwaar(bezwaren: list[Bezwaar], tegen: BezwaarTegen, besluit_op: date, uiterlijk: date, today: date) -> bool:
    """Whether an objection against this beschikking can be lodged today."""
    return uiterlijk >= today and not any(b.open for b in bezwaren) and not afgedaan(bezwaren, tegen, besluit_op)


def besluit_problems(bezwaar: Bezwaar, besluit: BezwaarBesluit, today: date) -> list[tuple[str, str]]:
    """Why an objection cannot be decided so: decided already, or a decision day before it came in or ahead."""
    problems = []
    if not bezwaar.open:
        problems.append(("bezwaar_id", "op dit bezwaar is al beslist"))
    if besluit.besluit_op < bezwaar.ingediend_op:
        problems.append(("besluit_op", "ligt voor het bezwaar"))
    if besluit.besluit_op > today:
        problems.append(("besluit_op", "ligt in de toekomst"))
    return problems
