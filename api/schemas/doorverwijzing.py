"""Referrals to a specialised service, and whether the client arrived there."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from api.fields import Line, Note, Strict
from domain.doorverwijzing import DoorverwijzingSoort


class DoorverwijzingIn(Strict):
    soort: DoorverwijzingSoort
    naar: Line = Field(description="De organisatie of dienst, bijvoorbeeld het Ondernemersloket Drechtsteden.")
    toelichting: Note = ""


class AankomstIn(Strict):
    aangekomen: bool = Field(description="Is de cliënt daar aangekomen?")
    toelichting: Note = ""


class DoorverwijzingUit(BaseModel):
    doorverwijzing_id: str
    soort: DoorverwijzingSoort
    naar: str
    op: date
    nagaan_op: date = Field(description="Wanneer de hulpverlener nagaat of de cliënt is aangekomen.")
    aangekomen: bool | None
