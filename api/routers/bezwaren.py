"""Bezwaar against a traject's beschikkingen (on admission, and ending help): recorded with the day it came in,
and decided gegrond, ongegrond or withdrawn within the legal term. A gegrond objection against an afwijzing
opens the traject again; one against an ending takes it back to where it ended."""

from fastapi import APIRouter

from api.audit import audited
from api.auth import Caseworker
from api.deps import CurrentTraject
from api.engine import EngineDep
from api.fields import PathId
from api.gate import GuardedRoute
from api.schemas.bezwaar import BezwaarBesluitIn, BezwaarIn
from api.schemas.traject import TrajectDetail
from api.steps import step
from domain.bezwaar import BezwaarBesluit
from domain.bezwaar import BezwaarIn as Bezwaar
from workflows.traject import TrajectWorkflow

router = APIRouter(tags=["bezwaar"], route_class=GuardedRoute)
BEZWAREN = "/trajecten/{traject_id}/bezwaren"


@router.post(BEZWAREN, status_code=201, response_model=TrajectDetail, dependencies=[audited("traject-stap")])
async def lodge(principal: Caseworker, body: BezwaarIn, traject: CurrentTraject, engine: EngineDep) -> TrajectDetail:
    """An objection against the beschikking on admission or the one ending help, received within its
    objection term; also after the traject closed, while that term runs."""
    bezwaar = Bezwaar(body.ingediend_op, body.gronden, door=principal.sub, tegen=body.tegen)
    return await step(engine, traject.id, TrajectWorkflow.bezwaar_indienen, bezwaar)


@router.post(
    f"{BEZWAREN}/{{bezwaar_id}}/besluit",
    status_code=201,
    response_model=TrajectDetail,
    dependencies=[audited("traject-stap")],
)
async def decide(
    principal: Caseworker, bezwaar_id: PathId, body: BezwaarBesluitIn, traject: CurrentTraject, engine: EngineDep
) -> TrajectDetail:
    """The decision on an objection; the client gets a letter (not for a withdrawal). Gegrond against an
    afwijzing: the client is admitted and the traject goes on at the plan van aanpak; gegrond against an
    ending: the traject goes on where it ended (a stopped settlement: at the proposal)."""
    besluit = BezwaarBesluit(bezwaar_id, body.beslissing, body.besluit_op, body.motivering, door=principal.sub)
    return await step(engine, traject.id, TrajectWorkflow.bezwaar_beslissen, besluit)
