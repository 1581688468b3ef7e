"""The vrij te laten bedrag (VTLB) and the monthly repayment capacity (afloscapaciteit).

The VTLB follows the Recofa method in its main lines: 95% of the applicable bijstandsnorm (the beslagvrije
voet), plus housing costs above what the norm covers (rent less housing benefit), plus the health-insurance
premium above what the norm covers (less the care allowance), plus the child-related benefits (kinderbijslag,
kindgebonden budget: they stay with the family), plus any correction the caseworker records with its reason.
A VTLB computed elsewhere can be given instead. The capacity is income less VTLB, never below zero; the
VTLB is rounded up to the cent, in the client's favour.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_CEILING, Decimal
from enum import StrEnum

from domain.bounds import amount_problem
from domain.vtlb_normen import VtlbNormen


class Leefsituatie(StrEnum):
    """The household situation that decides the bijstandsnorm."""

    ALLEENSTAANDE = "alleenstaande"
    ALLEENSTAANDE_OUDER = "alleenstaande_ouder"
    GEHUWD = "gehuwd"


@dataclass(frozen=True)
class Correctie:
    """One line of the VTLB: what it is for and its amount per month in cents."""

    omschrijving: str
    bedrag_cent: int


@dataclass(frozen=True)
class Huishouden:
    """The household facts the caseworker records, per month in cents.

    `netto_inkomen_cent` is all net income, including child-related benefits; `kindgebonden_cent` says how
    much of it those benefits are.
    """

    leefsituatie: Leefsituatie
    netto_inkomen_cent: int
    huur_cent: int = 0
    huurtoeslag_cent: int = 0
    zorgpremie_cent: int = 0
    zorgtoeslag_cent: int = 0
    kindgebonden_cent: int = 0
    correcties: list[Correctie] = field(default_factory=list)


@dataclass(frozen=True)
class Afloscapaciteit:
    """The outcome: VTLB with its lines, the monthly capacity and what it comes to over the term."""

    vtlb_cent: int
    regels: list[Correctie]
    maandbedrag_cent: int
    looptijd_maanden: int
    totaal_cent: int
    normen_vanaf: date | None


def _norm(huishouden: Huishouden, normen: VtlbNormen) -> int:
    return {
        Leefsituatie.ALLEENSTAANDE: normen.alleenstaande_cent,
        Leefsituatie.ALLEENSTAANDE_OUDER: normen.alleenstaande_ouder_cent,
        Leefsituatie.GEHUWD: normen.gehuwd_cent,
    }[huishouden.leefsituatie]


def vtlb_regels(huishouden: Huishouden, normen: VtlbNormen) -> list[Correctie]:
    """The lines that make up the VTLB; lines of zero are left out."""
    basis = Decimal(_norm(huishouden, normen)) * normen.beslagvrij_procent / 100
    lines = [
        Correctie(
            f"{normen.beslagvrij_procent}% van de bijstandsnorm ({huishouden.leefsituatie.value.replace('_', ' ')})",
            int(basis.to_integral_value(ROUND_CEILING)),
        ),
        Correctie(
            "Woonkosten boven de norm",
            max(0, huishouden.huur_cent - huishouden.huurtoeslag_cent - normen.woonkosten_in_norm_cent),
        ),
        Correctie(
            "Zorgpremie boven de norm",
            max(0, huishouden.zorgpremie_cent - huishouden.zorgtoeslag_cent - normen.zorgpremie_in_norm_cent),
        ),
        Correctie("Kinderbijslag en kindgebonden budget", huishouden.kindgebonden_cent),
        *huishouden.correcties,
    ]
    return [line for line in lines if line.bedrag_cent]


def afloscapaciteit(
    huishouden: Huishouden,
    normen: VtlbNormen | None,
    looptijd_maanden: int,
    vtlb_cent: int | None = None,
) -> Afloscapaciteit:
    """The repayment capacity from the household facts, with the VTLB computed from `normen` or given."""
    if vtlb_cent is None:
        if normen is None:
            raise ValueError("zonder normen moet het VTLB worden opgegeven")
        regels = vtlb_regels(huishouden, normen)
        vtlb_cent = sum(r.bedrag_cent for r in regels)
    else:
        regels = [Correctie("VTLB, elders berekend", vtlb_cent)]
        normen = None
    maand = max(0, huishouden.netto_inkomen_cent - vtlb_cent)
    return Afloscapaciteit(
        vtlb_cent=vtlb_cent,
        regels=regels,
        maandbedrag_cent=maand,
        looptijd_maanden=looptijd_maanden,
        totaal_cent=maand * looptijd_maanden,
        normen_vanaf=normen.geldig_vanaf if normen else None,
    )


def huishouden_problems(huishouden: Huishouden, vtlb_cent: int | None) -> list[tuple[str, str]]:
    """Field problems with the household facts: amounts are whole cents, never negative."""
    amounts = {
        "netto_inkomen_cent": huishouden.netto_inkomen_cent,
        "huur_cent": huishouden.huur_cent,
        "huurtoeslag_cent": huishouden.huurtoeslag_cent,
        "zorgpremie_cent": huishouden.zorgpremie_cent,
        "zorgtoeslag_cent": huishouden.zorgtoeslag_cent,
        "kindgebonden_cent": huishouden.kindgebonden_cent,
        "vtlb_cent": vtlb_cent or 0,
    }
    amounts |= {f"correcties.{i}.bedrag_cent": c.bedrag_cent for i, c in enumerate(huishouden.correcties)}
    problems = [(name, problem) for name, amount in amounts.items() if (problem := amount_problem(amount))]
    problems += [
        (f"correcties.{i}.omschrijving", "zeg waarvoor de correctie is")
        for i, c in enumerate(huishouden.correcties)
        if not c.omschrijving.strip()
    ]
    if huishouden.kindgebonden_cent > huishouden.netto_inkomen_cent:
        problems.append(("kindgebonden_cent", "is meer dan het netto inkomen"))
    return problems
