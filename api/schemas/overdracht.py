"""Bodies of the warme overdracht: one traject, or a selection, to another caseworker or team."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, model_validator

from api.fields import Ident, Note, Strict
from api.schemas.medewerkers import Team
from domain.ids import UUID_PATTERN
from domain.overdracht import OverdrachtReden
from domain.phases import Phase


class OverdrachtIn(Strict):
    naar: Ident | None = Field(default=None, description="De hulpverlener die het traject overneemt.")
    naar_team: Team | None = Field(
        default=None, description="Of een team: wie daar de minste open trajecten heeft, neemt het over."
    )
    reden: OverdrachtReden
    notitie: Note = Field(default="", description="Wat de nieuwe hulpverlener als eerste moet weten.")

    @model_validator(mode="after")
    def _one_receiver(self) -> OverdrachtIn:
        if (self.naar is None) == (self.naar_team is None):
            raise ValueError("noem een hulpverlener (naar) of een team (naar_team), niet allebei")
        return self


class BulkOverdrachtIn(OverdrachtIn):
    van: Ident = Field(description="De hulpverlener van wie de trajecten komen.")
    traject_ids: Annotated[list[Annotated[str, Field(pattern=UUID_PATTERN)]], Field(max_length=500)] | None = Field(
        default=None, description="Alleen deze trajecten van `van`; zonder: al zijn of haar open trajecten."
    )
    fasen: Annotated[list[Phase], Field(max_length=len(Phase))] | None = Field(
        default=None, description="Alleen trajecten in deze fasen."
    )


class OverdrachtUitkomst(BaseModel):
    traject: str
    kenmerk: str
    naar: str | None
    status: Literal["overgedragen", "in_behandeling", "geweigerd"]
    reden: str | None = Field(default=None, description="Waarom het niet kon, bij 'geweigerd'.")


class BulkOverdrachtUit(BaseModel):
    count: int
    overgedragen: int
    results: list[OverdrachtUitkomst]
