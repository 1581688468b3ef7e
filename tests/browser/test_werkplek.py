"""A caseworker takes Tanya's traject from aanmelding to a proposed regeling in the browser, never seeing
JSON: the procesplaat moves at each step, a refused step shows the engine's reason, a bad field shows its
message at the field, and every page and state the test visits has no WCAG 2.1 A/AA violation."""

from __future__ import annotations

import re
import threading
from datetime import timedelta

import httpx
import pytest
from playwright.sync_api import Locator, Page, Route, expect

from api.auth import Role, issue_token
from tests.api.conftest import PLAN, aanmelding, gesprek, today, toelating
from tests.api.test_signalen import signaal
from tests.browser.conftest import accessibility_violations, screenshot
from tests.e2e.stack import Stack, bsn

pytestmark = [pytest.mark.slow]


def log_in(page: Page, name: str = "hv-anna", role: str = "Hulpverlener", start: str = "/werkplek") -> None:
    page.goto(start)
    expect(page).to_have_url(re.compile(r"/inloggen\?terug="))
    page.get_by_label("Rol").select_option(label=role)
    page.get_by_label("Naam").fill(name)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).not_to_have_url(re.compile("inloggen"))
    page.wait_for_load_state("load")


def follow(page: Page, link: str) -> None:
    """Follow a link and wait until the new page's scripts run, as a person does before typing."""
    page.get_by_role("link", name=link).click()
    page.wait_for_load_state("load")


def current_phase(page: Page) -> str:
    return page.locator(".procesplaat [aria-current='step'] .procesplaat__naam").inner_text()


def send_eerste_gesprek(page: Page) -> Locator:
    """Fill in the eerste gesprek on the open trajectpagina and send it; the form, to look at after."""
    form = page.locator("form[action$='/gesprekken']")
    form.get_by_label("Datum van het gesprek").fill(today().isoformat())
    form.get_by_label("Ernst van de schuldsituatie").select_option("matig")
    form.get_by_label("Zelfredzaamheid").select_option("zelfredzaam")
    form.get_by_role("button", name="Gesprek vastleggen").click()
    return form


def assert_accessible(page: Page) -> None:
    assert accessibility_violations(page) == []


def register(page: Page, number: int, duplicate: bool = False) -> None:
    follow(page, "Nieuwe aanmelding")
    page.get_by_label("BSN", exact=True).fill(bsn(number))
    page.get_by_label("Naam", exact=True).fill("Tanya de Vries")
    page.get_by_label("Straat en huisnummer").fill("Kerkstraat 1")
    page.get_by_label("Postcode").fill("3311 AA")
    page.get_by_label("Woonplaats").fill("Dordrecht")
    page.get_by_label("Wie meldt aan").select_option("zelf")
    page.get_by_label("Crisis").select_option(label="Dreigende huisuitzetting")
    page.get_by_label("Er wonen kinderen in het huishouden").check()
    page.get_by_role("button", name="Aanmelding vastleggen").click()
    if not duplicate:
        expect(page.get_by_role("heading", level=1)).to_contain_text("Tanya de Vries")
        page.wait_for_load_state("load")


