"""The national data delivery (DDAS schuldhulpverlening) collected through the API as CBS does: every traject
that ran in the period, with each field taken from what was recorded, in the structure the specification
requires, one page at a time; CBS reads nothing else, and nobody else reads this."""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import jsonschema_rs
import jwt
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from sqlmodel import select

from api.app import create_app
from api.auth import Role, issue_token
from runtime.settings import Settings
from store.db import SessionFactory, migrate
from store.models import AuditEntry, Signaal
from tests.api.conftest import Headers, aanmelding, assert_problem, detail, eventually, gesprek, today, toelating
from tests.api.ddas_schema import UITWISSELMODEL, UITWISSELMODEL_VS
from tests.api.test_schuldeisers import CLAIM, ask, creditor, stable_traject
from tests.api.test_schuldregeling import HUISHOUDEN, proposals, regeling
from tests.api.test_signalen import _json, signaal

DDAS = "/api/v1/ddas/schuldhulpverlening/gegevens"
VALIDATOR = jsonschema_rs.validator_for(UITWISSELMODEL)
YEAR = {"aanleverperiodeStartdatum": f"{today().year}-01-01", "aanleverperiodeEinddatum": f"{today().year}-12-31"}


async def collect(api: httpx.AsyncClient, auth: Headers, **body: Any) -> dict[str, Any]:
    response = await api.post(DDAS, json=YEAR | body, headers=auth(Role.CBS, "cbs"))
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    VALIDATOR.validate(answer["gegevens"])
    return answer


async def couple_in_a_settlement(api: httpx.AsyncClient, auth: Headers) -> str:
    """A couple in a crisis, with budgetbeheer, a collection measure that went on (a moratorium asked), a
    creditor's claim and a settlement whose term started."""
    partner = {"bsn": "100000009", "naam": "Marco de Vries"}
    url = await stable_traject(api, auth, crisis="gedwongen_woningontruiming", partner=partner)
    begeleiding = {"soort": "budgetbeheer", "aanbieder": "Kredietbank", "start_op": today().isoformat()}
    assert (await api.post(f"{url}/begeleidingen", json=begeleiding, headers=auth())).status_code == 201
    zorg = await creditor(api, auth, "Zilveren Kruis")
    measure = {"soort": "beslag", "schuldeiser_id": zorg, "datum": today().isoformat()}
    [maatregel] = (await api.post(f"{url}/incassomaatregelen", json=measure, headers=auth())).json()["maatregelen"]
    goes_on = await api.post(f"{url}/incassomaatregelen/{maatregel['maatregel_id']}/voortzetting", headers=auth())
    assert goes_on.status_code == 201, goes_on.text
    [verzoek] = (await ask(api, auth, url, zorg))["verzoeken"]
    claim = CLAIM | {"peildatum": today().isoformat(), "bron": "papier", "debiteur": "samen"}
    assert (
        await api.post(f"{url}/verzoeken/{verzoek['id']}/vorderingen", json=claim, headers=auth())
    ).status_code == 201
    await eventually(lambda: detail(api, auth, url), lambda t: t["overzicht_compleet"])
    assert (await api.post(f"{url}/afloscapaciteit", json=HUISHOUDEN, headers=auth())).status_code == 201
    assert (await api.post(f"{url}/voorstel", json={"soort": "saneringskrediet"}, headers=auth())).status_code == 201
    await eventually(lambda: proposals(api, auth, zorg), bool)
    agreed = await api.post(f"{url}/regeling/reacties", json={"schuldeiser_id": zorg, "akkoord": True}, headers=auth())
    assert agreed.status_code == 201, agreed.text
    await eventually(lambda: regeling(api, auth, url), lambda r: r["status"] == "loopt")
    return url


