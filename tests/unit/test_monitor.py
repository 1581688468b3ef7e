"""The monitor's figures for the fourth quarter of 2026, against figures worked out by hand from a fixture of
trajecten with known dates; the crisis clocks run across Christmas."""

from __future__ import annotations

from datetime import date

import pytest

from domain.beeindiging import Einde
from domain.bezwaar import Bezwaar, BezwaarBeslissing
from domain.monitor import (
    Aandeel,
    Doorlooptijd,
    Mijlpaal,
    Norm,
    Periode,
    Trajectfeiten,
    klok_gehaald,
    monitor,
    p90,
)
from domain.policy import Policy
from domain.traject import Besluit, Clock, Deadline
from domain.wgs_deadlines import beschikking_deadline, first_conversation_deadline

Q4 = Periode(date(2026, 10, 1), date(2026, 12, 31))
TODAY = date(2027, 1, 15)
POLICY = Policy()


def gesprek(melding: date, op: date | None, crisis: bool = False, overschreden: bool = False) -> Deadline:
    return Deadline(Clock.EERSTE_GESPREK, first_conversation_deadline(melding, crisis, POLICY), op, overschreden)


def beschikking(gesprek_op: date, op: date | None) -> Deadline:
    return Deadline(Clock.BESCHIKKING, beschikking_deadline(gesprek_op, POLICY), op)


def test_the_clocks_of_the_fixture_end_where_the_calendar_puts_them() -> None:
    # Three working days from Wednesday 23 December: Thursday 24th, then Christmas and the weekend, Monday
    # 28th, Tuesday 29th. Without the holidays it would have been Monday 28th.
    assert first_conversation_deadline(date(2026, 12, 23), True, POLICY) == date(2026, 12, 29)
    assert first_conversation_deadline(date(2026, 12, 21), True, POLICY) == date(2026, 12, 24)
    assert first_conversation_deadline(date(2026, 10, 5), False, POLICY) == date(2026, 11, 2)
    assert first_conversation_deadline(date(2026, 9, 28), False, POLICY) == date(2026, 10, 26)
    assert first_conversation_deadline(date(2026, 11, 30), False, POLICY) == date(2026, 12, 28)
    assert first_conversation_deadline(date(2026, 10, 12), False, POLICY) == date(2026, 11, 9)
    assert beschikking_deadline(date(2026, 10, 20), POLICY) == date(2026, 12, 15)
    assert beschikking_deadline(date(2026, 11, 16), POLICY) == date(2027, 1, 11)


FIXTURE = [
    # A: the whole way within every term; its settlement starts 25 days after its plan.
    Trajectfeiten(
        "a",
        "zelf",
        False,
        date(2026, 10, 5),
        open=True,
        klokken=(gesprek(date(2026, 10, 5), date(2026, 10, 20)), beschikking(date(2026, 10, 20), date(2026, 11, 10))),
        besluit=Besluit.TOELATING,
        besluit_op=date(2026, 11, 10),
        plan_op=date(2026, 11, 20),
        voorstel_op=date(2026, 12, 1),
        regeling_op=date(2026, 12, 15),
    ),
    # B1: a crisis seen on the last of its three working days, thanks to Christmas.
    Trajectfeiten(
        "b1",
        "vroegsignalering",
        True,
        date(2026, 12, 23),
        open=True,
        klokken=(gesprek(date(2026, 12, 23), date(2026, 12, 29), crisis=True),),
    ),
    # B2: a crisis seen one working day late.
    Trajectfeiten(
        "b2",
        "vroegsignalering",
        True,
        date(2026, 12, 21),
        open=True,
        klokken=(gesprek(date(2026, 12, 21), date(2026, 12, 28), crisis=True, overschreden=True),),
    ),
    # C: registered in September, its clock breached in October and still not met.
    Trajectfeiten(
        "c",
        "zelf",
        False,
        date(2026, 9, 28),
        open=True,
        klokken=(gesprek(date(2026, 9, 28), None, overschreden=True),),
    ),
    # D: closed without contact before its clock ran out: the clock lapsed, it was not breached.
    Trajectfeiten(
        "d",
        "partner",
        False,
        date(2026, 11, 30),
        open=False,
        klokken=(gesprek(date(2026, 11, 30), None),),
        gesloten_op=date(2026, 12, 10),
        uitval_reden="geen_contact",
        uitval_fase="aanmelding",
    ),
    # E: back within a year of completing; refused in November, though its clock ran to January.
    Trajectfeiten(
        "e",
        "zelf",
        False,
        date(2026, 11, 2),
        open=False,
        klokken=(gesprek(date(2026, 11, 2), date(2026, 11, 16)), beschikking(date(2026, 11, 16), date(2026, 11, 20))),
        besluit=Besluit.AFWIJZING,
        besluit_op=date(2026, 11, 20),
        gesloten_op=date(2026, 11, 20),
        vorige_afgerond_op=date(2026, 1, 15),
        heraanmelding=True,
    ),
    # F: back more than a year after completing; its conversation a day late.
    Trajectfeiten(
        "f",
        "zelf",
        False,
        date(2026, 10, 12),
        open=True,
        klokken=(gesprek(date(2026, 10, 12), date(2026, 11, 10), overschreden=True),),
        vorige_afgerond_op=date(2025, 6, 1),
        heraanmelding=True,
    ),
    # G: registered in 2025, its settlement completed on New Year's Eve.
    Trajectfeiten(
        "g",
        "zelf",
        False,
        date(2025, 1, 6),
        open=True,
        besluit=Besluit.TOELATING,
        besluit_op=date(2025, 2, 3),
        plan_op=date(2025, 2, 17),
        voorstel_op=date(2025, 6, 16),
        regeling_op=date(2025, 7, 1),
        afgerond_op=date(2026, 12, 31),
    ),
    # H: its settlement starts 122 days after its plan: two days over the norm.
    Trajectfeiten(
        "h",
        "bewindvoerder",
        False,
        date(2026, 5, 4),
        open=True,
        plan_op=date(2026, 6, 1),
        voorstel_op=date(2026, 9, 1),
        regeling_op=date(2026, 10, 1),
    ),
    # I: the settlement failed in November.
    Trajectfeiten(
        "i",
        "zelf",
        False,
        date(2025, 3, 3),
        open=False,
        gesloten_op=date(2026, 11, 30),
        uitval_reden="afspraken_niet_nagekomen",
        uitval_fase="schuldregeling",
    ),
]


