"""Time-skipping runs of vroegsignalering: one signal's invitations on the policy days, two signals of one
household as one meervoudig case, a crisis straight to a traject, accepted help, and retention that
really deletes."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import date, timedelta

import pytest
from sqlmodel import select
from temporalio import activity
from temporalio.client import Client, WorkflowHandle
from temporalio.service import RPCError
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from activities.signalering import Uitnodiging
from api.routers.signalen import deliver
from domain.policy import Policy
from domain.signalering import (
    CaseStatus,
    Contactkanaal,
    Hulp,
    Route,
    SignaalFeit,
    SignaalIn,
    SignaalSoort,
    SignaleringStart,
    SignaleringState,
    Uitkomst,
)
from runtime.settings import Settings
from runtime.worker import sandbox
from store.db import SessionFactory
from store.models import Bericht, Signaal, Signalering, Traject
from store.signalen import take_in
from tests.conftest import decoded_payloads
from tests.workflow.conftest import registered, today
from tests.workflow.test_schuldregeling import eventually, sleep_until
from workflows.signalering import SignaleringWorkflow
from workflows.traject import TrajectWorkflow

POLICY = Policy()


def signaal(day: date, soort: SignaalSoort = SignaalSoort.HUUR, **changes: object) -> SignaalIn:
    base = {
        "soort": soort,
        "bsn": "111222333",
        "naam": "Tanya de Vries",
        "straat": "Kerkstraat 1",
        "postcode": "3311 AA",
        "woonplaats": "Dordrecht",
        "achterstand_cent": 120_000,
        "achterstand_maanden": 2,
        "datum": day,
        "partner_kenmerk": f"K-{soort.value}",
        "telefoon": "0612345678",
    }
    return SignaalIn(**(base | changes))  # type: ignore[arg-type]


@pytest.fixture
async def cases(ts_client: Client, ts_worker: Worker) -> AsyncIterator[list[str]]:
    """Case ids a test opened; their workflows (and trajecten they started) end with the test."""
    opened: list[str] = []
    yield opened
    for case_id in opened:
        handle = ts_client.get_workflow_handle(case_id)
        with contextlib.suppress(RPCError):
            state = await handle.query(SignaleringWorkflow.state)
            if state.traject_id:
                with contextlib.suppress(RPCError):
                    await ts_client.get_workflow_handle(f"traject-{state.traject_id}").terminate("test finished")
            await handle.terminate("test finished")


async def report(
    env: WorkflowEnvironment,
    settings: Settings,
    sessions: SessionFactory,
    partner: str,
    value: SignaalIn,
    opened: list[str],
) -> WorkflowHandle:
    with sessions() as session:
        intake = take_in(session, settings.token_secret, partner, value, await today(env), POLICY.signaal_venster_dagen)
    await deliver(env.client, settings, intake)
    if intake.case_id not in opened:
        opened.append(intake.case_id)
    return env.client.get_workflow_handle_for(SignaleringWorkflow.run, intake.case_id)


async def until(handle: WorkflowHandle, check: Callable[[SignaleringState], bool]) -> SignaleringState:
    for _ in range(100):
        state: SignaleringState = await handle.query(SignaleringWorkflow.state)
        if check(state):
            return state
        await asyncio.sleep(0.05)
    raise AssertionError(f"never: {state}")


async def skip(env: WorkflowEnvironment, duration: timedelta) -> None:
    """Let `duration` pass a month at a time: one skip of half a year, with a traject's timers firing in it,
    once outlasted the time-skipping server's answer on a busy machine ("Timeout expired")."""
    month = timedelta(days=30)
    while duration > timedelta(0):
        await env.sleep(min(month, duration))
        duration -= month


def messages(sessions: SessionFactory) -> list[tuple[str, str]]:
    with sessions() as session:
        return sorted((b.soort, b.kanaal) for b in session.exec(select(Bericht)).all())


