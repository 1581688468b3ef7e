"""The keten around the client, situation by situation, through the API and the real workflows."""

from __future__ import annotations

import httpx
from sqlmodel import select

from api.auth import Role
from store.db import SessionFactory
from store.models import TrajectEvent, VorderingRij
from tests.api.conftest import Headers, assert_problem, detail, eventually, today
from tests.api.test_schuldeisers import CLAIM, ask, creditor, stable_traject
from tests.api.test_schuldregeling import HUISHOUDEN, proposals


async def test_a_creditor_that_will_not_cooperate(
    api: httpx.AsyncClient, auth: Headers, sessions: SessionFactory
) -> None:
    woonbron, bank = await creditor(api, auth, "Woonbron"), await creditor(api, auth, "Bank")
    traject = await ask(api, auth, await stable_traject(api, auth), woonbron, bank)
    url = traject["url"]
    requests = {v["schuldeiser_id"]: v for v in traject["verzoeken"]}
    claim = CLAIM | {"peildatum": today().isoformat()}
    answered = await api.post(
        f"/api/v1/schuldeisers/verzoeken/{requests[bank]['id']}/vorderingen",
        json=claim,
        headers=auth(Role.SCHULDEISER, bank),
    )
    assert answered.status_code == 201, answered.text
    refused = await api.post(
        f"/api/v1/schuldeisers/verzoeken/{requests[woonbron]['id']}/weigeringen",
        json={"reden": "Wij werken niet mee aan regelingen"},
        headers=auth(Role.SCHULDEISER, woonbron),
    )
    assert refused.status_code == 201, refused.text
    await eventually(lambda: detail(api, auth, url), lambda t: t["overzicht_compleet"])
    assert (await api.post(f"{url}/afloscapaciteit", json=HUISHOUDEN, headers=auth())).status_code == 201
    without = assert_problem(await api.post(f"{url}/voorstel", json={"soort": "minnelijk"}, headers=auth()), 422)
    assert "gebruik de cijfers van de klant" in str(without)

    refused_url = f"{url}/verzoeken/{requests[woonbron]['id']}/vorderingen"
    client_figures = claim | {"bron": "client", "kenmerk": "HUUR-KLANT"}
    assert_problem(await api.post(refused_url, json=claim | {"bron": "papier"}, headers=auth()), 422)
    entered = await api.post(refused_url, json=client_figures, headers=auth())
    assert entered.status_code == 201, entered.text
    again = assert_problem(await api.post(refused_url, json=client_figures, headers=auth()), 409)
    assert "staan de cijfers van de klant er al" in again["detail"]
    assert_problem(await api.post(refused_url, json=client_figures, headers=auth(Role.TOEZICHTHOUDER)), 403)

    shown = {v["schuldeiser_id"]: v for v in entered.json()["verzoeken"]}
    assert shown[woonbron]["status"] == "geen_medewerking"
    assert shown[woonbron]["reden"] == "Wij werken niet mee aan regelingen"
    with sessions() as session:
        kept = session.get(VorderingRij, requests[woonbron]["id"])
        events = session.exec(select(TrajectEvent.kind).where(TrajectEvent.traject_id == traject["id"])).all()
    assert (kept.bron, kept.kenmerk, kept.totaal_cent) == ("client", "HUUR-KLANT", claim["totaal_cent"])
    assert "verzoek_cijfers_client" in events

    offered = await api.post(f"{url}/voorstel", json={"soort": "minnelijk"}, headers=auth())
    assert offered.status_code == 201, offered.text
    assert (await eventually(lambda: proposals(api, auth, woonbron), bool))[0]["vordering_cent"] == claim["totaal_cent"]


async def test_a_proposal_offered_as_soon_as_the_overview_shows_complete_is_taken(
    api: httpx.AsyncClient, auth: Headers
) -> None:
    bank = await creditor(api, auth, "Bank")
    traject = await ask(api, auth, await stable_traject(api, auth), bank)
    url = traject["url"]
    assert (await api.post(f"{url}/afloscapaciteit", json=HUISHOUDEN, headers=auth())).status_code == 201
    [request] = traject["verzoeken"]
    answered = await api.post(
        f"/api/v1/schuldeisers/verzoeken/{request['id']}/vorderingen",
        json=CLAIM | {"peildatum": today().isoformat()},
        headers=auth(Role.SCHULDEISER, bank),
    )
    assert answered.status_code == 201, answered.text
    # The moment the caseworker's screen says the overview is complete, the engine agrees.
    await eventually(lambda: detail(api, auth, url), lambda t: t["overzicht_compleet"], tries=400)
    offered = await api.post(f"{url}/voorstel", json={"soort": "minnelijk"}, headers=auth())
    assert offered.status_code == 201, offered.text
