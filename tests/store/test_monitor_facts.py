"""The monitor reads each traject's dates from the dossier the same way on SQLite and PostgreSQL: the day the
plan van aanpak was recorded in Dutch time, the settlement's proposal and start, the previous traject's end, and
how each traject ended, read from inside its JSON columns."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from domain.beeindiging import Afsluiting, Afsluitreden, Einde
from domain.bezwaar import Bezwaar, BezwaarBeslissing
from domain.monitor import Periode, Trajectfeiten
from domain.phases import Phase, Step
from domain.policy import TIMEZONE
from domain.traject import Beschikking, Besluit, Clock, Deadline
from domain.uitval import Uitval, UitvalReden
from store.db import SessionFactory
from store.dossier import add_event, apply_state, register
from store.models import Medewerker, Regeling, Traject, TrajectEvent
from store.monitor import monitor_facts
from store.queries import bezwaren_of, einde_of
from tests.conftest import make_start
from tests.store.test_dossier_store import state_of

Q4 = Periode(date(2026, 10, 1), date(2026, 12, 31))
CLOCKS = [
    Deadline(Clock.EERSTE_GESPREK, date(2026, 11, 2), date(2026, 10, 20)),
    Deadline(Clock.BESCHIKKING, date(2026, 12, 15), date(2026, 11, 10)),
]


def test_the_facts_of_a_period_come_from_the_dossier(store: SessionFactory) -> None:
    earlier = replace(make_start(date(2025, 3, 3)), caseworker="hv-anna")
    current = replace(make_start(date(2026, 10, 5)), caseworker="hv-anna", vorig_traject=earlier.traject_id)
    later = replace(make_start(date(2027, 1, 4), bsn="123456782"), caseworker="hv-bob")
    with store() as session:
        session.add(Medewerker(id="hv-anna", naam="Anna", team="Noord", telefoon="1", rol="hulpverlener"))
        session.add(Medewerker(id="hv-bob", naam="Bob", team="Zuid", telefoon="2", rol="hulpverlener"))
        session.commit()
        for start in (earlier, current, later):
            register(session, start, state_of(start, deadlines=[]))
        closed_on = datetime(2026, 1, 20, 10, tzinfo=UTC)
        apply_state(
            session,
            state_of(
                earlier,
                deadlines=[],
                phase=Phase.AFGESLOTEN,
                phase_since=closed_on,
                afgerond_op=date(2026, 1, 15),
                version=9,
            ),
        )
        beschikking = Beschikking(Besluit.TOELATING, date(2026, 11, 10), "Toegelaten.")
        apply_state(
            session,
            state_of(
                current,
                deadlines=CLOCKS,
                phase=Phase.INVENTARISATIE,
                beschikking=beschikking,
                vorig_traject=earlier.traject_id,
                version=5,
            ),
        )
        # Half past eleven at night in UTC is the next morning in Dordrecht.
        late = datetime(2026, 11, 20, 23, 30, tzinfo=UTC)
        add_event(
            session,
            TrajectEvent(
                key="plan", traject_id=current.traject_id, kind=Step.PLAN_VAN_AANPAK.value, at=late, actor="a"
            ),
        )
        session.add(running_regeling(current.traject_id, late))
        session.commit()

        in_q4 = monitor_facts(session, Q4, TIMEZONE)
        of_zuid = monitor_facts(session, Q4, TIMEZONE, team="Zuid")
        everything = monitor_facts(session, Periode(None, None), TIMEZONE)

    assert in_q4 == [
        Trajectfeiten(
            traject_id=current.traject_id,
            bron="zelf",
            crisis=False,
            meldingsdatum=date(2026, 10, 5),
            open=True,
            klokken=tuple(CLOCKS),
            besluit=Besluit.TOELATING,
            besluit_op=date(2026, 11, 10),
            plan_op=date(2026, 11, 21),
            voorstel_op=date(2026, 12, 1),
            regeling_op=date(2026, 12, 15),
            vorige_afgerond_op=date(2026, 1, 15),
            heraanmelding=True,
        )
    ]
    assert of_zuid == []
    by_id = {facts.traject_id: facts for facts in everything}
    assert by_id.keys() == {earlier.traject_id, current.traject_id, later.traject_id}
    assert by_id[earlier.traject_id].gesloten_op == date(2026, 1, 20)
    assert not by_id[earlier.traject_id].open


def running_regeling(traject_id: str, at: datetime) -> Regeling:
    """A minnelijke regeling proposed on 1 December 2026 and running from the 15th."""
    return Regeling(
        traject_id=traject_id,
        soort="minnelijk",
        status="lopend",
        voorgesteld_op=date(2026, 12, 1),
        ingangsdatum=date(2026, 12, 15),
        maandbedrag_cent=10000,
        totaal_cent=180000,
        afloscapaciteit={},
        updated_at=at,
    )


def _regeling(traject_id: str, soort: str, uitspraak: dict[str, bool] | None = None) -> Regeling:
    return Regeling(
        traject_id=traject_id,
        soort=soort,
        status="afgerond",
        voorgesteld_op=date(2024, 3, 1),
        ingangsdatum=date(2024, 4, 1),
        maandbedrag_cent=10000,
        totaal_cent=180000,
        afloscapaciteit={},
        uitspraak=uitspraak,
        updated_at=datetime(2026, 10, 1, tzinfo=UTC),
    )


def test_each_ending_and_objection_reads_as_the_trajects_own_page_reads_it(store: SessionFactory) -> None:
    closed = {"phase": Phase.AFGESLOTEN, "closed_after": Phase.STABILISATIE, "version": 4}
    bezwaar = Bezwaar("b1", date(2026, 10, 2), date(2026, 11, 27), BezwaarBeslissing.GEGROND, date(2026, 11, 2))
    endings = {
        "uitval": {**closed, "uitval": Uitval(UitvalReden.GEEN_CONTACT)},
        "afsluiting": {**closed, "afsluiting": Afsluiting(Afsluitreden.VERHUISD, date(2026, 10, 9))},
        "afgewezen": {
            **closed,
            "beschikking": Beschikking(Besluit.AFWIJZING, date(2026, 10, 6), "Geen schulden."),
            "bezwaren": [bezwaar],
        },
        "dwangakkoord": {"phase": Phase.NAZORG, "afgerond_op": date(2026, 10, 20), "version": 4},
        "saneringskrediet": {"phase": Phase.NAZORG, "afgerond_op": date(2026, 10, 21), "version": 4},
        "lopend": {"phase": Phase.STABILISATIE, "version": 4},
    }
    starts = {name: make_start(date(2026, 1, 5 + i), bsn=f"{i:09d}") for i, name in enumerate(endings)}
    with store() as session:
        for name, start in starts.items():
            register(session, start, state_of(start))
            apply_state(session, state_of(start, **endings[name]))
        session.add(_regeling(starts["dwangakkoord"].traject_id, "minnelijk", {"toegewezen": True}))
        session.add(_regeling(starts["saneringskrediet"].traject_id, "saneringskrediet"))
        session.commit()

        facts = {f.traject_id: f for f in monitor_facts(session, Periode(None, None), TIMEZONE)}
        pages = {
            name: (einde_of(traject, session.get(Regeling, start.traject_id)), bezwaren_of(traject))
            for name, start in starts.items()
            if (traject := session.get(Traject, start.traject_id)) is not None
        }

    found = {
        name: (facts[start.traject_id].einde, list(facts[start.traject_id].bezwaren)) for name, start in starts.items()
    }
    assert found == pages
    assert found == {
        "uitval": (Einde.UITVAL, []),
        "afsluiting": (Einde.VERHUISD, []),
        "afgewezen": (Einde.AFGEWEZEN, [bezwaar]),
        "dwangakkoord": (Einde.DWANGAKKOORD, []),
        "saneringskrediet": (Einde.SANERINGSKREDIET, []),
        "lopend": (None, []),
    }
    uitval = facts[starts["uitval"].traject_id]
    assert (uitval.uitval_reden, uitval.uitval_fase) == ("geen_contact", "stabilisatie")
    afgewezen = facts[starts["afgewezen"].traject_id]
    assert (afgewezen.besluit, afgewezen.besluit_op, afgewezen.uitval_reden) == (
        Besluit.AFWIJZING,
        date(2026, 10, 6),
        None,
    )
