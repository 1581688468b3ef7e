"""Time-skipping runs of the creditor requests: reminders and escalation on the policy's working days,
late answers, 25 creditors to a complete overview, and a withdrawal that stops all sending."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlmodel import select
from temporalio.client import Client, WorkflowHandle, WorkflowUpdateFailedError, WorkflowUpdateStage
from temporalio.testing import WorkflowEnvironment

from domain.inventarisatie import SchuldeisersToevoegen
from domain.phases import Phase
from domain.policy import Policy
from domain.traject import TrajectState
from domain.vordering import (
    Afgewezen,
    Ingediend,
    VerzoekStatus,
    VerzoekUitkomst,
    Vordering,
    VorderingBron,
    escalation_date,
    reminder_dates,
)
from store.db import SessionFactory
from store.models import Brief, Schuldeiser, TrajectEvent, Verzoek, VorderingRij
from tests.conftest import make_start
from tests.workflow.conftest import PLAN, Starter, gesprek, today, toelating
from workflows.traject import TrajectWorkflow
from workflows.vordering import VorderingWorkflow


def registry(sessions: SessionFactory, count: int, kanaal: str = "post") -> list[str]:
    ids = [f"se-{kanaal}-{n}" for n in range(count)]
    with sessions() as session:
        for sid in ids:
            session.add(
                Schuldeiser(id=sid, naam=f"Schuldeiser {sid}", soort="overig", kanaal=kanaal, adres="Postbus 1")
            )
        session.commit()
    return ids


async def stable_traject(env: WorkflowEnvironment, start: Starter) -> WorkflowHandle:
    handle = await start(make_start(await today(env)))
    await handle.execute_update(TrajectWorkflow.eerste_gesprek, gesprek(await today(env)))
    await handle.execute_update(TrajectWorkflow.beschikking, toelating(await today(env)))
    await handle.execute_update(TrajectWorkflow.plan_van_aanpak, PLAN)
    return handle


def request_handle(client: Client, state: TrajectState, index: int = 0) -> WorkflowHandle:
    return client.get_workflow_handle_for(VorderingWorkflow.run, f"vordering-{state.verzoeken[index].verzoek_id}")


async def finish(request: WorkflowHandle, update: Any, argument: object) -> VerzoekUitkomst:
    """Send an update that ends the request and wait for the request's end. The time-skipping server
    forgets an update's outcome once the update completes the workflow, so wait for the result instead."""
    await request.start_update(update, argument, wait_for_stage=WorkflowUpdateStage.ACCEPTED)
    return await request.result()


def claim(on: date, total: int = 106_550) -> Vordering:
    return Vordering(100_000, 2_550, total - 102_550, total, False, "HUUR-17", on)


async def test_slow_creditor_is_reminded_twice_escalated_and_still_answers(
    time_skipping_env: WorkflowEnvironment, start: Starter, sessions: SessionFactory
) -> None:
    [creditor] = registry(sessions, 1)
    handle = await stable_traject(time_skipping_env, start)
    state = await handle.execute_update(TrajectWorkflow.schuldeisers_toevoegen, SchuldeisersToevoegen([creditor]))
    assert state.phase is Phase.INVENTARISATIE
    request = request_handle(time_skipping_env.client, state)
    sent_on = (await request.query(VorderingWorkflow.state)).verstuurd_op

    await time_skipping_env.sleep(timedelta(days=60))

    waiting = await request.query(VorderingWorkflow.state)
    assert waiting.herinnerd_op == reminder_dates(sent_on, Policy())
    assert waiting.geescaleerd_op == escalation_date(sent_on, Policy())
    assert (await handle.query(TrajectWorkflow.state)).verzoeken[0].geescaleerd

    late = await request.execute_update(
        VorderingWorkflow.indienen, Ingediend(claim(await today(time_skipping_env)), VorderingBron.SCHULDEISER)
    )
    assert late.status is VerzoekStatus.BEANTWOORD
    await request.result()
    traject = await handle.query(TrajectWorkflow.state)
    assert traject.overzicht_compleet
    with sessions() as session:
        letters = [b.kind for b in session.exec(select(Brief).where(Brief.ontvanger == creditor))]
        row = session.get(Verzoek, state.verzoeken[0].verzoek_id)
        stored = session.get(VorderingRij, row.id)
        kinds = [e.kind for e in session.exec(select(TrajectEvent).where(TrajectEvent.traject_id == state.traject_id))]
    assert letters == ["kennisgeving", "herinnering_schuldeiser", "herinnering_schuldeiser"]
    assert (row.status, row.geescaleerd_op) == ("beantwoord", escalation_date(sent_on, Policy()))
    assert stored.totaal_cent == 106_550
    # The request's first event races the traject's own record of the step; the rest come in order.
    assert "verzoek_verstuurd" in kinds
    assert kinds[-5:] == [
        "verzoek_herinnering_1",
        "verzoek_herinnering_2",
        "verzoek_geescaleerd",
        "verzoek_vordering_ontvangen",
        "overzicht_compleet",
    ]


