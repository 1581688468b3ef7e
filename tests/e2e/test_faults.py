"""Faults on the real stack (Temporal dev server, worker and API as separate processes): a worker killed with
steps in flight, a worker away for a minute while requests come in, Temporal stopped and started again.
Nothing is lost, nothing happens twice, and no request hangs or answers anything but problem+json.

Each test prints its figures (run with -s to see them)."""

from __future__ import annotations

import signal
import sys
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from sqlmodel import select

from store.db import make_engine, session_factory
from store.models import Brief, OutboxEntry, TrajectEvent
from tests.api.conftest import aanmelding, today
from tests.e2e.stack import Stack, bsn

pytestmark = pytest.mark.slow
RECOVERED_WITHIN = 60


def gesprek() -> dict[str, object]:
    return {"gehouden_op": today().isoformat(), "ernst": "matig", "zelfredzaamheid": "zelfredzaam"}


@pytest.fixture
def stack(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Stack]:
    port = {"killed": 21000, "away": 21100, "temporal": 21200}[request.param]
    running = Stack(tmp_path, port)
    running.start()
    yield running
    running.stop()


def kinds(stack: Stack, model: type[TrajectEvent] | type[Brief]) -> Counter[tuple[str, str]]:
    with session_factory(make_engine(stack.settings.database_url))() as session:
        return Counter((row.traject_id, row.kind) for row in session.exec(select(model)).all())


def outbox(stack: Stack) -> tuple[int, int]:
    """Letters marked sent, and files the mailroom holds."""
    with session_factory(make_engine(stack.settings.database_url))() as session:
        sent = len(session.exec(select(OutboxEntry).where(OutboxEntry.status == "sent")).all())
    return sent, len(list(stack.settings.outbox_dir.glob("*")))


def until_done(stack: Stack, path: str, body: dict[str, object], key: str, deadline: float) -> httpx.Response:
    """Send a step again with its key until it has an outcome (not 202 or 503)."""
    while True:
        response = stack.post(path, body, key)
        if response.status_code not in (202, 503) or time.monotonic() > deadline:
            return response
        time.sleep(1)


def report(name: str, figures: dict[str, object]) -> None:
    sys.stdout.write(f"\n[{name}] " + ", ".join(f"{k}={v}" for k, v in figures.items()) + "\n")


@pytest.mark.xdist_group("fault-killed")
@pytest.mark.parametrize("stack", ["killed"], indirect=True)
def test_a_worker_killed_with_steps_in_flight_loses_none_and_sends_each_letter_once(stack: Stack) -> None:
    trajecten = [stack.post("/api/v1/aanmeldingen", aanmelding(bsn(i)), f"aanmelding-{i}").json() for i in range(10)]
    assert all(t.get("fase") == "aanmelding" for t in trajecten), trajecten
    with ThreadPoolExecutor(10) as pool:
        sent = [pool.submit(stack.post, f"{t['url']}/gesprekken", gesprek(), f"gesprek-{t['id']}") for t in trajecten]
        time.sleep(0.3)
        stack.kill("worker")
        first = Counter(future.result().status_code for future in sent)
    assert set(first) <= {201, 202, 503}, first

    # What was in flight resumes when Temporal's timeouts run out: the new worker's start, a workflow task's 10 s
    # and an activity's 10 s with its retry's pause. On a loaded machine these add up to near 30 s; a minute
    # still catches a timeout set in minutes.
    restarted = time.monotonic()
    stack.start_worker()
    outcomes = [
        until_done(stack, f"{t['url']}/gesprekken", gesprek(), f"gesprek-{t['id']}", restarted + RECOVERED_WITHIN)
        for t in trajecten
    ]
    done = time.monotonic() - restarted

    assert [r.status_code for r in outcomes] == [201] * 10, [r.text for r in outcomes if r.status_code != 201]
    assert all(r.json()["fase"] == "toelating" for r in outcomes)
    assert done < RECOVERED_WITHIN
    events, letters = kinds(stack, TrajectEvent), kinds(stack, Brief)
    for traject in trajecten:
        assert events[(traject["id"], "eerste_gesprek")] == 1
        assert letters[(traject["id"], "actielijst")] == 1
        assert letters[(traject["id"], "aanmelding_bevestiging")] == 1
    # A letter's post runs after the step has answered: one the killed worker held is posted again once its
    # activity times out, so the outbox may still be settling when every step is done.
    sent_letters, files = outbox(stack)
    while (sent_letters, files) != (20, 20) and time.monotonic() < restarted + RECOVERED_WITHIN:
        time.sleep(0.5)
        sent_letters, files = outbox(stack)
    assert sent_letters == files == 20
    posted = time.monotonic() - restarted
    report(
        "worker gekilld",
        {
            "eerste antwoorden": dict(first),
            "alles klaar na herstart (s)": round(done, 1),
            "alle brieven verstuurd na herstart (s)": round(posted, 1),
        },
    )


