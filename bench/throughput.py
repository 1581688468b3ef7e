"""Throughput: many aanmeldingen at once through the API, against as many bare workflow starts at the same
concurrency on the same server, so the ratio says what the engine's own work costs when a service is busy."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator

import httpx
from temporalio.client import Client

from bench.baseline import BaselineWorkflow

AANMELDINGEN = 1_000
CONCURRENCY = 20


async def wall_ms(action: Callable[[int], Awaitable[None]], count: int, at_once: int) -> float:
    """Wall time of `count` runs of `action`, `at_once` at a time."""
    gate = asyncio.Semaphore(at_once)

    async def one(i: int) -> None:
        async with gate:
            await action(i)

    started = time.perf_counter()
    await asyncio.gather(*(one(i) for i in range(count)))
    return (time.perf_counter() - started) * 1000


async def per_second(action: Callable[[int], Awaitable[None]], count: int = AANMELDINGEN) -> float:
    """How many of `action` complete per second, `CONCURRENCY` at a time."""
    return count / (await wall_ms(action, count, CONCURRENCY) / 1000)


async def bare_starts(client: Client, task_queue: str) -> float:
    """Bare workflows started and answered once (the same start and update an aanmelding asks for)."""

    async def start(_: int) -> None:
        handle = await client.start_workflow(BaselineWorkflow.run, id=f"baseline-{uuid.uuid4()}", task_queue=task_queue)
        await handle.execute_update(BaselineWorkflow.touch)
        await handle.signal(BaselineWorkflow.finish)

    return await per_second(start)


async def aanmeldingen(api: httpx.AsyncClient, headers: dict[str, str], bsns: Iterator[str]) -> float:
    """Aanmeldingen through the API, each registered, in the dossier and its letter written and posted."""

    async def register(_: int) -> None:
        await aanmelden(api, headers, next(bsns))

    return await per_second(register)


async def aanmelden(api: httpx.AsyncClient, headers: dict[str, str], bsn: str) -> None:
    """One aanmelding, until it is registered with its letter. A loaded API may answer 202 (taken, still
    finishing); like any client, send it again with the key it returned, which waits for the same traject."""
    person = {"bsn": bsn, "naam": "B", "straat": "S 1", "postcode": "1234 AB", "woonplaats": "W"}
    body = {"persoon": person, "bron": "zelf", "kinderen": False}
    response = await api.post("/api/v1/aanmeldingen", json=body, headers=headers)
    while response.status_code == 202:
        key = {"Idempotency-Key": response.json()["idempotencyKey"]}
        response = await api.post("/api/v1/aanmeldingen", json=body, headers=headers | key)
    assert response.status_code in (200, 201), response.text
