"""Claims add up in cents; reminders fall on working days; stale statements; reply figures per creditor."""

from datetime import date

from domain.policy import Policy
from domain.vordering import (
    Specificatieregel,
    Vordering,
    claim_problems,
    escalation_date,
    reminder_dates,
    reply_figures,
    reply_working_days,
)

TODAY = date(2026, 11, 23)
POLICY = Policy()


def claim(**changes: object) -> Vordering:
    values: dict = {
        "hoofdsom_cent": 100_000,
        "rente_cent": 2_550,
        "kosten_cent": 4_000,
        "totaal_cent": 106_550,
        "preferent": False,
        "kenmerk": "HUUR-2026-17",
        "peildatum": date(2026, 11, 20),
        "regels": [Specificatieregel("Huur oktober", 53_275), Specificatieregel("Huur november", 53_275)],
    }
    return Vordering(**(values | changes))


def test_a_claim_that_adds_up_is_accepted() -> None:
    assert claim_problems(claim(), TODAY) == []
    assert claim_problems(claim(regels=[]), TODAY) == []


def test_negative_amounts_and_wrong_totals_are_named() -> None:
    problems = dict(claim_problems(claim(rente_cent=-1, totaal_cent=106_549), TODAY))
    assert problems["rente_cent"] == "mag niet negatief zijn"
    # In euros as people write them: the werkplek and the portal show it at the field.
    assert problems["totaal_cent"] == "is niet hoofdsom + rente + kosten samen (€ 1.039,99)"


def test_specification_lines_must_add_up_to_the_total() -> None:
    lines = [Specificatieregel("Huur", 100_000), Specificatieregel("Kosten", -5)]
    problems = dict(claim_problems(claim(regels=lines), TODAY))
    assert problems["regels"] == "de regels tellen niet op tot het totaal"
    assert problems["regels.1.bedrag_cent"] == "mag niet negatief zijn"


def test_a_statement_from_the_future_is_refused() -> None:
    assert ("peildatum", "ligt in de toekomst") in claim_problems(claim(peildatum=date(2026, 12, 1)), TODAY)


def test_reminders_and_escalation_count_working_days_across_christmas() -> None:
    # Sent Monday 14 Dec 2026: 25, 26 Dec and 1 Jan are holidays.
    assert reminder_dates(date(2026, 12, 14), POLICY) == [date(2026, 12, 29), date(2027, 1, 13)]
    assert escalation_date(date(2026, 12, 14), POLICY) == date(2027, 1, 27)


def test_the_municipality_sets_its_own_reminder_days() -> None:
    own = Policy(reminder_working_days=(5,), escalation_working_days=15)
    assert reminder_dates(date(2026, 11, 23), own) == [date(2026, 11, 30)]
    assert escalation_date(date(2026, 11, 23), own) == date(2026, 12, 14)


def test_reply_figures_per_creditor() -> None:
    sent = date(2026, 11, 2)
    figures = reply_figures([(sent, date(2026, 11, 6)), (sent, date(2026, 11, 30)), (sent, None)], POLICY)
    assert figures.beantwoord == 2
    assert figures.open == 1
    assert figures.mediaan_dagen == 16
    assert figures.aandeel_voor_eerste_herinnering == 0.5


def test_reply_figures_of_a_creditor_that_never_answered() -> None:
    figures = reply_figures([(date(2026, 11, 2), None)], POLICY)
    assert (figures.beantwoord, figures.open, figures.mediaan_dagen) == (0, 1, None)


def test_a_creditor_has_until_the_first_reminder_to_answer() -> None:
    assert reply_working_days(POLICY) == 10
    assert reply_working_days(Policy(reminder_working_days=(), escalation_working_days=15)) == 15
