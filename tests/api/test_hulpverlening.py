"""Caseworker routes: register an aanmelding and record each step, against the real app and Temporal."""

from __future__ import annotations

from datetime import timedelta

import httpx
from sqlmodel import select
from temporalio.client import Client

from api.auth import Role
from store.db import SessionFactory
from store.models import Traject, TrajectEvent
from tests.api.conftest import PLAN, Headers, aanmelding, assert_problem, gesprek, today, toelating
from tests.conftest import decoded_payloads


async def register(api: httpx.AsyncClient, auth: Headers, **overrides: object) -> dict:
    response = await api.post("/api/v1/aanmeldingen", json=aanmelding(**overrides), headers=auth())
    assert response.status_code == 201, response.text
    return response.json()


async def test_aanmelding_starts_a_traject_with_its_letter(api: httpx.AsyncClient, auth: Headers) -> None:
    response = await api.post(
        "/api/v1/aanmeldingen",
        json=aanmelding(
            crisis="beeindiging_elektriciteit", afspraak={"op": "2026-12-01T09:30:00+01:00", "locatie": "Stadskantoor"}
        ),
        headers=auth(),
    )

    assert response.status_code == 201, response.text
    traject = response.json()
    assert response.headers["Location"] == f"/api/v1/trajecten/{traject['id']}"
    assert response.headers["API-Version"] == "1.0.0"
    assert traject["fase"] == "aanmelding"
    assert traject["toegestane_stappen"] == ["eerste_gesprek", "incassomaatregel"]
    assert traject["termijnen"][0]["klok"] == "eerste_gesprek"
    assert traject["volgende_termijn"] <= (today() + timedelta(days=7)).isoformat()
    assert [b["soort"] for b in traject["brieven"]] == ["aanmelding_bevestiging"]
    assert "111222333" not in response.headers["Location"]


async def test_aanmelding_refuses_callers_without_the_role(api: httpx.AsyncClient, auth: Headers) -> None:
    assert_problem(await api.post("/api/v1/aanmeldingen", json=aanmelding()), 401)
    forbidden = await api.post("/api/v1/aanmeldingen", json=aanmelding(), headers=auth(Role.TOEZICHTHOUDER))
    assert_problem(forbidden, 403)


async def test_aanmelding_refuses_bad_input_and_starts_nothing(
    api: httpx.AsyncClient, auth: Headers, sessions: SessionFactory
) -> None:
    bad_bsn = assert_problem(await api.post("/api/v1/aanmeldingen", json=aanmelding("123456789"), headers=auth()), 422)
    assert bad_bsn["invalidParams"][0]["name"] == "persoon.bsn"
    assert "11-proef" in bad_bsn["invalidParams"][0]["reason"]
    future = aanmelding(meldingsdatum=(today() + timedelta(days=2)).isoformat())
    assert_problem(await api.post("/api/v1/aanmeldingen", json=future, headers=auth()), 422)
    unknown_crisis = assert_problem(
        await api.post("/api/v1/aanmeldingen", json=aanmelding(crisis="ruzie"), headers=auth()), 422
    )
    assert unknown_crisis["invalidParams"][0]["name"] == "crisis"
    with sessions() as session:
        assert session.exec(select(Traject)).all() == []


async def test_second_aanmelding_of_a_running_traject_conflicts(api: httpx.AsyncClient, auth: Headers) -> None:
    first = await register(api, auth)
    problem = assert_problem(await api.post("/api/v1/aanmeldingen", json=aanmelding(), headers=auth()), 409)
    assert problem["traject"] == first["url"]


async def test_aanmelding_with_an_idempotency_key_lands_once(api: httpx.AsyncClient, auth: Headers) -> None:
    headers = auth() | {"Idempotency-Key": "formulier-42"}
    first = await api.post("/api/v1/aanmeldingen", json=aanmelding(), headers=headers)
    again = await api.post("/api/v1/aanmeldingen", json=aanmelding(), headers=headers)
    assert first.status_code == 201
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]


async def test_the_steps_to_stabilisatie(api: httpx.AsyncClient, auth: Headers) -> None:
    traject = await register(api, auth)
    url = traject["url"]

    after_gesprek = await api.post(f"{url}/gesprekken", json=gesprek(today()), headers=auth())
    assert after_gesprek.status_code == 201, after_gesprek.text
    assert after_gesprek.json()["klantprofiel"]["route"] == "schuldhulp"
    assert after_gesprek.json()["actielijst"] == [
        {"wie": "client", "wat": "Stuur uw bankafschriften", "uiterlijk": None}
    ]
    after_besluit = await api.post(f"{url}/beschikkingen", json=toelating(today()), headers=auth())
    assert after_besluit.status_code == 201, after_besluit.text
    after_plan = await api.post(f"{url}/plannen-van-aanpak", json=PLAN, headers=auth())
    assert after_plan.status_code == 201, after_plan.text

    final = after_plan.json()
    assert final["fase"] == "stabilisatie"
    assert [s["status"] for s in final["procesplaat"]][:4] == ["afgerond", "afgerond", "afgerond", "huidig"]
    assert [b["soort"] for b in final["brieven"]] == [
        "aanmelding_bevestiging",
        "actielijst",
        "beschikking_toelating",
        "plan_van_aanpak",
        "dos_en_donts",
    ]
    assert [e["soort"] for e in final["tijdlijn"]] == ["aanmelding", "eerste_gesprek", "beschikking", "plan_van_aanpak"]


