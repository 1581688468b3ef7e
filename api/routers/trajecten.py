"""Trajecten: the aanmelding that starts one, reading them (the list, one traject, its letters, a search by
BSN), and the caseworker's steps of admission and uitval. Every read of personal data is audited."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response
from fastapi.responses import HTMLResponse
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from temporalio.exceptions import WorkflowAlreadyStartedError

from api.audit import audited
from api.auth import Caseworker, Staff
from api.deps import CurrentTraject, SessionDep, SettingsDep, refuse_unserved
from api.engine import Accepted, Engine, EngineDep, opaque
from api.fields import Ident, Page, PathId
from api.gate import GuardedRoute
from api.problems import Problem, invalid
from api.routers.advies import free_contact, link_contact
from api.schemas.traject import (
    AanmeldingIn,
    AfsluitingIn,
    BeschikkingIn,
    EersteGesprekIn,
    Pagina,
    PlanVanAanpakIn,
    TrajectDetail,
    TrajectSamenvatting,
    UitvalIn,
    ZoekVraag,
)
from api.steps import fresh_detail, step
from api.views import BASE, detail, summary, traject_url
from domain import ids
from domain.aanmelding import crisis_kinds
from domain.beeindiging import Afsluiting
from domain.gemeente import gemeente_van
from domain.phases import Phase
from domain.traject import (
    Aanmelding,
    Actiepunt,
    Afspraak,
    Beschikking,
    EersteGesprek,
    Persoon,
    PlanVanAanpak,
    TrajectStart,
)
from domain.uitval import Uitval
from runtime.clock import today
from runtime.settings import Settings
from runtime.temporal import TRAJECT_ONCE
from store.dossier import store_persoon
from store.models import Brief, Traject
from store.queries import (
    TrajectFilter,
    list_trajecten,
    policy_of,
    postcode_areas,
    trajecten_anywhere,
    trajecten_of_bsn,
)
from store.werkgebied import serves
from workflows.traject import TrajectWorkflow

router = APIRouter(tags=["trajecten"], route_class=GuardedRoute)


@router.post(
    "/aanmeldingen",
    status_code=201,
    response_model=TrajectDetail,
    responses={200: {"model": TrajectDetail, "description": "Dezelfde Idempotency-Key: het eerste traject."}},
    dependencies=[audited("traject-stap")],
)
async def register(
    principal: Caseworker,
    body: AanmeldingIn,
    response: Response,
    session: SessionDep,
    engine: EngineDep,
    settings: SettingsDep,
) -> TrajectDetail:
    """Register a request for help; its traject starts at once and the confirmation letter goes out.

    With an `Idempotency-Key` header, sending the same request again returns the same traject, once its
    registration and letter are complete.
    """
    traject_id, retried = await aanmelden(
        principal.sub, body, body.hulpverlener or principal.sub, session, engine, settings
    )
    response.status_code = 200 if retried else 201
    response.headers["Location"] = traject_url(traject_id)
    return await fresh_detail(session, traject_id)


async def aanmelden(
    door: str,
    body: AanmeldingIn,
    caseworker: str,
    session: Session,
    engine: Engine,
    settings: Settings,
    bewindvoerder: str | None = None,
) -> tuple[str, bool]:
    """Start the traject an aanmelding asks for, once per request key, and wait until it is registered with
    its letter; the traject's id, and whether an earlier attempt of the same request had started it."""
    gemeentecode = await run_in_threadpool(gemeente_of, session, settings, body)
    policy = await run_in_threadpool(policy_of, session, settings.policy(), gemeentecode)
    # The traject's id follows the request's key (the caller's, or the one a 202 or 503 returns to it), so
    # a retry finds the traject its first attempt started instead of starting a second one.
    traject_id = opaque(door, "aanmelding", engine.key)
    meldingsdatum = body.meldingsdatum or today(policy.timezone)
    if body.crisis is not None and body.crisis not in crisis_kinds(policy.extra_crisis_kinds):
        raise invalid([("crisis", f"kies uit: {', '.join(crisis_kinds(policy.extra_crisis_kinds))}")])
    if body.partner is not None and body.partner.bsn == body.persoon.bsn:
        raise invalid([("partner.bsn", "is het BSN van de cliënt zelf")])
    if body.adviescontact_id is not None:
        await run_in_threadpool(free_contact, session, body.adviescontact_id, traject_id)
    earlier = await run_in_threadpool(trajecten_anywhere, session, body.persoon.bsn)
    retried = any(id_ == traject_id for id_, _ in earlier)
    if body.partner is not None:
        earlier += await run_in_threadpool(trajecten_anywhere, session, body.partner.bsn)
    if running := [id_ for id_, phase in earlier if phase != Phase.AFGESLOTEN and id_ != traject_id]:
        raise Problem(
            409, "traject-loopt-al", "Voor deze persoon loopt al een traject.", traject=traject_url(running[0])
        )

    if not serves(session, gemeentecode, settings.gemeentecode):
        # A traject the caller could not see afterwards: someone serving that gemeente registers it.
        raise invalid([("gemeentecode", f"gemeente {gemeentecode} hoort niet bij uw werkgebied")])
    persoon_id = opaque(door, "persoon", engine.key)
    await run_in_threadpool(store_persoon, session, persoon_id, Persoon(**body.persoon.model_dump()))
    partner_id = None
    if body.partner is not None:
        # One household at one address: the partner lives where the client lives.
        address = body.persoon.model_dump(include={"straat", "postcode", "woonplaats"})
        partner_id = opaque(door, "partner", engine.key)
        await run_in_threadpool(store_persoon, session, partner_id, Persoon(**body.partner.model_dump(), **address))
    start = TrajectStart(
        traject_id=traject_id,
        caseworker=caseworker,
        aanmelding=Aanmelding(
            persoon=None,
            persoon_id=persoon_id,
            bron=body.bron,
            kinderen=body.kinderen,
            meldingsdatum=meldingsdatum,
            crisis=body.crisis,
            afspraak=Afspraak(body.afspraak.op, body.afspraak.locatie) if body.afspraak else None,
            ondernemer=body.ondernemer,
            partner_id=partner_id,
            bewindvoerder=bewindvoerder,
            gemeentecode=gemeentecode,
        ),
        policy=policy,
    )
    handle = engine.client.get_workflow_handle_for(TrajectWorkflow.run, ids.traject(traject_id))
    try:
        await engine.call(
            engine.client.start_workflow(
                TrajectWorkflow.run,
                start,
                id=ids.traject(traject_id),
                task_queue=settings.task_queue,
                id_reuse_policy=TRAJECT_ONCE,
            )
        )
    except WorkflowAlreadyStartedError:
        retried = True
    closed = Problem(409, "traject-afgesloten", "Dit traject is al afgesloten.")
    if not (retried and await run_in_threadpool(_registered_and_closed, session, traject_id)):
        try:
            await engine.update(handle, TrajectWorkflow.wait_registered, None, closed, traject_url(traject_id))
        except Problem as problem:
            if problem.status != 503:
                raise
            # The traject's workflow runs: it registers and writes the letter once a worker takes it.
            raise Accepted(traject_url(traject_id), engine.key) from problem
    if body.adviescontact_id is not None:
        await run_in_threadpool(link_contact, session, body.adviescontact_id, traject_id)
    return traject_id, retried


