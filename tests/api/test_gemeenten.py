"""One installation for several gemeenten: the register, each aanmelding's gemeente from its postcode or by
choice, the gemeente's own letterhead, and the gemeente of each traject in the national delivery."""

from __future__ import annotations

from datetime import date

import httpx
from sqlmodel import select

from api.auth import Role
from domain.policy import Policy
from domain.wgs_deadlines import first_conversation_deadline
from store.db import SessionFactory
from store.models import Brief
from tests.api.conftest import Headers, aanmelding, assert_problem
from tests.api.test_ddas import DDAS, VS, VS_VALIDATOR, YEAR
from tests.api.test_signalen import signaal

ZWIJNDRECHT = {
    "naam": "Gemeente Zwijndrecht",
    "adres": "Bouwmanplein 1, 3331 LE Zwijndrecht",
    "telefoon": "078 770 3000",
    "postcodes": ["3331", "3332", "3333"],
}


async def test_each_traject_belongs_to_its_gemeente(
    api: httpx.AsyncClient, auth: Headers, sessions: SessionFactory
) -> None:
    beheer = auth(Role.BEHEERDER, "beheer")
    assert (await api.get("/api/v1/beheer/gemeenten", headers=auth())).json() == []
    created = await api.put("/api/v1/beheer/gemeenten/0642", json=ZWIJNDRECHT, headers=beheer)
    assert created.status_code == 201, created.text
    changed = await api.put("/api/v1/beheer/gemeenten/0642", json=ZWIJNDRECHT | {"telefoon": "14 078"}, headers=beheer)
    assert (changed.status_code, changed.json()["telefoon"]) == (200, "14 078")
    assert_problem(await api.put("/api/v1/beheer/gemeenten/0642", json=ZWIJNDRECHT, headers=auth()), 403)
    assert_problem(await api.put("/api/v1/beheer/gemeenten/642", json=ZWIJNDRECHT, headers=beheer), 404)
    assert_problem(await api.put("/api/v1/beheer/gemeenten/0642", json={"naam": "Z"}, headers=beheer), 422)
    claimed = ZWIJNDRECHT | {"naam": "Gemeente Elders", "postcodes": ["3331"]}
    overlap = assert_problem(await api.put("/api/v1/beheer/gemeenten/0505", json=claimed, headers=beheer), 422)
    assert overlap["invalidParams"][0]["name"] == "postcodes"

    persoon = aanmelding()["persoon"] | {"postcode": "3331 AB", "woonplaats": "Zwijndrecht"}
    by_address = await api.post("/api/v1/aanmeldingen", json=aanmelding(persoon=persoon), headers=auth())
    assert by_address.status_code == 201, by_address.text
    assert by_address.json()["gemeentecode"] == "0642"
    own = await api.post("/api/v1/aanmeldingen", json=aanmelding("123456782"), headers=auth())
    assert own.json()["gemeentecode"] == "9999"
    chosen = await api.post("/api/v1/aanmeldingen", json=aanmelding("100000009", gemeentecode="0642"), headers=auth())
    assert chosen.json()["gemeentecode"] == "0642"
    unknown = aanmelding("100000010", gemeentecode="0001")
    assert_problem(await api.post("/api/v1/aanmeldingen", json=unknown, headers=auth()), 422)

    with sessions() as session:
        [letter] = session.exec(select(Brief).where(Brief.traject_id == by_address.json()["id"])).all()
        [other] = session.exec(select(Brief).where(Brief.traject_id == own.json()["id"])).all()
    assert "Gemeente Zwijndrecht" in letter.html
    assert "14 078" in letter.html
    assert "Gemeente Voorbeeldstad" in other.html

    delivered = (await api.post(DDAS, json=YEAR, headers=auth(Role.CBS, "cbs"))).json()
    codes = {
        t["client"][0]["Burgerservicenummer"]: t["gemeentecode"]
        for t in delivered["gegevens"]["leveringen"][0]["schuldhulptrajecten"]
    }
    assert codes == {"111222333": "0642", "123456782": "9999", "100000009": "0642"}


