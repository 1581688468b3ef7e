"""The klantprofiel: who runs the traject, from ernst, zelfredzaamheid and crisis."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Ernst(StrEnum):
    """How serious the debt situation is, as the caseworker assesses it."""

    LICHT = "licht"
    MATIG = "matig"
    ERNSTIG = "ernstig"


class Zelfredzaamheid(StrEnum):
    """How well the person can act on their own, as the caseworker assesses it."""

    ZELFREDZAAM = "zelfredzaam"
    BEPERKT = "beperkt_zelfredzaam"
    NIET = "niet_zelfredzaam"


class Route(StrEnum):
    """Who runs the traject."""

    SCHULDHULP = "schuldhulp"
    TANDEM = "tandem"
    CRISIS = "crisis"


@dataclass(frozen=True)
class Klantprofiel:
    """The assessments and the route they lead to."""

    ernst: Ernst
    zelfredzaamheid: Zelfredzaamheid
    crisis: bool
    route: Route


def determine_route(ernst: Ernst, zelfredzaamheid: Zelfredzaamheid, crisis: bool) -> Route:
    """Crisis goes to the debt service at once; otherwise self-reliance decides, with serious
    debts tipping a partly self-reliant person into a tandem with the social team."""
    if crisis:
        return Route.CRISIS
    if zelfredzaamheid is Zelfredzaamheid.NIET:
        return Route.TANDEM
    if zelfredzaamheid is Zelfredzaamheid.BEPERKT and ernst is Ernst.ERNSTIG:
        return Route.TANDEM
    return Route.SCHULDHULP


def klantprofiel(ernst: Ernst, zelfredzaamheid: Zelfredzaamheid, crisis: bool) -> Klantprofiel:
    """Build the klantprofiel from the caseworker's two assessments and the crisis flag."""
    return Klantprofiel(ernst, zelfredzaamheid, crisis, determine_route(ernst, zelfredzaamheid, crisis))
