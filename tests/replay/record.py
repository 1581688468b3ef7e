"""Record the histories of a traject's longest path for the replay test: `python -m tests.replay.record NAME`.

Record a new one before changing workflow code under running trajecten; keep the old ones.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import tempfile
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from temporalio.client import WorkflowHandle, WorkflowUpdateStage
from temporalio.testing import WorkflowEnvironment

from api.routers.signalen import deliver
from domain.afloscapaciteit import Huishouden, Leefsituatie
from domain.beeindiging import Afsluiting, Afsluitreden
from domain.bezwaar import BezwaarBeslissing, BezwaarBesluit, BezwaarIn, BezwaarTegen
from domain.doorverwijzing import Aankomst, DoorverwijzingSoort
from domain.inventarisatie import Incassomaatregel, IncassoVoortzetting, MaatregelSoort, SchuldeisersToevoegen
from domain.kalender import vervaldag
from domain.klantprofiel import Ernst, Zelfredzaamheid
from domain.schuldregeling import (
    Afloscapaciteitstap,
    Betaling,
    RegelingSoort,
    RegelingState,
    RegelingStatus,
    Voorstel,
    VoorstelReactie,
)
from domain.signalering import Contactkanaal, Hulp, SignaalIn, SignaalSoort, Uitkomst
from domain.traject import Actiepunt, Beschikking, Besluit, EersteGesprek, PlanVanAanpak, Wie
from domain.uitval import Uitval, UitvalReden
from domain.vordering import Ingediend, Vordering, VorderingBron
from domain.wgs_deadlines import local_date, morning_of
from runtime.settings import Settings
from runtime.temporal import data_converter, register_search_attributes
from runtime.worker import ACTIVITY_THREADS, build_worker
from store.db import SessionFactory, make_engine, migrate, session_factory
from store.dossier import store_persoon
from store.models import Schuldeiser
from store.signalen import take_in
from tests.conftest import BIN, ActivitiesTakeNoTime, make_start
from workflows.schuldregeling import SchuldregelingWorkflow
from workflows.signalering import SignaleringWorkflow
from workflows.traject import TrajectWorkflow
from workflows.vordering import VorderingWorkflow

HISTORIES = Path(__file__).resolve().parent / "histories"
TZ = "Europe/Amsterdam"
HOUR = timedelta(hours=1)


@contextlib.asynccontextmanager
async def recording() -> AsyncIterator[tuple[WorkflowEnvironment, Settings, SessionFactory]]:
    """A time-skipping server with a worker on a fresh SQLite dossier, for the length of one recording."""
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(database_url=f"sqlite:///{tmp}/dossier.db", outbox_dir=Path(tmp) / "outbox")
        migrate(settings.database_url)
        env = await WorkflowEnvironment.start_time_skipping(
            test_server_existing_path=str(BIN / "temporal-test-server"), data_converter=data_converter(settings)
        )
        await register_search_attributes(env.client, env.client.namespace)
        with ThreadPoolExecutor(max_workers=ACTIVITY_THREADS) as executor:
            async with build_worker(env.client, settings, executor, [ActivitiesTakeNoTime(env.client)]):
                yield env, settings, session_factory(make_engine(settings.database_url))
        await env.shutdown()


async def record(name: str) -> Path:
    """Run aanmelding to afronding with a breached clock, a collection measure, one creditor request
    answered after its escalation, and a settlement whose term continues as new with a missed month;
    save the traject's, the request's and the settlement's first and last runs as JSON."""
    async with recording() as (env, settings, sessions):
        today = local_date(await env.get_current_time(), TZ)
        start = make_start(today, crisis="beeindiging_gas")
        # As the API starts a traject: the person in the dossier, only the reference in the workflow.
        persoon = start.aanmelding.persoon
        assert persoon is not None
        with sessions() as session:
            store_persoon(session, start.traject_id, persoon)
        start = replace(start, aanmelding=replace(start.aanmelding, persoon=None, persoon_id=start.traject_id))
        handle = await env.client.start_workflow(
            TrajectWorkflow.run, start, id=f"traject-{start.traject_id}", task_queue=settings.task_queue
        )
        await handle.execute_update(TrajectWorkflow.wait_registered)
        await env.sleep(timedelta(days=8))
        later = local_date(await env.get_current_time(), TZ)
        gesprek = EersteGesprek(
            later, Ernst.MATIG, Zelfredzaamheid.NIET, ["Huurtoeslag"], [Actiepunt(Wie.CLIENT, "Post openen")]
        )
        await handle.execute_update(TrajectWorkflow.eerste_gesprek, gesprek)
        await handle.execute_update(TrajectWorkflow.beschikking, Beschikking(Besluit.TOELATING, later, "Toegelaten."))
        plan = PlanVanAanpak("Rust.", ["Huur betaald"], ["Schuldeisers aanschrijven"], ["Post openen"])
        await handle.execute_update(TrajectWorkflow.plan_van_aanpak, plan)
        with sessions() as session:
            session.add(Schuldeiser(id="se-1", naam="Woonbron", soort="verhuurder", kanaal="post", adres="Postbus 1"))
            session.commit()
        measure = Incassomaatregel("m-1", MaatregelSoort.BESLAG, "se-1", later)
        await handle.execute_update(TrajectWorkflow.incassomaatregel, measure)
        await handle.execute_update(TrajectWorkflow.incasso_voortgezet, IncassoVoortzetting("m-1", "hv-anna"))
        state = await handle.execute_update(TrajectWorkflow.schuldeisers_toevoegen, SchuldeisersToevoegen(["se-1"]))
        request = env.client.get_workflow_handle(f"vordering-{state.verzoeken[0].verzoek_id}")
        await env.sleep(timedelta(days=50))
        claim = Vordering(1000, 0, 0, 1000, False, "K", local_date(await env.get_current_time(), TZ))
        await request.start_update(
            VorderingWorkflow.indienen,
            Ingediend(claim, VorderingBron.SCHULDEISER),
            wait_for_stage=WorkflowUpdateStage.ACCEPTED,
        )
        await request.result()
        await settle(env, handle)
        regeling = env.client.get_workflow_handle(f"schuldregeling-{start.traject_id}")
        last = await regeling.fetch_history()
        first_run = last.events[0].workflow_execution_started_event_attributes.first_execution_run_id
        histories = {
            name: await handle.fetch_history(),
            f"{name}_vordering": await request.fetch_history(),
            f"{name}_schuldregeling": last,
            f"{name}_schuldregeling_eerste": await env.client.get_workflow_handle(
                regeling.id, run_id=first_run
            ).fetch_history(),
        }
    for stem, history in histories.items():
        (HISTORIES / f"{stem}.json").write_text(history.to_json(), encoding="utf-8")
    return HISTORIES / f"{name}.json"


