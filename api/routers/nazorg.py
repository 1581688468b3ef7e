"""Caseworkers record nazorg contacts and a client's opt-out, and missed appointments in any phase."""

from fastapi import APIRouter

from api.audit import audited
from api.auth import Caseworker
from api.deps import CurrentTraject
from api.engine import EngineDep
from api.gate import GuardedRoute
from api.schemas.nazorg import GemisteAfspraakIn, NazorgStopIn, NazorgVerslagIn
from api.schemas.traject import TrajectDetail
from api.steps import step
from domain.nazorg import GemisteAfspraak, NazorgStop, NazorgVerslag
from workflows.traject import TrajectWorkflow

router = APIRouter(tags=["nazorg"], route_class=GuardedRoute)
TRAJECT = "/trajecten/{traject_id}"


@router.post(
    f"{TRAJECT}/nazorg/verslagen", status_code=201, response_model=TrajectDetail, dependencies=[audited("traject-stap")]
)
async def record_contact(
    principal: Caseworker, body: NazorgVerslagIn, traject: CurrentTraject, engine: EngineDep
) -> TrajectDetail:
    """Record a nazorg contact. `nieuwe_achterstanden` starts a new traject linked to this one;
    `geen_contact_gewenst` ends nazorg."""
    verslag = NazorgVerslag(body.uitkomst, body.toelichting.strip(), body.maand, door=principal.sub)
    return await step(engine, traject.id, TrajectWorkflow.nazorg_verslag, verslag)


@router.post(
    f"{TRAJECT}/nazorg/stop", status_code=201, response_model=TrajectDetail, dependencies=[audited("traject-stap")]
)
async def stop_nazorg(
    principal: Caseworker, body: NazorgStopIn, traject: CurrentTraject, engine: EngineDep
) -> TrajectDetail:
    """The client wants no more nazorg: it stops, and the client gets a short letter to confirm."""
    stop = NazorgStop(body.toelichting.strip(), door=principal.sub)
    return await step(engine, traject.id, TrajectWorkflow.nazorg_stoppen, stop)


@router.post(
    f"{TRAJECT}/gemiste-afspraken",
    status_code=201,
    response_model=TrajectDetail,
    dependencies=[audited("traject-stap")],
)
async def record_missed_appointment(
    principal: Caseworker, body: GemisteAfspraakIn, traject: CurrentTraject, engine: EngineDep
) -> TrajectDetail:
    """A missed appointment: a contact task and a letter inviting the client to call; the traject goes on."""
    afspraak = GemisteAfspraak(body.datum, body.toelichting.strip(), door=principal.sub)
    return await step(engine, traject.id, TrajectWorkflow.afspraak_gemist, afspraak)
