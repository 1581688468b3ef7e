"""The municipality's policy values, handed to each traject at its start."""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from domain.vtlb_normen import DEFAULT_NORMEN, VtlbNormen

# The municipality's time zone: its dates (a meldingsdatum, a deadline day) are dates there, not in UTC.
TIMEZONE = "Europe/Amsterdam"


@dataclass(frozen=True)
class Policy:
    """Policy values a municipality may set; a running traject keeps the values it started with.

    The defaults are the legal maxima of the Wgs (art. 4) and the Awb objection period; the creditor timers
    follow the Schuldenknooppunt reply norm of 10 working days. A settlement runs 18 months (Fw, since
    1 July 2023), a statement of a claim older than 6 months is asked again, and a preferent creditor gets
    twice the concurrent percentage (NVVK Gedragscode). A monthly payment is checked 10 days after it was
    due; the settlement's workflow starts afresh (continue-as-new) every 6 months so its history stays small. Nazorg
    contacts the client 1, 3, 6 and 12 months after afronding. Signals of one household within 30 days
    form one case; an unanswered invitation is tried again after 10 days, the case closes after 30, and
    the signal data of a household that started no traject is deleted 180 days after the case closed.
    """

    first_conversation_weeks: int = 4
    crisis_working_days: int = 3
    beschikking_weeks: int = 8
    objection_weeks: int = 6
    # Awb art. 7:10: a bezwaar is decided within 6 weeks after the objection term ended.
    bezwaar_beslis_weken: int = 6
    # After a referral, the caseworker checks this many weeks later whether the client arrived there.
    doorverwijzing_nagaan_weken: int = 4
    timezone: str = TIMEZONE
    extra_crisis_kinds: tuple[str, ...] = field(default_factory=tuple)
    reminder_working_days: tuple[int, ...] = (10, 20)
    escalation_working_days: int = 30
    looptijd_maanden: int = 18
    saldo_geldig_maanden: int = 6
    preferent_factor: int = 2
    betaling_respijt_dagen: int = 10
    maanden_per_run: int = 6
    nazorg_maanden: tuple[int, ...] = (1, 3, 6, 12)
    signaal_venster_dagen: int = 30
    tweede_poging_dagen: int = 10
    signaal_afsluiten_dagen: int = 30
    signaal_bewaar_dagen: int = 180
    vtlb_normen: tuple[VtlbNormen, ...] = DEFAULT_NORMEN
    # A legal clock with this many working days left or fewer is "due soon" in the werkplek and the console.
    termijn_waarschuwing_werkdagen: int = 2
    # A traject waiting longer than this many days on one party is "stuck" in the console (vastgelopen).
    wacht_drempel_dagen: tuple[tuple[str, int], ...] = (
        ("hulpverlener", 10),
        ("client", 30),
        ("schuldeisers", 30),
        ("rechtbank", 90),
    )


# What a gemeente of a regional service may set for itself; the rest is the installation's policy.
GEMEENTE_AFWIJKINGEN = (
    "first_conversation_weeks",
    "crisis_working_days",
    "beschikking_weeks",
    "extra_crisis_kinds",
    "signaal_venster_dagen",
    "tweede_poging_dagen",
    "signaal_afsluiten_dagen",
)


def met_afwijkingen(policy: Policy, afwijkingen: Mapping[str, Any]) -> Policy:
    """The policy with a gemeente's own values in place of the installation's (lists become tuples)."""
    chosen: dict[str, Any] = {
        name: tuple(value) if isinstance(value, list) else value
        for name in GEMEENTE_AFWIJKINGEN
        if (value := afwijkingen.get(name)) is not None
    }
    return replace(policy, **chosen)
