"""Creditors' claims and the inventarisation clock: validation in cents, reminders, reply figures."""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from domain.bedrag import euro
from domain.bounds import PEILDATUM, amount_problem
from domain.policy import Policy
from domain.wgs_deadlines import add_working_days


class SchuldeiserSoort(StrEnum):
    """The kinds of creditor the monitor figures distinguish."""

    BANK = "bank"
    VERHUURDER = "verhuurder"
    ZORGVERZEKERAAR = "zorgverzekeraar"
    ENERGIE = "energie"
    BELASTINGDIENST = "belastingdienst"
    CJIB = "cjib"
    DEURWAARDER = "deurwaarder"
    OVERIG = "overig"


class Kanaal(StrEnum):
    """How a creditor receives requests: through the creditor API, by e-mail, or by post."""

    API = "api"
    EMAIL = "email"
    POST = "post"


@dataclass(frozen=True)
class Specificatieregel:
    """One line of a claim's specification."""

    omschrijving: str
    bedrag_cent: int


class Debiteur(StrEnum):
    """Whose debt a claim is, when a traject covers a couple: the client's, the partner's, or both (joint)."""

    CLIENT = "client"
    PARTNER = "partner"
    SAMEN = "samen"


@dataclass(frozen=True)
class Vordering:
    """A creditor's statement of its claim; all amounts in euro cents."""

    hoofdsom_cent: int
    rente_cent: int
    kosten_cent: int
    totaal_cent: int
    preferent: bool
    kenmerk: str
    peildatum: date
    regels: list[Specificatieregel] = field(default_factory=list)
    # A (former) business debt: the settlement may need a specialised route (Bbz, Ondernemersloket).
    zakelijk: bool = False
    debiteur: Debiteur = Debiteur.CLIENT


def claim_problems(vordering: Vordering, today: date) -> list[tuple[str, str]]:
    """Why a claim cannot be accepted, as (field, reason) pairs; empty when it adds up."""
    amounts = {
        "hoofdsom_cent": vordering.hoofdsom_cent,
        "rente_cent": vordering.rente_cent,
        "kosten_cent": vordering.kosten_cent,
        "totaal_cent": vordering.totaal_cent,
    } | {f"regels.{index}.bedrag_cent": regel.bedrag_cent for index, regel in enumerate(vordering.regels)}
    problems = [(name, problem) for name, amount in amounts.items() if (problem := amount_problem(amount))]
    parts = vordering.hoofdsom_cent + vordering.rente_cent + vordering.kosten_cent
    if vordering.totaal_cent != parts:
        problems.append(("totaal_cent", f"is niet hoofdsom + rente + kosten samen ({euro(parts)})"))
    if vordering.regels and sum(r.bedrag_cent for r in vordering.regels) != vordering.totaal_cent:
        problems.append(("regels", "de regels tellen niet op tot het totaal"))
    if problem := PEILDATUM.problem(vordering.peildatum, today):
        problems.append(("peildatum", problem))
    return problems


def reminder_dates(sent_on: date, policy: Policy) -> list[date]:
    """The working days on which a creditor that has not answered is reminded."""
    return [add_working_days(sent_on, days) for days in policy.reminder_working_days]


def reply_working_days(policy: Policy) -> int:
    """The working days a creditor has to answer before it hears from us again: the first reminder,
    or the escalation when the policy sends no reminders."""
    return policy.reminder_working_days[0] if policy.reminder_working_days else policy.escalation_working_days


def escalation_date(sent_on: date, policy: Policy) -> date:
    """The working day on which an unanswered request goes to the caseworker."""
    return add_working_days(sent_on, policy.escalation_working_days)


@dataclass(frozen=True)
class Antwoordtermijnen:
    """How fast a creditor answers: what the ketenregisseur needs to know whom to call."""

    beantwoord: int
    open: int
    mediaan_dagen: float | None
    aandeel_voor_eerste_herinnering: float | None


def reply_figures(requests: list[tuple[date, date | None]], policy: Policy) -> Antwoordtermijnen:
    """Figures over (sent, answered) pairs: median calendar days to answer, and the share answered
    before the first reminder was due."""
    answered = [(sent, done) for sent, done in requests if done is not None]
    if not answered:
        return Antwoordtermijnen(0, len(requests), None, None)
    first = reply_working_days(policy)
    in_time = sum(1 for sent, done in answered if done < add_working_days(sent, first))
    return Antwoordtermijnen(
        beantwoord=len(answered),
        open=len(requests) - len(answered),
        mediaan_dagen=statistics.median((done - sent).days for sent, done in answered),
        aandeel_voor_eerste_herinnering=in_time / len(answered),
    )


class VerzoekStatus(StrEnum):
    """Where one request to one creditor stands."""

    OPEN = "open"
    BEANTWOORD = "beantwoord"
    GEEN_MEDEWERKING = "geen_medewerking"
    INGETROKKEN = "ingetrokken"
    ONBEREIKBAAR = "onbereikbaar"


class VorderingBron(StrEnum):
    """Where a claim's figures come from."""

    SCHULDEISER = "schuldeiser"
    PAPIER = "papier"
    CLIENT = "client"


def overzicht_compleet(statussen: Iterable[VerzoekStatus]) -> bool:
    """Whether the overview of the debts is complete: creditors were asked, and none is still to answer."""
    asked = list(statussen)
    return bool(asked) and VerzoekStatus.OPEN not in asked


@dataclass(frozen=True)
class VerzoekStart:
    """A request to one creditor, started by its traject."""

    verzoek_id: str
    traject_id: str
    schuldeiser_id: str
    policy: Policy
    traject_workflow_id: str


@dataclass(frozen=True)
class Ingediend:
    """A claim handed in by the creditor, or entered by the caseworker from paper or the client's figures."""

    vordering: Vordering
    bron: VorderingBron
    door: str = ""


@dataclass(frozen=True)
class Afgewezen:
    """A request closed without a claim: no cooperation (the creditor's reason) or withdrawn (the caseworker's)."""

    reden: str
    door: str = ""


@dataclass
class VerzoekState:
    """One request's state, projected to the dossier."""

    verzoek_id: str
    traject_id: str
    schuldeiser_id: str
    status: VerzoekStatus
    verstuurd_op: date
    herinnerd_op: list[date] = field(default_factory=list)
    geescaleerd_op: date | None = None
    beantwoord_op: date | None = None
    reden: str | None = None
    ingediend: Ingediend | None = None
    version: int = 0


@dataclass(frozen=True)
class VerzoekUitkomst:
    """What a finished request reports back to its traject."""

    verzoek_id: str
    schuldeiser_id: str
    status: VerzoekStatus
    ingediend: Ingediend | None = None
