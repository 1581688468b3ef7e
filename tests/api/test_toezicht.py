"""Supervisors see whom trajecten wait on and each creditor's reply figures."""

from __future__ import annotations

import httpx

from api.auth import Role
from tests.api.conftest import Headers, assert_problem, today
from tests.api.test_schuldeisers import CLAIM, ask, creditor, stable_traject


async def test_waiting_requests_and_reply_figures(api: httpx.AsyncClient, auth: Headers) -> None:
    quick, slow = await creditor(api, auth, "Snelle Bank"), await creditor(api, auth, "Trage Verhuurder")
    traject = await ask(api, auth, await stable_traject(api, auth), quick, slow)
    quick_request = next(v for v in traject["verzoeken"] if v["schuldeiser_id"] == quick)
    claim = CLAIM | {"peildatum": today().isoformat()}
    creditor_url = f"/api/v1/schuldeisers/verzoeken/{quick_request['id']}/vorderingen"
    answered = await api.post(creditor_url, json=claim, headers=auth(Role.SCHULDEISER, quick))
    assert answered.status_code == 201, answered.text

    waiting = (await api.get("/api/v1/toezicht/wachtend", headers=auth(Role.TOEZICHTHOUDER))).json()
    figures = {f["schuldeiser"]: f for f in (await api.get("/api/v1/toezicht/schuldeisers", headers=auth())).json()}

    assert waiting["count"] == 1
    assert waiting["results"][0]["schuldeiser"] == "Trage Verhuurder"
    assert waiting["results"][0]["traject"] == traject["url"]
    assert waiting["results"][0]["dagen_wachtend"] == 0
    assert figures["Snelle Bank"]["beantwoord"] == 1
    assert figures["Snelle Bank"]["mediaan_dagen"] == 0
    assert figures["Snelle Bank"]["aandeel_voor_eerste_herinnering"] == 1.0
    assert (figures["Trage Verhuurder"]["open"], figures["Trage Verhuurder"]["mediaan_dagen"]) == (1, None)


async def test_supervisor_views_refuse_others_and_bad_paging(api: httpx.AsyncClient, auth: Headers) -> None:
    for path in ("/api/v1/toezicht/wachtend", "/api/v1/toezicht/schuldeisers"):
        assert_problem(await api.get(path), 401)
        assert_problem(await api.get(path, headers=auth(Role.SCHULDEISER)), 403)
        assert_problem(await api.get(path, headers=auth(Role.BEHEERDER)), 403)
    assert_problem(await api.get("/api/v1/toezicht/wachtend", params={"page": 0}, headers=auth()), 422)
