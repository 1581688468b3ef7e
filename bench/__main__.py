"""Measure the API's aanmelding and a step against a bare Temporal round trip, on the dev server as
`make run` starts it (SQLite file, WAL); then many aanmeldingen at once against as many bare starts, with
the memory each new traject costs (bench/throughput.py), and with the API and one or two workers each in a
process of their own (bench/processes.py); a signal partner's file against as many bare
signal-with-starts (bench/signalen.py); a kredietbank's statement against as many bare updates
(bench/afschrift.py); creditor reminders falling due on one morning against as many bare timers with an
activity (bench/herinneringen.py); the statement and the file again with each part in a process of its own
(bench/processes.py); the replay of the recorded histories (bench/replay.py); and the
dossier's lists and figures at 1k, 10k and 100k trajecten on SQLite and PostgreSQL against raw selects
(bench/queries.py). Print the tables the README keeps."""

from __future__ import annotations

import asyncio
import gc
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
from stdnum.nl import bsn
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from api.app import create_app
from api.auth import Role, issue_token
from bench import afschrift, herinneringen, processes, queries, replay, signalen, throughput
from bench.baseline import BaselineWorkflow
from runtime.settings import Settings
from runtime.temporal import data_converter
from runtime.worker import ACTIVITY_THREADS, CACHED_WORKFLOWS, build_worker
from store.db import migrate
from workflows.search_attributes import CUSTOM_SEARCH_ATTRIBUTES

BIN = Path(sys.executable).parent
ROUNDS = 40
WARMUP = 5
# Nine-digit numbers passing the 11-proef, one per aanmelding so none conflicts with a running traject.
BSNS = [number for n in range(100_000_000, 100_300_000) if bsn.is_valid(number := f"{n:09d}")]


async def median_ms(action: Callable[[int], Awaitable[None]], rounds: int = ROUNDS) -> float:
    """Median wall time of `action` over `rounds` runs, after a warm-up."""
    for i in range(WARMUP):
        await action(-1 - i)
    samples = []
    for i in range(rounds):
        started = time.perf_counter()
        await action(i)
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def resident_bytes() -> int:
    """This process's resident memory after a collection (Linux)."""
    gc.collect()
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")


