"""Reading routes: list, search, one traject, a letter, the policy. Every read of a dossier is audited."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import httpx
from sqlmodel import select

from api.auth import Role
from store.db import SessionFactory
from store.models import AuditEntry
from tests.api.conftest import Headers, aanmelding, assert_problem, today


async def register(api: httpx.AsyncClient, auth: Headers, bsn: str, **overrides: object) -> dict:
    response = await api.post("/api/v1/aanmeldingen", json=aanmelding(bsn, **overrides), headers=auth())
    assert response.status_code == 201, response.text
    return response.json()


async def test_list_filters_and_pages(api: httpx.AsyncClient, auth: Headers) -> None:
    for bsn in ("111222333", "123456782", "100000009"):
        await register(api, auth, bsn)
    await api.post("/api/v1/aanmeldingen", json=aanmelding("999999990", hulpverlener="hv-bram"), headers=auth())

    first = (await api.get("/api/v1/trajecten", params={"pageSize": 2}, headers=auth(Role.TOEZICHTHOUDER))).json()
    second = (await api.get(first["next"], headers=auth(Role.TOEZICHTHOUDER))).json()
    brams = (await api.get("/api/v1/trajecten", params={"hulpverlener": "hv-bram"}, headers=auth())).json()
    in_toelating = (await api.get("/api/v1/trajecten", params={"fase": "toelating"}, headers=auth())).json()

    assert first["count"] == 4
    assert len(first["results"]) == 2
    assert second["previous"] is not None
    assert second["next"] is None
    assert {r["id"] for r in first["results"]}.isdisjoint({r["id"] for r in second["results"]})
    assert [r["hulpverlener"] for r in brams["results"]] == ["hv-bram"]
    assert in_toelating["count"] == 0
    assert "persoon" not in first["results"][0]


async def test_a_breached_deadline_shows_in_the_supervisors_list(api: httpx.AsyncClient, auth: Headers) -> None:
    late = await register(api, auth, "111222333", meldingsdatum=(today() - timedelta(weeks=6)).isoformat())
    await register(api, auth, "123456782")

    for _ in range(50):
        breached = (
            await api.get(
                "/api/v1/trajecten", params={"termijn_overschreden": "true"}, headers=auth(Role.TOEZICHTHOUDER)
            )
        ).json()
        if breached["count"]:
            break
        await asyncio.sleep(0.1)

    assert [r["id"] for r in breached["results"]] == [late["id"]]
    detail = (await api.get(late["url"], headers=auth())).json()
    assert detail["termijnen"][0]["overschreden"] is True
    assert detail["toegestane_stappen"] == ["eerste_gesprek", "incassomaatregel"]


async def test_list_refuses_the_wrong_role_and_bad_filters(api: httpx.AsyncClient, auth: Headers) -> None:
    assert_problem(await api.get("/api/v1/trajecten"), 401)
    assert_problem(await api.get("/api/v1/trajecten", headers=auth(Role.SCHULDEISER)), 403)
    assert_problem(await api.get("/api/v1/trajecten", params={"fase": "onbekend"}, headers=auth()), 422)
    assert_problem(await api.get("/api/v1/trajecten", params={"pageSize": 1000}, headers=auth()), 422)
    bad_token = {"Authorization": "Bearer not-a-token"}
    assert_problem(await api.get("/api/v1/trajecten", headers=bad_token), 401)


async def test_search_by_bsn_in_the_body(api: httpx.AsyncClient, auth: Headers) -> None:
    traject = await register(api, auth, "111222333")
    await register(api, auth, "123456782")

    found = await api.post("/api/v1/trajecten/zoeken", json={"bsn": "111222333"}, headers=auth())

    assert [t["id"] for t in found.json()] == [traject["id"]]
    assert_problem(await api.post("/api/v1/trajecten/zoeken", json={"bsn": "111222333"}), 401)
    assert_problem(
        await api.post("/api/v1/trajecten/zoeken", json={"bsn": "111222333"}, headers=auth(Role.SIGNAALPARTNER)), 403
    )
    assert_problem(await api.post("/api/v1/trajecten/zoeken", json={"bsn": "12"}, headers=auth()), 422)


async def test_reading_a_traject_is_audited(api: httpx.AsyncClient, auth: Headers, sessions: SessionFactory) -> None:
    traject = await register(api, auth, "111222333")

    response = await api.get(traject["url"], headers=auth(Role.TOEZICHTHOUDER, "tl-carla"))

    assert response.status_code == 200
    body = response.json()
    assert body["persoon"]["naam"] == "Tanya de Vries"
    assert "bsn" not in body["persoon"]
    assert next(p["status"] for p in body["procesplaat"]) == "huidig"
    with sessions() as session:
        entries = session.exec(select(AuditEntry).where(AuditEntry.actor == "tl-carla")).all()
    assert [(e.action, e.traject_id) for e in entries] == [("traject-lezen", traject["id"])]


async def test_reading_a_traject_refuses_and_misses_cleanly(api: httpx.AsyncClient, auth: Headers) -> None:
    traject = await register(api, auth, "111222333")
    assert_problem(await api.get(traject["url"]), 401)
    assert_problem(await api.get(traject["url"], headers=auth(Role.BEHEERDER)), 403)
    assert_problem(await api.get("/api/v1/trajecten/bestaat-niet", headers=auth()), 404)


async def test_a_letter_reads_as_html(api: httpx.AsyncClient, auth: Headers) -> None:
    traject = await register(api, auth, "111222333")
    letter_url = traject["brieven"][0]["url"]

    letter = await api.get(letter_url, headers=auth())

    assert letter.status_code == 200
    assert letter.headers["content-type"].startswith("text/html")
    assert "Tanya de Vries" in letter.text
    assert_problem(await api.get(letter_url, headers=auth(Role.SCHULDEISER)), 403)
    assert_problem(await api.get(f"{traject['url']}/brieven/onbekend", headers=auth()), 404)


async def test_policy_is_for_administrators(api: httpx.AsyncClient, auth: Headers) -> None:
    policy = await api.get("/api/v1/beheer/beleid", headers=auth(Role.BEHEERDER))
    assert policy.status_code == 200
    assert policy.json()["first_conversation_weeks"] == 4
    assert "gedwongen_woningontruiming" in policy.json()["crisissoorten"]
    assert_problem(await api.get("/api/v1/beheer/beleid"), 401)
    assert_problem(await api.get("/api/v1/beheer/beleid", headers=auth(Role.HULPVERLENER)), 403)


async def test_openapi_is_public_and_versioned(api: httpx.AsyncClient) -> None:
    response = await api.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.headers["API-Version"] == "1.0.0"
    assert not [path for path in response.json()["paths"] if "bsn" in path]
