"""The monitor figures a municipality reports and accounts for (NVVK, Wgs compliance, seeds 001 and 002), computed
from the dates each traject recorded. Pure: the same facts and period give the same figures, so a period's
figures recompute identically from the dossier.

Each figure belongs to the period in which its deciding day lies: an aanmelding by its meldingsdatum, a Wgs
clock by the day its outcome was decided (the day it was met, or its last day if it was not met by then, so a
past period's compliance never moves), a lead time by the day it ended, a settlement by the day its term
started, an ending by the day the traject closed.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple

from domain.beeindiging import Einde
from domain.bezwaar import Bezwaar
from domain.kalender import add_months
from domain.traject import Besluit, Clock, Deadline

# The NVVK norm: a settlement within 120 days. The engine counts from the plan van aanpak (when stabilisation
# and the inventarisation start) to the first day of the settlement's term.
REGELING_NORM_DAGEN = 120
# A return counts as a heraanmelding "within a year" when it comes at most 12 months after the last one ended.
HERAANMELDING_MAANDEN = 12


@dataclass(frozen=True)
class Periode:
    """A reporting period, both ends included; an open end reaches as far as the dossier does."""

    van: date | None
    tot: date | None

    def bevat(self, day: date | None) -> bool:
        """Whether `day` lies in the period (no day lies in any period)."""
        if day is None:
            return False
        return (self.van is None or day >= self.van) and (self.tot is None or day <= self.tot)


class Trajectfeiten(NamedTuple):
    """The dates and outcomes of one traject that the figures count, as the dossier recorded them. A named
    tuple, not a dataclass: the figures of a region build one for each of tens of thousands of trajecten, and a
    tuple is built four times as fast."""

    traject_id: str
    bron: str
    crisis: bool
    meldingsdatum: date
    open: bool
    klokken: tuple[Deadline, ...] = ()
    besluit: Besluit | None = None
    besluit_op: date | None = None
    plan_op: date | None = None
    voorstel_op: date | None = None
    regeling_op: date | None = None
    afgerond_op: date | None = None
    gesloten_op: date | None = None
    uitval_reden: str | None = None
    uitval_fase: str | None = None
    vorige_afgerond_op: date | None = None
    heraanmelding: bool = False
    bezwaren: tuple[Bezwaar, ...] = ()
    einde: Einde | None = None

    @property
    def einde_op(self) -> date | None:
        """The day the traject ended: a settlement on its afronding, every other ending on its closing."""
        return self.afgerond_op if self.afgerond_op is not None else self.gesloten_op

    @property
    def gesprek_op(self) -> date | None:
        """The day of the first conversation: when its clock was met."""
        klok = next((k for k in self.klokken if k.clock is Clock.EERSTE_GESPREK), None)
        return klok.gehaald_op if klok is not None else None


@dataclass(frozen=True)
class Aandeel:
    """How many of the counted cases met the norm; the share is None when nothing was counted."""

    gehaald: int = 0
    niet_gehaald: int = 0

    @property
    def totaal(self) -> int:
        """All counted cases."""
        return self.gehaald + self.niet_gehaald

    @property
    def fractie(self) -> float | None:
        """The share that met the norm."""
        return self.gehaald / self.totaal if self.totaal else None

    def plus(self, gehaald: bool) -> Aandeel:
        """This count with one more case."""
        return Aandeel(self.gehaald + gehaald, self.niet_gehaald + (not gehaald))


class Norm(StrEnum):
    """The Wgs clocks the municipality accounts for: art. 4 lid 1 (4 weeks, or 3 working days in a crisis)
    and lid 3 (the beschikking within 8 weeks of the conversation)."""

    EERSTE_GESPREK = "eerste_gesprek_binnen_4_weken"
    CRISIS = "crisis_binnen_3_werkdagen"
    BESCHIKKING = "beschikking_binnen_8_weken"


class Mijlpaal(StrEnum):
    """A day in a traject between which lead times are measured."""

    AANMELDING = "aanmelding"
    EERSTE_GESPREK = "eerste_gesprek"
    BESCHIKKING = "beschikking"
    PLAN_VAN_AANPAK = "plan_van_aanpak"
    VOORSTEL = "voorstel"
    REGELING = "regeling"
    AFGEROND = "afgerond"


_MIJLPALEN: dict[Mijlpaal, Callable[[Trajectfeiten], date | None]] = {
    Mijlpaal.AANMELDING: lambda f: f.meldingsdatum,
    Mijlpaal.EERSTE_GESPREK: lambda f: f.gesprek_op,
    Mijlpaal.BESCHIKKING: lambda f: f.besluit_op,
    Mijlpaal.PLAN_VAN_AANPAK: lambda f: f.plan_op,
    Mijlpaal.VOORSTEL: lambda f: f.voorstel_op,
    Mijlpaal.REGELING: lambda f: f.regeling_op,
    Mijlpaal.AFGEROND: lambda f: f.afgerond_op,
}

# The lead time of each phase, and the whole way from aanmelding to a settlement.
FASEN: tuple[tuple[Mijlpaal, Mijlpaal], ...] = (
    (Mijlpaal.AANMELDING, Mijlpaal.EERSTE_GESPREK),
    (Mijlpaal.EERSTE_GESPREK, Mijlpaal.BESCHIKKING),
    (Mijlpaal.BESCHIKKING, Mijlpaal.PLAN_VAN_AANPAK),
    (Mijlpaal.PLAN_VAN_AANPAK, Mijlpaal.VOORSTEL),
    (Mijlpaal.VOORSTEL, Mijlpaal.REGELING),
    (Mijlpaal.REGELING, Mijlpaal.AFGEROND),
    (Mijlpaal.AANMELDING, Mijlpaal.REGELING),
)


@dataclass(frozen=True)
class Doorlooptijd:
    """Calendar days between two milestones, over the trajecten that reached the second in the period."""

    van: Mijlpaal
    tot: Mijlpaal
    aantal: int
    mediaan_dagen: float | None
    p90_dagen: int | None


@dataclass(frozen=True)
class Monitorcijfers:
    """The figures of one period."""

    periode: Periode
    aanmeldingen_per_bron: dict[str, int]
    crisis: int
    normen: dict[Norm, Aandeel]
    toelatingen: int
    afwijzingen: int
    doorlooptijden: list[Doorlooptijd]
    regelingen: Aandeel
    afgerond: int
    uitval: dict[tuple[str, str], int]
    heraanmeldingen: int
    heraanmeldingen_binnen_jaar: int
    bezwaren_ingediend: int = 0
    bezwaren_beslist: dict[str, int] = field(default_factory=dict)
    bezwaren_op_tijd: Aandeel = field(default_factory=Aandeel)
    einden: dict[Einde, int] = field(default_factory=dict)

    @property
    def aanmeldingen(self) -> int:
        """All aanmeldingen in the period."""
        return sum(self.aanmeldingen_per_bron.values())


@dataclass
class Vroegsignalering:
    """The vroegsignalering figures of a month or a period, as the Divosa monitor counts them: signals per
    kind of partner, those about a person already in a traject (no case, no invitation), households (cases
    opened), contact attempts per channel, households reached and help accepted. No personal data: these
    figures outlive the retention term."""

    signalen_per_soort: Counter[str] = field(default_factory=Counter)
    bij_lopend_traject: int = 0
    huishoudens: int = 0
    contactpogingen_per_kanaal: Counter[str] = field(default_factory=Counter)
    bereikt: int = 0
    hulp_geaccepteerd: int = 0


@dataclass
class Adviescijfers:
    """Short contacts for information and advice in a period: per subject and per outcome (answered,
    referred on, or became an aanmelding)."""

    per_onderwerp: Counter[str] = field(default_factory=Counter)
    per_afloop: Counter[str] = field(default_factory=Counter)

    @property
    def totaal(self) -> int:
        """All contacts in the period."""
        return sum(self.per_onderwerp.values())


def p90(values: list[int]) -> int:
    """The 90th percentile by the nearest-rank method: a day some trajecten actually took, never an average."""
    ordered = sorted(values)
    return ordered[math.ceil(0.9 * len(ordered)) - 1]


def klok_vastgesteld(klok: Deadline) -> bool | None:
    """Whether a clock met its norm as far as the clock itself tells, whatever the day: met or missed on the day
    it was met, or breached; None for a clock neither met nor breached."""
    if klok.gehaald_op is not None:
        return not klok.overschreden and klok.gehaald_op <= klok.uiterlijk
    return False if klok.overschreden else None


def klok_gehaald(klok: Deadline, traject_open: bool, today: date) -> bool | None:
    """Whether a clock met its norm, or None while it still runs or when it lapsed: a traject that closed
    before the last day, without the conversation or decision, did not breach it."""
    vastgesteld = klok_vastgesteld(klok)
    if vastgesteld is None and traject_open and klok.uiterlijk < today:
        return False
    return vastgesteld


def beslist_op(klok: Deadline) -> date:
    """The day a clock's outcome was decided: the day it was met, or its last day when it was not met by then."""
    return min(klok.gehaald_op, klok.uiterlijk) if klok.gehaald_op is not None else klok.uiterlijk


