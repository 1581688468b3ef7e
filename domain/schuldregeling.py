"""The settlement of a traject's debts, from the proposal to the final account.

A settlement (schuldregeling) is a minnelijke regeling (the client pays a monthly amount that is divided
over the creditors pro rata) or a saneringskrediet (the kredietbank pays every creditor its part at once
and the client repays the kredietbank). Creditors accept or refuse; a refusal leads to a dwangakkoord
request (art. 287a Fw) or the Wsnp (art. 284 ff. Fw). During the term the client pays a monthly amount
by a schedule: one expected amount per month, so a recalculation after a change of income replaces the
months still to come and nothing else.
"""

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from fractions import Fraction

from domain.afloscapaciteit import Afloscapaciteit, Huishouden
from domain.bounds import GEBEURD, amount_problem
from domain.kalender import achterstand
from domain.policy import Policy
from domain.regeling_status import RegelingStatus
from domain.uitval import UitvalReden
from domain.verdeling import Aandeel, Claim, verdeel


class RegelingSoort(StrEnum):
    """The two kinds of settlement."""

    MINNELIJK = "minnelijk"
    SANERINGSKREDIET = "saneringskrediet"


class Reactie(StrEnum):
    """A creditor's answer to the proposal."""

    OPEN = "open"
    AKKOORD = "akkoord"
    AFGEWEZEN = "afgewezen"


class Vervolg(StrEnum):
    """What the caseworker does after a refusal."""

    DWANGAKKOORD = "dwangakkoord"
    WSNP = "wsnp"


class BetalingBron(StrEnum):
    """Who recorded a payment."""

    HULPVERLENER = "hulpverlener"
    KREDIETBANK = "kredietbank"
    BEWINDVOERDER = "bewindvoerder"


@dataclass(frozen=True)
class Afloscapaciteitstap:
    """The household facts the caseworker records, or a VTLB computed elsewhere."""

    huishouden: Huishouden
    vtlb_cent: int | None = None
    door: str = ""


@dataclass(frozen=True)
class Voorstel:
    """The caseworker's choice of settlement to propose."""

    soort: RegelingSoort
    door: str = ""


@dataclass
class Deelnemer:
    """One creditor in the settlement: its claim, its agreed part, what it received, its answer."""

    schuldeiser_id: str
    vordering_cent: int
    preferent: bool
    aandeel_cent: int
    ontvangen_cent: int = 0
    voorstel_id: str = ""
    reactie: Reactie = Reactie.OPEN
    reden: str | None = None
    beantwoord_op: date | None = None
    geescaleerd: bool = False


@dataclass(frozen=True)
class VoorstelReactie:
    """A creditor's answer, from the creditor API or recorded by the caseworker after a call."""

    schuldeiser_id: str
    akkoord: bool
    reden: str = ""
    door: str = ""


@dataclass(frozen=True)
class VervolgKeuze:
    """The caseworker's choice after a refusal."""

    keuze: Vervolg
    door: str = ""


@dataclass(frozen=True)
class Uitspraak:
    """The court's decision on a dwangakkoord or Wsnp request."""

    toegewezen: bool
    datum: date
    door: str = ""


@dataclass(frozen=True)
class Betaling:
    """One payment by the client; its id makes it count once, however often it is sent."""

    betaling_id: str
    datum: date
    bedrag_cent: int
    bron: BetalingBron = BetalingBron.HULPVERLENER
    door: str = ""


@dataclass(frozen=True)
class WsnpEinde:
    """How the Wsnp ended: with a schone lei, or not."""

    schone_lei: bool
    datum: date
    door: str = ""


@dataclass
class RegelingState:
    """A settlement's state: the workflow keeps it across continue-as-new, the dossier shows it."""

    traject_id: str
    soort: RegelingSoort
    status: RegelingStatus
    afloscapaciteit: Afloscapaciteit
    deelnemers: list[Deelnemer]
    voorgesteld_op: date
    schema: list[int] = field(default_factory=list)
    ingangsdatum: date | None = None
    betalingen: list[Betaling] = field(default_factory=list)
    gemist: list[int] = field(default_factory=list)
    gecontroleerd_tot: int = 0
    herberekening: Afloscapaciteit | None = None
    dwangakkoord_afgewezen: bool = False
    uitspraak: Uitspraak | None = None
    wsnp_einde_verwacht: date | None = None
    afgerond_op: date | None = None
    uitval: UitvalReden | None = None
    version: int = 0

    @property
    def betaald_cent(self) -> int:
        """What the client paid so far."""
        return sum(b.bedrag_cent for b in self.betalingen)

    @property
    def totaal_cent(self) -> int:
        """What the client pays over the whole term: the schedule's total, or before the term starts, the
        parts proposed to the creditors."""
        return sum(self.schema) if self.schema else sum(d.aandeel_cent for d in self.deelnemers)

    @property
    def open_reacties(self) -> list[Deelnemer]:
        """Creditors that have not answered the proposal."""
        return [d for d in self.deelnemers if d.reactie is Reactie.OPEN]

    @property
    def weigeraars(self) -> list[Deelnemer]:
        """Creditors that refused the proposal."""
        return [d for d in self.deelnemers if d.reactie is Reactie.AFGEWEZEN]

    def verwacht_tot(self, maand: int) -> int:
        """What the client should have paid by the end of month `maand` (1-based)."""
        return sum(self.schema[:maand])

    def achterstand_op(self, day: date) -> int:
        """How far behind the schedule the client is on `day`, never negative."""
        return achterstand(self.schema, self.ingangsdatum, self.betaald_cent, day)


