"""What supervisors read: whom trajecten wait on, creditors' reply times, and the monitor figures."""

from __future__ import annotations

from datetime import date
from typing import Self

from pydantic import BaseModel, Field

from domain.beeindiging import Einde
from domain.monitor import Vroegsignalering


class Wachtend(BaseModel):
    traject: str
    kenmerk: str = Field(description="Het kenmerk van het traject, zoals u het aan de schuldeiser noemt.")
    verzoek_id: str
    schuldeiser_id: str
    schuldeiser: str
    verstuurd_op: date
    dagen_wachtend: int
    herinneringen: int
    geescaleerd_op: date | None


class WachtendPagina(BaseModel):
    count: int
    results: list[Wachtend]


class Antwoordtijden(BaseModel):
    schuldeiser_id: str
    schuldeiser: str
    soort: str
    open: int
    beantwoord: int
    mediaan_dagen: float | None
    aandeel_voor_eerste_herinnering: float | None


class Uitvalregel(BaseModel):
    reden: str
    fase: str
    aantal: int


class Afloop(BaseModel):
    """How trajecten ended in a period: settled, or uitval by reason and the phase it happened in."""

    van: date | None
    tot: date | None
    afgerond: int
    uitval: list[Uitvalregel]


class Vroegsignaleringcijfers(BaseModel):
    """The vroegsignalering of a period, for the whole municipality (its cases belong to no team)."""

    signalen_per_soort: dict[str, int]
    bij_lopend_traject: int = Field(description="Signalen over iemand die al een traject heeft: geen nieuwe casus.")
    huishoudens: int
    contactpogingen_per_kanaal: dict[str, int]
    bereikt: int
    hulp_geaccepteerd: int

    @classmethod
    def of(cls, figures: Vroegsignalering, **extra: str) -> Self:
        """The figures as the API shows them, each count by its key."""
        return cls(
            signalen_per_soort=dict(sorted(figures.signalen_per_soort.items())),
            bij_lopend_traject=figures.bij_lopend_traject,
            huishoudens=figures.huishoudens,
            contactpogingen_per_kanaal=dict(sorted(figures.contactpogingen_per_kanaal.items())),
            bereikt=figures.bereikt,
            hulp_geaccepteerd=figures.hulp_geaccepteerd,
            **extra,
        )


class Maandcijfers(Vroegsignaleringcijfers):
    """One month of vroegsignalering, as the Divosa monitor counts it."""

    maand: str


class TermijnRegel(BaseModel):
    """One Wgs clock that asks for attention: breached, or due within the policy's warning days."""

    traject: str
    kenmerk: str
    hulpverlener: str
    team: str | None = Field(default=None, description="Het team van de hulpverlener, uit het register.")
    klok: str
    uiterlijk: date
    status: str
    werkdagen_over: int = Field(description="Werkdagen tot de termijn afloopt; negatief: zo veel werkdagen over tijd.")


class TermijnPagina(BaseModel):
    count: int
    results: list[TermijnRegel]


class Termijntelling(BaseModel):
    """One caseworker's Wgs clocks by where they stand today."""

    hulpverlener: str
    team: str | None = Field(default=None, description="Het team van de hulpverlener, uit het register.")
    overschreden: int
    binnenkort: int
    loopt: int
    op_tijd: int
    te_laat: int


class Werklast(BaseModel):
    """One caseworker's open trajecten by phase, and how many have a clock breached or due soon."""

    hulpverlener: str
    team: str | None = Field(default=None, description="Het team van de hulpverlener, uit het register.")
    open: int
    per_fase: dict[str, int]
    overschreden: int
    binnenkort: int


class StilstandRegel(BaseModel):
    """A traject that has waited on one party longer than the policy allows, and what the engine does next
    by itself, if anything."""

    traject: str
    kenmerk: str
    hulpverlener: str
    team: str | None = Field(default=None, description="Het team van de hulpverlener, uit het register.")
    wacht_op: str
    sinds: date
    dagen: int
    drempel: int
    volgende_op: date | None
    volgende: str | None


class StilstandPagina(BaseModel):
    count: int
    results: list[StilstandRegel]


class Normcijfer(BaseModel):
    """How many Wgs clocks decided in the period met one norm: a clock counts on the day it was met, or on its
    last day when it was not met by then. A clock still running, or of a traject that closed before it ran out,
    is not counted."""

    norm: str
    gehaald: int
    niet_gehaald: int
    aandeel: float | None = Field(description="Het deel dat op tijd was, van 0 tot 1; leeg als er niets telde.")


class DoorlooptijdUit(BaseModel):
    """Calendar days between two milestones, over the trajecten that reached the second in the period."""

    van: str
    tot: str
    aantal: int
    mediaan_dagen: float | None
    p90_dagen: int | None = Field(description="Het 90e percentiel, volgens de nearest-rank-methode.")


class Regelingcijfers(BaseModel):
    """Settlements whose term started in the period, and how many within the NVVK norm of their plan."""

    aantal: int
    binnen_norm: int
    norm_dagen: int
    aandeel: float | None


class Schuldeisercijfers(BaseModel):
    """Creditor requests sent in the period: answered, still open, median days and the share answered before
    the first reminder (the 10-working-day reply norm)."""

    verzoeken: int
    beantwoord: int
    open: int
    mediaan_dagen: float | None
    aandeel_binnen_termijn: float | None


class Advies(BaseModel):
    """Short contacts for information and advice: counted without a traject."""

    totaal: int
    per_onderwerp: dict[str, int]
    per_afloop: dict[str, int] = Field(description="beantwoord, doorverwezen, of aanmelding: het werd een traject.")


class Bezwaarcijfers(BaseModel):
    """Objections against beschikkingen: lodged in the period, and decided in it per outcome and in time."""

    ingediend: int
    beslist: dict[str, int]
    op_tijd: int = Field(description="Beslist binnen de termijn van Awb art. 7:10.")
    aandeel_op_tijd: float | None


class Monitor(BaseModel):
    """The figures of one period that the municipality reports and accounts for."""

    van: date
    tot: date
    team: str | None
    gemeente: str | None = Field(default=None, description="De gemeente (CBS-code), als er een gekozen is.")
    advies: Advies
    aanmeldingen: int
    aanmeldingen_per_bron: dict[str, int]
    crisis: int
    normen: list[Normcijfer]
    toelatingen: int
    afwijzingen: int
    doorlooptijden: list[DoorlooptijdUit]
    regelingen: Regelingcijfers
    afgerond: int
    uitval: list[Uitvalregel]
    einden: dict[Einde, int] = Field(
        description="Trajecten die in de periode eindigden, per einde: een regeling op de dag van afronding, "
        "elk ander einde op de dag van afsluiten. Alleen einden die voorkwamen."
    )
    heraanmeldingen: int
    heraanmeldingen_binnen_12_maanden: int
    bezwaren: Bezwaarcijfers
    schuldeisers: Schuldeisercijfers
    vroegsignalering: Vroegsignaleringcijfers