async def settle(env: WorkflowEnvironment, handle: WorkflowHandle) -> None:
    """Capacity, a minnelijke regeling the creditor accepts, eighteen months with month 2 paid late, and
    nazorg left to run its course."""
    await handle.execute_update(
        TrajectWorkflow.afloscapaciteit, Afloscapaciteitstap(Huishouden(Leefsituatie.ALLEENSTAANDE, 130_111))
    )
    state = await handle.execute_update(TrajectWorkflow.voorstel, Voorstel(RegelingSoort.MINNELIJK))
    regeling = env.client.get_workflow_handle_for(SchuldregelingWorkflow.run, f"schuldregeling-{state.traject_id}")
    await poll(regeling, lambda s: s.version > 0)
    await regeling.execute_update(SchuldregelingWorkflow.reactie, VoorstelReactie("se-1", True))
    settled = await poll(regeling, lambda s: s.status is RegelingStatus.LOOPT)
    assert settled.ingangsdatum is not None
    for maand in range(1, 19):
        await env.sleep(morning_of(vervaldag(settled.ingangsdatum, maand), TZ) + HOUR - await env.get_current_time())
        owed = settled.verwacht_tot(maand) - (await regeling.query(SchuldregelingWorkflow.state)).betaald_cent
        if maand != 2 and owed > 0:
            paid_on = local_date(await env.get_current_time(), TZ)
            await regeling.execute_update(SchuldregelingWorkflow.betaling, Betaling(f"b{maand}", paid_on, owed))
    await handle.result()