async def main() -> None:
    """Run both measurements and print a Markdown table of ratios."""
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(database_url=f"sqlite:///{tmp}/dossier.db", outbox_dir=Path(tmp) / "outbox")
        migrate(settings.database_url)
        env = await WorkflowEnvironment.start_local(
            dev_server_existing_path=str(BIN / "temporal"),
            data_converter=data_converter(settings),
            search_attributes=CUSTOM_SEARCH_ATTRIBUTES,
            dev_server_extra_args=[
                "--db-filename",
                f"{tmp}/temporal.db",
                "--sqlite-pragma",
                "journal_mode=wal",
                "--sqlite-pragma",
                "synchronous=normal",
            ],
        )
        client = env.client
        headers = {"Authorization": f"Bearer {issue_token(settings, Role.HULPVERLENER, 'bench')}"}
        baseline_queue = f"baseline-{uuid.uuid4()}"
        bsns = iter(BSNS)
        urls: list[str] = []

        async def bare_round_trip(_: int) -> None:
            handle = await client.start_workflow(
                BaselineWorkflow.run, id=f"baseline-{uuid.uuid4()}", task_queue=baseline_queue
            )
            await handle.execute_update(BaselineWorkflow.touch)
            await handle.signal(BaselineWorkflow.finish)

        async def bare_update(_: int) -> None:
            await baseline.execute_update(BaselineWorkflow.touch)

        with ThreadPoolExecutor(max_workers=ACTIVITY_THREADS) as executor:
            async with (
                build_worker(client, settings, executor),
                Worker(client, task_queue=baseline_queue, workflows=[BaselineWorkflow]),
            ):
                app = create_app(settings, client)
                async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as api:

                    async def aanmelding(i: int) -> None:
                        body = {
                            "persoon": {
                                "bsn": next(bsns),
                                "naam": "B",
                                "straat": "S 1",
                                "postcode": "1234 AB",
                                "woonplaats": "W",
                            },
                            "bron": "zelf",
                            "kinderen": False,
                        }
                        response = await api.post("/api/v1/aanmeldingen", json=body, headers=headers)
                        assert response.status_code == 201, response.text
                        urls.append(response.json()["url"])

                    async def gesprek(_: int) -> None:
                        # Each aanmelding above left one traject waiting for its first conversation.
                        today = datetime.now(ZoneInfo("Europe/Amsterdam")).date().isoformat()
                        body = {"gehouden_op": today, "ernst": "licht", "zelfredzaamheid": "zelfredzaam"}
                        response = await api.post(f"{urls.pop()}/gesprekken", json=body, headers=headers)
                        assert response.status_code == 201, response.text

                    payments = await afschrift.running_settlement(api, settings, headers, next(bsns))

                    async def betaling(i: int) -> None:
                        body = {"betaling_id": f"bench-{i}", "datum": payments["today"], "bedrag_cent": 1}
                        response = await api.post(f"{payments['url']}/regeling/betalingen", json=body, headers=headers)
                        assert response.status_code == 201, response.text

                    baseline = await client.start_workflow(
                        BaselineWorkflow.run, id=f"baseline-{uuid.uuid4()}", task_queue=baseline_queue
                    )
                    rows = [
                        (
                            "aanmelding via the API (start, dossier, letter written; its post follows)",
                            await median_ms(aanmelding),
                            await median_ms(bare_round_trip),
                        ),
                        (
                            "eerste gesprek via the API (update, dossier, letter written; its post follows)",
                            await median_ms(gesprek),
                            await median_ms(bare_update),
                        ),
                        (
                            "payment in a running settlement via the API (update, divided, dossier)",
                            await median_ms(betaling),
                            await median_ms(bare_update),
                        ),
                    ]
                    await baseline.signal(BaselineWorkflow.finish)
                    before = resident_bytes()
                    ours = await throughput.aanmeldingen(api, headers, bsns)
                    per_traject = (resident_bytes() - before) / throughput.AANMELDINGEN
                    rates = (ours, await throughput.bare_starts(client, baseline_queue))
                    partner = {"Authorization": f"Bearer {issue_token(settings, Role.SIGNAALPARTNER, 'bench-zk')}"}
                    monthly = signalen.monthly_file(bsns, datetime.now(ZoneInfo("Europe/Amsterdam")).date())
                    kenmerken = await afschrift.settlements(api, settings, headers, bsns)
                    bank = (
                        await afschrift.import_ms(api, headers, afschrift.statement(kenmerken, payments["today"])),
                        await afschrift.bare_ms(client, baseline_queue),
                    )
                    # Last, and after its baseline: the worker takes minutes to work through the cases the file
                    # leaves, and whatever is measured meanwhile would wait for it.
                    bare_signals = await signalen.bare_ms(client, baseline_queue)
                    batch = (await signalen.ingest_ms(api, partner, monthly), bare_signals)
        await env.shutdown()
    reminders = await herinneringen.run()
    # Its own stack of processes, started and stopped from a thread of its own (it runs its own event loops).
    separate = await asyncio.to_thread(processes.run)
    separate_files = await asyncio.to_thread(processes.files)
    lines = [
        f"Measured {datetime.now(UTC):%Y-%m-%d} on this machine, medians of {ROUNDS} sequential runs.",
        "",
        "| what | median | baseline (same run) | ratio |",
        "|---|---|---|---|",
        *[f"| {name} | {ms:.1f} ms | {base:.1f} ms | {ms / base:.1f}x |" for name, ms, base in rows],
        "",
        "Baselines: an empty workflow started and updated once; one update to a running empty workflow.",
        "",
        f"{throughput.AANMELDINGEN:,} at a time of {throughput.CONCURRENCY}, per second (higher is better):",
        "",
        "| what | per second | baseline (same run) | ratio |",
        "|---|---|---|---|",
        f"| aanmeldingen via the API | {rates[0]:.1f} | {rates[1]:.1f} bare starts | {rates[0] / rates[1]:.2f}x |",
        "",
        "The same with the dev server, the API and each worker in a process of its own, against as many bare",
        "starts answered by as many bare workers, each in a process of its own:",
        "",
        processes.table(separate),
        "",
        "A statement and a file the same way, on a stack of their own with one worker, against as many bare calls",
        "answered by one bare worker; with the CPU seconds each process spent:",
        "",
        processes.files_table(separate_files),
        "",
        f"Memory: the process (API and worker) grew {per_traject / 1024:.0f} KiB per new traject, all of them"
        f" cached; the worker caches at most {CACHED_WORKFLOWS:,}, so about"
        f" {per_traject * CACHED_WORKFLOWS / 2**20:.0f} MiB at any number of running trajecten.",
        "",
        "| what | wall time | baseline (same run) | ratio |",
        "|---|---|---|---|",
        f"| a vroegsignalering file of {signalen.LINES:,} lines via the API | {batch[0] / 1000:.1f} s"
        f" | {batch[1] / 1000:.1f} s for as many bare signal-with-starts | {batch[0] / batch[1]:.1f}x |",
        f"| a kredietbank statement of {afschrift.SETTLEMENTS * afschrift.PAYMENTS_EACH:,} payments to"
        f" {afschrift.SETTLEMENTS} settlements via the API | {bank[0] / 1000:.1f} s"
        f" | {bank[1] / 1000:.1f} s for as many bare updates | {bank[0] / bank[1]:.1f}x |",
        f"| {herinneringen.REQUESTS:,} creditor requests' first reminders due on one morning, recorded, written"
        f" and posted ({reminders[2]:,} posted once) | {reminders[0] / 1000:.1f} s"
        f" | {reminders[1] / 1000:.1f} s for as many bare timers and activities | {reminders[0] / reminders[1]:.1f}x |",
        "",
        f"Replay of the recorded histories, medians of {replay.RUNS} runs in the worker's sandbox:",
        "",
        replay.table(await replay.run()),
        "",
        f"The dossier's lists and figures, medians of {queries.RUNS} runs, beside the same SQL run raw:",
        "",
        queries.table(queries.run()),
    ]
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    asyncio.run(main())
