"""The stack as separate processes on its own ports and data folder, for tests that kill or stop a part of it:
the Temporal dev server (as `make run` starts it), the worker, and the API under uvicorn."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from api.auth import Role, issue_token
from runtime.devstack import temporal_command, wait_for_temporal
from runtime.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def bsn(number: int) -> str:
    """A BSN that passes the 11-proef, the `number`-th of a fixed series."""
    for candidate in range(100_000_000 + number * 1_000, 100_000_000 + number * 1_000 + 1_000):
        digits = [int(d) for d in f"{candidate:09d}"]
        if (sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]) % 11 == 0:
            return f"{candidate:09d}"
    raise ValueError(number)


class Stack:
    """Temporal, worker and API of one test, each started and stopped on its own."""

    def __init__(self, folder: Path, port: int, engine_wait: float = 5.0, environment: str = "test") -> None:
        self.settings = Settings(
            environment=environment,
            database_url=f"sqlite:///{folder / 'dossier.db'}",
            outbox_dir=folder / "outbox",
            temporal_db=folder / "temporal.db",
            temporal_address=f"127.0.0.1:{port}",
            temporal_ui_port=port + 1,
            api_port=port + 2,
            engine_wait_seconds=engine_wait,
        )
        self.env = {
            **os.environ,
            "SCHULDHULP_ENVIRONMENT": environment,
            "SCHULDHULP_DATABASE_URL": self.settings.database_url,
            "SCHULDHULP_OUTBOX_DIR": str(self.settings.outbox_dir),
            "SCHULDHULP_TEMPORAL_ADDRESS": self.settings.temporal_address,
            "SCHULDHULP_ENGINE_WAIT_SECONDS": str(engine_wait),
        }
        self.url = f"http://127.0.0.1:{port + 2}"
        self.processes: dict[str, subprocess.Popen[bytes]] = {}

    def headers(self, key: str | None = None, sub: str = "hv-anna") -> dict[str, str]:
        token = issue_token(self.settings, Role.HULPVERLENER, sub)
        return {"Authorization": f"Bearer {token}", **({"Idempotency-Key": key} if key else {})}

    def spawn(self, name: str, argv: list[str]) -> None:
        """A process of this stack, run from the project with the stack's settings, logged in its folder."""
        log = (self.settings.outbox_dir.parent / f"{name}.log").open("ab")
        self.processes[name] = subprocess.Popen(
            argv, cwd=ROOT, env=self.env, stdout=log, stderr=log, start_new_session=True
        )

    def start_temporal(self) -> None:
        # A stack left over from an interrupted run would answer in this one's place.
        host, port = self.settings.temporal_address.rsplit(":", 1)
        with socket.socket() as probe:
            if probe.connect_ex((host, int(port))) == 0:
                raise RuntimeError(f"port {port} is taken: stop the process that holds it")
        self.spawn("temporal", temporal_command(self.settings))
        asyncio.run(wait_for_temporal(self.settings, self.processes["temporal"]))

    def start_worker(self, name: str = "worker") -> None:
        """A worker process; one named otherwise runs beside the first, as a second replica does."""
        self.spawn(name, [sys.executable, "-m", "runtime.worker"])

    def start_api(self) -> None:
        argv = [sys.executable, "-m", "uvicorn", "api.main:app", "--host", "127.0.0.1"]
        self.spawn("api", [*argv, "--port", str(self.settings.api_port), "--log-level", "warning"])
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/api/v1/openapi.json", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.2)
        raise RuntimeError("the API did not start")

    def start(self) -> None:
        """All three, the worker before the API (it migrates the dossier)."""
        self.start_temporal()
        self.start_worker()
        self.wait_for_dossier()
        self.start_api()

    def wait_for_dossier(self) -> None:
        db = Path(self.settings.database_url.removeprefix("sqlite:///"))
        deadline = time.monotonic() + 60
        while not db.exists() and time.monotonic() < deadline:
            time.sleep(0.2)

    def kill(self, name: str, how: signal.Signals = signal.SIGKILL) -> None:
        process = self.processes.pop(name)
        os.killpg(process.pid, how)
        process.wait(timeout=30)

    def stop(self) -> None:
        """Every process, the newest first and Temporal last, however often a test restarted one: a worker that
        loses its server first spends its shutdown retrying it."""
        for name in sorted(reversed(list(self.processes)), key=lambda name: name == "temporal"):
            self.kill(name, signal.SIGTERM)

    def post(self, path: str, body: dict[str, Any], key: str | None = None, timeout: float = 60) -> httpx.Response:
        return httpx.post(f"{self.url}{path}", json=body, headers=self.headers(key), timeout=timeout)

    def get(self, path: str) -> httpx.Response:
        return httpx.get(f"{self.url}{path}", headers=self.headers(), timeout=30)
