"""A worker that runs only the baseline workflow, in a process of its own: `python -m bench.bare_worker QUEUE`.
It connects as the engine's worker does (the same address and payload codec, from the environment)."""

from __future__ import annotations

import asyncio
import sys

from temporalio.worker import Worker

from bench.baseline import BaselineWorkflow
from runtime.settings import get_settings
from runtime.temporal import connect


async def main(task_queue: str) -> None:
    """Answer the baseline's workflows on `task_queue` until stopped."""
    client = await connect(get_settings())
    async with Worker(client, task_queue=task_queue, workflows=[BaselineWorkflow]):
        await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
