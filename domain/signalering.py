"""Vroegsignalering: payment-arrears signals from partners, matched per household into one case.

A case follows the route its signals call for. One arrear (enkelvoudig): an SMS where a number is known
and a letter inviting the person to ask for help, and a second attempt if nothing comes back. More than
one arrear, or rent arrears that rise (meervoudig): a home visit by a social worker. A crisis (an energy
or water supplier's eindeleveringssignaal, an eviction date): an aanmelding with the crisis flag at once.
The workflow sees only the facts below, never who the person is: personal data stays in the dossier DB,
where the retention rule can really delete it.
"""

import hashlib
import hmac
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from domain.aanmelding import CrisisSoort
from domain.bounds import ONTRUIMING, amount_problem, date_problem
from domain.policy import Policy


class SignaalSoort(StrEnum):
    """The fixed costs a partner reports arrears of."""

    HUUR = "huur"
    ZORGVERZEKERING = "zorgverzekering"
    ENERGIE = "energie"
    WATER = "water"


class Route(StrEnum):
    """What a case calls for."""

    ENKELVOUDIG = "enkelvoudig"
    MEERVOUDIG = "meervoudig"
    CRISIS = "crisis"


class Contactkanaal(StrEnum):
    """How the person was reached, if at all."""

    SMS = "sms"
    BRIEF = "brief"
    TELEFOON = "telefoon"
    HUISBEZOEK = "huisbezoek"
    GEEN = "geen"


class Hulp(StrEnum):
    """What the person said to the offer of help."""

    GEACCEPTEERD = "geaccepteerd"
    AFGEWEZEN = "afgewezen"
    GEEN_REACTIE = "geen_reactie"


class CaseStatus(StrEnum):
    """Where a case stands."""

    OPEN = "open"
    AFGESLOTEN = "afgesloten"
    VERWIJDERD = "verwijderd"


@dataclass(frozen=True)
class SignaalFeit:
    """What the case workflow knows of one signal: no name, BSN, address or number."""

    signaal_id: str
    partner_id: str
    soort: SignaalSoort
    achterstand_cent: int
    achterstand_maanden: int
    datum: date
    crisis: CrisisSoort | None = None
    telefoon_bekend: bool = False


@dataclass(frozen=True)
class Uitkomst:
    """What came of the case, as the caseworker or social worker records it."""

    bereikt: bool
    kanaal: Contactkanaal
    hulp: Hulp
    toelichting: str = ""
    door: str = ""
    # The person agreed that the partner who reported the arrears may hear what came of it.
    toestemming_terugkoppeling: bool = False


@dataclass
class SignaleringState:
    """One household's case: its signals, the attempts made, the outcome, and the traject it led to."""

    case_id: str
    geopend_op: date
    signalen: list[SignaalFeit]
    route: Route
    status: CaseStatus = CaseStatus.OPEN
    pogingen: list[date] = field(default_factory=list)
    huisbezoek_gevraagd_op: date | None = None
    uitkomst: Uitkomst | None = None
    traject_id: str | None = None
    afgesloten_op: date | None = None
    version: int = 0


@dataclass(frozen=True)
class SignaleringStart:
    """A new case, from the first signal of a household; `team` is who picks up its tasks."""

    case_id: str
    team: str
    policy: Policy
    eerste: SignaalFeit


def route_of(signalen: list[SignaalFeit]) -> Route:
    """Crisis when any signal is one; meervoudig for arrears at more than one partner or kind, or rent
    arrears that rose between two signals; enkelvoudig otherwise."""
    if any(s.crisis is not None for s in signalen):
        return Route.CRISIS
    if len({(s.partner_id, s.soort) for s in signalen}) > 1:
        return Route.MEERVOUDIG
    huur = sorted((s for s in signalen if s.soort is SignaalSoort.HUUR), key=lambda s: s.datum)
    if len(huur) > 1 and huur[-1].achterstand_cent > huur[0].achterstand_cent:
        return Route.MEERVOUDIG
    return Route.ENKELVOUDIG


def crisis_of(soort: SignaalSoort, eindelevering: bool, ontruimingsdatum: date | None) -> CrisisSoort | None:
    """The Wgs crisis a signal reports, if any."""
    if ontruimingsdatum is not None:
        return CrisisSoort.GEDWONGEN_WONINGONTRUIMING
    if eindelevering and soort is SignaalSoort.WATER:
        return CrisisSoort.BEEINDIGING_WATER
    if eindelevering:
        return CrisisSoort.BEEINDIGING_ELEKTRICITEIT
    return None


@dataclass(frozen=True)
class SignaalIn:
    """A signal as a partner sends it, before it is validated."""

    soort: SignaalSoort
    bsn: str
    naam: str
    straat: str
    postcode: str
    woonplaats: str
    achterstand_cent: int
    achterstand_maanden: int
    datum: date
    partner_kenmerk: str
    telefoon: str | None = None
    eindelevering: bool = False
    ontruimingsdatum: date | None = None


def signaal_problems(signaal: SignaalIn, today: date) -> list[tuple[str, str]]:
    """Why a signal cannot be taken, as (field, reason) pairs (the BSN's 11-proef is checked at the edge)."""
    problems = []
    if problem := amount_problem(signaal.achterstand_cent, positive=True):
        problems.append(("achterstand_cent", problem))
    if not 1 <= signaal.achterstand_maanden <= 24:
        problems.append(("achterstand_maanden", "moet tussen 1 en 24 liggen"))
    if problem := date_problem(signaal.datum, today, back=365, ahead=0):
        problems.append(("datum", problem))
    if signaal.ontruimingsdatum is not None and (problem := ONTRUIMING.problem(signaal.ontruimingsdatum, today)):
        problems.append(("ontruimingsdatum", problem))
    if signaal.eindelevering and signaal.soort not in (SignaalSoort.ENERGIE, SignaalSoort.WATER):
        problems.append(("eindelevering", "alleen bij energie of water"))
    if signaal.ontruimingsdatum is not None and signaal.soort is not SignaalSoort.HUUR:
        problems.append(("ontruimingsdatum", "alleen bij huur"))
    return problems


def household_key(secret: str, postcode: str, straat: str) -> str:
    """A household's pseudonym: a keyed hash of its address, so ids and workflow ids carry no address."""
    address = f"{postcode.replace(' ', '').upper()}|{' '.join(straat.lower().split())}"
    return hmac.new(secret.encode(), address.encode(), hashlib.sha256).hexdigest()[:24]


def dedupe_key(secret: str, partner_id: str, signaal: SignaalIn) -> str:
    """The same signal sent twice by a partner has the same key, and is stored once."""
    parts = f"{partner_id}|{signaal.partner_kenmerk}|{signaal.bsn}|{signaal.soort.value}|{signaal.datum.isoformat()}"
    return hmac.new(secret.encode(), parts.encode(), hashlib.sha256).hexdigest()
