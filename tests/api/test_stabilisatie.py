"""Collection measures during stabilisation: suspension request, do's & don'ts card, moratorium draft."""

from __future__ import annotations

import uuid

import httpx
from sqlmodel import select

from api.auth import Role
from store.db import SessionFactory
from store.models import Brief, OutboxEntry
from tests.api.conftest import Headers, aanmelding, assert_problem, today
from tests.api.test_schuldeisers import creditor, stable_traject


async def test_a_measure_asks_for_suspension_and_a_measure_that_goes_on_gets_a_draft(
    api: httpx.AsyncClient, auth: Headers, sessions: SessionFactory
) -> None:
    cjib = await creditor(api, auth, "CJIB", kanaal="post")
    url = await stable_traject(api, auth)
    body = {"soort": "beslag", "schuldeiser_id": cjib, "datum": today().isoformat(), "toelichting": "Loonbeslag"}

    registered = await api.post(f"{url}/incassomaatregelen", json=body, headers=auth())
    second = await api.post(f"{url}/incassomaatregelen", json=body | {"soort": "dwangbevel"}, headers=auth())

    assert registered.status_code == second.status_code == 201, registered.text
    traject = second.json()
    assert traject["fase"] == "stabilisatie"
    assert [m["soort"] for m in traject["maatregelen"]] == ["beslag", "dwangbevel"]
    kinds = [b["soort"] for b in traject["brieven"]]
    assert kinds.count("opschortingsverzoek") == 2
    assert kinds.count("dos_en_donts") == 1

    maatregel_id = traject["maatregelen"][0]["maatregel_id"]
    colleague = auth(Role.HULPVERLENER, "hv-bram")
    goes_on = await api.post(f"{url}/incassomaatregelen/{maatregel_id}/voortzetting", headers=colleague)

    assert goes_on.status_code == 201, goes_on.text
    assert goes_on.json()["maatregelen"][0]["gaat_door"] is True
    assert [e["door"] for e in goes_on.json()["tijdlijn"] if e["soort"] == "incasso_gaat_door"] == ["hv-bram"]
    with sessions() as session:
        [draft] = session.exec(select(Brief).where(Brief.kind == "moratorium_concept")).all()
        assert session.get(OutboxEntry, draft.id) is None
    assert "287b" in draft.html
    assert_problem(await api.post(f"{url}/incassomaatregelen/{maatregel_id}/voortzetting", headers=auth()), 422)


async def test_measures_refuse_roles_phases_and_bad_input(api: httpx.AsyncClient, auth: Headers) -> None:
    cjib = await creditor(api, auth, "CJIB")
    url = await stable_traject(api, auth)
    body = {"soort": "beslag", "schuldeiser_id": cjib, "datum": today().isoformat()}
    assert_problem(await api.post(f"{url}/incassomaatregelen", json=body), 401)
    assert_problem(await api.post(f"{url}/incassomaatregelen", json=body, headers=auth(Role.TOEZICHTHOUDER)), 403)
    assert_problem(await api.post(f"{url}/incassomaatregelen", json=body | {"soort": "boete"}, headers=auth()), 422)
    unknown = body | {"schuldeiser_id": "se-onbekend"}
    assert_problem(await api.post(f"{url}/incassomaatregelen", json=unknown, headers=auth()), 422)
    assert_problem(await api.post(f"{url}/incassomaatregelen/{uuid.uuid4()}/voortzetting", headers=auth()), 422)
    assert_problem(await api.post(f"{url}/incassomaatregelen/onbekend/voortzetting", headers=auth()), 404)
    ended = (await api.post("/api/v1/aanmeldingen", json=aanmelding("123456782"), headers=auth())).json()["url"]
    assert (await api.post(f"{ended}/uitval", json={"reden": "client_stopt"}, headers=auth())).status_code == 201
    assert_problem(await api.post(f"{ended}/incassomaatregelen", json=body, headers=auth()), 409)