def test_the_fourth_quarter_counts_as_worked_out_by_hand() -> None:
    figures = monitor(FIXTURE, Q4, TODAY)

    assert figures.aanmeldingen == 6  # a, b1, b2, d, e, f; c came in September
    assert figures.aanmeldingen_per_bron == {"partner": 1, "vroegsignalering": 2, "zelf": 3}
    assert figures.crisis == 2
    assert figures.normen == {
        Norm.EERSTE_GESPREK: Aandeel(gehaald=2, niet_gehaald=2),  # a, e in time; c breached, f late; d lapsed
        Norm.CRISIS: Aandeel(gehaald=1, niet_gehaald=1),
        Norm.BESCHIKKING: Aandeel(gehaald=2, niet_gehaald=0),  # e's counts when met, though it ran to January
    }
    assert (figures.toelatingen, figures.afwijzingen) == (1, 1)
    assert figures.doorlooptijden == [
        Doorlooptijd(Mijlpaal.AANMELDING, Mijlpaal.EERSTE_GESPREK, 5, 14, 29),  # 6, 7, 14, 15, 29 days
        Doorlooptijd(Mijlpaal.EERSTE_GESPREK, Mijlpaal.BESCHIKKING, 2, 12.5, 21),  # e 4, a 21
        Doorlooptijd(Mijlpaal.BESCHIKKING, Mijlpaal.PLAN_VAN_AANPAK, 1, 10, 10),
        Doorlooptijd(Mijlpaal.PLAN_VAN_AANPAK, Mijlpaal.VOORSTEL, 1, 11, 11),  # h's proposal was in September
        Doorlooptijd(Mijlpaal.VOORSTEL, Mijlpaal.REGELING, 2, 22, 30),  # a 14, h 30
        Doorlooptijd(Mijlpaal.REGELING, Mijlpaal.AFGEROND, 1, 548, 548),  # g: 1 July 2025 to 31 December 2026
        Doorlooptijd(Mijlpaal.AANMELDING, Mijlpaal.REGELING, 2, 110.5, 150),  # a 71, h 150
    ]
    assert figures.regelingen == Aandeel(gehaald=1, niet_gehaald=1)
    assert figures.regelingen.fractie == 0.5
    assert figures.afgerond == 1
    assert figures.uitval == {("afspraken_niet_nagekomen", "schuldregeling"): 1, ("geen_contact", "aanmelding"): 1}
    assert (figures.heraanmeldingen, figures.heraanmeldingen_binnen_jaar) == (2, 1)


def test_the_figures_do_not_depend_on_the_order_of_the_dossier() -> None:
    assert monitor(list(reversed(FIXTURE)), Q4, TODAY) == monitor(FIXTURE, Q4, TODAY)


def test_an_open_ended_period_counts_everything_up_to_its_end() -> None:
    everything = monitor(FIXTURE, Periode(None, None), TODAY)
    assert everything.aanmeldingen == len(FIXTURE)
    assert everything.regelingen == Aandeel(gehaald=1, niet_gehaald=2)  # g took 134 days


