"""Time-skipping runs of TrajectWorkflow: the Wgs clocks met, breached, and steps refused."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlmodel import select
from temporalio.api.common.v1 import WorkflowExecution
from temporalio.api.enums.v1 import EventType
from temporalio.api.workflowservice.v1 import DescribeWorkflowExecutionRequest
from temporalio.client import Client, WorkflowFailureError, WorkflowUpdateFailedError
from temporalio.exceptions import ApplicationError
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from domain.betrokkene import Betrokkenheid, Koppeling, NotitieIn
from domain.klantprofiel import Ernst, Route, Zelfredzaamheid
from domain.phases import Phase
from domain.traject import (
    Beschikking,
    Besluit,
    Clock,
    PlanVanAanpak,
)
from runtime.settings import Settings
from store.db import SessionFactory
from store.models import Brief, OutboxEntry, Traject, TrajectEvent
from tests.conftest import make_start
from tests.workflow.conftest import Starter, gesprek, settled, today, toelating
from workflows.search_attributes import CASEWORKER, PHASE
from workflows.traject import TrajectResult, TrajectWorkflow

TZ = "Europe/Amsterdam"


async def test_crisis_aanmelding_breaches_its_three_working_day_clock(
    time_skipping_env: WorkflowEnvironment, start: Starter, sessions: SessionFactory
) -> None:
    meldingsdatum = await today(time_skipping_env)
    handle = await start(make_start(meldingsdatum, crisis="gedwongen_woningontruiming"))
    state = await handle.query(TrajectWorkflow.state)
    due = state.deadline(Clock.EERSTE_GESPREK).uiterlijk
    assert 3 <= (due - meldingsdatum).days <= 7

    await time_skipping_env.sleep(timedelta(days=(due - meldingsdatum).days + 1, hours=12))

    state = await handle.query(TrajectWorkflow.state)
    assert state.deadline_breached
    assert state.phase is Phase.AANMELDING
    with sessions() as session:
        row = session.get(Traject, state.traject_id)
        assert row.deadline_breached
        assert row.breaches == ["eerste_gesprek"]
        timeline = session.exec(select(TrajectEvent).where(TrajectEvent.traject_id == row.id)).all()
        assert [(e.kind, e.actor) for e in timeline] == [
            ("aanmelding", "hv-anna"),
            ("termijn_overschreden:eerste_gesprek", "systeem"),
        ]
    description = await handle.describe()
    assert (
        description.typed_search_attributes.get(
            __import__("workflows.search_attributes", fromlist=["x"]).DEADLINE_BREACHED
        )
        is True
    )

    # The conversation can still be recorded after the breach; the breach stays visible.
    late = await handle.execute_update(TrajectWorkflow.eerste_gesprek, gesprek(await today(time_skipping_env)))
    assert late.phase is Phase.TOELATING
    assert late.deadline(Clock.EERSTE_GESPREK).overschreden
    assert late.klantprofiel.route is Route.CRISIS


def events(sessions: SessionFactory, traject_id: str) -> list[str]:
    with sessions() as session:
        return [e.kind for e in session.exec(select(TrajectEvent).where(TrajectEvent.traject_id == traject_id))]


async def test_normal_aanmelding_meets_its_four_week_clock(
    time_skipping_env: WorkflowEnvironment, start: Starter, sessions: SessionFactory
) -> None:
    handle = await start(make_start(await today(time_skipping_env)))
    state = await handle.query(TrajectWorkflow.state)
    assert state.deadline(Clock.EERSTE_GESPREK).uiterlijk >= state.meldingsdatum + timedelta(weeks=4)

    await time_skipping_env.sleep(timedelta(days=10))
    recorded = await handle.execute_update(TrajectWorkflow.eerste_gesprek, gesprek(await today(time_skipping_env)))
    await time_skipping_env.sleep(timedelta(weeks=4))

    state = await handle.query(TrajectWorkflow.state)
    assert recorded.phase is Phase.TOELATING
    assert not state.deadline_breached
    assert state.deadline(Clock.EERSTE_GESPREK).gehaald_op == recorded.eerste_gesprek.gehouden_op
    assert events(sessions, state.traject_id) == ["aanmelding", "eerste_gesprek"]


async def test_late_beschikking_shows_its_breach(
    time_skipping_env: WorkflowEnvironment, start: Starter, sessions: SessionFactory
) -> None:
    handle = await start(make_start(await today(time_skipping_env)))
    await handle.execute_update(TrajectWorkflow.eerste_gesprek, gesprek(await today(time_skipping_env)))

    await time_skipping_env.sleep(timedelta(weeks=8, days=5))
    state = await handle.query(TrajectWorkflow.state)
    assert state.phase is Phase.TOELATING
    assert state.deadline(Clock.BESCHIKKING).overschreden

    decided = await handle.execute_update(TrajectWorkflow.beschikking, toelating(await today(time_skipping_env)))
    assert decided.phase is Phase.PLAN_VAN_AANPAK
    assert decided.deadline(Clock.BESCHIKKING).overschreden
    assert not decided.deadline(Clock.EERSTE_GESPREK).overschreden
    assert events(sessions, state.traject_id) == [
        "aanmelding",
        "eerste_gesprek",
        "termijn_overschreden:beschikking",
        "beschikking",
    ]
    with sessions() as session:
        assert session.get(Traject, state.traject_id).breaches == ["beschikking"]


async def test_refused_step_leaves_the_state_unchanged(
    time_skipping_env: WorkflowEnvironment, start: Starter, sessions: SessionFactory
) -> None:
    handle = await start(make_start(await today(time_skipping_env)))
    before = await handle.query(TrajectWorkflow.state)

    with pytest.raises(WorkflowUpdateFailedError) as refused:
        await handle.execute_update(TrajectWorkflow.beschikking, toelating(await today(time_skipping_env)))
    cause = refused.value.cause
    assert isinstance(cause, ApplicationError)
    assert cause.type == "StepNotAllowed"
    assert cause.details[0]["allowed"] == ["eerste_gesprek", "incassomaatregel"]

    with pytest.raises(WorkflowUpdateFailedError) as invalid:
        await handle.execute_update(TrajectWorkflow.eerste_gesprek, gesprek(before.meldingsdatum - timedelta(days=1)))
    assert invalid.value.cause.type == "InvalidStep"
    assert invalid.value.cause.details[0] == [{"name": "gehouden_op", "reason": "ligt voor de meldingsdatum"}]

    assert await handle.query(TrajectWorkflow.state) == before
    assert events(sessions, before.traject_id) == ["aanmelding"]


async def test_tanya_from_aanmelding_to_stabilisatie(
    time_skipping_env: WorkflowEnvironment,
    start: Starter,
    sessions: SessionFactory,
    settings: Settings,
) -> None:
    """The longest path of this workflow: every step, every letter, each sent once."""
    handle = await start(make_start(await today(time_skipping_env)))
    await time_skipping_env.sleep(timedelta(days=7))
    await handle.execute_update(
        TrajectWorkflow.eerste_gesprek, gesprek(await today(time_skipping_env), Ernst.ERNSTIG, Zelfredzaamheid.BEPERKT)
    )
    await time_skipping_env.sleep(timedelta(weeks=3))
    await handle.execute_update(TrajectWorkflow.beschikking, toelating(await today(time_skipping_env)))
    plan = PlanVanAanpak(
        hulpvraag="Ik wil rust.",
        doelen=["Huur betaald"],
        gemeente_doet=["Schuldeisers aanschrijven"],
        client_doet=["Post openen"],
        door="hv-anna",
    )
    state = await handle.execute_update(TrajectWorkflow.plan_van_aanpak, plan)

    assert state.phase is Phase.STABILISATIE
    assert state.klantprofiel.route is Route.TANDEM
    assert not state.deadline_breached
    assert state.next_deadline is None
    # The time-skipping server returns unset datetime attributes in a shape the typed decoder refuses,
    # so read the one attribute from the raw description.
    client = time_skipping_env.client
    raw = (
        await client.workflow_service.describe_workflow_execution(
            DescribeWorkflowExecutionRequest(
                namespace=client.namespace, execution=WorkflowExecution(workflow_id=handle.id)
            )
        )
    ).workflow_execution_info.search_attributes
    assert json.loads(raw.indexed_fields[PHASE.name].data) == "stabilisatie"
    # The step answered once its letters were written; their post follows.
    await settled(client, handle.id)
    with sessions() as session:
        letters = session.exec(select(Brief).where(Brief.traject_id == state.traject_id)).all()
        outbox = session.exec(select(OutboxEntry)).all()
        row = session.get(Traject, state.traject_id)
    assert sorted(b.kind for b in letters) == [
        "aanmelding_bevestiging",
        "actielijst",
        "beschikking_toelating",
        "dos_en_donts",
        "plan_van_aanpak",
    ]
    assert all(entry.status == "sent" and entry.attempts == 1 for entry in outbox)
    assert sorted(p.stem for p in settings.outbox_dir.glob("*.html")) == sorted(b.id for b in letters)
    assert row.phase == "stabilisatie"
    assert row.plan_van_aanpak["hulpvraag"] == "Ik wil rust."


async def upserted(client: Client, workflow_id: str) -> list[set[str]]:
    """The search attributes each upsert in the workflow's history set, in order."""
    history = await client.get_workflow_handle(workflow_id).fetch_history()
    return [
        set(event.upsert_workflow_search_attributes_event_attributes.search_attributes.indexed_fields)
        for event in history.events
        if event.event_type == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES
    ]


