"""Bodies of nazorg contacts, an opt-out and a missed appointment."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from api.fields import Note, Recent, Strict
from domain.nazorg import NazorgUitkomst


class NazorgVerslagIn(Strict):
    """How a nazorg contact went; without `maand`, the contact that is due now (or the next one)."""

    uitkomst: NazorgUitkomst
    toelichting: Note = ""
    maand: Annotated[int, Field(ge=1, le=120)] | None = None


class NazorgStopIn(Strict):
    toelichting: Note = ""


class GemisteAfspraakIn(Strict):
    datum: Recent
    toelichting: Note = ""
