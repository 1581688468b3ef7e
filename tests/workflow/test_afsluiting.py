"""Endings that are no settlement: each waits out its objection term (and a referral its follow-up) before the
traject's workflow ends, and a gegrond objection takes the traject back to where it ended. Its own module: a
fresh time-skipping server."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlmodel import select
from temporalio.testing import WorkflowEnvironment

from domain.beeindiging import Afsluiting, Afsluitreden
from domain.bezwaar import BezwaarBeslissing, BezwaarBesluit, BezwaarIn, BezwaarTegen
from domain.doorverwijzing import Aankomst, DoorverwijzingSoort
from domain.phases import Phase
from domain.traject import Beschikking, Besluit
from domain.wgs_deadlines import next_working_day_from
from store.db import SessionFactory
from store.models import Brief
from tests.conftest import make_start
from tests.workflow.conftest import PLAN, Starter, gesprek, today
from workflows.traject import TrajectResult, TrajectWorkflow


async def stabilised(env: WorkflowEnvironment, start: Starter, bsn: str) -> object:
    handle = await start(make_start(await today(env), bsn=bsn))
    await handle.execute_update(TrajectWorkflow.eerste_gesprek, gesprek(await today(env)))
    toelating = Beschikking(Besluit.TOELATING, await today(env), "U krijgt hulp.", door="hv-anna")
    await handle.execute_update(TrajectWorkflow.beschikking, toelating)
    await handle.execute_update(TrajectWorkflow.plan_van_aanpak, PLAN)
    return handle


async def letters(sessions: SessionFactory, traject_id: str) -> list[str]:
    with sessions() as session:
        return [b.kind for b in session.exec(select(Brief).where(Brief.traject_id == traject_id))]


async def test_a_referral_as_ending_keeps_the_traject_until_its_term_ran_out_and_the_client_arrived(
    time_skipping_env: WorkflowEnvironment, start: Starter, sessions: SessionFactory
) -> None:
    env = time_skipping_env
    handle = await stabilised(env, start, "111222333")
    afsluiting = Afsluiting(
        Afsluitreden.DOORVERWEZEN, await today(env), naar="GGZ Breburg", verwijzing=DoorverwijzingSoort.GGZ
    )
    state = await handle.execute_update(TrajectWorkflow.afsluiten, afsluiting)
    assert (state.phase, state.closed_after) == (Phase.AFGESLOTEN, Phase.STABILISATIE)
    # Awb art. 6:7 with the Algemene termijnenwet: six weeks, moved past a weekend or holiday.
    assert state.einde_bezwaar_uiterlijk == next_working_day_from(await today(env) + timedelta(weeks=6))
    [verwijzing] = state.doorverwijzingen

    # Past the objection term the referral still waits for its follow-up: the traject still takes it.
    await env.sleep(timedelta(weeks=8))
    await handle.execute_update(TrajectWorkflow.doorverwijzing_nagaan, Aankomst(verwijzing.doorverwijzing_id, True))

    result = await asyncio.wait_for(handle.result(), timeout=60)
    assert result == TrajectResult(Phase.AFGESLOTEN, Phase.STABILISATIE)
    assert (await letters(sessions, state.traject_id)).count("beeindiging") == 1


async def test_a_gegrond_objection_after_the_term_takes_the_traject_back_and_a_death_closes_at_once(
    time_skipping_env: WorkflowEnvironment, start: Starter, sessions: SessionFactory
) -> None:
    env = time_skipping_env
    handle = await stabilised(env, start, "123456782")
    stabiel = Afsluiting(Afsluitreden.STABIEL, await today(env), door="hv-anna")
    await handle.execute_update(TrajectWorkflow.afsluiten, stabiel)
    objection = BezwaarIn(await today(env), "Ik heb nog hulp nodig.", "hv-anna", BezwaarTegen.BEEINDIGING)
    state = await handle.execute_update(TrajectWorkflow.bezwaar_indienen, objection)
    [bezwaar] = state.bezwaren
    # The decision may come after the objection term: the traject waits for it.
    await env.sleep(timedelta(weeks=8))

    gegrond = BezwaarBesluit(
        bezwaar.bezwaar_id, BezwaarBeslissing.GEGROND, await today(env), "De huur is niet betaald.", "hv-anna"
    )
    state = await handle.execute_update(TrajectWorkflow.bezwaar_beslissen, gegrond)
    assert (state.phase, state.closed_after, state.afsluiting) == (Phase.STABILISATIE, None, None)

    overleden = Afsluiting(Afsluitreden.OVERLEDEN, await today(env), door="hv-anna")
    state = await handle.execute_update(TrajectWorkflow.afsluiten, overleden)
    assert state.einde_bezwaar_uiterlijk is None
    result = await asyncio.wait_for(handle.result(), timeout=60)
    assert result == TrajectResult(Phase.AFGESLOTEN, Phase.STABILISATIE)
    kinds = await letters(sessions, state.traject_id)
    assert (kinds.count("beeindiging"), kinds.count("bezwaar_besluit")) == (1, 1)
