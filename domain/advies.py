"""Informatie en advies (phase 0 of the procesplaat, seed 000; seed 004 Den Bosch): a short contact that
answers a question or refers someone on, counted without starting a traject, its Wgs clocks or its letters.
One that turns out to need help becomes an aanmelding in one step."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

# A contact is recorded the same day or soon after; an older one belongs to a period already reported.
TERUG_DAGEN = 30


class Kanaal(StrEnum):
    """How the person reached the municipality."""

    TELEFOON = "telefoon"
    BALIE = "balie"
    EMAIL = "email"
    CHAT = "chat"
    SPREEKUUR = "spreekuur"


class Onderwerp(StrEnum):
    """What the question was about: a fixed list, so the monitor can count it."""

    GELDZAKEN = "geldzaken"
    SCHULDEN = "schulden"
    INKOMEN_EN_TOESLAGEN = "inkomen_en_toeslagen"
    BEWINDVOERING = "bewindvoering"
    ONDERNEMER = "ondernemer"
    ANDERS = "anders"


class Afloop(StrEnum):
    """What came of the contact."""

    BEANTWOORD = "beantwoord"
    DOORVERWEZEN = "doorverwezen"
    AANMELDING = "aanmelding"


@dataclass(frozen=True)
class Adviescontact:
    """One short contact, without the person's name or BSN: the question, what came of it, and to whom
    the person was referred, if anyone."""

    op: date
    kanaal: Kanaal
    onderwerp: Onderwerp
    afloop: Afloop
    doorverwezen_naar: str | None = None
    notitie: str = ""


def adviescontact_problems(contact: Adviescontact, today: date) -> list[tuple[str, str]]:
    """Why a contact cannot be recorded, as (field, reason) pairs. An aanmelding is made by turning the
    contact into one, not by recording it so."""
    problems = []
    if contact.op > today:
        problems.append(("op", "ligt in de toekomst"))
    elif contact.op < today - timedelta(days=TERUG_DAGEN):
        problems.append(("op", f"ligt meer dan {TERUG_DAGEN} dagen terug"))
    if contact.afloop is Afloop.DOORVERWEZEN and not contact.doorverwezen_naar:
        problems.append(("doorverwezen_naar", "noem naar wie de persoon is doorverwezen"))
    if contact.afloop is not Afloop.DOORVERWEZEN and contact.doorverwezen_naar:
        problems.append(("doorverwezen_naar", "alleen bij een doorverwijzing"))
    if contact.afloop is Afloop.AANMELDING:
        problems.append(("afloop", "meld de persoon aan vanuit het contact; dan start het traject"))
    return problems
