"""Request and response bodies. Requests validate what a person can get wrong; responses never leak columns."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from api.audit import PERSONAL_DATA
from api.fields import (
    MAX_ITEMS,
    Actiedatum,
    Afspraakmoment,
    Bsn,
    Email,
    Gebeurd,
    Ident,
    Line,
    Meldingsdatum,
    Note,
    OptionalLine,
    Postcode,
    Strict,
    Telefoon,
    Text,
)
from api.schemas.begeleiding import BegeleidingUit
from api.schemas.betrokkenen import AanleveringUit, BetrokkeneUit, DossierIn, NotitieUit
from api.schemas.bezwaar import Bezwaartermijn, BezwaarUit
from api.schemas.doorverwijzing import DoorverwijzingUit
from api.schemas.schuldeisers import VerzoekUit
from domain.aanmelding import Bron
from domain.afloscapaciteit import Afloscapaciteit
from domain.beeindiging import Afsluitreden, Einde
from domain.doorverwijzing import DoorverwijzingSoort
from domain.inventarisatie import MaatregelSoort
from domain.klantprofiel import Ernst, Klantprofiel, Zelfredzaamheid
from domain.nazorg import Nazorgcontact
from domain.overdracht import OverdrachtReden
from domain.traject import Actiepunt, Besluit, Clock, PlanVanAanpak, Wie
from domain.uitval import Uitval, UitvalReden


class PersoonIn(Strict):
    bsn: Bsn
    naam: Line
    straat: Line
    postcode: Postcode
    woonplaats: Line
    telefoon: Telefoon | None = None
    email: Email | None = None


class PartnerIn(Strict):
    """The partner of a couple the traject helps together: a co-debtor with a BSN of their own, living at the
    client's address (one household, one capacity)."""

    bsn: Bsn
    naam: Line
    telefoon: Telefoon | None = None
    email: Email | None = None


class AfspraakIn(Strict):
    op: Afspraakmoment
    locatie: Line


class AanmeldingIn(Strict):
    """A request for help. `crisis` is one of the policy's crisis kinds (see GET /beheer/beleid)."""

    persoon: PersoonIn
    bron: Bron
    kinderen: bool
    meldingsdatum: Meldingsdatum | None = Field(
        default=None, description="Datum van de melding, hoogstens een jaar terug; standaard vandaag."
    )
    crisis: Ident | None = None
    afspraak: AfspraakIn | None = None
    hulpverlener: Ident | None = Field(default=None, description="Wie het traject voert; standaard de aanmelder.")
    ondernemer: bool = Field(default=False, description="De cliënt is of was ondernemer.")
    partner: PartnerIn | None = Field(
        default=None,
        description="Een stel met samen schulden: de partner als medeschuldenaar. Brieven gaan aan beiden.",
    )
    gemeentecode: Annotated[str, Field(pattern=r"^[0-9]{4}$")] | None = Field(
        default=None,
        description="De verantwoordelijke gemeente (CBS-code) als de installatie er meer bedient; standaard de "
        "gemeente van het postcodegebied van het adres.",
    )
    adviescontact_id: Ident | None = Field(
        default=None, description="Het kort contact (informatie en advies) waaruit deze aanmelding voortkomt."
    )


class ActiepuntIn(Strict):
    wie: Wie
    wat: Line
    uiterlijk: Actiedatum | None = None


class EersteGesprekIn(Strict):
    gehouden_op: Gebeurd
    ernst: Ernst
    zelfredzaamheid: Zelfredzaamheid
    gevonden_voorzieningen: list[Line] = Field(
        default_factory=list, max_length=MAX_ITEMS, description="Uitkomst inkomens- en voorzieningencheck"
    )
    actiepunten: list[ActiepuntIn] = Field(default_factory=list, max_length=MAX_ITEMS)