def test_a_period_without_trajecten_has_no_shares() -> None:
    figures = monitor(FIXTURE, Periode(date(2030, 1, 1), date(2030, 12, 31)), TODAY)
    assert figures.aanmeldingen == 0
    assert all(share.fractie is None for share in figures.normen.values())
    assert all(lead.mediaan_dagen is None and lead.p90_dagen is None for lead in figures.doorlooptijden)


@pytest.mark.parametrize(
    ("klok", "open_", "gehaald"),
    [
        (Deadline(Clock.EERSTE_GESPREK, date(2027, 1, 20)), True, None),  # still running
        (Deadline(Clock.EERSTE_GESPREK, date(2027, 1, 14)), True, False),  # passed, workflow not yet told
        (Deadline(Clock.EERSTE_GESPREK, date(2027, 1, 14)), False, None),  # closed before: lapsed
        (Deadline(Clock.EERSTE_GESPREK, date(2027, 1, 14), overschreden=True), False, False),
        (Deadline(Clock.EERSTE_GESPREK, date(2027, 1, 14), date(2027, 1, 14)), True, True),
        (Deadline(Clock.EERSTE_GESPREK, date(2027, 1, 14), date(2027, 1, 15)), True, False),
    ],
)
def test_a_clock_counts_once_it_is_decided(klok: Deadline, open_: bool, gehaald: bool | None) -> None:
    assert klok_gehaald(klok, open_, TODAY) is gehaald


def test_the_90th_percentile_is_a_day_some_traject_took() -> None:
    assert p90([1]) == 1
    assert p90(list(range(1, 11))) == 9
    assert p90(list(range(1, 12))) == 10
    assert p90([30, 1, 2]) == 30


def test_a_return_the_same_day_a_year_later_still_counts_as_within_the_year() -> None:
    back = FIXTURE[5]._replace(meldingsdatum=date(2027, 1, 15), vorige_afgerond_op=date(2026, 1, 15))
    assert monitor([back], Periode(None, None), TODAY).heraanmeldingen_binnen_jaar == 1


def test_a_clock_met_late_stays_counted_in_the_period_it_ran_out() -> None:
    late = Deadline(Clock.EERSTE_GESPREK, date(2026, 12, 31), date(2027, 1, 5), overschreden=True)
    facts = [Trajectfeiten("x", "zelf", False, date(2026, 12, 3), open=True, klokken=(late,))]
    q1 = Periode(date(2027, 1, 1), date(2027, 3, 31))
    assert monitor(facts, Q4, TODAY).normen[Norm.EERSTE_GESPREK] == Aandeel(gehaald=0, niet_gehaald=1)
    assert monitor(facts, q1, TODAY).normen[Norm.EERSTE_GESPREK] == Aandeel()


def test_objections_count_when_lodged_and_when_decided_in_time_or_late() -> None:
    on_time = Bezwaar("z1", date(2026, 10, 2), date(2026, 11, 30), BezwaarBeslissing.GEGROND, date(2026, 11, 30))
    late = Bezwaar("z2", date(2026, 9, 1), date(2026, 10, 30), BezwaarBeslissing.ONGEGROND, date(2026, 11, 2))
    waiting = Bezwaar("z3", date(2026, 12, 1), date(2027, 2, 1))
    facts = [Trajectfeiten("x", "zelf", False, date(2026, 8, 3), open=False, bezwaren=(on_time, late, waiting))]
    figures = monitor(facts, Q4, TODAY)
    assert figures.bezwaren_ingediend == 2  # z2 came in September
    assert figures.bezwaren_beslist == {"gegrond": 1, "ongegrond": 1}
    assert figures.bezwaren_op_tijd == Aandeel(gehaald=1, niet_gehaald=1)


def test_each_ending_counts_on_its_own_day_a_settlement_on_its_afronding() -> None:
    base = Trajectfeiten("t", "zelf", False, date(2026, 1, 5), open=False)
    feiten = [
        base._replace(traject_id="settled", afgerond_op=date(2026, 12, 1), einde=Einde.DWANGAKKOORD),
        # Nazorg closed it in 2027, but it ended when the settlement was completed.
        base._replace(
            traject_id="nazorg",
            afgerond_op=date(2026, 11, 2),
            gesloten_op=date(2027, 3, 1),
            einde=Einde.MINNELIJKE_REGELING,
        ),
        base._replace(traject_id="moved", gesloten_op=date(2026, 10, 1), einde=Einde.VERHUISD),
        base._replace(traject_id="stable", gesloten_op=date(2026, 12, 31), einde=Einde.STABIEL),
        base._replace(traject_id="before", gesloten_op=date(2026, 9, 30), einde=Einde.STABIEL),
        base._replace(traject_id="running", open=True),
    ]
    assert monitor(feiten, Q4, TODAY).einden == {
        Einde.MINNELIJKE_REGELING: 1,
        Einde.DWANGAKKOORD: 1,
        Einde.STABIEL: 1,
        Einde.VERHUISD: 1,
    }
