"""The supervisor's console in the browser: the beheerder fills the staff register, a toezichthouder hands one
traject to a colleague with a note the new caseworker sees, and moves a leaver's whole werkvoorraad to a team
and reads the report per traject. Every page and state is scanned for WCAG 2.1 A/AA."""

from __future__ import annotations

import base64
import re
import shutil
import time
from datetime import timedelta
from typing import Any

import httpx
import pytest
from playwright.sync_api import Locator, Page, Route, expect

from api.auth import Role, issue_token
from domain.traject import reference
from tests.api.conftest import PLAN, aanmelding, gesprek, today, toelating
from tests.api.test_toezicht import crisis_reported_on
from tests.browser.conftest import screenshot
from tests.browser.test_werkplek import assert_accessible
from tests.e2e.stack import Stack, bsn

pytestmark = [pytest.mark.slow]

# A gemeente's logo, as a beheerder would choose it: an SVG file.
LOGO_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40">'
    b'<path d="M4 8h22L4 32h22" fill="none" stroke="#00689e" stroke-width="5"/><text x="32" y="27"'
    b' font-family="serif" font-size="15" fill="#00689e">Zwijndrecht</text></svg>'
)
TEAM = {
    "hv-anna": {"naam": "Anna Bakker", "team": "Noord", "telefoon": "078 770 4001", "rol": "hulpverlener"},
    "hv-cas": {"naam": "Cas Visser", "team": "Noord", "telefoon": "078 770 4003", "rol": "hulpverlener"},
    "hv-dewi": {"naam": "Dewi Smit", "team": "Zuid", "telefoon": "078 770 4004", "rol": "hulpverlener"},
}


