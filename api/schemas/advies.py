"""Short contacts for information and advice, without a traject, a name or a BSN."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from api.fields import Gebeurd, Line, Note, Strict
from domain.advies import Afloop, Kanaal, Onderwerp


class AdviescontactIn(Strict):
    op: Gebeurd | None = Field(default=None, description="De dag van het contact; standaard vandaag.")
    kanaal: Kanaal
    onderwerp: Onderwerp
    afloop: Afloop = Field(description="beantwoord of doorverwezen; aanmelden gaat via het aanmeldformulier.")
    doorverwezen_naar: Line | None = Field(default=None, description="Bij een doorverwijzing: naar wie.")
    notitie: Note = Field(default="", description="Kort, zonder naam of BSN.")


class AdviescontactUit(BaseModel):
    id: str
    url: str
    op: date
    kanaal: Kanaal
    onderwerp: Onderwerp
    afloop: Afloop
    doorverwezen_naar: str | None
    notitie: str
    medewerker: str
    traject: str | None = Field(description="Het traject, als het contact een aanmelding werd.")


class AdviescontactPagina(BaseModel):
    count: int
    results: list[AdviescontactUit]
