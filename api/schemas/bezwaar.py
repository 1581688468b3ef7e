"""Objections against a traject's beschikking."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from api.fields import Gebeurd, Strict, Text
from domain.bezwaar import BezwaarBeslissing


class BezwaarIn(Strict):
    ingediend_op: Gebeurd = Field(description="De dag waarop het bezwaar binnenkwam.")
    gronden: Text = Field(description="Waarom de cliënt het niet eens is, kort.")


class BezwaarBesluitIn(Strict):
    beslissing: BezwaarBeslissing
    besluit_op: Gebeurd
    motivering: Text = Field(description="De cliënt leest dit in de brief.")


class BezwaarUit(BaseModel):
    bezwaar_id: str
    ingediend_op: date
    beslissen_uiterlijk: date = Field(description="Awb art. 7:10: zes weken na het einde van de bezwaartermijn.")
    beslissing: BezwaarBeslissing | None
    besluit_op: date | None
