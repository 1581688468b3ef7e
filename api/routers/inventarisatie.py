"""Caseworkers ask a traject's creditors for their claims, and settle requests creditors leave open."""

from __future__ import annotations

from fastapi import APIRouter

from api.auth import Caseworker
from api.deps import CurrentTraject, SessionDep, TemporalDep
from api.problems import Problem
from api.routers.hulpverlening import fresh_detail, invalid, step
from api.schemas import TrajectDetail
from api.schemas_schuldeisers import SchuldeisersIn, VorderingHulpverlenerIn, WeigeringIn
from api.updates import answer_request
from domain.traject import SchuldeisersToevoegen
from domain.vordering import Afgewezen, Ingediend, Specificatieregel, Vordering, VorderingBron
from store.models import Schuldeiser, Verzoek
from workflows.traject import TrajectWorkflow
from workflows.vordering import VorderingWorkflow

router = APIRouter(tags=["hulpverlening"])
REQUEST = "/trajecten/{traject_id}/verzoeken/{verzoek_id}"


@router.post("/trajecten/{traject_id}/schuldeisers", status_code=201, response_model=TrajectDetail)
async def add_creditors(
    principal: Caseworker, body: SchuldeisersIn, traject: CurrentTraject, session: SessionDep, client: TemporalDep
) -> TrajectDetail:
    """Add the creditors from the client's papers; each is sent a notice and a request for its claim."""
    unknown = [sid for sid in body.schuldeiser_ids if session.get(Schuldeiser, sid) is None]
    if unknown:
        raise invalid("schuldeiser_ids", f"niet in het register: {', '.join(unknown)}")
    toevoegen = SchuldeisersToevoegen(body.schuldeiser_ids, door=principal.sub)
    return await step(client, session, traject.id, TrajectWorkflow.schuldeisers_toevoegen, toevoegen)


@router.post(
    "/trajecten/{traject_id}/verzoeken/{verzoek_id}/vorderingen", status_code=201, response_model=TrajectDetail
)
async def enter_claim(
    principal: Caseworker,
    verzoek_id: str,
    body: VorderingHulpverlenerIn,
    traject: CurrentTraject,
    session: SessionDep,
    client: TemporalDep,
) -> TrajectDetail:
    """Enter a claim from paper, or (bron "client") the client's own figures for a creditor that cannot
    be reached, which marks the creditor unreachable."""
    _request_of(session, traject.id, verzoek_id)
    claim = Vordering(
        **body.model_dump(exclude={"regels", "bron"}),
        regels=[Specificatieregel(r.omschrijving, r.bedrag_cent) for r in body.regels],
    )
    await answer_request(client, verzoek_id, VorderingWorkflow.indienen, Ingediend(claim, VorderingBron(body.bron)))
    return await fresh_detail(session, traject.id)


@router.post(f"{REQUEST}/intrekking", status_code=201, response_model=TrajectDetail)
async def withdraw(
    principal: Caseworker,
    verzoek_id: str,
    body: WeigeringIn,
    traject: CurrentTraject,
    session: SessionDep,
    client: TemporalDep,
) -> TrajectDetail:
    """Withdraw a request, with the reason; the creditor is sent nothing more."""
    _request_of(session, traject.id, verzoek_id)
    await answer_request(client, verzoek_id, VorderingWorkflow.intrekken, Afgewezen(body.reden))
    return await fresh_detail(session, traject.id)


def _request_of(session: SessionDep, traject_id: str, verzoek_id: str) -> Verzoek:
    verzoek = session.get(Verzoek, verzoek_id)
    if verzoek is None or verzoek.traject_id != traject_id:
        raise Problem(404, "niet-gevonden", "Dit traject heeft geen verzoek met dit id.")
    return verzoek
