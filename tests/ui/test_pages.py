"""Who sees which page of the werkplek: a browser without a session goes to the login page (a fragment
tells htmx to send the whole tab there), a role that may not see a page gets 403, and the page's headers
keep personal data out of caches and other sites out of the page."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest
from fastapi import FastAPI
from sqlmodel import Session, select

from api.app import create_app
from domain.doorverwijzing import Doorverwijzing, DoorverwijzingSoort
from domain.policy import Policy
from domain.traject import Clock, Deadline, reference
from domain.vordering import reply_working_days
from domain.wgs_deadlines import add_working_days
from runtime.clock import today
from runtime.settings import Settings
from store.db import make_engine, migrate
from store.dossier import register
from store.models import AuditEntry, Schuldeiser, Signaal, Verzoek
from tests.conftest import make_start
from tests.store.test_dossier_store import state_of
from ui.pages import CLOCKS_PER_PAGE
from ui.render import aftelling, bedrag, datum, datumtijd

# A fixed id: every xdist worker must collect the same test ids.
TRAJECT = "/werkplek/trajecten/3f1c2a9e-5b7d-4c1e-9a2f-0d6b8e4c7a11"
BETROKKEN = "/betrokken/trajecten/3f1c2a9e-5b7d-4c1e-9a2f-0d6b8e4c7a11"
PAGES: dict[str, set[str]] = {
    "/werkplek": {"hulpverlener"},
    "/werkplek/lijst": {"hulpverlener"},
    "/werkplek/vandaag": {"hulpverlener"},
    "/werkplek/aanmelden": {"hulpverlener"},
    "/werkplek/advies": {"hulpverlener"},
    "/werkplek/zoeken": {"hulpverlener", "toezichthouder"},
    "/werkplek/kredietbank": {"hulpverlener"},
    "/werkplek/signaleringen": {"hulpverlener"},
    "/toezicht": {"toezichthouder"},
    "/toezicht/werkverdeling": {"toezichthouder"},
    "/toezicht/stilstand": {"toezichthouder"},
    "/toezicht/trajecten": {"toezichthouder"},
    "/toezicht/monitor": {"toezichthouder"},
    "/toezicht/schuldeisers": {"toezichthouder"},
    "/toezicht/storingen": {"toezichthouder", "beheerder"},
    "/beheer": {"beheerder"},
    TRAJECT: {"hulpverlener", "toezichthouder"},
    f"{TRAJECT}/stand": {"hulpverlener", "toezichthouder"},
    f"{TRAJECT}/dossier": {"hulpverlener", "toezichthouder"},
    f"{TRAJECT}/stappen": {"hulpverlener", "toezichthouder"},
    "/betrokken": {"ketenpartner", "bewindvoerder", "maatje"},
    "/betrokken/aanmelden": {"bewindvoerder"},
    BETROKKEN: {"ketenpartner", "bewindvoerder", "maatje"},
    "/schuldeiser": {"schuldeiser"},
    "/signaalpartner": {"signaalpartner"},
    "/signaalpartner/signalen": {"signaalpartner"},
}
ROLES = (
    "hulpverlener",
    "toezichthouder",
    "beheerder",
    "ketenpartner",
    "bewindvoerder",
    "maatje",
    "schuldeiser",
    "signaalpartner",
)


def browser_for(settings: Settings) -> httpx.AsyncClient:
    migrate(settings.database_url)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(settings)), base_url="http://werkplek.test")


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings(environment="development", database_url=f"sqlite:///{tmp_path / 'dossier.db'}")
    async with browser_for(settings) as client:
        yield client


@pytest.fixture(scope="module")
def matrix_app(tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    """One app on one empty dossier for the role and page matrix, which only reads: building an app and
    migrating a dossier per case took most of the matrix's time."""
    database = tmp_path_factory.mktemp("matrix") / "dossier.db"
    settings = Settings(environment="development", database_url=f"sqlite:///{database}")
    migrate(settings.database_url)
    return create_app(settings)