def put_staff(stack: Stack, login: str, body: dict[str, Any]) -> None:
    token = issue_token(stack.settings, Role.BEHEERDER, "beheerder-demo")
    response = httpx.put(
        f"{stack.url}/api/v1/medewerkers/{login}", json=body, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code in (200, 201), response.text


def traject_of(stack: Stack, number: int, sub: str) -> dict[str, Any]:
    response = httpx.post(
        f"{stack.url}/api/v1/aanmeldingen", json=aanmelding(bsn(number)), headers=stack.headers(sub=sub), timeout=60
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def log_in(page: Page, name: str, role: str = "Hulpverlener") -> None:
    """Log in from the login page, which leads each role to its own start page."""
    page.goto("/inloggen")
    page.get_by_label("Rol").select_option(label=role)
    page.get_by_label("Naam").fill(name)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).not_to_have_url(re.compile("inloggen"))
    page.wait_for_load_state("load")


def staff_form(page: Page, login: str, naam: str, team: str, telefoon: str, rol: str) -> Locator:
    """The Beheer page's staff form, opened and filled in; the caller sends it."""
    page.locator("summary", has_text="Medewerker toevoegen of wijzigen").click()
    form = page.locator("form[action='/api/v1/medewerkers/{medewerker_id}']")
    form.get_by_label("Inlognaam").fill(login)
    form.get_by_label("Naam", exact=True).fill(naam)
    form.get_by_label("Team").fill(team)
    form.get_by_label("Telefoon").fill(telefoon)
    form.get_by_label("Rol").select_option(rol)
    return form


def test_the_beheerder_adds_a_caseworker_to_the_register(page: Page, stack: Stack) -> None:
    log_in(page, name="beheerder-demo", role="Beheerder")
    expect(page.get_by_role("heading", name="Beheer", level=1)).to_be_visible()
    form = staff_form(page, "hv-bram", "Bram Jansen", "Noord", "bel mij", "hulpverlener")
    form.get_by_role("button", name="Opslaan").click()
    expect(form.locator("[data-veld='telefoon'] .utrecht-form-field-error-message")).to_be_visible()
    assert_accessible(page)
    form.get_by_label("Telefoon").fill("078 770 4002")
    form.get_by_role("button", name="Opslaan").click()
    register = page.get_by_role("region", name="Medewerkers")
    expect(register.get_by_role("row").filter(has_text="Bram Jansen")).to_contain_text("Noord")
    assert_accessible(page)
    screenshot(page, "beheer-medewerkers")


def test_a_supervisor_hands_one_traject_to_a_colleague_who_sees_the_note(page: Page, stack: Stack) -> None:
    for login, body in TEAM.items():
        put_staff(stack, login, body)
    traject = traject_of(stack, 921, "hv-anna")
    log_in(page, name="tz-tom", role="Toezichthouder")
    page.goto(f"/werkplek/trajecten/{traject['id']}")
    expect(page.get_by_text("Anna Bakker, team Noord")).to_be_visible()
    page.locator("summary", has_text="Traject overdragen").click()
    form = page.locator("form[action$='/overdrachten']")
    form.get_by_label("Naar een collega").select_option("hv-cas")
    form.get_by_label("Reden").select_option("afwezig")
    form.get_by_label("Notitie voor de nieuwe hulpverlener").fill("Tanya belt liever na drie uur.")
    form.get_by_role("button", name="Traject overdragen").click()
    expect(page.get_by_text("Cas Visser, team Noord")).to_be_visible()
    note = page.locator(".overdracht-notitie")
    expect(note).to_contain_text("Van Anna Bakker aan Cas Visser")
    expect(note).to_contain_text("Tanya belt liever na drie uur.")
    expect(page.get_by_role("link", name=re.compile("nieuwe contactpersoon"))).to_be_visible()
    assert_accessible(page)
    screenshot(page, "overdracht")

    log_in_as_cas = page.context.browser
    assert log_in_as_cas is not None
    context = log_in_as_cas.new_context(base_url=stack.url, viewport={"width": 1280, "height": 900})
    cas = context.new_page()
    log_in(cas, name="hv-cas")
    expect(cas.get_by_role("link", name=traject["kenmerk"])).to_be_visible()
    context.close()


def test_a_leavers_trajecten_are_spread_over_a_team_with_a_report_per_traject(page: Page, stack: Stack) -> None:
    for login, body in TEAM.items():
        put_staff(stack, login, body)
    moved = [traject_of(stack, number, "hv-dewi")["kenmerk"] for number in (931, 932, 933)]
    log_in(page, name="tz-tom", role="Toezichthouder")
    page.goto("/toezicht/werkverdeling")
    page.get_by_label("Team", exact=True).select_option("Zuid")
    page.get_by_role("button", name="Toon").click()
    expect(page).to_have_url(re.compile(r"team=Zuid"))
    rows = page.locator("table").first.get_by_role("row")
    expect(rows.filter(has_text="Dewi Smit")).to_be_visible()
    expect(rows.filter(has_text="Anna Bakker")).to_have_count(0)
    assert_accessible(page)

    form = page.locator("form[action='/api/v1/toezicht/overdrachten']")
    form.get_by_label("Van hulpverlener").select_option("hv-dewi")
    form.get_by_label("Of verdeel over team").select_option("Noord")
    form.get_by_label("Reden").select_option("uit_dienst")
    form.get_by_label("Notitie voor de nieuwe hulpverleners").fill("Dewi is vertrokken; bel de cliënten deze week.")
    form.get_by_role("button", name="Trajecten overdragen").click()
    report = page.locator("#overdracht-verslag")
    expect(report).to_contain_text("3 van 3 trajecten overgedragen.")
    for kenmerk in moved:
        expect(report.get_by_role("link", name=kenmerk)).to_be_visible()
    expect(page.get_by_role("heading", name="Verslag van de overdracht")).to_be_focused()
    assert_accessible(page)
    screenshot(page, "console-werkverdeling")


def test_the_beheerder_sees_a_letter_stuck_and_has_it_posted_again(page: Page, stack: Stack) -> None:
    outbox = stack.settings.outbox_dir
    shutil.rmtree(outbox, ignore_errors=True)
    outbox.write_text("de printstraat is weg")
    try:
        # The aanmelding answers once its letter is written; the letter's post, which follows, keeps failing.
        response = httpx.post(
            f"{stack.url}/api/v1/aanmeldingen", json=aanmelding(bsn(941)), headers=stack.headers(), timeout=60
        )
        assert response.status_code == 201, response.text
        kenmerk = reference(response.json()["url"].rsplit("/", 1)[1])
        supervisor = {"Authorization": f"Bearer {issue_token(stack.settings, Role.TOEZICHTHOUDER, 'tz-tom')}"}
        for _ in range(120):
            stuck = httpx.get(f"{stack.url}/api/v1/toezicht/storingen", headers=supervisor, timeout=30).json()
            if stuck["activiteiten"]:
                break
            time.sleep(0.5)
        log_in(page, name="beheerder-demo", role="Beheerder")
        page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Storingen").click()
        row = page.get_by_role("row").filter(has_text=kenmerk)
        expect(row).to_contain_text("Brief naar de printstraat sturen")
        expect(row).to_contain_text("Tijdelijke fout")
        assert_accessible(page)
        screenshot(page, "console-vastgelopen")
    finally:
        outbox.unlink(missing_ok=True)
        outbox.mkdir(exist_ok=True)
    row.get_by_role("button", name=re.compile("Nu opnieuw proberen")).click()
    # An attempt that began before the repair may still fail and mark the letter again a moment later; the
    # attempt the repair started clears it, as the beheerder sees when the page loads again.
    nothing_stuck = page.get_by_text("Er mislukt nu niets herhaaldelijk.")
    for _ in range(40):
        if nothing_stuck.is_visible():
            break
        page.wait_for_timeout(500)
        page.reload()
    expect(nothing_stuck).to_be_visible()
    for _ in range(60):
        if any(outbox.glob("*.html")):
            break
        time.sleep(0.25)
    assert len(list(outbox.glob("*.html"))) == 1


def test_a_supervisor_reads_the_monitor_of_one_team_and_downloads_it(page: Page, stack: Stack) -> None:
    put_staff(
        stack, "hv-eva", {"naam": "Eva de Wit", "team": "West", "telefoon": "078 770 4005", "rol": "hulpverlener"}
    )
    eva = stack.headers(sub="hv-eva")
    melding = today() - timedelta(days=25)
    seen = aanmelding(bsn(951), meldingsdatum=melding.isoformat())
    registered = httpx.post(f"{stack.url}/api/v1/aanmeldingen", json=seen, headers=eva, timeout=60)
    assert registered.status_code == 201, registered.text
    url = registered.json()["url"]
    for path, body in (
        ("gesprekken", gesprek(melding + timedelta(days=5))),
        ("beschikkingen", toelating(today())),
        ("plannen-van-aanpak", PLAN),
    ):
        response = httpx.post(f"{stack.url}{url}/{path}", json=body, headers=eva, timeout=60)
        assert response.status_code == 201, response.text
    waiting = aanmelding(bsn(952), meldingsdatum=(today() - timedelta(days=40)).isoformat())
    crisis = aanmelding(
        bsn(953), crisis="gedwongen_woningontruiming", meldingsdatum=crisis_reported_on(range(-5, 0)).isoformat()
    )
    for body in (waiting, crisis):
        assert httpx.post(f"{stack.url}/api/v1/aanmeldingen", json=body, headers=eva, timeout=60).status_code == 201

    log_in(page, name="tz-tom", role="Toezichthouder")
    page.get_by_role("navigation", name="Console").get_by_role("link", name="Monitor").click()
    page.get_by_label("Van", exact=True).fill((today() - timedelta(days=60)).isoformat())
    page.get_by_label("Team", exact=True).select_option("West")
    page.get_by_label("Van", exact=True).press("Enter")
    expect(page).to_have_url(re.compile(r"team=West"))
    expect(page.get_by_text("team West.")).to_be_visible()
    norms = page.get_by_role("region", name="Wettelijke termijnen (Wgs)")
    expect(norms.get_by_role("row", name=re.compile("Eerste gesprek binnen 4 weken"))).to_have_text(
        re.compile(r"Eerste gesprek binnen 4 weken\s*1\s*1\s*50%")
    )
    expect(norms.get_by_role("row", name=re.compile("Crisis binnen 3 werkdagen"))).to_have_text(
        re.compile(r"Crisis binnen 3 werkdagen\s*0\s*1\s*0%")
    )
    expect(norms.get_by_role("img", name="Deel van de termijnen dat op tijd was")).to_be_visible()
    expect(page.get_by_role("region", name="Aanmeldingen")).to_contain_text("3 aanmeldingen, waarvan 1 met een crisis")
    assert_accessible(page)
    screenshot(page, "console-monitor")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download deze cijfers als CSV").click()
    lines = download.value.path().read_text(encoding="utf-8").splitlines()
    assert lines[0] == "van;tot;team;onderwerp;onderdeel;maat;waarde"
    assert (
        f"{(today() - timedelta(days=60)).isoformat()};{today().isoformat()};West;aanmeldingen;totaal;aantal;3" in lines
    )

    page.get_by_label("Tot en met").fill((today() - timedelta(days=90)).isoformat())
    page.get_by_role("button", name="Toon").click()
    expect(page.get_by_role("heading", name="Deze keuze kan niet")).to_be_visible()
    assert_accessible(page)


def gemeente_0642(stack: Stack) -> dict[str, Any]:
    """Zwijndrecht as the API keeps it."""
    beheerder = {"Authorization": f"Bearer {issue_token(stack.settings, Role.BEHEERDER, 'beheerder-demo')}"}
    stored = httpx.get(f"{stack.url}/api/v1/beheer/gemeenten", headers=beheerder, timeout=30).json()
    return next(g for g in stored if g["code"] == "0642")


def test_a_supervisor_compares_the_gemeenten_of_a_regional_service(page: Page, stack: Stack) -> None:
    # The beheerder adds Zwijndrecht to the installation, with the keyboard; a term longer than the law's is
    # refused at its field.
    log_in(page, name="beheerder-demo", role="Beheerder")
    page.locator("summary", has_text="Gemeente toevoegen of wijzigen").click()
    form = page.locator("form[action='/api/v1/beheer/gemeenten/{code}']")
    form.get_by_label("Gemeentecode").fill("0642")
    form.get_by_label("Naam", exact=True).fill("Gemeente Zwijndrecht")
    form.get_by_label("Adres", exact=True).fill("Bouwmanplein 1")
    form.get_by_label("Telefoon").fill("14 078")
    form.get_by_label("Postcodegebieden").fill("3331, 3332")
    weeks = form.get_by_label("Eerste gesprek binnen (weken)")
    weeks.fill("6")
    weeks.press("Enter")
    refused = form.locator("[data-veld='beleid.first_conversation_weeks'] .utrecht-form-field-error-message")
    expect(refused).to_be_visible()
    assert_accessible(page)
    weeks.fill("3")
    weeks.press("Enter")
    gemeenten = page.get_by_role("region", name="Gemeenten")
    row = gemeenten.get_by_role("row").filter(has_text="Gemeente Zwijndrecht")
    expect(row).to_contain_text("3331, 3332")
    expect(row).to_contain_text("Eerste gesprek binnen (weken): 3")

    # Its Wijzigen button, like every control, only works through the page's script. While that script is on
    # its way (a slow line, or the reload after a save), no control is on the page to be pressed in vain.
    held: list[Route] = []
    page.route("**/static/werkplek.js", lambda route: held.append(route))
    page.goto("/beheer", wait_until="commit")
    while not held:
        page.wait_for_timeout(20)
    page.wait_for_timeout(300)
    assert page.locator("form, button").count() == 0
    held[0].continue_()
    page.unroute("**/static/werkplek.js")
    page.wait_for_load_state("load")

    # She changes it from its row: the form holds what it has, and a logo chosen as a file goes with it. A
    # second change without a file keeps the logo.
    logo = {"name": "logo.svg", "mimeType": "image/svg+xml", "buffer": LOGO_SVG}
    for telefoon, bestand in (("14 078", logo), ("078 770 4000", None)):
        row.get_by_role("button", name="Gemeente Zwijndrecht wijzigen").focus()
        page.keyboard.press("Enter")
        expect(form.get_by_label("Naam", exact=True)).to_be_focused()
        expect(form.get_by_label("Eerste gesprek binnen (weken)")).to_have_value("3")
        expect(form.get_by_label("Postcodegebieden")).to_have_value("3331 3332")
        if bestand:
            field = form.get_by_label("Logo (niet verplicht)")
            field.set_input_files(files=[{**bestand, "buffer": LOGO_SVG.ljust(160_000)}])
            form.get_by_label("Telefoon").press("Enter")
            expect(form.locator("#gemeente-logo-fout")).to_have_text(
                "Kies een PNG- of SVG-bestand van hoogstens 140 kB."
            )
            field.set_input_files(files=[bestand])
            screenshot(page, "beheer-gemeente-wijzigen")
        else:
            expect(form.get_by_text("Het huidige logo blijft")).to_be_visible()
        form.get_by_label("Telefoon").fill(telefoon)
        form.get_by_label("Telefoon").press("Enter")
        expect(row).to_contain_text(telefoon)
        expect(row.get_by_role("img", name="Logo van Gemeente Zwijndrecht")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "beheer-gemeenten")
    assert gemeente_0642(stack)["logo"] == f"data:image/svg+xml;base64,{base64.b64encode(LOGO_SVG).decode()}"

    # A logo that is no longer wanted goes with a button in the filled form.
    row.get_by_role("button", name="Gemeente Zwijndrecht wijzigen").focus()
    page.keyboard.press("Enter")
    form.get_by_role("button", name="Logo weghalen").focus()
    page.keyboard.press("Enter")
    expect(form.get_by_text("Bij Opslaan gaat het logo weg")).to_be_visible()
    expect(form.get_by_label("Logo (niet verplicht)")).to_be_focused()
    assert_accessible(page)
    form.get_by_role("button", name="Opslaan").focus()
    page.keyboard.press("Enter")
    expect(row.get_by_role("img", name="Logo van Gemeente Zwijndrecht")).to_have_count(0)
    expect(row).to_contain_text("078 770 4000")
    assert gemeente_0642(stack)["logo"] is None
    assert gemeente_0642(stack)["beleid"]["first_conversation_weeks"] == 3

    persoon = aanmelding(bsn(961))["persoon"] | {"postcode": "3331 AB", "woonplaats": "Zwijndrecht"}
    for body in (aanmelding(bsn(961), persoon=persoon), aanmelding(bsn(962))):
        assert (
            httpx.post(f"{stack.url}/api/v1/aanmeldingen", json=body, headers=stack.headers(), timeout=60).status_code
            == 201
        )

    log_in(page, name="tz-tom", role="Toezichthouder")
    page.goto("/toezicht/monitor")
    page.get_by_label("Gemeente", exact=True).select_option(label="Gemeente Zwijndrecht")
    page.get_by_role("button", name="Toon").click()
    expect(page).to_have_url(re.compile(r"gemeente=0642"))
    expect(page.get_by_text("Gemeente Zwijndrecht, alle teams.")).to_be_visible()
    # The page names the installation in its header whatever gemeente the figures are of.
    expect(page.locator(".kop__naam")).to_contain_text("Gemeente Voorbeeldstad")
    side_by_side = page.get_by_role("region", name="Gemeenten naast elkaar")
    expect(side_by_side.get_by_role("row", name=re.compile("Gemeente Zwijndrecht"))).to_be_visible()
    expect(side_by_side.get_by_role("row", name=re.compile("Gemeente Voorbeeldstad"))).to_be_visible()
    assert_accessible(page)
    screenshot(page, "console-gemeenten")

    # The beheerder limits a supervisor to Zwijndrecht, with the keyboard; she sees only its figures then.
    log_in(page, name="beheerder-demo", role="Beheerder")
    form = staff_form(page, "tz-zoe", "Zoë de Wit", "Zuid", "078 770 4010", "toezichthouder")
    form.get_by_label("Gemeente Zwijndrecht").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    register = page.get_by_role("region", name="Medewerkers")
    expect(register.get_by_role("row").filter(has_text="Zoë de Wit")).to_contain_text("Gemeente Zwijndrecht")
    assert_accessible(page)
    screenshot(page, "beheer-werkgebied")

    log_in(page, name="tz-zoe", role="Toezichthouder")
    page.goto("/toezicht/monitor")
    expect(page.get_by_role("heading", name="Monitor", level=1)).to_be_visible()
    expect(page.get_by_role("region", name="Gemeenten naast elkaar")).to_have_count(0)
    expect(page.get_by_label("Gemeente", exact=True)).to_have_count(0)
    page.goto("/toezicht/monitor?gemeente=9999")
    expect(page.get_by_text("hoort niet bij uw werkgebied")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "console-werkgebied")


def test_the_beheerder_adds_a_creditor_to_the_registry(page: Page) -> None:
    log_in(page, name="beheerder-demo", role="Beheerder")
    page.locator("summary", has_text="Schuldeiser toevoegen").focus()
    page.keyboard.press("Enter")
    form = page.locator("form[action='/api/v1/beheer/schuldeisers']")
    form.get_by_label("Naam", exact=True).fill("Incasso Zuid")
    form.get_by_label("Soort", exact=True).select_option("deurwaarder")
    form.get_by_label("Hoe krijgt hij verzoeken").select_option("post")
    form.get_by_label("Naam", exact=True).press("Enter")
    # Post needs an address: the refusal says so, and nothing is added.
    expect(form.locator(".foutsamenvatting")).to_be_focused()
    expect(form.locator(".foutsamenvatting")).to_contain_text("adres")
    assert_accessible(page)
    screenshot(page, "beheer-schuldeiser")
    form.get_by_label("Postadres").fill("Postbus 12, 3300 AA Dordrecht")
    form.get_by_label("Postadres").press("Enter")
    register = page.get_by_role("region", name="Schuldeisers in het register")
    expect(register.get_by_role("listitem").filter(has_text="Incasso Zuid")).to_contain_text(
        re.compile(r"post; logt in het portaal in als se-[0-9a-f]{12}")
    )
    assert_accessible(page)
