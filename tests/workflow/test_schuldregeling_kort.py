"""Time-skipping runs of the settlement's shorter paths: uitval in the term and during inventarisation, a
silent creditor, an old statement asked again, and a term that ends short. Their own module: a fresh
time-skipping server, so no timer left by the long runs of test_schuldregeling.py moves its clock between a
test reading today and its traject starting."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select
from temporalio.client import WorkflowUpdateFailedError, WorkflowUpdateStage
from temporalio.testing import WorkflowEnvironment

from domain.kalender import vervaldag
from domain.phases import Phase
from domain.policy import Policy
from domain.schuldregeling import (
    Afloscapaciteitstap,
    RegelingSoort,
    RegelingStatus,
    Voorstel,
    VoorstelReactie,
)
from domain.uitval import Uitval, UitvalReden
from domain.vordering import Ingediend, VerzoekStatus, VorderingBron, escalation_date, reminder_dates
from store.db import SessionFactory
from store.models import TrajectEvent
from tests.workflow.conftest import Starter, today
from tests.workflow.test_inventarisatie import claim, finish, request_handle

# 95% of the single person's norm is 130_061; rent above the norm adds 35_000: a VTLB of 165_061.
from tests.workflow.test_schuldregeling import (
    HUISHOUDEN,
    asked,
    events,
    letters,
    pay,
    proposed,
    quiet,
    running_term,
    sleep_until,
    until,
)
from workflows.schuldregeling import SchuldregelingWorkflow
from workflows.traject import TrajectWorkflow
from workflows.vordering import VorderingWorkflow


async def test_uitval_in_the_term_stops_the_settlement_and_sends_nothing_more(
    time_skipping_env: WorkflowEnvironment, start: Starter, sessions: SessionFactory
) -> None:
    env = time_skipping_env
    handle, regeling, state = await running_term(env, start, sessions)
    await handle.start_update(
        TrajectWorkflow.uitval,
        Uitval(UitvalReden.GEEN_CONTACT, door="hv-anna"),
        wait_for_stage=WorkflowUpdateStage.ACCEPTED,
    )
    assert (await handle.result()).closed_after is Phase.SCHULDREGELING
    assert (await regeling.result()).uitval is UitvalReden.GEEN_CONTACT
    assert state.ingangsdatum is not None
    await env.sleep(timedelta(days=70))
    sent = letters(sessions, state.traject_id)
    assert sent["uitval"] == 1
    assert sent["betaling_gemist"] == 0


async def test_a_silent_creditor_is_reminded_and_escalated_and_may_still_accept(
    time_skipping_env: WorkflowEnvironment, start: Starter, sessions: SessionFactory
) -> None:
    env = time_skipping_env
    _, regeling, [creditor] = await proposed(env, start, sessions, 1, RegelingSoort.MINNELIJK)
    sent = (await regeling.query(SchuldregelingWorkflow.state)).voorgesteld_op
    await sleep_until(env, escalation_date(sent, Policy()) + timedelta(days=1))
    waiting = await regeling.query(SchuldregelingWorkflow.state)
    assert waiting.status is RegelingStatus.VOORSTEL
    assert waiting.deelnemers[0].geescaleerd
    assert letters(sessions, waiting.traject_id)["herinnering_voorstel"] == len(reminder_dates(sent, Policy()))
    assert "voorstel_geescaleerd" in events(sessions, waiting.traject_id)

    await regeling.execute_update(SchuldregelingWorkflow.reactie, VoorstelReactie(creditor, True))
    await until(regeling, lambda s: s.status is RegelingStatus.LOOPT)
    await quiet(sessions, waiting.traject_id, "regeling_start")


async def test_a_statement_older_than_six_months_is_asked_again_before_the_proposal(
    time_skipping_env: WorkflowEnvironment, start: Starter, sessions: SessionFactory
) -> None:
    env = time_skipping_env
    handle, state, [creditor] = await asked(env, start, sessions, 1)
    old = claim(await today(env) - timedelta(days=200))
    await finish(request_handle(env.client, state, 0), VorderingWorkflow.indienen, Ingediend(old, VorderingBron.PAPIER))

    state = await handle.execute_update(TrajectWorkflow.afloscapaciteit, Afloscapaciteitstap(HUISHOUDEN))
    assert [v.schuldeiser_id for v in state.verzoeken] == [creditor, creditor]
    assert state.open_requests == [state.verzoeken[1]]
    with pytest.raises(WorkflowUpdateFailedError):
        await handle.execute_update(TrajectWorkflow.voorstel, Voorstel(RegelingSoort.MINNELIJK))

    fresh = claim(await today(env), 150_000)
    await finish(
        request_handle(env.client, state, 1), VorderingWorkflow.indienen, Ingediend(fresh, VorderingBron.SCHULDEISER)
    )
    state = await handle.execute_update(TrajectWorkflow.voorstel, Voorstel(RegelingSoort.MINNELIJK))
    assert state.phase is Phase.SCHULDREGELING
    regeling = env.client.get_workflow_handle_for(SchuldregelingWorkflow.run, f"schuldregeling-{state.traject_id}")
    [deelnemer] = (await regeling.query(SchuldregelingWorkflow.state)).deelnemers
    assert deelnemer.vordering_cent == 150_000
    await quiet(sessions, state.traject_id, "voorstel_client")


async def test_uitval_during_inventarisation_withdraws_open_requests(
    time_skipping_env: WorkflowEnvironment, start: Starter, sessions: SessionFactory
) -> None:
    env = time_skipping_env
    handle, state, _ = await asked(env, start, sessions, 1)
    request = request_handle(env.client, state, 0)
    await handle.start_update(
        TrajectWorkflow.uitval, Uitval(UitvalReden.VERHUISD), wait_for_stage=WorkflowUpdateStage.ACCEPTED
    )
    assert (await handle.result()).closed_after is Phase.INVENTARISATIE
    outcome = await request.result()
    assert outcome.status is VerzoekStatus.INGETROKKEN
    await env.sleep(timedelta(days=60))
    assert letters(sessions, state.traject_id)["herinnering_schuldeiser"] == 0


async def test_a_term_that_ends_short_is_closed_by_the_caseworker_who_decided_it(
    time_skipping_env: WorkflowEnvironment, start: Starter, sessions: SessionFactory
) -> None:
    env = time_skipping_env
    handle, regeling, state = await running_term(env, start, sessions)
    assert state.ingangsdatum is not None
    await pay(env, regeling, "eerste", state.schema[0])
    await sleep_until(env, vervaldag(state.ingangsdatum, len(state.schema)) + timedelta(days=11))
    await until(regeling, lambda s: s.gecontroleerd_tot == len(s.schema))

    closed = await regeling.execute_update(SchuldregelingWorkflow.afronden, "hv-bram")

    assert closed.status is RegelingStatus.AFGEROND
    assert (await handle.result()).phase is Phase.AFGESLOTEN
    with sessions() as session:
        [afgerond] = session.exec(
            select(TrajectEvent).where(TrajectEvent.traject_id == state.traject_id, TrajectEvent.kind == "afgerond")
        ).all()
    assert afgerond.actor == "hv-bram"
    assert letters(sessions, state.traject_id)["schone_lei"] == 1
