"""Nazorg and missed appointments through the API: contacts recorded, a heraanmelding linked to its
traject, an opt-out, and every route refusing the wrong role, bad input and the wrong phase."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx

from api.auth import Role
from tests.api.conftest import Headers, aanmelding, assert_problem, detail, eventually, today
from tests.api.test_schuldregeling import proposed, regeling


async def in_nazorg(api: httpx.AsyncClient, auth: Headers, bsn: str = "111222333") -> str:
    """A traject whose client paid off the settlement at once: afgerond, and in nazorg."""
    url, [bank] = await proposed(api, auth, f"Bank {bsn}")
    answer = await api.post(f"{url}/regeling/reacties", json={"schuldeiser_id": bank, "akkoord": True}, headers=auth())
    assert answer.status_code == 201, answer.text
    running = await eventually(lambda: regeling(api, auth, url), lambda r: r["status"] == "loopt")
    payment = {"betaling_id": "alles", "datum": today().isoformat(), "bedrag_cent": running["totaal_cent"]}
    assert (await api.post(f"{url}/regeling/betalingen", json=payment, headers=auth())).status_code == 201
    await eventually(lambda: detail(api, auth, url), lambda t: t["fase"] == "nazorg")
    return url


async def record(api: httpx.AsyncClient, auth: Headers, url: str, body: dict[str, Any]) -> dict[str, Any]:
    response = await api.post(f"{url}/nazorg/verslagen", json=body, headers=auth())
    assert response.status_code == 201, response.text
    return dict(response.json())


async def test_contacts_are_recorded_and_new_arrears_start_a_linked_traject(
    api: httpx.AsyncClient, auth: Headers
) -> None:
    url = await in_nazorg(api, auth)
    traject = await detail(api, auth, url)
    assert [c["maand"] for c in traject["nazorg"]] == [1, 3, 6, 12]

    first = await record(api, auth, url, {"uitkomst": "alles_goed", "toelichting": "Gaat goed."})
    assert first["nazorg"][0]["uitkomst"] == "alles_goed"
    assert_problem(
        await api.post(f"{url}/nazorg/verslagen", json={"uitkomst": "alles_goed", "maand": 1}, headers=auth()), 422
    )
    assert_problem(
        await api.post(f"{url}/nazorg/verslagen", json={"uitkomst": "alles_goed", "maand": 2}, headers=auth()), 422
    )

    closed = await record(api, auth, url, {"uitkomst": "nieuwe_achterstanden", "toelichting": "Energie."})
    assert closed["fase"] == "afgesloten"
    assert closed["heraanmelding"] is not None
    new = await eventually(lambda: detail(api, auth, closed["heraanmelding"]), lambda t: "fase" in t)
    assert new["fase"] == "aanmelding"
    assert new["bron"] == "nazorg"
    assert new["vorig_traject"] == url
    assert [e["traject_id"] for e in new["eerdere_trajecten"]] == [closed["id"]]


async def test_the_client_stops_nazorg(api: httpx.AsyncClient, auth: Headers) -> None:
    url = await in_nazorg(api, auth)
    stopped = await api.post(f"{url}/nazorg/stop", json={"toelichting": "Wil geen contact."}, headers=auth())
    assert stopped.status_code == 201, stopped.text
    assert stopped.json()["fase"] == "afgesloten"
    assert stopped.json()["nazorg_gestopt"] is True
    assert "nazorg_gestopt" in [b["soort"] for b in stopped.json()["brieven"]]
    assert_problem(await api.post(f"{url}/nazorg/stop", json={}, headers=auth()), 409)


async def test_a_missed_appointment_asks_for_contact_and_the_routes_refuse_bad_calls(
    api: httpx.AsyncClient, auth: Headers
) -> None:
    url = (await api.post("/api/v1/aanmeldingen", json=aanmelding(), headers=auth())).json()["url"]
    body = {"datum": today().isoformat(), "toelichting": "Niet gekomen."}
    missed = await api.post(f"{url}/gemiste-afspraken", json=body, headers=auth())
    assert missed.status_code == 201, missed.text
    assert missed.json()["fase"] == "aanmelding"
    assert missed.json()["gemiste_afspraken"] == [today().isoformat()]
    assert "afspraak_gemist" in [b["soort"] for b in missed.json()["brieven"]]
    assert "afspraak_gemist" in [e["soort"] for e in missed.json()["tijdlijn"]]

    assert_problem(await api.post(f"{url}/gemiste-afspraken", json=body, headers=auth()), 422)
    tomorrow = {"datum": (today() + timedelta(days=1)).isoformat()}
    assert_problem(await api.post(f"{url}/gemiste-afspraken", json=tomorrow, headers=auth()), 422)
    assert_problem(await api.post(f"{url}/gemiste-afspraken", json={"datum": "gisteren"}, headers=auth()), 422)
    assert_problem(await api.post(f"{url}/gemiste-afspraken", json=body), 401)
    assert_problem(await api.post(f"{url}/gemiste-afspraken", json=body, headers=auth(Role.TOEZICHTHOUDER)), 403)

    verslag = {"uitkomst": "alles_goed"}
    assert_problem(await api.post(f"{url}/nazorg/verslagen", json=verslag, headers=auth()), 409)
    assert_problem(await api.post(f"{url}/nazorg/verslagen", json={"uitkomst": "prima"}, headers=auth()), 422)
    assert_problem(await api.post(f"{url}/nazorg/verslagen", json=verslag, headers=auth(Role.SCHULDEISER, "se")), 403)
    assert_problem(await api.post(f"{url}/nazorg/stop", json={}, headers=auth()), 409)
    assert_problem(await api.post(f"{url}/nazorg/stop", json={"reden": "x"}, headers=auth()), 422)
    assert_problem(await api.post(f"{url}/nazorg/stop", json={}, headers=auth(Role.BEHEERDER)), 403)

    assert (await api.post(f"{url}/uitval", json={"reden": "client_stopt"}, headers=auth())).status_code == 201
    yesterday = {"datum": (today() - timedelta(days=1)).isoformat()}
    assert_problem(await api.post(f"{url}/gemiste-afspraken", json=yesterday, headers=auth()), 409)
