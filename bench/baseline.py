"""The baseline: the least a Temporal round trip costs on the same server (start, then one update)."""

from temporalio import workflow


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
