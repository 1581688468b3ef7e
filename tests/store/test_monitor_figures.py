"""The database counts a period's figures exactly as domain/monitor.monitor counts them over the same facts, on
SQLite and PostgreSQL: for any facts, any period and any day. The facts' rows follow every write to the dossier
in the same transaction, and a start writes those that are missing or were derived by an older rule."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from domain.beeindiging import Einde
from domain.bezwaar import Bezwaar, BezwaarBeslissing
from domain.monitor import Periode, Trajectfeiten, monitor
from domain.phases import Phase, Step
from domain.policy import TIMEZONE
from domain.traject import Beschikking, Besluit, Clock, Deadline
from domain.uitval import Uitval, UitvalReden
from runtime.clock import day_of
from store.db import SessionFactory, migrate, session_factory
from store.dossier import add_event, apply_state, register
from store.feiten import AFLEIDING, derive, rebuild, write
from store.models import Bezwaarfeit, Klokfeit, Monitorfeit, Persoon, Traject, TrajectEvent
from store.monitor import facts_query, monitor_facts, period_figures, read_facts
from tests.conftest import make_start
from tests.store.test_dossier_store import state_of
from tests.store.test_monitor_facts import running_regeling

FIRST = date(2026, 3, 10)
DAYS = 45
TODAY = date(2026, 11, 23)
ALL = Periode(None, None)


def _day(offset: int | None) -> date | None:
    return None if offset is None else FIRST + timedelta(days=offset)


days = st.integers(0, DAYS).map(_day)
maybe_days = st.one_of(st.none(), days)
# Late in the evening in UTC is the next day in Dordrecht: the instants lie on both sides of midnight there.
instants = st.builds(
    lambda day, minute: datetime.combine(day, time(0), tzinfo=UTC) + timedelta(minutes=minute),
    days,
    st.sampled_from([0, 12 * 60, 21 * 60 + 59, 22 * 60, 22 * 60 + 59, 23 * 60, 23 * 60 + 59]),
)
clocks = st.builds(Deadline, st.sampled_from(Clock), days, maybe_days, st.booleans())
objections = st.builds(
    Bezwaar,
    st.just("b"),
    days,
    days,
    st.one_of(st.none(), st.sampled_from(BezwaarBeslissing)),
    maybe_days,
)


@st.composite
def facts(draw: st.DrawFn, nr: int) -> tuple[Trajectfeiten, datetime | None, datetime | None]:
    """One traject's facts as store/monitor.read_facts gives them: the plan's and the closing's day are the days
    of their instants in Dutch time."""
    plan_at = draw(st.one_of(st.none(), instants))
    gesloten_at = draw(st.one_of(st.none(), instants))
    uitval = draw(st.one_of(st.none(), st.sampled_from(["geen_contact", "zelf_gestopt"])))
    heraanmelding = draw(st.booleans())
    feiten = Trajectfeiten(
        traject_id=f"t-{nr:04d}",
        bron=draw(st.sampled_from(["zelf", "vroegsignalering", "wijkteam"])),
        crisis=draw(st.booleans()),
        meldingsdatum=draw(days),
        open=gesloten_at is None,
        klokken=tuple(draw(st.lists(clocks, max_size=3))),
        besluit=draw(st.one_of(st.none(), st.sampled_from(Besluit))),
        besluit_op=draw(maybe_days),
        plan_op=day_of(plan_at, TIMEZONE) if plan_at is not None else None,
        voorstel_op=draw(maybe_days),
        regeling_op=draw(maybe_days),
        afgerond_op=draw(maybe_days),
        gesloten_op=day_of(gesloten_at, TIMEZONE) if gesloten_at is not None else None,
        uitval_reden=uitval,
        uitval_fase=draw(st.sampled_from([None, "", "stabilisatie"])) if uitval else None,
        vorige_afgerond_op=draw(maybe_days) if heraanmelding else None,
        heraanmelding=heraanmelding,
        bezwaren=tuple(draw(st.lists(objections, max_size=2))),
        einde=draw(st.one_of(st.none(), st.sampled_from(Einde))),
    )
    return feiten, plan_at, gesloten_at


dossiers = st.integers(0, 12).flatmap(lambda n: st.tuples(*(facts(nr) for nr in range(n))))
periods = st.builds(lambda van, tot: Periode(van, tot), maybe_days, maybe_days)


def _clear(engine: Engine) -> None:
    with engine.begin() as connection:
        for table in (Klokfeit, Bezwaarfeit, Monitorfeit, Traject, Persoon):
            connection.execute(delete(table))


# The lists a traject row starts with, which an insert around the session must give it.
_LISTS = ("termijnen", "breaches", "actielijst", "eerdere_trajecten", "maatregelen", "nazorg", "gemiste_afspraken")


def _bare_trajecten(engine: Engine, ids: list[str]) -> None:
    """Traject rows for the facts to belong to, written around the session so they derive no facts."""
    if not ids:
        return
    now = datetime(2026, 1, 1, tzinfo=UTC)
    with engine.begin() as connection:
        connection.execute(
            insert(Persoon),
            [{"id": i, "bsn": "1", "naam": "", "straat": "", "postcode": "", "woonplaats": ""} for i in ids],
        )
        connection.execute(
            insert(Traject),
            [
                {
                    "id": i,
                    "persoon_id": i,
                    "phase": Phase.AANMELDING.value,
                    "phase_since": now,
                    "caseworker": "hv",
                    "bron": "zelf",
                    "kinderen": False,
                    "meldingsdatum": FIRST,
                    "created_at": now,
                    "updated_at": now,
                }
                | {key: [] for key in _LISTS}
                for i in ids
            ],
        )


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(dossier=dossiers, periode=periods, today=days)
def test_the_database_counts_what_the_rules_count(
    store_engine: Engine,
    dossier: tuple[tuple[Trajectfeiten, datetime | None, datetime | None], ...],
    periode: Periode,
    today: date,
) -> None:
    _clear(store_engine)
    _bare_trajecten(store_engine, [f.traject_id for f, _, _ in dossier])
    with session_factory(store_engine)() as session:
        write(session, [derive(*one) for one in dossier])
        session.commit()
        counted = period_figures(session, periode, today, TIMEZONE)
    assert counted == monitor([f for f, _, _ in dossier], periode, today)


def test_a_closing_at_midnight_in_dordrecht_counts_on_the_day_it_begins(store_engine: Engine) -> None:
    # Midnight in Dordrecht is 23:00 UTC in winter and 22:00 UTC in summer.
    closings = {
        "t-winter-laat": datetime(2026, 1, 31, 22, 59, tzinfo=UTC),
        "t-winter-nacht": datetime(2026, 1, 31, 23, 0, tzinfo=UTC),
        "t-zomer-laat": datetime(2026, 6, 30, 21, 59, tzinfo=UTC),
        "t-zomer-nacht": datetime(2026, 6, 30, 22, 0, tzinfo=UTC),
    }
    dossier = [
        (
            Trajectfeiten(
                traject_id=traject_id,
                bron="zelf",
                crisis=False,
                meldingsdatum=date(2026, 1, 5),
                open=False,
                gesloten_op=day_of(at, TIMEZONE),
                uitval_reden="geen_contact",
                einde=Einde.UITVAL,
            ),
            None,
            at,
        )
        for traject_id, at in closings.items()
    ]
    _bare_trajecten(store_engine, list(closings))
    with session_factory(store_engine)() as session:
        write(session, [derive(*one) for one in dossier])
        session.commit()
        january = period_figures(session, Periode(date(2026, 1, 1), date(2026, 1, 31)), TODAY, TIMEZONE)
        june = period_figures(session, Periode(date(2026, 6, 1), date(2026, 6, 30)), TODAY, TIMEZONE)
        july = period_figures(session, Periode(date(2026, 7, 1), date(2026, 7, 31)), TODAY, TIMEZONE)
    assert (january.uitval, january.einden) == ({("geen_contact", ""): 1}, {Einde.UITVAL: 1})
    assert (june.uitval, june.einden) == ({("geen_contact", ""): 1}, {Einde.UITVAL: 1})
    assert (july.uitval, july.einden) == ({("geen_contact", ""): 1}, {Einde.UITVAL: 1})


def _stored(session: Session) -> list[tuple[object, ...]]:
    return [
        tuple(sorted(row.model_dump().items()))
        for table in (Monitorfeit, Klokfeit, Bezwaarfeit)
        for row in session.exec(select(table)).all()
    ]


def _derived(session: Session) -> list[tuple[object, ...]]:
    rows = [derive(*read) for read in read_facts(session.exec(facts_query(ALL, TIMEZONE)).all(), TIMEZONE)]
    return [tuple(sorted(values.items())) for feit, klokken, bezwaren in rows for values in (feit, *klokken, *bezwaren)]


def assert_in_step(session: Session) -> None:
    """The facts' rows are what the dossier derives to now, and the figures of several periods counted from
    them are the rules' figures over the dossier's facts."""
    assert sorted(_stored(session), key=repr) == sorted(_derived(session), key=repr)
    every = monitor_facts(session, ALL, TIMEZONE)
    for periode in (ALL, Periode(date(2026, 10, 1), date(2026, 12, 31)), Periode(date(2026, 1, 1), None)):
        assert period_figures(session, periode, TODAY, TIMEZONE) == monitor(every, periode, TODAY)


def test_every_write_to_a_traject_rewrites_its_facts_in_the_same_transaction(store: SessionFactory) -> None:
    earlier = make_start(date(2025, 3, 3))
    current = replace(make_start(date(2026, 10, 5), bsn="123456782"), vorig_traject=earlier.traject_id)
    with store() as session:
        register(session, earlier, state_of(earlier))
        assert_in_step(session)
        register(session, current, state_of(current, vorig_traject=earlier.traject_id))
        apply_state(session, state_of(earlier, heraanmelding=current.traject_id, version=2))
        assert_in_step(session)
        beschikking = Beschikking(Besluit.TOELATING, date(2026, 11, 10), "Toegelaten.")
        apply_state(
            session,
            state_of(
                current,
                phase=Phase.INVENTARISATIE,
                beschikking=beschikking,
                vorig_traject=earlier.traject_id,
                version=3,
            ),
        )
        assert_in_step(session)
        at = datetime(2026, 11, 20, 23, 30, tzinfo=UTC)
        add_event(
            session,
            TrajectEvent(key="p", traject_id=current.traject_id, kind=Step.PLAN_VAN_AANPAK.value, at=at, actor="a"),
        )
        assert_in_step(session)
        regeling = running_regeling(current.traject_id, at)
        session.add(regeling)
        session.commit()
        assert_in_step(session)
        # The earlier traject's end is a fact of its return (within a year or not).
        apply_state(
            session,
            state_of(
                earlier,
                phase=Phase.AFGESLOTEN,
                phase_since=datetime(2026, 1, 20, 10, tzinfo=UTC),
                afgerond_op=date(2026, 1, 15),
                heraanmelding=current.traject_id,
                uitval=Uitval(UitvalReden.GEEN_CONTACT),
                version=9,
            ),
        )
        assert_in_step(session)
        assert session.get(Monitorfeit, current.traject_id).terug_binnen_jaar  # type: ignore[union-attr]
        bezwaar = Bezwaar("b1", date(2026, 11, 12), date(2027, 1, 27), BezwaarBeslissing.GEGROND, date(2026, 12, 2))
        apply_state(
            session,
            state_of(current, beschikking=beschikking, bezwaren=[bezwaar], vorig_traject=earlier.traject_id, version=4),
        )
        assert_in_step(session)
        # A change of one fact alone, on rows that are there already.
        decided = replace(bezwaar, beslissing=BezwaarBeslissing.ONGEGROND)
        apply_state(
            session,
            state_of(current, beschikking=beschikking, bezwaren=[decided], vorig_traject=earlier.traject_id, version=5),
        )
        assert_in_step(session)
        regeling.ingangsdatum = date(2026, 12, 22)
        session.commit()
        assert_in_step(session)
        # What a transaction wrote and then rolled back leaves the facts as they were.
        regeling.ingangsdatum = date(2027, 5, 1)
        session.flush()
        session.rollback()
        assert_in_step(session)
        assert session.get(Monitorfeit, current.traject_id).regeling_op == date(2026, 12, 22)  # type: ignore[union-attr]


def test_a_start_writes_the_facts_that_are_missing_or_were_derived_by_an_older_rule(
    store_url: str, store: SessionFactory
) -> None:
    starts = [make_start(date(2026, 10, 5 + i), bsn=f"{i:09d}") for i in range(3)]
    with store() as session:
        for start in starts:
            register(session, start, state_of(start))
        expected = _stored(session)
        session.execute(delete(Klokfeit).where(col(Klokfeit.traject_id) == starts[0].traject_id))
        session.execute(delete(Monitorfeit).where(col(Monitorfeit.traject_id) == starts[0].traject_id))
        session.execute(
            update(Monitorfeit)
            .where(col(Monitorfeit.traject_id) == starts[1].traject_id)
            .values(afleiding=AFLEIDING - 1, bron="vervallen")
        )
        session.commit()
    migrate(store_url)
    with store() as session:
        assert sorted(_stored(session), key=repr) == sorted(expected, key=repr)
        assert rebuild(session.get_bind()) == 0  # type: ignore[arg-type]
