"""The people around a client: their links to a traject, and their notes and tasks."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from api.fields import MAX_ITEMS, Cents, Gebeurd, Ident, Line, OptionalLine, Strict, Text
from domain.betrokkene import Betrokkenheid


class KoppelingIn(Strict):
    medewerker_id: Ident = Field(
        description="Iemand uit het register met de rol ketenpartner, bewindvoerder of maatje; die rol bepaalt "
        "wat hij of zij ziet."
    )
    vanaf: Gebeurd | None = Field(None, description="Standaard vandaag.")
    schulden_delen: bool = Field(
        False, description="Alleen voor een ketenpartner: mag die de schulden zien. Een bewindvoerder ziet ze altijd."
    )
    toestemming_op: Gebeurd | None = Field(None, description="Verplicht voor een maatje: wanneer de cliënt instemde.")


class OntkoppelingIn(Strict):
    tot: Gebeurd | None = Field(None, description="De laatste dag dat de koppeling geldt; standaard vandaag.")


class NotitieIn(Strict):
    tekst: Text
    taak: bool = Field(False, description="Een taak: de hulpverlener ziet hem bij Vandaag tot hij is afgehandeld.")


class BetrokkeneUit(BaseModel):
    medewerker_id: str
    rol: Betrokkenheid
    vanaf: date
    tot: date | None
    schulden_delen: bool
    toestemming_op: date | None


class NotitieUit(BaseModel):
    notitie_id: str
    op: datetime
    door: str
    tekst: str
    taak: bool
    afgehandeld: bool


class Bedragregel(Strict):
    omschrijving: Line
    bedrag_cent: Cents = Field(description="Per maand.")


class SchuldAangeleverd(Strict):
    schuldeiser: Line
    bedrag_cent: Cents
    kenmerk: OptionalLine = ""


class DossierIn(Strict):
    """What the bewindvoerder already gathered; the caseworker checks it at the first conversation."""

    inkomsten: list[Bedragregel] = Field(default_factory=list, max_length=MAX_ITEMS)
    vaste_lasten: list[Bedragregel] = Field(default_factory=list, max_length=MAX_ITEMS)
    schulden: list[SchuldAangeleverd] = Field(default_factory=list, max_length=MAX_ITEMS)


class BedragregelUit(BaseModel):
    omschrijving: str
    bedrag_cent: int


class SchuldAangeleverdUit(BaseModel):
    schuldeiser: str
    bedrag_cent: int
    kenmerk: str


class AanleveringUit(BaseModel):
    door: str
    op: datetime
    inkomsten: list[BedragregelUit]
    vaste_lasten: list[BedragregelUit]
    schulden: list[SchuldAangeleverdUit]
