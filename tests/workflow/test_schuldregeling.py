"""Time-skipping runs of the settlement: the longest path (ten creditors, one refusal, a dwangakkoord,
eighteen months with a missed payment and an income change, afronding), the saneringskrediet and the
Wsnp to their ends, and a refused Wsnp. The shorter paths are in test_schuldregeling_kort.py."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta

from sqlmodel import select
from temporalio.client import Client, WorkflowHandle, WorkflowUpdateStage
from temporalio.testing import WorkflowEnvironment

from domain.afloscapaciteit import Huishouden, Leefsituatie
from domain.inventarisatie import SchuldeisersToevoegen
from domain.kalender import vervaldag
from domain.phases import Phase
from domain.schuldregeling import (
    Afloscapaciteitstap,
    Betaling,
    RegelingSoort,
    RegelingState,
    RegelingStatus,
    Uitspraak,
    Vervolg,
    VervolgKeuze,
    Voorstel,
    VoorstelReactie,
    WsnpEinde,
)
from domain.traject import TrajectState
from domain.uitval import UitvalReden
from domain.vordering import Ingediend, VorderingBron
from domain.wgs_deadlines import morning_of
from store.db import SessionFactory
from store.models import Brief, OutboxEntry, Regeling, TrajectEvent
from tests.workflow.conftest import TZ, Starter, today
from tests.workflow.test_inventarisatie import claim, finish, registry, request_handle, stable_traject
from workflows.schuldregeling import SchuldregelingWorkflow
from workflows.traject import TrajectWorkflow
from workflows.vordering import VorderingWorkflow

# 95% of the single person's norm is 130_061; rent above the norm adds 35_000: a VTLB of 165_061.
HUISHOUDEN = Huishouden(Leefsituatie.ALLEENSTAANDE, 200_000, huur_cent=80_000, huurtoeslag_cent=20_000)
MAX_EVENTS_PER_RUN = 2_000


async def asked(
    env: WorkflowEnvironment, start: Starter, sessions: SessionFactory, count: int
) -> tuple[WorkflowHandle, TrajectState, list[str]]:
    """A traject in inventarisatie that asked `count` new creditors for their claims."""
    creditors = registry(sessions, count)
    handle = await stable_traject(env, start)
    state = await handle.execute_update(TrajectWorkflow.schuldeisers_toevoegen, SchuldeisersToevoegen(creditors))
    return handle, state, creditors


async def proposed(
    env: WorkflowEnvironment, start: Starter, sessions: SessionFactory, count: int, soort: RegelingSoort
) -> tuple[WorkflowHandle, WorkflowHandle, list[str]]:
    """A traject with `count` creditors that all handed in a claim, the capacity recorded and the proposal
    made: the traject's handle, its settlement's handle and the creditors."""
    handle, state, creditors = await asked(env, start, sessions, count)
    for index in range(count):
        total = 110_000 + 10_000 * index
        await finish(
            request_handle(env.client, state, index),
            VorderingWorkflow.indienen,
            Ingediend(claim(await today(env), total), VorderingBron.SCHULDEISER),
        )
    await handle.execute_update(TrajectWorkflow.afloscapaciteit, Afloscapaciteitstap(HUISHOUDEN, door="hv-anna"))
    state = await handle.execute_update(TrajectWorkflow.voorstel, Voorstel(soort, door="hv-anna"))
    assert state.phase is Phase.SCHULDREGELING
    regeling = env.client.get_workflow_handle_for(SchuldregelingWorkflow.run, f"schuldregeling-{state.traject_id}")
    await until(regeling, lambda s: all(d.voorstel_id for d in s.deelnemers) and s.version > 0)
    return handle, regeling, creditors


async def running_term(
    env: WorkflowEnvironment, start: Starter, sessions: SessionFactory
) -> tuple[WorkflowHandle, WorkflowHandle, RegelingState]:
    """A minnelijke regeling with one creditor that accepted: its term runs."""
    handle, regeling, creditors = await proposed(env, start, sessions, 1, RegelingSoort.MINNELIJK)
    await regeling.execute_update(SchuldregelingWorkflow.reactie, VoorstelReactie(creditors[0], True))
    return handle, regeling, await until(regeling, lambda s: s.status is RegelingStatus.LOOPT)


async def until(
    regeling: WorkflowHandle, condition: Callable[[RegelingState], bool], tries: int = 100
) -> RegelingState:
    """The settlement's state once `condition` holds: its workflow acts on its own after an update."""
    for _ in range(tries):
        state: RegelingState = await regeling.query(SchuldregelingWorkflow.state)
        if condition(state):
            return state
        await asyncio.sleep(0.05)
    raise AssertionError(f"condition not reached: {state}")