async def test_the_monitor_per_gemeente_and_side_by_side(api: httpx.AsyncClient, auth: Headers) -> None:
    beheer = auth(Role.BEHEERDER, "beheer")
    assert (await api.put("/api/v1/beheer/gemeenten/0642", json=ZWIJNDRECHT, headers=beheer)).status_code == 201
    persoon = aanmelding()["persoon"] | {"postcode": "3332 CD", "woonplaats": "Zwijndrecht"}
    for body in (
        aanmelding(persoon=persoon),
        aanmelding("123456782"),
        aanmelding("100000009", crisis="beeindiging_gas"),
    ):
        assert (await api.post("/api/v1/aanmeldingen", json=body, headers=auth())).status_code == 201
    supervisor = auth(Role.TOEZICHTHOUDER, "tz-bert")

    zwijndrecht = (await api.get("/api/v1/toezicht/monitor?gemeente=0642", headers=supervisor)).json()
    own = (await api.get("/api/v1/toezicht/monitor?gemeente=9999", headers=supervisor)).json()
    everyone = (await api.get("/api/v1/toezicht/monitor", headers=supervisor)).json()
    assert (zwijndrecht["gemeente"], zwijndrecht["aanmeldingen"], zwijndrecht["crisis"]) == ("0642", 1, 0)
    assert (own["aanmeldingen"], own["crisis"]) == (2, 1)
    assert everyone["aanmeldingen"] == 3
    side_by_side = (await api.get("/api/v1/toezicht/monitor/gemeenten", headers=supervisor)).json()
    assert [(m["gemeente"], m["aanmeldingen"]) for m in side_by_side] == [("9999", 2), ("0642", 1)]
    assert_problem(await api.get("/api/v1/toezicht/monitor?gemeente=0001", headers=supervisor), 422)
    assert_problem(await api.get("/api/v1/toezicht/monitor/gemeenten", headers=auth()), 403)
    page = await api.get("/toezicht/monitor?gemeente=0642", headers=supervisor)
    assert page.status_code == 200, page.text
    assert "Gemeenten naast elkaar" in page.text
    assert "Gemeente Zwijndrecht" in page.text


