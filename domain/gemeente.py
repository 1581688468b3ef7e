"""The gemeenten one installation serves (a regional service such as the SDD serves several): which one a
client belongs to follows from the postcode of their address, unless the caseworker chose it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Werkgebied:
    """A gemeente's CBS code and the four-digit postcode areas that lie in it."""

    code: str
    postcodes: tuple[str, ...]


def gemeente_van(postcode: str, gebieden: Iterable[Werkgebied]) -> str | None:
    """The gemeente whose area holds this postcode, or None when no gemeente in the register claims it."""
    cijfers = postcode.strip()[:4]
    return next((g.code for g in gebieden if cijfers in g.postcodes), None)
