"""The creditor's portal in a real browser: a creditor without a system of its own hands in its claim, is told
at the field when the amounts do not add up, and later answers the settlement proposal, all with the keyboard.
The traject gets there through the API, as the caseworker's steps are tested elsewhere."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
from playwright.sync_api import Page, expect

from api.auth import Role, issue_token
from tests.api.conftest import today
from tests.api.test_schuldeisers import CLAIM, ask, creditor, stable_traject
from tests.api.test_schuldregeling import HUISHOUDEN, proposals
from tests.browser.conftest import screenshot
from tests.browser.test_werkplek import assert_accessible, log_in
from tests.e2e.stack import Stack, bsn


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
    expect(verzoek).to_contain_text(f"Verstuurd op {today().day}")
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
        for _ in range(100):
            if await proposals(api, auth, woonbron):
                return
            await asyncio.sleep(0.2)
        raise AssertionError("no proposal reached Woonbron")

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
