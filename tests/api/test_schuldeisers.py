"""The creditor registry, adding a traject's creditors, and the creditor API: a creditor sees only its own."""

from __future__ import annotations

from typing import Any

import httpx
from sqlmodel import select

from api.auth import Role
from store.db import SessionFactory
from store.models import VorderingRij
from tests.api.conftest import (
    PLAN,
    Headers,
    aanmelding,
    assert_problem,
    detail,
    eventually,
    gesprek,
    today,
    toelating,
)

CLAIM = {
    "hoofdsom_cent": 100_000,
    "rente_cent": 2_550,
    "kosten_cent": 4_000,
    "totaal_cent": 106_550,
    "kenmerk": "HUUR-17",
    "regels": [
        {"omschrijving": "Huur oktober", "bedrag_cent": 53_275},
        {"omschrijving": "Huur november", "bedrag_cent": 53_275},
    ],
}


async def creditor(api: httpx.AsyncClient, auth: Headers, naam: str, kanaal: str = "api") -> str:
    body = {"naam": naam, "soort": "verhuurder", "kanaal": kanaal, "adres": "Postbus 1, 3300 AA Dordrecht"}
    response = await api.post("/api/v1/beheer/schuldeisers", json=body, headers=auth(Role.BEHEERDER))
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def stabilise(api: httpx.AsyncClient, auth: Headers, url: str) -> None:
    """Take a registered traject through conversation, toelating and plan van aanpak into stabilisatie."""
    for path, body in (
        ("gesprekken", gesprek(today())),
        ("beschikkingen", toelating(today())),
        ("plannen-van-aanpak", PLAN),
    ):
        assert (await api.post(f"{url}/{path}", json=body, headers=auth())).status_code == 201


async def stable_traject(
    api: httpx.AsyncClient, auth: Headers, bsn: str = "111222333", **aanmelding_fields: Any
) -> str:
    """A new traject in stabilisatie, for the person with `bsn` (and any other aanmelding fields)."""
    body = aanmelding(bsn, **aanmelding_fields)
    url = str((await api.post("/api/v1/aanmeldingen", json=body, headers=auth())).json()["url"])
    await stabilise(api, auth, url)
    return url


async def ask(api: httpx.AsyncClient, auth: Headers, url: str, *ids: str) -> dict[str, Any]:
    response = await api.post(f"{url}/schuldeisers", json={"schuldeiser_ids": list(ids)}, headers=auth())
    assert response.status_code == 201, response.text
    return dict(response.json())


async def test_the_registry_is_kept_by_administrators(api: httpx.AsyncClient, auth: Headers) -> None:
    created = await creditor(api, auth, "Woonbron")
    listed = await api.get("/api/v1/beheer/schuldeisers", headers=auth())
    assert [c["id"] for c in listed.json()] == [created]
    body = {"naam": "X", "soort": "bank", "kanaal": "post"}
    assert_problem(await api.post("/api/v1/beheer/schuldeisers", json=body), 401)
    assert_problem(await api.post("/api/v1/beheer/schuldeisers", json=body, headers=auth()), 403)
    assert_problem(await api.post("/api/v1/beheer/schuldeisers", json=body, headers=auth(Role.BEHEERDER)), 422)
    assert_problem(await api.get("/api/v1/beheer/schuldeisers", headers=auth(Role.SCHULDEISER)), 403)


async def test_adding_creditors_moves_the_traject_into_inventarisatie(api: httpx.AsyncClient, auth: Headers) -> None:
    woonbron, bank = await creditor(api, auth, "Woonbron"), await creditor(api, auth, "Bank", kanaal="post")
    url = await stable_traject(api, auth)

    traject = await ask(api, auth, url, woonbron, bank)

    assert traject["fase"] == "inventarisatie"
    assert sorted(v["schuldeiser_id"] for v in traject["verzoeken"]) == sorted([woonbron, bank])
    assert {v["status"] for v in traject["verzoeken"]} == {"open"}
    assert traject["overzicht_compleet"] is False