@pytest.mark.xdist_group("fault-away")
@pytest.mark.parametrize("stack", ["away"], indirect=True)
def test_a_worker_away_for_a_minute_leaves_reads_answering_and_writes_bounded(stack: Stack) -> None:
    existing = stack.post("/api/v1/aanmeldingen", aanmelding(bsn(100)), "bestaand").json()
    stack.kill("worker")
    reads, writes = [], []
    started = time.monotonic()
    for number in range(30):
        moment = time.monotonic()
        if number % 2:
            response = stack.get(existing["url"])
            reads.append((response.status_code, time.monotonic() - moment))
        else:
            response = stack.post("/api/v1/aanmeldingen", aanmelding(bsn(200 + number)), f"weg-{number}")
            writes.append((number, response.status_code, time.monotonic() - moment))
            assert response.headers["content-type"].startswith(("application/json", "application/problem+json"))
        time.sleep(max(0.0, started + 2 * (number + 1) - time.monotonic()))
    away = time.monotonic() - started

    assert {status for status, _ in reads} == {200}
    assert {status for _, status, _ in writes} <= {202, 503}, writes
    slowest_write = max(seconds for _, _, seconds in writes)
    assert slowest_write < stack.settings.engine_wait_seconds + 5

    restarted = time.monotonic()
    stack.start_worker()
    outcomes = [
        until_done(stack, "/api/v1/aanmeldingen", aanmelding(bsn(200 + n)), f"weg-{n}", restarted + 60)
        for n, _, _ in writes
    ]
    assert [r.status_code for r in outcomes] == [200] * len(writes), [r.text for r in outcomes]
    listed = stack.get("/api/v1/trajecten").json()
    assert listed["count"] == 1 + len(writes)
    letters = kinds(stack, Brief)
    assert all(letters[(r.json()["id"], "aanmelding_bevestiging")] == 1 for r in outcomes)
    report(
        "worker een minuut weg",
        {
            "duur (s)": round(away),
            "lezen": f"{len(reads)}x 200, traagste {max(s for _, s in reads):.2f}s",
            "schrijven": dict(Counter(status for _, status, _ in writes)),
            "traagste schrijven (s)": round(slowest_write, 1),
            "na herstart klaar (s)": round(time.monotonic() - restarted, 1),
        },
    )


@pytest.mark.xdist_group("fault-temporal")
@pytest.mark.parametrize("stack", ["temporal"], indirect=True)
def test_temporal_stopped_answers_503_and_retries_with_their_key_get_the_first_outcome(stack: Stack) -> None:
    traject = stack.post("/api/v1/aanmeldingen", aanmelding(bsn(300)), "t-aanmelding").json()
    first = stack.post(f"{traject['url']}/gesprekken", gesprek(), "t-gesprek")
    assert first.status_code == 201, first.text

    stack.kill("temporal", signal.SIGTERM)
    down = time.monotonic()
    assert stack.get(traject["url"]).status_code == 200
    retried = stack.post(f"{traject['url']}/gesprekken", gesprek(), "t-gesprek")
    besluit = {
        "besluit": "toelating",
        "besluit_op": today().isoformat(),
        "motivering": "U kunt uw schulden niet zelf oplossen.",
    }
    refused = stack.post(f"{traject['url']}/beschikkingen", besluit, "t-beschikking")
    answered_in = time.monotonic() - down
    for response in (retried, refused):
        assert response.status_code == 503, response.text
        assert response.headers["content-type"] == "application/problem+json"
        assert int(response.headers["Retry-After"]) > 0

    stack.start_temporal()
    back = time.monotonic()
    again = until_done(stack, f"{traject['url']}/gesprekken", gesprek(), "t-gesprek", back + 60)
    decided = until_done(stack, f"{traject['url']}/beschikkingen", besluit, "t-beschikking", back + 60)
    assert again.status_code == 201, again.text
    assert decided.status_code == 201, decided.text
    assert decided.json()["fase"] == "plan_van_aanpak"
    events, letters = kinds(stack, TrajectEvent), kinds(stack, Brief)
    assert events[(traject["id"], "eerste_gesprek")] == 1
    assert events[(traject["id"], "beschikking")] == 1
    assert letters[(traject["id"], "actielijst")] == 1
    assert letters[(traject["id"], "beschikking_toelating")] == 1
    report(
        "Temporal gestopt",
        {
            "twee stappen beantwoord in (s)": round(answered_in, 1),
            "na herstart klaar (s)": round(time.monotonic() - back, 1),
        },
    )
