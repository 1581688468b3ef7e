"""Caseworkers register a creditor's collection measure during stabilisation, and whether it went on."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from api.audit import audited
from api.auth import Caseworker
from api.deps import CurrentTraject
from api.engine import EngineDep, opaque
from api.fields import PathId
from api.gate import GuardedRoute
from api.problems import invalid
from api.schemas.stabilisatie import IncassomaatregelIn
from api.schemas.traject import TrajectDetail
from api.steps import step
from domain.inventarisatie import Incassomaatregel, IncassoVoortzetting
from store.models import Schuldeiser
from workflows.traject import TrajectWorkflow

router = APIRouter(tags=["incassomaatregelen"], route_class=GuardedRoute)
MEASURES = "/trajecten/{traject_id}/incassomaatregelen"


@router.post(MEASURES, status_code=201, response_model=TrajectDetail, dependencies=[audited("traject-stap")])
async def register_measure(
    principal: Caseworker, body: IncassomaatregelIn, traject: CurrentTraject, engine: EngineDep
) -> TrajectDetail:
    """A dwangbevel, beslag, verrekening of toeslagen or threatened gijzeling: the creditor is asked to
    suspend it, the client gets the do's & don'ts card."""
    if await run_in_threadpool(engine.session.get, Schuldeiser, body.schuldeiser_id) is None:
        raise invalid([("schuldeiser_id", "niet in het register")])
    # The measure's id follows the request's key, so a retried registration is the same measure.
    maatregel_id = opaque(principal.sub, "incassomaatregel", engine.key)
    maatregel = Incassomaatregel(
        maatregel_id, body.soort, body.schuldeiser_id, body.datum, body.toelichting, door=principal.sub
    )
    return await step(engine, traject.id, TrajectWorkflow.incassomaatregel, maatregel)


@router.post(
    "/trajecten/{traject_id}/incassomaatregelen/{maatregel_id}/voortzetting",
    status_code=201,
    response_model=TrajectDetail,
    dependencies=[audited("traject-stap")],
)
async def measure_goes_on(
    principal: Caseworker, maatregel_id: PathId, traject: CurrentTraject, engine: EngineDep
) -> TrajectDetail:
    """The creditor did not suspend: a draft request for a breed moratorium (art. 287b Fw) is made."""
    voortzetting = IncassoVoortzetting(maatregel_id, door=principal.sub)
    return await step(engine, traject.id, TrajectWorkflow.incasso_voortgezet, voortzetting)
