"""Begeleiding during any open phase of a traject: budgetbeheer, budgetbegeleiding and beschermingsbewind,
each with its provider and dates, for clients whose debts cannot be settled yet."""

from fastapi import APIRouter

from api.audit import audited
from api.auth import Caseworker
from api.deps import CurrentTraject
from api.engine import EngineDep
from api.fields import PathId
from api.gate import GuardedRoute
from api.schemas.begeleiding import BegeleidingEindeIn, BegeleidingStartIn
from api.schemas.traject import TrajectDetail
from api.steps import step
from domain.begeleiding import BegeleidingEinde, BegeleidingStart
from workflows.traject import TrajectWorkflow

router = APIRouter(tags=["begeleiding"], route_class=GuardedRoute)
BEGELEIDINGEN = "/trajecten/{traject_id}/begeleidingen"


@router.post(BEGELEIDINGEN, status_code=201, response_model=TrajectDetail, dependencies=[audited("traject-stap")])
async def start_begeleiding(
    principal: Caseworker, body: BegeleidingStartIn, traject: CurrentTraject, engine: EngineDep
) -> TrajectDetail:
    """A begeleiding starts. One of each kind runs at a time."""
    start = BegeleidingStart(body.soort, body.aanbieder, body.start_op, door=principal.sub)
    return await step(engine, traject.id, TrajectWorkflow.begeleiding_starten, start)


@router.post(
    f"{BEGELEIDINGEN}/{{begeleiding_id}}/einde",
    status_code=201,
    response_model=TrajectDetail,
    dependencies=[audited("traject-stap")],
)
async def end_begeleiding(
    principal: Caseworker,
    begeleiding_id: PathId,
    body: BegeleidingEindeIn,
    traject: CurrentTraject,
    engine: EngineDep,
) -> TrajectDetail:
    """A running begeleiding ends."""
    einde = BegeleidingEinde(begeleiding_id, body.einde_op, door=principal.sub)
    return await step(engine, traject.id, TrajectWorkflow.begeleiding_beeindigen, einde)
