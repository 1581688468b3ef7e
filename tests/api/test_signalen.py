"""Signal partners report arrears, one at a time or as a monthly CSV, and read what became of them;
caseworkers follow the cases; supervisors count them. Each route refuses the wrong role and bad input."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
from temporalio.client import Client

from api.app import create_app
from api.auth import Role
from api.routers import signalen as signalen_routes
from api.routers.signalen import CSV_COLUMNS
from runtime.settings import Settings
from runtime.temporal import data_converter
from tests.api.conftest import Headers, assert_problem, eventually, today

COLUMNS = ",".join(CSV_COLUMNS)


def signaal(**changes: Any) -> dict[str, Any]:
    body = {
        "soort": "huur",
        "bsn": "111222333",
        "naam": "Tanya de Vries",
        "straat": "Kerkstraat 1",
        "postcode": "3311 AA",
        "woonplaats": "Dordrecht",
        "telefoon": "06 12345678",
        "achterstand_cent": 120_000,
        "achterstand_maanden": 2,
        "datum": today().isoformat(),
        "kenmerk": "WB-2026-0017",
    }
    return body | changes


async def test_a_partner_reports_once_reads_only_its_own_and_hears_the_outcome(
    api: httpx.AsyncClient, auth: Headers
) -> None:
    woonbron = auth(Role.SIGNAALPARTNER, "woonbron")
    first = await api.post("/api/v1/signalen", json=signaal(), headers=woonbron)
    again = await api.post("/api/v1/signalen", json=signaal(), headers=woonbron)
    assert (first.status_code, again.status_code) == (201, 200), first.text
    assert again.json()["id"] == first.json()["id"]
    assert first.json()["kenmerk"] == "WB-2026-0017"
    assert {"bsn", "naam", "straat", "telefoon"}.isdisjoint(first.json())

    other = auth(Role.SIGNAALPARTNER, "eneco")
    assert_problem(await api.get(first.json()["url"], headers=other), 404)
    assert (await api.get("/api/v1/signalen", headers=other)).json() == []
    mine = await eventually(
        lambda: _json(api.get(first.json()["url"], headers=woonbron)), lambda s: s["terugkoppeling"] == "opgepakt"
    )
    assert mine["id"] == first.json()["id"]

    [case] = (await api.get("/api/v1/signaleringen?status=open", headers=auth())).json()
    assert case["route"] == "enkelvoudig"
    assert case["persoon"]["naam"] == "Tanya de Vries"
    outcome = {
        "bereikt": True,
        "kanaal": "telefoon",
        "hulp": "geaccepteerd",
        "toelichting": "Wil graag hulp.",
        "toestemming_terugkoppeling": True,
    }
    recorded = await api.post(f"{case['url']}/uitkomst", json=outcome, headers=auth())
    assert recorded.status_code == 201, recorded.text
    assert recorded.json()["status"] == "afgesloten"
    assert recorded.json()["traject"] is not None
    traject = await eventually(
        lambda: _json(api.get(recorded.json()["traject"], headers=auth())), lambda t: "bron" in t
    )
    assert traject["bron"] == "vroegsignalering"
    assert traject["signalering"] == case["url"]
    assert (await api.get(case["url"], headers=auth())).json()["traject"] == recorded.json()["traject"]
    assert_problem(await api.get(case["url"], headers=woonbron), 403)
    assert_problem(await api.get("/api/v1/signaleringen/onbekend", headers=auth()), 404)
    assert (await api.get(first.json()["url"], headers=woonbron)).json()["terugkoppeling"] == "hulp_gestart"
    assert_problem(await api.post(f"{case['url']}/uitkomst", json=outcome, headers=auth()), 409)

    figures = (await api.get("/api/v1/toezicht/vroegsignalering", headers=auth(Role.TOEZICHTHOUDER, "tz"))).json()
    [month] = [m for m in figures if m["maand"] == f"{today():%Y-%m}"]
    assert month["signalen_per_soort"] == {"huur": 1}
    assert (month["huishoudens"], month["bereikt"], month["hulp_geaccepteerd"]) == (1, 1, 1)
    assert month["contactpogingen_per_kanaal"] == {"brief": 1, "sms": 1}


async def test_a_batch_stores_the_good_rows_and_reports_the_bad_by_line(api: httpx.AsyncClient, auth: Headers) -> None:
    day = today().isoformat()
    rows = [
        COLUMNS,
        f"zorgverzekering,111222333,Tanya de Vries,Kerkstraat 1,3311 AA,Dordrecht,,45000,3,{day},ZK-1,,",
        f"zorgverzekering,123456789,Piet Jansen,Dorpsweg 2,3312 BB,Dordrecht,,45000,3,{day},ZK-2,,",
        f"zorgverzekering,123456782,Piet Jansen,Dorpsweg 2,3312 BB,Dordrecht,,-5,3,{day},ZK-3,,",
        f"zorgverzekering,111222333,Tanya de Vries,Kerkstraat 1,3311 AA,Dordrecht,,45000,3,{day},ZK-1,,",
        f"energie,123456782,Piet Jansen,Dorpsweg 2,3312 BB,Dordrecht,,80000,4,{day},ZK-5,true,",
    ]
    response = await api.post(
        "/api/v1/signalen/batch",
        content="\n".join(rows) + "\n",
        headers=auth(Role.SIGNAALPARTNER, "zilveren-kruis") | {"Content-Type": "text/csv"},
    )
    assert response.status_code == 200, response.text
    result = response.json()
    assert (result["opgeslagen"], result["dubbel"]) == (2, 1)
    assert [f["regel"] for f in result["fouten"]] == [3, 4]
    # Each bad line in Dutch, as a 422 says it, never the validator's English.
    assert [f["reden"] for f in result["fouten"]] == [
        "bsn: BSN is geen 9 cijfers of voldoet niet aan de 11-proef",
        "achterstand_cent: moet meer zijn dan 0",
    ]
    cases = await eventually(
        lambda: _json(api.get("/api/v1/signaleringen", headers=auth())),
        lambda c: any(x["route"] == "crisis" for x in c),
    )
    assert sorted(c["route"] for c in cases) == ["crisis", "enkelvoudig"]


async def test_a_file_sent_in_pieces_is_read_as_it_arrives_and_keeps_a_household_together(
    api: httpx.AsyncClient, auth: Headers, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two lines a part, so the household's signals land in different transactions and deliveries.
    monkeypatch.setattr(signalen_routes, "PART_LINES", 2)
    day = today().isoformat()
    rows = [
        COLUMNS,
        f"zorgverzekering,111222333,Tanya de Vrïes,Kerkstraat 1,3311 AA,Dordrecht,,45000,3,{day},ZK-1,,",
        f"zorgverzekering,123456782,Piet Jansen,Dorpsweg 2,3312 BB,Dordrecht,,45000,3,{day},ZK-2,,",
        f"energie,111222333,Tanya de Vrïes,Kerkstraat 1,3311 AA,Dordrecht,,80000,4,{day},EN-1,,",
        f"water,111222333,Tanya de Vrïes,Kerkstraat 1,3311 AA,Dordrecht,,9000,2,{day},WA-1,,",
    ]
    content = ("\n".join(rows[:3]) + "\n").encode() + b"water,\xff\n" + ("\n".join(rows[3:]) + "\n").encode()

    async def in_pieces() -> AsyncIterator[bytes]:
        # Seven bytes at a time: lines, and the two bytes of the ï, are cut between pieces.
        for start in range(0, len(content), 7):
            yield content[start : start + 7]

    response = await api.post(
        "/api/v1/signalen/batch",
        content=in_pieces(),
        headers=auth(Role.SIGNAALPARTNER, "zilveren-kruis") | {"Content-Type": "text/csv"},
    )
    assert response.status_code == 200, response.text
    assert (response.json()["opgeslagen"], response.json()["dubbel"]) == (4, 0)
    assert response.json()["fouten"] == [{"regel": 4, "reden": "regel is geen geldige UTF-8"}]
    cases = await eventually(
        lambda: _json(api.get("/api/v1/signaleringen", headers=auth())),
        lambda c: sorted(x["route"] for x in c) == ["enkelvoudig", "meervoudig"],
    )
    assert len(cases) == 2


async def test_a_file_sent_while_temporal_is_away_answers_503_and_its_resend_reaches_every_case(
    api: httpx.AsyncClient, auth: Headers, settings: Settings
) -> None:
    partner = auth(Role.SIGNAALPARTNER, "zilveren-kruis") | {"Content-Type": "text/csv"}
    day = today().isoformat()
    rows = [
        COLUMNS,
        f"zorgverzekering,111222333,Tanya de Vries,Kerkstraat 1,3311 AA,Dordrecht,,45000,3,{day},ZK-1,,",
        f"zorgverzekering,123456782,Piet Jansen,Dorpsweg 2,3312 BB,Dordrecht,,45000,3,{day},ZK-2,,",
    ]
    content = "\n".join(rows) + "\n"
    # A client of a Temporal that does not answer: nothing listens on port 1.
    away = await Client.connect("127.0.0.1:1", lazy=True, data_converter=data_converter(settings))
    impatient = settings.model_copy(update={"engine_wait_seconds": 1.0})
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=create_app(impatient, away)), base_url="http://test"
    ) as cut_off:
        assert_problem(await cut_off.post("/api/v1/signalen/batch", content=content, headers=partner), 503)

    again = await api.post("/api/v1/signalen/batch", content=content, headers=partner)
    assert again.status_code == 200, again.text
    assert (again.json()["opgeslagen"], again.json()["dubbel"]) == (0, 2)
    # Each case runs now: it invited its household, and the partner hears the signal was picked up.
    mine = await eventually(
        lambda: _json(api.get("/api/v1/signalen", headers=partner)),
        lambda signals: [s["terugkoppeling"] for s in signals] == ["opgepakt", "opgepakt"],
    )
    assert len(mine) == 2


async def test_partner_and_case_routes_refuse_roles_and_bad_input(api: httpx.AsyncClient, auth: Headers) -> None:
    partner = auth(Role.SIGNAALPARTNER, "woonbron")
    assert_problem(await api.post("/api/v1/signalen", json=signaal()), 401)
    assert_problem(await api.post("/api/v1/signalen", json=signaal(), headers=auth()), 403)
    assert_problem(await api.get("/api/v1/signalen", headers=auth(Role.SCHULDEISER, "se")), 403)
    assert_problem(await api.post("/api/v1/signalen/batch", content=COLUMNS, headers=auth()), 403)
    for bad in (
        {"bsn": "123456789"},
        {"achterstand_cent": 0},
        {"datum": (today() + timedelta(days=1)).isoformat()},
        {"eindelevering": True},
        {"soort": "telefoon"},
        {"postcode": "33111"},
    ):
        assert_problem(await api.post("/api/v1/signalen", json=signaal(**bad), headers=partner), 422)
    both = await api.post("/api/v1/signalen", json=signaal(achterstand_cent=0, achterstand_maanden=0), headers=partner)
    names = [p["name"] for p in assert_problem(both, 422)["invalidParams"]]
    assert names == ["achterstand_cent", "achterstand_maanden"]
    assert (await api.get("/api/v1/signalen", headers=partner)).json() == []
    wrong_columns = await api.post(
        "/api/v1/signalen/batch", content="a,b\n1,2\n", headers=partner | {"Content-Type": "text/csv"}
    )
    assert_problem(wrong_columns, 422)

    assert_problem(await api.get("/api/v1/signaleringen", headers=partner), 403)
    assert_problem(await api.get("/api/v1/signaleringen"), 401)
    assert_problem(await api.get("/api/v1/signaleringen?status=weg", headers=auth()), 422)
    outcome = {"bereikt": False, "kanaal": "geen", "hulp": "geen_reactie"}
    assert_problem(await api.post("/api/v1/signaleringen/onbekend/uitkomst", json=outcome, headers=auth()), 404)
    created = await api.post("/api/v1/signalen", json=signaal(), headers=partner)
    [case] = await eventually(lambda: _json(api.get("/api/v1/signaleringen", headers=auth())), bool)
    assert_problem(await api.post(f"{case['url']}/uitkomst", json=outcome, headers=partner), 403)
    unreached_but_answered = outcome | {"hulp": "geaccepteerd"}
    assert_problem(await api.post(f"{case['url']}/uitkomst", json=unreached_but_answered, headers=auth()), 422)
    assert_problem(await api.post(f"{case['url']}/uitkomst", json=outcome | {"kanaal": "duif"}, headers=auth()), 422)
    recorded = await api.post(f"{case['url']}/uitkomst", json=outcome, headers=auth())
    assert recorded.status_code == 201, recorded.text
    # Without the person's consent the partner hears that its signal was picked up, not how it ended.
    assert (await api.get(created.json()["url"], headers=partner)).json()["terugkoppeling"] == "opgepakt"
    assert_problem(await api.get("/api/v1/toezicht/vroegsignalering", headers=partner), 403)


async def _json(request: Any) -> Any:
    return (await request).json()
