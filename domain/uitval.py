"""Uitval: a traject that ends early, at any phase, with a reason from a fixed list the monitor can count."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class UitvalReden(StrEnum):
    """Why a traject ends before its settlement is done: a fixed list, so the monitor can count it."""

    CLIENT_STOPT = "client_stopt"
    GEEN_CONTACT = "geen_contact"
    AFSPRAKEN_NIET_NAGEKOMEN = "afspraken_niet_nagekomen"
    NIEUWE_SCHULDEN = "nieuwe_schulden"
    VERHUISD = "verhuisd"
    WSNP_AFGEWEZEN = "wsnp_afgewezen"
    WSNP_ZONDER_SCHONE_LEI = "wsnp_zonder_schone_lei"
    OVERIG = "overig"


UITVAL_LABELS: dict[UitvalReden, str] = {
    UitvalReden.CLIENT_STOPT: "U heeft gezegd dat u wilt stoppen.",
    UitvalReden.GEEN_CONTACT: "Wij hebben al lange tijd geen contact met u.",
    UitvalReden.AFSPRAKEN_NIET_NAGEKOMEN: "De afspraken uit uw plan zijn niet nagekomen.",
    UitvalReden.NIEUWE_SCHULDEN: "Er zijn nieuwe schulden bij gekomen.",
    UitvalReden.VERHUISD: "U bent verhuisd naar een andere gemeente.",
    UitvalReden.WSNP_AFGEWEZEN: "De rechter heeft de Wsnp niet toegestaan.",
    UitvalReden.WSNP_ZONDER_SCHONE_LEI: "De Wsnp is geëindigd zonder schone lei.",
    UitvalReden.OVERIG: "Er is een andere reden. Die leest u hieronder.",
}


@dataclass(frozen=True)
class Uitval:
    """A traject that ends early, with its reason."""

    reden: UitvalReden
    toelichting: str = ""
    door: str = ""
