"""A kredietbank's statement through the API: payments to many running settlements in one file, against as
many bare updates to as many running workflows, as many at a time; and the running settlement it needs,
taken through the API (bench/__main__.py measures a single payment on one too)."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import httpx
from temporalio.client import Client

from api.auth import Role, issue_token
from api.routers.regelingen import SETTLEMENTS_AT_ONCE
from bench.baseline import BaselineWorkflow
from bench.throughput import wall_ms
from runtime.settings import Settings

SETTLEMENTS = 20
PAYMENTS_EACH = 50


async def running_settlement(
    api: httpx.AsyncClient, settings: Settings, headers: dict[str, str], bsn: str
) -> dict[str, str]:
    """A traject of the person with `bsn` taken through the API to a running minnelijke regeling: its url, today,
    and the reference a kredietbank pays it by."""
    today = datetime.now(ZoneInfo("Europe/Amsterdam")).date().isoformat()
    admin = {"Authorization": f"Bearer {issue_token(settings, Role.BEHEERDER, 'bench')}"}
    creditor = {"naam": "Bench", "soort": "bank", "kanaal": "api"}
    sid = (await api.post("/api/v1/beheer/schuldeisers", json=creditor, headers=admin)).json()["id"]
    person = {"bsn": bsn, "naam": "B", "straat": "S 1", "postcode": "1234 AB", "woonplaats": "W"}
    url = (
        await api.post(
            "/api/v1/aanmeldingen", json={"persoon": person, "bron": "zelf", "kinderen": False}, headers=headers
        )
    ).json()["url"]
    steps = [
        ("gesprekken", {"gehouden_op": today, "ernst": "licht", "zelfredzaamheid": "zelfredzaam"}),
        ("beschikkingen", {"besluit": "toelating", "besluit_op": today, "motivering": "Schulden."}),
        (
            "plannen-van-aanpak",
            {"hulpvraag": "Rust.", "doelen": ["Rust"], "gemeente_doet": ["Regelen"], "client_doet": ["Post"]},
        ),
        ("schuldeisers", {"schuldeiser_ids": [sid]}),
    ]
    for path, body in steps:
        response = await api.post(f"{url}/{path}", json=body, headers=headers)
        assert response.status_code == 201, response.text
    verzoek = response.json()["verzoeken"][0]["id"]
    claim = {
        "hoofdsom_cent": 5_000_000,
        "rente_cent": 0,
        "kosten_cent": 0,
        "totaal_cent": 5_000_000,
        "kenmerk": "B",
        "peildatum": today,
        "bron": "papier",
    }
    await api.post(f"{url}/verzoeken/{verzoek}/vorderingen", json=claim, headers=headers)
    household = {"leefsituatie": "alleenstaande", "netto_inkomen_cent": 200_000}
    await api.post(f"{url}/afloscapaciteit", json=household, headers=headers)
    for _ in range(200):
        if (await api.post(f"{url}/voorstel", json={"soort": "minnelijk"}, headers=headers)).status_code == 201:
            break
        await asyncio.sleep(0.05)
    for _ in range(200):
        answer = {"schuldeiser_id": sid, "akkoord": True}
        if (await api.post(f"{url}/regeling/reacties", json=answer, headers=headers)).status_code == 201:
            break
        await asyncio.sleep(0.05)
    for _ in range(200):
        if (await api.get(f"{url}/regeling", headers=headers)).json()["status"] == "loopt":
            kenmerk = (await api.get(url, headers=headers)).json()["kenmerk"]
            return {"url": url, "today": today, "kenmerk": kenmerk}
        await asyncio.sleep(0.05)
    raise RuntimeError("the settlement did not start")


async def settlements(
    api: httpx.AsyncClient, settings: Settings, headers: dict[str, str], bsns: Iterator[str]
) -> list[str]:
    """The references of `SETTLEMENTS` running settlements."""
    return [(await running_settlement(api, settings, headers, next(bsns)))["kenmerk"] for _ in range(SETTLEMENTS)]


def statement(kenmerken: list[str], day: str) -> str:
    """A statement of `PAYMENTS_EACH` payments to each settlement, interleaved as a bank lists them by day."""
    rows = ["kenmerk,betaling_id,datum,bedrag_cent"]
    rows += [f"{k},kb-{n}-{i},{day},1" for n in range(PAYMENTS_EACH) for i, k in enumerate(kenmerken)]
    return "\n".join(rows) + "\n"


async def import_ms(api: httpx.AsyncClient, headers: dict[str, str], content: str) -> float:
    """Wall time of one statement, every payment recorded in its settlement."""
    started = time.perf_counter()
    response = await api.post(
        "/api/v1/regelingen/betalingen", content=content, headers=headers | {"Content-Type": "text/csv"}
    )
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, response.text
    assert response.json()["verwerkt"] == content.count("\n") - 1, response.text
    return elapsed


async def bare_ms(client: Client, task_queue: str) -> float:
    """Wall time of as many bare updates: `PAYMENTS_EACH` one after the other to each of `SETTLEMENTS` running
    workflows, as many workflows at a time as the import records in."""
    handles = [
        await client.start_workflow(BaselineWorkflow.run, id=f"baseline-{uuid.uuid4()}", task_queue=task_queue)
        for _ in range(SETTLEMENTS)
    ]

    async def pay_each(i: int) -> None:
        for _ in range(PAYMENTS_EACH):
            await handles[i].execute_update(BaselineWorkflow.touch)

    elapsed = await wall_ms(pay_each, SETTLEMENTS, SETTLEMENTS_AT_ONCE)
    for handle in handles:
        await handle.signal(BaselineWorkflow.finish)
    return elapsed
