"""Idempotency keys: what makes a retried activity write an event, a letter or a message once.

A key is the id of what it belongs to (a traject, a request, a proposal, a measure, a case) followed by
what happened to it, joined by ':'. The dossier keeps keys in unique columns, so a key's shape never
changes for something already written."""

from __future__ import annotations

from datetime import date


def key(owner: str, *what: str | int | date) -> str:
    """The key of something that happens once to `owner`."""
    return ":".join([owner, *(part.isoformat() if isinstance(part, date) else str(part) for part in what)])
