"""`make run`: the embedded Temporal dev server, the worker and the API, started together, stopped together.
A process that stops by itself (a crash) is started again with growing pauses; the others go on.

Data lives under var/ (Temporal's SQLite file, the dossier DB, the mailroom), so a second run keeps it.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from api.auth import Role, issue_token
from runtime.settings import Settings, get_settings
from runtime.temporal import connect, register_search_attributes
from store.db import migrate

BIN = Path(sys.executable).parent
STARTUP_SECONDS = 60
MAX_BACKOFF_SECONDS = 30
STABLE_SECONDS = 60
# Set by Ctrl-C or SIGTERM: from then on, children exiting is the shutdown we asked for, not a failure.
stopping = threading.Event()
# What the engine needs of a Temporal server beyond its defaults. A workflow whose own code fails this many
# workflow tasks in a row is marked TemporalReportedProblems, which the console's stuck list finds; a
# self-hosted server leaves the mark off unless told. Production's cluster is held to the same settings
# (docker/temporal/dynamicconfig.yaml, by tests/deploy/test_docker.py).
PROBLEMS_MARKED_AFTER = "system.numConsecutiveWorkflowTaskProblemsToTriggerSearchAttribute"
SERVER_CONFIG: dict[str, int] = {PROBLEMS_MARKED_AFTER: 5}


def dynamic_config(config: Mapping[str, int]) -> list[str]:
    """The dev server's arguments that set `config`."""
    return [arg for key, value in config.items() for arg in ("--dynamic-config-value", f"{key}={value}")]


def temporal_command(settings: Settings) -> list[str]:
    """The dev server on its SQLite file; WAL roughly doubles its throughput, and reported problems are on."""
    host, port = settings.temporal_address.rsplit(":", 1)
    settings.temporal_db.parent.mkdir(parents=True, exist_ok=True)
    return [
        str(BIN / "temporal"),
        "server",
        "start-dev",
        "--ip",
        host,
        "--port",
        port,
        "--ui-port",
        str(settings.temporal_ui_port),
        "--namespace",
        settings.temporal_namespace,
        "--db-filename",
        str(settings.temporal_db),
        "--sqlite-pragma",
        "journal_mode=wal",
        "--sqlite-pragma",
        "synchronous=normal",
        *dynamic_config(SERVER_CONFIG),
        "--ui-codec-endpoint",
        f"http://{settings.api_host}:{settings.api_port}/api/v1/codec",
        "--log-level",
        "warn",
    ]


async def wait_for_temporal(settings: Settings, server: subprocess.Popen[bytes]) -> None:
    """Once the server answers, register the search attributes; fail if it exits first."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        if server.poll() is not None:
            raise RuntimeError("the Temporal dev server stopped during start-up")
        try:
            client = await connect(settings)
            break
        except RuntimeError:
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.5)
    await register_search_attributes(client, settings.temporal_namespace)


def wait_for_api(url: str, api: subprocess.Popen[bytes]) -> None:
    """Return once the API serves its OpenAPI document."""
    deadline = time.monotonic() + STARTUP_SECONDS
    with httpx.Client() as http:
        while time.monotonic() < deadline:
            if api.poll() is not None:
                raise RuntimeError("the API stopped during start-up")
            with contextlib.suppress(httpx.TransportError):
                if http.get(f"{url}/api/v1/openapi.json").status_code == 200:
                    return
            time.sleep(0.3)
    raise RuntimeError("the API did not answer in time")


def banner(settings: Settings, api_url: str) -> str:
    """Where everything is, and a token per role to try it with."""
    host = settings.temporal_address.rsplit(":", 1)[0]
    lines = [
        "",
        "Schuldhulp Engine is running.",
        f"  Werkplek     {api_url}/  (log in as hulpverlener, toezichthouder or beheerder)",
        f"  API          {api_url}/api/v1  (OpenAPI: {api_url}/api/v1/openapi.json, docs: {api_url}/api/v1/docs)",
        f"  Temporal UI  http://{host}:{settings.temporal_ui_port}",
        f"  Temporal     {settings.temporal_address}  (namespace {settings.temporal_namespace})",
        f"  Dossier DB   {settings.database_url}",
        "",
        "Tokens to try it with (more: make token ROLE=<role> SUB=<name>):",
    ]
    for role in (Role.HULPVERLENER, Role.TOEZICHTHOUDER, Role.BEHEERDER):
        lines.append(f"  {role.value:<15} {issue_token(settings, role, f'{role.value}-demo')}")
    lines += ["", "Press Ctrl-C to stop.", ""]
    return "\n".join(lines)


def child(argv: list[str]) -> subprocess.Popen[bytes]:
    """A child in its own session: the terminal's Ctrl-C reaches only us, and we stop the children in order
    (a worker that loses its server first spends its shutdown retrying it)."""
    return subprocess.Popen(argv, start_new_session=True)  # noqa: S603 (fixed argv of our own programs)


@dataclass
class Supervised:
    """One process of the stack, started again with growing pauses when it stops by itself."""

    name: str
    argv: list[str]
    process: subprocess.Popen[bytes]
    restarts: int = 0
    started_at: float = field(default_factory=time.monotonic)
    restart_at: float | None = None

    def watch(self, now: float) -> None:
        """Restart a process that stopped, after 1, 2, 4... up to 30 seconds; one that ran a minute is
        forgiven its earlier crashes."""
        if self.process.poll() is None:
            if now - self.started_at > STABLE_SECONDS:
                self.restarts = 0
            return
        if self.restart_at is None:
            pause = min(2**self.restarts, MAX_BACKOFF_SECONDS)
            self.restart_at = now + pause
            sys.stderr.write(f"{self.name} stopped (exit {self.process.returncode}); starting it again in {pause}s\n")
        elif now >= self.restart_at:
            self.process = child(self.argv)
            self.restarts += 1
            self.started_at = now
            self.restart_at = None


def stop(processes: list[subprocess.Popen[bytes]]) -> None:
    """Stop the newest first (API, worker, then Temporal), each given time to finish what it holds."""
    for process in reversed(processes):
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def run(settings: Settings) -> None:
    """Start all three, keep them running (a crashed one is started again), stop them when interrupted."""
    migrate(settings.database_url)
    stack: list[Supervised] = []
    try:
        server_argv = temporal_command(settings)
        stack.append(Supervised("Temporal", server_argv, child(server_argv)))
        asyncio.run(wait_for_temporal(settings, stack[0].process))
        worker_argv = [sys.executable, "-m", "runtime.worker"]
        stack.append(Supervised("worker", worker_argv, child(worker_argv)))
        api_url = f"http://{settings.api_host}:{settings.api_port}"
        api_argv = [sys.executable, "-m", "uvicorn", "api.main:app", "--host", settings.api_host]
        api_argv += ["--port", str(settings.api_port), "--log-level", "warning"]
        stack.append(Supervised("API", api_argv, child(api_argv)))
        wait_for_api(api_url, stack[-1].process)
        sys.stdout.write(banner(settings, api_url) + "\n")
        sys.stdout.flush()
        while not stopping.is_set():
            for supervised in stack:
                supervised.watch(time.monotonic())
            stopping.wait(0.5)
    finally:
        stop([supervised.process for supervised in stack])


def main() -> None:
    """Entry point of `make run`; Ctrl-C (or SIGTERM) stops everything cleanly."""
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stopping.set())
    run(get_settings())


if __name__ == "__main__":
    main()
