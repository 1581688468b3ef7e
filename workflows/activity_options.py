"""Timeouts and retries of activity calls: retried until they land, since each is idempotent. And `write`,
how a traject's and a settlement's steps and a vroegsignalering case write to the dossier: in their own
workflow task, as local activities.

The start-to-close timeout is how long a worker that died in the middle of an activity goes unnoticed:
fitted to what the activity does, so in-flight work resumes within seconds after a worker restarts.
"""

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any, TypeVar

from temporalio import workflow
from temporalio.common import RetryPolicy

A = TypeVar("A")
R = TypeVar("R")

_RETRY = RetryPolicy(initial_interval=timedelta(seconds=1), maximum_interval=timedelta(minutes=5))

# Dossier writes and letters: milliseconds of work on the local database.
ACTIVITY: dict[str, Any] = {"start_to_close_timeout": timedelta(seconds=10), "retry_policy": _RETRY}
# Calls to another system (a creditor's webhook, the Temporal service): bounded by their own timeouts.
REMOTE: dict[str, Any] = {"start_to_close_timeout": timedelta(seconds=30), "retry_policy": _RETRY}

# A dossier write (a step's record, its letter) runs in the workflow task that needs it, as a local activity:
# no trip through the Temporal service of its own. A letter's post stays a (remote) activity, so a post that
# keeps failing is listed in the console and can be run again there. Runs that began before wrote each as a
# remote activity, and replay so.
IN_DE_TAAK = "stap-in-een-taak"
# A creditor request's records and every letter to a creditor followed later: a morning of reminders was three
# trips through the service for each request, where one (the post) is needed. Runs from before replay as they ran.
SCHULDEISER_IN_DE_TAAK = "schuldeiser-in-de-taak"


async def write(
    activity: Callable[[Any, A], Awaitable[R]] | Callable[[Any, A], R], arg: A, since: str = IN_DE_TAAK
) -> R:
    """Run the dossier write `activity` with `arg`: in the workflow task, unless this run began before the
    patch `since` that made it so."""
    if workflow.patched(since):
        return await workflow.execute_local_activity_method(activity, arg, **ACTIVITY)
    return await workflow.execute_activity_method(activity, arg, **ACTIVITY)
