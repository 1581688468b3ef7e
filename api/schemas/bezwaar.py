"""Objections against a traject's beschikkingen: on admission, and ending help."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from api.fields import Gebeurd, Strict, Text
from domain.bezwaar import BezwaarBeslissing, BezwaarTegen


class BezwaarIn(Strict):
    ingediend_op: Gebeurd = Field(description="De dag waarop het bezwaar binnenkwam.")
    gronden: Text = Field(description="Waarom de cliënt het niet eens is, kort.")
    tegen: BezwaarTegen = Field(
        BezwaarTegen.TOELATING,
        description="Tegen welke beschikking: die over de toelating, of die over het einde van de hulp.",
    )


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
    tegen: BezwaarTegen = BezwaarTegen.TOELATING


class Bezwaartermijn(BaseModel):
    """A beschikking an objection can be lodged against today, and the last day of its term."""

    tegen: BezwaarTegen
    uiterlijk: date