@router.post(
    "/trajecten/{traject_id}/gesprekken",
    status_code=201,
    response_model=TrajectDetail,
    dependencies=[audited("traject-stap")],
)
async def record_eerste_gesprek(
    principal: Caseworker, body: EersteGesprekIn, traject: CurrentTraject, engine: EngineDep
) -> TrajectDetail:
    """Record the first conversation; the client gets the actielijst."""
    gesprek = EersteGesprek(
        gehouden_op=body.gehouden_op,
        ernst=body.ernst,
        zelfredzaamheid=body.zelfredzaamheid,
        gevonden_voorzieningen=body.gevonden_voorzieningen,
        actiepunten=[Actiepunt(a.wie, a.wat, a.uiterlijk) for a in body.actiepunten],
        door=principal.sub,
    )
    return await step(engine, traject.id, TrajectWorkflow.eerste_gesprek, gesprek)


@router.post(
    "/trajecten/{traject_id}/beschikkingen",
    status_code=201,
    response_model=TrajectDetail,
    dependencies=[audited("traject-stap")],
)
async def record_beschikking(
    principal: Caseworker, body: BeschikkingIn, traject: CurrentTraject, engine: EngineDep
) -> TrajectDetail:
    """Record the decision on admission; the client gets the beschikking letter."""
    beschikking = Beschikking(body.besluit, body.besluit_op, body.motivering, door=principal.sub)
    return await step(engine, traject.id, TrajectWorkflow.beschikking, beschikking)


@router.post(
    "/trajecten/{traject_id}/plannen-van-aanpak",
    status_code=201,
    response_model=TrajectDetail,
    dependencies=[audited("traject-stap")],
)
async def record_plan_van_aanpak(
    principal: Caseworker, body: PlanVanAanpakIn, traject: CurrentTraject, engine: EngineDep
) -> TrajectDetail:
    """Record the plan van aanpak; the traject enters stabilisatie and the client gets the plan."""
    plan = PlanVanAanpak(**body.model_dump(), door=principal.sub)
    return await step(engine, traject.id, TrajectWorkflow.plan_van_aanpak, plan)


