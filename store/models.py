"""Dossier tables. Timestamps are aware datetimes, stored and read back as UTC on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, Text, UniqueConstraint, false
from sqlmodel import Field, SQLModel


class Persoon(SQLModel, table=True):
    """A person who asked for help; the only table holding a BSN."""

    id: str = Field(primary_key=True)
    bsn: str = Field(index=True, max_length=9)
    naam: str
    straat: str
    postcode: str
    woonplaats: str
    telefoon: str | None = None
    email: str | None = None


class Traject(SQLModel, table=True):
    """One client's case as readers see it: a projection of the workflow's state."""

    id: str = Field(primary_key=True)
    persoon_id: str = Field(foreign_key="persoon.id", index=True)
    gemeentecode: str | None = Field(
        default=None, index=True, description="the gemeente responsible; empty: the installation's own"
    )
    partner_id: str | None = Field(
        default=None, foreign_key="persoon.id", index=True, description="the partner and co-debtor, for a couple"
    )
    version: int = 0
    phase: str = Field(index=True)
    phase_since: datetime
    closed_after: str | None = None
    caseworker: str = Field(index=True)
    bron: str
    crisis: str | None = None
    kinderen: bool
    meldingsdatum: date
    afspraak_op: datetime | None = None
    afspraak_locatie: str | None = None
    termijnen: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False), description="the Wgs clocks (Deadline)"
    )
    deadline_breached: bool = Field(default=False, index=True)
    breaches: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    next_deadline: date | None = Field(default=None, index=True)
    klantprofiel: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    inkomenscheck: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    actielijst: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    beschikking: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    plan_van_aanpak: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    eerdere_trajecten: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    maatregelen: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    overzicht_compleet: bool = Field(
        default=False,
        sa_column_kwargs={"server_default": false()},
        description="as the traject's workflow counts it: the proposal is decided on this, not on the requests",
    )
    afloscapaciteit: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    uitval: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    afgerond_op: date | None = None
    vorig_traject_id: str | None = None
    heraanmelding_id: str | None = None
    nazorg: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    nazorg_gestopt: bool = False
    gemiste_afspraken: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    begeleidingen: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]")
    )
    bezwaren: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]")
    )
    doorverwijzingen: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]")
    )
    ondernemer: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    afsluiting: dict[str, Any] | None = Field(
        default=None, sa_column=Column(JSON), description="an ending the caseworker recorded (domain Afsluiting)"
    )
    einde_besluit_op: date | None = None
    einde_bezwaar_uiterlijk: date | None = None
    betrokkenen: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]")
    )
    notities: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]")
    )
    created_at: datetime
    updated_at: datetime


class Betrokkenheid(SQLModel, table=True):
    """Who outside the team is linked to which traject, in which part (their latest link): a partner's list
    reads this, so each partner finds only their own trajecten. Projected from the traject's state."""

    traject_id: str = Field(primary_key=True, foreign_key="traject.id")
    medewerker_id: str = Field(primary_key=True, index=True)
    vanaf: date
    rol: str
    tot: date | None = None


class Monitorfeit(SQLModel, table=True):
    """What the monitor counts of one traject, each fact in a plain column, so that the database counts a
    period's figures. Derived from the traject's rows by store/feiten.py in the same transaction as every write
    to them; the closing and the plan van aanpak are kept as instants, as their day depends on the time zone."""

    traject_id: str = Field(primary_key=True, foreign_key="traject.id")
    afleiding: int = Field(description="the version of the derivation that wrote this row (store/feiten.py)")
    bron: str
    crisis: bool
    meldingsdatum: date = Field(index=True)
    heraanmelding: bool
    terug_binnen_jaar: bool
    gesprek_op: date | None = Field(default=None, index=True)
    besluit: str | None = None
    besluit_op: date | None = Field(default=None, index=True)
    plan_at: datetime | None = Field(default=None, index=True)
    voorstel_op: date | None = Field(default=None, index=True)
    regeling_op: date | None = Field(default=None, index=True)
    afgerond_op: date | None = Field(default=None, index=True)
    gesloten_at: datetime | None = Field(default=None, index=True, description="None while the traject is open")
    uitval_reden: str | None = None
    uitval_fase: str | None = None
    einde: str | None = None


class Klokfeit(SQLModel, table=True):
    """One Wgs clock of a traject as the monitor and the console count it: which clock, its last day, when it
    was met and whether the workflow saw it pass; its norm, the day its outcome is decided, and that outcome
    where the clock itself tells it (None: neither met nor breached, so it depends on the day). `loopt_tot` is
    its last day while it still runs (not met, its traject open): the console's clocks are a range on it."""

    traject_id: str = Field(primary_key=True, foreign_key="traject.id")
    nr: int = Field(primary_key=True)
    klok: str
    uiterlijk: date
    gehaald_op: date | None = None
    overschreden: bool
    loopt_tot: date | None = Field(default=None, index=True)
    norm: str
    beslist_op: date = Field(index=True)
    gehaald: bool | None = None