async def test_one_signal_gets_sms_and_letter_then_a_second_attempt_then_closes_unreached(
    time_skipping_env: WorkflowEnvironment, settings: Settings, sessions: SessionFactory, cases: list[str]
) -> None:
    env = time_skipping_env
    handle = await report(env, settings, sessions, "woonbron", signaal(await today(env)), cases)
    opened = await until(handle, lambda s: len(s.pogingen) == 1)
    assert opened.route is Route.ENKELVOUDIG
    # The attempt is in the case's state as soon as it is decided; the invitation goes out just after.
    await eventually(lambda: messages(sessions) == [("uitnodiging_1", "brief"), ("uitnodiging_1", "sms")])

    await sleep_until(env, opened.pogingen[0] + timedelta(days=POLICY.tweede_poging_dagen))
    second = await until(handle, lambda s: len(s.pogingen) == 2)
    assert second.pogingen[1] - second.pogingen[0] == timedelta(days=POLICY.tweede_poging_dagen)
    await eventually(lambda: len(messages(sessions)) == 4)

    await sleep_until(env, opened.geopend_op + timedelta(days=POLICY.signaal_afsluiten_dagen))
    closed = await until(handle, lambda s: s.status is CaseStatus.AFGESLOTEN)
    assert closed.uitkomst is None
    assert len(messages(sessions)) == 4


async def test_two_signals_of_one_household_make_one_meervoudig_case_with_a_home_visit(
    time_skipping_env: WorkflowEnvironment, settings: Settings, sessions: SessionFactory, cases: list[str]
) -> None:
    env = time_skipping_env
    first = await report(env, settings, sessions, "woonbron", signaal(await today(env)), cases)
    await until(first, lambda s: len(s.pogingen) == 1)
    # Time skips only once the invitation is out: the test server stalls skipping past an activity in flight.
    await eventually(lambda: len(messages(sessions)) == 2)
    await env.sleep(timedelta(days=3))
    zorg = signaal(await today(env), SignaalSoort.ZORGVERZEKERING, straat="kerkstraat  1", postcode="3311aa")
    second = await report(env, settings, sessions, "zilveren-kruis", zorg, cases)
    assert second.id == first.id
    state = await until(first, lambda s: s.huisbezoek_gevraagd_op is not None)
    assert state.route is Route.MEERVOUDIG
    assert len(state.signalen) == 2

    def projected() -> bool:
        with sessions() as session:
            return session.exec(select(Signalering)).one().route == "meervoudig"

    await eventually(projected)