async def test_every_traject_of_the_period_is_delivered_field_by_field(
    api: httpx.AsyncClient, auth: Headers, sessions: SessionFactory
) -> None:
    couple = await couple_in_a_settlement(api, auth)
    stable = await stable_traject(api, auth, "123456782")
    closed = {"reden": "stabiel", "besluit_op": today().isoformat()}
    assert (await api.post(f"{stable}/afsluiting", json=closed, headers=auth())).status_code == 201
    dropped = await stable_traject(api, auth, "100000010")
    assert (await api.post(f"{dropped}/uitval", json={"reden": "geen_contact"}, headers=auth())).status_code == 201
    refused: str = (await api.post("/api/v1/aanmeldingen", json=aanmelding("100000022"), headers=auth())).json()["url"]
    assert (await api.post(f"{refused}/gesprekken", json=gesprek(today()), headers=auth())).status_code == 201
    afwijzing = toelating(today()) | {"besluit": "afwijzing", "motivering": "U kunt uw schulden zelf betalen."}
    assert (await api.post(f"{refused}/beschikkingen", json=afwijzing, headers=auth())).status_code == 201

    answer = await collect(api, auth)

    assert "paginering" not in answer
    gegevens = answer["gegevens"]
    assert (gegevens["startdatumLevering"], gegevens["einddatumLevering"]) == (
        f"{today().year}-01-01",
        f"{today().year}-12-31",
    )
    [levering] = gegevens["leveringen"]
    assert levering["aanleverende_organisatie"]["(Statutaire) Naam"] == "Gemeente Voorbeeldstad"
    assert levering["aanleverende_organisatie"]["gemeentecode"] == "9999"
    by_bsn = {t["client"][0]["Burgerservicenummer"]: t for t in levering["schuldhulptrajecten"]}
    assert set(by_bsn) == {"111222333", "123456782", "100000010", "100000022"}
    day = today().isoformat()

    settled = by_bsn["111222333"]
    assert [c["Burgerservicenummer"] for c in settled["client"]] == ["111222333", "100000009"]
    assert settled["client"][1] == {"Burgerservicenummer": "100000009", "Postcode": "3311AA", "Huisnummer": "1"}
    assert settled["aanmelding"] == {"startdatum": day, "einddatum": day, "crisisinterventie": True}
    assert settled["crisisinterventies"] == [{"startdatum": day, "einddatum": day}]
    assert settled["intake"]["beschikkingssoort"] == "Toelatingsbeschikking"
    assert settled["planVanAanpak"] == {"datumAfronding": day}
    assert settled["moratoria"] == [{"datumAanvraag": day}]
    assert settled["begeleiding"] == [{"soort": "Budgetbeheer", "startdatum": day}]
    assert settled["schulden"] == [
        {
            "bedrag": round(CLAIM["totaal_cent"] / 100),
            "peildatum": day,
            "schuldsoort": "Overig",
            "zakelijkeSchuld": False,
            "schuldeiser": {"naam": "Zilveren Kruis", "privepersoon": False},
        }
    ]
    assert settled["schuldregeling"] == {"datum": day, "toegekend": day, "dwangakkoord": False}
    vtlb = (await detail(api, auth, couple))["afloscapaciteit"]["vtlb_cent"]
    assert settled["oplossing"] == {"soort": "Saneringskrediet", "startdatum": day, "vtlb": round(vtlb / 100)}
    assert "uitstroom" not in settled

    assert by_bsn["123456782"]["uitstroom"] == {"datum": day, "datumBeeindigingsbeschikking": day, "reden": "Afgerond"}
    assert by_bsn["100000010"]["uitstroom"]["reden"] == "Nietverschenen"
    assert by_bsn["100000022"]["intake"]["beschikkingssoort"] == "Afwijzingsbeschikking"
    assert by_bsn["100000022"]["uitstroom"]["reden"] == "Niet passend"
    assert "toekenningsdatum" not in by_bsn["100000022"]

    with sessions() as session:
        [audited] = session.exec(select(AuditEntry).where(AuditEntry.action == "ddas-levering")).all()
    assert (audited.actor, audited.role) == ("cbs", "cbs")