class Bezwaarfeit(SQLModel, table=True):
    """One objection of a traject as the monitor counts it."""

    traject_id: str = Field(primary_key=True, foreign_key="traject.id")
    nr: int = Field(primary_key=True)
    ingediend_op: date = Field(index=True)
    beslissing: str | None = None
    besluit_op: date | None = Field(default=None, index=True)
    op_tijd: bool


class TrajectEvent(SQLModel, table=True):
    """One entry of a traject's timeline; the key makes a retried write land once."""

    __table_args__ = (UniqueConstraint("key"),)

    id: int | None = Field(default=None, primary_key=True)
    key: str
    traject_id: str = Field(foreign_key="traject.id", index=True)
    kind: str
    at: datetime
    actor: str
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class Brief(SQLModel, table=True):
    """A rendered letter to the client, kept as sent."""

    __table_args__ = (UniqueConstraint("key"),)

    id: str = Field(primary_key=True)
    key: str
    traject_id: str = Field(foreign_key="traject.id", index=True)
    ontvanger: str = Field(default="client", description="'client', the id of a schuldeiser, or of a bewindvoerder")
    kopie_van: str | None = Field(
        default=None, index=True, description="the letter this is a copy of (for the client's bewindvoerder)"
    )
    kind: str
    onderwerp: str
    html: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime


class Gemeente(SQLModel, table=True):
    """A gemeente the installation serves, with its own letterhead and the postcode areas of its residents.
    Empty for a single gemeente: then the settings' gemeente is the only one."""

    code: str = Field(primary_key=True, description="the CBS gemeentecode, four digits")
    naam: str
    adres: str
    telefoon: str
    postcodes: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    beleid: dict[str, Any] = Field(
        default_factory=dict,
        sa_column=Column(JSON, nullable=False),
        description="the gemeente's own policy values (domain/policy.GEMEENTE_AFWIJKINGEN), else the installation's",
    )
    logo: str | None = Field(default=None, description="the letterhead's logo, a data URI of a PNG or SVG image")


class Aanlevering(SQLModel, table=True):
    """What a bewindvoerder handed in with the aanmelding of a client under bewind (seed 004): income, fixed
    costs and the debts known, for the caseworker to check at the first conversation."""

    traject_id: str = Field(primary_key=True)
    door: str
    op: datetime
    inkomsten: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    vaste_lasten: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    schulden: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class OutboxStatus(StrEnum):
    """Where a letter is on its way out."""

    PENDING = "pending"
    SENT = "sent"


class OutboxEntry(SQLModel, table=True):
    """A letter waiting for, or done with, delivery."""

    brief_id: str = Field(primary_key=True, foreign_key="brief.id")
    channel: str
    status: str = Field(default=OutboxStatus.PENDING.value, index=True)
    attempts: int = 0
    sent_at: datetime | None = None


class AuditEntry(SQLModel, table=True):
    """Who read which dossier, when: appended by the API on every read of personal data."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime
    actor: str
    role: str
    action: str
    traject_id: str | None = Field(default=None, index=True)
    resource: str | None = Field(default=None, description="the path that was read: ids only, never a BSN")


class Medewerker(SQLModel, table=True):
    """A member of staff: the console groups work by their team, and a client's letters name their caseworker
    as the contact person. Leaving staff stay, marked inactive, so old timelines still show their names."""

    id: str = Field(primary_key=True, description="the login name, as a token's subject carries it")
    naam: str
    team: str = Field(index=True)
    telefoon: str
    email: str | None = None
    rol: str
    actief: bool = True
    gemeenten: list[str] = Field(
        default_factory=list,
        sa_column=Column(JSON, nullable=False),
        description="the CBS codes of the gemeenten this person serves; none: every gemeente",
    )


class Storing(SQLModel, table=True):
    """An activity that keeps failing: marked by the worker from the policy's attempt count on, cleared when
    an attempt succeeds. The console reads Temporal's own account of it (attempt, next retry) by these keys.
    The error names only its kind, never the data."""

    workflow_id: str = Field(primary_key=True)
    activity_id: str = Field(primary_key=True)
    activity_type: str
    poging: int
    fout: str
    sinds: datetime
    laatst_op: datetime


class Schuldeiser(SQLModel, table=True):
    """A creditor organisation in the municipality's registry."""

    id: str = Field(primary_key=True)
    naam: str
    soort: str
    preferent: bool = False
    kanaal: str
    email: str | None = None
    adres: str | None = None
    webhook_url: str | None = None
    webhook_key: str | None = None


class Verzoek(SQLModel, table=True):
    """One request to one creditor in one traject: its notice, reminders, escalation and answer."""

    id: str = Field(primary_key=True)
    traject_id: str = Field(foreign_key="traject.id", index=True)
    schuldeiser_id: str = Field(foreign_key="schuldeiser.id", index=True)
    version: int = 0
    status: str = Field(index=True)
    verstuurd_op: date
    herinnerd_op: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    geescaleerd_op: date | None = None
    beantwoord_op: date | None = None
    reden: str | None = None


