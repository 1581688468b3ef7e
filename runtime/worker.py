"""The worker: every workflow and activity registered in one place, with the resources they share."""

from __future__ import annotations

import asyncio
import pkgutil
import signal
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import httpx
from temporalio.client import Client
from temporalio.worker import Interceptor, Worker
from temporalio.worker.workflow_sandbox import SandboxedWorkflowRunner, SandboxRestrictions

import workflows
from activities.delivery import Mailroom
from activities.dossier import DossierActivities
from activities.inventarisatie import InventarisatieActivities
from activities.letters import Afzender, LetterActivities
from activities.schuldregeling import RegelingActivities
from activities.signalering import SignaleringActivities
from activities.webhooks import WebhookActivities
from runtime.failures import FailureMapping, StuckMarks
from runtime.logs import configure
from runtime.settings import Settings, get_settings
from runtime.temporal import PASSED_THROUGH, connect, metrics_runtime, register_search_attributes
from store.db import make_engine, migrate, session_factory
from workflows.schuldregeling import SchuldregelingWorkflow
from workflows.signalering import SignaleringWorkflow
from workflows.traject import TrajectWorkflow
from workflows.vordering import VorderingWorkflow

WORKFLOWS = [TrajectWorkflow, VorderingWorkflow, SchuldregelingWorkflow, SignaleringWorkflow]
# Threads for the (synchronous) activities. The worker takes no more activities at once than it has threads:
# one that waited for a thread would spend its start-to-close time waiting, and time out unrun.
ACTIVITY_THREADS = 16
# How many running workflows a worker keeps in memory (the SDK's default, written out because it bounds the
# worker's memory: `make bench` measures what one costs). One that is not cached is replayed from its history
# when its next timer or step comes.
CACHED_WORKFLOWS = 1_000


def sandbox() -> SandboxedWorkflowRunner:
    """The workflow sandbox, with the code workflows use passed through: the domain, the activities' types,
    the letters' kinds, and the workflows' own helper modules (stages, clocks, refusals). The sandbox
    imports a workflow's module afresh for every run it starts, with every module that one imports that is
    not passed through: for a traject some twenty modules, most of the time of its first task. None of
    these keeps state of its own, so runs may share them. The workflow modules themselves are still
    imported per run. Passed through as packages, their modules are also found by name inside the sandbox,
    where pydantic looks up a type's module to read its annotations."""
    own = {w.__module__ for w in WORKFLOWS}
    helpers = [f"workflows.{m.name}" for m in pkgutil.iter_modules(workflows.__path__)]
    return SandboxedWorkflowRunner(
        restrictions=SandboxRestrictions.default.with_passthrough_modules(
            *PASSED_THROUGH, *(m for m in helpers if m not in own)
        )
    )


def build_worker(
    client: Client, settings: Settings, executor: ThreadPoolExecutor, interceptors: Sequence[Interceptor] = ()
) -> Worker:
    """A worker on the settings' task queue with activities bound to the settings' dossier DB; `interceptors`
    come after the worker's own."""
    sessions = session_factory(make_engine(settings.database_url))
    webhooks = WebhookActivities(sessions, httpx.Client(timeout=10), settings.public_url)
    dossier = DossierActivities(sessions)
    inventarisatie = InventarisatieActivities(sessions)
    regeling = RegelingActivities(sessions)
    portaal = f"{settings.public_url.rstrip('/')}/schuldeiser"
    afzender = Afzender(settings.gemeente_naam, settings.gemeente_adres, settings.gemeente_telefoon, portaal=portaal)
    mailroom = Mailroom(settings.outbox_dir)
    letters = LetterActivities(sessions, afzender, mailroom)
    signalering = SignaleringActivities(sessions, client, settings, afzender, mailroom)
    return Worker(
        client,
        task_queue=settings.task_queue,
        workflows=WORKFLOWS,
        activities=[
            dossier.register_aanmelding,
            dossier.record_step,
            letters.write_letter,
            letters.deliver_letter,
            inventarisatie.creditor_reach,
            webhooks.notify_creditor,
            inventarisatie.record_verzoek,
            inventarisatie.open_verzoeken,
            inventarisatie.record_client_figures,
            regeling.record_regeling,
            signalering.record_case,
            signalering.send_invitation,
            signalering.start_traject,
            signalering.delete_case_data,
        ],
        workflow_runner=sandbox(),
        max_cached_workflows=CACHED_WORKFLOWS,
        activity_executor=executor,
        max_concurrent_activities=ACTIVITY_THREADS,
        interceptors=[FailureMapping(StuckMarks(sessions, settings.storing_na_pogingen)), *interceptors],
    )


async def main() -> None:
    """Run the worker until SIGINT or SIGTERM, then let running activities finish."""
    configure()
    settings = get_settings()
    migrate(settings.database_url)
    runtime = metrics_runtime(settings.worker_metrics_address) if settings.worker_metrics_address else None
    client = await connect(settings, runtime=runtime)
    await register_search_attributes(client, settings.temporal_namespace)
    interrupted = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, interrupted.set)
    with ThreadPoolExecutor(max_workers=ACTIVITY_THREADS) as executor:
        async with build_worker(client, settings, executor):
            await interrupted.wait()


if __name__ == "__main__":
    asyncio.run(main())