async def test_pages_and_the_period(api: httpx.AsyncClient, auth: Headers) -> None:
    for bsn in ("111222333", "123456782", "100000010"):
        assert (await api.post("/api/v1/aanmeldingen", json=aanmelding(bsn), headers=auth())).status_code == 201
    ended = await stable_traject(api, auth, "100000022")
    closed = {"reden": "alleen_advies", "besluit_op": today().isoformat()}
    assert (await api.post(f"{ended}/afsluiting", json=closed, headers=auth())).status_code == 201

    first = await collect(api, auth, pageSize=3)
    second = await collect(api, auth, pageSize=3, page=2)
    assert first["paginering"] == {"pageSize": 3, "currentPage": 1, "totalPages": 2, "totalRecords": 4}
    assert second["paginering"]["currentPage"] == 2
    pages = [first["gegevens"]["leveringen"][0], second["gegevens"]["leveringen"][0]]
    assert [p["teller"] for p in pages] == [1, 2]
    seen = [t["client"][0]["Burgerservicenummer"] for p in pages for t in p["schuldhulptrajecten"]]
    assert sorted(seen) == ["100000010", "100000022", "111222333", "123456782"]
    assert_problem(await api.post(DDAS, json=YEAR | {"pageSize": 3, "page": 3}, headers=auth(Role.CBS, "cbs")), 422)

    # A traject that ended before the period is not delivered; one that still runs in it is.
    tomorrow = (today() + timedelta(days=1)).isoformat()
    later = await collect(
        api, auth, aanleverperiodeStartdatum=tomorrow, aanleverperiodeEinddatum=f"{today().year + 1}-12-31"
    )
    running = [t["client"][0]["Burgerservicenummer"] for t in later["gegevens"]["leveringen"][0]["schuldhulptrajecten"]]
    assert sorted(running) == ["100000010", "111222333", "123456782"]
    before = await collect(api, auth, aanleverperiodeStartdatum="2020-01-01", aanleverperiodeEinddatum="2020-12-31")
    assert before["gegevens"]["leveringen"][0]["schuldhulptrajecten"] == []


async def test_only_cbs_collects_and_cbs_reads_nothing_else(api: httpx.AsyncClient, auth: Headers) -> None:
    url = (await api.post("/api/v1/aanmeldingen", json=aanmelding(), headers=auth())).json()["url"]
    for role in (Role.HULPVERLENER, Role.TOEZICHTHOUDER, Role.BEHEERDER, Role.BEWINDVOERDER):
        assert_problem(await api.post(DDAS, json=YEAR, headers=auth(role, "iemand")), 403)
    assert_problem(await api.post(DDAS, json=YEAR), 401)
    as_cbs = auth(Role.CBS, "cbs")
    for path in (url, "/api/v1/trajecten", "/api/v1/toezicht/monitor", "/api/v1/medewerkers"):
        assert_problem(await api.get(path, headers=as_cbs), 403)


async def test_a_request_the_specification_does_not_allow_is_refused(api: httpx.AsyncClient, auth: Headers) -> None:
    as_cbs = auth(Role.CBS, "cbs")
    backwards = {"aanleverperiodeStartdatum": "2026-12-31", "aanleverperiodeEinddatum": "2026-01-01"}
    for body in (
        backwards,
        YEAR | {"pageSize": 25_001},
        YEAR | {"page": 0},
        YEAR | {"filter": "alles"},
        {"aanleverperiodeStartdatum": "2026-01-01"},
        YEAR | {"aanleverende_organisatie": "Gemeente Elders"},
    ):
        assert_problem(await api.post(DDAS, json=body, headers=as_cbs), 422)