def test_tanya_from_aanmelding_to_a_proposed_regeling(page: Page) -> None:
    log_in(page)
    expect(page.get_by_role("heading", name="Mijn trajecten")).to_be_visible()
    assert_accessible(page)

    follow(page, "Nieuwe aanmelding")
    bsn_field = page.get_by_label("BSN", exact=True)
    bsn_field.fill("123456789")
    expect(page.locator("[data-veld='persoon.bsn'] .utrecht-form-field-error-message")).to_contain_text("11-proef")
    expect(bsn_field).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    screenshot(page, "aanmelding")

    register(page, 901)
    assert current_phase(page) == "Aanmelding"
    expect(page.get_by_text("Crisis: dreigende huisuitzetting")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Bevestiging|aanmelding", re.I)).first).to_be_visible()
    assert_accessible(page)

    # A bad field: the conversation cannot have happened tomorrow. The message stands at the field and what
    # was typed stays.
    gesprek = page.locator("form[action$='/gesprekken']")
    gesprek.get_by_label("Datum van het gesprek").fill((today() + timedelta(days=1)).isoformat())
    gesprek.get_by_label("Ernst van de schuldsituatie").select_option("matig")
    gesprek.get_by_label("Zelfredzaamheid").select_option("zelfredzaam")
    gesprek.get_by_label("Actiepunt 1: wie").select_option("client")
    gesprek.get_by_label("Actiepunt 1: wat").fill("Stuur uw bankafschriften")
    gesprek.get_by_role("button", name="Gesprek vastleggen").click()
    error = gesprek.locator("[data-veld='gehouden_op'] .utrecht-form-field-error-message")
    expect(error).to_be_visible()
    expect(gesprek.locator(".foutsamenvatting")).to_be_focused()
    expect(gesprek.locator(".foutsamenvatting")).to_contain_text("Datum van het gesprek")
    expect(gesprek.get_by_label("Actiepunt 1: wat")).to_have_value("Stuur uw bankafschriften")
    assert_accessible(page)
    screenshot(page, "stap-met-fout")

    gesprek.get_by_label("Datum van het gesprek").fill(today().isoformat())
    gesprek.get_by_role("button", name="Gesprek vastleggen").click()
    expect(page.locator(".procesplaat [aria-current='step']")).to_contain_text("Gesprek en besluit")
    expect(page.get_by_text("Cliënt: Stuur uw bankafschriften")).to_be_visible()

    # A refused step: a second tab still offers the beschikking after the first recorded it.
    stale = page.context.new_page()
    stale.goto(page.url)
    beschikking = page.locator("form[action$='/beschikkingen']")
    beschikking.get_by_label("Besluit", exact=True).select_option("toelating")
    beschikking.get_by_label("Motivering").fill("U kunt uw schulden niet zelf oplossen.")
    beschikking.get_by_role("button", name="Beschikking vastleggen").click()
    expect(page.locator(".procesplaat [aria-current='step']")).to_contain_text("Plan van aanpak")
    stale_form = stale.locator("form[action$='/beschikkingen']")
    stale_form.get_by_label("Besluit", exact=True).select_option("toelating")
    stale_form.get_by_role("button", name="Beschikking vastleggen").click()
    refusal = stale_form.locator(".foutsamenvatting")
    expect(refusal).to_be_visible()
    expect(refusal).to_contain_text("Nu kan: plan van aanpak")
    assert_accessible(stale)
    stale.close()

    plan = page.locator("form[action$='/plannen-van-aanpak']")
    plan.get_by_label("Hulpvraag").fill("Ik wil weer rust in mijn geldzaken.")
    plan.get_by_label("Doelen").fill("Huur wordt elke maand betaald\nGeen nieuwe schulden")
    plan.get_by_label("Wat de gemeente doet").fill("Wij schrijven uw schuldeisers aan")
    plan.get_by_label("Wat de cliënt doet").fill("U opent uw post")
    screenshot(page, "stapformulier")
    plan.get_by_role("button", name="Plan vastleggen").click()
    expect(page.locator(".procesplaat [aria-current='step']")).to_contain_text("Rust in uw geldzaken")

    creditors = page.locator("form[action$='/schuldeisers']")
    creditors.get_by_label("Woonstede Verhuur").check()
    creditors.get_by_label("Zorgverzekeraar Gezond").check()
    creditors.get_by_role("button", name="Verzoeken versturen").click()
    expect(page.locator(".procesplaat [aria-current='step']")).to_contain_text("Overzicht van uw schulden")
    expect(page.get_by_role("cell", name="Wacht op antwoord")).to_have_count(2)
    assert_accessible(page)

    for name, amount in (("Woonstede Verhuur", "1.250,00"), ("Zorgverzekeraar Gezond", "640,50")):
        page.get_by_text(f"Vordering van {name} invoeren").click()
        claim = page.locator("details[open] form[action$='/vorderingen']")
        claim.get_by_label("Waar komen de bedragen vandaan").select_option("papier")
        claim.get_by_label("Kenmerk van de schuldeiser").fill("K-2026-1")
        claim.get_by_label("Peildatum").fill(today().isoformat())
        claim.get_by_label("Hoofdsom").fill(amount)
        claim.get_by_label("Totaal").fill(amount)
        claim.get_by_role("button", name="Vordering vastleggen").click()
        expect(page.locator("#dossier")).to_contain_text(f"€ {amount}")
        expect(page.get_by_text(f"Vordering van {name} invoeren")).to_have_count(0)
    expect(page.get_by_text("Het overzicht van de schulden is compleet.")).to_be_visible()
    screenshot(page, "trajectpagina")

    capacity = page.locator("form[action$='/afloscapaciteit']")
    capacity.get_by_label("Leefsituatie").select_option("alleenstaande_ouder")
    capacity.get_by_label("Netto inkomen per maand").fill("1.950,00")
    capacity.get_by_label("Huur per maand").fill("720,00")
    capacity.get_by_label("Huurtoeslag per maand").fill("250,00")
    capacity.get_by_role("button", name="Afloscapaciteit vastleggen").click()
    expect(page.get_by_role("heading", name="Afloscapaciteit", exact=True)).to_be_visible()

    proposal = page.locator("form[action$='/voorstel']")
    proposal.get_by_label("Soort regeling").select_option("minnelijk")
    with page.expect_response("**/voorstel") as sent:
        proposal.get_by_role("button", name="Voorstel versturen").click()
    # Starting the settlement's own workflow is the slowest step: on a busy machine it may outlast the API's
    # wait, which answers 202, and the page shows the step when it looks again by itself.
    assert sent.value.status in (201, 202), sent.value.text()
    expect(page.locator(".procesplaat [aria-current='step']")).to_contain_text(
        "Regeling van uw schulden", timeout=30_000
    )
    # The settlement's own workflow writes its record just after the step: the page looks again by itself.
    expect(page.get_by_role("heading", name="Minnelijke regeling")).to_be_visible(timeout=30_000)
    assert_accessible(page)

    # Both creditors agree on paper; the regeling starts and takes a payment.
    for name in ("Woonstede Verhuur", "Zorgverzekeraar Gezond"):
        answer = page.locator("form[action$='/regeling/reacties']")
        answer.get_by_label("Schuldeiser").select_option(label=name)
        answer.get_by_label("Antwoord").select_option("ja")
        answer.get_by_role("button", name="Antwoord vastleggen").click()
        parts = page.get_by_role("region", name="Minnelijke regeling")
        expect(parts.get_by_role("row").filter(has_text=name)).to_contain_text("Akkoord")
        # The step forms are fetched again after a step: the answered creditor is no longer offered.
        expect(page.locator("form[action$='/regeling/reacties'] option", has_text=name)).to_have_count(0)
    payment = page.locator("form[action$='/regeling/betalingen']")
    payment.get_by_label("Kenmerk van de betaling").fill("bank-2026-11-1")
    payment.get_by_role("button", name="Betaling vastleggen").click()
    expect(page.locator(".maand").first).to_contain_text("betaald")
    assert_accessible(page)
    screenshot(page, "regeling")

    kenmerk = page.get_by_role("heading", level=1).inner_text().split(":")[0].removeprefix("Traject ")
    follow(page, "Kredietbank")
    statement = (
        f"kenmerk,betaling_id,datum,bedrag_cent\n{kenmerk},bank-2026-11-2,{today()},1000\nSHV-00000000,x,{today()},5\n"
    )
    page.get_by_label("Bestand (CSV)").set_input_files(
        {"name": "overzicht.csv", "mimeType": "text/csv", "buffer": statement.encode()}
    )
    page.get_by_role("button", name="Inlezen").click()
    expect(page.locator("#import-uitkomst")).to_contain_text("1 betaling verwerkt, 1 regel niet")
    expect(page.locator("#import-regels")).to_contain_text("Regel 3")
    assert_accessible(page)


def test_the_werkvoorraad_shows_the_nearest_deadline_first_with_filters_in_the_url(page: Page) -> None:
    log_in(page, name="hv-bo")
    register(page, 902)
    first = page.url
    register(page, 902, duplicate=True)
    expect(page.locator(".foutsamenvatting")).to_contain_text("Voor deze persoon loopt al een traject.")
    follow(page, "Open het lopende traject")
    expect(page).to_have_url(first)
    follow(page, "Mijn trajecten")
    row = page.get_by_role("row").filter(has_text="Tanya de Vries")
    expect(row).to_contain_text("Crisis")
    expect(row).to_contain_text("Kinderen")
    expect(row.locator(".termijn")).to_contain_text(re.compile("werkdag|vandaag"))
    page.get_by_label("Alleen crisis").check()
    page.get_by_role("button", name="Filter toepassen").click()
    expect(page).to_have_url(re.compile(r"crisis=ja"))
    expect(page.get_by_role("row").filter(has_text="Tanya de Vries")).to_have_count(1)
    assert_accessible(page)
    screenshot(page, "werkvoorraad")
    page.get_by_label("Fase").select_option(label="Nazorg")
    page.get_by_role("button", name="Filter toepassen").click()
    expect(page.get_by_text("Er zijn geen trajecten met deze filters.")).to_be_visible()


def test_login_and_a_search_by_bsn_with_the_keyboard_only(page: Page, stack: Stack) -> None:
    registered = stack.post("/api/v1/aanmeldingen", aanmelding(bsn(903)))
    assert registered.status_code == 201, registered.text
    page.goto("/inloggen")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Direct naar de inhoud")).to_be_focused()
    page.get_by_label("Rol").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("tz-tom")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/toezicht$"))
    expect(page.get_by_role("heading", name="Termijnen")).to_be_visible()
    assert_accessible(page)
    follow(page, "Zoeken")
    page.get_by_role("textbox", name="BSN").focus()
    page.keyboard.type(bsn(903))
    page.keyboard.press("Enter")
    expect(page.locator("#zoekresultaat")).to_contain_text(registered.json()["kenmerk"])
    assert "bsn" not in page.url.lower()
    assert_accessible(page)


def test_a_page_for_another_role_is_refused(page: Page) -> None:
    log_in(page, name="tz-tom", role="Toezichthouder")
    expect(page).to_have_url(re.compile(r"/werkplek$"))
    response = page.goto("/werkplek/aanmelden")
    assert response is not None
    assert response.status == 403
    expect(page.get_by_role("heading", name="Geen toegang")).to_be_visible()
    assert_accessible(page)


def test_a_vroegsignalering_outcome_recorded_in_the_werkplek_starts_a_traject(page: Page, stack: Stack) -> None:
    partner = issue_token(stack.settings, Role.SIGNAALPARTNER, "woonbron")
    reported = httpx.post(
        f"{stack.url}/api/v1/signalen",
        json=signaal(bsn=bsn(904), naam="Sem Jansen", kenmerk="WB-2026-0904"),
        headers={"Authorization": f"Bearer {partner}"},
        timeout=60,
    )
    assert reported.status_code in (201, 202), reported.text
    log_in(page, name="hv-vera")
    follow(page, "Vroegsignalering")
    case = page.get_by_role("region", name=re.compile("Sem Jansen"))
    expect(case).to_contain_text("€ 1.200,00")
    assert_accessible(page)
    case.locator("summary", has_text="Uitkomst vastleggen").click()
    case.get_by_label("Bereikt").select_option("ja")
    case.get_by_label("Hoe", exact=True).select_option("telefoon")
    case.get_by_label("Wil de persoon hulp").select_option("geaccepteerd")
    case.get_by_role("button", name="Uitkomst vastleggen").click()
    expect(page.get_by_role("heading", name=re.compile("Sem Jansen"))).to_have_count(0)
    # The traject goes to the vroegsignalering team's work queue; anyone in the team finds it by BSN.
    follow(page, "Zoeken")
    page.get_by_role("textbox", name="BSN").fill(bsn(904))
    page.get_by_role("button", name="Zoek op BSN").click()
    expect(page.locator("#zoekresultaat")).to_contain_text("SHV-")


def test_the_console_shows_the_clocks_and_the_work_per_caseworker(page: Page, stack: Stack) -> None:
    registered = stack.post("/api/v1/aanmeldingen", aanmelding(bsn(905), crisis="beeindiging_gas"))
    assert registered.status_code == 201, registered.text
    log_in(page, name="tz-tom", role="Toezichthouder")
    page.goto("/toezicht")
    expect(page.get_by_role("heading", name="Termijnen", level=1)).to_be_visible()
    per_caseworker = page.get_by_role("region", name="Per hulpverlener")
    expect(per_caseworker.get_by_role("row").filter(has_text="hv-anna")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "console-termijnen")
    page.get_by_role("navigation", name="Console").get_by_role("link", name="Werkverdeling").click()
    expect(page.get_by_role("heading", name="Werkverdeling", level=1)).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="hv-anna")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("navigation", name="Console").get_by_role("link", name="Stilstand").click()
    expect(page.get_by_role("heading", name="Stilstand", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("navigation", name="Console").get_by_role("link", name="Alle trajecten").click()
    expect(page.get_by_role("link", name=registered.json()["kenmerk"])).to_be_visible()
    assert_accessible(page)


def test_the_client_figures_stand_in_for_a_creditor_that_will_not_cooperate(page: Page, stack: Stack) -> None:
    beheer = {"Authorization": f"Bearer {issue_token(stack.settings, Role.BEHEERDER, 'bh')}"}
    body = {"naam": "Incasso Noord", "soort": "deurwaarder", "kanaal": "api"}
    refusing = httpx.post(f"{stack.url}/api/v1/beheer/schuldeisers", json=body, headers=beheer, timeout=30)
    assert refusing.status_code == 201, refusing.text
    sid = refusing.json()["id"]
    traject = stack.post("/api/v1/aanmeldingen", aanmelding(bsn(906))).json()
    for path, step in (
        ("gesprekken", gesprek(today())),
        ("beschikkingen", toelating(today())),
        ("plannen-van-aanpak", PLAN),
        ("schuldeisers", {"schuldeiser_ids": [sid]}),
    ):
        response = stack.post(f"{traject['url']}/{path}", step)
        assert response.status_code == 201, response.text
    [verzoek] = stack.get(traject["url"]).json()["verzoeken"]
    creditor = {"Authorization": f"Bearer {issue_token(stack.settings, Role.SCHULDEISER, sid)}"}
    refused = httpx.post(
        f"{stack.url}/api/v1/schuldeisers/verzoeken/{verzoek['id']}/weigeringen",
        json={"reden": "Wij werken niet mee"},
        headers=creditor,
        timeout=30,
    )
    assert refused.status_code == 201, refused.text

    log_in(page)
    page.goto(f"/werkplek/trajecten/{traject['id']}")
    page.get_by_text("Cijfers van de cliënt invoeren voor Incasso Noord").click()
    form = page.locator("details[open] form[action$='/vorderingen']")
    expect(page.locator("details[open]")).to_contain_text("Incasso Noord werkt niet mee (Wij werken niet mee).")
    form.get_by_label("Kenmerk van de schuldeiser").fill("AANMANING-7")
    form.get_by_label("Peildatum").fill(today().isoformat())
    form.get_by_label("Hoofdsom").fill("310,00")
    form.get_by_label("Totaal").fill("310,00")
    assert_accessible(page)
    form.get_by_role("button", name="Cijfers van de cliënt vastleggen").click()
    expect(page.locator("#dossier")).to_contain_text("€ 310,00")
    expect(page.get_by_text("Cijfers van de cliënt invoeren voor Incasso Noord")).to_have_count(0)
    expect(page.get_by_text("Het overzicht van de schulden is compleet.")).to_be_visible()
    assert_accessible(page)


def test_a_step_the_engine_finishes_late_shows_on_the_page_by_itself(page: Page, stack: Stack) -> None:
    traject = stack.post("/api/v1/aanmeldingen", aanmelding(bsn(914))).json()
    log_in(page)
    page.goto(f"/werkplek/trajecten/{traject['id']}")
    page.wait_for_load_state("load")

    # The API answers 202: the engine took the step and finishes it after the answer. Here it finishes it
    # only once the page has shown the answer, and focus has moved to the procesplaat.
    def accepted(route: Route) -> None:
        url = f"{traject['url']}"
        route.fulfill(status=202, json={"detail": "De stap is aangenomen.", "url": url}, headers={"Location": url})

    page.route("**/gesprekken", accepted)
    send_eerste_gesprek(page)
    expect(page.get_by_text("de pagina werkt zichzelf bij")).to_be_visible()
    expect(page.locator("#procesplaat-kop")).to_be_focused()
    assert current_phase(page) == "Aanmelding"

    assert stack.post(f"{traject['url']}/gesprekken", gesprek(today())).status_code == 201
    # What the page does every 20 seconds while it is visible, and when it becomes visible again.
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    expect(page.locator(".procesplaat [aria-current='step']")).to_contain_text("Gesprek en besluit")
    expect(page.locator("#procesplaat-kop")).to_be_focused()


def test_a_form_begun_while_the_steps_are_refreshed_after_a_step_keeps_what_was_entered(
    page: Page, stack: Stack
) -> None:
    traject = stack.post("/api/v1/aanmeldingen", aanmelding(bsn(915))).json()
    log_in(page)
    page.goto(f"/werkplek/trajecten/{traject['id']}")
    page.wait_for_load_state("load")

    # The steps' refresh after the caseworker's step is held on its way, as on a slow day.
    held: list[Route] = []
    released = threading.Event()

    def hold(route: Route) -> None:
        if released.is_set():
            route.continue_()
        else:
            held.append(route)

    page.route("**/werkplek/trajecten/*/stappen", hold)
    with page.expect_request("**/werkplek/trajecten/*/stappen"):
        gesprek_form = send_eerste_gesprek(page)
    expect(page.get_by_text("Vastgelegd.")).to_be_visible()

    # Meanwhile she begins the next form; then the refresh arrives.
    page.locator("summary", has_text="Gemiste afspraak vastleggen").click()
    missed = page.locator("form[action$='/gemiste-afspraken']")
    missed_on = (today() - timedelta(days=2)).isoformat()
    missed.get_by_label("Datum van de afspraak").fill(missed_on)
    page.evaluate(
        """() => document.body.addEventListener("htmx:afterRequest", (event) => {
            if (event.detail.elt.id === "stappen") window.stappenBeantwoord = true;
        })"""
    )
    released.set()
    for route in held:
        route.continue_()
    page.wait_for_function("() => window.stappenBeantwoord === true")
    expect(page.locator(".procesplaat [aria-current='step']")).to_contain_text("Gesprek en besluit")
    expect(missed.get_by_label("Datum van de afspraak")).to_have_value(missed_on)

    # Once that form is sent, the steps show where the traject stands.
    missed.get_by_role("button", name="Gemiste afspraak vastleggen").click()
    expect(gesprek_form).to_have_count(0)


def test_a_short_contact_is_recorded_and_later_becomes_an_aanmelding(page: Page) -> None:
    log_in(page)
    follow(page, "Advies")
    expect(page.get_by_role("heading", name="Informatie en advies", level=1)).to_be_visible()
    form = page.locator("form[action='/api/v1/adviescontacten']")
    form.get_by_label("Hoe was het contact").select_option("telefoon")
    form.get_by_label("Waar ging de vraag over").select_option("geldzaken")
    form.get_by_label("Wat kwam eruit").select_option("doorverwezen")
    form.get_by_role("button", name="Contact vastleggen").click()
    expect(form.locator("[data-veld='doorverwezen_naar'] .utrecht-form-field-error-message")).to_be_visible()
    assert_accessible(page)
    form.get_by_label("Doorverwezen naar").fill("Sociaal Wijkteam")
    form.get_by_label("Korte notitie").fill("Vraag over een betalingsregeling met de verhuurder.")
    form.get_by_role("button", name="Contact vastleggen").click()
    recent = page.get_by_role("region", name="Korte contacten van de laatste 30 dagen")
    expect(recent.get_by_role("row").filter(has_text="Sociaal Wijkteam")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "advies")

    recent.get_by_role("link", name=re.compile("^Aanmelden")).first.click()
    expect(page.get_by_text("komt voort uit het korte contact")).to_be_visible()
    page.get_by_label("BSN", exact=True).fill(bsn(907))
    page.get_by_label("Naam", exact=True).fill("Sem de Boer")
    page.get_by_label("Straat en huisnummer").fill("Voorstraat 8")
    page.get_by_label("Postcode").fill("3311 BB")
    page.get_by_label("Woonplaats").fill("Dordrecht")
    page.get_by_label("Wie meldt aan").select_option("zelf")
    page.get_by_role("button", name="Aanmelding vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sem de Boer")
    follow(page, "Advies")
    expect(recent.get_by_role("row").filter(has_text="Sociaal Wijkteam")).to_contain_text("Aangemeld")
    expect(recent.get_by_role("link", name="Naar het traject")).to_be_visible()


def test_begeleiding_a_gegrond_objection_and_a_referral_on_the_trajectpagina(page: Page, stack: Stack) -> None:
    traject = stack.post("/api/v1/aanmeldingen", aanmelding(bsn(908))).json()
    assert stack.post(f"{traject['url']}/gesprekken", gesprek(today())).status_code == 201
    afwijzing = {"besluit": "afwijzing", "besluit_op": today().isoformat(), "motivering": "U kunt het zelf."}
    assert stack.post(f"{traject['url']}/beschikkingen", afwijzing).status_code == 201
    log_in(page)
    page.goto(f"/werkplek/trajecten/{traject['id']}")

    page.get_by_text("Bezwaar tegen de beschikking vastleggen").click()
    lodge = page.locator("details[open] form[action$='/bezwaren']")
    lodge.get_by_label("Ontvangen op").fill(today().isoformat())
    lodge.get_by_label("Waarom is de cliënt het niet eens").fill("Mijn inkomen is verkeerd geteld.")
    lodge.get_by_role("button", name="Bezwaar vastleggen").click()
    decide = page.locator("form[action$='/besluit']")
    expect(decide).to_be_visible()
    assert_accessible(page)
    decide.get_by_label("Beslissing").select_option("gegrond")
    decide.get_by_label("Datum van het besluit").fill(today().isoformat())
    decide.get_by_label("Motivering").fill("Uw inkomen is lager dan wij dachten.")
    decide.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.locator(".procesplaat [aria-current='step']")).to_contain_text("Plan van aanpak")
    expect(page.get_by_role("region", name="Bezwaar")).to_contain_text("gegrond")

    page.locator("summary", has_text="Begeleiding starten").click()
    start = page.locator("details[open] form[action$='/begeleidingen']")
    start.get_by_label("Soort begeleiding").select_option("budgetbeheer")
    start.get_by_label("Wie geeft de begeleiding").fill("Kredietbank Drechtsteden")
    start.get_by_label("Vanaf").fill(today().isoformat())
    start.get_by_role("button", name="Begeleiding starten").click()
    expect(page.get_by_role("region", name="Begeleiding")).to_contain_text("Budgetbeheer bij Kredietbank Drechtsteden")
    expect(page.get_by_text("Budgetbeheer bij Kredietbank Drechtsteden beëindigen")).to_be_visible()
    assert_accessible(page)
    page.locator("summary", has_text="Doorverwijzen").click()
    refer = page.locator("details[open] form[action$='/doorverwijzingen']")
    refer.get_by_label("Soort hulp").select_option("ondernemersloket")
    refer.get_by_label("Naar wie").fill("Ondernemersloket Drechtsteden")
    refer.get_by_role("button", name="Doorverwijzing vastleggen").click()
    referrals = page.get_by_role("region", name="Doorverwijzingen")
    expect(referrals).to_contain_text("ondernemersloket, Ondernemersloket Drechtsteden. Nagaan op")
    page.locator("summary", has_text="Nagaan: is de cliënt aangekomen bij Ondernemersloket Drechtsteden?").click()
    check = page.locator("details[open] form[action$='/aankomst']")
    check.get_by_label("Aangekomen").select_option("ja")
    check.get_by_role("button", name="Vastleggen").click()
    expect(referrals).to_contain_text("Aangekomen.")
    assert_accessible(page)


def test_a_traject_closed_as_referred_an_objection_to_it_and_the_follow_up(page: Page, stack: Stack) -> None:
    traject = stack.post("/api/v1/aanmeldingen", aanmelding(bsn(909))).json()
    for path, body in (
        ("gesprekken", gesprek(today())),
        ("beschikkingen", toelating(today())),
        ("plannen-van-aanpak", PLAN),
    ):
        assert stack.post(f"{traject['url']}/{path}", body).status_code == 201
    log_in(page)
    page.goto(f"/werkplek/trajecten/{traject['id']}")

    page.locator("summary", has_text="Traject afsluiten").click()
    close = page.locator("details[open] form[action$='/afsluiting']")
    close.get_by_label("Hoe eindigt het traject").select_option("doorverwezen")
    close.get_by_label("Datum van het besluit").fill(today().isoformat())
    close.get_by_label("Naar wie of welke gemeente").fill("GGZ Drechtsteden")
    close.get_by_role("button", name="Traject afsluiten").click()
    # Without the kind of help the engine refuses, and says so at the field.
    expect(close.locator("#afsluiting-verwijzing-fout")).to_contain_text("zeg naar wat voor hulp")
    close.get_by_label("Soort hulp").select_option("ggz")
    close.get_by_role("button", name="Traject afsluiten").click()
    expect(page.get_by_test_id("einde")).to_contain_text("Doorverwezen, GGZ Drechtsteden. Bezwaar kan tot en met")
    expect(page.get_by_text("Dit traject is afgesloten: doorverwezen.")).to_be_visible()
    assert_accessible(page)

    page.locator("summary", has_text="Bezwaar tegen het besluit om de hulp te stoppen vastleggen").click()
    lodge = page.locator("details[open] form[action$='/bezwaren']")
    lodge.get_by_label("Ontvangen op").fill(today().isoformat())
    lodge.get_by_label("Waarom is de cliënt het niet eens").fill("Ik wil bij jullie blijven.")
    lodge.get_by_role("button", name="Bezwaar vastleggen").click()
    expect(page.get_by_role("region", name="Bezwaar")).to_contain_text("Tegen het einde van de hulp")
    decide = page.locator("form[action$='/besluit']")
    decide.get_by_label("Beslissing").select_option("ongegrond")
    decide.get_by_label("Datum van het besluit").fill(today().isoformat())
    decide.get_by_label("Motivering").fill("De GGZ past beter bij wat u nodig heeft.")
    decide.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_role("region", name="Bezwaar")).to_contain_text("ongegrond")
    # Decided ongegrond: what remains is beroep, so the werkplek no longer offers an objection to the ending.
    expect(page.get_by_text("Bezwaar tegen het besluit om de hulp te stoppen vastleggen")).to_have_count(0)

    page.locator("summary", has_text="Nagaan: is de cliënt aangekomen bij GGZ Drechtsteden?").click()
    check = page.locator("details[open] form[action$='/aankomst']")
    check.get_by_label("Aangekomen").select_option("ja")
    check.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_role("region", name="Doorverwijzingen")).to_contain_text("Aangekomen.")
    screenshot(page, "traject-afgesloten")
    assert_accessible(page)