async def poll(regeling: WorkflowHandle, condition: Callable[[RegelingState], bool]) -> RegelingState:
    """The settlement's state once `condition` holds; it moves on its own after an update returns."""
    for _ in range(200):
        state: RegelingState = await regeling.query(SchuldregelingWorkflow.state)
        if condition(state):
            return state
        await asyncio.sleep(0.05)
    raise TimeoutError("the settlement did not get there")


async def record_einde(name: str) -> Path:
    """Run a traject to an uitval, a gegrond objection against it, an ending as a referral with its follow-up,
    and the objection term to the workflow's end; save its history as JSON."""
    async with recording() as (env, settings, sessions):
        today = local_date(await env.get_current_time(), TZ)
        start = make_start(today)
        persoon = start.aanmelding.persoon
        assert persoon is not None
        with sessions() as session:
            store_persoon(session, start.traject_id, persoon)
        start = replace(start, aanmelding=replace(start.aanmelding, persoon=None, persoon_id=start.traject_id))
        handle = await env.client.start_workflow(
            TrajectWorkflow.run, start, id=f"traject-{start.traject_id}", task_queue=settings.task_queue
        )
        await handle.execute_update(TrajectWorkflow.wait_registered)
        gesprek = EersteGesprek(today, Ernst.MATIG, Zelfredzaamheid.NIET, [], [Actiepunt(Wie.CLIENT, "Post openen")])
        await handle.execute_update(TrajectWorkflow.eerste_gesprek, gesprek)
        await handle.execute_update(TrajectWorkflow.beschikking, Beschikking(Besluit.TOELATING, today, "Toegelaten."))
        await handle.execute_update(TrajectWorkflow.uitval, Uitval(UitvalReden.GEEN_CONTACT))
        objection = BezwaarIn(today, "Ik was in het ziekenhuis.", tegen=BezwaarTegen.BEEINDIGING)
        state = await handle.execute_update(TrajectWorkflow.bezwaar_indienen, objection)
        besluit = BezwaarBesluit(state.bezwaren[0].bezwaar_id, BezwaarBeslissing.GEGROND, today, "Begrijpelijk.")
        await handle.execute_update(TrajectWorkflow.bezwaar_beslissen, besluit)
        afsluiting = Afsluiting(
            Afsluitreden.DOORVERWEZEN,
            today,
            naar="Maatschappelijk werk",
            verwijzing=DoorverwijzingSoort.MAATSCHAPPELIJK_WERK,
        )
        state = await handle.execute_update(TrajectWorkflow.afsluiten, afsluiting)
        await handle.execute_update(
            TrajectWorkflow.doorverwijzing_nagaan, Aankomst(state.doorverwijzingen[0].doorverwijzing_id, True)
        )
        await handle.result()
        history = await handle.fetch_history()
    path = HISTORIES / f"{name}.json"
    path.write_text(history.to_json(), encoding="utf-8")
    return path


async def record_signalering(name: str) -> Path:
    """Run a vroegsignalering case from one signal through both invitations, a declined offer and the
    retention term to the deletion; save its history as JSON."""
    async with recording() as (env, settings, sessions):
        today = local_date(await env.get_current_time(), TZ)
        signaal = SignaalIn(
            SignaalSoort.HUUR,
            "111222333",
            "T",
            "Kerkstraat 1",
            "3311 AA",
            "Dordrecht",
            90_000,
            2,
            today,
            "K",
            "0612345678",
        )
        with sessions() as session:
            intake = take_in(session, settings.token_secret, "woonbron", signaal, today, 30)
        await deliver(env.client, settings, intake)
        case = env.client.get_workflow_handle_for(SignaleringWorkflow.run, intake.case_id)
        await env.sleep(timedelta(days=11))
        declined = Uitkomst(True, Contactkanaal.TELEFOON, Hulp.AFGEWEZEN)
        await case.execute_update(SignaleringWorkflow.uitkomst, declined)
        await env.sleep(timedelta(days=200))
        history = await case.fetch_history()
    path = HISTORIES / f"{name}.json"
    path.write_text(history.to_json(), encoding="utf-8")
    return path


if __name__ == "__main__":
    recorder = record_signalering if sys.argv[1].startswith("signalering") else record
    recorder = record_einde if "einde" in sys.argv[1] else recorder
    sys.stdout.write(f"{asyncio.run(recorder(sys.argv[1]))}\n")
