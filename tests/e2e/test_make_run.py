"""`make run`'s start-up on its own ports and data folder: the API and the Temporal UI answer, an aanmelding
goes through, a crashed worker is started again, Ctrl-C stops all three, and a second start keeps the data
of the first."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.auth import Role, issue_token
from runtime.settings import Settings
from tests.api.conftest import aanmelding

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("make-run")]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def stack_env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "SCHULDHULP_DATABASE_URL": f"sqlite:///{tmp_path / 'dossier.db'}",
        "SCHULDHULP_OUTBOX_DIR": str(tmp_path / "outbox"),
        "SCHULDHULP_TEMPORAL_DB": str(tmp_path / "temporal.db"),
        "SCHULDHULP_TEMPORAL_ADDRESS": "127.0.0.1:17233",
        "SCHULDHULP_TEMPORAL_UI_PORT": "18233",
        "SCHULDHULP_API_PORT": "18000",
    }


def start_stack(env: dict[str, str]) -> subprocess.Popen[str]:
    """Start the stack in its own process group, as a terminal would, and wait for its banner."""
    process = subprocess.Popen(
        [sys.executable, "-m", "runtime.devstack"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert process.stdout is not None
    deadline = time.monotonic() + 90
    for line in process.stdout:
        if "Press Ctrl-C to stop." in line:
            return process
        if time.monotonic() > deadline:
            break
    process.kill()
    pytest.fail("the stack did not start")


def kill_child(parent: int, marker: str) -> None:
    """SIGKILL the stack's child whose command line holds `marker`, as a crash would."""
    found = subprocess.run(["pgrep", "-P", str(parent), "-f", marker], capture_output=True, text=True, check=False)
    [pid] = found.stdout.split()
    os.kill(int(pid), signal.SIGKILL)


def ctrl_c(process: subprocess.Popen[str]) -> int:
    """What Ctrl-C does in a terminal: SIGINT to the whole process group."""
    os.killpg(process.pid, signal.SIGINT)
    return process.wait(timeout=60)


@pytest.fixture
def stack(stack_env: dict[str, str]) -> Iterator[dict[str, str]]:
    yield stack_env
    # Whatever a failing test left behind goes too.
    subprocess.run(["pkill", "-f", "127.0.0.1:17233"], check=False)


def test_make_run_starts_serves_stops_and_keeps_its_data(stack: dict[str, str]) -> None:
    settings = Settings()
    headers = {"Authorization": f"Bearer {issue_token(settings, Role.HULPVERLENER, 'hv-anna')}"}

    first = start_stack(stack)
    try:
        with httpx.Client(base_url="http://127.0.0.1:18000", timeout=30) as api:
            created = api.post("/api/v1/aanmeldingen", json=aanmelding(), headers=headers)
            assert created.status_code == 201, created.text
            # A crashed worker is started again by the stack; the next step gets through once it is back.
            kill_child(first.pid, "runtime.worker")
            gesprek = {
                "gehouden_op": created.json()["meldingsdatum"],
                "ernst": "licht",
                "zelfredzaamheid": "zelfredzaam",
            }
            keyed = {**headers, "Idempotency-Key": "na-crash"}
            deadline = time.monotonic() + 60
            step = api.post(f"{created.json()['url']}/gesprekken", json=gesprek, headers=keyed)
            while step.status_code in (202, 503) and time.monotonic() < deadline:
                time.sleep(1)
                step = api.post(f"{created.json()['url']}/gesprekken", json=gesprek, headers=keyed)
            assert step.status_code == 201, step.text
        assert httpx.get("http://127.0.0.1:18233", timeout=10).status_code == 200
        # The werkplek is served too, its development login and assets from the lock file included.
        with httpx.Client(base_url="http://127.0.0.1:18000", timeout=10) as browser:
            assert browser.get("/").headers["location"] == "/inloggen"
            assert "Inloggen" in browser.get("/inloggen").text
            assert browser.get("/static/htmx.js").status_code == 200
    finally:
        assert ctrl_c(first) == 0
    assert subprocess.run(["pgrep", "-f", "127.0.0.1:17233"], check=False).returncode == 1

    second = start_stack(stack)
    try:
        with httpx.Client(base_url="http://127.0.0.1:18000", timeout=30) as api:
            again = api.get(created.json()["url"], headers=headers)
            listed = api.get("/api/v1/trajecten", headers=headers).json()
            # The workflow survived too: the next step still goes to it.
            besluit = {
                "besluit": "toelating",
                "besluit_op": created.json()["meldingsdatum"],
                "motivering": "U kunt uw schulden niet zelf oplossen.",
            }
            step = api.post(f"{created.json()['url']}/beschikkingen", json=besluit, headers=headers)
        assert again.status_code == 200
        assert step.status_code == 201, step.text
        assert again.json()["brieven"][0]["soort"] == "aanmelding_bevestiging"
        assert listed["count"] == 1
    finally:
        assert ctrl_c(second) == 0
