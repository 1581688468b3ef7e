"""The workflows' one clock: today in the municipality, the wait for a moment or a condition, and the name the
engine signs its own observations with on a timeline. Workflow code only: it reads `workflow.now()`."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date, datetime, timedelta

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from domain.wgs_deadlines import local_date

# The actor on a timeline for what the engine itself observes or does: a clock running out, a reminder.
ENGINE = "systeem"
# A timer never waits less, so a moment just passed still yields one durable wait rather than none.
SHORTEST_WAIT = timedelta(seconds=1)


def today(timezone: str) -> date:
    """The workflow's date in the municipality's time zone."""
    return local_date(workflow.now(), timezone)


def until(moment: datetime) -> timedelta:
    """How long from now until `moment`, at least `SHORTEST_WAIT`."""
    return max(moment - workflow.now(), SHORTEST_WAIT)


async def wait_until(moment: datetime, condition: Callable[[], bool]) -> bool:
    """Wait until `moment` or until `condition` holds, whichever comes first; True when the condition holds
    as the wait ends, so a condition met at the very moment of the timeout counts as met."""
    with contextlib.suppress(TimeoutError):
        await workflow.wait_condition(condition, timeout=until(moment))
    return condition()
