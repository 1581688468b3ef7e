"""A warme overdracht during a settlement's term: the settlement follows, through its continue-as-new. In a
module of its own, so its time-skipping server holds no timers of the settlement tests before it."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlmodel import select
from temporalio.api.common.v1 import WorkflowExecution
from temporalio.api.workflowservice.v1 import DescribeWorkflowExecutionRequest
from temporalio.testing import WorkflowEnvironment

from domain.overdracht import Overdracht, OverdrachtReden
from domain.schuldregeling import Afloscapaciteitstap
from store.db import SessionFactory
from store.models import TrajectEvent
from tests.workflow.conftest import Starter
from tests.workflow.test_schuldregeling import HUISHOUDEN, letters, running_term
from workflows import search_attributes as sa
from workflows.schuldregeling import SchuldregelingWorkflow
from workflows.traject import TrajectWorkflow


async def test_a_hand_over_during_the_term_reaches_the_settlement_and_outlives_its_continue_as_new(
    time_skipping_env: WorkflowEnvironment, start: Starter, sessions: SessionFactory
) -> None:
    env = time_skipping_env
    handle, regeling, state = await running_term(env, start, sessions)
    overdracht = Overdracht("hv-bram", OverdrachtReden.AFWEZIG, "Betaalt vaak een paar dagen laat.", door="tl-noor")
    traject = await handle.execute_update(TrajectWorkflow.overdragen, overdracht)
    assert traject.caseworker == "hv-bram"
    first_run = (await regeling.describe()).run_id

    await env.sleep(timedelta(days=31 * 7))
    assert (await regeling.describe()).run_id != first_run
    for workflow_id in (regeling.id, handle.id):
        # Raw: the time-skipping server returns an unset datetime attribute in a shape the typed decoder refuses.
        described = await env.client.workflow_service.describe_workflow_execution(
            DescribeWorkflowExecutionRequest(
                namespace=env.client.namespace, execution=WorkflowExecution(workflow_id=workflow_id)
            )
        )
        fields = described.workflow_execution_info.search_attributes.indexed_fields
        assert json.loads(fields[sa.CASEWORKER.name].data) == "hv-bram"
    await regeling.execute_update(SchuldregelingWorkflow.inkomenswijziging, Afloscapaciteitstap(HUISHOUDEN))
    with sessions() as session:
        actors = {e.kind: e.actor for e in session.exec(select(TrajectEvent)).all()}
    assert actors["overdracht"] == "tl-noor"
    assert actors["inkomenswijziging"] == "hv-bram"
    assert letters(sessions, state.traject_id)["overdracht"] == 1
