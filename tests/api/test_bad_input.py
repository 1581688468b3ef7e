"""Bad input gets a 4xx problem that says what is wrong and changes nothing: never a 500, never a traject
whose workflow can no longer go on. Each case here was once let in."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest

from api.auth import Role
from tests.api.conftest import Headers, aanmelding, assert_problem, gesprek, today
from tests.api.test_schuldeisers import CLAIM, ask, creditor, stable_traject
from tests.api.test_signalen import COLUMNS, signaal

HUGE = 10**20


def reasons(problem: dict[str, Any]) -> dict[str, str]:
    return {p["name"]: p["reason"] for p in problem.get("invalidParams", [])}


async def trajecten(api: httpx.AsyncClient, auth: Headers) -> int:
    return int((await api.get("/api/v1/trajecten", headers=auth())).json()["count"])


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "2000-01-01"])
async def test_a_meldingsdatum_outside_its_range_starts_nothing(
    api: httpx.AsyncClient, auth: Headers, day: str
) -> None:
    problem = assert_problem(
        await api.post("/api/v1/aanmeldingen", json=aanmelding(meldingsdatum=day), headers=auth()), 422
    )
    assert "meldingsdatum" in reasons(problem)
    assert await trajecten(api, auth) == 0


@pytest.mark.parametrize("moment", ["0001-01-01T10:00:00+01:00", "9999-12-31T10:00:00+01:00"])
async def test_an_appointment_in_year_1_or_9999_is_refused(api: httpx.AsyncClient, auth: Headers, moment: str) -> None:
    body = aanmelding(afspraak={"op": moment, "locatie": "Stadskantoor"})
    assert "afspraak.op" in reasons(
        assert_problem(await api.post("/api/v1/aanmeldingen", json=body, headers=auth()), 422)
    )
    assert await trajecten(api, auth) == 0


@pytest.mark.parametrize("bad", ["Tanya\x00", "Tanya\x1b[31m", "Tanya\u202etxt.exe", "Tan\rya"])
async def test_control_and_bidi_characters_are_refused_in_names_and_texts(
    api: httpx.AsyncClient, auth: Headers, bad: str
) -> None:
    body = aanmelding()
    body["persoon"]["naam"] = bad
    assert "persoon.naam" in reasons(
        assert_problem(await api.post("/api/v1/aanmeldingen", json=body, headers=auth()), 422)
    )
    url = (await api.post("/api/v1/aanmeldingen", json=aanmelding(), headers=auth())).json()["url"]
    step = gesprek(today(), actiepunten=[{"wie": "client", "wat": bad}])
    assert_problem(await api.post(f"{url}/gesprekken", json=step, headers=auth()), 422)
    uitval = {"reden": "overig", "toelichting": bad}
    assert_problem(await api.post(f"{url}/uitval", json=uitval, headers=auth()), 422)
    assert (await api.get(url, headers=auth())).json()["fase"] == "aanmelding"


async def test_an_action_deadline_in_year_9999_is_refused(api: httpx.AsyncClient, auth: Headers) -> None:
    url = (await api.post("/api/v1/aanmeldingen", json=aanmelding(), headers=auth())).json()["url"]
    step = gesprek(today(), actiepunten=[{"wie": "client", "wat": "Post openen", "uiterlijk": "9999-12-31"}])
    problem = assert_problem(await api.post(f"{url}/gesprekken", json=step, headers=auth()), 422)
    assert "actiepunten.0.uiterlijk" in reasons(problem)


async def test_a_huge_or_ancient_claim_is_refused_and_the_request_can_still_be_answered(
    api: httpx.AsyncClient, auth: Headers
) -> None:
    bank = await creditor(api, auth, "Bank")
    traject = await ask(api, auth, await stable_traject(api, auth), bank)
    verzoek = traject["verzoeken"][0]["id"]
    as_bank = auth(Role.SCHULDEISER, bank)
    url = f"/api/v1/schuldeisers/verzoeken/{verzoek}/vorderingen"
    huge = CLAIM | {"peildatum": today().isoformat(), "hoofdsom_cent": HUGE, "totaal_cent": HUGE + 6_550, "regels": []}
    assert "hoofdsom_cent" in reasons(assert_problem(await api.post(url, json=huge, headers=as_bank), 422))
    ancient = CLAIM | {"peildatum": "0001-01-01"}
    assert "peildatum" in reasons(assert_problem(await api.post(url, json=ancient, headers=as_bank), 422))
    good = await api.post(url, json=CLAIM | {"peildatum": today().isoformat()}, headers=as_bank)
    assert good.status_code == 201, good.text
    assert good.json()["status"] == "beantwoord"


async def test_a_signal_with_a_huge_amount_or_an_eviction_in_year_1_is_refused(
    api: httpx.AsyncClient, auth: Headers
) -> None:
    partner = auth(Role.SIGNAALPARTNER, "woonbron")
    problem = assert_problem(
        await api.post("/api/v1/signalen", json=signaal(achterstand_cent=HUGE), headers=partner), 422
    )
    assert "achterstand_cent" in reasons(problem)
    eviction = signaal(ontruimingsdatum="0001-01-01")
    assert "ontruimingsdatum" in reasons(
        assert_problem(await api.post("/api/v1/signalen", json=eviction, headers=partner), 422)
    )
    assert (await api.get("/api/v1/signalen", headers=partner)).json() == []
    assert await trajecten(api, auth) == 0


async def test_pages_are_bounded(api: httpx.AsyncClient, auth: Headers) -> None:
    for path in ("/api/v1/trajecten", "/api/v1/toezicht/wachtend"):
        problem = assert_problem(await api.get(f"{path}?page=1000000000000", headers=auth()), 422)
        assert "page" in reasons(problem)


async def test_csv_files_want_their_media_type_and_report_bad_lines_by_number(
    api: httpx.AsyncClient, auth: Headers
) -> None:
    partner = auth(Role.SIGNAALPARTNER, "woonbron")
    row = ",".join(str(v) for v in signaal().values()) + ",,"
    other = ",".join(str(v) for v in signaal(bsn="123456782", kenmerk="WB-2").values()) + ",,"
    content = f"{COLUMNS}\r\n{row}\r\nhuur,1\r2,3\r\n{other}\r\n"
    as_json = {**partner, "Content-Type": "application/json"}
    assert_problem(await api.post("/api/v1/signalen/batch", content=content, headers=as_json), 415)
    assert_problem(
        await api.post("/api/v1/regelingen/betalingen", content="x", headers={**auth(), "Content-Type": "text/plain"}),
        415,
    )
    response = await api.post(
        "/api/v1/signalen/batch", content=content, headers={**partner, "Content-Type": "text/csv"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["opgeslagen"] == 2
    assert [f["regel"] for f in response.json()["fouten"]] == [3]


async def test_a_statement_with_a_carriage_return_reports_its_line(api: httpx.AsyncClient, auth: Headers) -> None:
    day = (today() - timedelta(days=1)).isoformat()
    content = f"kenmerk,betaling_id,datum,bedrag_cent\nSHV-00000000,b\r1,{day},100\nSHV-1,b2,0001-01-01,{HUGE}\n"
    response = await api.post(
        "/api/v1/regelingen/betalingen", content=content, headers={**auth(), "Content-Type": "text/csv"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["verwerkt"] == 0
    assert [f["regel"] for f in response.json()["fouten"]] == [2, 3]


async def test_a_wrong_field_is_explained_in_dutch(api: httpx.AsyncClient, auth: Headers) -> None:
    body = aanmelding(bron="buurman", kinderen="misschien")
    del body["persoon"]["naam"]
    problem = assert_problem(await api.post("/api/v1/aanmeldingen", json=body, headers=auth()), 422)
    said = reasons(problem)
    assert said["persoon.naam"] == "verplicht veld"
    assert said["bron"].startswith("kies uit: ")
    assert said["kinderen"] == "moet ja (true) of nee (false) zijn"
    assert await trajecten(api, auth) == 0