def norm_of(klok: Deadline, crisis: bool) -> Norm:
    """The norm a clock is counted against: the first conversation's depends on whether it was a crisis."""
    if klok.clock is Clock.BESCHIKKING:
        return Norm.BESCHIKKING
    return Norm.CRISIS if crisis else Norm.EERSTE_GESPREK


def mijlpalen(f: Trajectfeiten) -> dict[Mijlpaal, date | None]:
    """The days a traject reached each milestone (None: not reached)."""
    return {mijlpaal: day_of(f) for mijlpaal, day_of in _MIJLPALEN.items()}


def doorlooptijd(
    dagen: Iterable[Mapping[Mijlpaal, date | None]], periode: Periode, van: Mijlpaal, tot: Mijlpaal
) -> Doorlooptijd:
    """Days from `van` to `tot` for each traject (given by its `mijlpalen`) whose `tot` lies in the period."""
    days = [
        (end - start).days
        for m in dagen
        if periode.bevat(end := m[tot]) and end is not None and (start := m[van]) is not None
    ]
    if not days:
        return Doorlooptijd(van, tot, 0, None, None)
    return Doorlooptijd(van, tot, len(days), statistics.median(days), p90(days))


def uitval_telling(feiten: Iterable[Trajectfeiten], periode: Periode) -> dict[tuple[str, str], int]:
    """Trajecten that closed early in the period, per reason and the phase they were in."""
    counts = Counter(
        (f.uitval_reden, f.uitval_fase or "")
        for f in feiten
        if f.uitval_reden is not None and periode.bevat(f.gesloten_op)
    )
    return dict(sorted(counts.items()))