async def test_staff_of_one_gemeente_see_only_its_trajecten(api: httpx.AsyncClient, auth: Headers) -> None:
    beheer = auth(Role.BEHEERDER, "beheer")
    assert (await api.put("/api/v1/beheer/gemeenten/0642", json=ZWIJNDRECHT, headers=beheer)).status_code == 201
    for login, rol, werkgebied in (
        ("tz-zwijndrecht", "toezichthouder", ["0642"]),
        ("hv-zwijndrecht", "hulpverlener", ["0642"]),
        ("hv-dordrecht", "hulpverlener", ["9999"]),
        ("bw-bas", "bewindvoerder", []),
        ("tz-regio", "toezichthouder", []),
    ):
        member = {"naam": login, "team": "Zuid", "telefoon": "078 770 3000", "rol": rol, "gemeenten": werkgebied}
        put = await api.put(f"/api/v1/medewerkers/{login}", json=member, headers=beheer)
        assert (put.status_code, put.json()["gemeenten"]) == (201, werkgebied), put.text
    unknown = member | {"gemeenten": ["0001"]}
    refused = assert_problem(await api.put("/api/v1/medewerkers/tz-x", json=unknown, headers=beheer), 422)
    assert refused["invalidParams"][0]["name"] == "gemeenten.0"
    persoon = aanmelding()["persoon"] | {"postcode": "3331 AB", "woonplaats": "Zwijndrecht"}
    theirs = (await api.post("/api/v1/aanmeldingen", json=aanmelding(persoon=persoon), headers=auth())).json()
    ours = (await api.post("/api/v1/aanmeldingen", json=aanmelding("123456782"), headers=auth())).json()
    # One household in the installation's own gemeente, two in Zwijndrecht (by the postcode of the address).
    woonbron = auth(Role.SIGNAALPARTNER, "woonbron")
    for bsn, straat, postcode in (
        ("100000010", "Dorpsweg 2", "3311 AA"),
        ("100000022", "Veerweg 3", "3331 AB"),
        ("100000034", "Veerweg 5", "3332 CD"),
    ):
        household = signaal(bsn=bsn, straat=straat, postcode=postcode, kenmerk=f"WB-{bsn}")
        signal = await api.post("/api/v1/signalen", json=household, headers=woonbron)
        assert signal.status_code == 201, signal.text
    supervisor = auth(Role.TOEZICHTHOUDER, "tz-zwijndrecht")

    assert (await api.get(f"/api/v1/trajecten/{theirs['id']}", headers=supervisor)).status_code == 200
    assert_problem(await api.get(f"/api/v1/trajecten/{ours['id']}", headers=supervisor), 404)
    assert_problem(await api.get(f"/api/v1/trajecten/{ours['id']}/regeling", headers=supervisor), 404)
    listed = (await api.get("/api/v1/trajecten", headers=supervisor)).json()
    assert [t["id"] for t in listed["results"]] == [theirs["id"]]
    found = await api.post("/api/v1/trajecten/zoeken", json={"bsn": "123456782"}, headers=supervisor)
    assert found.json() == []
    clocks = (await api.get("/api/v1/toezicht/termijnen?status=binnenkort", headers=supervisor)).json()
    assert {row["traject"].rsplit("/", 1)[1] for row in clocks["results"]} <= {theirs["id"]}
    loads = (await api.get("/api/v1/toezicht/werkverdeling", headers=supervisor)).json()
    assert sum(load["open"] for load in loads) == 1
    figures = (await api.get("/api/v1/toezicht/monitor", headers=supervisor)).json()
    assert (figures["aanmeldingen"], figures["vroegsignalering"]["huishoudens"]) == (1, 2)
    side_by_side = (await api.get("/api/v1/toezicht/monitor/gemeenten", headers=supervisor)).json()
    assert [m["gemeente"] for m in side_by_side] == ["0642"]
    other = assert_problem(await api.get("/api/v1/toezicht/monitor?gemeente=9999", headers=supervisor), 422)
    assert "werkgebied" in other["invalidParams"][0]["reason"]
    page = await api.get("/toezicht/monitor", headers=supervisor)
    assert "Gemeenten naast elkaar" not in page.text

    caseworker = auth(Role.HULPVERLENER, "hv-zwijndrecht")
    cases = (await api.get("/api/v1/signaleringen", headers=caseworker)).json()
    assert len(cases) == 2
    assert len((await api.get("/api/v1/signaleringen", headers=auth())).json()) == 3
    elsewhere = assert_problem(
        await api.post("/api/v1/aanmeldingen", json=aanmelding("100000009"), headers=caseworker), 422
    )
    assert elsewhere["invalidParams"][0]["name"] == "gemeentecode"
    again = await api.post(
        "/api/v1/aanmeldingen", json=aanmelding(persoon=persoon | {"bsn": "123456782"}), headers=caseworker
    )
    assert_problem(again, 409)
    # A bewindvoerder's client gets a caseworker who serves the client's gemeente.
    bewind = {"persoon": persoon | {"bsn": "100000010"}, "kinderen": False, "dossier": {}}
    registered = await api.post(
        "/api/v1/betrokken/aanmeldingen", json=bewind, headers=auth(Role.BEWINDVOERDER, "bw-bas")
    )
    assert registered.status_code == 201, registered.text
    listed = (await api.get("/api/v1/trajecten", headers=caseworker)).json()
    assert [t["hulpverlener"] for t in listed["results"] if t["id"] == registered.json()["id"]] == ["hv-zwijndrecht"]
    regio = (await api.get("/api/v1/toezicht/monitor/gemeenten", headers=auth(Role.TOEZICHTHOUDER, "tz-regio"))).json()
    assert [(m["gemeente"], m["vroegsignalering"]["huishoudens"]) for m in regio] == [("9999", 1), ("0642", 2)]
    # The national delivery of vroegsignalering has a levering per gemeente.
    delivered = (await api.post(VS, json=YEAR, headers=auth(Role.CBS, "cbs"))).json()["gegevens"]
    VS_VALIDATOR.validate(delivered)
    per_gemeente = [(lev["gemeentecode"], len(lev["vroegsignaalzaken"])) for lev in delivered["leveringen"]]
    assert per_gemeente == [("9999", 1), ("0642", 2)]