async def eventually(check: Callable[[], bool], tries: int = 100) -> None:
    """Wait for what a workflow does after its state changed, such as the letters it writes next."""
    for _ in range(tries):
        if check():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("never happened")


async def sleep_until(env: WorkflowEnvironment, day: date) -> None:
    """Let time pass to the morning of `day`, an hour after the engine's own morning checks."""
    target = morning_of(day, TZ) + timedelta(hours=1)
    now = await env.get_current_time()
    if target > now:
        await env.sleep(target - now)


async def pay(env: WorkflowEnvironment, regeling: WorkflowHandle, betaling_id: str, bedrag: int) -> RegelingState:
    return await regeling.execute_update(
        SchuldregelingWorkflow.betaling, Betaling(betaling_id, await today(env), bedrag, door="hv-anna")
    )


async def run_histories(client: Client, workflow_id: str) -> list[int]:
    """The number of history events of every run of a workflow, newest first, following continue-as-new."""
    sizes = []
    run_id: str | None = None
    while True:
        history = await client.get_workflow_handle(workflow_id, run_id=run_id).fetch_history()
        sizes.append(len(history.events))
        started = history.events[0].workflow_execution_started_event_attributes
        if not started.continued_execution_run_id:
            return sizes
        run_id = started.continued_execution_run_id


def letters(sessions: SessionFactory, traject_id: str) -> Counter[str]:
    with sessions() as session:
        return Counter(b.kind for b in session.exec(select(Brief).where(Brief.traject_id == traject_id)))


async def quiet(sessions: SessionFactory, traject_id: str, last_letter: str) -> None:
    """Wait until `last_letter` is written and every letter of the traject is posted. A test that ends with
    an activity still running leaves the shared time-skipping server unable to skip time for later tests."""

    def done() -> bool:
        with sessions() as session:
            rows = session.exec(
                select(Brief, OutboxEntry).join(OutboxEntry).where(Brief.traject_id == traject_id)
            ).all()
            return last_letter in {b.kind for b, _ in rows} and all(o.status == "sent" for _, o in rows)

    await eventually(done)


def events(sessions: SessionFactory, traject_id: str) -> list[str]:
    with sessions() as session:
        rows = session.exec(select(TrajectEvent).where(TrajectEvent.traject_id == traject_id)).all()
        return [row.kind for row in rows]


