"""Bodies and views of the settlement routes. Amounts are euro cents."""

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from api.audit import PERSONAL_DATA
from api.fields import Cents, Gebeurd, Ident, Line, Note, PositiveCents, Strict
from domain.afloscapaciteit import Afloscapaciteit, Correctie, Huishouden, Leefsituatie
from domain.schuldregeling import Betaling, RegelingSoort, Uitspraak, Vervolg


class CorrectieIn(Strict):
    omschrijving: Line
    bedrag_cent: Cents


class HuishoudenIn(Strict):
    """The household's monthly figures; or `vtlb_cent` when the VTLB was computed elsewhere."""

    leefsituatie: Leefsituatie
    netto_inkomen_cent: Cents
    huur_cent: Cents = 0
    huurtoeslag_cent: Cents = 0
    zorgpremie_cent: Cents = 0
    zorgtoeslag_cent: Cents = 0
    kindgebonden_cent: Cents = 0
    correcties: Annotated[list[CorrectieIn], Field(max_length=30)] = Field(default_factory=list)
    vtlb_cent: Cents | None = None

    def huishouden(self) -> Huishouden:
        """The domain's household."""
        return Huishouden(
            **self.model_dump(exclude={"correcties", "vtlb_cent"}),
            correcties=[Correctie(c.omschrijving, c.bedrag_cent) for c in self.correcties],
        )


class VoorstelIn(Strict):
    soort: RegelingSoort


class ReactieIn(Strict):
    """A creditor's answer: `akkoord`, or a refusal with its reason."""

    akkoord: bool
    reden: Note = ""


class ReactieHulpverlenerIn(ReactieIn):
    """A creditor's answer the caseworker records, for instance after a phone call."""

    schuldeiser_id: Ident


class VervolgIn(Strict):
    keuze: Vervolg


class UitspraakIn(Strict):
    toegewezen: bool
    datum: Gebeurd


class BetalingIn(Strict):
    """One payment; sending the same `betaling_id` again changes nothing."""

    betaling_id: Line
    datum: Gebeurd
    bedrag_cent: PositiveCents


class WsnpEindeIn(Strict):
    schone_lei: bool
    datum: Gebeurd


class Deel(BaseModel):
    """One creditor's part in a settlement."""

    voorstel_id: str
    schuldeiser_id: str
    schuldeiser: str
    vordering_cent: int
    preferent: bool
    aandeel_cent: int
    ontvangen_cent: int
    reactie: str
    reden: str | None
    beantwoord_op: date | None
    geescaleerd: bool


class RegelingUit(BaseModel):
    """A settlement and its payment position on a given day."""

    model_config = ConfigDict(json_schema_extra=PERSONAL_DATA)

    traject: str
    soort: str
    status: str
    voorgesteld_op: date
    ingangsdatum: date | None
    maandbedrag_cent: int
    totaal_cent: int
    betaald_cent: int
    achterstand_cent: int
    volgende_vervaldag: date | None
    gemist: list[int]
    maandschema: list[int]
    betalingen: list[Betaling]
    afloscapaciteit: Afloscapaciteit
    herberekening: Afloscapaciteit | None
    uitspraak: Uitspraak | None
    wsnp_einde_verwacht: date | None
    afgerond_op: date | None
    uitval: str | None
    schuldeisers: list[Deel]


class VoorstelVoorSchuldeiser(BaseModel):
    """What a creditor sees of a proposal: its own claim and part, whose debt, and where to answer."""

    model_config = ConfigDict(json_schema_extra=PERSONAL_DATA)

    id: str
    url: str
    kenmerk: str
    client_naam: str
    soort: str
    status: str
    vordering_cent: int
    aandeel_cent: int
    ontvangen_cent: int
    looptijd_maanden: int
    reactie: str
    reden: str | None
    voorgesteld_op: date
    beantwoord_op: date | None


class ImportFout(BaseModel):
    regel: int
    reden: str


class ImportUitkomst(BaseModel):
    """What became of a kredietbank statement: payments recorded, and each line that was not."""

    verwerkt: int
    fouten: list[ImportFout]
