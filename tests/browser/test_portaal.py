"""The portals in a real browser, with the keyboard. A creditor without a system of its own hands in its claim,
is told at the field when the amounts do not add up, and later answers the settlement proposal; the supervisor
then sees its reply time. A signal partner reads in its monthly file and reports one signal. The traject gets
there through the API, as the caseworker's steps are tested elsewhere."""

from __future__ import annotations

import asyncio
import re
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
from playwright.sync_api import Page, expect

from api.auth import Role, issue_token
from api.routers.signalen import CSV_COLUMNS
from domain.policy import Policy
from domain.vordering import reply_working_days
from domain.wgs_deadlines import add_working_days
from tests.api.conftest import eventually, today
from tests.api.test_schuldeisers import CLAIM, ask, creditor, stable_traject
from tests.api.test_schuldregeling import HUISHOUDEN, proposals
from tests.browser.conftest import screenshot
from tests.browser.test_werkplek import assert_accessible, log_in
from tests.e2e.stack import Stack, bsn
from ui.render import datum


def through_api(stack: Stack, steps: Any) -> Any:
    """Run the API tests' async steps against the browser's stack, on a thread of their own: Playwright's
    driver holds this thread's event loop."""

    def headers(role: Role = Role.HULPVERLENER, sub: str = "hv-anna") -> dict[str, str]:
        return {"Authorization": f"Bearer {issue_token(stack.settings, role, sub)}"}

    async def run() -> Any:
        async with httpx.AsyncClient(base_url=stack.url, timeout=60) as api:
            return await steps(api, headers)

    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, run()).result()


def test_a_creditor_hands_in_its_claim_and_answers_the_proposal_in_the_portal(page: Page, stack: Stack) -> None:
    async def two_creditors_asked(api: httpx.AsyncClient, auth: Any) -> tuple[str, str, dict[str, Any]]:
        woonbron = await creditor(api, auth, "Woonbron")
        eneco = await creditor(api, auth, "Eneco")
        traject = await ask(api, auth, await stable_traject(api, auth, bsn(981)), woonbron, eneco)
        return woonbron, eneco, traject

    woonbron, eneco, traject = through_api(stack, two_creditors_asked)

    log_in(page, name=woonbron, role="Schuldeiser", start="/schuldeiser")
    expect(page.get_by_role("heading", name="Verzoeken en voorstellen", level=1)).to_be_visible()
    expect(page.locator(".kop__wie")).to_contain_text("Woonbron")
    verzoek = page.get_by_role("article", name="Tanya de Vries")
    expect(verzoek).to_contain_text(f"Verstuurd op {datum(today())}")
    asked_by = add_working_days(today(), reply_working_days(Policy()))
    expect(verzoek).to_contain_text(f"Graag uw antwoord uiterlijk {datum(asked_by)}.")
    assert_accessible(page)

    verzoek.locator("summary", has_text="Vordering op Tanya de Vries indienen").focus()
    page.keyboard.press("Enter")
    form = verzoek.locator("form[action$='/vorderingen']")
    form.get_by_label("Uw kenmerk").fill("HUUR-17")
    form.get_by_label("Peildatum").fill(today().isoformat())
    form.get_by_label("Hoofdsom").fill("1.000,00")
    form.get_by_label("Rente", exact=True).fill("25,50")
    form.get_by_label("Kosten").fill("40,00")
    form.get_by_label("Totaal").fill("1.000,00")
    form.get_by_label("Totaal").press("Enter")
    expect(form.locator(".foutsamenvatting")).to_be_focused()
    expect(form.locator("[data-veld='totaal_cent'] .utrecht-form-field-error-message")).to_be_visible()
    expect(form.get_by_label("Uw kenmerk")).to_have_value("HUUR-17")
    assert_accessible(page)
    screenshot(page, "portaal-vordering-met-fout")

    form.get_by_label("Totaal").fill("1.065,50")
    form.get_by_label("Totaal").press("Enter")
    expect(page.get_by_text("Er wacht geen verzoek op uw antwoord.")).to_be_visible()
    answered = page.get_by_role("table", name="Verzoeken die u eerder beantwoordde")
    expect(answered.get_by_role("row").filter(has_text="Tanya de Vries")).to_contain_text("€ 1.065,50")

    # Eneco answers on paper through the caseworker; the caseworker then proposes a settlement.
    async def proposed(api: httpx.AsyncClient, auth: Any) -> None:
        url = traject["url"]
        [theirs] = [v for v in traject["verzoeken"] if v["schuldeiser_id"] == eneco]
        claim = CLAIM | {"peildatum": today().isoformat(), "bron": "papier"}
        response = await api.post(f"{url}/verzoeken/{theirs['id']}/vorderingen", json=claim, headers=auth())
        assert response.status_code == 201, response.text
        for path, body in (("afloscapaciteit", HUISHOUDEN), ("voorstel", {"soort": "minnelijk"})):
            response = await api.post(f"{url}/{path}", json=body, headers=auth())
            assert response.status_code in (201, 202), response.text
        # The settlement's own workflow sends the proposals; on a busy machine that may take seconds.
        await eventually(lambda: proposals(api, auth, woonbron), bool, tries=400)

    through_api(stack, proposed)
    page.reload()
    voorstel = page.get_by_role("article", name="Tanya de Vries")
    expect(voorstel).to_contain_text("Minnelijke regeling, 18 maanden")
    expect(voorstel).to_contain_text("€ 1.065,50")

    # Not agreeing needs a reason: the refusal is held at its field until one is given.
    voorstel.get_by_label("Uw antwoord").select_option("nee")
    voorstel.get_by_role("button", name="Antwoord versturen").focus()
    page.keyboard.press("Enter")
    expect(voorstel.locator("[data-veld='reden'] .utrecht-form-field-error-message")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "portaal-voorstel")

    voorstel.get_by_label("Uw antwoord").select_option("ja")
    voorstel.get_by_role("button", name="Antwoord versturen").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Er wacht geen voorstel op uw antwoord.")).to_be_visible()
    earlier = page.get_by_role("table", name="Voorstellen die u eerder beantwoordde")
    expect(earlier.get_by_role("row").filter(has_text="Tanya de Vries")).to_contain_text("Akkoord")
    assert_accessible(page)
    screenshot(page, "portaal-schuldeiser")

    # The werkplek's own pages stay closed to a creditor.
    page.goto("/werkplek")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Geen toegang")

    # The supervisor sees how fast each creditor answers, the slowest first.
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(re.compile("inloggen"))
    log_in(page, name="tz-tom", role="Toezichthouder", start="/toezicht/schuldeisers")
    expect(page.get_by_role("heading", name="Schuldeisers", level=1)).to_be_visible()
    times = page.get_by_role("table", name="Antwoordtijden per schuldeiser, de traagste eerst")
    for name in ("Woonbron", "Eneco"):
        row = times.get_by_role("row").filter(has_text=name)
        expect(row.get_by_role("cell").nth(1)).to_have_text("0")
        expect(row.get_by_role("cell").nth(2)).to_have_text("1")
    expect(page.get_by_text("Geen verzoek wacht op antwoord.")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "console-schuldeisers")