@router.post(
    "/trajecten/{traject_id}/uitval",
    status_code=201,
    response_model=TrajectDetail,
    dependencies=[audited("traject-stap")],
)
async def drop_out(principal: Caseworker, body: UitvalIn, traject: CurrentTraject, engine: EngineDep) -> TrajectDetail:
    """End the traject early with a reason from the fixed list; the client gets a letter."""
    uitval = Uitval(body.reden, body.toelichting.strip(), door=principal.sub)
    return await step(engine, traject.id, TrajectWorkflow.uitval, uitval)


@router.post(
    "/trajecten/{traject_id}/afsluiting",
    status_code=201,
    response_model=TrajectDetail,
    dependencies=[audited("traject-stap")],
)
async def close(principal: Caseworker, body: AfsluitingIn, traject: CurrentTraject, engine: EngineDep) -> TrajectDetail:
    """End the traject as what it is: stabilised without a settlement, referred elsewhere (Vandaag asks later
    whether the client arrived), advice only, moved to another gemeente, or deceased. Each but the last is a
    beschikking with its letter, open to objection for six weeks; a settlement that runs stops only for a
    move or a death (else: uitval)."""
    afsluiting = Afsluiting(**body.model_dump(), door=principal.sub)
    return await step(engine, traject.id, TrajectWorkflow.afsluiten, afsluiting)


def gemeente_of(session: Session, settings: Settings, body: AanmeldingIn) -> str:
    """The gemeente responsible for this aanmelding: the one chosen, else the one whose postcode area holds the
    address, else the installation's own."""
    if body.gemeentecode is not None:
        refuse_unserved(session, settings, [("gemeentecode", body.gemeentecode)])
        return body.gemeentecode
    return gemeente_van(body.persoon.postcode, postcode_areas(session)) or settings.gemeentecode


def _registered_and_closed(session: Session, traject_id: str) -> bool:
    """Whether a retried aanmelding's traject has already ended: there is no workflow left to wait on."""
    traject = session.get(Traject, traject_id)
    return traject is not None and traject.phase == Phase.AFGESLOTEN


@router.get("/trajecten", response_model=Pagina)
def list_all(
    principal: Staff,
    session: SessionDep,
    fase: Phase | None = None,
    hulpverlener: Annotated[Ident | None, Query()] = None,
    termijn_overschreden: bool | None = None,
    page: Page = 1,
    page_size: Annotated[int, Query(ge=1, le=100, alias="pageSize")] = 20,
) -> Pagina:
    """Trajecten, the nearest deadline first; filter by phase, caseworker or breached deadline."""
    filters = TrajectFilter(fase.value if fase else None, hulpverlener, termijn_overschreden)
    total, rows = list_trajecten(session, filters, (page - 1) * page_size, page_size)

    def link(number: int) -> str:
        query = [f"page={number}", f"pageSize={page_size}"]
        query += [f"fase={fase.value}"] if fase else []
        query += [f"hulpverlener={hulpverlener}"] if hulpverlener else []
        query += (
            [f"termijn_overschreden={str(termijn_overschreden).lower()}"] if termijn_overschreden is not None else []
        )
        return f"{BASE}/trajecten?{'&'.join(query)}"

    return Pagina(
        count=total,
        next=link(page + 1) if page * page_size < total else None,
        previous=link(page - 1) if page > 1 else None,
        results=[summary(row) for row in rows],
    )


@router.post("/trajecten/zoeken", response_model=list[TrajectSamenvatting], dependencies=[audited("zoeken-op-bsn")])
def search_by_bsn(principal: Staff, session: SessionDep, vraag: ZoekVraag) -> list[TrajectSamenvatting]:
    """The trajecten of one person, found by BSN (in the body, never in the URI)."""
    found = trajecten_of_bsn(session, vraag.bsn)
    return [summary(row) for row in found]


@router.get("/trajecten/{traject_id}", response_model=TrajectDetail, dependencies=[audited("traject-lezen")])
def read_one(principal: Staff, session: SessionDep, traject: CurrentTraject) -> TrajectDetail:
    """One traject with its procesplaat, deadlines, actielijst, timeline and letters."""
    return detail(session, traject)


@router.get(
    "/trajecten/{traject_id}/brieven/{brief_id}", response_class=HTMLResponse, dependencies=[audited("brief-lezen")]
)
def read_letter(principal: Staff, session: SessionDep, traject: CurrentTraject, brief_id: PathId) -> HTMLResponse:
    """A letter exactly as the client received it."""
    brief = session.get(Brief, brief_id)
    if brief is None or brief.traject_id != traject.id:
        raise Problem(404, "niet-gevonden", "Deze brief hoort niet bij dit traject.")
    return HTMLResponse(brief.html)
