"""Field types every request body shares: strict models, bounded text, a checked BSN."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from stdnum.nl import bsn as stdnum_bsn


def _valid_bsn(value: str) -> str:
    # stdnum pads short numbers with zeros, so "12" would pass the 11-proef: demand nine digits first.
    if not (len(value) == 9 and value.isdigit() and stdnum_bsn.is_valid(value)):
        raise ValueError("BSN is geen 9 cijfers of voldoet niet aan de 11-proef")
    return value


Bsn = Annotated[str, AfterValidator(_valid_bsn)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]
Line = Annotated[str, Field(min_length=1, max_length=300)]


class Strict(BaseModel):
    """Unknown fields are refused, so a typo is an error and not silently lost."""

    model_config = ConfigDict(extra="forbid")
