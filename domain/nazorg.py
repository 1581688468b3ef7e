"""Nazorg after a settled traject, and contact after a missed appointment: the engine plans the contact
moments, people record what came of them. Nothing here ends a traject by itself."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class NazorgUitkomst(StrEnum):
    """What a nazorg contact found."""

    ALLES_GOED = "alles_goed"
    NIEUWE_ACHTERSTANDEN = "nieuwe_achterstanden"
    GEEN_CONTACT_GEWENST = "geen_contact_gewenst"
    NIET_BEREIKT = "niet_bereikt"


@dataclass
class Nazorgcontact:
    """One planned contact moment, months after afronding, and what came of it."""

    maand: int
    gepland_op: date
    uitkomst: NazorgUitkomst | None = None
    toelichting: str = ""
    vastgelegd_op: date | None = None


@dataclass(frozen=True)
class NazorgVerslag:
    """The caseworker's record of a nazorg contact; without `maand`, the latest contact that is due."""

    uitkomst: NazorgUitkomst
    toelichting: str = ""
    maand: int | None = None
    door: str = ""


@dataclass(frozen=True)
class NazorgStop:
    """The client does not want nazorg (any more)."""

    toelichting: str = ""
    door: str = ""


@dataclass(frozen=True)
class GemisteAfspraak:
    """An appointment the client did not come to: a contact attempt follows, never an end."""

    datum: date
    toelichting: str = ""
    door: str = ""


def contact_voor(contacten: list[Nazorgcontact], verslag: NazorgVerslag, today: date) -> Nazorgcontact | None:
    """The contact a record is about: the month it names; else the latest open contact that is due, or,
    when none is due, the next one (the caseworker spoke to the client before the engine reached out)."""
    if verslag.maand is not None:
        return next((c for c in contacten if c.maand == verslag.maand), None)
    open_contacts = [c for c in contacten if c.uitkomst is None]
    due = [c for c in open_contacts if c.gepland_op <= today]
    return due[-1] if due else next(iter(open_contacts), None)


def verslag_problems(contacten: list[Nazorgcontact], verslag: NazorgVerslag, today: date) -> list[tuple[str, str]]:
    """Why a nazorg record cannot be taken: its contact must exist and not be recorded yet."""
    contact = contact_voor(contacten, verslag, today)
    if contact is None and verslag.maand is None:
        return [("maand", "alle nazorgcontacten zijn al vastgelegd")]
    if contact is None:
        return [("maand", f"kies uit: {', '.join(str(c.maand) for c in contacten)}")]
    if contact.uitkomst is not None:
        return [("maand", "dit contact is al vastgelegd")]
    return []
