"""A creditor's own system receives each request once, signed, even when the first attempt fails."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from api.auth import Role
from tests.api.conftest import Headers
from tests.api.test_schuldeisers import ask, stable_traject


class Receiver(ThreadingHTTPServer):
    """A creditor's system on localhost: fails the first delivery, then keeps what it receives."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), ReceiverHandler)
        self.attempts = 0
        self.received: list[tuple[dict[str, str], bytes]] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/hooks/schuldhulp"


class ReceiverHandler(BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.attempts += 1
        if self.server.attempts == 1:
            self.send_response(503)
        else:
            self.server.received.append((dict(self.headers), body))
            self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


async def test_webhook_is_signed_and_delivered_once_after_a_failed_attempt(
    api: httpx.AsyncClient, auth: Headers, receiver: Receiver
) -> None:
    body = {"naam": "Woonbron", "soort": "verhuurder", "kanaal": "api", "webhook_url": receiver.url}
    created = (await api.post("/api/v1/beheer/schuldeisers", json=body, headers=auth(Role.BEHEERDER))).json()
    traject = await ask(api, auth, await stable_traject(api, auth), created["id"])

    for _ in range(100):
        if receiver.received:
            break
        await asyncio.sleep(0.1)
    await asyncio.sleep(1.5)  # time for a wrongful second delivery to show

    assert receiver.attempts == 2
    [(headers, raw)] = receiver.received
    expected = "sha256=" + hmac.new(created["webhook_key"].encode(), raw, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers["X-Schuldhulp-Signature"], expected)
    verzoek_id = traject["verzoeken"][0]["id"]
    assert headers["Idempotency-Key"] == f"{verzoek_id}:kennisgeving"
    message = json.loads(raw)
    assert message["event"] == "kennisgeving"
    assert message["url"].endswith(f"/api/v1/schuldeisers/verzoeken/{verzoek_id}")
    assert "Tanya" not in raw.decode()