# A one-pixel PNG, as a gemeente's logo is sent: inline, so a letter fetches nothing.
LOGO = (
    "data:image/png;base64,"
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg=="
)


async def test_each_gemeente_has_its_own_terms_crisis_kinds_and_logo(
    api: httpx.AsyncClient, auth: Headers, sessions: SessionFactory
) -> None:
    beheer = auth(Role.BEHEERDER, "beheer")
    beleid = {"first_conversation_weeks": 2, "extra_crisis_kinds": ["ontruiming_kamer"]}
    strict = ZWIJNDRECHT | {"beleid": beleid, "logo": LOGO}
    for bad, field in (
        ({"beleid": {"first_conversation_weeks": 5}}, "beleid.first_conversation_weeks"),
        ({"beleid": {"extra_crisis_kinds": ["Kamer!"]}}, "beleid.extra_crisis_kinds.0"),
        ({"logo": "https://example.org/logo.png"}, "logo"),
    ):
        refused = assert_problem(await api.put("/api/v1/beheer/gemeenten/0642", json=strict | bad, headers=beheer), 422)
        assert refused["invalidParams"][0]["name"] == field
    put = await api.put("/api/v1/beheer/gemeenten/0642", json=strict, headers=beheer)
    assert put.status_code == 201, put.text
    assert (put.json()["beleid"]["first_conversation_weeks"], put.json()["logo"]) == (2, LOGO)
    theirs = (await api.get("/api/v1/beheer/beleid?gemeente=0642", headers=beheer)).json()
    ours = (await api.get("/api/v1/beheer/beleid", headers=beheer)).json()
    assert (theirs["first_conversation_weeks"], ours["first_conversation_weeks"]) == (2, 4)
    assert "ontruiming_kamer" in theirs["crisissoorten"]
    assert "ontruiming_kamer" not in ours["crisissoorten"]
    assert_problem(await api.get("/api/v1/beheer/beleid?gemeente=0001", headers=beheer), 422)

    melding = date(2026, 11, 2)
    persoon = aanmelding()["persoon"] | {"postcode": "3331 AB", "woonplaats": "Zwijndrecht"}
    body = aanmelding(persoon=persoon, meldingsdatum=melding.isoformat())
    zwijndrecht = await api.post("/api/v1/aanmeldingen", json=body, headers=auth())
    assert zwijndrecht.status_code == 201, zwijndrecht.text
    assert (
        zwijndrecht.json()["volgende_termijn"]
        == first_conversation_deadline(melding, False, Policy(first_conversation_weeks=2)).isoformat()
    )
    own = await api.post(
        "/api/v1/aanmeldingen", json=aanmelding("123456782", meldingsdatum=melding.isoformat()), headers=auth()
    )
    assert own.json()["volgende_termijn"] == first_conversation_deadline(melding, False, Policy()).isoformat()
    kamer = aanmelding("100000009", persoon=persoon | {"bsn": "100000009"}, crisis="ontruiming_kamer")
    assert (await api.post("/api/v1/aanmeldingen", json=kamer, headers=auth())).status_code == 201
    elders = aanmelding("100000010", crisis="ontruiming_kamer")
    refused = assert_problem(await api.post("/api/v1/aanmeldingen", json=elders, headers=auth()), 422)
    assert refused["invalidParams"][0]["name"] == "crisis"

    with sessions() as session:
        [letter] = session.exec(select(Brief).where(Brief.traject_id == zwijndrecht.json()["id"])).all()
        [other] = session.exec(select(Brief).where(Brief.traject_id == own.json()["id"])).all()
    assert f'<img class="logo" src="{LOGO}" alt="Logo van Gemeente Zwijndrecht">' in letter.html
    assert "<img" not in other.html