def test_a_signal_partner_reads_in_its_monthly_file_and_reports_one_signal(page: Page) -> None:
    log_in(page, name="woonbron-portaal", role="Signaalpartner", start="/signaalpartner")
    expect(page.get_by_role("heading", name="Signalen van betalingsachterstanden", level=1)).to_be_visible()
    expect(page.get_by_text("U heeft nog geen signaal doorgegeven.")).to_be_visible()
    assert_accessible(page)

    columns = ",".join(CSV_COLUMNS)
    good = f"huur,{bsn(991)},Sem de Wit,Kerkstraat 3,3311 AA,Dordrecht,,95000,2,{today()},WB-2026-0101,,"
    wrong = f"huur,123456789,Iemand,Kerkstraat 4,3311 AA,Dordrecht,,95000,2,{today()},WB-2026-0102,,"
    month = {"name": "maand.csv", "mimeType": "text/csv", "buffer": f"{columns}\n{good}\n{wrong}\n".encode()}
    uitkomst = page.locator("#import-uitkomst")
    for told in ("1 signaal opgeslagen, 0 al eerder ontvangen, 1 regel niet.", "0 signalen opgeslagen, 1 al eerder"):
        page.get_by_label("Bestand (CSV)").set_input_files(files=[month])
        page.get_by_role("button", name="Inlezen").focus()
        page.keyboard.press("Enter")
        expect(uitkomst).to_contain_text(told)
        expect(page.locator("#import-regels")).to_contain_text("Regel 3")
    sent = page.get_by_role("table", name="Uw signalen")
    expect(sent.get_by_role("row").filter(has_text="WB-2026-0101")).to_contain_text("€ 950,00")
    expect(sent.get_by_role("row")).to_have_count(2)

    page.locator("summary", has_text="Eén signaal doorgeven").focus()
    page.keyboard.press("Enter")
    form = page.locator("form[action='/api/v1/signalen']")
    form.get_by_label("Soort achterstand").select_option("energie")
    form.get_by_label("BSN").fill("123456789")
    expect(form.locator("[data-veld='bsn'] .utrecht-form-field-error-message")).to_contain_text("11-proef")
    form.get_by_label("BSN").fill(bsn(992))
    form.get_by_label("Naam").fill("Fatma Yilmaz")
    form.get_by_label("Straat en huisnummer").fill("Singel 12")
    form.get_by_label("Postcode").fill("3311 AB")
    form.get_by_label("Woonplaats").fill("Dordrecht")
    form.get_by_label("Achterstand", exact=True).fill("310,40")
    form.get_by_label("Aantal maanden achterstand").fill("3")
    form.get_by_label("Datum van de achterstand").fill(today().isoformat())
    form.get_by_label("Uw kenmerk").fill("EN-77")
    form.get_by_label("Aankondiging van het stoppen van de levering (energie of water)").check()
    assert_accessible(page)
    screenshot(page, "portaal-signaal")
    form.get_by_label("Uw kenmerk").press("Enter")
    expect(sent.get_by_role("row").filter(has_text="EN-77")).to_contain_text("€ 310,40")
    assert_accessible(page)
    screenshot(page, "portaal-signalen")
