"""Supervisors see whom trajecten wait on, each creditor's reply figures, the Wgs clocks per caseworker and
the work per phase."""

from __future__ import annotations

from datetime import date, timedelta

import httpx

from api.auth import Role
from domain.policy import Policy
from domain.wgs_deadlines import first_conversation_deadline, working_days_left
from store.db import SessionFactory
from store.models import Traject
from tests.api.conftest import Headers, aanmelding, assert_problem, today
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
    assert waiting["results"][0]["kenmerk"] == traject["kenmerk"]
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


def crisis_reported_on(left: range) -> date:
    """A meldingsdatum whose crisis clock (3 working days) has today a number of working days `left`."""
    for back in range(1, 60):
        day = today() - timedelta(days=back)
        if working_days_left(today(), first_conversation_deadline(day, True, Policy())) in left:
            return day
    raise AssertionError(left)


async def test_clocks_per_caseworker_and_the_work_per_phase(api: httpx.AsyncClient, auth: Headers) -> None:
    soon, late = crisis_reported_on(range(0, 3)), crisis_reported_on(range(-5, 0))
    crisis = "gedwongen_woningontruiming"
    due_soon = await api.post(
        "/api/v1/aanmeldingen", json=aanmelding(crisis=crisis, meldingsdatum=soon.isoformat()), headers=auth()
    )
    breached = await api.post(
        "/api/v1/aanmeldingen",
        json=aanmelding("123456782", crisis=crisis, meldingsdatum=late.isoformat()),
        headers=auth(sub="hv-bo"),
    )
    running = await api.post("/api/v1/aanmeldingen", json=aanmelding("100000009"), headers=auth(sub="hv-bo"))
    assert (due_soon.status_code, breached.status_code, running.status_code) == (201, 201, 201), running.text
    supervisor = auth(Role.TOEZICHTHOUDER, "tz-tom")

    listed = (await api.get("/api/v1/toezicht/termijnen", headers=supervisor)).json()
    assert [(r["traject"], r["status"]) for r in listed["results"]] == [
        (breached.json()["url"], "overschreden"),
        (due_soon.json()["url"], "binnenkort"),
    ]
    assert listed["results"][0]["werkdagen_over"] < 0 <= listed["results"][1]["werkdagen_over"] <= 2
    second = (await api.get("/api/v1/toezicht/termijnen", params={"pageSize": 1, "page": 2}, headers=supervisor)).json()
    assert (second["count"], [r["traject"] for r in second["results"]]) == (2, [due_soon.json()["url"]])
    only_breached = await api.get("/api/v1/toezicht/termijnen", params={"status": "overschreden"}, headers=supervisor)
    assert [r["hulpverlener"] for r in only_breached.json()["results"]] == ["hv-bo"]
    of_anna = await api.get("/api/v1/toezicht/termijnen", params={"hulpverlener": "hv-anna"}, headers=supervisor)
    assert [r["status"] for r in of_anna.json()["results"]] == ["binnenkort"]

    tellingen = await api.get("/api/v1/toezicht/termijnen/tellingen", headers=supervisor)
    counts = {c["hulpverlener"]: (c["overschreden"], c["binnenkort"], c["loopt"]) for c in tellingen.json()}
    assert counts == {"hv-anna": (0, 1, 0), "hv-bo": (1, 0, 1)}

    work = (await api.get("/api/v1/toezicht/werkverdeling", headers=supervisor)).json()
    assert [(w["hulpverlener"], w["open"], w["per_fase"], w["overschreden"], w["binnenkort"]) for w in work] == [
        ("hv-bo", 2, {"aanmelding": 2}, 1, 0),
        ("hv-anna", 1, {"aanmelding": 1}, 0, 1),
    ]


async def test_the_clock_views_refuse_others_and_bad_filters(api: httpx.AsyncClient, auth: Headers) -> None:
    for path in (
        "/api/v1/toezicht/termijnen",
        "/api/v1/toezicht/termijnen/tellingen",
        "/api/v1/toezicht/werkverdeling",
    ):
        assert_problem(await api.get(path), 401)
        for role in (Role.BEHEERDER, Role.SCHULDEISER, Role.SIGNAALPARTNER):
            assert_problem(await api.get(path, headers=auth(role)), 403)
    for params in ({"status": "loopt"}, {"status": "gisteren"}, {"hulpverlener": "<script>"}, {"pageSize": 0}):
        assert_problem(await api.get("/api/v1/toezicht/termijnen", params=params, headers=auth()), 422)


async def test_a_traject_waiting_too_long_on_one_party_is_listed_with_what_comes_next(
    api: httpx.AsyncClient, auth: Headers, sessions: SessionFactory
) -> None:
    waiting = await api.post("/api/v1/aanmeldingen", json=aanmelding(), headers=auth())
    fresh = await api.post("/api/v1/aanmeldingen", json=aanmelding("123456782"), headers=auth(sub="hv-bo"))
    assert (waiting.status_code, fresh.status_code) == (201, 201)
    with sessions() as session:
        row = session.get(Traject, waiting.json()["id"])
        assert row is not None
        # The dossier as it stands after twelve days without the first conversation.
        row.phase_since = row.phase_since - timedelta(days=12)
        session.add(row)
        session.commit()
    supervisor = auth(Role.TOEZICHTHOUDER, "tz-tom")

    stuck = (await api.get("/api/v1/toezicht/stilstand", headers=supervisor)).json()
    assert stuck["count"] == 1
    [row_shown] = stuck["results"]
    assert (row_shown["traject"], row_shown["wacht_op"], row_shown["dagen"], row_shown["drempel"]) == (
        waiting.json()["url"],
        "hulpverlener",
        12,
        10,
    )
    clock = waiting.json()["termijnen"][0]
    assert (row_shown["volgende_op"], row_shown["volgende"]) == (clock["uiterlijk"], "Wgs-termijn loopt af")
    on_client = await api.get("/api/v1/toezicht/stilstand", params={"wacht_op": "client"}, headers=supervisor)
    assert on_client.json()["count"] == 0
    of_bo = await api.get("/api/v1/toezicht/stilstand", params={"hulpverlener": "hv-bo"}, headers=supervisor)
    assert of_bo.json()["count"] == 0


async def test_the_stuck_list_refuses_others_and_bad_filters(api: httpx.AsyncClient, auth: Headers) -> None:
    path = "/api/v1/toezicht/stilstand"
    assert_problem(await api.get(path), 401)
    for role in (Role.BEHEERDER, Role.SCHULDEISER, Role.SIGNAALPARTNER):
        assert_problem(await api.get(path, headers=auth(role)), 403)
    for params in ({"wacht_op": "niemand"}, {"wacht_op": "buren"}, {"page": 0}):
        assert_problem(await api.get(path, params=params, headers=auth()), 422)
