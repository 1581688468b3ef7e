"""A traject as a linked ketenpartner, bewindvoerder or maatje sees it."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from api.audit import PERSONAL_DATA
from api.schemas.begeleiding import BegeleidingUit
from api.schemas.betrokkenen import NotitieUit
from api.schemas.traject import AfspraakUit, ProcesplaatStap
from domain.betrokkene import Betrokkenheid
from domain.traject import Actiepunt


class SchuldVoorBetrokkene(BaseModel):
    schuldeiser: str
    status: str
    totaal_cent: int | None


class ContactUit(BaseModel):
    naam: str
    telefoon: str | None


class BetrokkenTraject(BaseModel):
    """A traject as a linked partner sees it: what their part needs, nothing more. A maatje sees the actielijst
    and the appointments; a ketenpartner also the process, the begeleiding and their own notes, and the debts
    when shared; a bewindvoerder the debts and the settlement's monthly amount as well."""

    model_config = ConfigDict(json_schema_extra=PERSONAL_DATA)

    id: str
    url: str
    kenmerk: str
    client: str
    rol: Betrokkenheid
    hulpverlener: ContactUit
    afspraak: AfspraakUit | None
    actielijst: list[Actiepunt]
    fase: str | None = Field(description="Niet voor een maatje.")
    procesplaat: list[ProcesplaatStap] | None = Field(description="Niet voor een maatje.")
    begeleidingen: list[BegeleidingUit] | None = Field(description="Niet voor een maatje.")
    notities: list[NotitieUit] | None = Field(description="Eigen notities en taken; niet voor een maatje.")
    schulden: list[SchuldVoorBetrokkene] | None = Field(
        description="Voor een bewindvoerder, en voor een ketenpartner als de hulpverlener ze deelt."
    )
    maandbedrag_cent: int | None = Field(description="Wat de cliënt per maand aflost, als er een regeling is.")


class BetrokkenTrajectRegel(BaseModel):
    model_config = ConfigDict(json_schema_extra=PERSONAL_DATA)

    id: str
    url: str
    kenmerk: str
    client: str
    rol: Betrokkenheid
    fase: str | None = Field(description="Niet voor een maatje.")
