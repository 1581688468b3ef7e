"""The gemeenten one installation serves."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field

from api.fields import Line, Strict

Gemeentecode = Annotated[str, Field(pattern=r"^[0-9]{4}$", description="De CBS-gemeentecode, vier cijfers.")]
Postcodegebied = Annotated[str, Field(pattern=r"^[1-9][0-9]{3}$", description="De vier cijfers van een postcode.")]


CrisisSoort = Annotated[
    str, Field(pattern=r"^[a-z][a-z_]{2,39}$", description="Een eigen soort crisis, bijvoorbeeld ontruiming_kamer.")
]
# A logo in the letterhead: an image inline, so a letter never fetches anything from elsewhere.
Logo = Annotated[
    str,
    Field(
        pattern=r"^data:image/(png|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}$",
        max_length=200_000,
        description="Het logo in het briefhoofd: een data-URI van een PNG- of SVG-afbeelding (base64).",
    ),
]


class GemeenteBeleid(Strict):
    """What a gemeente sets for itself; an empty field takes the installation's policy. The Wgs terms may be
    shorter than the law's, never longer."""

    first_conversation_weeks: int | None = Field(default=None, ge=1, le=4, description="Eerste gesprek binnen (weken).")
    crisis_working_days: int | None = Field(default=None, ge=1, le=3, description="Bij crisis binnen (werkdagen).")
    beschikking_weeks: int | None = Field(default=None, ge=1, le=8, description="Beschikking binnen (weken).")
    extra_crisis_kinds: list[CrisisSoort] | None = Field(default=None, max_length=20)
    signaal_venster_dagen: int | None = Field(
        default=None, ge=1, le=90, description="Signalen samen in een casus (dagen)."
    )
    tweede_poging_dagen: int | None = Field(default=None, ge=1, le=30, description="Tweede contactpoging na (dagen).")
    signaal_afsluiten_dagen: int | None = Field(default=None, ge=1, le=90, description="Casus sluit na (dagen).")


class GemeenteIn(Strict):
    naam: Line = Field(description="Zoals brieven hem noemen, bijvoorbeeld Gemeente Zwijndrecht.")
    adres: Line
    telefoon: Line
    postcodes: list[Postcodegebied] = Field(
        default_factory=list,
        max_length=1000,
        description="De postcodegebieden van de gemeente: een aanmelding hoort bij de gemeente van het adres.",
    )
    beleid: GemeenteBeleid = Field(
        default_factory=GemeenteBeleid,
        description="Eigen termijnen en crisissoorten; geldt voor trajecten en casussen die daarna beginnen.",
    )
    logo: Logo | None = None


class GemeenteUit(BaseModel):
    code: str
    naam: str
    adres: str
    telefoon: str
    postcodes: list[str]
    beleid: GemeenteBeleid
    logo: str | None
