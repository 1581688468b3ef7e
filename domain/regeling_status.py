"""The settlement's status machine, as a table: what moves a settlement from one status to the next, which
steps each status allows, and on whom it waits. The workflow asks here; it never assigns a status itself."""

from __future__ import annotations

from enum import StrEnum


class RegelingStatus(StrEnum):
    """Where a settlement stands."""

    VOORSTEL = "voorstel"
    GEWEIGERD = "geweigerd"
    DWANGAKKOORD = "dwangakkoord"
    WSNP_VERZOEK = "wsnp_verzoek"
    WSNP = "wsnp"
    LOOPT = "loopt"
    AFGEROND = "afgerond"
    BEEINDIGD = "beeindigd"


class Gebeurtenis(StrEnum):
    """What moves a settlement on."""

    ALLEN_AKKOORD = "allen_akkoord"
    GEWEIGERD = "geweigerd"
    DWANGAKKOORD_GEVRAAGD = "dwangakkoord_gevraagd"
    WSNP_GEVRAAGD = "wsnp_gevraagd"
    DWANGAKKOORD_TOEGEWEZEN = "dwangakkoord_toegewezen"
    DWANGAKKOORD_AFGEWEZEN = "dwangakkoord_afgewezen"
    WSNP_TOEGEWEZEN = "wsnp_toegewezen"
    WSNP_AFGEWEZEN = "wsnp_afgewezen"
    AFGEROND = "afgerond"
    SCHONE_LEI = "schone_lei"
    ZONDER_SCHONE_LEI = "zonder_schone_lei"
    GESTOPT = "gestopt"


class RegelingStap(StrEnum):
    """A person's step in a settlement: a creditor's answer, the caseworker's choices, the court's ruling."""

    REACTIE = "reactie"
    VERVOLG = "vervolg"
    UITSPRAAK = "uitspraak"
    BETALING = "betaling"
    INKOMENSWIJZIGING = "inkomenswijziging"
    HERBEREKENING = "herberekening"
    AFRONDEN = "afronden"
    WSNP_EINDE = "wsnp_einde"


S, G = RegelingStatus, Gebeurtenis
ENDED = frozenset({S.AFGEROND, S.BEEINDIGD})
TRANSITIONS: dict[tuple[RegelingStatus, Gebeurtenis], RegelingStatus] = {
    (S.VOORSTEL, G.ALLEN_AKKOORD): S.LOOPT,
    (S.VOORSTEL, G.GEWEIGERD): S.GEWEIGERD,
    (S.GEWEIGERD, G.DWANGAKKOORD_GEVRAAGD): S.DWANGAKKOORD,
    (S.GEWEIGERD, G.WSNP_GEVRAAGD): S.WSNP_VERZOEK,
    (S.DWANGAKKOORD, G.DWANGAKKOORD_TOEGEWEZEN): S.LOOPT,
    (S.DWANGAKKOORD, G.DWANGAKKOORD_AFGEWEZEN): S.GEWEIGERD,
    (S.WSNP_VERZOEK, G.WSNP_TOEGEWEZEN): S.WSNP,
    (S.WSNP_VERZOEK, G.WSNP_AFGEWEZEN): S.BEEINDIGD,
    (S.LOOPT, G.AFGEROND): S.AFGEROND,
    (S.WSNP, G.SCHONE_LEI): S.AFGEROND,
    (S.WSNP, G.ZONDER_SCHONE_LEI): S.BEEINDIGD,
} | {(status, G.GESTOPT): S.BEEINDIGD for status in S if status not in ENDED}
STEPS: dict[RegelingStatus, frozenset[RegelingStap]] = {
    S.VOORSTEL: frozenset({RegelingStap.REACTIE}),
    S.GEWEIGERD: frozenset({RegelingStap.VERVOLG}),
    S.DWANGAKKOORD: frozenset({RegelingStap.UITSPRAAK}),
    S.WSNP_VERZOEK: frozenset({RegelingStap.UITSPRAAK}),
    S.WSNP: frozenset({RegelingStap.WSNP_EINDE}),
    S.LOOPT: frozenset(
        {RegelingStap.BETALING, RegelingStap.INKOMENSWIJZIGING, RegelingStap.HERBEREKENING, RegelingStap.AFRONDEN}
    ),
}
# Whom a settlement in each status waits on: a search attribute supervisors filter by.
WAITING_ON: dict[RegelingStatus, str] = {
    S.VOORSTEL: "schuldeisers",
    S.GEWEIGERD: "hulpverlener",
    S.DWANGAKKOORD: "rechtbank",
    S.WSNP_VERZOEK: "rechtbank",
    S.WSNP: "bewindvoerder",
    S.LOOPT: "client",
}


def next_status(status: RegelingStatus, gebeurtenis: Gebeurtenis) -> RegelingStatus:
    """The status `gebeurtenis` leads to from `status`; a ValueError when it cannot happen there."""
    try:
        return TRANSITIONS[(status, gebeurtenis)]
    except KeyError:
        raise ValueError(f"'{gebeurtenis.value}' kan niet in status '{status.value}'") from None


def allowed_steps(status: RegelingStatus) -> frozenset[RegelingStap]:
    """The steps a person may take in `status`; none once the settlement has ended."""
    return STEPS.get(status, frozenset())


def waiting_on(status: RegelingStatus) -> str:
    """On whom a settlement in `status` waits."""
    return WAITING_ON.get(status, "niemand")
