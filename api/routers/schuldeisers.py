"""Creditors answer their requests here: no phone call, no letter. A creditor sees only what it was asked;
any other request's id answers 404, exactly like an id that does not exist."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from api.audit import audited
from api.auth import Creditor, Principal
from api.deps import SessionDep
from api.engine import EngineDep
from api.fields import PathId
from api.gate import GuardedRoute
from api.problems import Problem
from api.schemas_schuldeisers import VerzoekVoorSchuldeiser, VorderingIn, WeigeringIn
from api.updates import answer_request
from api.views import verzoek_view
from domain.traject import reference
from domain.vordering import Afgewezen, Ingediend, Specificatieregel, Vordering, VorderingBron
from store.models import Persoon, Traject, Verzoek
from store.queries import verzoeken_of_schuldeiser
from workflows.vordering import VorderingWorkflow

router = APIRouter(prefix="/schuldeisers", tags=["schuldeisers"], route_class=GuardedRoute)


def _url(verzoek_id: str) -> str:
    return f"/api/v1/schuldeisers/verzoeken/{verzoek_id}"


def _own(session: SessionDep, principal: Principal, verzoek_id: str) -> Verzoek:
    verzoek = session.get(Verzoek, verzoek_id)
    if verzoek is None or verzoek.schuldeiser_id != principal.sub:
        raise Problem(404, "niet-gevonden", "Er is geen verzoek met dit id voor u.")
    return verzoek


def _for_creditor(session: SessionDep, verzoek: Verzoek) -> VerzoekVoorSchuldeiser:
    traject = session.get(Traject, verzoek.traject_id)
    persoon = session.get(Persoon, traject.persoon_id) if traject else None
    view = verzoek_view(session, verzoek).model_dump() | {"url": _url(verzoek.id)}
    return VerzoekVoorSchuldeiser(
        **view, client_naam=persoon.naam if persoon else "", kenmerk=reference(verzoek.traject_id)
    )


@router.get("/verzoeken", response_model=list[VerzoekVoorSchuldeiser], dependencies=[audited("verzoek-lezen")])
def my_requests(principal: Creditor, session: SessionDep, alleen_open: bool = True) -> list[VerzoekVoorSchuldeiser]:
    """The requests sent to me; by default only those still waiting for my answer."""
    return [_for_creditor(session, v) for v in verzoeken_of_schuldeiser(session, principal.sub, alleen_open)]


@router.get("/verzoeken/{verzoek_id}", response_model=VerzoekVoorSchuldeiser, dependencies=[audited("verzoek-lezen")])
def my_request(principal: Creditor, session: SessionDep, verzoek_id: PathId) -> VerzoekVoorSchuldeiser:
    """One of my requests and the status of what I handed in."""
    return _for_creditor(session, _own(session, principal, verzoek_id))


@router.post(
    "/verzoeken/{verzoek_id}/vorderingen",
    status_code=201,
    response_model=VerzoekVoorSchuldeiser,
    dependencies=[audited("verzoek-beantwoorden")],
)
async def hand_in_claim(
    principal: Creditor, verzoek_id: PathId, body: VorderingIn, engine: EngineDep
) -> VerzoekVoorSchuldeiser:
    """Hand in the claim: amounts in cents; principal, interest and costs must add up to the total."""
    verzoek = await run_in_threadpool(_own, engine.session, principal, verzoek_id)
    claim = Vordering(
        **body.model_dump(exclude={"regels"}),
        regels=[Specificatieregel(r.omschrijving, r.bedrag_cent) for r in body.regels],
    )
    ingediend = Ingediend(claim, VorderingBron.SCHULDEISER, door=principal.sub)
    await answer_request(engine, verzoek.id, VorderingWorkflow.indienen, ingediend, _url(verzoek.id))
    return await _fresh(engine.session, verzoek.id)


@router.post(
    "/verzoeken/{verzoek_id}/weigeringen",
    status_code=201,
    response_model=VerzoekVoorSchuldeiser,
    dependencies=[audited("verzoek-beantwoorden")],
)
async def refuse(
    principal: Creditor, verzoek_id: PathId, body: WeigeringIn, engine: EngineDep
) -> VerzoekVoorSchuldeiser:
    """Say that you will not cooperate, and why; the caseworker sees it at once."""
    verzoek = await run_in_threadpool(_own, engine.session, principal, verzoek_id)
    afgewezen = Afgewezen(body.reden, door=principal.sub)
    await answer_request(engine, verzoek.id, VorderingWorkflow.geen_medewerking, afgewezen, _url(verzoek.id))
    return await _fresh(engine.session, verzoek.id)


async def _fresh(session: SessionDep, verzoek_id: str) -> VerzoekVoorSchuldeiser:
    def read() -> VerzoekVoorSchuldeiser:
        session.expire_all()
        return _for_creditor(session, session.get(Verzoek, verzoek_id))

    return await run_in_threadpool(read)