def test_a_couple_is_registered_together_and_named_together(page: Page) -> None:
    log_in(page)
    follow(page, "Nieuwe aanmelding")
    page.get_by_label("BSN", exact=True).fill(bsn(910))
    page.get_by_label("Naam", exact=True).fill("Tanya de Vries")
    page.get_by_label("Straat en huisnummer").fill("Kerkstraat 1")
    page.get_by_label("Postcode").fill("3311 AA")
    page.get_by_label("Woonplaats").fill("Dordrecht")
    page.get_by_label("BSN van de partner").fill(bsn(910))
    page.get_by_label("Naam van de partner").fill("Marco de Vries")
    page.get_by_label("Wie meldt aan").select_option("zelf")
    page.get_by_role("button", name="Aanmelding vastleggen").click()
    expect(page.locator("#aanmelding-partner-bsn-fout")).to_contain_text("is het BSN van de cliënt zelf")
    page.get_by_label("BSN van de partner").fill(bsn(911))
    page.get_by_role("button", name="Aanmelding vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tanya de Vries en Marco de Vries")
    assert_accessible(page)


def test_a_tandem_partner_is_linked_adds_a_task_and_the_caseworker_does_it(page: Page, stack: Stack) -> None:
    from tests.browser.test_console import put_staff

    put_staff(
        stack,
        "swt-noor",
        {"naam": "Noor Jansen", "team": "Sociaal Wijkteam Noord", "telefoon": "078 770 5001", "rol": "ketenpartner"},
    )
    traject = stack.post("/api/v1/aanmeldingen", aanmelding(bsn(912))).json()
    assert stack.post(f"{traject['url']}/gesprekken", gesprek(today())).status_code == 201
    log_in(page)
    page.goto(f"/werkplek/trajecten/{traject['id']}")
    page.locator("summary", has_text="Ketenpartner, bewindvoerder of maatje koppelen").click()
    link = page.locator("details[open] form[action$='/betrokkenen']")
    link.get_by_label("Wie").select_option("swt-noor")
    link.get_by_role("button", name="Koppelen").click()
    expect(page.get_by_role("region", name="Betrokkenen")).to_contain_text(
        "Noor Jansen, Sociaal Wijkteam Noord (ketenpartner)"
    )
    assert_accessible(page)
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(re.compile("inloggen"))

    log_in(page, "swt-noor", "Ketenpartner", start="/betrokken")
    follow(page, "Tanya de Vries")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tanya de Vries")
    expect(page.get_by_role("region", name="Schulden")).to_have_count(0)
    page.get_by_role("textbox", name="Notitie").fill("Huisbezoek: de post ligt ongeopend. Wilt u bellen?")
    page.get_by_label("Dit is een taak").check()
    page.get_by_role("button", name="Notitie toevoegen").click()
    expect(page.get_by_role("region", name="Uw notities voor de hulpverlener")).to_contain_text(
        "de post ligt ongeopend"
    )
    screenshot(page, "betrokken-ketenpartner")
    assert_accessible(page)
    page.goto(f"/werkplek/trajecten/{traject['id']}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Geen toegang")
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(re.compile("inloggen"))

    log_in(page)
    expect(page.get_by_text("Taak van swt-noor: Huisbezoek")).to_be_visible()
    page.goto(f"/werkplek/trajecten/{traject['id']}")
    page.get_by_role("button", name="Taak afgehandeld").click()
    expect(page.get_by_role("region", name="Betrokkenen")).to_contain_text("Taak, afgehandeld")


