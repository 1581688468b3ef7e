"""The body of a collection measure a caseworker registers."""

from __future__ import annotations

from api.fields import Ident, Note, Recent, Strict
from domain.inventarisatie import MaatregelSoort


class IncassomaatregelIn(Strict):
    soort: MaatregelSoort
    schuldeiser_id: Ident
    datum: Recent
    toelichting: Note = ""
