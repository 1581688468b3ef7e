"""Time-skipping runs of nazorg after afronding: contacts on their policy days, new arrears starting a
linked traject, an opt-out that stops the rest; and a missed appointment that never ends a traject."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select
from temporalio.client import WorkflowHandle, WorkflowUpdateFailedError, WorkflowUpdateStage
from temporalio.testing import WorkflowEnvironment

from domain.kalender import add_months
from domain.nazorg import GemisteAfspraak, NazorgStop, NazorgUitkomst, NazorgVerslag
from domain.phases import Phase
from domain.schuldregeling import RegelingSoort, RegelingStatus, VoorstelReactie
from store.db import SessionFactory
from store.models import Traject
from tests.conftest import make_start
from tests.workflow.conftest import Starter, registered, today
from tests.workflow.test_schuldregeling import events, letters, pay, proposed, quiet, sleep_until, until
from workflows.schuldregeling import SchuldregelingWorkflow
from workflows.traject import TrajectWorkflow


async def in_nazorg(env: WorkflowEnvironment, start: Starter, sessions: SessionFactory) -> WorkflowHandle:
    """A traject whose settlement the client paid off at once: afgerond, and in nazorg."""
    handle, regeling, [creditor] = await proposed(env, start, sessions, 1, RegelingSoort.MINNELIJK)
    await regeling.execute_update(SchuldregelingWorkflow.reactie, VoorstelReactie(creditor, True))
    state = await until(regeling, lambda s: s.status is RegelingStatus.LOOPT)
    await quiet(sessions, state.traject_id, "regeling_start")
    await pay(env, regeling, "alles", state.totaal_cent)
    for _ in range(100):
        traject = await handle.query(TrajectWorkflow.state)
        if traject.phase is Phase.NAZORG:
            break
        await env.sleep(timedelta(seconds=1))
    assert traject.phase is Phase.NAZORG
    await quiet(sessions, traject.traject_id, "schone_lei")
    return handle


async def test_contacts_arrive_on_their_days_and_new_arrears_start_a_linked_traject(
    time_skipping_env: WorkflowEnvironment, start: Starter, sessions: SessionFactory
) -> None:
    env = time_skipping_env
    handle = await in_nazorg(env, start, sessions)
    traject = await handle.query(TrajectWorkflow.state)
    afgerond = traject.afgerond_op
    assert afgerond is not None
    assert [(c.maand, c.gepland_op) for c in traject.nazorg] == [(m, add_months(afgerond, m)) for m in (1, 3, 6, 12)]

    await sleep_until(env, add_months(afgerond, 1))
    assert letters(sessions, traject.traject_id)["nazorg_contact"] == 1
    assert events(sessions, traject.traject_id).count("nazorg_contact") == 1
    await handle.execute_update(TrajectWorkflow.nazorg_verslag, NazorgVerslag(NazorgUitkomst.ALLES_GOED))
    with pytest.raises(WorkflowUpdateFailedError):
        await handle.execute_update(TrajectWorkflow.nazorg_verslag, NazorgVerslag(NazorgUitkomst.ALLES_GOED, maand=1))
    # The caseworker met the client before the 3-month moment: the engine does not reach out for it again.
    await handle.execute_update(TrajectWorkflow.nazorg_verslag, NazorgVerslag(NazorgUitkomst.ALLES_GOED))

    await sleep_until(env, add_months(afgerond, 3))
    assert letters(sessions, traject.traject_id)["nazorg_contact"] == 1
    await sleep_until(env, add_months(afgerond, 6))
    assert letters(sessions, traject.traject_id)["nazorg_contact"] == 2
    await handle.start_update(
        TrajectWorkflow.nazorg_verslag,
        NazorgVerslag(NazorgUitkomst.NIEUWE_ACHTERSTANDEN, "Huurachterstand van twee maanden."),
        wait_for_stage=WorkflowUpdateStage.ACCEPTED,
    )
    result = await handle.result()
    assert (result.phase, result.closed_after) == (Phase.AFGESLOTEN, Phase.NAZORG)
    closed = await handle.query(TrajectWorkflow.state)
    assert closed.heraanmelding is not None
    new = env.client.get_workflow_handle_for(TrajectWorkflow.run, f"traject-{closed.heraanmelding}")
    await registered(new)
    fresh = await new.query(TrajectWorkflow.state)
    assert fresh.vorig_traject == closed.traject_id
    assert fresh.phase is Phase.AANMELDING
    with sessions() as session:
        row = session.get(Traject, closed.heraanmelding)
        assert row is not None
        assert row.bron == "nazorg"
        assert row.vorig_traject_id == closed.traject_id
        assert [e["traject_id"] for e in row.eerdere_trajecten] == [closed.traject_id]
    await new.terminate("test finished")


async def test_an_opt_out_stops_the_rest_of_nazorg(
    time_skipping_env: WorkflowEnvironment, start: Starter, sessions: SessionFactory
) -> None:
    env = time_skipping_env
    handle = await in_nazorg(env, start, sessions)
    traject = await handle.query(TrajectWorkflow.state)
    await handle.start_update(
        TrajectWorkflow.nazorg_stoppen, NazorgStop("Wil geen bellen meer."), wait_for_stage=WorkflowUpdateStage.ACCEPTED
    )
    result = await handle.result()
    assert result.closed_after is Phase.NAZORG
    await env.sleep(timedelta(days=400))
    sent = letters(sessions, traject.traject_id)
    assert sent["nazorg_gestopt"] == 1
    assert sent["nazorg_contact"] == 0


async def test_a_missed_appointment_asks_for_contact_and_the_traject_goes_on(
    time_skipping_env: WorkflowEnvironment, start: Starter, sessions: SessionFactory
) -> None:
    handle = await start(make_start(await today(time_skipping_env)))
    day = await today(time_skipping_env)
    state = await handle.execute_update(TrajectWorkflow.afspraak_gemist, GemisteAfspraak(day, door="hv-anna"))
    assert state.phase is Phase.AANMELDING
    assert state.gemiste_afspraken == [day]
    with pytest.raises(WorkflowUpdateFailedError):
        await handle.execute_update(TrajectWorkflow.afspraak_gemist, GemisteAfspraak(day))
    with pytest.raises(WorkflowUpdateFailedError):
        await handle.execute_update(TrajectWorkflow.afspraak_gemist, GemisteAfspraak(day + timedelta(days=1)))
    assert letters(sessions, state.traject_id)["afspraak_gemist"] == 1
    assert "afspraak_gemist" in events(sessions, state.traject_id)
    with sessions() as session:
        assert session.exec(select(Traject.gemiste_afspraken)).one() == [day.isoformat()]
