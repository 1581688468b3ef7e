"""A refused client objects: the traject waits past the objection term for the decision, and a gegrond one
admits the client after all, while an ongegrond one lets the traject end. Its own module: a fresh
time-skipping server."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select
from temporalio.testing import WorkflowEnvironment

from domain.bezwaar import BezwaarBeslissing, BezwaarBesluit, BezwaarIn
from domain.phases import Phase
from domain.traject import Beschikking, Besluit, TrajectState
from store.db import SessionFactory
from store.models import Brief
from tests.conftest import make_start
from tests.workflow.conftest import PLAN, Starter, gesprek, today
from workflows.traject import TrajectResult, TrajectWorkflow


async def refused(env: WorkflowEnvironment, start: Starter, bsn: str = "111222333") -> tuple[object, TrajectState]:
    handle = await start(make_start(await today(env), bsn=bsn))
    await handle.execute_update(TrajectWorkflow.eerste_gesprek, gesprek(await today(env)))
    refusal = Beschikking(Besluit.AFWIJZING, await today(env), "U kunt uw schulden zelf betalen.", door="hv-anna")
    state = await handle.execute_update(TrajectWorkflow.beschikking, refusal)
    assert state.phase is Phase.AFGESLOTEN
    state = await handle.execute_update(
        TrajectWorkflow.bezwaar_indienen, BezwaarIn(await today(env), "Mijn inkomen is verkeerd geteld.", "hv-anna")
    )
    return handle, state


async def test_a_gegrond_objection_decided_after_the_term_admits_the_client(
    time_skipping_env: WorkflowEnvironment, start: Starter, sessions: SessionFactory
) -> None:
    env = time_skipping_env
    handle, state = await refused(env, start)
    [bezwaar] = state.bezwaren
    # Past the objection term (6 weeks) the traject still waits: an objection lodged in time must be decided,
    # so the decision below still finds it running.
    await env.sleep(timedelta(weeks=8))

    besluit = BezwaarBesluit(
        bezwaar.bezwaar_id, BezwaarBeslissing.GEGROND, await today(env), "Uw inkomen is lager.", "hv-anna"
    )
    state = await handle.execute_update(TrajectWorkflow.bezwaar_beslissen, besluit)
    assert (state.phase, state.closed_after) == (Phase.PLAN_VAN_AANPAK, None)
    assert state.beschikking.besluit is Besluit.TOELATING
    state = await handle.execute_update(TrajectWorkflow.plan_van_aanpak, PLAN)
    assert state.phase is Phase.STABILISATIE
    with sessions() as session:
        kinds = [b.kind for b in session.exec(select(Brief).where(Brief.traject_id == state.traject_id))]
    assert kinds.count("bezwaar_besluit") == 1


async def test_an_ongegrond_objection_lets_the_traject_end(
    time_skipping_env: WorkflowEnvironment, start: Starter
) -> None:
    env = time_skipping_env
    handle, state = await refused(env, start, bsn="123456782")
    [bezwaar] = state.bezwaren
    await env.sleep(timedelta(weeks=7))
    besluit = BezwaarBesluit(
        bezwaar.bezwaar_id, BezwaarBeslissing.ONGEGROND, await today(env), "Uw inkomen is hoog genoeg.", "hv-anna"
    )
    await handle.execute_update(TrajectWorkflow.bezwaar_beslissen, besluit)

    assert await handle.result() == TrajectResult(Phase.AFGESLOTEN, Phase.TOELATING)
