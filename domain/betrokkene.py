"""The people around a client who are not the caseworker (seed 000: the tandem with the Sociaal Wijkteam; seed
004: the bewindvoerdersdesk; schuldhulpmaatjes): each linked to a traject by the caseworker, each seeing only
what their part needs. A ketenpartner (social team, BSR, maatschappelijk werk, MEE) sees the process and the
actielijst, the debts only when the caseworker shares them, and adds notes and tasks; a bewindvoerder manages
the money and sees the debts; a maatje sees only the actielijst and the appointments, with the client's
consent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class Betrokkenheid(StrEnum):
    """The part someone plays around the traject; also the role their token carries."""

    KETENPARTNER = "ketenpartner"
    BEWINDVOERDER = "bewindvoerder"
    MAATJE = "maatje"


@dataclass(frozen=True)
class Koppeling:
    """The caseworker links someone from the register to the traject."""

    medewerker_id: str
    rol: Betrokkenheid
    vanaf: date
    schulden_delen: bool = False
    toestemming_op: date | None = None
    door: str = ""


@dataclass(frozen=True)
class Ontkoppeling:
    """A link ends: the person no longer sees the traject from the day after `tot`."""

    medewerker_id: str
    tot: date
    door: str = ""


@dataclass
class Betrokkene:
    """Someone linked to the traject, as the traject keeps it."""

    medewerker_id: str
    rol: Betrokkenheid
    vanaf: date
    schulden_delen: bool = False
    toestemming_op: date | None = None
    tot: date | None = None

    def ziet_op(self, day: date) -> bool:
        """Whether the link holds on `day`."""
        return self.vanaf <= day and (self.tot is None or day <= self.tot)

    @property
    def ziet_schulden(self) -> bool:
        """A bewindvoerder manages the money; a ketenpartner sees the debts only when the caseworker shares
        them; a maatje never."""
        return self.rol is Betrokkenheid.BEWINDVOERDER or (
            self.rol is Betrokkenheid.KETENPARTNER and self.schulden_delen
        )


@dataclass(frozen=True)
class NotitieIn:
    """A note by a partner for the caseworker; a task asks the caseworker to act on it."""

    tekst: str
    taak: bool = False
    door: str = ""


@dataclass
class Notitie:
    """A note as the traject keeps it."""

    notitie_id: str
    op: datetime
    door: str
    tekst: str
    taak: bool = False
    afgehandeld: bool = False


@dataclass(frozen=True)
class TaakAf:
    """The caseworker marks a partner's task done."""

    notitie_id: str
    door: str = ""


def koppeling_problems(koppeling: Koppeling, betrokkenen: list[Betrokkene], today: date) -> list[tuple[str, str]]:
    """Why this link cannot be made: a maatje without the client's consent (or consent ahead), a start ahead,
    or the person linked already."""
    problems = []
    if koppeling.vanaf > today:
        problems.append(("vanaf", "ligt in de toekomst"))
    if koppeling.rol is Betrokkenheid.MAATJE and koppeling.toestemming_op is None:
        problems.append(("toestemming_op", "een maatje kan alleen met toestemming van de cliënt; wanneer gaf die dat"))
    if koppeling.toestemming_op is not None and koppeling.toestemming_op > today:
        problems.append(("toestemming_op", "ligt in de toekomst"))
    if koppeling.schulden_delen and koppeling.rol is Betrokkenheid.MAATJE:
        problems.append(("schulden_delen", "een maatje ziet alleen de actielijst en de afspraken"))
    if any(b.medewerker_id == koppeling.medewerker_id and b.tot is None for b in betrokkenen):
        problems.append(("medewerker_id", "is al aan dit traject gekoppeld"))
    return problems


def ontkoppeling_problems(betrokkene: Betrokkene, ontkoppeling: Ontkoppeling) -> list[tuple[str, str]]:
    """A link ends once, not before it began."""
    problems = []
    if betrokkene.tot is not None:
        problems.append(("medewerker_id", "deze koppeling is al beëindigd"))
    if ontkoppeling.tot < betrokkene.vanaf:
        problems.append(("tot", "ligt voor het begin van de koppeling"))
    return problems
