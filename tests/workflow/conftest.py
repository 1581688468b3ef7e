"""Fixtures for workflow tests on the shared time-skipping server."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import date

import pytest
from temporalio.api.common.v1 import WorkflowExecution
from temporalio.api.workflowservice.v1 import DescribeWorkflowExecutionRequest
from temporalio.client import Client, WorkflowFailureError, WorkflowHandle, WorkflowUpdateFailedError
from temporalio.service import RPCError, RPCStatusCode
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from domain.klantprofiel import Ernst, Zelfredzaamheid
from domain.traject import (
    Actiepunt,
    Beschikking,
    Besluit,
    EersteGesprek,
    PlanVanAanpak,
    TrajectStart,
    TrajectState,
    Wie,
)
from domain.wgs_deadlines import local_date
from workflows.traject import TrajectResult, TrajectWorkflow

TZ = "Europe/Amsterdam"
PLAN = PlanVanAanpak("Ik wil rust.", ["Huur betaald"], ["Schuldeisers aanschrijven"], ["Post openen"], door="hv-anna")


Starter = Callable[[TrajectStart], Awaitable[WorkflowHandle[TrajectWorkflow, TrajectResult]]]


@pytest.fixture
async def start(ts_client: Client, ts_worker: Worker) -> AsyncIterator[Starter]:
    """Starts trajecten and terminates them after the test: a workflow left without its worker would
    hold the shared time-skipping server's clock still for every later test."""
    handles: list[WorkflowHandle[TrajectWorkflow, TrajectResult]] = []

    async def start_traject(traject: TrajectStart) -> WorkflowHandle[TrajectWorkflow, TrajectResult]:
        handle = await ts_client.start_workflow(
            TrajectWorkflow.run, traject, id=f"traject-{traject.traject_id}", task_queue=ts_worker.task_queue
        )
        handles.append(handle)
        await registered(handle)
        return handle

    yield start_traject
    for handle in handles:
        await settled(ts_client, handle.id)
        with contextlib.suppress(RPCError):
            # Its creditor requests are abandoned children: they outlive the traject unless ended too. Its
            # settlement is ended first, so none of its activities is left without a worker.
            state = await handle.query(TrajectWorkflow.state)
            children = [f"vordering-{v.verzoek_id}" for v in state.verzoeken] + [f"schuldregeling-{state.traject_id}"]
            if state.heraanmelding:
                children.append(f"traject-{state.heraanmelding}")
            for child in children:
                with contextlib.suppress(RPCError):
                    await ts_client.get_workflow_handle(child).terminate("test finished")
            await handle.terminate("test finished")


async def settled(client: Client, workflow_id: str, tries: int = 200) -> None:
    """Wait until the workflow has no activity scheduled or running (a letter's post goes on after its step
    has answered). The time-skipping server stalls every later sleep once a workflow is terminated with an
    activity in flight. Read from the service itself: the SDK's describe cannot decode the search
    attributes this server returns."""
    request = DescribeWorkflowExecutionRequest(
        namespace=client.namespace, execution=WorkflowExecution(workflow_id=workflow_id)
    )
    for _ in range(tries):
        description = await client.workflow_service.describe_workflow_execution(request)
        if not description.pending_activities:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"{workflow_id} still has activities in flight")


async def registered(handle: WorkflowHandle[TrajectWorkflow, TrajectResult], attempts: int = 3) -> TrajectState:
    """Wait until the traject's aanmelding is in the dossier. The time-skipping test server can lose an
    admitted update when a workflow task times out on a busy machine ("update ... not found"); the update
    only waits, so asking again is safe."""
    attempt = 1
    while True:
        try:
            return await handle.execute_update(TrajectWorkflow.wait_registered)
        except WorkflowUpdateFailedError as err:
            # The traject ended before it registered: say why it ended, not only that it did.
            try:
                await handle.result()
            except WorkflowFailureError as failure:
                raise AssertionError(f"the traject ended before it registered: {failure.cause!r}") from err
            raise
        except RPCError as err:
            if err.status is not RPCStatusCode.NOT_FOUND or attempt == attempts:
                raise
            attempt += 1


async def today(env: WorkflowEnvironment) -> date:
    return local_date(await env.get_current_time(), TZ)


def gesprek(
    on: date, ernst: Ernst = Ernst.MATIG, zelfredzaamheid: Zelfredzaamheid = Zelfredzaamheid.BEPERKT
) -> EersteGesprek:
    return EersteGesprek(
        gehouden_op=on,
        ernst=ernst,
        zelfredzaamheid=zelfredzaamheid,
        gevonden_voorzieningen=["Huurtoeslag"],
        actiepunten=[
            Actiepunt(Wie.CLIENT, "Stuur ons uw bankafschriften"),
            Actiepunt(Wie.GEMEENTE, "Wij bellen uw verhuurder"),
        ],
        door="hv-anna",
    )


def toelating(on: date) -> Beschikking:
    return Beschikking(Besluit.TOELATING, on, "U heeft schulden die u niet zelf kunt oplossen.", door="hv-anna")
