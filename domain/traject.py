"""What each step of a traject records, and the traject's state as the workflow holds it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from domain.aanmelding import Bron
from domain.afloscapaciteit import Afloscapaciteit
from domain.beeindiging import Afsluiting
from domain.begeleiding import Begeleiding
from domain.betrokkene import Betrokkene, Notitie
from domain.bezwaar import Bezwaar
from domain.bounds import AFSPRAAK, MELDING
from domain.doorverwijzing import Doorverwijzing
from domain.inventarisatie import Klantcijfers, Maatregelstand, SchuldeisersToevoegen, Verzoekstand
from domain.kalender import add_months
from domain.klantprofiel import Ernst, Klantprofiel, Zelfredzaamheid
from domain.nazorg import Nazorgcontact
from domain.phases import Phase
from domain.policy import Policy
from domain.uitval import Uitval
from domain.verdeling import Claim
from domain.vordering import VerzoekStatus, VorderingBron, claim_problems, overzicht_compleet
from domain.wgs_deadlines import local_date


@dataclass(frozen=True)
class Persoon:
    """The person asking for help. Lives in payloads (encrypted) and the dossier DB, nowhere else."""

    bsn: str
    naam: str
    straat: str
    postcode: str
    woonplaats: str
    telefoon: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class Afspraak:
    """The appointment for the first conversation."""

    op: datetime
    locatie: str


@dataclass(frozen=True)
class Aanmelding:
    """A request for help as registered by the caseworker; meldingsdatum starts the Wgs clock.

    The person is in the dossier under `persoon_id`: a workflow needs to know whom a traject is about, not
    their BSN, name or address. Trajecten started before carry the `persoon` itself, and still replay."""

    persoon: Persoon | None
    bron: Bron
    kinderen: bool
    meldingsdatum: date
    crisis: str | None = None
    afspraak: Afspraak | None = None
    persoon_id: str | None = None
    ondernemer: bool = False
    # A couple: the partner and co-debtor in the dossier, by reference only, as the person.
    partner_id: str | None = None
    # Registered by the client's bewindvoerder, who is linked to the traject from the start.
    bewindvoerder: str | None = None
    # The gemeente responsible, for an installation that serves several; empty: the installation's own.
    gemeentecode: str | None = None


@dataclass(frozen=True)
class TrajectStart:
    """Everything a traject starts from, including the policy it keeps for its whole life."""

    traject_id: str
    caseworker: str
    aanmelding: Aanmelding
    policy: Policy
    vorig_traject: str | None = None


class Wie(StrEnum):
    """Who does an action point."""

    CLIENT = "client"
    GEMEENTE = "gemeente"


@dataclass(frozen=True)
class Actiepunt:
    """One line of the actielijst."""

    wie: Wie
    wat: str
    uiterlijk: date | None = None


@dataclass(frozen=True)
class EersteGesprek:
    """The first conversation: the income and benefits check, the two assessments, the action points."""

    gehouden_op: date
    ernst: Ernst
    zelfredzaamheid: Zelfredzaamheid
    gevonden_voorzieningen: list[str] = field(default_factory=list)
    actiepunten: list[Actiepunt] = field(default_factory=list)
    door: str = ""


class Besluit(StrEnum):
    """The outcome of the beschikking on admission."""

    TOELATING = "toelating"
    AFWIJZING = "afwijzing"


@dataclass(frozen=True)
class Beschikking:
    """The formal decision on admission, with its reasons."""

    besluit: Besluit
    besluit_op: date
    motivering: str
    door: str = ""


@dataclass(frozen=True)
class PlanVanAanpak:
    """The plan of Wgs art. 4a: the question, the goals, who does what, referrals and conditions."""

    hulpvraag: str
    doelen: list[str]
    gemeente_doet: list[str]
    client_doet: list[str]
    doorverwijzingen: list[str] = field(default_factory=list)
    voorwaarden: list[str] = field(default_factory=list)
    door: str = ""


class Clock(StrEnum):
    """The Wgs clocks a traject carries."""

    EERSTE_GESPREK = "eerste_gesprek"
    BESCHIKKING = "beschikking"


@dataclass
class Deadline:
    """One clock: its last day, when it was met, whether it was breached."""

    clock: Clock
    uiterlijk: date
    gehaald_op: date | None = None
    overschreden: bool = False


@dataclass
class TrajectState:
    """Where a traject is and what it has recorded; the workflow's state, projected to the dossier DB."""

    traject_id: str
    caseworker: str
    phase: Phase
    phase_since: datetime
    meldingsdatum: date
    crisis: str | None
    deadlines: list[Deadline]
    version: int = 0
    closed_after: Phase | None = None
    eerste_gesprek: EersteGesprek | None = None
    klantprofiel: Klantprofiel | None = None
    beschikking: Beschikking | None = None
    bezwaar_uiterlijk: date | None = None
    plan_van_aanpak: PlanVanAanpak | None = None
    verzoeken: list[Verzoekstand] = field(default_factory=list)
    maatregelen: list[Maatregelstand] = field(default_factory=list)
    afloscapaciteit: Afloscapaciteit | None = None
    uitval: Uitval | None = None
    afgerond_op: date | None = None
    vorig_traject: str | None = None
    nazorg: list[Nazorgcontact] = field(default_factory=list)
    nazorg_gestopt: bool = False
    heraanmelding: str | None = None
    gemiste_afspraken: list[date] = field(default_factory=list)
    begeleidingen: list[Begeleiding] = field(default_factory=list)
    bezwaren: list[Bezwaar] = field(default_factory=list)
    doorverwijzingen: list[Doorverwijzing] = field(default_factory=list)
    ondernemer: bool = False
    afsluiting: Afsluiting | None = None
    einde_besluit_op: date | None = None
    einde_bezwaar_uiterlijk: date | None = None
    betrokkenen: list[Betrokkene] = field(default_factory=list)
    notities: list[Notitie] = field(default_factory=list)

    @property
    def open_requests(self) -> list[Verzoekstand]:
        """Requests still waiting for a creditor."""
        return [v for v in self.verzoeken if v.status is VerzoekStatus.OPEN]

    @property
    def overzicht_compleet(self) -> bool:
        """Every creditor asked has answered, or was settled otherwise."""
        return overzicht_compleet(v.status for v in self.verzoeken)

    @property
    def schuldeisers(self) -> list[Verzoekstand]:
        """Each creditor's latest request, in the order the creditors were first asked; a withdrawn
        request takes its creditor out of the overview."""
        latest: dict[str, Verzoekstand] = {}
        for verzoek in self.verzoeken:
            latest[verzoek.schuldeiser_id] = verzoek
        return [v for v in latest.values() if v.status is not VerzoekStatus.INGETROKKEN]

    def deadline(self, clock: Clock) -> Deadline | None:
        """The deadline of `clock`, if it has started."""
        return next((d for d in self.deadlines if d.clock is clock), None)

    @property
    def deadline_breached(self) -> bool:
        """Whether any clock was breached."""
        return any(d.overschreden for d in self.deadlines)

    @property
    def next_deadline(self) -> date | None:
        """The earliest last day of a clock not yet met."""
        open_days = [d.uiterlijk for d in self.deadlines if d.gehaald_op is None]
        return min(open_days) if open_days else None


