"""The staff register, and the warme overdracht of one traject or of a leaver's whole werkvoorraad: the
workflow moves the caseworker, its search attribute and tasks, writes the timeline and sends one letter."""

from __future__ import annotations

from collections import Counter
from typing import Any

import httpx
from sqlmodel import select
from temporalio.client import Client

from api.auth import Role
from store.db import SessionFactory
from store.models import Brief
from tests.api.conftest import Headers, aanmelding, assert_problem
from tests.api.test_gemeenten import ZWIJNDRECHT
from tests.e2e.stack import bsn
from workflows import search_attributes as sa

STAFF = {
    "hv-anna": {"naam": "Anna Bakker", "team": "Noord", "telefoon": "078 770 4001", "rol": "hulpverlener"},
    "hv-bram": {"naam": "Bram Jansen", "team": "Noord", "telefoon": "078 770 4002", "rol": "hulpverlener"},
    "hv-cas": {"naam": "Cas Visser", "team": "Noord", "telefoon": "078 770 4003", "rol": "hulpverlener"},
    "hv-dewi": {"naam": "Dewi Smit", "team": "Zuid", "telefoon": "078 770 4004", "rol": "hulpverlener"},
}


async def register_staff(api: httpx.AsyncClient, auth: Headers) -> None:
    for login, body in STAFF.items():
        response = await api.put(f"/api/v1/medewerkers/{login}", json=body, headers=auth(Role.BEHEERDER, "beheer"))
        assert response.status_code in (200, 201), response.text


async def new_traject(api: httpx.AsyncClient, auth: Headers, number: int = 1, sub: str = "hv-anna") -> str:
    response = await api.post("/api/v1/aanmeldingen", json=aanmelding(bsn(number)), headers=auth(sub=sub))
    assert response.status_code == 201, response.text
    return str(response.json()["url"])


def letters(sessions: SessionFactory, kind: str) -> list[Brief]:
    with sessions() as session:
        return list(session.exec(select(Brief).where(Brief.kind == kind)).all())


async def test_the_register_is_kept_by_the_beheerder_and_read_by_staff(api: httpx.AsyncClient, auth: Headers) -> None:
    body = STAFF["hv-anna"]
    created = await api.put("/api/v1/medewerkers/hv-anna", json=body, headers=auth(Role.BEHEERDER, "beheer"))
    assert created.status_code == 201, created.text
    changed = await api.put(
        "/api/v1/medewerkers/hv-anna", json=body | {"team": "Zuid"}, headers=auth(Role.BEHEERDER, "beheer")
    )
    assert changed.status_code == 200
    assert changed.json()["team"] == "Zuid"

    listed = (await api.get("/api/v1/medewerkers?team=Zuid", headers=auth())).json()
    assert [(m["id"], m["naam"], m["actief"]) for m in listed] == [("hv-anna", "Anna Bakker", True)]
    assert (await api.get("/api/v1/medewerkers?team=Noord", headers=auth())).json() == []
    assert (await api.get("/api/v1/medewerkers/hv-anna", headers=auth(Role.TOEZICHTHOUDER))).json()["team"] == "Zuid"
    assert_problem(await api.get("/api/v1/medewerkers/hv-niemand", headers=auth()), 404)


async def test_the_register_refuses_other_roles_and_bad_entries(api: httpx.AsyncClient, auth: Headers) -> None:
    body = STAFF["hv-anna"]
    assert_problem(await api.get("/api/v1/medewerkers"), 401)
    assert_problem(await api.get("/api/v1/medewerkers", headers=auth(Role.SCHULDEISER, "se-1")), 403)
    assert_problem(await api.put("/api/v1/medewerkers/hv-anna", json=body, headers=auth()), 403)
    for bad, field in (({"rol": "schuldeiser"}, "rol"), ({"telefoon": "bel me"}, "telefoon"), ({"team": ""}, "team")):
        response = await api.put("/api/v1/medewerkers/hv-anna", json=body | bad, headers=auth(Role.BEHEERDER, "b"))
        problem = assert_problem(response, 422)
        assert [p["name"] for p in problem["invalidParams"]] == [field]
    assert (await api.get("/api/v1/medewerkers", headers=auth())).json() == []


