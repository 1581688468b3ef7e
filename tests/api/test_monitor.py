"""The monitor through the API: the figures of a period, per team, as JSON and as CSV, the same each time they
are asked for, and only for supervisors."""

from __future__ import annotations

from datetime import timedelta

import httpx

from api.auth import Role
from tests.api.conftest import PLAN, Headers, aanmelding, assert_problem, gesprek, today, toelating
from tests.api.test_overdracht import register_staff
from tests.api.test_toezicht import crisis_reported_on

MONITOR = "/api/v1/toezicht/monitor"


async def test_the_figures_of_a_period_per_team_as_json_and_csv(api: httpx.AsyncClient, auth: Headers) -> None:
    await register_staff(api, auth)
    melding = today() - timedelta(days=20)
    admitted = await api.post(
        "/api/v1/aanmeldingen", json=aanmelding(meldingsdatum=melding.isoformat()), headers=auth(sub="hv-anna")
    )
    url = admitted.json()["url"]
    for path, body in (
        ("gesprekken", gesprek(melding + timedelta(days=15))),
        ("beschikkingen", toelating(today())),
        ("plannen-van-aanpak", PLAN),
    ):
        assert (await api.post(f"{url}/{path}", json=body, headers=auth(sub="hv-anna"))).status_code == 201
    late = crisis_reported_on(range(-5, 0))
    crisis = aanmelding("123456782", crisis="gedwongen_woningontruiming", meldingsdatum=late.isoformat())
    assert (await api.post("/api/v1/aanmeldingen", json=crisis, headers=auth(sub="hv-dewi"))).status_code == 201
    supervisor = auth(Role.TOEZICHTHOUDER, "tz-tom")
    period = {"van": (today() - timedelta(days=60)).isoformat(), "tot": today().isoformat()}

    whole = (await api.get(MONITOR, params=period, headers=supervisor)).json()
    noord = (await api.get(MONITOR, params=period | {"team": "Noord"}, headers=supervisor)).json()
    zuid = (await api.get(MONITOR, params=period | {"team": "Zuid"}, headers=supervisor)).json()

    assert (whole["aanmeldingen"], whole["aanmeldingen_per_bron"], whole["crisis"]) == (2, {"zelf": 2}, 1)
    norms = {n["norm"]: (n["gehaald"], n["niet_gehaald"]) for n in whole["normen"]}
    assert norms == {
        "eerste_gesprek_binnen_4_weken": (1, 0),
        "crisis_binnen_3_werkdagen": (0, 1),
        "beschikking_binnen_8_weken": (1, 0),
    }
    assert (whole["toelatingen"], whole["afwijzingen"]) == (1, 0)
    first = whole["doorlooptijden"][0]
    assert (first["van"], first["tot"], first["aantal"], first["mediaan_dagen"]) == (
        "aanmelding",
        "eerste_gesprek",
        1,
        15,
    )
    assert (noord["team"], noord["aanmeldingen"], noord["crisis"]) == ("Noord", 1, 0)
    assert (zuid["aanmeldingen"], zuid["toelatingen"]) == (1, 0)
    assert {n["norm"]: n["aandeel"] for n in zuid["normen"]}["crisis_binnen_3_werkdagen"] == 0.0

    again = (await api.get(MONITOR, params=period, headers=supervisor)).json()
    assert again == whole
    csv = await api.get(f"{MONITOR}/csv", params=period, headers=supervisor)
    assert csv.status_code == 200
    assert csv.headers["content-type"].startswith("text/csv")
    assert csv.headers["content-disposition"].startswith('attachment; filename="monitor-')
    lines = csv.text.splitlines()
    assert lines[0] == "van;tot;team;onderwerp;onderdeel;maat;waarde"
    prefix = f"{period['van']};{period['tot']};"
    assert f"{prefix};aanmeldingen;totaal;aantal;2" in lines
    assert f"{prefix};wgs_termijnen;crisis_binnen_3_werkdagen;aandeel;0" in lines
    assert f"{prefix};doorlooptijden;aanmelding-eerste_gesprek;mediaan_dagen;15" in lines
    assert (await api.get(f"{MONITOR}/csv", params=period, headers=supervisor)).text == csv.text


async def test_the_monitor_defaults_to_this_year(api: httpx.AsyncClient, auth: Headers) -> None:
    figures = (await api.get(MONITOR, headers=auth(Role.TOEZICHTHOUDER))).json()
    assert (figures["van"], figures["tot"]) == (today().replace(month=1, day=1).isoformat(), today().isoformat())
    assert figures["aanmeldingen"] == 0
    assert figures["regelingen"] == {"aantal": 0, "binnen_norm": 0, "norm_dagen": 120, "aandeel": None}


async def test_the_monitor_refuses_others_and_bad_filters(api: httpx.AsyncClient, auth: Headers) -> None:
    for path in (MONITOR, f"{MONITOR}/csv"):
        assert_problem(await api.get(path), 401)
        for role in (Role.HULPVERLENER, Role.BEHEERDER, Role.SCHULDEISER, Role.SIGNAALPARTNER):
            assert_problem(await api.get(path, headers=auth(role)), 403)
        supervisor = auth(Role.TOEZICHTHOUDER)
        backwards = {"van": today().isoformat(), "tot": (today() - timedelta(days=1)).isoformat()}
        problem = assert_problem(await api.get(path, params=backwards, headers=supervisor), 422)
        assert "van" in str(problem)
        assert_problem(await api.get(path, params={"van": "2026-13-01"}, headers=supervisor), 422)
        assert_problem(await api.get(path, params={"team": "<script>"}, headers=supervisor), 422)