def aanmelding_problems(aanmelding: Aanmelding, today: date, timezone: str) -> list[tuple[str, str]]:
    """Field problems with an aanmelding: the Wgs clock starts from its meldingsdatum, so that date must be
    one the engine can count working days from; an appointment lies in the coming year."""
    problems = []
    if problem := MELDING.problem(aanmelding.meldingsdatum, today):
        problems.append(("meldingsdatum", problem))
    afspraak = aanmelding.afspraak
    if afspraak is not None and (problem := AFSPRAAK.problem(local_date(afspraak.op, timezone), today)):
        problems.append(("afspraak.op", problem))
    return problems


def step_problems_eerste_gesprek(state: TrajectState, gesprek: EersteGesprek, today: date) -> list[tuple[str, str]]:
    """Field problems with a first conversation: (field, reason) pairs; empty when it can be recorded."""
    problems = []
    if gesprek.gehouden_op < state.meldingsdatum:
        problems.append(("gehouden_op", "ligt voor de meldingsdatum"))
    if gesprek.gehouden_op > today:
        problems.append(("gehouden_op", "ligt in de toekomst"))
    return problems


def step_problems_beschikking(state: TrajectState, beschikking: Beschikking, today: date) -> list[tuple[str, str]]:
    """Field problems with a beschikking: it cannot precede the conversation nor lie ahead."""
    problems = []
    gesprek = state.eerste_gesprek
    if gesprek is not None and beschikking.besluit_op < gesprek.gehouden_op:
        problems.append(("besluit_op", "ligt voor het eerste gesprek"))
    if beschikking.besluit_op > today:
        problems.append(("besluit_op", "ligt in de toekomst"))
    return problems