async def test_a_hand_over_moves_the_traject_its_search_attribute_and_tells_the_client(
    api: httpx.AsyncClient, auth: Headers, temporal: Client, sessions: SessionFactory
) -> None:
    await register_staff(api, auth)
    url = await new_traject(api, auth)
    first = letters(sessions, "aanmelding_bevestiging")[0].html
    assert "Uw contactpersoon is Anna Bakker. Bel 078 770 4001." in first

    body = {"naar": "hv-bram", "reden": "afwezig", "notitie": "Tanya belt liever na 15 uur."}
    response = await api.post(f"{url}/overdrachten", json=body, headers=auth())
    assert response.status_code == 201, response.text
    traject = response.json()
    assert traject["hulpverlener"] == "hv-bram"
    assert [e["soort"] for e in traject["tijdlijn"]][-1] == "overdracht"
    [overdracht] = traject["overdrachten"]
    assert (overdracht["van"], overdracht["naar"], overdracht["door"]) == ("hv-anna", "hv-bram", "hv-anna")
    assert (overdracht["reden"], overdracht["notitie"]) == ("afwezig", "Tanya belt liever na 15 uur.")

    [letter] = letters(sessions, "overdracht")
    assert "Vanaf nu helpt Bram Jansen u." in letter.html
    assert "Bel 078 770 4002." in letter.html
    description = await temporal.get_workflow_handle(f"traject-{traject['id']}").describe()
    assert description.typed_search_attributes.get(sa.CASEWORKER) == "hv-bram"

    mine = (await api.get("/api/v1/trajecten?hulpverlener=hv-bram", headers=auth(sub="hv-bram"))).json()
    assert [t["id"] for t in mine["results"]] == [traject["id"]]
    assert (await api.get("/api/v1/trajecten?hulpverlener=hv-anna", headers=auth())).json()["count"] == 0

    again = await api.post(f"{url}/overdrachten", json=body | {"naar": "hv-cas"}, headers=auth())
    assert assert_problem(again, 403)["detail"] == "U kunt alleen uw eigen trajecten overdragen."
    back = await api.post(f"{url}/overdrachten", json=body | {"naar": "hv-anna"}, headers=auth(Role.TOEZICHTHOUDER))
    assert back.status_code == 201, back.text
    assert len(letters(sessions, "overdracht")) == 2


async def test_a_hand_over_is_refused_when_nobody_can_take_it(api: httpx.AsyncClient, auth: Headers) -> None:
    await register_staff(api, auth)
    url = await new_traject(api, auth)
    body: dict[str, Any] = {"naar": "hv-bram", "reden": "werkverdeling"}
    cases: list[tuple[dict[str, Any], str]] = [
        ({"naar": "hv-onbekend"}, "naar"),
        ({"naar": "hv-anna"}, "naar"),
        ({"naar_team": "Noord"} | {"naar": "hv-bram"}, "body"),
        ({"reden": "zomaar"}, "reden"),
        ({"reden": "overig", "notitie": ""}, "notitie"),
        ({"naar": None, "naar_team": "Oost"}, "naar_team"),
    ]
    for change, field in cases:
        problem = assert_problem(await api.post(f"{url}/overdrachten", json=body | change, headers=auth()), 422)
        assert field in [p["name"] for p in problem["invalidParams"]], (change, problem)
    assert_problem(await api.post(f"{url}/overdrachten", json=body, headers=auth(Role.BEHEERDER, "b")), 403)
    assert_problem(await api.post(f"{url}/overdrachten", json=body), 401)
    traject = (await api.get(url, headers=auth())).json()
    assert traject["hulpverlener"] == "hv-anna"
    assert traject["overdrachten"] == []


async def test_a_traject_goes_only_to_a_caseworker_who_serves_its_gemeente(
    api: httpx.AsyncClient, auth: Headers
) -> None:
    beheer = auth(Role.BEHEERDER, "beheer")
    assert (await api.put("/api/v1/beheer/gemeenten/0642", json=ZWIJNDRECHT, headers=beheer)).status_code == 201
    for login, team, werkgebied in (
        ("hv-dordrecht", "West", ["9999"]),
        ("hv-zwijndrecht", "West", ["0642"]),
        ("hv-eva", "Oost", ["9999"]),
    ):
        member = {
            "naam": login,
            "team": team,
            "telefoon": "078 770 3000",
            "rol": "hulpverlener",
            "gemeenten": werkgebied,
        }
        assert (await api.put(f"/api/v1/medewerkers/{login}", json=member, headers=beheer)).status_code == 201
    persoon = aanmelding()["persoon"] | {"postcode": "3331 AB", "woonplaats": "Zwijndrecht"}
    url = (await api.post("/api/v1/aanmeldingen", json=aanmelding(persoon=persoon), headers=auth())).json()["url"]
    body = {"reden": "werkverdeling"}

    elsewhere = await api.post(f"{url}/overdrachten", json=body | {"naar": "hv-dordrecht"}, headers=auth())
    assert "werkt niet voor de gemeente" in assert_problem(elsewhere, 422)["invalidParams"][0]["reason"]
    nobody = await api.post(f"{url}/overdrachten", json=body | {"naar_team": "Oost"}, headers=auth())
    assert assert_problem(nobody, 422)["invalidParams"][0]["name"] == "naar_team"
    assert (await api.get(url, headers=auth())).json()["hulpverlener"] == "hv-anna"
    # Both in team West have no open trajecten; the alphabet would pick hv-dordrecht, who does not serve Zwijndrecht.
    moved = await api.post(f"{url}/overdrachten", json=body | {"naar_team": "West"}, headers=auth())
    assert moved.status_code == 201, moved.text
    assert moved.json()["hulpverlener"] == "hv-zwijndrecht"


