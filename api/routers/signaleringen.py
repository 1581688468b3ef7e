"""Vroegsignalering cases, for caseworkers: whom to visit and whom to call, and what came of each case.
Reading a case is logged; accepted help starts a traject linked to its signals."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from sqlmodel import Session, col, select
from starlette.concurrency import run_in_threadpool

from api.audit import audited
from api.auth import Caseworker
from api.deps import SessionDep
from api.engine import EngineDep
from api.fields import CaseId
from api.gate import GuardedRoute
from api.problems import Problem
from api.schemas.signalen import CasePersoon, CaseSignaal, CaseUit, UitkomstIn
from api.views import traject_url
from domain.signalering import Uitkomst
from store.models import Signaal, Signalering
from workflows.signalering import SignaleringWorkflow

router = APIRouter(tags=["signaleringen"], route_class=GuardedRoute)


@router.get("/signaleringen", response_model=list[CaseUit], dependencies=[audited("signaleringen-lezen")])
def cases(
    principal: Caseworker,
    session: SessionDep,
    status: Annotated[str | None, Query(pattern="^(open|afgesloten|verwijderd)$")] = None,
    route: Annotated[str | None, Query(pattern="^(enkelvoudig|meervoudig|crisis)$")] = None,
) -> list[CaseUit]:
    """The vroegsignalering cases, oldest first: whom to visit, whom to call. Reading them is logged."""
    query = select(Signalering)
    if status:
        query = query.where(Signalering.status == status)
    if route:
        query = query.where(Signalering.route == route)
    rows = session.exec(query.order_by(col(Signalering.geopend_op))).all()
    return [case_view(session, row) for row in rows]


@router.get("/signaleringen/{case_id}", response_model=CaseUit, dependencies=[audited("signalering-lezen")])
def case(principal: Caseworker, case_id: CaseId, session: SessionDep) -> CaseUit:
    """One case, with its signals and the person to reach. Reading it is logged."""
    row = session.get(Signalering, case_id)
    if row is None:
        raise Problem(404, "niet-gevonden", "Er is geen signalering met dit id.")
    return case_view(session, row)


@router.post(
    "/signaleringen/{case_id}/uitkomst",
    status_code=201,
    response_model=CaseUit,
    dependencies=[audited("signalering-uitkomst")],
)
async def record_outcome(principal: Caseworker, case_id: CaseId, body: UitkomstIn, engine: EngineDep) -> CaseUit:
    """Record what came of a case: reached or not, by which channel, help accepted or declined. Accepted
    help starts a traject linked to the signals."""
    session = engine.session
    if await run_in_threadpool(session.get, Signalering, case_id) is None:
        raise Problem(404, "niet-gevonden", "Er is geen signalering met dit id.")
    uitkomst = Uitkomst(
        body.bereikt, body.kanaal, body.hulp, body.toelichting, principal.sub, body.toestemming_terugkoppeling
    )
    handle = engine.client.get_workflow_handle_for(SignaleringWorkflow.run, case_id)
    closed = Problem(409, "signalering-afgesloten", "Deze signalering is afgesloten.")
    await engine.update(handle, SignaleringWorkflow.uitkomst, uitkomst, closed, f"/api/v1/signaleringen/{case_id}")

    def read() -> CaseUit:
        session.expire_all()
        row = session.get(Signalering, case_id)
        assert row is not None
        return case_view(session, row)

    return await run_in_threadpool(read)


def case_view(session: Session, row: Signalering) -> CaseUit:
    """A case with its signals and, while the retention term keeps it, the person to reach."""
    signalen = session.exec(select(Signaal).where(Signaal.case_id == row.id).order_by(col(Signaal.datum))).all()
    first = signalen[0] if signalen else None
    persoon = (
        CasePersoon(
            naam=first.naam, adres=f"{first.straat}, {first.postcode} {first.woonplaats}", telefoon=first.telefoon
        )
        if first is not None and first.naam is not None
        else None
    )
    return CaseUit(
        id=row.id,
        url=f"/api/v1/signaleringen/{row.id}",
        route=row.route,
        status=row.status,
        geopend_op=row.geopend_op,
        pogingen=[date.fromisoformat(d) for d in row.pogingen],
        huisbezoek_gevraagd_op=row.huisbezoek_gevraagd_op,
        uitkomst=row.uitkomst,
        traject=traject_url(row.traject_id) if row.traject_id else None,
        signalen=[
            CaseSignaal(partner=s.partner_id, soort=s.soort, achterstand_cent=s.achterstand_cent, datum=s.datum)
            for s in signalen
        ],
        persoon=persoon,
    )
