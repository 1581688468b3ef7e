"""The settlement's arithmetic: the schedule, payments divided in cents, a recalculation, arrears."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from domain.afloscapaciteit import Afloscapaciteit
from domain.kalender import achterstand, add_months, vervaldag, vervallen_maanden, volgende_vervaldag
from domain.schuldregeling import (
    Betaling,
    Deelnemer,
    RegelingSoort,
    RegelingState,
    RegelingStatus,
    betaling_problems,
    herverdeel,
    schema_voor,
    verdeel_betaling,
    voorstel_deelnemers,
)
from domain.verdeling import Claim

START = date(2027, 1, 31)


def capaciteit(maand: int, looptijd: int = 18) -> Afloscapaciteit:
    return Afloscapaciteit(150_000, [], maand, looptijd, maand * looptijd, None)


def regeling(soort: RegelingSoort = RegelingSoort.MINNELIJK, maand: int = 10_000) -> RegelingState:
    claims = [Claim("bank", 300_000, False), Claim("belasting", 100_000, True), Claim("energie", 50_001, False)]
    deelnemers = voorstel_deelnemers(claims, capaciteit(maand), preferent_factor=2)
    return RegelingState(
        "t1",
        soort,
        RegelingStatus.LOOPT,
        capaciteit(maand),
        deelnemers,
        START,
        schema=schema_voor(sum(d.aandeel_cent for d in deelnemers), maand, 18),
        ingangsdatum=START,
    )


def test_months_keep_the_day_or_take_the_last_of_a_short_month() -> None:
    assert add_months(START, 1) == date(2027, 2, 28)
    assert add_months(START, 13) == date(2028, 2, 29)
    assert vervaldag(date(2027, 3, 15), 18) == date(2028, 9, 15)


def test_schedule_pays_the_total_and_stops_when_it_is_reached() -> None:
    assert schema_voor(50_000, 20_000, 4) == [20_000, 20_000, 10_000, 0]
    assert sum(schema_voor(18 * 7_777, 7_777, 18)) == 18 * 7_777


def test_proposal_never_divides_more_than_the_claims() -> None:
    deelnemers = voorstel_deelnemers([Claim("a", 1_000, False)], capaciteit(50_000), preferent_factor=2)
    assert [d.aandeel_cent for d in deelnemers] == [1_000]


@given(st.lists(st.integers(1, 2_000_000), min_size=1, max_size=12), st.integers(0, 40_000))
def test_a_payment_is_divided_exactly_and_never_beyond_what_is_left(claims: list[int], bedrag: int) -> None:
    deelnemers = [Deelnemer(f"s{i}", c * 2, False, c, ontvangen_cent=c // 3) for i, c in enumerate(claims)]
    parts = verdeel_betaling(deelnemers, bedrag)
    left = sum(d.aandeel_cent - d.ontvangen_cent for d in deelnemers)
    assert sum(p.aandeel_cent for p in parts) == min(bedrag, left)
    for d, p in zip(deelnemers, parts, strict=True):
        assert 0 <= p.aandeel_cent <= d.aandeel_cent - d.ontvangen_cent


def test_lower_income_changes_only_the_months_to_come_and_the_parts_follow() -> None:
    state = regeling()
    state.betalingen = [Betaling(f"b{m}", vervaldag(START, m), 10_000) for m in range(1, 5)]
    schema, deelnemers = herverdeel(state, capaciteit(4_000), vanaf_maand=5, preferent_factor=2)
    assert schema[:4] == [10_000] * 4
    assert schema[4:] == [4_000] * 14
    assert sum(d.aandeel_cent for d in deelnemers) == sum(schema)
    preferent = next(d for d in deelnemers if d.preferent)
    bank = next(d for d in deelnemers if d.schuldeiser_id == "bank")
    # The preferent creditor keeps twice the percentage of a concurrent one, within a cent.
    assert abs(preferent.aandeel_cent / 100_000 - 2 * bank.aandeel_cent / 300_000) < 0.0001


def test_recalculating_a_saneringskrediet_changes_the_clients_schedule_not_the_creditors() -> None:
    state = regeling(RegelingSoort.SANERINGSKREDIET)
    schema, deelnemers = herverdeel(state, capaciteit(20_000), vanaf_maand=3, preferent_factor=2)
    assert deelnemers == state.deelnemers
    assert sum(schema) == sum(d.aandeel_cent for d in state.deelnemers)


def test_arrears_count_only_months_that_are_due() -> None:
    state = regeling()
    assert state.achterstand_op(vervaldag(START, 1) - date.resolution) == 0
    assert state.achterstand_op(vervaldag(START, 2)) == 20_000
    state.betalingen.append(Betaling("b1", vervaldag(START, 1), 10_000))
    assert state.achterstand_op(vervaldag(START, 2)) == 10_000


def test_payment_problems_name_the_field() -> None:
    state = regeling()
    problems = betaling_problems(state, Betaling("x", date(2026, 12, 1), 0), today=date(2027, 3, 1))
    assert ("bedrag_cent", "moet meer dan nul zijn") in problems
    assert ("datum", "ligt voor de start van de regeling") in problems
    too_much = betaling_problems(state, Betaling("y", date(2027, 2, 1), state.totaal_cent + 1), date(2027, 3, 1))
    assert [name for name, _ in too_much] == ["bedrag_cent"]


def test_the_calendar_derives_due_months_arrears_and_the_next_due_day_once() -> None:
    start = date(2026, 1, 31)
    schema = [100, 100, 100]
    assert vervallen_maanden(start, 3, date(2026, 2, 27)) == 0
    assert vervallen_maanden(start, 3, date(2026, 2, 28)) == 1
    assert achterstand(schema, start, 50, date(2026, 3, 31)) == 150
    assert achterstand(schema, start, 500, date(2026, 3, 31)) == 0
    assert achterstand(schema, None, 0, date(2026, 3, 31)) == 0
    assert volgende_vervaldag(start, 3, date(2026, 3, 31)) == date(2026, 4, 30)
    assert volgende_vervaldag(start, 3, date(2026, 4, 30)) is None
