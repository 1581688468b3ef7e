"""Replay: how long a worker takes to rebuild a workflow from its history, as it does for every traject that
is not in its cache when its next timer or step comes. Measured on the recorded histories of the replay test
(tests/replay/histories): the longest path of a traject, the settlement's 18 months of payments among them.
A settlement continues as new every few months, so its longest run is one of the recorded runs."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from temporalio.client import WorkflowHistory
from temporalio.worker import Replayer

from runtime.settings import Settings
from runtime.temporal import data_converter
from runtime.worker import WORKFLOWS, sandbox

HISTORIES = Path(__file__).resolve().parent.parent / "tests" / "replay" / "histories"
RUNS = 20


@dataclass(frozen=True)
class Replay:
    """One recorded history: its name, its events, and the median time of replaying it."""

    name: str
    events: int
    ms: float


async def run() -> list[Replay]:
    """Every recorded history replayed `RUNS` times in the worker's sandbox, longest first."""
    replayer = Replayer(workflows=WORKFLOWS, workflow_runner=sandbox(), data_converter=data_converter(Settings()))
    replays = []
    for path in sorted(HISTORIES.glob("*.json")):
        history = WorkflowHistory.from_json(path.stem, path.read_text(encoding="utf-8"))
        samples = []
        for _ in range(RUNS):
            started = time.perf_counter()
            result = await replayer.replay_workflow(history, raise_on_replay_failure=False)
            samples.append((time.perf_counter() - started) * 1000)
            assert result.replay_failure is None, path.stem
        replays.append(Replay(path.stem, len(history.events), statistics.median(samples)))
    return sorted(replays, key=lambda replay: replay.events, reverse=True)


def table(replays: list[Replay], longest: int = 3) -> str:
    """The longest histories, and the runs of the settlement recorded last, as a Markdown table."""
    newest = max(replays, key=lambda r: _version(r.name)).name.split("_")[1]
    settlement = [r for r in replays if r.name.startswith(f"traject_{newest}_") and "_schuldregeling" in r.name]
    rows = list(dict.fromkeys([*replays[:longest], *settlement]))
    lines = ["| history | events | replay (median) |", "|---|---|---|"]
    lines += [f"| {r.name} | {r.events} | {r.ms:.1f} ms |" for r in rows]
    return "\n".join(lines)


def _version(name: str) -> int:
    """The version of a recorded traject history (traject_v8_... is 8); other workflows' count as 0."""
    parts = name.split("_")
    return int(parts[1][1:]) if parts[0] == "traject" and parts[1][1:].isdigit() else 0
