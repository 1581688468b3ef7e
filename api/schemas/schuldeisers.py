"""Bodies of the creditor routes: the registry, requests and claims. Amounts are euro cents."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, model_validator

from api.audit import PERSONAL_DATA
from api.fields import MAX_ITEMS, Cents, Email, Ident, Line, Note, Peildatum, Strict
from domain.vordering import Debiteur, Kanaal, SchuldeiserSoort


class SchuldeiserIn(Strict):
    naam: Line
    soort: SchuldeiserSoort
    preferent: bool = False
    kanaal: Kanaal
    email: Email | None = None
    adres: Line | None = None
    webhook_url: Annotated[HttpUrl, Field(max_length=2000)] | None = None

    @model_validator(mode="after")
    def _reachable(self) -> SchuldeiserIn:
        if self.kanaal is Kanaal.POST and not self.adres:
            raise ValueError("kanaal post vraagt een adres")
        if self.kanaal is Kanaal.EMAIL and not self.email:
            raise ValueError("kanaal email vraagt een e-mailadres")
        return self


class SchuldeiserUit(BaseModel):
    id: str
    naam: str
    soort: str
    preferent: bool
    kanaal: str


class SchuldeiserAangemaakt(SchuldeiserUit):
    """Shown once, at registration: the key the creditor's system verifies our webhook signatures with."""

    webhook_key: str | None


class SchuldeisersIn(Strict):
    schuldeiser_ids: Annotated[list[Ident], Field(min_length=1, max_length=100)]


class RegelIn(Strict):
    omschrijving: Line
    bedrag_cent: Cents


class VorderingIn(Strict):
    hoofdsom_cent: Cents
    rente_cent: Cents
    kosten_cent: Cents
    totaal_cent: Cents
    preferent: bool = False
    zakelijk: bool = Field(default=False, description="Een (oude) zakelijke schuld van een ondernemer.")
    debiteur: Debiteur = Field(
        default=Debiteur.CLIENT,
        description="Van wie de schuld is als het traject een stel helpt: de cliënt, de partner, of samen.",
    )
    kenmerk: Line
    peildatum: Peildatum
    regels: list[RegelIn] = Field(default_factory=list, max_length=MAX_ITEMS)


class VorderingHulpverlenerIn(VorderingIn):
    """A claim the caseworker enters: from the creditor's paper, or the client's own figures."""

    bron: Literal["papier", "client"]


class WeigeringIn(Strict):
    reden: Annotated[Note, Field(min_length=5)]


class VerzoekUit(BaseModel):
    id: str
    url: str
    schuldeiser_id: str
    status: str
    verstuurd_op: date
    herinnerd_op: list[date]
    geescaleerd_op: date | None
    beantwoord_op: date | None
    reden: str | None
    vordering: VorderingIn | None


class VerzoekVoorSchuldeiser(VerzoekUit):
    """What a creditor sees of a request: whose debt, and the municipality's reference."""

    model_config = ConfigDict(json_schema_extra=PERSONAL_DATA)

    client_naam: str
    kenmerk: str
