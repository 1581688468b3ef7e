"""Creditor requests whose first reminder falls due on the same working-day morning, as after a week in which a
service sent thousands of requests: every reminder recorded, written and posted, against as many bare workflows
whose timer fires at the same moment and runs one empty activity. On the time-skipping server, so the morning can
be reached without waiting for it; the work after the jump runs in real time on the worker `make run` starts."""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine
from temporalio.api.testservice.v1 import UnlockTimeSkippingRequest
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from bench import queries
from bench.baseline import BareActivity, BareReminderWorkflow
from bench.throughput import wall_ms
from domain import ids
from domain.policy import Policy
from domain.vordering import VerzoekStart, reminder_dates
from domain.wgs_deadlines import local_date, morning_of
from runtime.settings import Settings
from runtime.temporal import data_converter, register_search_attributes
from runtime.worker import ACTIVITY_THREADS, build_worker
from store.db import make_engine, migrate
from store.models import Schuldeiser
from workflows.vordering import VorderingWorkflow

# The goal names 10,000. The time-skipping server, the only one whose clock can be moved to a morning, took
# about 90 seconds for 1,000 (both halves) and over four minutes for 2,000, and is slow in itself: its bare
# half ran under 100 empty activities a second.
REQUESTS = 1_000
# Requests are started this many at a time; their notices go out before the clock is moved on.
CONCURRENCY = 50
POLL = 0.2
# A count that stops short (a letter lost or posted twice) ends the bench rather than hanging it.
GIVE_UP_AFTER = 1_800
# The key each request's first reminder letter ends in.
FIRST_REMINDER = "%:herinnering:1"
BIN = Path(sys.executable).parent


async def _first_morning(env: WorkflowEnvironment, policy: Policy) -> datetime:
    """The morning the first reminder of a request sent now falls due."""
    today = local_date(await env.get_current_time(), policy.timezone)
    return morning_of(reminder_dates(today, policy)[0], policy.timezone)


async def _until(count: Callable[[], int], target: int) -> None:
    """Wait until `count` reaches `target`: the letters land in the dossier, which has no one to tell us."""
    given_up = time.monotonic() + GIVE_UP_AFTER
    while count() < target:
        if time.monotonic() > given_up:
            raise TimeoutError(f"{count()} of {target} after {GIVE_UP_AFTER} s")
        await asyncio.sleep(POLL)


async def _bare_ms(env: WorkflowEnvironment, policy: Policy, executor: ThreadPoolExecutor, requests: int) -> float:
    """From the jump to the morning until each bare workflow's activity has run."""
    client = env.client
    queue = f"bare-reminders-{uuid.uuid4()}"
    moment = await _first_morning(env, policy)
    bare = BareActivity()
    worker = Worker(
        client, task_queue=queue, workflows=[BareReminderWorkflow], activities=[bare.run], activity_executor=executor
    )
    async with worker:

        async def start(i: int) -> None:
            await client.start_workflow(BareReminderWorkflow.run, moment, id=f"bare-{queue}-{i}", task_queue=queue)

        await wall_ms(start, requests, CONCURRENCY)
        started = time.perf_counter()
        await _let_time_run(env)
        await _until(lambda: bare.runs, requests)
        return (time.perf_counter() - started) * 1000


def _letters(engine: Engine, key: str) -> int:
    """Letters whose key is like `key`, posted once."""
    query = (
        "SELECT count(*) FROM brief JOIN outboxentry ON outboxentry.brief_id = brief.id "
        "WHERE brief.key LIKE :key AND outboxentry.status = 'sent' AND outboxentry.attempts = 1"
    )
    with engine.connect() as connection:
        return int(connection.execute(text(query), {"key": key}).scalar_one())


async def _let_time_run(env: WorkflowEnvironment) -> None:
    """Let the server's clock jump to the next timer whenever nothing is in flight: to the morning, then on to
    later reminders only once every first reminder has been posted. A sleep to the morning instead waits in one
    call for all the work the morning brings, and the test server broke that call off at 2,000 requests."""
    await env.client.test_service.unlock_time_skipping(UnlockTimeSkippingRequest())


async def _ours_ms(
    env: WorkflowEnvironment, settings: Settings, engine: Engine, executor: ThreadPoolExecutor, requests: int
) -> tuple[float, int]:
    """From the jump to the morning until every request's first reminder has been posted; with the number of
    reminder letters there are then (one per request, none twice)."""
    policy = settings.policy()
    client = env.client
    async with build_worker(client, settings, executor):

        async def start(i: int) -> None:
            traject_id = str(uuid.UUID(int=i + 1))
            verzoek_id = str(uuid.uuid4())
            verzoek = VerzoekStart(verzoek_id, traject_id, "bench-schuldeiser", policy, ids.traject(traject_id))
            await client.start_workflow(
                VorderingWorkflow.run, verzoek, id=ids.vordering(verzoek_id), task_queue=settings.task_queue
            )

        await wall_ms(start, requests, CONCURRENCY)
        await _until(lambda: _letters(engine, "%:kennisgeving"), requests)
        started = time.perf_counter()
        await _let_time_run(env)
        await _until(lambda: _letters(engine, FIRST_REMINDER), requests)
        elapsed = (time.perf_counter() - started) * 1000
        # Anything still on its way would show here as a second letter.
        await asyncio.sleep(2)
        return elapsed, _letters(engine, FIRST_REMINDER)


@asynccontextmanager
async def _fresh_server(settings: Settings) -> AsyncIterator[WorkflowEnvironment]:
    """A time-skipping server of its own, so one half's moved clock and leftover timers do not touch the other."""
    env = await WorkflowEnvironment.start_time_skipping(
        test_server_existing_path=str(BIN / "temporal-test-server"), data_converter=data_converter(settings)
    )
    await register_search_attributes(env.client, env.client.namespace)
    try:
        yield env
    finally:
        await env.shutdown()


async def run(requests: int = REQUESTS) -> tuple[float, float, int]:
    """(ours, bare, reminder letters) in ms and letters, each half on a fresh time-skipping server."""
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(max_workers=ACTIVITY_THREADS) as executor:
        settings = Settings(database_url=f"sqlite:///{tmp}/dossier.db", outbox_dir=Path(tmp) / "outbox")
        migrate(settings.database_url)
        engine = make_engine(settings.database_url)
        queries.fill(engine, requests)
        with engine.begin() as connection:
            row = {"id": "bench-schuldeiser", "naam": "Bench BV", "soort": "overig", "kanaal": "post"}
            connection.execute(Schuldeiser.__table__.insert(), row)  # type: ignore[attr-defined]
        async with _fresh_server(settings) as env:
            bare = await _bare_ms(env, settings.policy(), executor, requests)
        async with _fresh_server(settings) as env:
            ours, letters = await _ours_ms(env, settings, engine, executor, requests)
        engine.dispose()
    return ours, bare, letters
