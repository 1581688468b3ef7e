"""What a person brings when they ask for help: source, household and crisis."""

from __future__ import annotations

from enum import StrEnum


class Bron(StrEnum):
    """Who brought the aanmelding in."""

    ZELF = "zelf"
    PARTNER = "partner"
    BEWINDVOERDER = "bewindvoerder"
    VROEGSIGNALERING = "vroegsignalering"
    NAZORG = "nazorg"


class CrisisSoort(StrEnum):
    """The crisis situations the Wgs (art. 4 lid 1 sub b) names for the 3-working-day clock."""

    GEDWONGEN_WONINGONTRUIMING = "gedwongen_woningontruiming"
    BEEINDIGING_GAS = "beeindiging_gas"
    BEEINDIGING_ELEKTRICITEIT = "beeindiging_elektriciteit"
    BEEINDIGING_WATER = "beeindiging_water"
    BEEINDIGING_STADSVERWARMING = "beeindiging_stadsverwarming"
    OPZEGGING_ZORGVERZEKERING = "opzegging_zorgverzekering"


def crisis_kinds(extra: tuple[str, ...]) -> tuple[str, ...]:
    """All crisis kinds in force: the legal ones plus those the municipality added in its policy."""
    legal = tuple(kind.value for kind in CrisisSoort)
    return legal + tuple(kind for kind in extra if kind not in legal)
