"""Messages to creditors' own systems: signed with the creditor's key, retried by Temporal until delivered."""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass

import httpx
from temporalio import activity
from temporalio.exceptions import ApplicationError

from store.db import SessionFactory
from store.models import Schuldeiser

SIGNATURE_HEADER = "X-Schuldhulp-Signature"
# Statuses worth trying again; any other 4xx means the message itself is refused.
RETRYABLE_4XX = frozenset({408, 425, 429})
# A receiver that already has this idempotency key may say so with 409: delivered all the same.
ALREADY_RECEIVED = 409
# The body names what the event is about by the resource's singular.
RESOURCE_KEYS = {"verzoeken": "verzoek", "voorstellen": "voorstel"}


@dataclass(frozen=True)
class WebhookMessage:
    """One event for a creditor's system; `key` is the idempotency key the receiver dedupes on. The event
    is about a request (`verzoeken`) or a settlement proposal (`voorstellen`) with id `verzoek_id`."""

    schuldeiser_id: str
    key: str
    event: str
    verzoek_id: str
    resource: str = "verzoeken"


def signature(key: str, body: bytes) -> str:
    """'sha256=<hex>' over the exact body bytes, with the creditor's key."""
    return "sha256=" + hmac.new(key.encode(), body, hashlib.sha256).hexdigest()


class WebhookActivities:
    """Webhook delivery, built once in the worker with a shared httpx client."""

    def __init__(self, sessions: SessionFactory, http: httpx.Client, api_base: str) -> None:
        self._sessions = sessions
        self._http = http
        self._api_base = api_base

    @activity.defn
    def notify_creditor(self, message: WebhookMessage) -> None:
        """POST the event to the creditor's webhook; a failure raises, and Temporal retries with backoff."""
        with self._sessions() as session:
            creditor = session.get(Schuldeiser, message.schuldeiser_id)
        if creditor is None or not creditor.webhook_url or not creditor.webhook_key:
            return
        body = json.dumps(
            {
                "event": message.event,
                RESOURCE_KEYS[message.resource]: message.verzoek_id,
                "url": f"{self._api_base}/api/v1/schuldeisers/{message.resource}/{message.verzoek_id}",
            },
            separators=(",", ":"),
        ).encode()
        headers = {
            "Content-Type": "application/json",
            "Idempotency-Key": message.key,
            SIGNATURE_HEADER: signature(creditor.webhook_key, body),
        }
        response = self._http.post(creditor.webhook_url, content=body, headers=headers)
        if response.is_success or response.status_code == ALREADY_RECEIVED:
            return
        if 400 <= response.status_code < 500 and response.status_code not in RETRYABLE_4XX:
            raise ApplicationError(
                f"webhook of {message.schuldeiser_id} refused the message ({response.status_code})",
                type="WebhookRefused",
                non_retryable=True,
            )
        raise ApplicationError(
            f"webhook of {message.schuldeiser_id} answered {response.status_code}", type="WebhookUnavailable"
        )
