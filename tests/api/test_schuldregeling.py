"""The settlement through the API: capacity, proposal, creditors' answers, the court, payments, the
kredietbank statement, uitval; and every route refusing the wrong role, bad input and the wrong moment."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx

from api.auth import Role
from tests.api.conftest import Headers, aanmelding, assert_problem, detail, eventually, today
from tests.api.test_schuldeisers import CLAIM, ask, creditor, stable_traject

HUISHOUDEN = {"leefsituatie": "alleenstaande", "netto_inkomen_cent": 190_000, "huur_cent": 80_000}


async def overview(api: httpx.AsyncClient, auth: Headers, *names: str) -> tuple[str, list[str]]:
    """A traject whose creditors (on the creditor API) all have a claim on paper: its url and the creditors."""
    ids = [await creditor(api, auth, name) for name in names]
    traject = await ask(api, auth, await stable_traject(api, auth), *ids)
    url = traject["url"]
    claim = CLAIM | {"peildatum": today().isoformat(), "bron": "papier"}
    for verzoek in traject["verzoeken"]:
        response = await api.post(f"{url}/verzoeken/{verzoek['id']}/vorderingen", json=claim, headers=auth())
        assert response.status_code == 201, response.text
    await eventually(
        lambda: detail(api, auth, url), lambda t: "overzicht_compleet" in [e["soort"] for e in t["tijdlijn"]]
    )
    return str(url), ids


async def proposed(
    api: httpx.AsyncClient, auth: Headers, *names: str, soort: str = "minnelijk"
) -> tuple[str, list[str]]:
    url, ids = await overview(api, auth, *names)
    capacity = await api.post(f"{url}/afloscapaciteit", json=HUISHOUDEN, headers=auth())
    assert capacity.status_code == 201, capacity.text
    response = await api.post(f"{url}/voorstel", json={"soort": soort}, headers=auth())
    assert response.status_code == 201, response.text
    assert response.json()["fase"] == "schuldregeling"
    for sid in ids:
        await eventually(lambda sid=sid: proposals(api, auth, sid), bool)
    return url, ids


async def proposals(api: httpx.AsyncClient, auth: Headers, sid: str) -> list[dict[str, Any]]:
    response = await api.get("/api/v1/schuldeisers/voorstellen", headers=auth(Role.SCHULDEISER, sid))
    assert response.status_code == 200, response.text
    return list(response.json())


async def regeling(api: httpx.AsyncClient, auth: Headers, url: str, role: Role = Role.HULPVERLENER) -> dict[str, Any]:
    response = await api.get(f"{url}/regeling", headers=auth(role, "tz-bert" if role is Role.TOEZICHTHOUDER else "hv"))
    assert response.status_code == 200, response.text
    return dict(response.json())


async def test_capacity_proposal_answers_payments_statement_and_uitval(api: httpx.AsyncClient, auth: Headers) -> None:
    url, ids = await overview(api, auth, "Woonbron", "Eneco")
    capacity = await api.post(f"{url}/afloscapaciteit", json=HUISHOUDEN, headers=auth())
    assert capacity.status_code == 201, capacity.text
    # 95% of the norm (130_061) plus rent above the norm (55_000): 185_061 stays with the client.
    assert capacity.json()["afloscapaciteit"]["vtlb_cent"] == 185_061
    assert capacity.json()["afloscapaciteit"]["maandbedrag_cent"] == 4_939
    response = await api.post(f"{url}/voorstel", json={"soort": "minnelijk"}, headers=auth())
    assert response.status_code == 201, response.text
    woonbron, eneco = ids
    [mine] = await eventually(lambda: proposals(api, auth, woonbron), bool)
    assert mine["aandeel_cent"] == 18 * 4_939 // 2
    assert mine["client_naam"] == "Tanya de Vries"
    [theirs] = await proposals(api, auth, eneco)
    as_woonbron = auth(Role.SCHULDEISER, woonbron)
    assert_problem(await api.get(f"/api/v1/schuldeisers/voorstellen/{theirs['id']}", headers=as_woonbron), 404)

    accepted = await api.post(f"{mine['url']}/reactie", json={"akkoord": True}, headers=as_woonbron)
    assert accepted.status_code == 201, accepted.text
    assert accepted.json()["reactie"] == "akkoord"
    by_phone = await api.post(
        f"{url}/regeling/reacties", json={"schuldeiser_id": eneco, "akkoord": True}, headers=auth()
    )
    assert by_phone.status_code == 201, by_phone.text
    running = await eventually(lambda: regeling(api, auth, url, Role.TOEZICHTHOUDER), lambda r: r["status"] == "loopt")
    assert running["ingangsdatum"] == today().isoformat()
    assert running["volgende_vervaldag"] is not None
    assert running["achterstand_cent"] == 0

    payment = {"betaling_id": "afschrift-1", "datum": today().isoformat(), "bedrag_cent": 4_939}
    paid = await api.post(f"{url}/regeling/betalingen", json=payment, headers=auth())
    again = await api.post(f"{url}/regeling/betalingen", json=payment, headers=auth())
    assert paid.status_code == again.status_code == 201, paid.text
    assert again.json()["betaald_cent"] == 4_939
    assert sum(c["ontvangen_cent"] for c in again.json()["schuldeisers"]) == 4_939

    kenmerk = (await detail(api, auth, url))["kenmerk"]
    statement = (
        "kenmerk,betaling_id,datum,bedrag_cent\n"
        f"{kenmerk},kb-1,{today().isoformat()},1000\n"
        f"{kenmerk},kb-2,{today().isoformat()},-5\n"
        f"SHV-00000000,kb-3,{today().isoformat()},100\n"
        f"{kenmerk},kb-4,{today().isoformat()},500\n"
        "kapot\n"
    )

    async def in_pieces() -> AsyncIterator[bytes]:
        # The statement is read as it arrives: lines cut between pieces come out whole.
        for start in range(0, len(statement), 10):
            yield statement[start : start + 10].encode()

    imported = await api.post(
        "/api/v1/regelingen/betalingen", content=in_pieces(), headers=auth() | {"Content-Type": "text/csv"}
    )
    assert imported.status_code == 200, imported.text
    assert imported.json()["verwerkt"] == 2
    assert [f["regel"] for f in imported.json()["fouten"]] == [3, 4, 6]
    assert (await regeling(api, auth, url))["betaald_cent"] == 6_439

    lower = HUISHOUDEN | {"netto_inkomen_cent": 188_000}
    changed = await api.post(f"{url}/regeling/inkomenswijzigingen", json=lower, headers=auth())
    assert changed.status_code == 201, changed.text
    assert changed.json()["herberekening"]["maandbedrag_cent"] == 2_939
    approved = await api.post(f"{url}/regeling/herberekening", headers=auth())
    assert approved.status_code == 201, approved.text
    assert approved.json()["maandschema"][0] == 2_939
    assert approved.json()["herberekening"] is None

    stopped = await api.post(f"{url}/uitval", json={"reden": "client_stopt"}, headers=auth())
    assert stopped.status_code == 201, stopped.text
    assert stopped.json()["fase"] == "afgesloten"
    assert stopped.json()["uitval"]["reden"] == "client_stopt"
    assert "uitval" in [b["soort"] for b in stopped.json()["brieven"]]
    ended = await eventually(lambda: regeling(api, auth, url), lambda r: r["status"] == "beeindigd")
    assert ended["uitval"] == "client_stopt"


async def test_refusal_dwangakkoord_refused_then_wsnp_to_the_schone_lei(api: httpx.AsyncClient, auth: Headers) -> None:
    url, [bank] = await proposed(api, auth, "Bank")
    [mine] = await proposals(api, auth, bank)
    as_bank = auth(Role.SCHULDEISER, bank)
    assert_problem(await api.post(f"{mine['url']}/reactie", json={"akkoord": False}, headers=as_bank), 422)
    refused = await api.post(f"{mine['url']}/reactie", json={"akkoord": False, "reden": "Te weinig."}, headers=as_bank)
    assert refused.status_code == 201, refused.text
    await eventually(lambda: regeling(api, auth, url), lambda r: r["status"] == "geweigerd")

    async def post(path: str, body: dict[str, Any]) -> dict[str, Any]:
        response = await api.post(f"{url}/regeling/{path}", json=body, headers=auth())
        assert response.status_code == 201, response.text
        return dict(response.json())

    assert (await post("vervolg", {"keuze": "dwangakkoord"}))["status"] == "dwangakkoord"
    ruling = {"toegewezen": False, "datum": today().isoformat()}
    assert (await post("uitspraken", ruling))["status"] == "geweigerd"
    assert_problem(await api.post(f"{url}/regeling/vervolg", json={"keuze": "dwangakkoord"}, headers=auth()), 422)
    assert (await post("vervolg", {"keuze": "wsnp"}))["status"] == "wsnp_verzoek"
    wsnp = await post("uitspraken", ruling | {"toegewezen": True})
    assert wsnp["status"] == "wsnp"
    assert wsnp["wsnp_einde_verwacht"] is not None
    assert (await post("wsnp-einde", {"schone_lei": True, "datum": today().isoformat()}))["status"] == "afgerond"

    settled = await eventually(lambda: detail(api, auth, url), lambda t: t["fase"] == "nazorg")
    assert settled["afgerond_op"] == today().isoformat()
    assert settled["einde"] == "wsnp"
    assert settled["toegestane_stappen"] == ["nazorg_verslag", "nazorg_stoppen"]
    kinds = [b["soort"] for b in settled["brieven"]]
    for kind in ("dwangakkoord_concept", "wsnp_verklaring", "wsnp_verzoekschrift", "wsnp_client", "schone_lei"):
        assert kind in kinds


async def test_settlement_routes_refuse_roles_moments_and_bad_input(api: httpx.AsyncClient, auth: Headers) -> None:
    url, [bank] = await overview(api, auth, "Bank")
    assert_problem(await api.get(f"{url}/regeling", headers=auth()), 404)
    missing = assert_problem(await api.post(f"{url}/voorstel", json={"soort": "minnelijk"}, headers=auth()), 422)
    assert "afloscapaciteit" in [p["name"] for p in missing["invalidParams"]]
    assert_problem(await api.post(f"{url}/afloscapaciteit", json=HUISHOUDEN | {"huur_cent": -1}, headers=auth()), 422)
    assert_problem(await api.post(f"{url}/afloscapaciteit", json={"leefsituatie": "alleen"}, headers=auth()), 422)
    assert_problem(await api.post(f"{url}/afloscapaciteit", json=HUISHOUDEN), 401)
    assert_problem(await api.post(f"{url}/afloscapaciteit", json=HUISHOUDEN, headers=auth(Role.TOEZICHTHOUDER)), 403)
    assert_problem(await api.post(f"{url}/uitval", json={"reden": "verveeld"}, headers=auth()), 422)
    assert_problem(await api.post(f"{url}/uitval", json={"reden": "overig"}, headers=auth()), 422)
    assert_problem(await api.post(f"{url}/uitval", json={"reden": "verhuisd"}, headers=auth(Role.SCHULDEISER)), 403)
    fresh = (await api.post("/api/v1/aanmeldingen", json=aanmelding("123456782"), headers=auth())).json()["url"]
    assert_problem(await api.post(f"{fresh}/afloscapaciteit", json=HUISHOUDEN, headers=auth()), 409)

    assert (await api.post(f"{url}/afloscapaciteit", json=HUISHOUDEN, headers=auth())).status_code == 201
    assert_problem(await api.post(f"{url}/voorstel", json={"soort": "lening"}, headers=auth()), 422)
    assert_problem(await api.post(f"{url}/voorstel", json={"soort": "minnelijk"}, headers=auth(Role.BEHEERDER)), 403)
    assert (await api.post(f"{url}/voorstel", json={"soort": "minnelijk"}, headers=auth())).status_code == 201
    await eventually(lambda: proposals(api, auth, bank), bool)

    today_ = today().isoformat()
    routes: list[tuple[str, dict[str, Any] | None]] = [
        ("reacties", {"schuldeiser_id": bank, "akkoord": True}),
        ("vervolg", {"keuze": "wsnp"}),
        ("uitspraken", {"toegewezen": True, "datum": today_}),
        ("betalingen", {"betaling_id": "b1", "datum": today_, "bedrag_cent": 100}),
        ("inkomenswijzigingen", HUISHOUDEN),
        ("herberekening", None),
        ("afronding", None),
        ("wsnp-einde", {"schone_lei": True, "datum": today_}),
    ]
    for path, body in routes:
        assert_problem(await api.post(f"{url}/regeling/{path}", json=body), 401)
        assert_problem(await api.post(f"{url}/regeling/{path}", json=body, headers=auth(Role.TOEZICHTHOUDER)), 403)
        if path != "reacties":
            # The proposal waits for the creditor: nothing else fits this moment.
            assert_problem(await api.post(f"{url}/regeling/{path}", json=body, headers=auth()), 409)
    assert_problem(await api.get(f"{url}/regeling", headers=auth(Role.SCHULDEISER, bank)), 403)
    bad = [
        ("reacties", {"schuldeiser_id": "se-onbekend", "akkoord": True}),
        ("reacties", {"schuldeiser_id": bank, "akkoord": False}),
        ("vervolg", {"keuze": "faillissement"}),
        ("uitspraken", {"toegewezen": "misschien", "datum": today_}),
        ("betalingen", {"betaling_id": "b1", "datum": today_, "bedrag_cent": -1}),
        ("wsnp-einde", {"schone_lei": True}),
    ]
    for path, body in bad:
        assert_problem(await api.post(f"{url}/regeling/{path}", json=body, headers=auth()), 422)

    assert_problem(await api.get("/api/v1/schuldeisers/voorstellen", headers=auth()), 403)
    assert_problem(
        await api.get("/api/v1/schuldeisers/voorstellen/onbekend", headers=auth(Role.SCHULDEISER, bank)), 404
    )
    [mine] = await proposals(api, auth, bank)
    as_other = auth(Role.SCHULDEISER, "se-ander")
    assert_problem(await api.post(f"{mine['url']}/reactie", json={"akkoord": True}, headers=as_other), 404)
    assert_problem(
        await api.post(f"{mine['url']}/reactie", json={"akkoord": "ja"}, headers=auth(Role.SCHULDEISER, bank)), 422
    )
    assert (await proposals(api, auth, bank))[0]["reactie"] == "open"

    not_csv = await api.post(
        "/api/v1/regelingen/betalingen", content="a,b\n1,2\n", headers=auth() | {"Content-Type": "text/csv"}
    )
    assert_problem(not_csv, 422)
    assert_problem(
        await api.post("/api/v1/regelingen/betalingen", content="x", headers=auth(Role.SCHULDEISER, bank)), 403
    )


async def test_supervisors_count_how_trajecten_ended_by_reason_and_phase(api: httpx.AsyncClient, auth: Headers) -> None:
    first = (await api.post("/api/v1/aanmeldingen", json=aanmelding("123456782"), headers=auth())).json()["url"]
    stopped = await api.post(f"{first}/uitval", json={"reden": "geen_contact"}, headers=auth())
    assert stopped.status_code == 201, stopped.text
    as_supervisor = auth(Role.TOEZICHTHOUDER, "tz-bert")
    figures = await api.get("/api/v1/toezicht/afloop", params={"van": today().isoformat()}, headers=as_supervisor)
    assert figures.status_code == 200, figures.text
    assert figures.json()["uitval"] == [{"reden": "geen_contact", "fase": "aanmelding", "aantal": 1}]
    assert figures.json()["afgerond"] == 0
    assert_problem(await api.post(f"{first}/uitval", json={"reden": "verhuisd"}, headers=auth()), 409)
    assert_problem(await api.get("/api/v1/toezicht/afloop", headers=auth(Role.SCHULDEISER, "se-1")), 403)
    wrong = {"van": "2027-01-02", "tot": "2027-01-01"}
    assert_problem(await api.get("/api/v1/toezicht/afloop", params=wrong, headers=as_supervisor), 422)
