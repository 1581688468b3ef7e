"""Each traject's ending named from what it recorded, and the endings a caseworker may record when."""

from datetime import date

import pytest

from domain.beeindiging import Afloop, Afsluiting, Afsluitreden, Einde, afsluiting_problems, einde
from domain.doorverwijzing import DoorverwijzingSoort

TODAY = date(2026, 12, 3)
MELDING = date(2026, 10, 1)


@pytest.mark.parametrize(
    ("afloop", "expected"),
    [
        (Afloop(), None),
        (Afloop(afgewezen=True), Einde.AFGEWEZEN),
        (Afloop(uitval=True), Einde.UITVAL),
        (Afloop(afsluitreden="verhuisd"), Einde.VERHUISD),
        (Afloop(afgerond=True, regeling_soort="minnelijk"), Einde.MINNELIJKE_REGELING),
        (Afloop(afgerond=True, regeling_soort="saneringskrediet"), Einde.SANERINGSKREDIET),
        (Afloop(afgerond=True, regeling_soort="minnelijk", dwangakkoord=True), Einde.DWANGAKKOORD),
        # A dwangakkoord refused and then the Wsnp granted: the Wsnp is how it ended.
        (Afloop(afgerond=True, regeling_soort="minnelijk", dwangakkoord=True, wsnp=True), Einde.WSNP),
        # An afwijzing made good on objection and a later uitval: the uitval is the ending.
        (Afloop(afgewezen=True, uitval=True), Einde.UITVAL),
    ],
)
def test_the_ending_follows_from_what_the_traject_recorded(afloop: Afloop, expected: Einde | None) -> None:
    assert einde(afloop) is expected


def test_a_death_is_no_beschikking_every_other_ending_is() -> None:
    assert not Afsluiting(Afsluitreden.OVERLEDEN, TODAY).beschikking
    assert all(Afsluiting(reden, TODAY).beschikking for reden in Afsluitreden if reden is not Afsluitreden.OVERLEDEN)


def test_a_referral_names_where_to_and_what_kind_and_a_move_the_new_gemeente() -> None:
    referral = Afsluiting(Afsluitreden.DOORVERWEZEN, TODAY)
    assert afsluiting_problems(referral, TODAY, MELDING, False) == [
        ("naar", "zeg naar wie"),
        ("verwijzing", "zeg naar wat voor hulp"),
    ]
    named = Afsluiting(Afsluitreden.DOORVERWEZEN, TODAY, naar="GGZ", verwijzing=DoorverwijzingSoort.GGZ)
    assert afsluiting_problems(named, TODAY, MELDING, False) == []
    move = Afsluiting(Afsluitreden.VERHUISD, TODAY, naar="  ")
    assert afsluiting_problems(move, TODAY, MELDING, False) == [("naar", "zeg naar welke gemeente")]


def test_the_decision_day_lies_between_the_aanmelding_and_today() -> None:
    assert afsluiting_problems(Afsluiting(Afsluitreden.STABIEL, date(2026, 12, 4)), TODAY, MELDING, False) == [
        ("besluit_op", "ligt in de toekomst")
    ]
    assert afsluiting_problems(Afsluiting(Afsluitreden.STABIEL, date(2026, 9, 30)), TODAY, MELDING, False) == [
        ("besluit_op", "ligt voor de aanmelding")
    ]


@pytest.mark.parametrize("reden", list(Afsluitreden))
def test_while_a_settlement_runs_only_a_move_or_a_death_ends_the_traject(reden: Afsluitreden) -> None:
    afsluiting = Afsluiting(reden, TODAY, naar="Zwijndrecht", verwijzing=DoorverwijzingSoort.GGZ)
    problems = afsluiting_problems(afsluiting, TODAY, MELDING, True)
    needs_none = reden in (Afsluitreden.VERHUISD, Afsluitreden.OVERLEDEN)
    assert (problems == []) is needs_none