class VorderingRij(SQLModel, table=True):
    """A claim as handed in by the creditor, entered from paper, or taken from the client's figures."""

    __tablename__ = "vordering"

    id: str = Field(primary_key=True)
    verzoek_id: str = Field(foreign_key="verzoek.id", index=True)
    bron: str
    hoofdsom_cent: int
    rente_cent: int
    kosten_cent: int
    totaal_cent: int
    preferent: bool
    zakelijk: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    debiteur: str = Field(default="client", sa_column_kwargs={"server_default": "client"})
    kenmerk: str
    peildatum: date
    regels: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    ingediend_op: datetime


class Regeling(SQLModel, table=True):
    """A traject's settlement as readers see it: the projection of its workflow's state."""

    traject_id: str = Field(primary_key=True, foreign_key="traject.id")
    version: int = 0
    soort: str
    status: str = Field(index=True)
    voorgesteld_op: date
    ingangsdatum: date | None = None
    maandbedrag_cent: int
    totaal_cent: int
    betaald_cent: int = 0
    maandschema: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    betalingen: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    gemist: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    afloscapaciteit: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    herberekening: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    uitspraak: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    wsnp_einde_verwacht: date | None = None
    afgerond_op: date | None = None
    uitval: str | None = None
    updated_at: datetime


class Deelname(SQLModel, table=True):
    """One creditor's part in a settlement: the proposal it was sent, its answer, what it received."""

    id: str = Field(primary_key=True, description="the proposal's id, as the creditor API shows it")
    traject_id: str = Field(foreign_key="traject.id", index=True)
    schuldeiser_id: str = Field(foreign_key="schuldeiser.id", index=True)
    vordering_cent: int
    preferent: bool
    aandeel_cent: int
    ontvangen_cent: int = 0
    reactie: str = Field(index=True)
    reden: str | None = None
    voorgesteld_op: date
    beantwoord_op: date | None = None
    geescaleerd: bool = False


class Signalering(SQLModel, table=True):
    """One household's vroegsignalering case, as readers see it. The household is a keyed hash of its
    address, cleared when the case's data is deleted; the rest are figures without personal data."""

    id: str = Field(primary_key=True, description="the case's workflow id")
    huishouden_id: str | None = Field(default=None, index=True)
    version: int = 0
    geopend_op: date = Field(index=True)
    route: str
    status: str = Field(index=True)
    pogingen: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    huisbezoek_gevraagd_op: date | None = None
    uitkomst: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    traject_id: str | None = None
    afgesloten_op: date | None = None
    verwijderd_op: date | None = None
    gemeentecode: str | None = Field(
        default=None, index=True, description="the gemeente of the household's address; empty: the installation's own"
    )


class Signaal(SQLModel, table=True):
    """A partner's arrears signal. The personal fields are emptied when the retention term ends; the
    figures stay for the monitor."""

    __table_args__ = (UniqueConstraint("dedupe_key"),)

    id: str = Field(primary_key=True)
    partner_id: str = Field(index=True)
    soort: str
    ontvangen_op: date = Field(index=True)
    datum: date
    achterstand_cent: int
    achterstand_maanden: int
    crisis: str | None = None
    case_id: str | None = Field(default=None, foreign_key="signalering.id", index=True)
    traject_id: str | None = Field(
        default=None,
        foreign_key="traject.id",
        index=True,
        description="a person with a running traject: the signal goes to its caseworker, without a case",
    )
    dedupe_key: str | None = None
    partner_kenmerk: str | None = None
    gemeentecode: str | None = Field(
        default=None, index=True, description="the gemeente of its case or traject; empty: the installation's own"
    )
    bsn: str | None = Field(default=None, max_length=9)
    naam: str | None = None
    straat: str | None = None
    postcode: str | None = None
    woonplaats: str | None = None
    telefoon: str | None = None
    ontruimingsdatum: date | None = None


class Bericht(SQLModel, table=True):
    """An invitation sent for a vroegsignalering case (SMS or letter), once per key. The content goes out;
    the row keeps only what was sent when, so no personal data outlives the case."""

    __table_args__ = (UniqueConstraint("key"),)

    id: str = Field(primary_key=True)
    key: str
    case_id: str = Field(foreign_key="signalering.id", index=True)
    kanaal: str
    soort: str
    verstuurd_op: datetime


class Adviescontact(SQLModel, table=True):
    """A short contact for information and advice: no traject, no Wgs clock, no letter, and no name or BSN.
    One that became an aanmelding names its traject."""

    id: str = Field(primary_key=True)
    op: date = Field(index=True)
    kanaal: str
    onderwerp: str
    afloop: str
    doorverwezen_naar: str | None = None
    notitie: str = Field(default="", sa_column=Column(Text, nullable=False))
    medewerker: str = Field(index=True)
    traject_id: str | None = Field(default=None, foreign_key="traject.id", index=True)
    created_at: datetime
