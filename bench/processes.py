"""Throughput with the stack as `make run` and docker/ run it: the Temporal dev server, the API under uvicorn and
the worker each in a process of its own, then with a second worker beside the first. The baseline is as many
bare starts, answered by as many bare workers, each in a process of its own. bench/throughput.py measures the
same in one process, where the API and the worker take turns at one interpreter lock.

Then, on a fresh stack with one worker, a kredietbank statement and a vroegsignalering file against their
bare calls, with the CPU time each process spent on each: that says which process sets the pace."""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
from temporalio.api.enums.v1 import TaskQueueType
from temporalio.api.taskqueue.v1 import TaskQueue
from temporalio.api.workflowservice.v1 import DescribeTaskQueueRequest
from temporalio.client import Client

from api.auth import Role, issue_token
from bench import afschrift, signalen
from bench.baseline import BaselineWorkflow
from bench.throughput import AANMELDINGEN, aanmelden, per_second
from runtime.temporal import connect
from tests.e2e.stack import Stack, bsn

# The stacks' ports (the dev server, its UI, the API) start here; the browser tests use 22000.
PORT = 24000
FILES_PORT = 24100
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


@dataclass(frozen=True)
class Measured:
    """The wall time of one run, and the CPU seconds each process of the stack spent in it."""

    ms: float
    cpu: dict[str, float]


@dataclass(frozen=True)
class FileRow:
    """A file through the API against its bare calls."""

    what: str
    ours: Measured
    bare: Measured


def _cpu_seconds(stack: Stack) -> dict[str, float]:
    """User and system CPU time of each of the stack's processes so far (Linux)."""
    ticks = os.sysconf("SC_CLK_TCK")
    seconds = {}
    for name, process in stack.processes.items():
        fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        seconds[name] = (int(fields[11]) + int(fields[12])) / ticks
    return seconds


async def _measured(stack: Stack, run: Callable[[], Awaitable[float]]) -> Measured:
    before = _cpu_seconds(stack)
    ms = await run()
    after = _cpu_seconds(stack)
    return Measured(ms, {name: after[name] - before[name] for name in before})


async def _files(stack: Stack, bare_queue: str) -> list[FileRow]:
    client = await connect(stack.settings)
    await _polled_by(client, stack.settings.task_queue, 1)
    await _polled_by(client, bare_queue, 1)
    headers = stack.headers()
    partner = {"Authorization": f"Bearer {issue_token(stack.settings, Role.SIGNAALPARTNER, 'bench-zk')}"}
    day = datetime.now(ZoneInfo("Europe/Amsterdam")).date()
    bsns = (bsn(n) for n in range(10**6))
    async with httpx.AsyncClient(base_url=stack.url, timeout=900) as api:
        kenmerken = await afschrift.settlements(api, stack.settings, headers, bsns)
        content = afschrift.statement(kenmerken, day.isoformat())
        statement = FileRow(
            f"a kredietbank statement of {afschrift.SETTLEMENTS * afschrift.PAYMENTS_EACH:,} payments to"
            f" {afschrift.SETTLEMENTS} settlements",
            await _measured(stack, lambda: afschrift.import_ms(api, headers, content)),
            await _measured(stack, lambda: afschrift.bare_ms(client, bare_queue)),
        )
        monthly = signalen.monthly_file(bsns, day)
        # The bare half first: the cases the file opens keep the worker busy for minutes after it.
        bare = await _measured(stack, lambda: signalen.bare_ms(client, bare_queue))
        ours = await _measured(stack, lambda: signalen.ingest_ms(api, partner, monthly))
    return [statement, FileRow(f"a vroegsignalering file of {signalen.LINES:,} lines", ours, bare)]


def files() -> list[FileRow]:
    """A statement and a file through the API on a stack of its own with one worker, each against as many bare
    calls answered by one bare worker."""
    bare_queue = f"baseline-{uuid.uuid4()}"
    with tempfile.TemporaryDirectory() as tmp:
        stack = Stack(Path(tmp), FILES_PORT)
        stack.start()
        try:
            stack.spawn("bare", [sys.executable, "-m", "bench.bare_worker", bare_queue])
            return asyncio.run(_files(stack, bare_queue))
        finally:
            stack.stop()


def files_table(rows: list[FileRow]) -> str:
    """The files as the README's Markdown table: wall times, the ratio, and the CPU seconds per process."""

    def cpu(measured: Measured) -> str:
        return ", ".join(f"{name} {seconds:.1f}" for name, seconds in measured.cpu.items() if seconds >= 0.05)

    lines = [
        "| what | wall time | bare calls | ratio | CPU s, ours | CPU s, bare |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {row.what} | {row.ours.ms / 1000:.1f} s | {row.bare.ms / 1000:.1f} s | {row.ours.ms / row.bare.ms:.1f}x"
        f" | {cpu(row.ours)} | {cpu(row.bare)} |"
        for row in rows
    ]
    return "\n".join(lines)
