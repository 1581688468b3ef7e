"""Caseworkers record nazorg contacts and a client's opt-out, and missed appointments in any phase."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter
from pydantic import Field

from api.auth import Caseworker
from api.deps import CurrentTraject, SessionDep, TemporalDep
from api.fields import Strict
from api.routers.hulpverlening import step
from api.schemas import TrajectDetail
from domain.nazorg import GemisteAfspraak, NazorgStop, NazorgUitkomst, NazorgVerslag
from workflows.traject import TrajectWorkflow

router = APIRouter(tags=["hulpverlening"])
TRAJECT = "/trajecten/{traject_id}"
Toelichting = Annotated[str, Field(max_length=2000)]


class NazorgVerslagIn(Strict):
    """How a nazorg contact went; without `maand`, the contact that is due now (or the next one)."""

    uitkomst: NazorgUitkomst
    toelichting: Toelichting = ""
    maand: Annotated[int, Field(ge=1, le=120)] | None = None


class NazorgStopIn(Strict):
    toelichting: Toelichting = ""


class GemisteAfspraakIn(Strict):
    datum: date
    toelichting: Toelichting = ""


@router.post(f"{TRAJECT}/nazorg/verslagen", status_code=201, response_model=TrajectDetail)
async def record_contact(
    principal: Caseworker, body: NazorgVerslagIn, traject: CurrentTraject, session: SessionDep, client: TemporalDep
) -> TrajectDetail:
    """Record a nazorg contact. `nieuwe_achterstanden` starts a new traject linked to this one;
    `geen_contact_gewenst` ends nazorg."""
    verslag = NazorgVerslag(body.uitkomst, body.toelichting.strip(), body.maand, door=principal.sub)
    return await step(client, session, traject.id, TrajectWorkflow.nazorg_verslag, verslag)


@router.post(f"{TRAJECT}/nazorg/stop", status_code=201, response_model=TrajectDetail)
async def stop_nazorg(
    principal: Caseworker, body: NazorgStopIn, traject: CurrentTraject, session: SessionDep, client: TemporalDep
) -> TrajectDetail:
    """The client wants no more nazorg: it stops, and the client gets a short letter to confirm."""
    stop = NazorgStop(body.toelichting.strip(), door=principal.sub)
    return await step(client, session, traject.id, TrajectWorkflow.nazorg_stoppen, stop)


@router.post(f"{TRAJECT}/gemiste-afspraken", status_code=201, response_model=TrajectDetail)
async def record_missed_appointment(
    principal: Caseworker, body: GemisteAfspraakIn, traject: CurrentTraject, session: SessionDep, client: TemporalDep
) -> TrajectDetail:
    """A missed appointment: a contact task and a letter inviting the client to call; the traject goes on."""
    afspraak = GemisteAfspraak(body.datum, body.toelichting.strip(), door=principal.sub)
    return await step(client, session, traject.id, TrajectWorkflow.afspraak_gemist, afspraak)
