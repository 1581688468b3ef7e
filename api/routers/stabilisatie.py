"""Caseworkers register a creditor's collection measure during stabilisation, and whether it went on."""

from __future__ import annotations

import uuid
from datetime import date

from fastapi import APIRouter

from api.auth import Caseworker
from api.deps import CurrentTraject, SessionDep, TemporalDep
from api.fields import Strict
from api.routers.hulpverlening import invalid, step
from api.schemas import TrajectDetail
from domain.traject import Incassomaatregel, MaatregelSoort
from store.models import Schuldeiser
from workflows.traject import TrajectWorkflow

router = APIRouter(tags=["hulpverlening"])
MEASURES = "/trajecten/{traject_id}/incassomaatregelen"


class IncassomaatregelIn(Strict):
    soort: MaatregelSoort
    schuldeiser_id: str
    datum: date
    toelichting: str = ""


@router.post(MEASURES, status_code=201, response_model=TrajectDetail)
async def register_measure(
    principal: Caseworker, body: IncassomaatregelIn, traject: CurrentTraject, session: SessionDep, client: TemporalDep
) -> TrajectDetail:
    """A dwangbevel, beslag, verrekening of toeslagen or threatened gijzeling: the creditor is asked to
    suspend it, the client gets the do's & don'ts card."""
    if session.get(Schuldeiser, body.schuldeiser_id) is None:
        raise invalid("schuldeiser_id", "niet in het register")
    maatregel = Incassomaatregel(
        str(uuid.uuid4()), body.soort, body.schuldeiser_id, body.datum, body.toelichting, door=principal.sub
    )
    return await step(client, session, traject.id, TrajectWorkflow.incassomaatregel, maatregel)


@router.post(
    "/trajecten/{traject_id}/incassomaatregelen/{maatregel_id}/voortzetting",
    status_code=201,
    response_model=TrajectDetail,
)
async def measure_goes_on(
    principal: Caseworker, maatregel_id: str, traject: CurrentTraject, session: SessionDep, client: TemporalDep
) -> TrajectDetail:
    """The creditor did not suspend: a draft request for a breed moratorium (art. 287b Fw) is made."""
    return await step(client, session, traject.id, TrajectWorkflow.incasso_gaat_door, maatregel_id)
