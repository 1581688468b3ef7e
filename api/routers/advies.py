"""Informatie en advies: short contacts recorded and counted without a traject, its Wgs clocks or its
letters, and without the person's name or BSN. One that needs help becomes an aanmelding in one step: the
aanmelding names the contact (`adviescontact_id`), and the contact then names its traject."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response
from sqlmodel import Session

from api.auth import Caseworker, Staff
from api.deps import SessionDep, SettingsDep
from api.fields import Dag, Page, PathId
from api.gate import GuardedRoute
from api.problems import Problem, invalid
from api.schemas.advies import AdviescontactIn, AdviescontactPagina, AdviescontactUit
from api.views import traject_url
from domain.advies import Adviescontact as AdviescontactData
from domain.advies import Afloop, Kanaal, Onderwerp, adviescontact_problems
from runtime.clock import now, today
from store.models import Adviescontact
from store.queries import advice_contacts

router = APIRouter(tags=["advies"], route_class=GuardedRoute)


@router.post("/adviescontacten", status_code=201, response_model=AdviescontactUit)
def record_contact(
    principal: Caseworker, body: AdviescontactIn, session: SessionDep, settings: SettingsDep, response: Response
) -> AdviescontactUit:
    """Record a short contact that answered a question or referred someone on. No traject starts, no clock
    runs, no letter goes out; the monitor counts it."""
    day = today(settings.policy().timezone)
    contact = AdviescontactData(
        body.op or day, body.kanaal, body.onderwerp, body.afloop, body.doorverwezen_naar, body.notitie
    )
    if problems := adviescontact_problems(contact, day):
        raise invalid(problems)
    row = Adviescontact(
        id=str(uuid.uuid4()),
        op=contact.op,
        kanaal=contact.kanaal.value,
        onderwerp=contact.onderwerp.value,
        afloop=contact.afloop.value,
        doorverwezen_naar=contact.doorverwezen_naar,
        notitie=contact.notitie,
        medewerker=principal.sub,
        created_at=now(),
    )
    session.add(row)
    session.commit()
    response.headers["Location"] = contact_url(row.id)
    return view(row)


@router.get("/adviescontacten", response_model=AdviescontactPagina)
def list_contacts(
    principal: Staff,
    session: SessionDep,
    van: Dag | None = None,
    tot: Dag | None = None,
    page: Page = 1,
    page_size: Annotated[int, Query(ge=1, le=100, alias="pageSize")] = 50,
) -> AdviescontactPagina:
    """Short contacts, the newest first, within a period if named."""
    if van is not None and tot is not None and van > tot:
        raise invalid([("van", "ligt na tot")])
    total, rows = advice_contacts(session, van, tot, (page - 1) * page_size, page_size)
    return AdviescontactPagina(count=total, results=[view(row) for row in rows])


@router.get("/adviescontacten/{contact_id}", response_model=AdviescontactUit)
def read_contact(principal: Staff, contact_id: PathId, session: SessionDep) -> AdviescontactUit:
    """One short contact."""
    return view(contact_of(session, contact_id))


def contact_of(session: Session, contact_id: str) -> Adviescontact:
    """The contact, or the 404."""
    row = session.get(Adviescontact, contact_id)
    if row is None:
        raise Problem(404, "niet-gevonden", "Er is geen adviescontact met dit id.")
    return row


def contact_url(contact_id: str) -> str:
    """Where a contact lives."""
    return f"/api/v1/adviescontacten/{contact_id}"


def view(row: Adviescontact) -> AdviescontactUit:
    """A contact as the API shows it."""
    return AdviescontactUit(
        id=row.id,
        url=contact_url(row.id),
        op=row.op,
        kanaal=Kanaal(row.kanaal),
        onderwerp=Onderwerp(row.onderwerp),
        afloop=Afloop(row.afloop),
        doorverwezen_naar=row.doorverwezen_naar,
        notitie=row.notitie,
        medewerker=row.medewerker,
        traject=traject_url(row.traject_id) if row.traject_id else None,
    )


def free_contact(session: Session, contact_id: str, traject_id: str) -> Adviescontact:
    """The contact an aanmelding names, if it is not already another traject's."""
    row = session.get(Adviescontact, contact_id)
    if row is None:
        raise invalid([("adviescontact_id", "er is geen adviescontact met dit id")])
    if row.traject_id not in (None, traject_id):
        raise invalid([("adviescontact_id", "dit contact werd al een aanmelding")])
    return row


def link_contact(session: Session, contact_id: str, traject_id: str) -> None:
    """The contact became this traject's aanmelding."""
    row = free_contact(session, contact_id, traject_id)
    row.traject_id, row.afloop = traject_id, Afloop.AANMELDING.value
    session.add(row)
    session.commit()
