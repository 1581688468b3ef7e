"""What supervisors read: whom trajecten wait on, creditors' reply times, and the monitor figures."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field


class Wachtend(BaseModel):
    traject: str
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


class Maandcijfers(BaseModel):
    """One month of vroegsignalering, as the Divosa monitor counts it."""

    maand: str
    signalen_per_soort: dict[str, int]
    huishoudens: int
    contactpogingen_per_kanaal: dict[str, int]
    bereikt: int
    hulp_geaccepteerd: int


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
