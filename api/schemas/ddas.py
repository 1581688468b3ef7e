"""The DDAS collection API (koppelvlakspecificatie schuldhulpverlening 1.0): CBS's request and our answer,
typed to the edge after the uitwisselspecificatie v1.0. Field names follow the specification, not our style."""

# ruff: noqa: N815

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, model_validator

from api.audit import PERSONAL_DATA

MAX_PAGE_SIZE = 25_000


class GegevensRequest(BaseModel):
    """What CBS asks for: a period, optionally the organisation, and a page."""

    model_config = ConfigDict(extra="forbid")

    aanleverperiodeStartdatum: date
    aanleverperiodeEinddatum: date
    aanleverende_organisatie: str | None = Field(None, max_length=300)
    page: int = Field(1, ge=1, le=100_000)
    pageSize: int = Field(MAX_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)

    @model_validator(mode="after")
    def _period_runs_forward(self) -> GegevensRequest:
        if self.aanleverperiodeEinddatum < self.aanleverperiodeStartdatum:
            raise ValueError("aanleverperiodeEinddatum ligt voor aanleverperiodeStartdatum")
        return self


class _Deel(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class VanTot(_Deel):
    startdatum: date | None = None
    einddatum: date | None = None


class Aanmelding(VanTot):
    crisisinterventie: bool | None = None


class Intake(VanTot):
    beschikkingsdatum: date | None = None
    beschikkingssoort: str | None = Field(None, description="Afwijzingsbeschikking of Toelatingsbeschikking.")


class Begeleiding(VanTot):
    soort: str | None = Field(None, description="EnumBegeleidingssoort.")


class Moratorium(VanTot):
    datumAanvraag: date | None = None
    datumGoedkeuring: date | None = None


class PlanVanAanpak(_Deel):
    datumAfronding: date | None = None


class Client(_Deel):
    Burgerservicenummer: str | None = None
    Postcode: str | None = None
    Huisnummer: str | None = None
    Huisnummertoevoeging: str | None = None


class Schuldeiser(_Deel):
    naam: str | None = None
    privepersoon: bool | None = None


class Schuld(_Deel):
    bedrag: int | None = Field(None, description="In hele euro's.")
    peildatum: date | None = None
    schuldsoort: str | None = Field(None, description="EnumSchuldensoort.")
    zakelijkeSchuld: bool | None = None
    schuldeiser: Schuldeiser | None = None


class Schuldregeling(_Deel):
    datum: date | None = None
    toegekend: date | None = None
    dwangakkoord: bool | None = None
    ingetrokken: date | None = None


class Oplossing(VanTot):
    soort: str | None = Field(None, description="EnumOplossingssoort.")
    vtlb: int | None = Field(None, description="In hele euro's per maand.")


class Uitstroom(_Deel):
    datum: date | None = None
    datumBeeindigingsbeschikking: date | None = None
    reden: str | None = Field(None, description="EnumUitstroomreden.")
    omschrijving: str | None = None


class Schuldhulptraject(_Deel):
    gemeentecode: str
    startdatum: date | None = None
    einddatum: date | None = None
    toekenningsdatum: date | None = None
    totaalSchuldbedragBijAanvangSchuld: int | None = None
    client: list[Client] = Field(min_length=1, max_length=2)
    aanmelding: Aanmelding | None = None
    crisisinterventies: list[VanTot] | None = None
    intake: Intake | None = None
    planVanAanpak: PlanVanAanpak | None = None
    stabilisatie: VanTot | None = None
    moratoria: list[Moratorium] | None = None
    begeleiding: list[Begeleiding] | None = None
    schulden: list[Schuld] | None = None
    schuldregeling: Schuldregeling | None = None
    oplossing: Oplossing | None = None
    uitstroom: Uitstroom | None = None
    nazorg: VanTot | None = None


class Contactpersoon(_Deel):
    naam: str
    email: str
    telefoonnummer: str
    functietitel: str


class Organisatie(_Deel):
    naam: str = Field(alias="(Statutaire) Naam")
    gemeentecode: str
    postcode: str
    contactpersonen: list[Contactpersoon] = Field(min_length=1)


class Levering(_Deel):
    teller: int
    aanleverende_organisatie: Organisatie
    schuldhulptrajecten: list[Schuldhulptraject]


class Uitwisselmodel(_Deel):
    startdatumLevering: date
    einddatumLevering: date
    aanleverdatumEnTijd: str = Field(description="YYYY-MM-DDTHH:MM:SSZ")
    codeGegevensleverancier: str
    leveringen: list[Levering] = Field(min_length=1)


class Paginering(BaseModel):
    pageSize: int
    currentPage: int
    totalPages: int
    totalRecords: int


class GegevensAntwoord(BaseModel):
    """The delivery: the exchange model, and the pages when there is more than one."""

    model_config = ConfigDict(json_schema_extra=PERSONAL_DATA)

    gegevens: Uitwisselmodel
    paginering: Paginering | None = Field(None, description="Alleen als de levering meer dan één pagina heeft.")


class Signaalpartner(_Deel):
    type: str = Field(description="EnumSignaalpartner.")


class SignaalClient(_Deel):
    """Empty once the retention term deleted the signal's personal data: the standard makes each field
    optional, so the signal is still delivered, with its figures."""

    Burgerservicenummer: str | None = None
    Straatnaam: str | None = None
    Huisnummer: str | None = None
    Huisnummertoevoeging: str | None = None
    Postcode: str | None = None
    Plaatsnaam: str | None = None


class Vroegsignaal(_Deel):
    ID: str
    crisissignaal: bool
    warmeOverdracht: bool
    bedrag: int = Field(description="In hele euro's.")
    ontstaansdatum: date
    signaaldatum: date
    status: str | None = Field(None, description="EnumSignaalstatus.")
    signaalpartner: Signaalpartner
    client: SignaalClient


class SignaalVerwijzing(_Deel):
    ID: str


class Contactpoging(_Deel):
    soort: str = Field(description="EnumContactsoort.")
    bereikt: bool
    datum: date


class Vroegsignaalzaak(_Deel):
    resultaat: str | None = Field(None, description="EnumEindresultaat.")
    matchingsdatum: date
    startdatum_matchtingperiode: date
    einddatum_matchingperiode: date
    datum_opgepakt: date | None = None
    vroegsignalen: list[SignaalVerwijzing] = Field(min_length=1)
    contactpogingen: list[Contactpoging]


class OrganisatieVS(_Deel):
    naam: str
    contactpersoonen: list[Contactpersoon] = Field(min_length=1)


class LeveringVS(_Deel):
    teller: int
    gemeentecode: str
    aanleverende_organisatie: OrganisatieVS
    vroegsignalen: list[Vroegsignaal]
    vroegsignaalzaken: list[Vroegsignaalzaak]


class UitwisselmodelVS(_Deel):
    startdatumLevering: date
    einddatumLevering: date
    aanleverdatumEnTijd: str = Field(description="YYYY-MM-DDTHH:MM:SSZ")
    codeGegevensleverancier: str
    leveringen: list[LeveringVS] = Field(min_length=1)


class GegevensAntwoordVS(BaseModel):
    """The vroegsignalering delivery (uitwisselspecificatie v0.9), and the pages when there is more than one."""

    model_config = ConfigDict(json_schema_extra=PERSONAL_DATA)

    gegevens: UitwisselmodelVS
    paginering: Paginering | None = Field(None, description="Alleen als de levering meer dan één pagina heeft.")
