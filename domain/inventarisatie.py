"""What a traject records while it asks its creditors for their claims and meets their collection measures:
the request to each creditor as the traject knows it, and each measure with what came of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from domain.vordering import Ingediend, VerzoekStatus, Vordering


@dataclass(frozen=True)
class SchuldeisersToevoegen:
    """Creditors from the client's papers, each to be sent a request."""

    schuldeiser_ids: list[str]
    door: str = ""


@dataclass(frozen=True)
class Klantcijfers:
    """The client's own figures for a creditor that will not cooperate, entered on its closed request so the
    proposal can go ahead (NVVK: a creditor's refusal does not stop the others' settlement)."""

    verzoek_id: str
    ingediend: Ingediend


@dataclass
class Verzoekstand:
    """Where the traject's request to one creditor stands, as the traject knows it."""

    verzoek_id: str
    schuldeiser_id: str
    status: VerzoekStatus = VerzoekStatus.OPEN
    geescaleerd: bool = False
    vordering: Vordering | None = None


class MaatregelSoort(StrEnum):
    """Collection measures that cross a traject during stabilisation."""

    DWANGBEVEL = "dwangbevel"
    BESLAG = "beslag"
    VERREKENING_TOESLAGEN = "verrekening_toeslagen"
    GIJZELING = "dreigende_gijzeling"


@dataclass(frozen=True)
class Incassomaatregel:
    """A creditor's collection measure the caseworker registers; the creditor is asked to suspend it."""

    maatregel_id: str
    soort: MaatregelSoort
    schuldeiser_id: str
    datum: date
    toelichting: str = ""
    door: str = ""


@dataclass(frozen=True)
class IncassoVoortzetting:
    """The caseworker records that a creditor went on with a measure it was asked to suspend."""

    maatregel_id: str
    door: str = ""


@dataclass
class Maatregelstand:
    """A registered measure and what came of the request to suspend it."""

    maatregel: Incassomaatregel
    gaat_door: bool = False
