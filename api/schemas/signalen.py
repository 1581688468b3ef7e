"""Bodies and views of vroegsignalering: a partner's signals and the cases caseworkers follow."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from api.audit import PERSONAL_DATA
from api.fields import Bsn, Gebeurd, Line, Note, Ontruimingsdatum, PositiveCents, Postcode, Strict
from domain.signalering import Contactkanaal, Hulp, SignaalIn, SignaalSoort, Uitkomst


class SignaalBody(Strict):
    """One arrears signal. Amounts in euro cents; `eindelevering` for an energy or water supplier's
    end-of-supply notice; `ontruimingsdatum` for a set eviction date."""

    soort: SignaalSoort
    bsn: Bsn
    naam: Line
    straat: Line
    postcode: Postcode
    woonplaats: Line
    telefoon: Annotated[str, Field(pattern=r"^\+?[0-9 -]{10,15}$")] | None = None
    achterstand_cent: PositiveCents
    achterstand_maanden: Annotated[int, Field(ge=1, le=24)]
    datum: Gebeurd
    kenmerk: Line
    eindelevering: bool = False
    ontruimingsdatum: Ontruimingsdatum | None = None

    def signaal(self) -> SignaalIn:
        """The domain's signal."""
        return SignaalIn(**self.model_dump(exclude={"kenmerk"}), partner_kenmerk=self.kenmerk)


class SignaalUit(BaseModel):
    """A signal as its partner sees it: what it sent, and what became of it (terugkoppeling)."""

    id: str
    url: str
    soort: str
    kenmerk: str | None
    datum: date
    achterstand_cent: int
    ontvangen_op: date
    terugkoppeling: str = Field(
        description="ontvangen of opgepakt; met toestemming van de persoon: hulp_gestart, hulp_afgewezen, "
        "contact_gelegd of niet_bereikt"
    )


class BatchFout(BaseModel):
    regel: int
    reden: str


class BatchUitkomst(BaseModel):
    opgeslagen: int
    dubbel: int
    fouten: list[BatchFout]


class UitkomstIn(Strict):
    bereikt: bool
    kanaal: Contactkanaal
    hulp: Hulp
    toelichting: Note = ""
    toestemming_terugkoppeling: bool = Field(
        default=False, description="De persoon vindt goed dat de melder hoort wat er met de hulp gebeurde."
    )


class CaseSignaal(BaseModel):
    """One signal of a case: who sent it, of what, how much, when."""

    partner: str
    soort: str
    achterstand_cent: int
    datum: date


class CasePersoon(BaseModel):
    """Whom to reach for a case, while the retention term keeps it."""

    model_config = ConfigDict(json_schema_extra=PERSONAL_DATA)

    naam: str
    adres: str
    telefoon: str | None


class CaseUit(BaseModel):
    """A case as a caseworker sees it: the household's signals, the person to reach, the attempts, the outcome."""

    model_config = ConfigDict(json_schema_extra=PERSONAL_DATA)

    id: str
    url: str
    route: str
    status: str
    geopend_op: date
    pogingen: list[date]
    huisbezoek_gevraagd_op: date | None
    uitkomst: Uitkomst | None
    traject: str | None
    signalen: list[CaseSignaal]
    persoon: CasePersoon | None
