"""Caseworkers ask a traject's creditors for their claims, and settle requests creditors leave open."""

from __future__ import annotations

from fastapi import APIRouter
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from api.audit import audited
from api.auth import Caseworker
from api.deps import CurrentTraject
from api.engine import EngineDep
from api.fields import PathId
from api.gate import GuardedRoute
from api.problems import Problem, invalid
from api.schemas.schuldeisers import SchuldeisersIn, VorderingHulpverlenerIn, WeigeringIn
from api.schemas.traject import TrajectDetail
from api.steps import answer_request, fresh_detail, step
from api.views import check_debiteur, traject_url
from domain.inventarisatie import Klantcijfers, SchuldeisersToevoegen
from domain.vordering import Afgewezen, Ingediend, Specificatieregel, VerzoekStatus, Vordering, VorderingBron
from store.models import Schuldeiser, Verzoek
from workflows.traject import TrajectWorkflow
from workflows.vordering import VorderingWorkflow

router = APIRouter(tags=["verzoeken"], route_class=GuardedRoute)
REQUEST = "/trajecten/{traject_id}/verzoeken/{verzoek_id}"


@router.post(
    "/trajecten/{traject_id}/schuldeisers",
    status_code=201,
    response_model=TrajectDetail,
    dependencies=[audited("traject-stap")],
)
async def add_creditors(
    principal: Caseworker, body: SchuldeisersIn, traject: CurrentTraject, engine: EngineDep
) -> TrajectDetail:
    """Add the creditors from the client's papers; each is sent a notice and a request for its claim."""
    unknown = await run_in_threadpool(unregistered, engine.session, body.schuldeiser_ids)
    if unknown:
        raise invalid([("schuldeiser_ids", f"niet in het register: {', '.join(unknown)}")])
    toevoegen = SchuldeisersToevoegen(body.schuldeiser_ids, door=principal.sub)
    return await step(engine, traject.id, TrajectWorkflow.schuldeisers_toevoegen, toevoegen)


@router.post(
    "/trajecten/{traject_id}/verzoeken/{verzoek_id}/vorderingen",
    status_code=201,
    response_model=TrajectDetail,
    dependencies=[audited("traject-stap")],
)
async def enter_claim(
    principal: Caseworker,
    verzoek_id: PathId,
    body: VorderingHulpverlenerIn,
    traject: CurrentTraject,
    engine: EngineDep,
) -> TrajectDetail:
    """Enter a claim from paper, or (bron "client") the client's own figures: for a creditor that cannot be
    reached, which marks it unreachable, or for one that will not cooperate, which keeps its refusal on
    record and lets the proposal go ahead with the client's figures."""
    verzoek = await run_in_threadpool(_request_of, engine.session, traject.id, verzoek_id)
    await run_in_threadpool(check_debiteur, engine.session, traject.id, body.debiteur)
    claim = Vordering(
        **body.model_dump(exclude={"regels", "bron"}),
        regels=[Specificatieregel(r.omschrijving, r.bedrag_cent) for r in body.regels],
    )
    ingediend = Ingediend(claim, VorderingBron(body.bron), door=principal.sub)
    if verzoek.status == VerzoekStatus.GEEN_MEDEWERKING.value:
        # The request's own workflow has ended; the traject keeps what the proposal is made of.
        return await step(engine, traject.id, TrajectWorkflow.cijfers_client, Klantcijfers(verzoek_id, ingediend))
    await answer_request(engine, verzoek_id, VorderingWorkflow.indienen, ingediend, traject_url(traject.id))
    return await fresh_detail(engine.session, traject.id)


@router.post(
    f"{REQUEST}/intrekking", status_code=201, response_model=TrajectDetail, dependencies=[audited("traject-stap")]
)
async def withdraw(
    principal: Caseworker,
    verzoek_id: PathId,
    body: WeigeringIn,
    traject: CurrentTraject,
    engine: EngineDep,
) -> TrajectDetail:
    """Withdraw a request, with the reason; the creditor is sent nothing more."""
    await run_in_threadpool(_request_of, engine.session, traject.id, verzoek_id)
    afgewezen = Afgewezen(body.reden, door=principal.sub)
    await answer_request(engine, verzoek_id, VorderingWorkflow.intrekken, afgewezen, traject_url(traject.id))
    return await fresh_detail(engine.session, traject.id)


def unregistered(session: Session, schuldeiser_ids: list[str]) -> list[str]:
    """The ids among `schuldeiser_ids` that are not in the registry."""
    return [sid for sid in schuldeiser_ids if session.get(Schuldeiser, sid) is None]


def _request_of(session: Session, traject_id: str, verzoek_id: str) -> Verzoek:
    verzoek = session.get(Verzoek, verzoek_id)
    if verzoek is None or verzoek.traject_id != traject_id:
        raise Problem(404, "niet-gevonden", "Dit traject heeft geen verzoek met dit id.")
    return verzoek