async def test_longest_path_ten_creditors_dwangakkoord_eighteen_months_to_the_schone_lei(
    time_skipping_env: WorkflowEnvironment, start: Starter, sessions: SessionFactory
) -> None:
    env = time_skipping_env
    handle, regeling, creditors = await proposed(env, start, sessions, 10, RegelingSoort.MINNELIJK)
    traject_id = (await handle.query(TrajectWorkflow.state)).traject_id
    proposal = await regeling.query(SchuldregelingWorkflow.state)
    assert sum(d.aandeel_cent for d in proposal.deelnemers) == 18 * (200_000 - 165_061)

    for sid in creditors[:-1]:
        await regeling.execute_update(SchuldregelingWorkflow.reactie, VoorstelReactie(sid, True))
    await regeling.execute_update(
        SchuldregelingWorkflow.reactie, VoorstelReactie(creditors[-1], False, "Wij willen het hele bedrag.")
    )
    await until(regeling, lambda s: s.status is RegelingStatus.GEWEIGERD)
    await regeling.execute_update(SchuldregelingWorkflow.vervolg, VervolgKeuze(Vervolg.DWANGAKKOORD, "hv-anna"))
    await sleep_until(env, await today(env) + timedelta(days=40))
    state = await regeling.execute_update(
        SchuldregelingWorkflow.uitspraak, Uitspraak(True, await today(env), "hv-anna")
    )
    assert state.status is RegelingStatus.LOOPT
    ingang = state.ingangsdatum
    assert ingang is not None

    for maand in range(1, 19):
        await sleep_until(env, vervaldag(ingang, maand))
        state = await regeling.query(SchuldregelingWorkflow.state)
        if maand == 5:
            continue
        # Month 6 makes up for the missed month 5.
        due = state.schema[maand - 1] + (state.schema[4] if maand == 6 else 0)
        state = await pay(env, regeling, f"b{maand}", due)
        if maand == 3:
            # The same payment sent twice counts once.
            assert (await pay(env, regeling, "b3", due)).betaald_cent == state.betaald_cent
        if maand == 9:
            lower = Huishouden(Leefsituatie.ALLEENSTAANDE, 190_000, huur_cent=80_000, huurtoeslag_cent=20_000)
            await regeling.execute_update(
                SchuldregelingWorkflow.inkomenswijziging, Afloscapaciteitstap(lower, door="hv-anna")
            )
            state = await regeling.execute_update(SchuldregelingWorkflow.herberekening_goedkeuren, "hv-anna")
            assert state.schema[:9] == [34_939] * 9
            assert state.schema[9:] == [24_939] * 9
    await sleep_until(env, vervaldag(ingang, 18) + timedelta(days=11))
    # After afronding the traject keeps nazorg; left alone, it reaches out four times and then closes.
    result = await handle.result()
    assert result.phase is Phase.AFGESLOTEN
    assert result.closed_after is Phase.NAZORG

    final = await regeling.query(SchuldregelingWorkflow.state)
    assert final.status is RegelingStatus.AFGEROND
    assert final.gemist == [5]
    assert final.betaald_cent == final.totaal_cent == 9 * 34_939 + 9 * 24_939
    assert [d.ontvangen_cent for d in final.deelnemers] == [d.aandeel_cent for d in final.deelnemers]
    assert sum(d.ontvangen_cent for d in final.deelnemers) == final.betaald_cent
    with sessions() as session:
        row = session.get(Regeling, traject_id)
        assert row is not None
        assert row.status == "afgerond"
        assert row.betaald_cent == final.betaald_cent

    sent = letters(sessions, traject_id)
    assert sent["voorstel_schuldeiser"] == 10
    assert sent["eindafrekening"] == 10
    for kind in ("voorstel_client", "dwangakkoord_concept", "dwangakkoord_client", "uitspraak_client"):
        assert sent[kind] == 1, kind
    for kind in ("regeling_start", "betaling_gemist", "herberekening", "schone_lei"):
        assert sent[kind] == 1, kind
    assert sent["nazorg_contact"] == 4
    timeline = events(sessions, traject_id)
    assert timeline.count("betaling") == 17
    assert "traject_afgerond" in timeline

    sizes = await run_histories(env.client, f"schuldregeling-{traject_id}")
    assert len(sizes) >= 3
    assert max(sizes) <= MAX_EVENTS_PER_RUN
    assert max(await run_histories(env.client, f"traject-{traject_id}")) <= MAX_EVENTS_PER_RUN


async def test_saneringskrediet_pays_creditors_at_once_and_ends_with_the_schone_lei(
    time_skipping_env: WorkflowEnvironment, start: Starter, sessions: SessionFactory
) -> None:
    env = time_skipping_env
    handle, regeling, creditors = await proposed(env, start, sessions, 3, RegelingSoort.SANERINGSKREDIET)
    for sid in creditors:
        await regeling.execute_update(SchuldregelingWorkflow.reactie, VoorstelReactie(sid, True))
    state = await until(regeling, lambda s: s.status is RegelingStatus.LOOPT)
    traject_id = state.traject_id
    assert [d.ontvangen_cent for d in state.deelnemers] == [d.aandeel_cent for d in state.deelnemers]
    await eventually(lambda: letters(sessions, traject_id)["eindafrekening"] == 3)

    ingang = state.ingangsdatum
    assert ingang is not None
    # Three small debts are paid in full before the term ends, and the settlement closes then.
    months = [amount for amount in state.schema if amount]
    assert len(months) < 18
    for maand, amount in enumerate(months, start=1):
        await sleep_until(env, vervaldag(ingang, maand))
        state = await pay(env, regeling, f"k{maand}", amount)
    assert (await handle.result()).phase is Phase.AFGESLOTEN
    final = await regeling.query(SchuldregelingWorkflow.state)
    assert final.status is RegelingStatus.AFGEROND
    assert final.gemist == []
    sent = letters(sessions, traject_id)
    assert sent["schone_lei"] == 1
    assert sent["eindafrekening"] == 3


