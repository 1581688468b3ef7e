"""Every workflow id, built here and nowhere else. Temporal keeps ids in plain text and shows them in its
Web UI, so an id is a kind and a UUID: never a BSN, a name, an address or anything a person typed."""

from __future__ import annotations

import re
import uuid

_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
UUID_PATTERN = rf"^{_UUID}$"
# What every workflow id looks like: a kind and a UUID.
WORKFLOW_ID = re.compile(rf"^(traject|vordering|schuldregeling|signalering)-{_UUID}$")
# A vroegsignalering case is named by its workflow's id, in paths too.
SIGNALERING_PATTERN = rf"^signalering-{_UUID}$"


def _checked(kind: str, key: str) -> str:
    workflow_id = f"{kind}-{key}"
    if not WORKFLOW_ID.match(workflow_id):
        raise ValueError(f"not an id of ours: a {kind} is named by a UUID")
    return workflow_id


def traject(traject_id: str) -> str:
    """The workflow of one client's traject."""
    return _checked("traject", traject_id)


def vordering(verzoek_id: str) -> str:
    """The workflow of one request to one creditor."""
    return _checked("vordering", verzoek_id)


def schuldregeling(traject_id: str) -> str:
    """The settlement's workflow of a traject."""
    return _checked("schuldregeling", traject_id)


def new_signalering() -> str:
    """A new vroegsignalering case: its id is its workflow's id too."""
    return _checked("signalering", str(uuid.uuid4()))


def kind_and_key(workflow_id: str) -> tuple[str, str] | None:
    """The kind and the UUID of one of our workflow ids; None for any other id."""
    if not WORKFLOW_ID.match(workflow_id):
        return None
    kind, key = workflow_id.split("-", 1)
    return kind, key
