"""The baselines: the least a Temporal round trip costs on the same server (start, then one update), and the
least a timer followed by an activity costs."""

import threading
from datetime import datetime, timedelta

from temporalio import activity, workflow


@workflow.defn
class BaselineWorkflow:
    """Starts, answers updates at once, and ends when told."""

    def __init__(self) -> None:
        self._done = False

    @workflow.run
    async def run(self) -> None:
        """Wait until told to end."""
        await workflow.wait_condition(lambda: self._done)

    @workflow.update
    async def touch(self) -> int:
        """Answer at once, as cheaply as an update can."""
        return 1

    @workflow.signal
    def finish(self) -> None:
        """End the workflow."""
        self._done = True

    @workflow.signal
    def poke(self) -> None:
        """Take a signal and do nothing with it, as cheaply as a signal can be taken."""


class BareActivity:
    """The least an activity costs: nothing but a count, so a bench can see when all of them have run."""

    def __init__(self) -> None:
        self.runs = 0
        self._lock = threading.Lock()

    @activity.defn(name="bare_activity")
    def run(self) -> None:
        """Count one run."""
        with self._lock:
            self.runs += 1


@workflow.defn
class BareReminderWorkflow:
    """Waits until a moment, then runs one empty activity: a reminder without a dossier or a letter."""

    @workflow.run
    async def run(self, moment: datetime) -> None:
        """Wait for `moment`, then run the empty activity once."""
        await workflow.sleep(max(moment - workflow.now(), timedelta(seconds=1)))
        await workflow.execute_activity("bare_activity", start_to_close_timeout=timedelta(minutes=5))
