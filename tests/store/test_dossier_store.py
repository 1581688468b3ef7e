"""Dossier writes land once however often they are retried; reads filter, sort and page the same on both DBs."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from sqlmodel import select

from activities.delivery import Mailroom
from activities.letters import Afzender, LetterActivities, LetterRequest
from activities.schuldregeling import RegelingActivities, RegelingRecord
from domain.afloscapaciteit import Afloscapaciteit
from domain.phases import Phase
from domain.schuldregeling import Betaling, Deelnemer, RegelingSoort, RegelingState, RegelingStatus
from domain.traject import Beschikking, Besluit, Clock, Deadline, TrajectState
from letters.render import LetterKind
from store.db import SessionFactory
from store.dossier import add_event, apply_state, register, store_letter
from store.models import AuditEntry, Brief, Deelname, OutboxEntry, Regeling, Schuldeiser, Traject, TrajectEvent
from store.queries import TrajectFilter, audit, client_names, list_trajecten, trajecten_of_bsn
from tests.conftest import make_start

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def state_of(start, **changes) -> TrajectState:  # type: ignore[no-untyped-def]
    base = TrajectState(
        traject_id=start.traject_id,
        caseworker=start.caseworker,
        phase=Phase.AANMELDING,
        phase_since=NOW,
        meldingsdatum=start.aanmelding.meldingsdatum,
        crisis=start.aanmelding.crisis,
        deadlines=[Deadline(Clock.EERSTE_GESPREK, date(2026, 12, 21))],
    )
    return replace(base, **changes)


def test_registration_lands_once_and_finds_earlier_trajecten(store: SessionFactory) -> None:
    first = make_start(date(2025, 1, 6))
    with store() as session:
        register(session, first, state_of(first))
        beschikking = Beschikking(Besluit.AFWIJZING, date(2025, 2, 1), "Fraude.")
        closed = state_of(
            first, phase=Phase.AFGESLOTEN, closed_after=Phase.TOELATING, beschikking=beschikking, version=3
        )
        apply_state(session, closed)
    second = make_start(date(2026, 11, 23))
    with store() as session:
        eerdere = register(session, second, state_of(second))
        assert register(session, second, state_of(second)) == eerdere
        assert len(trajecten_of_bsn(session, "111222333")) == 2
    assert eerdere == [
        {
            "traject_id": first.traject_id,
            "meldingsdatum": "2025-01-06",
            "phase": "afgesloten",
            "closed_after": "toelating",
            "besluit": "afwijzing",
        }
    ]


def test_an_older_state_never_overwrites_a_newer_one(store: SessionFactory) -> None:
    start = make_start(date(2026, 11, 23))
    with store() as session:
        register(session, start, state_of(start))
        apply_state(session, state_of(start, phase=Phase.TOELATING, version=2))
        apply_state(session, state_of(start, phase=Phase.AANMELDING, version=1))
        row = session.get(Traject, start.traject_id)
    assert row.phase == "toelating"
    assert row.version == 2


def test_an_event_lands_once_per_key(store: SessionFactory) -> None:
    start = make_start(date(2026, 11, 23))
    with store() as session:
        register(session, start, state_of(start))
        event = {"key": "k-1", "traject_id": start.traject_id, "kind": "eerste_gesprek", "at": NOW, "actor": "hv"}
        assert add_event(session, TrajectEvent(**event)) is True
        assert add_event(session, TrajectEvent(**event)) is False
        assert len(session.exec(select(TrajectEvent).where(TrajectEvent.key == "k-1")).all()) == 1


def test_a_retried_letter_is_stored_and_posted_once(store: SessionFactory, tmp_path: Path) -> None:
    start = make_start(date(2026, 11, 23))
    with store() as session:
        register(session, start, state_of(start))
    letters = LetterActivities(store, Afzender("Gemeente", "Plein 1", "14 0000"), Mailroom(tmp_path / "post"))
    request = LetterRequest(start.traject_id, LetterKind.AANMELDING_BEVESTIGING, "brief-1", date(2026, 11, 23))

    first = letters.write_letter(request)
    again = letters.write_letter(request)
    letters.deliver_letter(first)
    letters.deliver_letter(first)

    assert again == first
    with store() as session:
        assert len(session.exec(select(Brief)).all()) == 1
        entry = session.get(OutboxEntry, first)
    assert (entry.status, entry.attempts) == ("sent", 1)
    assert [p.name for p in (tmp_path / "post").iterdir()] == [f"{first}.html"]


def test_store_letter_keeps_the_first_under_a_key(store: SessionFactory) -> None:
    start = make_start(date(2026, 11, 23))
    with store() as session:
        register(session, start, state_of(start))
        brief = {
            "key": "k",
            "traject_id": start.traject_id,
            "kind": "x",
            "onderwerp": "o",
            "html": "h",
            "created_at": NOW,
        }
        first = store_letter(session, Brief(id="b-1", **brief), "post")
        second = store_letter(session, Brief(id="b-2", **brief), "post")
    assert first == second == "b-1"


def test_list_filters_sorts_by_nearest_deadline_and_pages(store: SessionFactory) -> None:
    starts = [make_start(date(2026, 11, 23), bsn=bsn) for bsn in ("111222333", "123456782", "100000009")]
    dues = [date(2026, 12, 21), date(2026, 11, 26), None]
    with store() as session:
        for start, due in zip(starts, dues, strict=True):
            deadlines = [Deadline(Clock.EERSTE_GESPREK, due)] if due else []
            register(session, start, state_of(start, deadlines=deadlines))
        apply_state(
            session, state_of(starts[0], deadlines=[Deadline(Clock.EERSTE_GESPREK, dues[0], None, True)], version=1)
        )

        total, page = list_trajecten(session, TrajectFilter(), 0, 2)
        _, rest = list_trajecten(session, TrajectFilter(), 2, 2)
        breached_total, breached = list_trajecten(session, TrajectFilter(termijn_overschreden=True), 0, 10)
        none_total, _ = list_trajecten(session, TrajectFilter(fase="stabilisatie"), 0, 10)

    assert total == 3
    assert [t.id for t in page] == [starts[1].traject_id, starts[0].traject_id]
    assert [t.id for t in rest] == [starts[2].traject_id]
    assert (breached_total, [t.id for t in breached]) == (1, [starts[0].traject_id])
    assert none_total == 0


def test_a_list_page_names_each_client_in_one_read(store: SessionFactory) -> None:
    tanya = make_start(date(2026, 11, 23))
    piet = make_start(date(2026, 11, 23), bsn="123456782")
    assert piet.aanmelding.persoon is not None
    piet = replace(piet, aanmelding=replace(piet.aanmelding, persoon=replace(piet.aanmelding.persoon, naam="Piet")))
    with store() as session:
        for start in (tanya, piet):
            register(session, start, state_of(start))
        _, page = list_trajecten(session, TrajectFilter(), 0, 10)
        names = client_names(session, page)

    assert names == {tanya.traject_id: "Tanya de Vries", piet.traject_id: "Piet"}


def test_audit_entries_are_appended(store: SessionFactory) -> None:
    with store() as session:
        audit(session, "tl-carla", "toezichthouder", "traject-lezen", "t-1")
        audit(session, "tl-carla", "toezichthouder", "traject-lezen", "t-1")
        assert len(session.exec(select(AuditEntry)).all()) == 2


def test_a_settlement_projects_once_never_older_and_keeps_its_creditors(store: SessionFactory) -> None:
    start = make_start(date(2026, 11, 23))
    with store() as session:
        register(session, start, state_of(start))
        session.add(Schuldeiser(id="se-1", naam="Woonbron", soort="verhuurder", kanaal="post"))
        session.commit()
    capaciteit = Afloscapaciteit(130_061, [], 5_000, 18, 90_000, date(2025, 1, 1))
    deelnemer = Deelnemer("se-1", 100_000, False, 90_000, voorstel_id="v-1")
    state = RegelingState(
        start.traject_id, RegelingSoort.MINNELIJK, RegelingStatus.LOOPT, capaciteit, [deelnemer], date(2026, 11, 23)
    )
    state.schema = [5_000] * 18
    state.betalingen = [Betaling("b1", date(2026, 12, 23), 5_000)]
    state.version = 3
    activities = RegelingActivities(store)
    record = RegelingRecord(f"{start.traject_id}:regeling:betaling:3", "betaling:b1", NOW, "hv-anna", state)
    activities.record_regeling(record)
    activities.record_regeling(record)
    older = replace(state, status=RegelingStatus.VOORSTEL, betalingen=[], version=2)
    activities.record_regeling(RegelingRecord(None, None, NOW, "systeem", older))
    with store() as session:
        row = session.get(Regeling, start.traject_id)
        assert row is not None
        assert (row.status, row.betaald_cent, row.maandschema) == ("loopt", 5_000, [5_000] * 18)
        assert row.betalingen[0]["datum"] == "2026-12-23"
        [deel] = session.exec(select(Deelname)).all()
        assert (deel.schuldeiser_id, deel.aandeel_cent, deel.reactie) == ("se-1", 90_000, "open")
        events = session.exec(select(TrajectEvent).where(TrajectEvent.traject_id == start.traject_id)).all()
        assert [e.kind for e in events] == ["betaling"]
