"""Technically stuck work in the console: a letter that cannot be posted keeps its activity retrying until the
beheerder, after the repair, has it run again; a workflow whose own code keeps failing is listed from
Temporal's reported problems. Errors name only their kind, and every repair is audited."""

from __future__ import annotations

import asyncio
import shutil
from dataclasses import replace
from datetime import date
from typing import Any

import httpx
from sqlmodel import select
from temporalio.client import Client

from api.auth import Role
from domain.aanmelding import Bron
from domain.policy import Policy
from domain.traject import Aanmelding, TrajectStart
from runtime.settings import Settings
from store.db import SessionFactory
from store.models import AuditEntry, OutboxEntry, OutboxStatus
from tests.api.conftest import Headers, aanmelding, assert_problem
from workflows.traject import TrajectWorkflow

STORINGEN = "/api/v1/toezicht/storingen"


async def listed(api: httpx.AsyncClient, auth: Headers, part: str, tries: int = 120) -> dict[str, Any]:
    """The stuck list once it names something under `part`."""
    for _ in range(tries):
        response = await api.get(STORINGEN, headers=auth(Role.TOEZICHTHOUDER, "tl-noor"))
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        if body[part]:
            return body
        await asyncio.sleep(0.5)
    raise AssertionError(f"nothing listed as {part}")


async def test_an_unwritable_mailroom_is_listed_as_stuck_and_retried_by_the_beheerder(
    api: httpx.AsyncClient, auth: Headers, settings: Settings, sessions: SessionFactory
) -> None:
    outbox = settings.outbox_dir
    shutil.rmtree(outbox, ignore_errors=True)
    outbox.parent.mkdir(parents=True, exist_ok=True)
    outbox.write_text("de printstraat is weg")
    registered = await api.post("/api/v1/aanmeldingen", json=aanmelding(), headers=auth())
    assert registered.status_code in (201, 202), registered.text

    [stuck] = (await listed(api, auth, "activiteiten"))["activiteiten"]
    assert stuck["activiteit"] == "deliver_letter"
    assert stuck["pogingen"] >= settings.storing_na_pogingen
    assert stuck["laatste_fout"].startswith("Tijdelijke fout")
    assert "Tanya" not in stuck["laatste_fout"]
    assert stuck["volgende_poging"] is not None
    assert stuck["kenmerk"].startswith("SHV-")
    assert stuck["temporal_url"].endswith(f"/workflows/{stuck['workflow_id']}")
    retry = f"{STORINGEN}/{stuck['workflow_id']}/activiteiten/{stuck['activity_id']}/opnieuw"
    assert_problem(await api.post(retry), 401)
    assert_problem(await api.post(retry, headers=auth(Role.TOEZICHTHOUDER, "tl-noor")), 403)
    assert_problem(await api.get(STORINGEN, headers=auth()), 403)

    outbox.unlink()
    outbox.mkdir()
    response = await api.post(retry, headers=auth(Role.BEHEERDER, "beheer-bo"))
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "opnieuw_gestart"
    for _ in range(60):
        with sessions() as session:
            sent = session.exec(select(OutboxEntry).where(OutboxEntry.status == OutboxStatus.SENT.value)).all()
        if sent:
            break
        await asyncio.sleep(0.25)
    assert len(sent) == 1
    assert (await api.get(STORINGEN, headers=auth(Role.BEHEERDER, "beheer-bo"))).json()["activiteiten"] == []
    with sessions() as session:
        [entry] = session.exec(select(AuditEntry).where(AuditEntry.action == "storing-herstellen")).all()
    assert (entry.actor, entry.resource) == ("beheer-bo", retry)


async def test_a_repair_of_something_that_does_not_run_is_refused(api: httpx.AsyncClient, auth: Headers) -> None:
    beheerder = auth(Role.BEHEERDER, "beheer-bo")
    gone = f"{STORINGEN}/traject-00000000-0000-4000-8000-000000000000/activiteiten/7/opnieuw"
    assert_problem(await api.post(gone, headers=beheerder), 404)
    # A malformed id is not probed either: the same 404 as an id that does not exist.
    assert_problem(await api.post(f"{STORINGEN}/-traject/activiteiten/7/opnieuw", headers=beheerder), 404)
    assert (await api.get(STORINGEN, headers=beheerder)).json() == {
        "activiteiten": [],
        "workflows": [],
        "drempel_pogingen": 3,
    }


async def test_a_workflow_whose_own_code_keeps_failing_is_listed(
    api: httpx.AsyncClient, auth: Headers, temporal: Client, settings: Settings
) -> None:
    # A policy whose time zone does not exist: the workflow cannot count a day, and its task fails each time.
    broken = TrajectStart(
        traject_id="0e0e0e0e-0000-4000-8000-000000000001",
        caseworker="hv-anna",
        aanmelding=Aanmelding(None, Bron.ZELF, False, date(2026, 12, 1), persoon_id="p"),
        policy=replace(Policy(), timezone="Nergens/Stad"),
    )
    handle = await temporal.start_workflow(
        TrajectWorkflow.run, broken, id=f"traject-{broken.traject_id}", task_queue=settings.task_queue
    )
    try:
        [workflow] = (await listed(api, auth, "workflows"))["workflows"]
        assert workflow["workflow_id"] == handle.id
        assert any("WorkflowTaskFailed" in problem for problem in workflow["problemen"])
        assert workflow["kenmerk"] == "SHV-0E0E0E0E"
    finally:
        await handle.terminate("test finished")