async def test_adding_creditors_refuses_wrong_roles_phases_and_ids(api: httpx.AsyncClient, auth: Headers) -> None:
    woonbron = await creditor(api, auth, "Woonbron")
    fresh = (await api.post("/api/v1/aanmeldingen", json=aanmelding("123456782"), headers=auth())).json()["url"]
    url = await stable_traject(api, auth)
    body = {"schuldeiser_ids": [woonbron]}
    assert_problem(await api.post(f"{url}/schuldeisers", json=body), 401)
    assert_problem(await api.post(f"{url}/schuldeisers", json=body, headers=auth(Role.TOEZICHTHOUDER)), 403)
    too_early = assert_problem(await api.post(f"{fresh}/schuldeisers", json=body, headers=auth()), 409)
    assert too_early["toegestaneStappen"] == ["eerste_gesprek", "incassomaatregel"]
    unknown = {"schuldeiser_ids": ["se-bestaat-niet"]}
    assert_problem(await api.post(f"{url}/schuldeisers", json=unknown, headers=auth()), 422)
    assert_problem(await api.post(f"{url}/schuldeisers", json={"schuldeiser_ids": []}, headers=auth()), 422)


async def test_a_creditor_sees_and_answers_only_its_own_requests(
    api: httpx.AsyncClient, auth: Headers, sessions: SessionFactory
) -> None:
    woonbron, bank = await creditor(api, auth, "Woonbron"), await creditor(api, auth, "Bank")
    traject = await ask(api, auth, await stable_traject(api, auth), woonbron, bank)
    mine = auth(Role.SCHULDEISER, woonbron)
    theirs = next(v["id"] for v in traject["verzoeken"] if v["schuldeiser_id"] == bank)

    listed = (await api.get("/api/v1/schuldeisers/verzoeken", headers=mine)).json()
    assert [v["schuldeiser_id"] for v in listed] == [woonbron]
    assert listed[0]["client_naam"] == "Tanya de Vries"
    assert_problem(await api.get(f"/api/v1/schuldeisers/verzoeken/{theirs}", headers=mine), 404)
    assert_problem(
        await api.post(
            f"/api/v1/schuldeisers/verzoeken/{theirs}/vorderingen",
            json=CLAIM | {"peildatum": today().isoformat()},
            headers=mine,
        ),
        404,
    )

    answered = await api.post(
        f"{listed[0]['url']}/vorderingen", json=CLAIM | {"peildatum": today().isoformat()}, headers=mine
    )

    assert answered.status_code == 201, answered.text
    assert answered.json()["status"] == "beantwoord"
    assert answered.json()["vordering"]["totaal_cent"] == 106_550
    assert (await api.get("/api/v1/schuldeisers/verzoeken", headers=mine)).json() == []
    with sessions() as session:
        assert [c.verzoek_id for c in session.exec(select(VorderingRij))] == [listed[0]["id"]]
    again = await api.post(
        f"{listed[0]['url']}/vorderingen", json=CLAIM | {"peildatum": today().isoformat()}, headers=mine
    )
    assert_problem(again, 409)


async def test_a_claim_that_does_not_add_up_is_refused_and_changes_nothing(
    api: httpx.AsyncClient, auth: Headers, sessions: SessionFactory
) -> None:
    woonbron = await creditor(api, auth, "Woonbron")
    await ask(api, auth, await stable_traject(api, auth), woonbron)
    mine = auth(Role.SCHULDEISER, woonbron)
    [request] = (await api.get("/api/v1/schuldeisers/verzoeken", headers=mine)).json()
    dated = {"peildatum": today().isoformat()}

    negative = await api.post(f"{request['url']}/vorderingen", json=CLAIM | dated | {"rente_cent": -1}, headers=mine)
    wrong_total = await api.post(f"{request['url']}/vorderingen", json=CLAIM | dated | {"totaal_cent": 1}, headers=mine)

    assert assert_problem(negative, 422)["invalidParams"][0]["name"] == "rente_cent"
    names = {p["name"] for p in assert_problem(wrong_total, 422)["invalidParams"]}
    assert names == {"totaal_cent", "regels"}
    assert (await api.get(request["url"], headers=mine)).json()["status"] == "open"
    with sessions() as session:
        assert session.exec(select(VorderingRij)).all() == []
    assert_problem(await api.post(f"{request['url']}/vorderingen", json=CLAIM | dated), 401)
    assert_problem(await api.post(f"{request['url']}/vorderingen", json=CLAIM | dated, headers=auth()), 403)


async def test_a_creditor_may_refuse_with_a_reason(api: httpx.AsyncClient, auth: Headers) -> None:
    woonbron = await creditor(api, auth, "Woonbron")
    url = await stable_traject(api, auth)
    await ask(api, auth, url, woonbron)
    mine = auth(Role.SCHULDEISER, woonbron)
    [request] = (await api.get("/api/v1/schuldeisers/verzoeken", headers=mine)).json()

    assert_problem(await api.post(f"{request['url']}/weigeringen", json={"reden": "nee"}, headers=mine), 422)
    refused = await api.post(f"{request['url']}/weigeringen", json={"reden": "Vordering is verkocht"}, headers=mine)

    assert refused.json()["status"] == "geen_medewerking"
    seen = (await api.get(url, headers=auth())).json()
    assert seen["verzoeken"][0]["reden"] == "Vordering is verkocht"
    # The traject counts the overview complete once the request told it so; the reader sees it from then on.
    await eventually(lambda: detail(api, auth, url), lambda t: t["overzicht_compleet"] is True)


