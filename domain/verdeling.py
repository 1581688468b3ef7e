"""Dividing money over creditors, exact in cents.

The minnelijke regeling pays every concurrent creditor the same percentage of its claim. Under the NVVK
Gedragscode a preferent creditor (the Belastingdienst and the like) receives a multiple of that percentage,
the preferent factor (2 by default, a policy value), but never more than its claim; whatever a capped
creditor cannot take goes to the others in the same proportions.

Cents: each creditor first gets its exact share rounded down; the cents left over go one each to the
creditors with the largest fractions of a cent, ties to the larger claim, then to the earlier creditor in
the order given (largest remainder method). So the parts add up to the total and each part is within one
cent of its exact share.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Claim:
    """What one creditor is owed, as the distribution sees it."""

    schuldeiser_id: str
    bedrag_cent: int
    preferent: bool


@dataclass(frozen=True)
class Aandeel:
    """One creditor's part of a distributed amount."""

    schuldeiser_id: str
    vordering_cent: int
    aandeel_cent: int
    preferent: bool


def ideal_shares(claims: list[Claim], total_cent: int, preferent_factor: int = 2) -> list[Fraction]:
    """The exact (fractional) share of each claim, in the order given."""
    if total_cent > sum(c.bedrag_cent for c in claims):
        raise ValueError("er kan niet meer dan het totaal van de vorderingen worden verdeeld")
    if total_cent < 0:
        raise ValueError("een negatief bedrag kan niet worden verdeeld")
    weights = [c.bedrag_cent * (preferent_factor if c.preferent else 1) for c in claims]
    capped: set[int] = set()
    while True:
        left = total_cent - sum(claims[i].bedrag_cent for i in capped)
        weight = sum(w for i, w in enumerate(weights) if i not in capped)
        rate = Fraction(left, weight) if weight else Fraction(0)
        newly = {i for i, w in enumerate(weights) if i not in capped and rate * w >= claims[i].bedrag_cent}
        if not newly:
            return [Fraction(c.bedrag_cent) if i in capped else rate * weights[i] for i, c in enumerate(claims)]
        capped |= newly


def verdeel(claims: list[Claim], total_cent: int, preferent_factor: int = 2) -> list[Aandeel]:
    """Divide `total_cent` over `claims`: parts in whole cents that add up to the total (see the module)."""
    shares = ideal_shares(claims, total_cent, preferent_factor)
    floors = [int(s) for s in shares]
    spare = total_cent - sum(floors)
    order = sorted(range(len(claims)), key=lambda i: (-(shares[i] - floors[i]), -claims[i].bedrag_cent, i))
    for i in order[:spare]:
        floors[i] += 1
    return [Aandeel(c.schuldeiser_id, c.bedrag_cent, part, c.preferent) for c, part in zip(claims, floors, strict=True)]