class BeschikkingIn(Strict):
    besluit: Besluit
    besluit_op: Gebeurd
    motivering: Note = ""

    @model_validator(mode="after")
    def _refusal_has_reasons(self) -> BeschikkingIn:
        if self.besluit is Besluit.AFWIJZING and len(self.motivering.strip()) < 10:
            raise ValueError("een afwijzing heeft een motivering nodig (minstens 10 tekens)")
        return self


class PlanVanAanpakIn(Strict):
    hulpvraag: Text
    doelen: Annotated[list[Line], Field(min_length=1, max_length=MAX_ITEMS)]
    gemeente_doet: Annotated[list[Line], Field(min_length=1, max_length=MAX_ITEMS)]
    client_doet: Annotated[list[Line], Field(min_length=1, max_length=MAX_ITEMS)]
    doorverwijzingen: list[Line] = Field(default_factory=list, max_length=MAX_ITEMS)
    voorwaarden: list[Line] = Field(default_factory=list, max_length=MAX_ITEMS)


class ZoekVraag(Strict):
    """A search by BSN travels in the body, never in a URI."""

    bsn: Bsn


class TrajectSamenvatting(BaseModel):
    id: str
    url: str
    kenmerk: str
    fase: str
    fase_sinds: datetime
    hulpverlener: str
    meldingsdatum: date
    crisis: str | None
    kinderen: bool
    ondernemer: bool = Field(description="(Ex-)ondernemer: zakelijke schulden vragen mogelijk een eigen route.")
    gemeentecode: str | None = Field(
        description="De verantwoordelijke gemeente (CBS-code); leeg: die van de installatie."
    )
    volgende_termijn: date | None
    termijn_overschreden: bool


class Pagina(BaseModel):
    count: int
    next: str | None
    previous: str | None
    results: list[TrajectSamenvatting]


class Termijn(BaseModel):
    klok: Clock
    uiterlijk: date
    gehaald_op: date | None
    overschreden: bool


class ProcesplaatStap(BaseModel):
    fase: str
    naam: str
    status: str


class Gebeurtenis(BaseModel):
    soort: str
    op: datetime
    door: str


class OverdrachtUit(BaseModel):
    """A warme overdracht as the timeline keeps it: who handed the traject to whom, when, why, and the note."""

    op: datetime
    door: str
    van: str
    naar: str
    reden: OverdrachtReden
    notitie: str


class BriefVerwijzing(BaseModel):
    id: str
    soort: str
    onderwerp: str
    aangemaakt_op: datetime
    url: str


class PersoonUit(BaseModel):
    model_config = ConfigDict(json_schema_extra=PERSONAL_DATA)

    naam: str
    straat: str
    postcode: str
    woonplaats: str
    telefoon: str | None
    email: str | None


class AfspraakUit(BaseModel):
    op: datetime
    locatie: str


class InkomenscheckUit(BaseModel):
    gevonden: list[str]


class BeschikkingUit(BaseModel):
    besluit: Besluit
    besluit_op: date
    motivering: str
    door: str
    bezwaar_uiterlijk: date | None


class EerderTraject(BaseModel):
    """An earlier traject of the same person, for the caseworker to weigh; never a refusal by itself."""

    traject_id: str
    meldingsdatum: date
    phase: str
    closed_after: str | None
    besluit: str | None


class MaatregelUit(BaseModel):
    maatregel_id: str
    soort: MaatregelSoort
    schuldeiser_id: str
    datum: date
    toelichting: str
    door: str
    gaat_door: bool


class SignaalBijTraject(BaseModel):
    """A partner's arrears signal about a client who already has this traject: a task for the caseworker,
    not a new vroegsignalering case."""

    soort: str
    partner: str
    datum: date
    achterstand_cent: int
    achterstand_maanden: int
    crisis: str | None
    ontvangen_op: date


