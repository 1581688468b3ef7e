"""Throughput with the stack as `make run` and docker/ run it: the Temporal dev server, the API under uvicorn and
the worker each in a process of its own, then with a second worker beside the first. The baseline is as many
bare starts, answered by as many bare workers, each in a process of its own. bench/throughput.py measures the
same in one process, where the API and the worker take turns at one interpreter lock."""

from __future__ import annotations

import asyncio
import sys
import tempfile
import uuid
from pathlib import Path

import httpx
from temporalio.api.enums.v1 import TaskQueueType
from temporalio.api.taskqueue.v1 import TaskQueue
from temporalio.api.workflowservice.v1 import DescribeTaskQueueRequest
from temporalio.client import Client

from bench.baseline import BaselineWorkflow
from bench.throughput import AANMELDINGEN, aanmelden, per_second
from runtime.temporal import connect
from tests.e2e.stack import Stack, bsn

# The stack's ports (the dev server, its UI, the API) start here; the browser tests use 22000.
PORT = 24000
WORKERS = (1, 2)
WARMUP = 20


async def _polled_by(client: Client, task_queue: str, workers: int) -> None:
    """Wait until `workers` workers poll `task_queue`: a worker process takes seconds to start."""
    request = DescribeTaskQueueRequest(
        namespace=client.namespace,
        task_queue=TaskQueue(name=task_queue),
        task_queue_type=TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
    )
    for _ in range(600):
        if len((await client.workflow_service.describe_task_queue(request)).pollers) >= workers:
            return
        await asyncio.sleep(0.1)
    raise RuntimeError(f"fewer than {workers} workers poll {task_queue}")


async def _aanmeldingen(stack: Stack, workers: int, first: int) -> float:
    """Aanmeldingen per second through the API's process, each with a person of its own from `first` on."""
    await _polled_by(await connect(stack.settings), stack.settings.task_queue, workers)
    headers = stack.headers()
    async with httpx.AsyncClient(base_url=stack.url, timeout=120) as api:

        async def register(i: int) -> None:
            await aanmelden(api, headers, bsn(first + i))

        for i in range(WARMUP):
            await register(AANMELDINGEN + i)
        return await per_second(register)


async def _bare_starts(stack: Stack, task_queue: str, workers: int) -> float:
    """Bare starts per second, answered by `workers` bare workers on `task_queue`."""
    client = await connect(stack.settings)
    await _polled_by(client, task_queue, workers)

    async def start(_: int) -> None:
        handle = await client.start_workflow(BaselineWorkflow.run, id=f"baseline-{uuid.uuid4()}", task_queue=task_queue)
        await handle.execute_update(BaselineWorkflow.touch)
        await handle.signal(BaselineWorkflow.finish)

    for i in range(WARMUP):
        await start(i)
    return await per_second(start)


def run() -> list[tuple[int, float, float]]:
    """For one worker and for two: aanmeldingen per second, and bare starts per second, as many at a time as
    bench/throughput.py sends."""
    rates = []
    bare_queue = f"baseline-{uuid.uuid4()}"
    with tempfile.TemporaryDirectory() as tmp:
        stack = Stack(Path(tmp), PORT)
        stack.start()
        try:
            for n, workers in enumerate(WORKERS):
                while sum(name.startswith("worker") for name in stack.processes) < workers:
                    stack.start_worker(f"worker-{len(stack.processes)}")
                while sum(name.startswith("bare") for name in stack.processes) < workers:
                    stack.spawn(f"bare-{len(stack.processes)}", [sys.executable, "-m", "bench.bare_worker", bare_queue])
                ours = asyncio.run(_aanmeldingen(stack, workers, n * (AANMELDINGEN + WARMUP)))
                rates.append((workers, ours, asyncio.run(_bare_starts(stack, bare_queue, workers))))
        finally:
            stack.stop()
    return rates


def table(rates: list[tuple[int, float, float]]) -> str:
    """The rates as the README's Markdown table."""
    lines = ["| worker processes | aanmeldingen per second | bare starts per second | ratio |", "|---|---|---|---|"]
    lines += [f"| {workers} | {ours:.1f} | {bare:.1f} | {ours / bare:.2f}x |" for workers, ours, bare in rates]
    return "\n".join(lines)