async def test_only_a_step_that_changes_a_search_attribute_upserts_it(
    time_skipping_env: WorkflowEnvironment, start: Starter
) -> None:
    """Each upsert is a history event and a write to the server's visibility store: a step sends only
    the attributes it changed, and none when it changed none."""
    day = await today(time_skipping_env)
    handle = await start(make_start(day))
    await handle.execute_update(TrajectWorkflow.eerste_gesprek, gesprek(day))
    client = time_skipping_env.client
    before = await upserted(client, handle.id)
    assert before

    await handle.execute_update(TrajectWorkflow.betrokkene_koppelen, Koppeling("swt", Betrokkenheid.KETENPARTNER, day))
    await handle.execute_update(TrajectWorkflow.notitie, NotitieIn("Huur is betaald.", door="swt"))
    assert await upserted(client, handle.id) == before

    await handle.execute_update(TrajectWorkflow.beschikking, toelating(day))
    after = await upserted(client, handle.id)
    assert len(after) == len(before) + 1
    assert PHASE.name in after[-1]
    assert CASEWORKER.name not in after[-1]


async def test_refusal_closes_the_traject_after_the_objection_term(
    time_skipping_env: WorkflowEnvironment, start: Starter, sessions: SessionFactory
) -> None:
    handle = await start(make_start(await today(time_skipping_env)))
    await handle.execute_update(TrajectWorkflow.eerste_gesprek, gesprek(await today(time_skipping_env)))
    refusal = Beschikking(Besluit.AFWIJZING, await today(time_skipping_env), "Veroordeeld voor uitkeringsfraude.")
    state = await handle.execute_update(TrajectWorkflow.beschikking, refusal)
    assert state.phase is Phase.AFGESLOTEN
    assert state.closed_after is Phase.TOELATING

    result = await handle.result()

    assert result == TrajectResult(Phase.AFGESLOTEN, Phase.TOELATING)
    with sessions() as session:
        kinds = [b.kind for b in session.exec(select(Brief).where(Brief.traject_id == state.traject_id))]
    assert "beschikking_afwijzing" in kinds


@pytest.mark.parametrize("meldingsdatum", [date(1, 1, 1), date(9999, 12, 31)])
async def test_a_start_the_clock_cannot_count_from_fails_visibly_and_writes_nothing(
    ts_client: Client, ts_worker: Worker, sessions: SessionFactory, meldingsdatum: date
) -> None:
    traject = make_start(meldingsdatum)
    handle = await ts_client.start_workflow(
        TrajectWorkflow.run, traject, id=f"traject-{traject.traject_id}", task_queue=ts_worker.task_queue
    )
    with pytest.raises(WorkflowFailureError) as failure:
        await handle.result()
    cause = failure.value.cause
    assert isinstance(cause, ApplicationError)
    assert cause.type == "InvalidStep"
    assert cause.non_retryable
    assert [p["name"] for p in cause.details[0]] == ["meldingsdatum"]
    with sessions() as session:
        assert session.get(Traject, traject.traject_id) is None
