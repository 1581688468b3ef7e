"""The real app on a migrated SQLite dossier, talking to the shared time-skipping Temporal server."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlmodel import select
from temporalio.client import Client
from temporalio.service import RPCError
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from api.app import create_app
from api.auth import Role, issue_token
from runtime.settings import Settings
from store.db import SessionFactory
from store.models import Traject

Headers = Callable[..., dict[str, str]]


@pytest.fixture
def temporal(dev_server_env: WorkflowEnvironment) -> Client:
    return dev_server_env.client


@pytest.fixture
async def api(
    settings: Settings, temporal: Client, dev_worker: Worker, sessions: SessionFactory
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, temporal)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        yield client
    with sessions() as session:
        ids = session.exec(select(Traject.id)).all()
    for traject_id in ids:
        with contextlib.suppress(RPCError):
            await temporal.get_workflow_handle(f"traject-{traject_id}").terminate("test finished")


@pytest.fixture
def auth(settings: Settings) -> Headers:
    def headers(role: Role = Role.HULPVERLENER, sub: str = "hv-anna") -> dict[str, str]:
        return {"Authorization": f"Bearer {issue_token(settings, role, sub)}"}

    return headers


def today() -> date:
    """The municipality's date, as the API counts it: past 23:00 UTC it is already tomorrow in Amsterdam."""
    return datetime.now(ZoneInfo("Europe/Amsterdam")).date()


def aanmelding(bsn: str = "111222333", **overrides: Any) -> dict[str, Any]:
    """Tanya's aanmelding as a caseworker sends it."""
    body: dict[str, Any] = {
        "persoon": {
            "bsn": bsn,
            "naam": "Tanya de Vries",
            "straat": "Kerkstraat 1",
            "postcode": "3311 AA",
            "woonplaats": "Dordrecht",
            "telefoon": "06 12345678",
        },
        "bron": "zelf",
        "kinderen": True,
    }
    return body | overrides


def gesprek(on: date, **overrides: Any) -> dict[str, Any]:
    body = {
        "gehouden_op": on.isoformat(),
        "ernst": "matig",
        "zelfredzaamheid": "zelfredzaam",
        "gevonden_voorzieningen": ["Huurtoeslag"],
        "actiepunten": [{"wie": "client", "wat": "Stuur uw bankafschriften"}],
    }
    return body | overrides


def toelating(on: date) -> dict[str, Any]:
    return {
        "besluit": "toelating",
        "besluit_op": on.isoformat(),
        "motivering": "U kunt uw schulden niet zelf oplossen.",
    }


PLAN = {
    "hulpvraag": "Ik wil weer rust.",
    "doelen": ["Huur wordt betaald"],
    "gemeente_doet": ["Wij schrijven uw schuldeisers aan"],
    "client_doet": ["U opent uw post"],
}


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["detail"]
    return body


async def eventually(read: Any, check: Any, tries: int = 100) -> Any:
    """What the workflows do after a step answered, such as the settlement sending its proposal."""
    for _ in range(tries):
        value = await read()
        if check(value):
            return value
        await asyncio.sleep(0.05)
    raise AssertionError(f"never happened: {value}")


async def detail(api: httpx.AsyncClient, auth: Headers, url: str) -> dict[str, Any]:
    return dict((await api.get(url, headers=auth())).json())
