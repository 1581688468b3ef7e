"""Referral to a specialised service (the Ondernemersloket or the Bbz for entrepreneurs, social work, care),
recorded with to whom; weeks later the caseworker records whether the client arrived there."""

from fastapi import APIRouter

from api.audit import audited
from api.auth import Caseworker
from api.deps import CurrentTraject
from api.engine import EngineDep
from api.fields import PathId
from api.gate import GuardedRoute
from api.schemas.doorverwijzing import AankomstIn, DoorverwijzingIn
from api.schemas.traject import TrajectDetail
from api.steps import step
from domain.doorverwijzing import Aankomst
from domain.doorverwijzing import DoorverwijzingIn as Verwijzing
from workflows.traject import TrajectWorkflow

router = APIRouter(tags=["doorverwijzing"], route_class=GuardedRoute)
DOORVERWIJZINGEN = "/trajecten/{traject_id}/doorverwijzingen"


@router.post(DOORVERWIJZINGEN, status_code=201, response_model=TrajectDetail, dependencies=[audited("traject-stap")])
async def refer(
    principal: Caseworker, body: DoorverwijzingIn, traject: CurrentTraject, engine: EngineDep
) -> TrajectDetail:
    """Refer the client to a specialised service, in any open phase; the werkvoorraad asks, some weeks later
    (policy `doorverwijzing_nagaan_weken`), whether the client arrived."""
    verwijzing = Verwijzing(body.soort, body.naar, body.toelichting.strip(), door=principal.sub)
    return await step(engine, traject.id, TrajectWorkflow.doorverwijzen, verwijzing)


@router.post(
    f"{DOORVERWIJZINGEN}/{{doorverwijzing_id}}/aankomst",
    status_code=201,
    response_model=TrajectDetail,
    dependencies=[audited("traject-stap")],
)
async def arrived(
    principal: Caseworker,
    doorverwijzing_id: PathId,
    body: AankomstIn,
    traject: CurrentTraject,
    engine: EngineDep,
) -> TrajectDetail:
    """Whether the client arrived where they were referred; recorded once."""
    aankomst = Aankomst(doorverwijzing_id, body.aangekomen, body.toelichting.strip(), door=principal.sub)
    return await step(engine, traject.id, TrajectWorkflow.doorverwijzing_nagaan, aankomst)
