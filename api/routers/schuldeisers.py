"""Creditors answer their requests and the settlement proposals sent to them here: no phone call, no
letter. A creditor sees only what it was sent; any other id answers 404, exactly like an id that does not
exist."""

from __future__ import annotations

from fastapi import APIRouter
from sqlmodel import Session, col, select
from starlette.concurrency import run_in_threadpool

from api.audit import audited
from api.auth import Creditor, Principal
from api.deps import SessionDep, SettingsDep
from api.engine import EngineDep
from api.fields import PathId
from api.gate import GuardedRoute
from api.problems import Problem
from api.schemas.regeling import ReactieIn, VoorstelVoorSchuldeiser
from api.schemas.schuldeisers import VerzoekVoorSchuldeiser, VorderingIn, WeigeringIn
from api.steps import answer_request, regeling_update
from api.views import check_debiteur, verzoek_view
from domain.regeling_status import RegelingStatus
from domain.schuldregeling import Reactie, VoorstelReactie
from domain.traject import reference
from domain.vordering import Afgewezen, Ingediend, Specificatieregel, Vordering, VorderingBron
from store.models import Deelname, Regeling, Traject, Verzoek
from store.queries import client_naam, verzoeken_of_schuldeiser
from workflows.schuldregeling import SchuldregelingWorkflow
from workflows.vordering import VorderingWorkflow

router = APIRouter(prefix="/schuldeisers", tags=["schuldeisers"], route_class=GuardedRoute)


def _url(verzoek_id: str) -> str:
    return f"/api/v1/schuldeisers/verzoeken/{verzoek_id}"


def _own(session: SessionDep, principal: Principal, verzoek_id: str) -> Verzoek:
    verzoek = session.get(Verzoek, verzoek_id)
    if verzoek is None or verzoek.schuldeiser_id != principal.sub:
        raise Problem(404, "niet-gevonden", "Er is geen verzoek met dit id voor u.")
    return verzoek


def creditor_view(session: Session, verzoek: Verzoek) -> VerzoekVoorSchuldeiser:
    """A request as its creditor sees it: whose debt, the municipality's reference, and where to answer."""
    traject = session.get(Traject, verzoek.traject_id)
    view = verzoek_view(session, verzoek).model_dump() | {"url": _url(verzoek.id)}
    return VerzoekVoorSchuldeiser(
        **view, client_naam=client_naam(session, traject) if traject else "", kenmerk=reference(verzoek.traject_id)
    )


@router.get("/verzoeken", response_model=list[VerzoekVoorSchuldeiser], dependencies=[audited("verzoek-lezen")])
def my_requests(principal: Creditor, session: SessionDep, alleen_open: bool = True) -> list[VerzoekVoorSchuldeiser]:
    """The requests sent to me; by default only those still waiting for my answer."""
    return [creditor_view(session, v) for v in verzoeken_of_schuldeiser(session, principal.sub, alleen_open)]


@router.get("/verzoeken/{verzoek_id}", response_model=VerzoekVoorSchuldeiser, dependencies=[audited("verzoek-lezen")])
def my_request(principal: Creditor, session: SessionDep, verzoek_id: PathId) -> VerzoekVoorSchuldeiser:
    """One of my requests and the status of what I handed in."""
    return creditor_view(session, _own(session, principal, verzoek_id))


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
    await run_in_threadpool(check_debiteur, engine.session, verzoek.traject_id, body.debiteur)
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
        return creditor_view(session, session.get(Verzoek, verzoek_id))

    return await run_in_threadpool(read)


@router.get("/voorstellen", response_model=list[VoorstelVoorSchuldeiser], dependencies=[audited("voorstel-lezen")])
def my_proposals(
    principal: Creditor, session: SessionDep, settings: SettingsDep, alleen_open: bool = True
) -> list[VoorstelVoorSchuldeiser]:
    """The proposals sent to me; by default only those still waiting for my answer."""
    query = select(Deelname).where(Deelname.schuldeiser_id == principal.sub)
    if alleen_open:
        # A proposal whose settlement ended (uitval) waits for nobody any more.
        query = query.join(Regeling, col(Regeling.traject_id) == col(Deelname.traject_id)).where(
            Deelname.reactie == Reactie.OPEN.value, Regeling.status == RegelingStatus.VOORSTEL.value
        )
    rows = session.exec(query.order_by(col(Deelname.voorgesteld_op), col(Deelname.id))).all()
    looptijd = settings.policy().looptijd_maanden
    return [proposal_view(session, row, looptijd) for row in rows]


@router.get(
    "/voorstellen/{voorstel_id}",
    response_model=VoorstelVoorSchuldeiser,
    dependencies=[audited("voorstel-lezen")],
)
def my_proposal(
    principal: Creditor, voorstel_id: PathId, session: SessionDep, settings: SettingsDep
) -> VoorstelVoorSchuldeiser:
    """One proposal sent to me, with my answer and what I received so far."""
    return proposal_view(
        session, _own_proposal(session, principal.sub, voorstel_id), settings.policy().looptijd_maanden
    )


@router.post(
    "/voorstellen/{voorstel_id}/reactie",
    status_code=201,
    response_model=VoorstelVoorSchuldeiser,
    dependencies=[audited("voorstel-beantwoorden")],
)
async def answer_proposal(
    principal: Creditor,
    voorstel_id: PathId,
    body: ReactieIn,
    engine: EngineDep,
    settings: SettingsDep,
) -> VoorstelVoorSchuldeiser:
    """Accept the proposal, or refuse it with your reason."""
    session = engine.session
    row = await run_in_threadpool(_own_proposal, session, principal.sub, voorstel_id)
    reactie = VoorstelReactie(principal.sub, body.akkoord, body.reden, door=principal.sub)
    await regeling_update(engine, row.traject_id, SchuldregelingWorkflow.reactie, reactie)

    def read() -> VoorstelVoorSchuldeiser:
        session.expire_all()
        return proposal_view(
            session, _own_proposal(session, principal.sub, voorstel_id), settings.policy().looptijd_maanden
        )

    return await run_in_threadpool(read)


def _own_proposal(session: Session, schuldeiser_id: str, voorstel_id: str) -> Deelname:
    row = session.get(Deelname, voorstel_id)
    if row is None or row.schuldeiser_id != schuldeiser_id:
        raise Problem(404, "niet-gevonden", "Er is geen voorstel met dit id voor u.")
    return row


def proposal_view(session: Session, row: Deelname, looptijd: int) -> VoorstelVoorSchuldeiser:
    """A proposal as its creditor sees it: its own claim and part, what it received, and where to answer."""
    traject = session.get(Traject, row.traject_id)
    regeling = session.get(Regeling, row.traject_id)
    return VoorstelVoorSchuldeiser(
        id=row.id,
        url=f"/api/v1/schuldeisers/voorstellen/{row.id}",
        kenmerk=reference(row.traject_id),
        client_naam=client_naam(session, traject) if traject else "",
        soort=regeling.soort if regeling else "",
        status=regeling.status if regeling else "",
        vordering_cent=row.vordering_cent,
        aandeel_cent=row.aandeel_cent,
        ontvangen_cent=row.ontvangen_cent,
        looptijd_maanden=looptijd,
        reactie=row.reactie,
        reden=row.reden,
        voorgesteld_op=row.voorgesteld_op,
        beantwoord_op=row.beantwoord_op,
    )