async def test_steps_refuse_callers_without_the_role(api: httpx.AsyncClient, auth: Headers) -> None:
    url = (await register(api, auth))["url"]
    for path, body in (
        ("gesprekken", gesprek(today())),
        ("beschikkingen", toelating(today())),
        ("plannen-van-aanpak", PLAN),
    ):
        assert_problem(await api.post(f"{url}/{path}", json=body), 401)
        assert_problem(await api.post(f"{url}/{path}", json=body, headers=auth(Role.TOEZICHTHOUDER)), 403)
        assert_problem(await api.post(f"{url}/{path}", json=body, headers=auth(Role.SCHULDEISER)), 403)


async def test_a_step_out_of_order_says_what_is_allowed_and_changes_nothing(
    api: httpx.AsyncClient, auth: Headers, sessions: SessionFactory
) -> None:
    traject = await register(api, auth)
    url = traject["url"]

    too_early = assert_problem(await api.post(f"{url}/beschikkingen", json=toelating(today()), headers=auth()), 409)
    assert too_early["toegestaneStappen"] == ["eerste_gesprek", "incassomaatregel"]
    assert "eerste_gesprek" in too_early["detail"]
    assert_problem(await api.post(f"{url}/plannen-van-aanpak", json=PLAN, headers=auth()), 409)
    await api.post(f"{url}/gesprekken", json=gesprek(today()), headers=auth())
    twice = assert_problem(await api.post(f"{url}/gesprekken", json=gesprek(today()), headers=auth()), 409)
    assert twice["toegestaneStappen"] == ["beschikking", "incassomaatregel"]

    with sessions() as session:
        kinds = [e.kind for e in session.exec(select(TrajectEvent).where(TrajectEvent.traject_id == traject["id"]))]
    assert kinds == ["aanmelding", "eerste_gesprek"]


async def test_steps_refuse_bad_fields_and_change_nothing(api: httpx.AsyncClient, auth: Headers) -> None:
    traject = await register(api, auth)
    url = traject["url"]

    unknown_ernst = assert_problem(
        await api.post(f"{url}/gesprekken", json=gesprek(today(), ernst="heel erg"), headers=auth()), 422
    )
    assert unknown_ernst["invalidParams"][0]["name"] == "ernst"
    before_melding = gesprek(today() - timedelta(days=3))
    early = assert_problem(await api.post(f"{url}/gesprekken", json=before_melding, headers=auth()), 422)
    assert early["invalidParams"] == [
        {"name": "gehouden_op", "code": "invalid", "reason": "ligt voor de meldingsdatum"}
    ]
    await api.post(f"{url}/gesprekken", json=gesprek(today()), headers=auth())
    no_reasons = {"besluit": "afwijzing", "besluit_op": today().isoformat()}
    assert_problem(await api.post(f"{url}/beschikkingen", json=no_reasons, headers=auth()), 422)
    await api.post(f"{url}/beschikkingen", json=toelating(today()), headers=auth())
    assert_problem(await api.post(f"{url}/plannen-van-aanpak", json=PLAN | {"doelen": []}, headers=auth()), 422)

    unchanged = (await api.get(url, headers=auth())).json()
    assert unchanged["fase"] == "plan_van_aanpak"
    assert unchanged["plan_van_aanpak"] is None


async def test_a_step_on_an_unknown_traject_is_not_found(api: httpx.AsyncClient, auth: Headers) -> None:
    missing = "/api/v1/trajecten/00000000-0000-0000-0000-000000000000/gesprekken"
    assert_problem(await api.post(missing, json=gesprek(today()), headers=auth()), 404)


async def test_the_workflow_holds_no_personal_data_only_a_reference(
    api: httpx.AsyncClient, auth: Headers, temporal: Client
) -> None:
    traject = await register(api, auth)
    assert traject["persoon"]["naam"] == "Tanya de Vries"
    history = await temporal.get_workflow_handle(f"traject-{traject['id']}").fetch_history()
    decoded = b"".join(p.data for p in await decoded_payloads(temporal, history)).decode("utf-8", "replace")
    assert "meldingsdatum" in decoded
    for personal in ("111222333", "Tanya", "Kerkstraat", "3311", "06 12345678"):
        assert personal not in decoded
