"""Field types every request shares, each checked in one place: strict models, safe text, bounded amounts,
dates in a range that fits their meaning, well-formed ids, and a checked BSN."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import Path, Query
from pydantic import AfterValidator, AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field
from stdnum.nl import bsn as stdnum_bsn

from domain import bounds
from domain.bounds import Window
from domain.ids import SIGNALERING_PATTERN, UUID_PATTERN
from domain.policy import TIMEZONE
from domain.wgs_deadlines import local_date
from runtime.clock import today


def _valid_bsn(value: str) -> str:
    # stdnum pads short numbers with zeros, so "12" would pass the 11-proef: demand nine digits first.
    if not (len(value) == 9 and value.isdigit() and stdnum_bsn.is_valid(value)):
        raise ValueError("BSN is geen 9 cijfers of voldoet niet aan de 11-proef")
    return value


def _safe(multiline: bool) -> AfterValidator:
    def check(value: str) -> str:
        value = unicodedata.normalize("NFC", value.replace("\r\n", "\n") if multiline else value)
        if problem := bounds.text_problem(value, multiline=multiline):
            raise ValueError(problem)
        return value

    return AfterValidator(check)


def _stripped(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


Bsn = Annotated[str, Field(pattern=r"^[0-9]{9}$", description="9 cijfers, 11-proef"), AfterValidator(_valid_bsn)]
# One line (a name, an address, a short note): no control characters, surrounding blanks dropped.
Line = Annotated[str, BeforeValidator(_stripped), Field(min_length=1, max_length=300), _safe(multiline=False)]
# As Line, where empty is allowed: a field only some choices need.
OptionalLine = Annotated[str, BeforeValidator(_stripped), Field(max_length=300), _safe(multiline=False)]
# A text of several lines (a hulpvraag, a motivation): line breaks and tabs allowed, nothing else.
Text = Annotated[str, BeforeValidator(_stripped), Field(min_length=1, max_length=4000), _safe(multiline=True)]
# A note that may be left empty.
Note = Annotated[str, BeforeValidator(_stripped), Field(max_length=4000), _safe(multiline=True)]
# An identifier from our own registry or a token's subject: letters, digits and - _ . only.
Ident = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
# A list a person fills in by hand (action points, goals): long enough for any real case.
MAX_ITEMS = 50
Cents = Annotated[int, Field(ge=0, le=bounds.MAX_CENTS, description="euro cents")]
PositiveCents = Annotated[int, Field(gt=0, le=bounds.MAX_CENTS, description="euro cents, more than zero")]
Postcode = Annotated[str, Field(pattern=r"^[1-9][0-9]{3} ?[A-Za-z]{2}$")]
Telefoon = Annotated[str, Field(pattern=r"^\+?[0-9 -]{8,15}$")]
Email = Annotated[
    str, Field(max_length=254, pattern=r"^[^@\s\x00-\x1f\x7f]+@[^@\s\x00-\x1f\x7f]+\.[^@\s\x00-\x1f\x7f]+$")
]

# Ids in a path: ours are UUIDs, so anything else can name nothing and is refused before a query.
PathId = Annotated[str, Path(pattern=UUID_PATTERN)]
# Pages of a list: a page number past this finds nothing in any real dossier.
Page = Annotated[int, Query(ge=1, le=10_000)]
CaseId = Annotated[str, Path(pattern=SIGNALERING_PATTERN)]


def within(window: Window) -> AfterValidator:
    """A date check against `window`, counted from today in the municipality's time zone."""

    def check(value: date) -> date:
        if problem := window.problem(value, today(TIMEZONE)):
            raise ValueError(problem)
        return value

    return AfterValidator(check)


def _instant_within(window: Window) -> AfterValidator:
    def check(value: datetime) -> datetime:
        if problem := window.problem(local_date(value, TIMEZONE), today(TIMEZONE)):
            raise ValueError(problem)
        return value

    return AfterValidator(check)


# A date in the engine's calendar (2015-2060), for dates checked further by the workflow's rules.
Dag = Annotated[date, within(Window(back=None, ahead=None))]
# A date of something that happened: in the calendar and not in the future.
Gebeurd = Annotated[date, within(bounds.GEBEURD)]
Meldingsdatum = Annotated[date, within(bounds.MELDING)]
Actiedatum = Annotated[date, within(bounds.ACTIE)]
Peildatum = Annotated[date, within(bounds.PEILDATUM)]
Ontruimingsdatum = Annotated[date, within(bounds.ONTRUIMING)]
Recent = Annotated[date, within(bounds.RECENT)]
Afspraakmoment = Annotated[AwareDatetime, _instant_within(bounds.AFSPRAAK)]


class Strict(BaseModel):
    """Unknown fields are refused, so a typo is an error and not silently lost."""

    model_config = ConfigDict(extra="forbid")
