"""The phases of a traject and the steps that move it between them (Dordrecht process model)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Phase(StrEnum):
    """Where a traject is. The order of the members is the order of the procesplaat."""

    AANMELDING = "aanmelding"
    TOELATING = "toelating"
    PLAN_VAN_AANPAK = "plan_van_aanpak"
    STABILISATIE = "stabilisatie"
    INVENTARISATIE = "inventarisatie"
    SCHULDREGELING = "schuldregeling"
    NAZORG = "nazorg"
    AFGESLOTEN = "afgesloten"


class Step(StrEnum):
    """A caseworker's action that moves a traject on."""

    EERSTE_GESPREK = "eerste_gesprek"
    BESCHIKKING = "beschikking"
    PLAN_VAN_AANPAK = "plan_van_aanpak"
    SCHULDEISERS_TOEVOEGEN = "schuldeisers_toevoegen"
    INCASSOMAATREGEL = "incassomaatregel"
    AFLOSCAPACITEIT = "afloscapaciteit"
    VOORSTEL = "voorstel"
    NAZORG_VERSLAG = "nazorg_verslag"
    NAZORG_STOPPEN = "nazorg_stoppen"


PHASE_LABELS: dict[Phase, str] = {
    Phase.AANMELDING: "Aanmelding",
    Phase.TOELATING: "Gesprek en besluit",
    Phase.PLAN_VAN_AANPAK: "Plan van aanpak",
    Phase.STABILISATIE: "Rust in uw geldzaken",
    Phase.INVENTARISATIE: "Overzicht van uw schulden",
    Phase.SCHULDREGELING: "Regeling van uw schulden",
    Phase.NAZORG: "Nazorg",
    Phase.AFGESLOTEN: "Afgesloten",
}

# A collection measure can cross a traject in every open phase up to the end of the term: the deepest dip
# often comes before the plan van aanpak (seed 004), and a creditor may still collect during the settlement.
_ALLOWED: dict[Phase, tuple[Step, ...]] = {
    Phase.AANMELDING: (Step.EERSTE_GESPREK, Step.INCASSOMAATREGEL),
    Phase.TOELATING: (Step.BESCHIKKING, Step.INCASSOMAATREGEL),
    Phase.PLAN_VAN_AANPAK: (Step.PLAN_VAN_AANPAK, Step.INCASSOMAATREGEL),
    # Stabilisation and inventarisation overlap: creditors are asked while the situation settles.
    Phase.STABILISATIE: (Step.SCHULDEISERS_TOEVOEGEN, Step.INCASSOMAATREGEL, Step.AFLOSCAPACITEIT),
    Phase.INVENTARISATIE: (Step.SCHULDEISERS_TOEVOEGEN, Step.INCASSOMAATREGEL, Step.AFLOSCAPACITEIT, Step.VOORSTEL),
    Phase.SCHULDREGELING: (Step.INCASSOMAATREGEL,),
    Phase.NAZORG: (Step.NAZORG_VERSLAG, Step.NAZORG_STOPPEN),
}


# On whom a traject in each phase waits for its next step (a settlement says so itself, more precisely:
# domain/regeling_status.py). The values are the same words the settlement uses.
WAITING_ON: dict[Phase, str] = {
    Phase.AANMELDING: "hulpverlener",
    Phase.TOELATING: "hulpverlener",
    Phase.PLAN_VAN_AANPAK: "hulpverlener",
    Phase.STABILISATIE: "client",
    Phase.INVENTARISATIE: "schuldeisers",
    Phase.SCHULDREGELING: "client",
    Phase.NAZORG: "niemand",
    Phase.AFGESLOTEN: "niemand",
}


def phases_waiting_on(party: str) -> tuple[Phase, ...]:
    """The phases in which a traject waits on `party`."""
    return tuple(phase for phase, waits_on in WAITING_ON.items() if waits_on == party)


def allowed_steps(phase: Phase) -> tuple[Step, ...]:
    """The steps a caseworker may take in this phase."""
    return _ALLOWED.get(phase, ())


def phase_after(step: Step, current: Phase, toegelaten: bool = True) -> Phase:
    """The phase a traject enters once `step` is recorded in `current`; a refusal closes the traject,
    a collection measure, the repayment capacity or a nazorg record leaves the phase as it is."""
    if step in (Step.INCASSOMAATREGEL, Step.AFLOSCAPACITEIT, Step.NAZORG_VERSLAG, Step.NAZORG_STOPPEN):
        return current
    if step is Step.VOORSTEL:
        return Phase.SCHULDREGELING
    if step is Step.EERSTE_GESPREK:
        return Phase.TOELATING
    if step is Step.BESCHIKKING:
        return Phase.PLAN_VAN_AANPAK if toegelaten else Phase.AFGESLOTEN
    if step is Step.SCHULDEISERS_TOEVOEGEN:
        return Phase.INVENTARISATIE
    return Phase.STABILISATIE


class PhaseStatus(StrEnum):
    """A phase's place on the procesplaat relative to where the traject is."""

    AFGEROND = "afgerond"
    HUIDIG = "huidig"
    KOMEND = "komend"


@dataclass(frozen=True)
class ProcesplaatItem:
    """One phase on the procesplaat."""

    phase: Phase
    label: str
    status: PhaseStatus


def procesplaat(current: Phase, closed_after: Phase | None = None) -> list[ProcesplaatItem]:
    """All phases in order with where the traject stands.

    A closed traject shows the phases it went through, up to `closed_after`, then its close.
    """
    open_phases: list[Phase] = [phase for phase in Phase if phase is not Phase.AFGESLOTEN]
    if current is Phase.AFGESLOTEN:
        last = open_phases.index(closed_after) if closed_after else -1
        done = [ProcesplaatItem(p, PHASE_LABELS[p], PhaseStatus.AFGEROND) for p in open_phases[: last + 1]]
        return [*done, ProcesplaatItem(current, PHASE_LABELS[current], PhaseStatus.HUIDIG)]
    position = open_phases.index(current)
    return [
        ProcesplaatItem(
            phase,
            PHASE_LABELS[phase],
            PhaseStatus.AFGEROND if i < position else PhaseStatus.HUIDIG if i == position else PhaseStatus.KOMEND,
        )
        for i, phase in enumerate(open_phases)
    ]
