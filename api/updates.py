"""Sending a workflow Update from a route, with its refusals mapped to problem+json in one place."""

from __future__ import annotations

from typing import Any

from temporalio.client import Client, WorkflowHandle, WorkflowUpdateFailedError
from temporalio.service import RPCError, RPCStatusCode

from api.problems import Problem, from_update_failure
from workflows.vordering import VorderingWorkflow


async def send_update(handle: WorkflowHandle[Any, Any], update: Any, value: Any, closed: Problem) -> None:
    """Run the update; a refused one becomes 409/422, and `closed` answers for a workflow that has ended."""
    try:
        await handle.execute_update(update, value)
    except WorkflowUpdateFailedError as err:
        raise from_update_failure(err) from err
    except RPCError as err:
        if err.status is RPCStatusCode.NOT_FOUND:
            raise closed from err
        raise


async def answer_request(client: Client, verzoek_id: str, update: Any, value: Any) -> None:
    """Send a creditor request's answer to its workflow, for the creditor and the caseworker alike."""
    handle = client.get_workflow_handle_for(VorderingWorkflow.run, f"vordering-{verzoek_id}")
    await send_update(handle, update, value, Problem(409, "verzoek-afgerond", "Dit verzoek is al afgerond."))
