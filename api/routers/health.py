"""For the orchestrator and the scraper: is the process alive, can it serve (the dossier DB and Temporal
answer), and its metrics. Outside /api/v1 and without a login: they say nothing about anyone, and the proxy
in front keeps them inside the network (docker/README.md)."""

from __future__ import annotations

import asyncio
from typing import Literal

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST
from pydantic import BaseModel
from sqlmodel import text
from starlette.concurrency import run_in_threadpool

from api.problems import Problem

router = APIRouter(tags=["gezondheid"], include_in_schema=False)
# A check that takes longer than this counts as failed: the orchestrator asks again soon.
CHECK_SECONDS = 2.0


class Gezond(BaseModel):
    status: Literal["ok"]
    controles: dict[str, Literal["ok"]]


@router.get("/health/live", response_model=Gezond)
def live() -> Gezond:
    """The process runs and answers: restart it only when this fails."""
    return Gezond(status="ok", controles={})


@router.get("/health/ready", response_model=Gezond)
async def ready(request: Request) -> Gezond:
    """Whether this replica can serve: the dossier DB and Temporal answer within two seconds. A 503 takes it
    out of the proxy's rotation without restarting it; it names what does not answer."""
    checks = {"database": _database(request), "temporal": _temporal(request)}
    results = await asyncio.gather(
        *(asyncio.wait_for(c, CHECK_SECONDS) for c in checks.values()), return_exceptions=True
    )
    failing = [name for name, result in zip(checks, results, strict=True) if isinstance(result, BaseException)]
    if failing:
        raise Problem(503, "niet-gereed", f"Geen antwoord van: {', '.join(failing)}.", niet_gereed=failing)
    return Gezond(status="ok", controles=dict.fromkeys(checks, "ok"))


@router.get("/metrics")
def metrics(request: Request) -> Response:
    """The API's request metrics in Prometheus format (the worker serves the SDK's own on its own port)."""
    return Response(request.app.state.metrics.exposition(), media_type=CONTENT_TYPE_LATEST)


async def _database(request: Request) -> None:
    def select_one() -> None:
        with request.app.state.sessions() as session:
            session.connection().execute(text("SELECT 1"))

    await run_in_threadpool(select_one)


async def _temporal(request: Request) -> None:
    if not await request.app.state.temporal.service_client.check_health():
        raise ConnectionError("temporal")
