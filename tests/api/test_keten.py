"""The keten around the client, situation by situation, through the API and the real workflows."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import httpx
from sqlmodel import col, select

from api.auth import Role
from domain.wgs_deadlines import next_working_day_from
from store.db import SessionFactory
from store.models import Brief, OutboxEntry, Signaal, Signalering, Traject, TrajectEvent, VorderingRij
from tests.api.conftest import (
    PLAN,
    Headers,
    aanmelding,
    assert_problem,
    detail,
    eventually,
    gesprek,
    today,
)
from tests.api.test_schuldeisers import CLAIM, ask, creditor, stabilise, stable_traject
from tests.api.test_schuldregeling import HUISHOUDEN, proposals, proposed, regeling
from tests.api.test_signalen import signaal


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


async def test_signals_about_known_clients(api: httpx.AsyncClient, auth: Headers, sessions: SessionFactory) -> None:
    known = await api.post("/api/v1/aanmeldingen", json=aanmelding(), headers=auth())
    assert known.status_code == 201, known.text
    closed = await api.post("/api/v1/aanmeldingen", json=aanmelding("123456782"), headers=auth())
    stopped = await api.post(f"{closed.json()['url']}/uitval", json={"reden": "client_stopt"}, headers=auth())
    assert stopped.status_code == 201, stopped.text
    woonbron = auth(Role.SIGNAALPARTNER, "woonbron")

    about_known = await api.post("/api/v1/signalen", json=signaal(), headers=woonbron)
    again = await api.post("/api/v1/signalen", json=signaal(), headers=woonbron)
    about_closed = await api.post("/api/v1/signalen", json=signaal(bsn="123456782", kenmerk="WB-2"), headers=woonbron)

    assert (about_known.status_code, again.status_code, about_closed.status_code) == (201, 200, 201)
    assert again.json()["id"] == about_known.json()["id"]
    assert about_known.json()["terugkoppeling"] == "opgepakt"
    seen = (await api.get(known.json()["url"], headers=auth())).json()
    assert [(s["soort"], s["partner"], s["achterstand_cent"]) for s in seen["signalen"]] == [
        ("huur", "woonbron", 120_000)
    ]
    with sessions() as session:
        stored = session.get(Signaal, about_known.json()["id"])
        cases = session.exec(select(Signalering)).all()
    # No case, no invitation, and no second copy of who the person is: the traject holds that.
    assert (stored.traject_id, stored.case_id, stored.bsn, stored.naam) == (known.json()["id"], None, None, None)
    assert len(cases) == 1  # the person whose traject ended gets a case and an invitation, as anyone would
    assert (await api.get(closed.json()["url"], headers=auth())).json()["signalen"] == []
    figures = (await api.get("/api/v1/toezicht/vroegsignalering", headers=auth(Role.TOEZICHTHOUDER))).json()
    assert [(m["bij_lopend_traject"], m["huishoudens"]) for m in figures] == [(1, 1)]


async def test_collection_measures_in_every_open_phase(api: httpx.AsyncClient, auth: Headers) -> None:
    cjib = await creditor(api, auth, "CJIB", kanaal="post")
    measure = {"soort": "beslag", "schuldeiser_id": cjib, "datum": today().isoformat()}
    early = (await api.post("/api/v1/aanmeldingen", json=aanmelding("123456782"), headers=auth())).json()

    before_the_conversation = await api.post(f"{early['url']}/incassomaatregelen", json=measure, headers=auth())

    assert before_the_conversation.status_code == 201, before_the_conversation.text
    traject = before_the_conversation.json()
    assert traject["fase"] == "aanmelding"
    assert "incassomaatregel" in traject["toegestane_stappen"]
    assert [b["soort"] for b in traject["brieven"]].count("dos_en_donts") == 1

    # Without any measure, the card goes out as stabilisation starts, with the plan van aanpak.
    stable = await detail(api, auth, await stable_traject(api, auth, "100000009"))
    assert stable["fase"] == "stabilisatie"
    assert [b["soort"] for b in stable["brieven"]].count("dos_en_donts") == 1

    url, _ = await proposed(api, auth, "Woonbron")
    during_the_term = await api.post(f"{url}/incassomaatregelen", json=measure, headers=auth())
    assert during_the_term.status_code == 201, during_the_term.text
    assert during_the_term.json()["fase"] == "schuldregeling"
    kinds = [b["soort"] for b in during_the_term.json()["brieven"]]
    assert (kinds.count("opschortingsverzoek"), kinds.count("dos_en_donts")) == (1, 1)


async def test_informatie_en_advies_without_a_traject(
    api: httpx.AsyncClient, auth: Headers, sessions: SessionFactory
) -> None:
    question = {"kanaal": "telefoon", "onderwerp": "inkomen_en_toeslagen", "afloop": "beantwoord"}
    referral = {
        "kanaal": "balie",
        "onderwerp": "geldzaken",
        "afloop": "doorverwezen",
        "doorverwezen_naar": "Sociaal Wijkteam",
    }
    answered = await api.post("/api/v1/adviescontacten", json=question, headers=auth())
    referred = await api.post("/api/v1/adviescontacten", json=referral, headers=auth())
    assert (answered.status_code, referred.status_code) == (201, 201), referred.text
    assert answered.json()["op"] == today().isoformat()
    assert answered.headers["Location"] == answered.json()["url"]
    with sessions() as session:
        assert session.exec(select(Traject)).all() == []
        assert session.exec(select(Brief)).all() == []

    assert_problem(await api.post("/api/v1/adviescontacten", json=question), 401)
    assert_problem(await api.post("/api/v1/adviescontacten", json=question, headers=auth(Role.TOEZICHTHOUDER)), 403)
    assert_problem(await api.get("/api/v1/adviescontacten", headers=auth(Role.SCHULDEISER)), 403)
    unnamed = assert_problem(
        await api.post("/api/v1/adviescontacten", json=referral | {"doorverwezen_naar": None}, headers=auth()), 422
    )
    assert unnamed["invalidParams"][0]["name"] == "doorverwezen_naar"
    as_aanmelding = question | {"afloop": "aanmelding"}
    assert_problem(await api.post("/api/v1/adviescontacten", json=as_aanmelding, headers=auth()), 422)
    assert_problem(await api.post("/api/v1/adviescontacten", json=question | {"kanaal": "fax"}, headers=auth()), 422)

    # The referral turns out to need help after all: one aanmelding from the contact.
    contact_id = referred.json()["id"]
    started = await api.post("/api/v1/aanmeldingen", json=aanmelding(adviescontact_id=contact_id), headers=auth())
    assert started.status_code == 201, started.text
    contact = (await api.get(referred.json()["url"], headers=auth(Role.TOEZICHTHOUDER))).json()
    assert (contact["afloop"], contact["traject"]) == ("aanmelding", started.json()["url"])
    again = aanmelding("123456782", adviescontact_id=contact_id)
    assert_problem(await api.post("/api/v1/aanmeldingen", json=again, headers=auth()), 422)
    unknown = aanmelding("123456782", adviescontact_id="onbekend")
    assert_problem(await api.post("/api/v1/aanmeldingen", json=unknown, headers=auth()), 422)

    listed = (await api.get("/api/v1/adviescontacten", headers=auth())).json()
    assert listed["count"] == 2
    backwards = {"van": today().isoformat(), "tot": (today() - timedelta(days=1)).isoformat()}
    assert_problem(await api.get("/api/v1/adviescontacten", params=backwards, headers=auth()), 422)
    assert_problem(await api.get("/api/v1/adviescontacten"), 401)
    assert_problem(await api.get(f"/api/v1/adviescontacten/{uuid.uuid4()}", headers=auth()), 404)
    figures = (await api.get("/api/v1/toezicht/monitor", headers=auth(Role.TOEZICHTHOUDER))).json()
    assert figures["advies"] == {
        "totaal": 2,
        "per_onderwerp": {"geldzaken": 1, "inkomen_en_toeslagen": 1},
        "per_afloop": {"aanmelding": 1, "beantwoord": 1},
    }


async def test_begeleiding_during_any_phase(api: httpx.AsyncClient, auth: Headers) -> None:
    url = (await api.post("/api/v1/aanmeldingen", json=aanmelding(), headers=auth())).json()["url"]
    beheer = {"soort": "budgetbeheer", "aanbieder": "Kredietbank Drechtsteden", "start_op": today().isoformat()}
    bewind = {"soort": "beschermingsbewind", "aanbieder": "Bewind & Co", "start_op": today().isoformat()}

    started = await api.post(f"{url}/begeleidingen", json=beheer, headers=auth())
    both = await api.post(f"{url}/begeleidingen", json=bewind, headers=auth())

    assert (started.status_code, both.status_code) == (201, 201), both.text
    assert started.json()["fase"] == "aanmelding"
    running = {b["soort"]: b for b in both.json()["begeleidingen"]}
    assert running["budgetbeheer"]["aanbieder"] == "Kredietbank Drechtsteden"
    assert running["budgetbeheer"]["einde_op"] is None
    twice = assert_problem(await api.post(f"{url}/begeleidingen", json=beheer, headers=auth()), 422)
    assert twice["invalidParams"][0]["name"] == "soort"

    end_url = f"{url}/begeleidingen/{running['budgetbeheer']['begeleiding_id']}/einde"
    ended = await api.post(end_url, json={"einde_op": today().isoformat()}, headers=auth())
    assert ended.status_code == 201, ended.text
    after = {b["soort"]: b["einde_op"] for b in ended.json()["begeleidingen"]}
    assert after == {"budgetbeheer": today().isoformat(), "beschermingsbewind": None}
    assert {"begeleiding_gestart", "begeleiding_beeindigd"} <= {e["soort"] for e in ended.json()["tijdlijn"]}
    assert_problem(await api.post(end_url, json={"einde_op": today().isoformat()}, headers=auth()), 422)
    unknown = f"{url}/begeleidingen/{uuid.uuid4()}/einde"
    assert_problem(await api.post(unknown, json={"einde_op": today().isoformat()}, headers=auth()), 422)
    assert_problem(await api.post(f"{url}/begeleidingen", json=beheer), 401)
    assert_problem(await api.post(f"{url}/begeleidingen", json=beheer, headers=auth(Role.TOEZICHTHOUDER)), 403)
    assert_problem(await api.post(f"{url}/begeleidingen", json=beheer | {"soort": "toezicht"}, headers=auth()), 422)
    far = beheer | {"soort": "budgetbegeleiding", "start_op": "2020-01-01"}
    assert_problem(await api.post(f"{url}/begeleidingen", json=far, headers=auth()), 422)


async def refused(api: httpx.AsyncClient, auth: Headers, bsn: str) -> str:
    """A traject whose client was refused today: closed, while the objection term runs."""
    url = (await api.post("/api/v1/aanmeldingen", json=aanmelding(bsn), headers=auth())).json()["url"]
    assert (await api.post(f"{url}/gesprekken", json=gesprek(today()), headers=auth())).status_code == 201
    afwijzing = {"besluit": "afwijzing", "besluit_op": today().isoformat(), "motivering": "U kunt het zelf."}
    response = await api.post(f"{url}/beschikkingen", json=afwijzing, headers=auth())
    assert response.json()["fase"] == "afgesloten", response.text
    return str(url)


async def test_bezwaar(api: httpx.AsyncClient, auth: Headers) -> None:
    objection = {"ingediend_op": today().isoformat(), "gronden": "Mijn inkomen is verkeerd geteld."}
    url = await refused(api, auth, "111222333")

    lodged = await api.post(f"{url}/bezwaren", json=objection, headers=auth())
    assert lodged.status_code == 201, lodged.text
    [bezwaar] = lodged.json()["bezwaren"]
    assert bezwaar["beslissing"] is None
    twice = assert_problem(await api.post(f"{url}/bezwaren", json=objection, headers=auth()), 422)
    assert twice["invalidParams"][0]["name"] == "bezwaar"
    decide = f"{url}/bezwaren/{bezwaar['bezwaar_id']}/besluit"
    gegrond = {"beslissing": "gegrond", "besluit_op": today().isoformat(), "motivering": "Uw inkomen is lager."}
    assert_problem(await api.post(decide, json=gegrond, headers=auth(Role.TOEZICHTHOUDER)), 403)
    assert_problem(await api.post(decide, json=gegrond | {"beslissing": "half"}, headers=auth()), 422)

    admitted = await api.post(decide, json=gegrond, headers=auth())

    assert admitted.status_code == 201, admitted.text
    traject = admitted.json()
    assert traject["fase"] == "plan_van_aanpak"
    assert traject["beschikking"]["besluit"] == "toelating"
    assert [b["soort"] for b in traject["brieven"]].count("bezwaar_besluit") == 1
    assert {"bezwaar_ingediend", "bezwaar_beslist", "heropend_na_bezwaar"} <= {e["soort"] for e in traject["tijdlijn"]}
    assert_problem(await api.post(decide, json=gegrond, headers=auth()), 422)
    planned = await api.post(f"{url}/plannen-van-aanpak", json=PLAN, headers=auth())
    assert planned.status_code == 201, planned.text
    assert planned.json()["fase"] == "stabilisatie"

    stays = await refused(api, auth, "123456782")
    [open_one] = (await api.post(f"{stays}/bezwaren", json=objection, headers=auth())).json()["bezwaren"]
    ongegrond = gegrond | {"beslissing": "ongegrond", "motivering": "Uw inkomen is hoog genoeg."}
    decided = await api.post(f"{stays}/bezwaren/{open_one['bezwaar_id']}/besluit", json=ongegrond, headers=auth())
    assert decided.status_code == 201, decided.text
    assert decided.json()["fase"] == "afgesloten"
    assert [b["soort"] for b in decided.json()["brieven"]].count("bezwaar_besluit") == 1

    figures = (await api.get("/api/v1/toezicht/monitor", headers=auth(Role.TOEZICHTHOUDER))).json()
    assert figures["bezwaren"] == {
        "ingediend": 2,
        "beslist": {"gegrond": 1, "ongegrond": 1},
        "op_tijd": 2,
        "aandeel_op_tijd": 1.0,
    }

    running = (await api.post("/api/v1/aanmeldingen", json=aanmelding("100000009"), headers=auth())).json()["url"]
    assert_problem(await api.post(f"{running}/bezwaren", json=objection, headers=auth()), 409)
    early = objection | {"ingediend_op": (today() - timedelta(days=1)).isoformat()}
    assert_problem(await api.post(f"{url}/bezwaren", json=early, headers=auth()), 422)
    assert_problem(await api.post(f"{url}/bezwaren", json=objection), 401)


async def test_ondernemers_with_business_debts_and_a_referral(api: httpx.AsyncClient, auth: Headers) -> None:
    url = await stable_traject(api, auth, ondernemer=True)
    belastingdienst = await creditor(api, auth, "Belastingdienst")
    traject = await ask(api, auth, url, belastingdienst)
    [verzoek] = traject["verzoeken"]
    business = CLAIM | {"peildatum": today().isoformat(), "bron": "papier", "zakelijk": True}
    claimed = await api.post(f"{url}/verzoeken/{verzoek['id']}/vorderingen", json=business, headers=auth())
    assert claimed.status_code == 201, claimed.text
    assert claimed.json()["ondernemer"] is True
    assert claimed.json()["verzoeken"][0]["vordering"]["zakelijk"] is True
    listed = (await api.get("/api/v1/trajecten", headers=auth(Role.TOEZICHTHOUDER))).json()["results"]
    assert [t["ondernemer"] for t in listed] == [True]

    referral = {"soort": "ondernemersloket", "naar": "Ondernemersloket Drechtsteden", "toelichting": "Bbz-toets."}
    referred = await api.post(f"{url}/doorverwijzingen", json=referral, headers=auth())
    assert referred.status_code == 201, referred.text
    [stand] = referred.json()["doorverwijzingen"]
    assert (stand["op"], stand["nagaan_op"]) == (today().isoformat(), (today() + timedelta(weeks=4)).isoformat())
    assert "doorverwezen" in {e["soort"] for e in referred.json()["tijdlijn"]}
    check = f"{url}/doorverwijzingen/{stand['doorverwijzing_id']}/aankomst"
    arrived = await api.post(check, json={"aangekomen": True}, headers=auth())
    assert arrived.status_code == 201, arrived.text
    assert arrived.json()["doorverwijzingen"][0]["aangekomen"] is True
    assert_problem(await api.post(check, json={"aangekomen": False}, headers=auth()), 422)
    unknown = f"{url}/doorverwijzingen/{uuid.uuid4()}/aankomst"
    assert_problem(await api.post(unknown, json={"aangekomen": True}, headers=auth()), 422)
    assert_problem(await api.post(f"{url}/doorverwijzingen", json=referral), 401)
    assert_problem(await api.post(f"{url}/doorverwijzingen", json=referral, headers=auth(Role.TOEZICHTHOUDER)), 403)
    wrong = referral | {"soort": "kapper"}
    assert_problem(await api.post(f"{url}/doorverwijzingen", json=wrong, headers=auth()), 422)


def ending(reden: str, **fields: str) -> dict[str, str]:
    return {"reden": reden, "besluit_op": today().isoformat(), **fields}


async def closed(api: httpx.AsyncClient, auth: Headers, url: str, body: dict[str, str]) -> dict[str, Any]:
    response = await api.post(f"{url}/afsluiting", json=body, headers=auth())
    assert response.status_code == 201, response.text
    traject = dict(response.json())
    assert traject["fase"] == "afgesloten"
    assert traject["einde"] == body["reden"]
    assert "afgesloten" in {e["soort"] for e in traject["tijdlijn"]}
    return traject


async def test_every_ending_recorded_as_what_it_is(api: httpx.AsyncClient, auth: Headers) -> None:
    stable = await closed(api, auth, await stable_traject(api, auth), ending("stabiel", toelichting="Huur loopt."))
    assert [b["soort"] for b in stable["brieven"]].count("beeindiging") == 1
    six_weeks = next_working_day_from(today() + timedelta(weeks=6))
    assert stable["einde_bezwaar_uiterlijk"] == six_weeks.isoformat()
    assert stable["afsluiting"]["door"] == "hv-anna"

    advice_url = (await api.post("/api/v1/aanmeldingen", json=aanmelding("123456782"), headers=auth())).json()["url"]
    advice = await closed(api, auth, advice_url, ending("alleen_advies"))
    assert "beeindiging" in [b["soort"] for b in advice["brieven"]]

    referred_url = await stable_traject(api, auth, "100000009")
    no_kind = ending("doorverwezen", naar="GGZ Breburg")
    assert_problem(await api.post(f"{referred_url}/afsluiting", json=no_kind, headers=auth()), 422)
    referred = await closed(api, auth, referred_url, no_kind | {"verwijzing": "ggz"})
    [verwijzing] = referred["doorverwijzingen"]
    assert (verwijzing["naar"], verwijzing["aangekomen"]) == ("GGZ Breburg", None)
    # The referral is followed up after the traject closed: the traject waits for it.
    check = f"{referred_url}/doorverwijzingen/{verwijzing['doorverwijzing_id']}/aankomst"
    arrived = await api.post(check, json={"aangekomen": True}, headers=auth())
    assert arrived.status_code == 201, arrived.text
    assert arrived.json()["doorverwijzingen"][0]["aangekomen"] is True

    moving_url, _ = await proposed(api, auth, "Bank")
    stay = ending("stabiel")
    refused_stable = assert_problem(await api.post(f"{moving_url}/afsluiting", json=stay, headers=auth()), 422)
    assert refused_stable["invalidParams"][0]["name"] == "reden"
    assert_problem(await api.post(f"{moving_url}/afsluiting", json=ending("verhuisd"), headers=auth()), 422)
    await closed(api, auth, moving_url, ending("verhuisd", naar="Zwijndrecht"))
    settlement = await eventually(lambda: regeling(api, auth, moving_url), lambda r: r["status"] == "beeindigd")
    assert settlement["uitval"] == "verhuisd"

    died = await closed(api, auth, await stable_traject(api, auth, "100000010"), ending("overleden"))
    assert "beeindiging" not in [b["soort"] for b in died["brieven"]]
    assert died["einde_bezwaar_uiterlijk"] is None

    figures = (await api.get("/api/v1/toezicht/monitor", headers=auth(Role.TOEZICHTHOUDER))).json()
    assert figures["einden"] == {"stabiel": 1, "doorverwezen": 1, "alleen_advies": 1, "verhuisd": 1, "overleden": 1}
    assert figures["uitval"] == []


async def test_an_ending_refuses_bad_input_roles_and_a_closed_traject(api: httpx.AsyncClient, auth: Headers) -> None:
    url = (await api.post("/api/v1/aanmeldingen", json=aanmelding(), headers=auth())).json()["url"]
    ahead = ending("stabiel") | {"besluit_op": (today() + timedelta(days=1)).isoformat()}
    assert_problem(await api.post(f"{url}/afsluiting", json=ahead, headers=auth()), 422)
    assert_problem(await api.post(f"{url}/afsluiting", json=ending("gewonnen"), headers=auth()), 422)
    assert_problem(await api.post(f"{url}/afsluiting", json=ending("stabiel"), headers=auth(Role.TOEZICHTHOUDER)), 403)
    assert_problem(await api.post(f"{url}/afsluiting", json=ending("stabiel")), 401)
    assert (await detail(api, auth, url))["fase"] == "aanmelding"
    await closed(api, auth, url, ending("alleen_advies"))
    assert_problem(await api.post(f"{url}/afsluiting", json=ending("stabiel"), headers=auth()), 409)


async def test_an_objection_against_an_ending(api: httpx.AsyncClient, auth: Headers) -> None:
    url = await stable_traject(api, auth)
    objection = {"ingediend_op": today().isoformat(), "gronden": "Ik heb nog hulp nodig.", "tegen": "beeindiging"}
    assert_problem(await api.post(f"{url}/bezwaren", json=objection, headers=auth()), 409)
    stopped = await api.post(f"{url}/uitval", json={"reden": "geen_contact"}, headers=auth())
    assert stopped.json()["einde"] == "uitval"
    assert stopped.json()["einde_bezwaar_uiterlijk"] is not None

    lodged = await api.post(f"{url}/bezwaren", json=objection, headers=auth())
    assert lodged.status_code == 201, lodged.text
    [bezwaar] = lodged.json()["bezwaren"]
    assert bezwaar["tegen"] == "beeindiging"
    gegrond = {"beslissing": "gegrond", "besluit_op": today().isoformat(), "motivering": "Wij hadden u niet gebeld."}
    reopened = await api.post(f"{url}/bezwaren/{bezwaar['bezwaar_id']}/besluit", json=gegrond, headers=auth())

    assert reopened.status_code == 201, reopened.text
    traject = reopened.json()
    assert (traject["fase"], traject["einde"], traject["uitval"]) == ("stabilisatie", None, None)
    assert "heropend_na_bezwaar" in {e["soort"] for e in traject["tijdlijn"]}
    assert [b["soort"] for b in traject["brieven"]].count("bezwaar_besluit") == 1
    again = await closed(api, auth, url, ending("stabiel"))
    assert [b["soort"] for b in again["brieven"]].count("beeindiging") == 1
    assert [t["tegen"] for t in again["bezwaar_mogelijk"]] == ["toelating", "beeindiging"]
    [_, second] = (await api.post(f"{url}/bezwaren", json=objection, headers=auth())).json()["bezwaren"]
    ongegrond = gegrond | {"beslissing": "ongegrond", "motivering": "Uw geldzaken zijn op orde."}
    decided = await api.post(f"{url}/bezwaren/{second['bezwaar_id']}/besluit", json=ongegrond, headers=auth())
    assert decided.json()["fase"] == "afgesloten"
    assert [t["tegen"] for t in decided.json()["bezwaar_mogelijk"]] == ["toelating"]
    only_beroep = assert_problem(await api.post(f"{url}/bezwaren", json=objection, headers=auth()), 422)
    assert "beroep" in only_beroep["invalidParams"][0]["reason"]


MARCO = {"bsn": "100000009", "naam": "Marco de Vries"}


async def test_partner_and_co_debtor(api: httpx.AsyncClient, auth: Headers, sessions: SessionFactory) -> None:
    same = aanmelding(partner={"bsn": "111222333", "naam": "Marco de Vries"})
    assert_problem(await api.post("/api/v1/aanmeldingen", json=same, headers=auth()), 422)
    registered = await api.post("/api/v1/aanmeldingen", json=aanmelding(partner=MARCO), headers=auth())
    assert registered.status_code == 201, registered.text
    url = registered.json()["url"]
    assert registered.json()["partner"] == {
        "naam": "Marco de Vries",
        "straat": "Kerkstraat 1",
        "postcode": "3311 AA",
        "woonplaats": "Dordrecht",
        "telefoon": None,
        "email": None,
    }
    # Either of them is known by their own BSN: a second aanmelding for Marco finds the couple's traject.
    again = assert_problem(await api.post("/api/v1/aanmeldingen", json=aanmelding("100000009"), headers=auth()), 409)
    assert again["traject"] == url
    found = await api.post("/api/v1/trajecten/zoeken", json={"bsn": "100000009"}, headers=auth())
    assert [t["url"] for t in found.json()] == [url]

    await stabilise(api, auth, url)
    bank = await creditor(api, auth, "Bank")
    [verzoek] = (await ask(api, auth, url, bank))["verzoeken"]
    creditor_view = await api.get(
        f"/api/v1/schuldeisers/verzoeken/{verzoek['id']}", headers=auth(Role.SCHULDEISER, bank)
    )
    assert creditor_view.json()["client_naam"] == "Tanya de Vries en Marco de Vries"
    joint = CLAIM | {"peildatum": today().isoformat(), "debiteur": "samen"}
    answered = await api.post(
        f"/api/v1/schuldeisers/verzoeken/{verzoek['id']}/vorderingen", json=joint, headers=auth(Role.SCHULDEISER, bank)
    )
    assert answered.status_code == 201, answered.text
    settled = await eventually(lambda: detail(api, auth, url), lambda t: t["verzoeken"][0]["vordering"] is not None)
    assert settled["verzoeken"][0]["vordering"]["debiteur"] == "samen"

    with sessions() as session:
        letters = session.exec(select(Brief).where(Brief.traject_id == registered.json()["id"])).all()
    assert letters
    assert all("Tanya de Vries en Marco de Vries" in brief.html for brief in letters)

    single = await stable_traject(api, auth, "123456782")
    [alone] = (await ask(api, auth, single, bank))["verzoeken"]
    partners_debt = CLAIM | {"peildatum": today().isoformat(), "bron": "papier", "debiteur": "partner"}
    refused = assert_problem(
        await api.post(f"{single}/verzoeken/{alone['id']}/vorderingen", json=partners_debt, headers=auth()), 422
    )
    assert refused["invalidParams"][0]["name"] == "debiteur"


async def in_register(api: httpx.AsyncClient, auth: Headers, login: str, rol: str, organisatie: str) -> None:
    body = {"naam": login.title(), "team": organisatie, "telefoon": "078 770 1234", "rol": rol}
    response = await api.put(f"/api/v1/medewerkers/{login}", json=body, headers=auth(Role.BEHEERDER, "beheer"))
    assert response.status_code == 201, response.text


async def test_tandem_partners_a_bewindvoerder_and_a_maatje_see_only_their_own_part(
    api: httpx.AsyncClient, auth: Headers
) -> None:
    for login, rol, organisatie in (
        ("swt-noor", "ketenpartner", "Sociaal Wijkteam Noord"),
        ("swt-sem", "ketenpartner", "Sociaal Wijkteam Zuid"),
        ("bw-bas", "bewindvoerder", "Bewind Drechtsteden"),
        ("mj-mia", "maatje", "SchuldHulpMaatje"),
    ):
        await in_register(api, auth, login, rol, organisatie)
    url = await stable_traject(api, auth)
    traject_id = url.rsplit("/", 1)[-1]
    bank = await creditor(api, auth, "Bank")
    [verzoek] = (await ask(api, auth, url, bank))["verzoeken"]
    claim = CLAIM | {"peildatum": today().isoformat(), "bron": "papier"}
    assert (
        await api.post(f"{url}/verzoeken/{verzoek['id']}/vorderingen", json=claim, headers=auth())
    ).status_code == 201

    links = f"{url}/betrokkenen"
    assert_problem(await api.post(links, json={"medewerker_id": "swt-noor"}, headers=auth(Role.TOEZICHTHOUDER)), 403)
    assert_problem(await api.post(links, json={"medewerker_id": "onbekend"}, headers=auth()), 422)
    no_consent = assert_problem(await api.post(links, json={"medewerker_id": "mj-mia"}, headers=auth()), 422)
    assert no_consent["invalidParams"][0]["name"] == "toestemming_op"
    for body in (
        {"medewerker_id": "swt-noor"},
        {"medewerker_id": "bw-bas"},
        {"medewerker_id": "mj-mia", "toestemming_op": today().isoformat()},
    ):
        linked = await api.post(links, json=body, headers=auth())
        assert linked.status_code == 201, linked.text
    assert [(b["medewerker_id"], b["rol"]) for b in linked.json()["betrokkenen"]] == [
        ("swt-noor", "ketenpartner"),
        ("bw-bas", "bewindvoerder"),
        ("mj-mia", "maatje"),
    ]
    assert_problem(await api.post(links, json={"medewerker_id": "swt-noor"}, headers=auth()), 422)

    async def seen(role: Role, sub: str) -> httpx.Response:
        return await api.get(f"/api/v1/betrokken/trajecten/{traject_id}", headers=auth(role, sub))

    tandem = (await seen(Role.KETENPARTNER, "swt-noor")).json()
    assert (tandem["rol"], tandem["fase"], tandem["schulden"], tandem["client"]) == (
        "ketenpartner",
        "inventarisatie",
        None,
        "Tanya de Vries",
    )
    assert tandem["actielijst"]
    assert tandem["procesplaat"]
    bewind = (await seen(Role.BEWINDVOERDER, "bw-bas")).json()
    assert [(s["schuldeiser"], s["totaal_cent"]) for s in bewind["schulden"]] == [("Bank", CLAIM["totaal_cent"])]
    maatje = (await seen(Role.MAATJE, "mj-mia")).json()
    assert (maatje["fase"], maatje["procesplaat"], maatje["schulden"], maatje["notities"]) == (None, None, None, None)
    assert maatje["actielijst"] == tandem["actielijst"]
    # Not linked, or linked in another part: the traject does not exist for them.
    assert_problem(await seen(Role.KETENPARTNER, "swt-sem"), 404)
    assert_problem(await seen(Role.BEWINDVOERDER, "swt-noor"), 404)
    assert (await api.get("/api/v1/betrokken/trajecten", headers=auth(Role.KETENPARTNER, "swt-sem"))).json() == []
    mine = (await api.get("/api/v1/betrokken/trajecten", headers=auth(Role.MAATJE, "mj-mia"))).json()
    assert [(t["id"], t["fase"]) for t in mine] == [(traject_id, None)]
    for role, sub in ((Role.KETENPARTNER, "swt-noor"), (Role.BEWINDVOERDER, "bw-bas"), (Role.MAATJE, "mj-mia")):
        assert_problem(await api.get(url, headers=auth(role, sub)), 403)
        assert_problem(await api.get("/api/v1/trajecten", headers=auth(role, sub)), 403)
    assert_problem(await api.get("/api/v1/betrokken/trajecten", headers=auth()), 403)

    notes = f"/api/v1/betrokken/trajecten/{traject_id}/notities"
    task = {"tekst": "Huisbezoek gedaan: de post ligt ongeopend. Graag bellen.", "taak": True}
    assert_problem(await api.post(notes, json=task, headers=auth(Role.MAATJE, "mj-mia")), 403)
    assert_problem(await api.post(notes, json=task, headers=auth(Role.KETENPARTNER, "swt-sem")), 404)
    assert_problem(await api.post(notes, json={"tekst": ""}, headers=auth(Role.KETENPARTNER, "swt-noor")), 422)
    noted = await api.post(notes, json=task, headers=auth(Role.KETENPARTNER, "swt-noor"))
    assert noted.status_code == 201, noted.text
    [note] = noted.json()["notities"]
    assert (note["taak"], note["afgehandeld"], note["door"]) == (True, False, "swt-noor")
    assert (await seen(Role.BEWINDVOERDER, "bw-bas")).json()["notities"] == []
    done = await api.post(f"{url}/taken/{note['notitie_id']}/afgehandeld", headers=auth())
    assert done.status_code == 201, done.text
    assert done.json()["notities"][0]["afgehandeld"] is True
    assert_problem(await api.post(f"{url}/taken/{note['notitie_id']}/afgehandeld", headers=auth()), 422)

    ended = await api.post(f"{links}/swt-noor/einde", json={}, headers=auth())
    assert ended.status_code == 201, ended.text
    assert ended.json()["betrokkenen"][0]["tot"] == today().isoformat()
    assert_problem(await api.post(f"{links}/swt-noor/einde", json={}, headers=auth()), 422)


BEWIND_DOSSIER = {
    "inkomsten": [{"omschrijving": "Loon", "bedrag_cent": 210_000}],
    "vaste_lasten": [{"omschrijving": "Huur", "bedrag_cent": 85_000}],
    "schulden": [{"schuldeiser": "Bank", "bedrag_cent": 120_000, "kenmerk": "LEN-1"}],
}


async def test_a_bewindvoerder_registers_gets_the_money_letters_and_pays(
    api: httpx.AsyncClient, auth: Headers, sessions: SessionFactory
) -> None:
    await in_register(api, auth, "bw-bas", "bewindvoerder", "Bewind Drechtsteden")
    body = {"persoon": aanmelding()["persoon"], "kinderen": False, "dossier": BEWIND_DOSSIER}
    as_bas = auth(Role.BEWINDVOERDER, "bw-bas")
    nobody = assert_problem(await api.post("/api/v1/betrokken/aanmeldingen", json=body, headers=as_bas), 409)
    assert nobody["type"].endswith("geen-hulpverlener")
    await in_register(api, auth, "hv-anna", "hulpverlener", "Noord")
    assert_problem(await api.post("/api/v1/betrokken/aanmeldingen", json=body, headers=auth()), 403)
    stranger = auth(Role.BEWINDVOERDER, "bw-onbekend")
    assert_problem(await api.post("/api/v1/betrokken/aanmeldingen", json=body, headers=stranger), 403)
    bad = body | {"dossier": {"inkomsten": [{"omschrijving": "Loon", "bedrag_cent": -1}]}}
    assert_problem(await api.post("/api/v1/betrokken/aanmeldingen", json=bad, headers=as_bas), 422)

    registered = await api.post("/api/v1/betrokken/aanmeldingen", json=body, headers=as_bas)
    assert registered.status_code == 201, registered.text
    assert (registered.json()["rol"], registered.json()["schulden"]) == ("bewindvoerder", [])
    url = f"/api/v1/trajecten/{registered.json()['id']}"
    traject = await detail(api, auth, url)
    assert (traject["bron"], traject["hulpverlener"]) == ("bewindvoerder", "hv-anna")
    assert [(b["medewerker_id"], b["rol"]) for b in traject["betrokkenen"]] == [("bw-bas", "bewindvoerder")]
    assert traject["aangeleverd"]["schulden"] == BEWIND_DOSSIER["schulden"]
    assert traject["aangeleverd"]["door"] == "bw-bas"

    await stabilise(api, auth, url)
    bank = await creditor(api, auth, "Bank")
    [verzoek] = (await ask(api, auth, url, bank))["verzoeken"]
    claim = CLAIM | {"peildatum": today().isoformat(), "bron": "papier"}
    assert (
        await api.post(f"{url}/verzoeken/{verzoek['id']}/vorderingen", json=claim, headers=auth())
    ).status_code == 201
    await eventually(lambda: detail(api, auth, url), lambda t: t["overzicht_compleet"])
    assert (await api.post(f"{url}/afloscapaciteit", json=HUISHOUDEN, headers=auth())).status_code == 201
    payment = {"betaling_id": "bw-1", "datum": today().isoformat(), "bedrag_cent": 4_939}
    pay = f"/api/v1/betrokken/trajecten/{registered.json()['id']}/betalingen"
    assert_problem(await api.post(pay, json=payment, headers=as_bas), 409)
    assert (await api.post(f"{url}/voorstel", json={"soort": "minnelijk"}, headers=auth())).status_code == 201
    await eventually(lambda: proposals(api, auth, bank), bool)
    agreed = await api.post(f"{url}/regeling/reacties", json={"schuldeiser_id": bank, "akkoord": True}, headers=auth())
    assert agreed.status_code == 201, agreed.text
    await eventually(lambda: regeling(api, auth, url), lambda r: r["status"] == "loopt")

    assert_problem(await api.post(pay, json=payment, headers=auth(Role.KETENPARTNER, "bw-bas")), 403)
    paid = await api.post(pay, json=payment, headers=as_bas)
    assert paid.status_code == 201, paid.text
    assert (await regeling(api, auth, url))["betaald_cent"] == 4_939

    async def copies() -> list[tuple[str, str]]:
        with sessions() as session:
            rows = session.exec(select(Brief).where(Brief.traject_id == registered.json()["id"])).all()
            sent = {e.brief_id for e in session.exec(select(OutboxEntry).where(OutboxEntry.status == "sent"))}
        return sorted((b.kind, b.ontvanger) for b in rows if b.kopie_van is not None and b.id in sent)

    # Each letter about money goes to the client and, as a copy, to the bewindvoerder; nothing else does.
    expected = [("regeling_start", "bw-bas"), ("voorstel_client", "bw-bas")]
    assert await eventually(copies, lambda found: found == expected) == expected
    with sessions() as session:
        [copy] = session.exec(select(Brief).where(Brief.kind == "voorstel_client", col(Brief.kopie_van).is_not(None)))
    assert "Dit is een kopie voor u als bewindvoerder van Tanya de Vries." in copy.html
