"""A warme overdracht: a traject moves to another caseworker with its whole story, a reason and a note."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class OverdrachtReden(StrEnum):
    """Why a traject moves to another caseworker."""

    UIT_DIENST = "uit_dienst"
    AFWEZIG = "afwezig"
    WERKVERDELING = "werkverdeling"
    SPECIALISME = "specialisme"
    OP_VERZOEK_CLIENT = "op_verzoek_client"
    OVERIG = "overig"


OVERDRACHT_LABELS: dict[OverdrachtReden, str] = {
    OverdrachtReden.UIT_DIENST: "de hulpverlener gaat uit dienst",
    OverdrachtReden.AFWEZIG: "de hulpverlener is langere tijd afwezig",
    OverdrachtReden.WERKVERDELING: "verdeling van het werk",
    OverdrachtReden.SPECIALISME: "een collega met de kennis die dit traject vraagt",
    OverdrachtReden.OP_VERZOEK_CLIENT: "op verzoek van de klant",
    OverdrachtReden.OVERIG: "overig",
}


@dataclass(frozen=True)
class Overdracht:
    """Hand the traject to `naar`; the note tells the new caseworker what they need to know first."""

    naar: str
    reden: OverdrachtReden
    notitie: str
    door: str = ""


def overdracht_problems(caseworker: str, overdracht: Overdracht) -> list[tuple[str, str]]:
    """Field problems with a hand-over: (field, reason) pairs; empty when it can be recorded."""
    problems = []
    if overdracht.naar == caseworker:
        problems.append(("naar", "is al de hulpverlener van dit traject"))
    if overdracht.reden is OverdrachtReden.OVERIG and not overdracht.notitie.strip():
        problems.append(("notitie", "zeg bij 'overig' wat de reden is"))
    return problems


def verdeel(trajecten: list[str], open_per_hulpverlener: dict[str, int]) -> dict[str, str]:
    """Hand each traject to the caseworker with the fewest open trajecten at that moment (the alphabet
    decides a tie), counting each one handed out: a team takes over a leaver's work evenly."""
    if not open_per_hulpverlener:
        return {}
    load = dict(open_per_hulpverlener)
    toegewezen = {}
    for traject_id in trajecten:
        naar = min(load, key=lambda hulpverlener: (load[hulpverlener], hulpverlener))
        toegewezen[traject_id] = naar
        load[naar] += 1
    return toegewezen
