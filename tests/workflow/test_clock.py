"""The workflows' one wait: until a moment or a condition, answering whether the condition holds."""

from __future__ import annotations

import uuid
from datetime import timedelta

from temporalio import workflow
from temporalio.client import Client
from temporalio.worker import Worker

from workflows.clock import wait_until


@workflow.defn(sandboxed=False)
class WaitingWorkflow:
    """Waits an hour for a signal, and says whether it came."""

    def __init__(self) -> None:
        self._came = False

    @workflow.run
    async def run(self) -> bool:
        return await wait_until(workflow.now() + timedelta(hours=1), lambda: self._came)

    @workflow.signal
    def come(self) -> None:
        self._came = True


async def test_a_wait_that_runs_out_says_the_condition_did_not_hold(ts_client: Client) -> None:
    async with Worker(ts_client, task_queue=(queue := f"klok-{uuid.uuid4()}"), workflows=[WaitingWorkflow]):
        assert await ts_client.execute_workflow(WaitingWorkflow.run, id=queue, task_queue=queue) is False


async def test_a_condition_that_holds_ends_the_wait_early(ts_client: Client) -> None:
    async with Worker(ts_client, task_queue=(queue := f"klok-{uuid.uuid4()}"), workflows=[WaitingWorkflow]):
        handle = await ts_client.start_workflow(WaitingWorkflow.run, id=queue, task_queue=queue, start_signal="come")
        assert await handle.result() is True
