"""Begeleiding on a traject: budgetbeheer, budgetbegeleiding and beschermingsbewind."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from api.fields import Dag, Line, Strict
from domain.begeleiding import BegeleidingSoort


class BegeleidingStartIn(Strict):
    soort: BegeleidingSoort
    aanbieder: Line = Field(description="Wie de begeleiding geeft, bijvoorbeeld de Kredietbank of een bewindvoerder.")
    start_op: Dag = Field(description="Vanaf wanneer; hoogstens een jaar terug of 90 dagen vooruit.")


class BegeleidingEindeIn(Strict):
    einde_op: Dag = Field(description="Tot en met wanneer.")


class BegeleidingUit(BaseModel):
    begeleiding_id: str
    soort: BegeleidingSoort
    aanbieder: str
    start_op: date
    einde_op: date | None