async def test_a_leavers_fifty_trajecten_are_spread_over_the_team_and_reported_each(
    api: httpx.AsyncClient, auth: Headers, sessions: SessionFactory
) -> None:
    await register_staff(api, auth)
    urls = [await new_traject(api, auth, number, sub="hv-dewi") for number in range(1, 51)]
    await new_traject(api, auth, 51, sub="hv-anna")
    body = {"van": "hv-dewi", "naar_team": "Noord", "reden": "uit_dienst", "notitie": "Dewi gaat met pensioen."}
    headers = auth(Role.TOEZICHTHOUDER, "tl-noor") | {"Idempotency-Key": "dewi-vertrekt"}

    response = await api.post("/api/v1/toezicht/overdrachten", json=body, headers=headers)
    assert response.status_code == 200, response.text
    report = response.json()
    assert (report["count"], report["overgedragen"]) == (50, 50)
    assert {r["traject"] for r in report["results"]} == set(urls)
    assert Counter(r["naar"] for r in report["results"]) == {"hv-bram": 17, "hv-cas": 17, "hv-anna": 16}
    assert len(letters(sessions, "overdracht")) == 50

    repeated = await api.post("/api/v1/toezicht/overdrachten", json=body, headers=headers)
    assert repeated.json()["count"] == 0
    assert len(letters(sessions, "overdracht")) == 50
    assert (await api.get("/api/v1/trajecten?hulpverlener=hv-dewi", headers=auth())).json()["count"] == 0


async def test_a_bulk_hand_over_is_for_supervisors_with_a_valid_selection(
    api: httpx.AsyncClient, auth: Headers
) -> None:
    await register_staff(api, auth)
    url = await new_traject(api, auth)
    body = {"van": "hv-anna", "naar": "hv-bram", "reden": "werkverdeling"}
    assert_problem(await api.post("/api/v1/toezicht/overdrachten", json=body, headers=auth()), 403)
    other = "00000000-0000-4000-8000-000000000000"
    supervisor = auth(Role.TOEZICHTHOUDER, "tl-noor")
    response = await api.post("/api/v1/toezicht/overdrachten", json=body | {"traject_ids": [other]}, headers=supervisor)
    assert assert_problem(response, 422)["invalidParams"][0]["name"] == "traject_ids"
    response = await api.post("/api/v1/toezicht/overdrachten", json=body | {"fasen": ["nergens"]}, headers=supervisor)
    assert_problem(response, 422)
    assert (await api.get(url, headers=auth())).json()["hulpverlener"] == "hv-anna"


async def test_the_console_figures_are_shown_per_team(api: httpx.AsyncClient, auth: Headers) -> None:
    await register_staff(api, auth)
    await new_traject(api, auth, 1, sub="hv-anna")
    await new_traject(api, auth, 2, sub="hv-dewi")
    supervisor = auth(Role.TOEZICHTHOUDER, "tl-noor")
    for route in ("werkverdeling", "termijnen/tellingen"):
        noord = (await api.get(f"/api/v1/toezicht/{route}?team=Noord", headers=supervisor)).json()
        assert [(row["hulpverlener"], row["team"]) for row in noord] == [("hv-anna", "Noord")], route
        everyone = (await api.get(f"/api/v1/toezicht/{route}", headers=supervisor)).json()
        assert {row["team"] for row in everyone} == {"Noord", "Zuid"}, route
        assert_problem(await api.get(f"/api/v1/toezicht/{route}?team=%3Cscript%3E", headers=supervisor), 422)
        assert_problem(await api.get(f"/api/v1/toezicht/{route}?team=Noord", headers=auth(Role.BEHEERDER, "b")), 403)
