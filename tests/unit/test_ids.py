"""Workflow ids are built in domain/ids.py alone, and carry a kind and a UUID: never personal data."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest

from domain import ids

ROOT = Path(__file__).resolve().parents[2]
# A string that starts a workflow id by hand: "traject-…", f"vordering-{…}" and the like.
HAND_BUILT = re.compile(r"""f?["'](traject|vordering|schuldregeling|signalering)-[{"']""")


def test_every_workflow_id_is_a_kind_and_a_uuid() -> None:
    key = str(uuid.uuid4())
    for workflow_id in (ids.traject(key), ids.vordering(key), ids.schuldregeling(key), ids.new_signalering()):
        assert ids.WORKFLOW_ID.match(workflow_id)


@pytest.mark.parametrize("personal", ["111222333", "Tanya de Vries", "3311 AA", "Kerkstraat 1", ""])
def test_nothing_but_a_uuid_can_name_a_workflow(personal: str) -> None:
    for build in (ids.traject, ids.vordering, ids.schuldregeling):
        with pytest.raises(ValueError, match="UUID"):
            build(personal)


def test_no_code_outside_the_ids_module_builds_a_workflow_id() -> None:
    sources = [
        path
        for folder in ("api", "activities", "bench", "domain", "runtime", "store", "workflows")
        for path in (ROOT / folder).rglob("*.py")
        if path != ROOT / "domain" / "ids.py" and "migrations" not in path.parts
    ]
    assert len(sources) > 50
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sources
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if HAND_BUILT.search(line)
    ]
    assert offenders == []