def test_a_bewindvoerder_registers_a_client_with_the_dossier_gathered(page: Page, stack: Stack) -> None:
    from tests.browser.test_console import put_staff

    put_staff(
        stack,
        "bw-bas",
        {"naam": "Bas de Wit", "team": "Bewind Drechtsteden", "telefoon": "078 770 5002", "rol": "bewindvoerder"},
    )
    put_staff(
        stack, "hv-anna", {"naam": "Anna Bakker", "team": "Noord", "telefoon": "078 770 4001", "rol": "hulpverlener"}
    )
    log_in(page, "bw-bas", "Bewindvoerder", start="/betrokken")
    follow(page, "Cliënt aanmelden")
    page.get_by_label("BSN", exact=True).fill(bsn(913))
    page.get_by_label("Naam", exact=True).fill("Tanya de Vries")
    page.get_by_label("Straat en huisnummer").fill("Kerkstraat 1")
    page.get_by_label("Postcode").fill("3311 AA")
    page.get_by_label("Woonplaats").fill("Dordrecht")
    income = page.locator("fieldset", has_text="Inkomsten per maand")
    income.get_by_label("Omschrijving 1").fill("Loon")
    income.get_by_label("Bedrag 1").fill("2100,00")
    debts = page.locator("fieldset", has_text="Bekende schulden")
    debts.get_by_label("Schuldeiser 1").fill("Woonbron")
    debts.get_by_label("Bedrag 1").fill("1.250,50")
    assert_accessible(page)
    page.get_by_role("button", name="Aanmelding versturen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tanya de Vries")
    traject_id = page.url.rsplit("/", 1)[-1]
    assert_accessible(page)
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(re.compile("inloggen"))

    log_in(page)
    page.goto(f"/werkplek/trajecten/{traject_id}")
    delivered = page.get_by_role("region", name="Aangeleverd door de bewindvoerder")
    expect(delivered).to_contain_text("Loon: € 2.100,00")
    expect(delivered).to_contain_text("Woonbron: € 1.250,50")
    expect(page.get_by_role("region", name="Betrokkenen")).to_contain_text(
        "Bas de Wit, Bewind Drechtsteden (bewindvoerder)"
    )
