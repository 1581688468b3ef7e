"""What a short advice contact may be: recorded soon after it happened, a referral names to whom, and an
aanmelding is made from the contact, not recorded as its outcome."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain.advies import Adviescontact, Afloop, Kanaal, Onderwerp, adviescontact_problems

TODAY = date(2026, 12, 3)


def contact(**changes: object) -> Adviescontact:
    values: dict[str, object] = {
        "op": TODAY,
        "kanaal": Kanaal.TELEFOON,
        "onderwerp": Onderwerp.INKOMEN_EN_TOESLAGEN,
        "afloop": Afloop.BEANTWOORD,
    }
    return Adviescontact(**(values | changes))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "problems"),
    [
        ({}, []),
        ({"op": TODAY - timedelta(days=30)}, []),
        ({"op": TODAY - timedelta(days=31)}, [("op", "ligt meer dan 30 dagen terug")]),
        ({"op": TODAY + timedelta(days=1)}, [("op", "ligt in de toekomst")]),
        ({"afloop": Afloop.DOORVERWEZEN, "doorverwezen_naar": "Sociaal Wijkteam"}, []),
        ({"afloop": Afloop.DOORVERWEZEN}, [("doorverwezen_naar", "noem naar wie de persoon is doorverwezen")]),
        ({"doorverwezen_naar": "Sociaal Wijkteam"}, [("doorverwezen_naar", "alleen bij een doorverwijzing")]),
        (
            {"afloop": Afloop.AANMELDING},
            [("afloop", "meld de persoon aan vanuit het contact; dan start het traject")],
        ),
    ],
)
def test_a_contact_is_recorded_as_it_happened(changes: dict[str, object], problems: list[tuple[str, str]]) -> None:
    assert adviescontact_problems(contact(**changes), TODAY) == problems