def percentage_tekst(deel_cent: int, van_cent: int) -> str:
    """A part of a whole as a Dutch reader writes a percentage: '23,45%' (rounded half up, two decimals)."""
    if not van_cent:
        return "0,00%"
    hundredths = (Fraction(deel_cent * 10_000, van_cent) + Fraction(1, 2)).__floor__()
    return f"{hundredths // 100},{hundredths % 100:02d}%"


def claims_of(deelnemers: list[Deelnemer]) -> list[Claim]:
    """The creditors' claims as the distribution sees them."""
    return [Claim(d.schuldeiser_id, d.vordering_cent, d.preferent) for d in deelnemers]


def voorstel_deelnemers(claims: list[Claim], capaciteit: Afloscapaciteit, preferent_factor: int) -> list[Deelnemer]:
    """Every creditor's part of what the client can pay over the term, never more than all claims together."""
    total = min(capaciteit.totaal_cent, sum(c.bedrag_cent for c in claims))
    return [
        Deelnemer(a.schuldeiser_id, a.vordering_cent, a.preferent, a.aandeel_cent)
        for a in verdeel(claims, total, preferent_factor)
    ]


def verdeel_betaling(deelnemers: list[Deelnemer], bedrag_cent: int) -> list[Aandeel]:
    """Divide one payment over what each creditor is still to receive, in proportion, exact in cents.

    The preferent rule is already in the agreed parts, so a payment follows them with factor 1.
    """
    remaining = [Claim(d.schuldeiser_id, max(0, d.aandeel_cent - d.ontvangen_cent), False) for d in deelnemers]
    return verdeel(remaining, min(bedrag_cent, sum(c.bedrag_cent for c in remaining)), preferent_factor=1)


def schema_voor(totaal_cent: int, maandbedrag_cent: int, maanden: int) -> list[int]:
    """A schedule of `maanden` monthly amounts that pays `totaal_cent`: the monthly amount until the total
    is reached, then less; a total above what the months can pay is cut to what they can."""
    schema = []
    left = totaal_cent
    for _ in range(maanden):
        month = min(maandbedrag_cent, max(0, left))
        schema.append(month)
        left -= month
    return schema


def herverdeel(
    state: RegelingState, nieuw: Afloscapaciteit, vanaf_maand: int, preferent_factor: int
) -> tuple[list[int], list[Deelnemer]]:
    """The schedule and the creditors' parts after a recalculation that applies from month `vanaf_maand`.

    The months already due keep their amounts. In a minnelijke regeling the new total is divided over the
    claims as at the proposal. A saneringskrediet paid the creditors at the start: only the client's
    schedule changes, and never above the credit.
    """
    keep = state.schema[: max(0, vanaf_maand - 1)]
    if state.soort is RegelingSoort.SANERINGSKREDIET:
        cap = sum(d.aandeel_cent for d in state.deelnemers)
    else:
        cap = sum(d.vordering_cent for d in state.deelnemers)
    rest = schema_voor(max(0, cap - sum(keep)), nieuw.maandbedrag_cent, len(state.schema) - len(keep))
    schema = keep + rest
    if state.soort is RegelingSoort.SANERINGSKREDIET:
        return schema, state.deelnemers
    parts = verdeel(claims_of(state.deelnemers), max(sum(schema), state.betaald_cent), preferent_factor)
    deelnemers = [replace(d, aandeel_cent=part.aandeel_cent) for d, part in zip(state.deelnemers, parts, strict=True)]
    return schema, deelnemers


def betaling_problems(state: RegelingState, betaling: Betaling, today: date) -> list[tuple[str, str]]:
    """Field problems with a payment: positive, not in the future, not before the start, not more than is left."""
    problems = []
    if problem := amount_problem(betaling.bedrag_cent, positive=True):
        problems.append(("bedrag_cent", problem))
    if problem := GEBEURD.problem(betaling.datum, today):
        problems.append(("datum", problem))
    if state.ingangsdatum is not None and betaling.datum < state.ingangsdatum:
        problems.append(("datum", "ligt voor de start van de regeling"))
    left = state.totaal_cent - state.betaald_cent
    if betaling.bedrag_cent > left:
        problems.append(("bedrag_cent", f"is meer dan er nog betaald moet worden ({left})"))
    return problems


@dataclass(frozen=True)
class RegelingStart:
    """What a settlement's workflow starts from: fresh from the proposal, or its state after continue-as-new."""

    traject_id: str
    traject_workflow_id: str
    caseworker: str
    policy: Policy
    state: RegelingState


@dataclass(frozen=True)
class RegelingUitkomst:
    """How a settlement ended, for its traject."""

    status: RegelingStatus
    uitval: UitvalReden | None = None
    afgerond_op: date | None = None
