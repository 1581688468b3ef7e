"""A signal partner's monthly file through the API, against as many bare signal-with-starts on the same
server: the ratio says what storing, matching and handing each line to its case costs on top of Temporal."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from datetime import date

import httpx
from temporalio.client import Client

from api.routers.signalen import CSV_COLUMNS, DELIVERIES_AT_ONCE
from bench.baseline import BaselineWorkflow
from bench.throughput import wall_ms

LINES = 10_000


def monthly_file(bsns: Iterator[str], day: date, lines: int = LINES) -> str:
    """A health insurer's file: one line per household, each at its own address."""
    rows = [",".join(CSV_COLUMNS)]
    for n in range(lines):
        street = f"Bankastraat {n + 1}"
        rows.append(f"zorgverzekering,{next(bsns)},B,{street},3311 AA,Dordrecht,,45000,3,{day},ZK-{n},,")
    return "\n".join(rows) + "\n"


async def ingest_ms(api: httpx.AsyncClient, headers: dict[str, str], csv: str) -> float:
    """Wall time of one batch, every line stored and handed to its case."""
    started = time.perf_counter()
    response = await api.post("/api/v1/signalen/batch", content=csv, headers=headers | {"Content-Type": "text/csv"})
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, response.text
    assert response.json()["opgeslagen"] == csv.count("\n") - 1, response.text
    return elapsed


async def bare_ms(client: Client, task_queue: str, lines: int = LINES) -> float:
    """Wall time of as many bare signal-with-starts, as many at a time as the batch hands on."""

    async def start(_: int) -> None:
        await client.start_workflow(
            BaselineWorkflow.run, id=f"baseline-{uuid.uuid4()}", task_queue=task_queue, start_signal="poke"
        )

    return await wall_ms(start, lines, DELIVERIES_AT_ONCE)
