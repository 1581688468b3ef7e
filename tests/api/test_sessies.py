"""The browser's session: a development login sets a cookie that is the same principal as a bearer token,
and a write with only the cookie must carry the session's CSRF token and come from this site."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from temporalio.client import Client
from temporalio.worker import Worker

from api.app import create_app
from api.auth import SESSION_COOKIE
from runtime.settings import Settings
from tests.api.conftest import Headers, aanmelding, assert_problem

LOGIN = "/api/v1/sessies"
CURRENT = "/api/v1/sessies/huidig"


@pytest.fixture
async def browser(settings: Settings, temporal: Client, dev_worker: Worker) -> AsyncIterator[httpx.AsyncClient]:
    """A client of an app in development, keeping cookies as a browser does."""
    app = create_app(settings.model_copy(update={"environment": "development"}), temporal)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://werkplek.test") as client:
        yield client


async def log_in(browser: httpx.AsyncClient, rol: str = "hulpverlener", naam: str = "hv-anna") -> str:
    response = await browser.post(LOGIN, json={"rol": rol, "naam": naam})
    assert response.status_code == 201, response.text
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie
    assert "samesite=strict" in cookie
    assert "max-age=" in cookie
    # The answer holds the session's CSRF token: no cache may keep it.
    assert response.headers["cache-control"] == "no-store"
    token: str = response.json()["csrf_token"]
    return token


async def test_the_session_is_the_principal_a_bearer_token_would_be(browser: httpx.AsyncClient) -> None:
    await log_in(browser)
    current = await browser.get(CURRENT)
    assert current.status_code == 200
    assert current.json()["naam"] == "hv-anna"
    assert current.json()["rol"] == "hulpverlener"
    listed = await browser.get("/api/v1/trajecten")
    assert listed.status_code == 200


async def test_a_write_with_the_cookie_needs_the_csrf_token(browser: httpx.AsyncClient) -> None:
    csrf = await log_in(browser)
    without = await browser.post("/api/v1/aanmeldingen", json=aanmelding("123456782"))
    assert_problem(without, 403)
    wrong = await browser.post("/api/v1/aanmeldingen", json=aanmelding("123456782"), headers={"X-CSRF-Token": "0" * 64})
    assert_problem(wrong, 403)
    elsewhere = await browser.post(
        "/api/v1/aanmeldingen",
        json=aanmelding("123456782"),
        headers={"X-CSRF-Token": csrf, "Origin": "https://elders.example"},
    )
    assert_problem(elsewhere, 403)
    cross_site = await browser.post(
        "/api/v1/aanmeldingen",
        json=aanmelding("123456782"),
        headers={"X-CSRF-Token": csrf, "Sec-Fetch-Site": "cross-site"},
    )
    assert_problem(cross_site, 403)
    registered = await browser.post(
        "/api/v1/aanmeldingen",
        json=aanmelding("123456782"),
        headers={"X-CSRF-Token": csrf, "Origin": "http://werkplek.test", "Sec-Fetch-Site": "same-origin"},
    )
    assert registered.status_code == 201, registered.text
    assert registered.json()["hulpverlener"] == "hv-anna"


async def test_a_csrf_token_of_another_session_is_refused(browser: httpx.AsyncClient) -> None:
    other = await log_in(browser, naam="hv-bert")
    await log_in(browser)
    refused = await browser.post("/api/v1/aanmeldingen", json=aanmelding("123456782"), headers={"X-CSRF-Token": other})
    assert_problem(refused, 403)


async def test_the_session_keeps_its_role(browser: httpx.AsyncClient) -> None:
    csrf = await log_in(browser, rol="toezichthouder", naam="tz-tom")
    refused = await browser.post("/api/v1/aanmeldingen", json=aanmelding(), headers={"X-CSRF-Token": csrf})
    assert_problem(refused, 403)


async def test_logging_out_removes_the_cookie(browser: httpx.AsyncClient) -> None:
    csrf = await log_in(browser)
    response = await browser.delete(CURRENT, headers={"X-CSRF-Token": csrf})
    assert response.status_code == 204
    assert SESSION_COOKIE not in browser.cookies
    assert_problem(await browser.get(CURRENT), 401)


async def test_a_login_is_refused_outside_development(api: httpx.AsyncClient) -> None:
    response = await api.post(LOGIN, json={"rol": "hulpverlener", "naam": "hv-anna"})
    assert "ontwikkelomgeving" in assert_problem(response, 403)["detail"]
    assert "set-cookie" not in response.headers


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"rol": "cbs", "naam": "cbs-1"}, "rol"),
        ({"rol": "hulpverlener", "naam": "anna <script>"}, "naam"),
        ({"rol": "koning", "naam": "hv-anna"}, "rol"),
    ],
)
async def test_a_bad_login_says_which_field(browser: httpx.AsyncClient, body: dict[str, str], field: str) -> None:
    problem = assert_problem(await browser.post(LOGIN, json=body), 422)
    assert [param["name"] for param in problem["invalidParams"]] == [field]
    assert SESSION_COOKIE not in browser.cookies


async def test_a_bearer_token_needs_no_csrf_token(api: httpx.AsyncClient, auth: Headers) -> None:
    response = await api.get(CURRENT, headers=auth())
    assert response.status_code == 200
    assert response.json()["naam"] == "hv-anna"
