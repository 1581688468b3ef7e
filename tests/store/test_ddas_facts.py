"""The national delivery reads the same trajecten and facts on SQLite and PostgreSQL: the period by the day a
traject closed in Dutch time, the partner as a second client, the plan's day, pages in a stable order."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from domain.phases import Phase, Step
from domain.policy import TIMEZONE
from domain.traject import Clock, Deadline
from store.db import SessionFactory
from store.ddas import count_in_period, facts_in_period
from store.dossier import add_event, apply_state, register, store_persoon
from store.models import TrajectEvent
from tests.conftest import make_start
from tests.store.test_dossier_store import state_of

YEAR = (date(2026, 1, 1), date(2026, 12, 31))


def test_the_trajecten_of_a_period_and_their_facts(store: SessionFactory) -> None:
    couple = make_start(date(2026, 3, 2))
    couple = replace(couple, aanmelding=replace(couple.aanmelding, partner_id="marco"))
    closed_last_year = make_start(date(2025, 6, 2), bsn="123456782")
    # Closed at 23:30 UTC on 31 December 2025: already 1 January 2026 in Dordrecht, so in the period.
    closed_new_year = make_start(date(2025, 6, 2), bsn="100000009")
    next_year = make_start(date(2027, 1, 4), bsn="100000010")
    with store() as session:
        store_persoon(session, "marco", replace(couple.aanmelding.persoon, bsn="100000022", naam="Marco"))
        for start in (couple, closed_last_year, closed_new_year, next_year):
            register(session, start, state_of(start, deadlines=[]))
        gesprek = [Deadline(Clock.EERSTE_GESPREK, date(2026, 3, 30), date(2026, 3, 9))]
        apply_state(session, state_of(couple, deadlines=gesprek, phase=Phase.STABILISATIE, version=3))
        add_event(
            session,
            TrajectEvent(
                key="plan",
                traject_id=couple.traject_id,
                kind=Step.PLAN_VAN_AANPAK.value,
                at=datetime(2026, 3, 16, 23, 30, tzinfo=UTC),
                actor="a",
            ),
        )
        for start, at in (
            (closed_last_year, datetime(2025, 12, 31, 12, tzinfo=UTC)),
            (closed_new_year, datetime(2025, 12, 31, 23, 30, tzinfo=UTC)),
        ):
            apply_state(session, state_of(start, deadlines=[], phase=Phase.AFGESLOTEN, phase_since=at, version=2))

        assert count_in_period(session, *YEAR, TIMEZONE) == 2
        facts = facts_in_period(session, *YEAR, TIMEZONE, "0505", 0, 10)
        page = facts_in_period(session, *YEAR, TIMEZONE, "0505", 1, 1)

    assert sorted(f.traject_id for f in facts) == sorted([couple.traject_id, closed_new_year.traject_id])
    assert [f.traject_id for f in facts] == sorted(f.traject_id for f in facts)
    assert [f.traject_id for f in page] == [facts[1].traject_id]
    found = next(f for f in facts if f.traject_id == couple.traject_id)
    assert [c.bsn for c in found.clients] == ["111222333", "100000022"]
    assert (found.clients[1].postcode, found.clients[1].huisnummer) == ("3311 AA", "1")
    assert (found.gesprek_op, found.plan_op, found.gemeentecode) == (date(2026, 3, 9), date(2026, 3, 17), "0505")
    assert found.einde is None
