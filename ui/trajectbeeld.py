"""What a traject's page shows: the API's own detail, with the settlement's month strip, what the engine has
planned by itself, and the settlement's steps the engine allows now."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session

from api.auth import Role
from api.routers.regelingen import regeling_view
from api.schemas.regeling import RegelingUit
from api.schemas.traject import TrajectDetail
from api.views import detail, waits_on
from domain.betrokkene import Betrokkenheid
from domain.kalender import vervaldag
from domain.phases import PHASE_LABELS, Phase
from domain.policy import Policy
from domain.regeling_status import RegelingStap, RegelingStatus, allowed_steps
from domain.vordering import VerzoekStatus, escalation_date, reminder_dates
from runtime.clock import today
from store.models import Medewerker, Regeling, Traject
from store.queries import deliveries, registry, staff
from ui.labels import label


def _months(regeling: RegelingUit, day: date) -> list[dict[str, Any]]:
    """The settlement's strip: each month paid, missed, late or still to come."""
    months, owed = [], 0
    for number, amount in enumerate(regeling.maandschema, start=1):
        owed += amount
        due = vervaldag(regeling.ingangsdatum, number) if regeling.ingangsdatum else None
        if number in regeling.gemist:
            status = "gemist"
        elif regeling.betaald_cent >= owed:
            status = "betaald"
        elif due is not None and due < day:
            status = "te-laat"
        else:
            status = "komend"
        months.append({"maand": number, "bedrag": amount, "vervaldag": due, "status": status})
    return months


def _planned(
    shown: TrajectDetail, regeling: RegelingUit | None, names: dict[str, str], policy: Policy, day: date
) -> list[dict[str, Any]]:
    """What the engine will do by itself, and when: the clocks it watches, the reminders and escalations of
    unanswered creditor requests, the nazorg moments, the next payment."""
    planned: list[dict[str, Any]] = []
    for verzoek in shown.verzoeken:
        if verzoek.status != VerzoekStatus.OPEN:
            continue
        creditor = names.get(verzoek.schuldeiser_id, verzoek.schuldeiser_id)
        planned += [
            {"op": on, "wat": f"Herinnering aan {creditor}"}
            for on in reminder_dates(verzoek.verstuurd_op, policy)
            if on >= day and on not in verzoek.herinnerd_op
        ]
        if verzoek.geescaleerd_op is None:
            planned.append(
                {
                    "op": escalation_date(verzoek.verstuurd_op, policy),
                    "wat": f"{creditor} naar u als hij niet antwoordt",
                }
            )
    planned += [
        {"op": clock.uiterlijk, "wat": f"Wgs-termijn {label('klok', clock.klok.value).lower()} loopt af"}
        for clock in shown.termijnen
        if clock.gehaald_op is None and not clock.overschreden
    ]
    planned += [
        {"op": contact.gepland_op, "wat": f"Nazorgcontact na {contact.maand} maanden"}
        for contact in shown.nazorg
        if contact.uitkomst is None
    ]
    if regeling is not None and regeling.volgende_vervaldag is not None:
        planned.append({"op": regeling.volgende_vervaldag, "wat": "Volgende betaling verwacht"})
    return sorted(planned, key=lambda item: item["op"])


def _settlement_steps(regeling: RegelingUit) -> list[str]:
    """The settlement's steps the engine allows now; approving a recalculation only when there is one."""
    steps = allowed_steps(RegelingStatus(regeling.status))
    return sorted(step.value for step in steps if step != RegelingStap.HERBEREKENING or regeling.herberekening)


def caseworkers(session: Session) -> list[Medewerker]:
    """The active caseworkers in the register, who can take over a traject."""
    return [m for m in staff(session, actief=True) if m.rol == Role.HULPVERLENER.value]


def traject_context(session: Session, traject: Traject, policy: Policy) -> dict[str, Any]:
    """Everything the trajectpagina and its fragments show of one traject."""
    shown = detail(session, traject)
    register = {m.id: m for m in staff(session)}
    creditors = registry(session)
    day = today()
    row = session.get(Regeling, traject.id)
    regeling = regeling_view(session, row, day) if row else None
    return {
        "t": shown,
        "regeling_stappen": (
            _settlement_steps(regeling) if regeling is not None and traject.phase == Phase.SCHULDREGELING else []
        ),
        "wacht_op": waits_on(traject, row),
        "fase_naam": PHASE_LABELS[Phase(traject.phase)],
        "vandaag": day,
        "regeling": regeling,
        "maanden": _months(regeling, day) if regeling else [],
        "gepland": _planned(shown, regeling, {c.id: c.naam for c in creditors}, policy, day),
        "bezorging": deliveries(session, [brief.id for brief in shown.brieven]),
        "schuldeisers": {c.id: c for c in creditors},
        "medewerkers": register,
        "ontvangers": [m for m in caseworkers(session) if m.id != traject.caseworker],
        "ketenmensen": [m for m in register.values() if m.actief and m.rol in {r.value for r in Betrokkenheid}],
        "teams": sorted({m.team for m in register.values()}),
    }
