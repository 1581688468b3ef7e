"""The gemeenten one installation serves."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field

from api.fields import Line, Strict

Gemeentecode = Annotated[str, Field(pattern=r"^[0-9]{4}$", description="De CBS-gemeentecode, vier cijfers.")]
Postcodegebied = Annotated[str, Field(pattern=r"^[1-9][0-9]{3}$", description="De vier cijfers van een postcode.")]


class GemeenteIn(Strict):
    naam: Line = Field(description="Zoals brieven hem noemen, bijvoorbeeld Gemeente Zwijndrecht.")
    adres: Line
    telefoon: Line
    postcodes: list[Postcodegebied] = Field(
        default_factory=list,
        max_length=1000,
        description="De postcodegebieden van de gemeente: een aanmelding hoort bij de gemeente van het adres.",
    )


class GemeenteUit(BaseModel):
    code: str
    naam: str
    adres: str
    telefoon: str
    postcodes: list[str]