async def test_twenty_five_creditors_complete_the_overview(
    time_skipping_env: WorkflowEnvironment, start: Starter, sessions: SessionFactory
) -> None:
    creditors = registry(sessions, 25, kanaal="api")
    handle = await stable_traject(time_skipping_env, start)
    state = await handle.execute_update(TrajectWorkflow.schuldeisers_toevoegen, SchuldeisersToevoegen(creditors))

    for index in range(25):
        request = request_handle(time_skipping_env.client, state, index)
        if index == 24:
            await request.execute_update(
                VorderingWorkflow.geen_medewerking, Afgewezen("Vordering verkocht aan incassobureau")
            )
        else:
            await request.execute_update(
                VorderingWorkflow.indienen, Ingediend(claim(await today(time_skipping_env)), VorderingBron.SCHULDEISER)
            )
        await request.result()

    final = await handle.query(TrajectWorkflow.state)
    assert final.overzicht_compleet
    assert sorted(v.status for v in final.verzoeken).count(VerzoekStatus.BEANTWOORD) == 24
    with sessions() as session:
        assert len(session.exec(select(VorderingRij)).all()) == 24
        assert session.exec(select(Brief).where(Brief.ontvanger != "client")).all() == []


async def test_a_withdrawn_request_sends_nothing_more(
    time_skipping_env: WorkflowEnvironment, start: Starter, sessions: SessionFactory
) -> None:
    [creditor] = registry(sessions, 1)
    handle = await stable_traject(time_skipping_env, start)
    state = await handle.execute_update(TrajectWorkflow.schuldeisers_toevoegen, SchuldeisersToevoegen([creditor]))
    request = request_handle(time_skipping_env.client, state)
    await time_skipping_env.sleep(timedelta(days=3))

    await finish(request, VorderingWorkflow.intrekken, Afgewezen("Schuld bleek al betaald"))
    await time_skipping_env.sleep(timedelta(days=60))

    done = await request.query(VorderingWorkflow.state)
    assert done.status is VerzoekStatus.INGETROKKEN
    assert done.herinnerd_op == []
    with sessions() as session:
        letters = [b.kind for b in session.exec(select(Brief).where(Brief.ontvanger == creditor))]
    assert letters == ["kennisgeving"]
    assert (await handle.query(TrajectWorkflow.state)).verzoeken[0].status is VerzoekStatus.INGETROKKEN


async def test_a_claim_that_does_not_add_up_is_refused_and_changes_nothing(
    time_skipping_env: WorkflowEnvironment, start: Starter, sessions: SessionFactory
) -> None:
    [creditor] = registry(sessions, 1, kanaal="api")
    handle = await stable_traject(time_skipping_env, start)
    state = await handle.execute_update(TrajectWorkflow.schuldeisers_toevoegen, SchuldeisersToevoegen([creditor]))
    request = request_handle(time_skipping_env.client, state)
    wrong = Vordering(100_000, 0, 0, 99_999, False, "X", await today(time_skipping_env))

    with pytest.raises(WorkflowUpdateFailedError) as refused:
        await request.execute_update(VorderingWorkflow.indienen, Ingediend(wrong, VorderingBron.SCHULDEISER))
    assert refused.value.cause.type == "InvalidStep"
    assert (await request.query(VorderingWorkflow.state)).status is VerzoekStatus.OPEN

    with pytest.raises(WorkflowUpdateFailedError) as twice:
        await handle.execute_update(TrajectWorkflow.schuldeisers_toevoegen, SchuldeisersToevoegen([creditor]))
    assert twice.value.cause.details[0] == [
        {"name": "schuldeiser_ids", "reason": f"{creditor} heeft al een open verzoek"}
    ]
    await request.execute_update(VorderingWorkflow.intrekken, Afgewezen("test klaar"))
