"""Steps reach the engine through one door: a bounded wait, no database connection held while waiting, and
the Idempotency-Key as the step's identity, so a retry gets the first outcome and nothing happens twice."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Any

import httpx
from sqlmodel import select
from temporalio.client import Client, WorkflowExecutionStatus
from temporalio.testing import WorkflowEnvironment

from api.app import create_app
from runtime.settings import Settings
from runtime.worker import build_worker
from store.db import SessionFactory
from store.models import Brief, TrajectEvent
from tests.api.conftest import Headers, aanmelding, assert_problem, gesprek, today


@asynccontextmanager
async def client_for(settings: Settings, env: WorkflowEnvironment) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, env.client)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        yield client


def count(sessions: SessionFactory, model: Any, traject_id: str, kind: str) -> int:
    with sessions() as session:
        return len(session.exec(select(model).where(model.traject_id == traject_id, model.kind == kind)).all())


async def test_a_retried_step_with_its_key_gets_the_first_outcome(
    api: httpx.AsyncClient, auth: Headers, sessions: SessionFactory
) -> None:
    traject = (await api.post("/api/v1/aanmeldingen", json=aanmelding(), headers=auth())).json()
    keyed = {**auth(), "Idempotency-Key": "gesprek-1"}
    first = await api.post(f"{traject['url']}/gesprekken", json=gesprek(today()), headers=keyed)
    again = await api.post(f"{traject['url']}/gesprekken", json=gesprek(today()), headers=keyed)
    assert first.status_code == again.status_code == 201, again.text
    assert again.json()["fase"] == first.json()["fase"] == "toelating"
    assert count(sessions, TrajectEvent, traject["id"], "eerste_gesprek") == 1
    assert count(sessions, Brief, traject["id"], "actielijst") == 1
    other = await api.post(f"{traject['url']}/gesprekken", json=gesprek(today()), headers=auth())
    assert_problem(other, 409)


async def test_with_the_worker_away_reads_go_on_steps_answer_503_and_a_retry_lands_once(
    settings: Settings,
    dev_server_env: WorkflowEnvironment,
    executor: ThreadPoolExecutor,
    sessions: SessionFactory,
    auth: Headers,
    engine: object,
) -> None:
    impatient = settings.model_copy(update={"engine_wait_seconds": 1.0})
    async with client_for(impatient, dev_server_env) as api:
        async with build_worker(dev_server_env.client, settings, executor):
            traject = (await api.post("/api/v1/aanmeldingen", json=aanmelding(), headers=auth())).json()
        # The worker is gone. Steps wait their bound and say so; reads answer meanwhile.
        keyed = {**auth(), "Idempotency-Key": "gesprek-zonder-worker"}
        steps = [
            asyncio.create_task(api.post(f"{traject['url']}/gesprekken", json=gesprek(today()), headers=keyed))
            for _ in range(20)
        ]
        read = await api.get(traject["url"], headers=auth())
        assert read.status_code == 200
        assert not all(step.done() for step in steps)
        for answer in await asyncio.gather(*steps):
            problem = assert_problem(answer, 503)
            assert problem["idempotencyKey"] == "gesprek-zonder-worker"
            assert int(answer.headers["Retry-After"]) > 0
    async with client_for(settings, dev_server_env) as api, build_worker(dev_server_env.client, settings, executor):
        retried = await api.post(f"{traject['url']}/gesprekken", json=gesprek(today()), headers=keyed)
        assert retried.status_code == 201, retried.text
        assert retried.json()["fase"] == "toelating"
    assert count(sessions, TrajectEvent, traject["id"], "eerste_gesprek") == 1
    assert count(sessions, Brief, traject["id"], "actielijst") == 1


async def test_an_aanmelding_with_the_worker_away_is_accepted_and_its_retry_finds_it(
    settings: Settings,
    dev_server_env: WorkflowEnvironment,
    executor: ThreadPoolExecutor,
    sessions: SessionFactory,
    auth: Headers,
    engine: object,
) -> None:
    impatient = settings.model_copy(update={"engine_wait_seconds": 1.0})
    async with client_for(impatient, dev_server_env) as api:
        accepted = await api.post("/api/v1/aanmeldingen", json=aanmelding(), headers=auth())
    assert accepted.status_code == 202, accepted.text
    key = accepted.json()["idempotencyKey"]
    assert accepted.headers["Location"] == accepted.json()["url"]
    async with client_for(settings, dev_server_env) as api, build_worker(dev_server_env.client, settings, executor):
        retried = await api.post("/api/v1/aanmeldingen", json=aanmelding(), headers={**auth(), "Idempotency-Key": key})
        assert retried.status_code == 200, retried.text
        assert retried.json()["url"] == accepted.json()["url"]
        assert [b["soort"] for b in retried.json()["brieven"]] == ["aanmelding_bevestiging"]
        listed = (await api.get("/api/v1/trajecten", headers=auth())).json()
        assert listed["count"] == 1
        await dev_server_env.client.get_workflow_handle(f"traject-{retried.json()['id']}").terminate("test finished")


async def test_a_retried_aanmelding_whose_traject_has_ended_starts_nothing_again(
    api: httpx.AsyncClient, auth: Headers, temporal: Client
) -> None:
    key = {"Idempotency-Key": str(uuid.uuid4())}
    first = await api.post("/api/v1/aanmeldingen", json=aanmelding(), headers=auth() | key)
    assert first.status_code == 201, first.text
    url = first.json()["url"]
    assert (await api.post(f"{url}/gesprekken", json=gesprek(today()), headers=auth())).status_code == 201
    afwijzing = {"besluit": "afwijzing", "besluit_op": today().isoformat(), "motivering": "U kunt het zelf."}
    assert (await api.post(f"{url}/beschikkingen", json=afwijzing, headers=auth())).json()["fase"] == "afgesloten"
    # Its run ends, as it does once the objection term has passed.
    handle = temporal.get_workflow_handle(f"traject-{first.json()['id']}")
    await handle.terminate("the objection term passed")

    retried = await api.post("/api/v1/aanmeldingen", json=aanmelding(), headers=auth() | key)

    assert retried.status_code == 200, retried.text
    assert retried.json()["url"] == url
    assert retried.json()["fase"] == "afgesloten"
    # No second run under the traject's id: it would register the ended traject anew.
    assert (await handle.describe()).status is WorkflowExecutionStatus.TERMINATED
