"""Every request passes the gate: authenticated before its body is read, answered as problem+json whatever
goes wrong, with a correlation id that is in the log, and with the headers personal data needs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import jwt
import pytest
from structlog.testing import capture_logs
from temporalio.client import Client

from api.app import create_app
from api.auth import ALGORITHM, Role
from api.gate import MAX_BODY_BYTES
from runtime.settings import Settings
from runtime.temporal import connect
from tests.api.conftest import Headers, aanmelding, assert_problem


async def test_an_unexpected_error_is_a_problem_with_a_correlation_id_in_the_log(
    api: httpx.AsyncClient, auth: Headers, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("BSN 111222333 van Tanya de Vries")

    monkeypatch.setattr("api.routers.trajecten.list_trajecten", broken)
    with capture_logs() as logs:
        response = await api.get("/api/v1/trajecten", headers={**auth(), "X-Correlation-ID": "vraag-42"})
    body = assert_problem(response, 500)
    assert body["correlationId"] == "vraag-42" == response.headers["X-Correlation-ID"]
    assert "vraag-42" in body["detail"]
    assert "111222333" not in response.text
    assert "Traceback" not in response.text
    failed = [entry for entry in logs if entry["event"] == "request_failed"]
    assert failed
    assert failed[0]["error"] == "RuntimeError"
    assert "111222333" not in repr(logs)


async def test_the_caller_is_checked_before_the_body_is_read(api: httpx.AsyncClient, auth: Headers) -> None:
    broken = {"Content-Type": "application/json"}
    assert_problem(await api.post("/api/v1/aanmeldingen", content=b"{not json", headers=broken), 401)
    as_partner = {**broken, **auth(Role.SIGNAALPARTNER, "woonbron")}
    assert_problem(await api.post("/api/v1/aanmeldingen", content=b"{not json", headers=as_partner), 403)
    assert_problem(await api.post("/api/v1/aanmeldingen", content=b"{not json", headers={**broken, **auth()}), 422)


async def test_a_token_must_expire_and_be_signed_by_us(api: httpx.AsyncClient, settings: Settings) -> None:
    now = datetime.now(UTC)
    forever = jwt.encode({"sub": "hv-anna", "role": "hulpverlener", "iat": now}, settings.token_secret, ALGORITHM)
    expired = jwt.encode(
        {"sub": "hv-anna", "role": "hulpverlener", "iat": now, "exp": now - timedelta(minutes=1)},
        settings.token_secret,
        ALGORITHM,
    )
    forged = jwt.encode(
        {"sub": "hv-anna", "role": "hulpverlener", "iat": now, "exp": now + timedelta(hours=1)}, "x" * 40, ALGORITHM
    )
    for token in (forever, expired, forged, "not-a-token"):
        response = await api.get("/api/v1/trajecten", headers={"Authorization": f"Bearer {token}"})
        assert_problem(response, 401)
        assert response.headers["WWW-Authenticate"] == "Bearer"


async def test_a_body_too_large_is_refused_before_it_is_read(api: httpx.AsyncClient, auth: Headers) -> None:
    big = b"x" * (MAX_BODY_BYTES + 1)
    headers = {**auth(), "Content-Type": "text/csv"}
    assert_problem(await api.post("/api/v1/regelingen/betalingen", content=big, headers=headers), 413)

    async def chunks() -> object:
        for _ in range(7):
            yield b"x" * 1_000_000

    assert_problem(await api.post("/api/v1/regelingen/betalingen", content=chunks(), headers=headers), 413)
    # A partner's file is read as it arrives: the route meets the limit while it reads.
    partner = {**auth(Role.SIGNAALPARTNER, "woonbron"), "Content-Type": "text/csv"}
    assert_problem(await api.post("/api/v1/signalen/batch", content=chunks(), headers=partner), 413)


async def test_personal_data_is_never_cached_and_letters_run_no_script(api: httpx.AsyncClient, auth: Headers) -> None:
    traject = (await api.post("/api/v1/aanmeldingen", json=aanmelding(), headers=auth())).json()
    read = await api.get(traject["url"], headers=auth())
    assert read.headers["Cache-Control"] == "no-store"
    assert read.headers["X-Content-Type-Options"] == "nosniff"
    letter = await api.get(traject["brieven"][0]["url"], headers=auth())
    assert letter.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in letter.headers["Content-Security-Policy"]
    assert "script-src" not in letter.headers["Content-Security-Policy"]
    public = await api.get("/api/v1/openapi.json")
    assert public.headers["X-Content-Type-Options"] == "nosniff"
    assert "Cache-Control" not in public.headers


async def test_an_engine_that_is_away_answers_503_while_reads_go_on(
    settings: Settings, auth: Headers, engine: object
) -> None:
    away = settings.model_copy(update={"temporal_address": "127.0.0.1:1"})
    app = create_app(away, await connect(away, lazy=True))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        assert (await client.get("/api/v1/trajecten", headers=auth())).status_code == 200
        response = await client.post("/api/v1/aanmeldingen", json=aanmelding(), headers=auth())
        assert_problem(response, 503)
        assert int(response.headers["Retry-After"]) > 0


async def test_a_dossier_that_is_away_answers_503_not_500(settings: Settings, auth: Headers, temporal: Client) -> None:
    away = settings.model_copy(update={"database_url": "sqlite:////nonexistent-folder/dossier.db"})
    app = create_app(away, temporal)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        response = await client.get("/api/v1/trajecten", headers=auth())
    assert_problem(response, 503)
    assert int(response.headers["Retry-After"]) > 0
