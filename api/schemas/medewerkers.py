"""The staff register: who works in the werkplek, in which team, and how a client reaches them."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, field_validator

from api.auth import Role
from api.fields import Email, Line, Strict, Telefoon
from api.schemas.gemeenten import Gemeentecode
from api.schemas.sessies import KETEN_ROLES, STAFF_ROLES

Team = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$", description="De naam van het team.")]


class MedewerkerIn(Strict):
    naam: Line = Field(description="Zoals de klant de naam in een brief leest, bijvoorbeeld Anna de Vries.")
    team: Team = Field(
        description="Het team; bij een ketenpartner, bewindvoerder of maatje de organisatie (bijvoorbeeld Sociaal "
        "Wijkteam Noord)."
    )
    telefoon: Telefoon = Field(description="Het nummer waarop klanten deze medewerker bereiken.")
    email: Email | None = None
    rol: Role
    actief: bool = Field(default=True, description="Uit dienst: false. De naam blijft in oude tijdlijnen staan.")
    gemeenten: list[Gemeentecode] = Field(
        default_factory=list,
        max_length=100,
        description="De gemeenten die deze medewerker bedient (CBS-codes): een hulpverlener of toezichthouder ziet "
        "alleen hun trajecten en cijfers. Leeg: alle gemeenten van deze installatie.",
    )

    @field_validator("rol")
    @classmethod
    def _staff(cls, rol: Role) -> Role:
        if rol not in STAFF_ROLES + KETEN_ROLES:
            raise ValueError(f"kies uit: {', '.join(r.value for r in STAFF_ROLES + KETEN_ROLES)}")
        return rol


class MedewerkerUit(BaseModel):
    id: str
    naam: str
    team: str
    telefoon: str
    email: str | None
    rol: Role
    actief: bool
    gemeenten: list[str]
