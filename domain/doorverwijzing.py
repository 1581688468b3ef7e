"""Doorverwijzing: the traject refers the client to a specialised service (seed 000, seed 004): the regional
Ondernemersloket or the Bbz for (former) entrepreneurs, social work, addiction care, mental health care.
The referral is recorded with to whom, and after some weeks the caseworker checks whether the client
arrived there (a warm referral, not a leaflet)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class DoorverwijzingSoort(StrEnum):
    """Where a client can be referred: a fixed list, so the figures can count it."""

    ONDERNEMERSLOKET = "ondernemersloket"
    BBZ = "bbz"
    MAATSCHAPPELIJK_WERK = "maatschappelijk_werk"
    SOCIAAL_WIJKTEAM = "sociaal_wijkteam"
    VERSLAVINGSZORG = "verslavingszorg"
    GGZ = "ggz"
    ANDERS = "anders"


@dataclass(frozen=True)
class DoorverwijzingIn:
    """A referral as the caseworker makes it."""

    soort: DoorverwijzingSoort
    naar: str
    toelichting: str = ""
    door: str = ""


@dataclass(frozen=True)
class Aankomst:
    """Whether the client arrived where they were referred, as the caseworker found out."""

    doorverwijzing_id: str
    aangekomen: bool
    toelichting: str = ""
    door: str = ""


@dataclass
class Doorverwijzing:
    """A referral as the traject keeps it: when, to whom, when to check, and what the check found."""

    doorverwijzing_id: str
    soort: DoorverwijzingSoort
    naar: str
    op: date
    nagaan_op: date
    aangekomen: bool | None = None


def aankomst_problems(doorverwijzing: Doorverwijzing) -> list[tuple[str, str]]:
    """A referral is checked once."""
    if doorverwijzing.aangekomen is not None:
        return [("doorverwijzing_id", "deze doorverwijzing is al nagegaan")]
    return []
