"""A process settles its heap once it has started: start-up's garbage is collected, the rest is left out of
later collections; the API's module does so when uvicorn loads it."""

from __future__ import annotations

import gc
import subprocess
import sys
import weakref
from pathlib import Path

from runtime.heap import settle

ROOT = Path(__file__).resolve().parents[2]


class _Node:
    def __init__(self) -> None:
        self.me = self


def test_settling_collects_the_cycles_left_behind_and_freezes_what_lives() -> None:
    lives = [object()]
    cycle = _Node()
    gone = weakref.ref(cycle)
    del cycle
    try:
        settle()

        assert gone() is None
        assert gc.get_freeze_count() > 0
        assert not any(o is lives for o in gc.get_objects())
    finally:
        gc.unfreeze()


def test_the_api_process_settles_its_heap_once_the_app_is_built(tmp_path: Path) -> None:
    script = "import gc, api.main; print(gc.get_freeze_count())"
    env = {"SCHULDHULP_DATABASE_URL": f"sqlite:///{tmp_path}/dossier.db", "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True, timeout=120
    )

    assert int(done.stdout.split()[-1]) > 10_000