def einde_telling(feiten: Iterable[Trajectfeiten], periode: Periode) -> dict[Einde, int]:
    """Trajecten that ended in the period, per ending, in the order of the endings."""
    counts = Counter(f.einde for f in feiten if f.einde is not None and periode.bevat(f.einde_op))
    return {einde: counts[einde] for einde in Einde if counts[einde]}


def binnen_norm(plan_op: date | None, regeling_op: date | None) -> bool:
    """Whether a settlement started within the NVVK norm of its plan van aanpak."""
    return (
        plan_op is not None and regeling_op is not None and regeling_op - plan_op <= timedelta(days=REGELING_NORM_DAGEN)
    )


def terug_binnen_jaar(f: Trajectfeiten) -> bool:
    """Whether a return came within a year of the end of the traject before it."""
    return (
        f.heraanmelding
        and f.vorige_afgerond_op is not None
        and f.meldingsdatum <= add_months(f.vorige_afgerond_op, HERAANMELDING_MAANDEN)
    )


def op_tijd_beslist(b: Bezwaar) -> bool:
    """Whether an objection was decided by its last day."""
    return b.besluit_op is not None and b.besluit_op <= b.beslissen_uiterlijk


def monitor(feiten: list[Trajectfeiten], periode: Periode, today: date) -> Monitorcijfers:
    """The period's figures over these trajecten, as they stand on `today`."""
    aangemeld = [f for f in feiten if periode.bevat(f.meldingsdatum)]
    normen = dict.fromkeys(Norm, Aandeel())
    for f in feiten:
        for klok in f.klokken:
            if periode.bevat(beslist_op(klok)) and (gehaald := klok_gehaald(klok, f.open, today)) is not None:
                norm = norm_of(klok, f.crisis)
                normen[norm] = normen[norm].plus(gehaald)
    besloten = Counter(f.besluit for f in feiten if periode.bevat(f.besluit_op))
    regelingen = Aandeel()
    for f in feiten:
        if periode.bevat(f.regeling_op):
            regelingen = regelingen.plus(binnen_norm(f.plan_op, f.regeling_op))
    terug = [f for f in aangemeld if f.heraanmelding]
    dagen = [mijlpalen(f) for f in feiten]
    bezwaren = [b for f in feiten for b in f.bezwaren]
    beslist = [b for b in bezwaren if b.beslissing is not None and periode.bevat(b.besluit_op)]
    op_tijd = Aandeel()
    for b in beslist:
        op_tijd = op_tijd.plus(op_tijd_beslist(b))
    return Monitorcijfers(
        periode=periode,
        aanmeldingen_per_bron=dict(sorted(Counter(f.bron for f in aangemeld).items())),
        crisis=sum(f.crisis for f in aangemeld),
        normen=normen,
        toelatingen=besloten[Besluit.TOELATING],
        afwijzingen=besloten[Besluit.AFWIJZING],
        doorlooptijden=[doorlooptijd(dagen, periode, van, tot) for van, tot in FASEN],
        regelingen=regelingen,
        afgerond=sum(periode.bevat(f.afgerond_op) for f in feiten),
        uitval=uitval_telling(feiten, periode),
        heraanmeldingen=len(terug),
        heraanmeldingen_binnen_jaar=sum(terug_binnen_jaar(f) for f in terug),
        bezwaren_ingediend=sum(periode.bevat(b.ingediend_op) for b in bezwaren),
        bezwaren_beslist=dict(sorted(Counter(str(b.beslissing) for b in beslist).items())),
        bezwaren_op_tijd=op_tijd,
        einden=einde_telling(feiten, periode),
    )
