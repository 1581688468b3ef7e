"""A real browser (Debian's Chromium, driven by Playwright) against the real stack: Temporal dev server,
worker and API as separate processes, in development so the login page works."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from api.auth import Role, issue_token
from tests.e2e.stack import Stack
from ui.assets import PACKAGES

CHROMIUM = "/usr/bin/chromium"
AXE = (PACKAGES / "axe-core/axe.min.js").read_text()
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Where the README's screenshots are written when asked for (SCHULDHULP_SCREENSHOTS=docs/werkplek).
SCREENSHOTS = os.environ.get("SCHULDHULP_SCREENSHOTS")
CREDITORS = [
    {"naam": "Woonstede Verhuur", "soort": "verhuurder", "kanaal": "api", "preferent": False},
    {"naam": "Zorgverzekeraar Gezond", "soort": "zorgverzekeraar", "kanaal": "api", "preferent": False},
]


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    stack = Stack(tmp_path_factory.mktemp("werkplek"), port=22000, environment="development")
    stack.start()
    token = issue_token(stack.settings, Role.BEHEERDER, "beheerder-demo")
    for creditor in CREDITORS:
        response = httpx.post(
            f"{stack.url}/api/v1/beheer/schuldeisers", json=creditor, headers={"Authorization": f"Bearer {token}"}
        )
        assert response.status_code == 201, response.text
    yield stack
    stack.stop()


@pytest.fixture(scope="module")
def playwright(stack: Stack) -> Iterator[Playwright]:
    """Playwright's sync driver runs an event loop in this thread until it stops: it starts after the stack
    (whose start-up uses asyncio) and stops with the module, before any async test runs here."""
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--lang=nl-NL"])
    yield browser
    browser.close()


@pytest.fixture
def page(stack: Stack, browser: Browser) -> Iterator[Page]:
    context = browser.new_context(
        base_url=stack.url, viewport={"width": 1280, "height": 900}, locale="nl-NL", timezone_id="Europe/Amsterdam"
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def accessibility_violations(page: Page) -> list[dict[str, Any]]:
    """What axe-core finds at WCAG 2.1 A and AA on the page as it is now. The script is evaluated through the
    driver, so the page's own Content-Security-Policy stays as strict as it is."""
    page.evaluate(AXE + "\n;0")
    result: dict[str, Any] = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]
    ]


def screenshot(page: Page, name: str) -> None:
    """Keep a screenshot of the page for the README, when asked to."""
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)