async def test_wsnp_after_a_refused_dwangakkoord_runs_its_term_to_the_schone_lei(
    time_skipping_env: WorkflowEnvironment, start: Starter, sessions: SessionFactory
) -> None:
    env = time_skipping_env
    handle, regeling, creditors = await proposed(env, start, sessions, 2, RegelingSoort.MINNELIJK)
    await regeling.execute_update(SchuldregelingWorkflow.reactie, VoorstelReactie(creditors[0], True))
    await regeling.execute_update(SchuldregelingWorkflow.reactie, VoorstelReactie(creditors[1], False, "Nee."))
    await until(regeling, lambda s: s.status is RegelingStatus.GEWEIGERD)
    await regeling.execute_update(SchuldregelingWorkflow.vervolg, VervolgKeuze(Vervolg.DWANGAKKOORD))
    state = await regeling.execute_update(SchuldregelingWorkflow.uitspraak, Uitspraak(False, await today(env)))
    assert state.status is RegelingStatus.GEWEIGERD
    assert state.dwangakkoord_afgewezen

    await regeling.execute_update(SchuldregelingWorkflow.vervolg, VervolgKeuze(Vervolg.WSNP))
    state = await regeling.execute_update(SchuldregelingWorkflow.uitspraak, Uitspraak(True, await today(env)))
    assert state.status is RegelingStatus.WSNP
    assert state.wsnp_einde_verwacht is not None
    await sleep_until(env, state.wsnp_einde_verwacht + timedelta(days=1))
    assert "wsnp_einde_verwacht" in events(sessions, state.traject_id)

    await regeling.execute_update(SchuldregelingWorkflow.wsnp_einde, WsnpEinde(True, await today(env)))
    result = await handle.result()
    assert result.phase is Phase.AFGESLOTEN
    traject = await handle.query(TrajectWorkflow.state)
    assert traject.afgerond_op is not None
    assert traject.uitval is None
    sent = letters(sessions, state.traject_id)
    for kind in ("wsnp_verklaring", "wsnp_verzoekschrift", "wsnp_client", "schone_lei"):
        assert sent[kind] == 1, kind
    assert sent["uitspraak_client"] == 2


async def test_a_refused_wsnp_ends_the_traject_as_uitval_with_a_letter(
    time_skipping_env: WorkflowEnvironment, start: Starter, sessions: SessionFactory
) -> None:
    env = time_skipping_env
    handle, regeling, creditors = await proposed(env, start, sessions, 1, RegelingSoort.MINNELIJK)
    await regeling.execute_update(SchuldregelingWorkflow.reactie, VoorstelReactie(creditors[0], False, "Nee."))
    await until(regeling, lambda s: s.status is RegelingStatus.GEWEIGERD)
    await regeling.execute_update(SchuldregelingWorkflow.vervolg, VervolgKeuze(Vervolg.WSNP))
    await regeling.start_update(
        SchuldregelingWorkflow.uitspraak,
        Uitspraak(False, await today(env)),
        wait_for_stage=WorkflowUpdateStage.ACCEPTED,
    )
    assert (await handle.result()).phase is Phase.AFGESLOTEN
    traject = await handle.query(TrajectWorkflow.state)
    assert traject.uitval is not None
    assert traject.uitval.reden is UitvalReden.WSNP_AFGEWEZEN
    assert letters(sessions, traject.traject_id)["uitval"] == 1
