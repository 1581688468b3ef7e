"""When a traject counts as stuck on the business side: it has waited on one party (the caseworker, the
client, the creditors, the court) longer than the policy allows. Pure, so the console's list recomputes the
same from the same dossier."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Wachten:
    """One traject waiting on `wacht_op` since `sinds`."""

    traject_id: str
    hulpverlener: str
    wacht_op: str
    sinds: date


def drempel(wacht_op: str, drempels: tuple[tuple[str, int], ...]) -> int | None:
    """The days a traject may wait on `wacht_op`; None when the policy sets no limit for that party."""
    return dict(drempels).get(wacht_op)


def te_lang(wachten: Wachten, today: date, drempels: tuple[tuple[str, int], ...]) -> int | None:
    """The days a traject has waited when that is longer than the policy allows, else None."""
    limit = drempel(wachten.wacht_op, drempels)
    days = (today - wachten.sinds).days
    return days if limit is not None and days > limit else None