def step_problems_schuldeisers(state: TrajectState, step: SchuldeisersToevoegen) -> list[tuple[str, str]]:
    """A creditor may have one open request per traject, and a request names each creditor once."""
    problems = []
    if not step.schuldeiser_ids:
        problems.append(("schuldeiser_ids", "noem minstens een schuldeiser"))
    if len(set(step.schuldeiser_ids)) != len(step.schuldeiser_ids):
        problems.append(("schuldeiser_ids", "een schuldeiser staat er dubbel in"))
    asked = {v.schuldeiser_id for v in state.open_requests}
    problems += [
        ("schuldeiser_ids", f"{sid} heeft al een open verzoek") for sid in step.schuldeiser_ids if sid in asked
    ]
    return problems


def klantcijfers_refusal(state: TrajectState, stap: Klantcijfers) -> str | None:
    """Why the client's figures cannot go on this request now: only a creditor that refused to cooperate,
    and only once."""
    verzoek = next((v for v in state.verzoeken if v.verzoek_id == stap.verzoek_id), None)
    if verzoek is None:
        return "Dit traject heeft geen verzoek met dit id."
    if verzoek.status is not VerzoekStatus.GEEN_MEDEWERKING:
        return "De cijfers van de klant horen alleen bij een schuldeiser die niet meewerkt."
    if verzoek.vordering is not None:
        return "Voor deze schuldeiser staan de cijfers van de klant er al."
    return None


def klantcijfers_problems(stap: Klantcijfers, today: date) -> list[tuple[str, str]]:
    """Field problems with the client's figures: they must add up, and be the client's own."""
    problems = claim_problems(stap.ingediend.vordering, today)
    if stap.ingediend.bron is not VorderingBron.CLIENT:
        problems.append(("bron", "alleen de cijfers van de klant; een vordering op papier komt van de schuldeiser"))
    return problems


def stale_claims(state: TrajectState, today: date, months: int) -> list[str]:
    """Creditors whose statement is older than `months` on `today`: asked again before a proposal."""
    oldest = add_months(today, -months)
    return [
        v.schuldeiser_id
        for v in state.schuldeisers
        if v.vordering is not None and v.status is not VerzoekStatus.OPEN and v.vordering.peildatum < oldest
    ]


def claims(state: TrajectState) -> list[Claim]:
    """The claims a proposal divides over: each creditor's latest statement."""
    return [
        Claim(v.schuldeiser_id, v.vordering.totaal_cent, v.vordering.preferent)
        for v in state.schuldeisers
        if v.vordering is not None
    ]


def voorstel_problems(state: TrajectState, today: date, saldo_geldig_maanden: int) -> list[tuple[str, str]]:
    """Why no proposal can be made yet: each reason as a (field, reason) pair."""
    problems = []
    if state.afloscapaciteit is None:
        problems.append(("afloscapaciteit", "leg eerst de afloscapaciteit vast"))
    if state.open_requests:
        problems.append(("schuldeisers", f"nog {len(state.open_requests)} schuldeiser(s) zonder antwoord"))
    problems += [
        ("schuldeisers", f"{v.schuldeiser_id} heeft geen vordering; vraag opnieuw of gebruik de cijfers van de klant")
        for v in state.schuldeisers
        if v.vordering is None and v.status is not VerzoekStatus.OPEN
    ]
    problems += [
        ("schuldeisers", f"het saldo van {sid} is ouder dan {saldo_geldig_maanden} maanden; vraag het opnieuw op")
        for sid in stale_claims(state, today, saldo_geldig_maanden)
    ]
    if not claims(state):
        problems.append(("schuldeisers", "er zijn geen vorderingen om te regelen"))
    return problems


def reference(traject_id: str) -> str:
    """The short reference a client or creditor quotes on the phone; not personal data."""
    return f"SHV-{traject_id[:8].upper()}"
