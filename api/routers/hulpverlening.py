"""Caseworkers register aanmeldingen and record each step; every step is a validated workflow Update."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Header, Response
from starlette.concurrency import run_in_threadpool
from temporalio.client import Client
from temporalio.exceptions import WorkflowAlreadyStartedError

from api.auth import Caseworker
from api.deps import CurrentTraject, SessionDep, SettingsDep, TemporalDep
from api.problems import Problem
from api.schemas import AanmeldingIn, BeschikkingIn, EersteGesprekIn, PlanVanAanpakIn, TrajectDetail
from api.updates import send_update
from api.views import detail, traject_url
from domain.aanmelding import crisis_kinds
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
from store.models import Traject
from store.queries import trajecten_of_bsn
from workflows.traject import TrajectWorkflow

router = APIRouter(tags=["hulpverlening"])
IDEMPOTENCY_NAMESPACE = uuid.UUID("6f1c1d2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f")


def workflow_id(traject_id: str) -> str:
    """The workflow of a traject: an opaque id, never personal data."""
    return f"traject-{traject_id}"


@router.post("/aanmeldingen", status_code=201, response_model=TrajectDetail)
async def register(
    principal: Caseworker,
    body: AanmeldingIn,
    response: Response,
    session: SessionDep,
    client: TemporalDep,
    settings: SettingsDep,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> TrajectDetail:
    """Register a request for help; its traject starts at once and the confirmation letter goes out.

    With an `Idempotency-Key` header, sending the same request again returns the same traject.
    """
    policy = settings.policy()
    traject_id = str(
        uuid.uuid5(IDEMPOTENCY_NAMESPACE, f"{principal.sub}:{idempotency_key}") if idempotency_key else uuid.uuid4()
    )
    if idempotency_key and (existing := await run_in_threadpool(session.get, Traject, traject_id)):
        response.status_code = 200
        return await run_in_threadpool(detail, session, existing)
    today = datetime.now(ZoneInfo(policy.timezone)).date()
    meldingsdatum = body.meldingsdatum or today
    if meldingsdatum > today:
        raise invalid("meldingsdatum", "ligt in de toekomst")
    if body.crisis is not None and body.crisis not in crisis_kinds(policy.extra_crisis_kinds):
        raise invalid("crisis", f"kies uit: {', '.join(crisis_kinds(policy.extra_crisis_kinds))}")
    earlier = await run_in_threadpool(trajecten_of_bsn, session, body.persoon.bsn)
    if running := [t for t in earlier if t.phase != Phase.AFGESLOTEN]:
        raise Problem(
            409, "traject-loopt-al", "Voor deze persoon loopt al een traject.", traject=traject_url(running[0].id)
        )

    start = TrajectStart(
        traject_id=traject_id,
        caseworker=body.hulpverlener or principal.sub,
        aanmelding=Aanmelding(
            persoon=Persoon(**body.persoon.model_dump()),
            bron=body.bron,
            kinderen=body.kinderen,
            meldingsdatum=meldingsdatum,
            crisis=body.crisis,
            afspraak=Afspraak(body.afspraak.op, body.afspraak.locatie) if body.afspraak else None,
        ),
        policy=policy,
    )
    try:
        handle = await client.start_workflow(
            TrajectWorkflow.run, start, id=workflow_id(traject_id), task_queue=settings.task_queue
        )
    except WorkflowAlreadyStartedError:
        handle = client.get_workflow_handle_for(TrajectWorkflow.run, workflow_id(traject_id))
    await handle.execute_update(TrajectWorkflow.wait_registered)
    response.headers["Location"] = traject_url(traject_id)
    return await fresh_detail(session, traject_id)


@router.post("/trajecten/{traject_id}/gesprekken", status_code=201, response_model=TrajectDetail)
async def record_eerste_gesprek(
    principal: Caseworker, body: EersteGesprekIn, traject: CurrentTraject, session: SessionDep, client: TemporalDep
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
    return await step(client, session, traject.id, TrajectWorkflow.eerste_gesprek, gesprek)


@router.post("/trajecten/{traject_id}/beschikkingen", status_code=201, response_model=TrajectDetail)
async def record_beschikking(
    principal: Caseworker, body: BeschikkingIn, traject: CurrentTraject, session: SessionDep, client: TemporalDep
) -> TrajectDetail:
    """Record the decision on admission; the client gets the beschikking letter."""
    beschikking = Beschikking(body.besluit, body.besluit_op, body.motivering.strip(), door=principal.sub)
    return await step(client, session, traject.id, TrajectWorkflow.beschikking, beschikking)


@router.post("/trajecten/{traject_id}/plannen-van-aanpak", status_code=201, response_model=TrajectDetail)
async def record_plan_van_aanpak(
    principal: Caseworker, body: PlanVanAanpakIn, traject: CurrentTraject, session: SessionDep, client: TemporalDep
) -> TrajectDetail:
    """Record the plan van aanpak; the traject enters stabilisatie and the client gets the plan."""
    plan = PlanVanAanpak(**body.model_dump(), door=principal.sub)
    return await step(client, session, traject.id, TrajectWorkflow.plan_van_aanpak, plan)


async def step(client: Client, session: SessionDep, traject_id: str, update: Any, value: Any) -> TrajectDetail:
    """Send a caseworker's step to the traject's workflow and answer with the traject as it is now."""
    handle = client.get_workflow_handle_for(TrajectWorkflow.run, workflow_id(traject_id))
    closed = Problem(409, "traject-afgesloten", "Dit traject is afgesloten; er kan geen stap meer bij.")
    await send_update(handle, update, value, closed)
    return await fresh_detail(session, traject_id)


async def fresh_detail(session: SessionDep, traject_id: str) -> TrajectDetail:
    """The traject as the dossier has it after a step, read past the session's cache."""

    def read() -> TrajectDetail:
        session.expire_all()
        traject = session.get(Traject, traject_id)
        if traject is None:
            raise Problem(503, "nog-niet-verwerkt", "Het traject is gestart maar nog niet zichtbaar; probeer het zo.")
        return detail(session, traject)

    return await run_in_threadpool(read)


def invalid(name: str, reason: str) -> Problem:
    """A 422 for one field."""
    return Problem(
        422,
        "ongeldige-gegevens",
        f"{name}: {reason}",
        invalidParams=[{"name": name, "code": "invalid", "reason": reason}],
    )