@pytest.fixture
async def fresh_browser(matrix_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """A browser of its own (no cookies yet) on the matrix's app."""
    transport = httpx.ASGITransport(app=matrix_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://werkplek.test") as client:
        yield client


async def log_in(client: httpx.AsyncClient, role: str) -> None:
    assert (await client.post("/api/v1/sessies", json={"rol": role, "naam": f"{role}-1"})).status_code == 201


@pytest.mark.parametrize("path", PAGES)
async def test_without_a_session_a_page_sends_the_browser_to_login(fresh_browser: httpx.AsyncClient, path: str) -> None:
    client = fresh_browser
    response = await client.get(path)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/inloggen?terug=")
    fragment = await client.get(path, headers={"HX-Request": "true"})
    assert fragment.status_code == 401
    assert fragment.headers["HX-Redirect"].startswith("/inloggen")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", PAGES)
async def test_a_role_sees_only_its_own_pages(fresh_browser: httpx.AsyncClient, role: str, path: str) -> None:
    client = fresh_browser
    await log_in(client, role)
    response = await client.get(path)
    if role in PAGES[path] and path == BETROKKEN:
        # Not linked to this partner (here: not there at all): not found, the same either way.
        assert response.status_code == 404
        assert "Geen toegang" in response.text
    elif role in PAGES[path] and not path.startswith(TRAJECT):
        assert response.status_code == 200, response.text
    else:
        # A traject that does not exist answers as a page one may not see: no way to probe for ids.
        assert response.status_code == 403
        assert "Geen toegang" in response.text


@pytest.mark.parametrize("path", ["/werkplek", "/werkplek/lijst", "/inloggen"])
async def test_no_page_takes_a_write(client: httpx.AsyncClient, path: str) -> None:
    await log_in(client, "hulpverlener")
    assert (await client.post(path, json={})).status_code == 405


async def test_each_role_starts_on_its_own_page(client: httpx.AsyncClient) -> None:
    assert (await client.get("/")).headers["location"] == "/inloggen"
    for role, start in (
        ("hulpverlener", "/werkplek"),
        ("toezichthouder", "/toezicht"),
        ("beheerder", "/beheer"),
        ("ketenpartner", "/betrokken"),
        ("maatje", "/betrokken"),
        ("schuldeiser", "/schuldeiser"),
        ("signaalpartner", "/signaalpartner"),
    ):
        await log_in(client, role)
        assert (await client.get("/")).headers["location"] == start


async def test_a_page_is_not_cached_and_runs_only_our_own_scripts(client: httpx.AsyncClient) -> None:
    await log_in(client, "hulpverlener")
    response = await client.get("/werkplek")
    assert response.headers["cache-control"] == "no-store"
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert '<meta name="csrf-token" content="' in response.text


async def test_a_list_that_did_not_change_answers_304_and_logs_no_read(
    client: httpx.AsyncClient, tmp_path: Path
) -> None:
    await log_in(client, "hulpverlener")
    first = await client.get("/werkplek/lijst")
    assert first.status_code == 200
    logged = reads(tmp_path)
    again = await client.get("/werkplek/lijst", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert reads(tmp_path) == logged > 0


def reads(folder: Path) -> int:
    """How many reads the audit log holds."""
    with Session(make_engine(f"sqlite:///{folder / 'dossier.db'}")) as session:
        return len(session.exec(select(AuditEntry)).all())


async def test_a_filter_that_is_not_one_is_refused(client: httpx.AsyncClient) -> None:
    await log_in(client, "hulpverlener")
    assert (await client.get("/werkplek?fase=&termijn=&wacht_op=&crisis=")).status_code == 200
    assert (await client.get("/werkplek?termijn=gisteren")).status_code == 422


async def test_the_login_page_offers_a_login_only_in_development(tmp_path: Path) -> None:
    settings = Settings(environment="test", database_url=f"sqlite:///{tmp_path / 'dossier.db'}")
    migrate(settings.database_url)
    async with browser_for(settings) as client:
        page = await client.get("/inloggen")
    assert page.status_code == 200
    assert "/api/v1/sessies" not in page.text


async def test_the_assets_come_from_the_lock_file_not_a_cdn(client: httpx.AsyncClient) -> None:
    for name in ("nl-design-system.css", "thema.css", "htmx.js", "werkplek.css", "werkplek.js"):
        response = await client.get(f"/static/{name}")
        assert response.status_code == 200, name
        assert response.headers["cache-control"] == "no-cache"
    assert (await client.get("/static/..%2Fpages.py")).status_code == 404


def test_dates_amounts_and_countdowns_as_people_write_them() -> None:
    assert datum(date(2026, 11, 23)) == "23 november 2026"
    assert datumtijd(datetime(2026, 11, 23, 13, 5, tzinfo=ZoneInfo("UTC"))) == "23 november 2026, 14.05 uur"
    assert bedrag(123456) == "€ 1.234,56"
    assert bedrag(5) == "€ 0,05"
    monday = date(2026, 11, 23)
    assert aftelling(date(2026, 11, 25), monday)["status"] == "waarschuwing"
    assert aftelling(date(2026, 11, 25), monday, warn=1)["status"] == "ok"
    assert aftelling(date(2026, 11, 25), monday)["tekst"] == "nog 2 werkdagen"
    assert aftelling(date(2026, 11, 30), monday)["status"] == "ok"
    assert aftelling(monday, monday)["tekst"] == "vandaag"
    late = aftelling(date(2026, 11, 20), monday)
    assert (late["status"], late["tekst"]) == ("overschreden", "1 werkdag over tijd")
    assert aftelling(None, monday)["status"] == "geen"


async def test_the_monitor_page_names_a_period_that_cannot_be(client: httpx.AsyncClient) -> None:
    await log_in(client, "toezichthouder")
    backwards = await client.get("/toezicht/monitor", params={"van": "2026-12-01", "tot": "2026-11-01"})
    not_a_day = await client.get("/toezicht/monitor", params={"van": "1 december"})
    fine = await client.get("/toezicht/monitor", params={"van": "2026-11-01", "tot": "2026-12-01", "team": "Noord"})
    assert "Van: ligt na tot" in backwards.text
    assert "Van: is geen datum" in not_a_day.text
    assert "Aanmeldingen" not in not_a_day.text.split("Deze keuze kan niet")[1]
    assert "Cijfers van 1 november 2026 tot en met 1 december 2026, team Noord." in fine.text
    assert 'href="/api/v1/toezicht/monitor/csv?van=2026-11-01&amp;tot=2026-12-01&amp;team=Noord"' in fine.text


def open_requests_to(tmp_path: Path, creditor: Schuldeiser, *days_ago: int) -> str:
    """A new traject whose requests to `creditor`, one sent each of `days_ago` days ago, wait for an answer;
    the traject's id."""
    start = make_start(today())
    with Session(make_engine(f"sqlite:///{tmp_path / 'dossier.db'}")) as session:
        register(session, start, state_of(start))
        session.add(creditor)
        session.flush()
        for number, days in enumerate(days_ago):
            sent = today() - timedelta(days=days)
            session.add(
                Verzoek(
                    id=f"v-{number}",
                    traject_id=start.traject_id,
                    schuldeiser_id=creditor.id,
                    status="open",
                    verstuurd_op=sent,
                )
            )
        session.commit()
    return start.traject_id


async def test_the_console_lists_the_requests_waiting_longest_with_their_creditor_and_traject(
    client: httpx.AsyncClient, tmp_path: Path
) -> None:
    creditor = Schuldeiser(id="se-traag", naam="Incasso Traag", soort="deurwaarder", kanaal="post")
    traject_id = open_requests_to(tmp_path, creditor, 30, 3)
    await log_in(client, "toezichthouder")
    page = (await client.get("/toezicht/schuldeisers")).text
    waiting = page.split("Verzoeken die het langst wachten")[1]
    link = f'href="/werkplek/trajecten/{traject_id}">{reference(traject_id)}</a>'
    assert waiting.count(link) == 2
    # The oldest first: 30 days before 3.
    assert waiting.index(">30<") < waiting.index(">3<")
    assert "Incasso Traag" in page.split("Hoe snel antwoorden zij?")[1]


async def test_a_creditor_is_told_by_when_to_answer_and_since_when_an_answer_is_awaited(
    client: httpx.AsyncClient, tmp_path: Path
) -> None:
    asked_by = add_working_days(today() - timedelta(days=30), reply_working_days(Policy()))
    # The creditor logs in as its id in the registry: log_in names the session schuldeiser-1.
    open_requests_to(
        tmp_path, Schuldeiser(id="schuldeiser-1", naam="Woonbron", soort="verhuurder", kanaal="api"), 30, 0
    )
    await log_in(client, "schuldeiser")
    page = (await client.get("/schuldeiser")).text
    assert f"Wij wachten op uw antwoord sinds {datum(asked_by)}." in page
    assert f"Graag uw antwoord uiterlijk {datum(add_working_days(today(), reply_working_days(Policy())))}." in page


async def test_a_signal_about_a_known_client_is_a_task_for_its_caseworker(
    client: httpx.AsyncClient, tmp_path: Path
) -> None:
    start = replace(make_start(today()), caseworker="hulpverlener-1")
    with Session(make_engine(f"sqlite:///{tmp_path / 'dossier.db'}")) as session:
        register(session, start, state_of(start))
        session.add(
            Signaal(
                id="s-1",
                partner_id="woonbron",
                soort="huur",
                ontvangen_op=today(),
                datum=today(),
                achterstand_cent=120_000,
                achterstand_maanden=2,
                crisis="gedwongen_woningontruiming",
                traject_id=start.traject_id,
            )
        )
        session.commit()
    await log_in(client, "hulpverlener")
    vandaag = await client.get("/werkplek/vandaag")
    dossier = await client.get(f"/werkplek/trajecten/{start.traject_id}/dossier")
    assert "Signaal over uw cliënt: achterstand huur" in vandaag.text
    assert "Signalen van partners" in dossier.text
    assert "achterstand huur van € 1.200,00 (2 maanden), gemeld door woonbron" in dossier.text
    assert "Dreigende huisuitzetting" in dossier.text


async def test_a_referral_due_for_its_check_is_a_task_for_its_caseworker(
    client: httpx.AsyncClient, tmp_path: Path
) -> None:
    start = replace(make_start(today()), caseworker="hulpverlener-1")
    referral = Doorverwijzing("d-1", DoorverwijzingSoort.BBZ, "Bbz Drechtsteden", today(), today())
    with Session(make_engine(f"sqlite:///{tmp_path / 'dossier.db'}")) as session:
        register(session, start, state_of(start, doorverwijzingen=[referral]))
    await log_in(client, "hulpverlener")
    vandaag = await client.get("/werkplek/vandaag")
    assert "Nagaan: aangekomen bij Bbz Drechtsteden?" in vandaag.text


async def test_the_console_lists_the_clocks_a_page_at_a_time(client: httpx.AsyncClient, tmp_path: Path) -> None:
    breached = [Deadline(Clock.EERSTE_GESPREK, today() - timedelta(days=14), None, True)]
    with Session(make_engine(f"sqlite:///{tmp_path / 'dossier.db'}")) as session:
        for nr in range(CLOCKS_PER_PAGE + 1):
            start = make_start(today() - timedelta(days=42), bsn=f"{nr:09d}")
            register(session, start, state_of(start, deadlines=breached))
    await log_in(client, "toezichthouder")
    first = await client.get("/toezicht")
    second = await client.get("/toezicht", params={"pagina": 2})
    past_the_end = await client.get("/toezicht", params={"pagina": 3, "team": "Noord"})
    assert f"{CLOCKS_PER_PAGE + 1} termijnen; pagina 1 van 2." in first.text
    assert first.text.count("termijn--overschreden") == CLOCKS_PER_PAGE + 1  # the count per caseworker, and the page
    assert 'href="/toezicht?pagina=2#aandacht-kop">Volgende pagina' in first.text
    assert "Vorige pagina" not in first.text
    assert second.text.count('scope="row"><a class="utrecht-link" href="/werkplek/trajecten/') == 1
    assert 'href="/toezicht?pagina=1#aandacht-kop">Vorige pagina' in second.text
    assert "Volgende pagina" not in second.text
    assert 'Deze pagina is leeg. <a class="utrecht-link" href="/toezicht?team=Noord">' in past_the_end.text
    assert (await client.get("/toezicht", params={"pagina": 0})).status_code == 422


async def test_the_beheer_page_lists_the_gemeenten_with_their_areas_and_own_terms(client: httpx.AsyncClient) -> None:
    await log_in(client, "beheerder")
    empty = (await client.get("/beheer")).text
    assert "Staat hier geen gemeente, dan werkt deze installatie alleen voor" in empty
    csrf = {"X-CSRF-Token": empty.split('<meta name="csrf-token" content="', 1)[1].split('"', 1)[0]}
    zwijndrecht = {
        "naam": "Gemeente Zwijndrecht",
        "adres": "Bouwmanplein 1",
        "telefoon": "14 078",
        "postcodes": ["3331", "3332"],
        "beleid": {"first_conversation_weeks": 3, "extra_crisis_kinds": ["ontruiming_kamer"]},
    }
    assert (await client.put("/api/v1/beheer/gemeenten/0642", json=zwijndrecht, headers=csrf)).status_code == 201
    text = (await client.get("/beheer")).text
    assert '<th class="utrecht-table__header-cell" scope="row">Gemeente Zwijndrecht</th>' in text
    assert "3331, 3332" in text
    assert "Staat hier geen gemeente" not in text
    assert "<li>Eerste gesprek binnen (weken): 3</li>" in text
    assert "<li>Eigen crisissoorten: ontruiming_kamer</li>" in text
    assert 'name="beleid.beschikking_weeks"' in text
