"""Answering a creditor request, for the creditor and the caseworker alike."""

from __future__ import annotations

from typing import Any

from temporalio.client import Client, WorkflowUpdateFailedError
from temporalio.service import RPCError, RPCStatusCode

from api.problems import Problem, from_update_failure
from workflows.vordering import VorderingWorkflow


async def answer_request(client: Client, verzoek_id: str, update: Any, value: Any) -> None:
    """Send a request's answer to its workflow; a refusal maps to 409/422, a finished request to 409."""
    handle = client.get_workflow_handle_for(VorderingWorkflow.run, f"vordering-{verzoek_id}")
    try:
        await handle.execute_update(update, value)
    except WorkflowUpdateFailedError as err:
        raise from_update_failure(err) from err
    except RPCError as err:
        if err.status is RPCStatusCode.NOT_FOUND:
            raise Problem(409, "verzoek-afgerond", "Dit verzoek is al afgerond.") from err
        raise