class TrajectDetail(TrajectSamenvatting):
    model_config = ConfigDict(json_schema_extra=PERSONAL_DATA)

    persoon: PersoonUit
    partner: PersoonUit | None = Field(description="De partner en medeschuldenaar, als het traject een stel helpt.")
    bron: str
    afspraak: AfspraakUit | None
    procesplaat: list[ProcesplaatStap]
    toegestane_stappen: list[str]
    termijnen: list[Termijn]
    klantprofiel: Klantprofiel | None
    inkomenscheck: InkomenscheckUit | None
    actielijst: list[Actiepunt]
    beschikking: BeschikkingUit | None
    plan_van_aanpak: PlanVanAanpak | None
    eerdere_trajecten: list[EerderTraject]
    tijdlijn: list[Gebeurtenis]
    overdrachten: list[OverdrachtUit] = Field(description="Elke warme overdracht, de oudste eerst, met de notitie.")
    verzoeken: list[VerzoekUit]
    maatregelen: list[MaatregelUit]
    overzicht_compleet: bool
    afloscapaciteit: Afloscapaciteit | None
    uitval: Uitval | None
    afgerond_op: date | None
    einde: Einde | None = Field(description="Hoe het traject eindigde, of leeg zolang het loopt.")
    afsluiting: AfsluitingUit | None = Field(description="Een einde dat de hulpverlener vastlegde.")
    einde_bezwaar_uiterlijk: date | None = Field(
        description="De laatste dag om bezwaar te maken tegen het besluit om de hulp te stoppen."
    )
    regeling: str | None
    nazorg: list[Nazorgcontact]
    nazorg_gestopt: bool
    gemiste_afspraken: list[date]
    begeleidingen: list[BegeleidingUit] = Field(description="Budgetbeheer, budgetbegeleiding, beschermingsbewind.")
    bezwaren: list[BezwaarUit] = Field(description="Bezwaren tegen de beschikkingen, met de beslissing.")
    bezwaar_mogelijk: list[Bezwaartermijn] = Field(
        description="Beschikkingen waartegen vandaag bezwaar kan: de termijn loopt, er loopt geen bezwaar en er is "
        "niet al ongegrond beslist."
    )
    doorverwijzingen: list[DoorverwijzingUit] = Field(description="Doorverwijzingen, en of de cliënt aankwam.")
    betrokkenen: list[BetrokkeneUit] = Field(description="Ketenpartners, bewindvoerders en maatjes, met hun koppeling.")
    notities: list[NotitieUit] = Field(description="Notities en taken van ketenpartners en bewindvoerders.")
    aangeleverd: AanleveringUit | None = Field(description="Wat de bewindvoerder bij de aanmelding aanleverde.")
    vorig_traject: str | None
    heraanmelding: str | None
    signalering: str | None
    signalen: list[SignaalBijTraject] = Field(
        description="Signalen van partners over deze cliënt sinds het traject loopt, het nieuwste eerst."
    )
    brieven: list[BriefVerwijzing]


class AanmeldingBewindvoerderIn(Strict):
    """A client under bewind, registered by their bewindvoerder with the dossier already gathered."""

    persoon: PersoonIn
    partner: PartnerIn | None = None
    kinderen: bool
    crisis: Ident | None = None
    ondernemer: bool = False
    dossier: DossierIn


class AfsluitingIn(Strict):
    reden: Afsluitreden = Field(
        description="stabiel (geldzaken op orde, schulden zelf te betalen), doorverwezen, alleen_advies, verhuisd "
        "of overleden. Een regeling die loopt stopt alleen bij verhuisd of overleden."
    )
    besluit_op: Gebeurd = Field(description="De dag van het besluit; de bezwaartermijn loopt vanaf hier.")
    naar: OptionalLine = Field("", description="Bij doorverwezen: naar wie. Bij verhuisd: de nieuwe gemeente.")
    verwijzing: DoorverwijzingSoort | None = Field(None, description="Bij doorverwezen: naar wat voor hulp.")
    toelichting: Note = ""


class AfsluitingUit(BaseModel):
    reden: Afsluitreden
    besluit_op: date
    toelichting: str
    naar: str
    verwijzing: DoorverwijzingSoort | None
    door: str


class UitvalIn(Strict):
    reden: UitvalReden
    toelichting: Note = ""