def self_signed(directory: Path) -> tuple[Path, Path]:
    """A signing key and a self-signed certificate, as PEM files: what a test has instead of PKIoverheid."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Gemeente Voorbeeldstad DDAS")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_file, chain_file = directory / "ddas.key", directory / "ddas.pem"
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    chain_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return key_file, chain_file


async def test_the_delivery_is_signed_over_the_exact_body(settings: Settings, tmp_path: Path) -> None:
    key_file, chain_file = self_signed(tmp_path)
    signing = settings.model_copy(update={"ddas_sleutel": key_file, "ddas_certificaat": chain_file})
    migrate(signing.database_url)
    token = issue_token(signing, Role.CBS, "cbs")
    transport = httpx.ASGITransport(app=create_app(signing))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.post(DDAS, json=YEAR, headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 200, response.text
    body = response.content
    assert response.headers["Digest"] == "SHA-256=" + base64.b64encode(hashlib.sha256(body).digest()).decode()
    signature = response.headers["nlgov-adr-payload-sig"]
    _, payload, _ = signature.split(".")
    assert payload == ""
    header = jwt.get_unverified_header(signature)
    assert (header["alg"], header["typ"], header["kid"]) == ("PS256", "JOSE", "ddas-1")
    signer = x509.load_der_x509_certificate(base64.b64decode(header["x5c"][0]))
    verified = jwt.api_jws.decode_complete(signature, signer.public_key(), algorithms=["PS256"], detached_payload=body)
    assert verified["payload"] == body
    # A body changed in transit no longer matches its signature.
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.api_jws.decode_complete(signature, signer.public_key(), algorithms=["PS256"], detached_payload=body + b" ")


VS = "/api/v1/ddas/vroegsignalering/gegevens"
VS_VALIDATOR = jsonschema_rs.validator_for(UITWISSELMODEL_VS)


async def test_vroegsignalering_cases_signals_and_a_known_client(
    api: httpx.AsyncClient, auth: Headers, sessions: SessionFactory
) -> None:
    woonbron, eneco = auth(Role.SIGNAALPARTNER, "woonbron"), auth(Role.SIGNAALPARTNER, "eneco")
    assert (await api.post("/api/v1/signalen", json=signaal(), headers=woonbron)).status_code == 201
    [case] = await eventually(lambda: _json(api.get("/api/v1/signaleringen", headers=auth())), bool)
    outcome = {"bereikt": True, "kanaal": "telefoon", "hulp": "afgewezen"}
    assert (await api.post(f"{case['url']}/uitkomst", json=outcome, headers=auth())).status_code == 201
    # Piet's signal opened a case that waits; its personal data is gone, as the retention term does it.
    piet = signaal(soort="energie", bsn="123456782", naam="Piet Jansen", straat="Dorpsweg 2b", kenmerk="EN-1")
    piets = (await api.post("/api/v1/signalen", json=piet, headers=eneco)).json()["id"]
    await eventually(lambda: _json(api.get("/api/v1/signaleringen", headers=auth())), lambda cases: len(cases) == 2)
    with sessions() as session:
        row = session.get(Signaal, piets)
        assert row is not None
        row.bsn = row.naam = row.straat = row.postcode = row.woonplaats = row.telefoon = None
        session.add(row)
        session.commit()
    # Marco already has a traject: his signal goes to the caseworker and opens no case.
    assert (await api.post("/api/v1/aanmeldingen", json=aanmelding("100000009"), headers=auth())).status_code == 201
    known = signaal(bsn="100000009", naam="Marco de Vries", kenmerk="WB-9")
    assert (await api.post("/api/v1/signalen", json=known, headers=woonbron)).status_code == 201

    response = await api.post(VS, json=YEAR, headers=auth(Role.CBS, "cbs"))

    assert response.status_code == 200, response.text
    assert response.headers["Digest"].startswith("SHA-256=")
    gegevens = response.json()["gegevens"]
    VS_VALIDATOR.validate(gegevens)
    [levering] = gegevens["leveringen"]
    assert levering["gemeentecode"] == "9999"
    signals = {s["client"].get("Burgerservicenummer", "weg"): s for s in levering["vroegsignalen"]}
    assert set(signals) == {"111222333", "weg", "100000009"}
    day = today().isoformat()
    assert signals["111222333"] == {
        "ID": signals["111222333"]["ID"],
        "crisissignaal": False,
        "warmeOverdracht": False,
        "bedrag": 1200,
        "ontstaansdatum": day,
        "signaaldatum": day,
        "signaalpartner": {"type": "Huur"},
        "client": {
            "Burgerservicenummer": "111222333",
            "Straatnaam": "Kerkstraat",
            "Huisnummer": "1",
            "Postcode": "3311AA",
            "Plaatsnaam": "Dordrecht",
        },
    }
    assert (signals["weg"]["client"], signals["weg"]["signaalpartner"]) == ({}, {"type": "Energie"})
    assert signals["100000009"]["warmeOverdracht"] is True
    zaken = {z["vroegsignalen"][0]["ID"]: z for z in levering["vroegsignaalzaken"]}
    assert zaken[signals["111222333"]["ID"]]["resultaat"] == "Inwoner hoeft geen hulp vanuit vroegsignalering"
    reached = [p for p in zaken[signals["111222333"]["ID"]]["contactpogingen"] if p["bereikt"]]
    assert reached == [{"soort": "Telefoon", "bereikt": True, "datum": day}]
    assert "resultaat" not in zaken[piets]
    assert zaken[signals["100000009"]["ID"]]["resultaat"] == "Inwoner al bekend bij schuldhulpverlening"

    paged = await api.post(VS, json=YEAR | {"pageSize": 2, "page": 2}, headers=auth(Role.CBS, "cbs"))
    assert paged.json()["paginering"] == {"pageSize": 2, "currentPage": 2, "totalPages": 2, "totalRecords": 3}
    assert len(paged.json()["gegevens"]["leveringen"][0]["vroegsignaalzaken"]) == 1
    assert_problem(await api.post(VS, json=YEAR, headers=auth()), 403)