async def test_a_signal_that_comes_while_the_invitation_goes_out_changes_the_route_at_once(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    # Activities of our own, so the invitation is held in flight until the household's second signal is in.
    sending, sent = asyncio.Event(), asyncio.Event()

    @activity.defn(name="record_case")
    async def record_case(state: SignaleringState) -> None:
        del state

    @activity.defn(name="send_invitation")
    async def send_invitation(uitnodiging: Uitnodiging) -> None:
        del uitnodiging
        sending.set()
        await sent.wait()

    env = time_skipping_env
    day = await today(env)
    huur = SignaalFeit("s-1", "woonbron", SignaalSoort.HUUR, 120_000, 2, day, telefoon_bekend=True)
    zorg = SignaalFeit("s-2", "zilveren-kruis", SignaalSoort.ZORGVERZEKERING, 45_000, 3, day)
    queue = f"signalering-{uuid.uuid4()}"
    async with Worker(
        env.client,
        task_queue=queue,
        workflows=[SignaleringWorkflow],
        activities=[record_case, send_invitation],
        workflow_runner=sandbox(),
    ):
        handle = await env.client.start_workflow(
            SignaleringWorkflow.run,
            SignaleringStart("signalering-race", "team", POLICY, huur),
            id=f"signalering-{uuid.uuid4()}",
            task_queue=queue,
            start_signal="signaal",
            start_signal_args=[huur],
        )
        await asyncio.wait_for(sending.wait(), 10)
        await handle.signal(SignaleringWorkflow.signaal, zorg)
        sent.set()
        state = await until(handle, lambda s: s.huisbezoek_gevraagd_op is not None)
        assert state.route is Route.MEERVOUDIG
        assert state.huisbezoek_gevraagd_op == day
        await handle.terminate("test finished")


async def test_an_eviction_date_starts_a_crisis_traject_at_once(
    time_skipping_env: WorkflowEnvironment, settings: Settings, sessions: SessionFactory, cases: list[str]
) -> None:
    env = time_skipping_env
    day = await today(env)
    handle = await report(
        env, settings, sessions, "woonbron", signaal(day, ontruimingsdatum=day + timedelta(days=20)), cases
    )
    state = await until(handle, lambda s: s.traject_id is not None and s.status is CaseStatus.AFGESLOTEN)
    traject = env.client.get_workflow_handle_for(TrajectWorkflow.run, f"traject-{state.traject_id}")
    started = await registered(traject)
    assert started.crisis == "gedwongen_woningontruiming"
    with sessions() as session:
        row = session.get(Traject, state.traject_id)
        assert row is not None
        assert row.bron == "vroegsignalering"
    assert messages(sessions) == []


async def test_accepted_help_starts_a_traject_linked_to_the_signals(
    time_skipping_env: WorkflowEnvironment, settings: Settings, sessions: SessionFactory, cases: list[str]
) -> None:
    env = time_skipping_env
    handle = await report(env, settings, sessions, "eneco", signaal(await today(env), SignaalSoort.ENERGIE), cases)
    await until(handle, lambda s: len(s.pogingen) == 1)
    accepted = Uitkomst(True, Contactkanaal.TELEFOON, Hulp.GEACCEPTEERD, door="hv-anna")
    state = await handle.execute_update(SignaleringWorkflow.uitkomst, accepted)
    assert state.status is CaseStatus.AFGESLOTEN
    assert state.traject_id is not None
    with sessions() as session:
        assert session.exec(select(Signalering)).one().traject_id == state.traject_id
    await skip(env, timedelta(days=POLICY.signaal_bewaar_dagen + 40))
    with sessions() as session:
        assert session.exec(select(Signaal)).one().bsn == "111222333"


async def test_retention_deletes_the_signal_data_on_the_day_and_temporal_holds_none(
    time_skipping_env: WorkflowEnvironment, settings: Settings, sessions: SessionFactory, cases: list[str]
) -> None:
    env = time_skipping_env
    handle = await report(env, settings, sessions, "woonbron", signaal(await today(env)), cases)
    await until(handle, lambda s: len(s.pogingen) == 1)
    declined = Uitkomst(True, Contactkanaal.TELEFOON, Hulp.AFGEWEZEN, "Wil het zelf regelen.")
    closed = await handle.execute_update(SignaleringWorkflow.uitkomst, declined)
    assert closed.afgesloten_op is not None
    delete_on = closed.afgesloten_op + timedelta(days=POLICY.signaal_bewaar_dagen)

    await skip(env, timedelta(days=POLICY.signaal_bewaar_dagen - 1))
    with sessions() as session:
        assert session.exec(select(Signaal)).one().bsn == "111222333"

    await sleep_until(env, delete_on)
    final = await until(handle, lambda s: s.status is CaseStatus.VERWIJDERD)
    assert final.traject_id is None
    with sessions() as session:
        row = session.exec(select(Signaal)).one()
        assert (row.bsn, row.naam, row.straat, row.postcode, row.telefoon, row.dedupe_key) == (None,) * 6
        assert row.achterstand_cent == 120_000
        case = session.exec(select(Signalering)).one()
        assert case.huishouden_id is None
        assert case.verwijderd_op == delete_on
    history = await handle.fetch_history()
    decoded = b"".join(p.data for p in await decoded_payloads(env.client, history)).decode("utf-8", "replace")
    assert "pogingen" in decoded
    for personal in ("111222333", "Tanya", "Kerkstraat", "3311", "0612345678"):
        assert personal not in decoded