async def test_a_caseworker_enters_paper_claims_uses_client_figures_and_withdraws(
    api: httpx.AsyncClient, auth: Headers
) -> None:
    ids = [await creditor(api, auth, naam) for naam in ("Woonbron", "Energie", "Bank")]
    traject = await ask(api, auth, await stable_traject(api, auth), *ids)
    url = traject["url"]
    request = {v["schuldeiser_id"]: v["id"] for v in traject["verzoeken"]}
    claim = CLAIM | {"peildatum": today().isoformat()}

    paper = await api.post(
        f"{url}/verzoeken/{request[ids[0]]}/vorderingen", json=claim | {"bron": "papier"}, headers=auth()
    )
    client = await api.post(
        f"{url}/verzoeken/{request[ids[1]]}/vorderingen", json=claim | {"bron": "client"}, headers=auth()
    )
    withdrawn = await api.post(
        f"{url}/verzoeken/{request[ids[2]]}/intrekking", json={"reden": "Al betaald"}, headers=auth()
    )

    assert paper.status_code == client.status_code == withdrawn.status_code == 201
    statuses = {v["schuldeiser_id"]: v["status"] for v in withdrawn.json()["verzoeken"]}
    assert statuses == {ids[0]: "beantwoord", ids[1]: "onbereikbaar", ids[2]: "ingetrokken"}
    await eventually(lambda: detail(api, auth, url), lambda t: t["overzicht_compleet"] is True)


async def test_caseworker_request_routes_refuse_roles_unknown_ids_and_bad_input(
    api: httpx.AsyncClient, auth: Headers
) -> None:
    woonbron = await creditor(api, auth, "Woonbron")
    traject = await ask(api, auth, await stable_traject(api, auth), woonbron)
    request_url = traject["verzoeken"][0]["url"]
    claim = CLAIM | {"peildatum": today().isoformat(), "bron": "papier"}

    assert_problem(await api.post(f"{request_url}/vorderingen", json=claim), 401)
    assert_problem(
        await api.post(f"{request_url}/vorderingen", json=claim, headers=auth(Role.SCHULDEISER, woonbron)), 403
    )
    assert_problem(
        await api.post(f"{traject['url']}/verzoeken/onbekend/intrekking", json={"reden": "Al betaald"}, headers=auth()),
        404,
    )
    assert_problem(
        await api.post(f"{request_url}/vorderingen", json=claim | {"bron": "schuldeiser"}, headers=auth()), 422
    )
    assert_problem(await api.post(f"{request_url}/intrekking", json={}, headers=auth()), 422)
    await api.post(f"{request_url}/intrekking", json={"reden": "Al betaald"}, headers=auth())
    assert_problem(await api.post(f"{request_url}/intrekking", json={"reden": "Nog eens"}, headers=auth()), 409)


async def test_creditor_routes_refuse_callers_without_the_role_and_bad_input(
    api: httpx.AsyncClient, auth: Headers
) -> None:
    woonbron = await creditor(api, auth, "Woonbron")
    await ask(api, auth, await stable_traject(api, auth), woonbron)
    [request] = (await api.get("/api/v1/schuldeisers/verzoeken", headers=auth(Role.SCHULDEISER, woonbron))).json()
    refusal = {"reden": "Vordering is verkocht"}

    for method, path, body in (
        ("GET", "/api/v1/schuldeisers/verzoeken", None),
        ("GET", request["url"], None),
        ("POST", f"{request['url']}/weigeringen", refusal),
    ):
        assert_problem(await api.request(method, path, json=body), 401)
        assert_problem(await api.request(method, path, json=body, headers=auth()), 403)
        assert_problem(await api.request(method, path, json=body, headers=auth(Role.SIGNAALPARTNER)), 403)
    bad_filter = {"alleen_open": "misschien"}
    assert_problem(
        await api.get("/api/v1/schuldeisers/verzoeken", params=bad_filter, headers=auth(Role.SCHULDEISER, woonbron)),
        422,
    )
    assert_problem(await api.get("/api/v1/beheer/schuldeisers"), 401)
