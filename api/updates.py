"""Route helpers that more than one router shares for sending a workflow Update."""

from __future__ import annotations

from typing import Any

from api.engine import Engine
from api.problems import Problem
from domain import ids
from workflows.vordering import VorderingWorkflow


async def answer_request(engine: Engine, verzoek_id: str, update: Any, value: Any, url: str) -> None:
    """Send a creditor request's answer to its workflow, for the creditor and the caseworker alike."""
    handle = engine.client.get_workflow_handle_for(VorderingWorkflow.run, ids.vordering(verzoek_id))
    closed = Problem(409, "verzoek-afgerond", "Dit verzoek is al afgerond.")
    await engine.update(handle, update, value, closed, url)
