"""Record a history of TrajectWorkflow's longest path for the replay test: `python -m tests.replay.record NAME`.

Record a new one before changing workflow code under running trajecten; keep the old ones.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

from temporalio.testing import WorkflowEnvironment

from domain.klantprofiel import Ernst, Zelfredzaamheid
from domain.traject import Actiepunt, Beschikking, Besluit, EersteGesprek, PlanVanAanpak, Wie
from domain.wgs_deadlines import local_date
from runtime.settings import Settings
from runtime.temporal import data_converter, register_search_attributes
from runtime.worker import build_worker
from store.db import migrate
from tests.conftest import BIN, make_start
from workflows.traject import TrajectWorkflow

HISTORIES = Path(__file__).resolve().parent / "histories"


async def record(name: str) -> Path:
    """Run aanmelding to stabilisatie with one breached clock, and save the history as JSON."""
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(database_url=f"sqlite:///{tmp}/dossier.db", outbox_dir=Path(tmp) / "outbox")
        migrate(settings.database_url)
        env = await WorkflowEnvironment.start_time_skipping(
            test_server_existing_path=str(BIN / "temporal-test-server"), data_converter=data_converter(settings)
        )
        await register_search_attributes(env.client, env.client.namespace)
        with ThreadPoolExecutor() as executor:
            async with build_worker(env.client, settings, executor):
                today = local_date(await env.get_current_time(), "Europe/Amsterdam")
                start = make_start(today, crisis="beeindiging_gas")
                handle = await env.client.start_workflow(
                    TrajectWorkflow.run, start, id=f"traject-{start.traject_id}", task_queue=settings.task_queue
                )
                await handle.execute_update(TrajectWorkflow.wait_registered)
                await env.sleep(timedelta(days=8))
                later = local_date(await env.get_current_time(), "Europe/Amsterdam")
                gesprek = EersteGesprek(
                    later, Ernst.MATIG, Zelfredzaamheid.NIET, ["Huurtoeslag"], [Actiepunt(Wie.CLIENT, "Post openen")]
                )
                await handle.execute_update(TrajectWorkflow.eerste_gesprek, gesprek)
                await handle.execute_update(
                    TrajectWorkflow.beschikking, Beschikking(Besluit.TOELATING, later, "Toegelaten.")
                )
                plan = PlanVanAanpak("Rust.", ["Huur betaald"], ["Schuldeisers aanschrijven"], ["Post openen"])
                await handle.execute_update(TrajectWorkflow.plan_van_aanpak, plan)
                history = await handle.fetch_history()
                await handle.terminate("recorded")
        await env.shutdown()
    target = HISTORIES / f"{name}.json"
    target.write_text(history.to_json(), encoding="utf-8")
    return target


if __name__ == "__main__":
    sys.stdout.write(f"{asyncio.run(record(sys.argv[1]))}\n")
