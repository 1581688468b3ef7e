"""Read queries for the API, and the one write the API makes itself: the audit log of reads."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from functools import cache
from typing import Any, Protocol

from pydantic import TypeAdapter
from sqlalchemy import ColumnElement, Select, Text, bindparam, cast
from sqlmodel import Session, col, func, or_, select

from domain.beeindiging import Afloop, Einde, einde
from domain.betrokkene import Betrokkene
from domain.bezwaar import Bezwaar
from domain.gemeente import Werkgebied
from domain.phases import Phase
from domain.policy import Policy, met_afwijkingen
from domain.schuldregeling import Reactie
from domain.signalering import CaseStatus
from domain.traject import Besluit, Clock, Deadline
from domain.vordering import VerzoekStatus
from store.models import (
    Adviescontact,
    AuditEntry,
    Brief,
    Deelname,
    Gemeente,
    Medewerker,
    OutboxEntry,
    Persoon,
    Regeling,
    Schuldeiser,
    Signaal,
    Signalering,
    Traject,
    TrajectEvent,
    Verzoek,
)
from store.werkgebied import ALLE_GEMEENTEN

_BEZWAREN = TypeAdapter(list[Bezwaar])
_BETROKKENEN = TypeAdapter(list[Betrokkene])


def betrokkenen_of(traject: Traject) -> list[Betrokkene]:
    """Who the traject linked, in which part and when, as the domain keeps them."""
    return _BETROKKENEN.validate_python(traject.betrokkenen)


class Afloopfeiten(Protocol):
    """What a traject's row says about how it ended, as a dossier object or a plain row holds it."""

    phase: str
    afgerond_op: date | None
    afsluiting: dict[str, Any] | None
    uitval: dict[str, Any] | None
    beschikking: dict[str, Any] | None
    bezwaren: list[dict[str, Any]]


class Regelingafloop(Protocol):
    """What a settlement's row says about how it ended."""

    soort: str
    uitspraak: dict[str, Any] | None
    wsnp_einde_verwacht: date | None


def bezwaren_of(traject: Afloopfeiten) -> list[Bezwaar]:
    """The objections the traject recorded, as the domain keeps them."""
    return _BEZWAREN.validate_python(traject.bezwaren)


def einde_of(traject: Afloopfeiten, regeling: Regelingafloop | None) -> Einde | None:
    """How the traject ended, from what its row and its settlement's row recorded; None while it runs."""
    uitspraak = regeling.uitspraak if regeling else None
    return ending(
        phase=traject.phase,
        afgerond_op=traject.afgerond_op,
        afsluitreden=(traject.afsluiting or {}).get("reden"),
        uitval_reden=(traject.uitval or {}).get("reden"),
        besluit=(traject.beschikking or {}).get("besluit"),
        regeling_soort=regeling.soort if regeling else None,
        wsnp_einde_verwacht=regeling.wsnp_einde_verwacht if regeling else None,
        dwangakkoord=bool(uitspraak and uitspraak.get("toegewezen")),
    )


def ending(
    *,
    phase: str,
    afgerond_op: date | None,
    afsluitreden: str | None,
    uitval_reden: str | None,
    besluit: str | None,
    regeling_soort: str | None,
    wsnp_einde_verwacht: date | None,
    dwangakkoord: bool,
) -> Einde | None:
    """How a traject ended, from the values its row and its settlement's row hold (read out of their JSON
    columns by the caller); None while it runs."""
    if phase != Phase.AFGESLOTEN and afgerond_op is None:
        return None
    afloop = Afloop(
        afsluitreden=afsluitreden,
        uitval=uitval_reden is not None,
        afgewezen=besluit == Besluit.AFWIJZING,
        afgerond=afgerond_op is not None,
        regeling_soort=regeling_soort,
        wsnp=wsnp_einde_verwacht is not None,
        dwangakkoord=dwangakkoord,
    )
    return einde(afloop)


@dataclass(frozen=True)
class TrajectFilter:
    """The list filters supervisors and caseworkers use."""

    fase: str | None = None
    hulpverlener: str | None = None
    termijn_overschreden: bool | None = None
    fasen: tuple[str, ...] | None = None
    crisis: bool | None = None
    termijn_uiterlijk: date | None = None


class TrajectRij(Protocol):
    """A traject as a list shows it: its own facts, and who its client is."""

    id: str
    phase: str
    phase_since: datetime
    caseworker: str
    meldingsdatum: date
    crisis: str | None
    kinderen: bool
    ondernemer: bool
    gemeentecode: str | None
    next_deadline: date | None
    deadline_breached: bool
    created_at: datetime
    persoon_id: str
    partner_id: str | None


# The columns of a TrajectRij. A page of a list reads only these, as plain rows: building a whole dossier
# object for each row, its JSON turned into objects, was three quarters of a page's time.
LIST_COLUMNS = (
    Traject.id,
    Traject.phase,
    Traject.phase_since,
    Traject.caseworker,
    Traject.meldingsdatum,
    Traject.crisis,
    Traject.kinderen,
    Traject.ondernemer,
    Traject.gemeentecode,
    Traject.next_deadline,
    Traject.deadline_breached,
    Traject.created_at,
    Traject.persoon_id,
    Traject.partner_id,
)


def list_trajecten(
    session: Session, filters: TrajectFilter, offset: int, limit: int
) -> tuple[int, Sequence[TrajectRij]]:
    """A page of trajecten, the most urgent deadline first, and the total that match."""
    values = {name: value for name, value in asdict(filters).items() if value is not None and name != "crisis"}
    count, page = _list_statements(frozenset(values), filters.crisis)
    # Through the session, never its connection: the session limits every select to the werkgebied.
    total = session.execute(count, values).scalar_one()
    rows = session.execute(page, values | {"offset": offset, "limit": limit}).all()
    return total, rows


# The SQL a filter reads in, by the name of its field in TrajectFilter; its value is bound by that name.
_LIST_CONDITIONS: dict[str, ColumnElement[bool]] = {
    "fase": col(Traject.phase) == bindparam("fase"),
    "hulpverlener": col(Traject.caseworker) == bindparam("hulpverlener"),
    "termijn_overschreden": col(Traject.deadline_breached) == bindparam("termijn_overschreden"),
    "fasen": col(Traject.phase).in_(bindparam("fasen", expanding=True)),
    "termijn_uiterlijk": col(Traject.next_deadline) <= bindparam("termijn_uiterlijk"),
}


@cache
def _list_statements(filtered: frozenset[str], crisis: bool | None) -> tuple[Select[Any], Select[Any]]:
    """The count and the page of a list filtered on these fields, their values left as parameters. Built once
    for each combination of filters: building a statement cost more than the database took to run it."""
    query = select(*LIST_COLUMNS).where(*(_LIST_CONDITIONS[name] for name in sorted(filtered)))
    if crisis is not None:
        query = query.where(col(Traject.crisis).is_not(None) if crisis else col(Traject.crisis).is_(None))
    count = select(func.count()).select_from(query.subquery())
    page = (
        query.order_by(
            col(Traject.next_deadline).is_(None), col(Traject.next_deadline), col(Traject.created_at), col(Traject.id)
        )
        .offset(bindparam("offset"))
        .limit(bindparam("limit"))
    )
    return count, page


def of_person(bsn: str) -> ColumnElement[bool]:
    """The condition that a traject is about the person with this BSN: as the client, or as the partner and
    co-debtor of a couple's traject."""
    ids = select(Persoon.id).where(Persoon.bsn == bsn)
    return or_(col(Traject.persoon_id).in_(ids), col(Traject.partner_id).in_(ids))


def policy_of(session: Session, policy: Policy, gemeentecode: str | None) -> Policy:
    """The policy a new traject or case of this gemeente starts with: `policy`, the installation's, with the
    gemeente's own values where the register has them."""
    gemeente = session.get(Gemeente, gemeentecode) if gemeentecode else None
    return met_afwijkingen(policy, gemeente.beleid) if gemeente else policy


def installation_gemeenten(session: Session, eigen_code: str, eigen_naam: str) -> list[tuple[str, str]]:
    """Code and name of every gemeente this installation serves, its own first, each once."""
    return [(eigen_code, eigen_naam)] + [(g.code, g.naam) for g in gemeenten(session) if g.code != eigen_code]


def postcode_areas(session: Session) -> list[Werkgebied]:
    """Each gemeente in the register with the postcode areas of its residents."""
    return [Werkgebied(g.code, tuple(g.postcodes)) for g in gemeenten(session)]


def gemeenten(session: Session) -> list[Gemeente]:
    """The gemeenten in the register, by code."""
    return list(session.exec(select(Gemeente).order_by(col(Gemeente.code))).all())


def client_naam(session: Session, traject: Traject) -> str:
    """Whom the traject helps, as a creditor or a letter names them: the client, or the couple."""
    persoon = session.get(Persoon, traject.persoon_id)
    partner = session.get(Persoon, traject.partner_id) if traject.partner_id else None
    naam = persoon.naam if persoon else ""
    return f"{naam} en {partner.naam}" if partner else naam


def trajecten_anywhere(session: Session, bsn: str) -> list[tuple[str, str]]:
    """The id and phase of every traject of a person, as client or as partner, in every gemeente whoever
    asks: a second aanmelding must find the first also in a gemeente outside the caller's werkgebied. Only
    ids, so no traject of another gemeente enters the caller's session."""
    query = select(Traject.id, Traject.phase).where(of_person(bsn)).execution_options(**ALLE_GEMEENTEN)
    return [(traject_id, phase) for traject_id, phase in session.exec(query).all()]


def trajecten_of_bsn(session: Session, bsn: str) -> list[Traject]:
    """Every traject of a person, as client or as partner, newest first."""
    query = select(Traject).where(of_person(bsn)).order_by(col(Traject.created_at).desc())
    return list(session.exec(query).all())


_DEADLINES = TypeAdapter(list[Deadline])


def json_text(column: Any) -> ColumnElement[str]:
    """A JSON column as the text the database holds, for a list to parse with a TypeAdapter's validate_json:
    decoding it to Python objects first and validating those took twice as long per row (bench/queries.py)."""
    return cast(column, Text)


def deadlines_of(traject: Traject) -> list[Deadline]:
    """A traject's Wgs clocks, as its workflow keeps them."""
    return _DEADLINES.validate_python(traject.termijnen)


def deadline_of(traject: Traject, clock: Clock) -> Deadline | None:
    """One Wgs clock of a traject, once it has started."""
    return next((d for d in deadlines_of(traject) if d.clock is clock), None)


def persoon_of(session: Session, traject: TrajectRij) -> Persoon:
    """The person a traject is about."""
    persoon = session.get(Persoon, traject.persoon_id)
    if persoon is None:
        raise LookupError("person of traject missing")
    return persoon


def client_names(session: Session, trajecten: Sequence[TrajectRij]) -> dict[str, str]:
    """The client's name of each traject of a list page, by traject id, read in one query."""
    ids = {t.persoon_id for t in trajecten}
    names = dict(session.exec(select(Persoon.id, Persoon.naam).where(col(Persoon.id).in_(ids))).all())
    return {t.id: names[t.persoon_id] for t in trajecten}


def timeline(session: Session, traject_id: str) -> list[TrajectEvent]:
    """A traject's events in the order they happened."""
    query = select(TrajectEvent).where(TrajectEvent.traject_id == traject_id).order_by(col(TrajectEvent.id))
    return list(session.exec(query).all())


def letters_of(session: Session, traject_id: str) -> list[Brief]:
    """A traject's letters, oldest first."""
    query = select(Brief).where(Brief.traject_id == traject_id).order_by(col(Brief.created_at))
    return list(session.exec(query).all())


def audit(
    session: Session, actor: str, role: str, action: str, traject_id: str | None, resource: str | None = None
) -> None:
    """Append who read what; never updated, never deleted."""
    entry = AuditEntry(
        at=datetime.now(UTC), actor=actor, role=role, action=action, traject_id=traject_id, resource=resource
    )
    session.add(entry)
    session.commit()


def verzoeken_of_traject(session: Session, traject_id: str) -> list[Verzoek]:
    """A traject's creditor requests, oldest first."""
    query = select(Verzoek).where(Verzoek.traject_id == traject_id).order_by(col(Verzoek.verstuurd_op), col(Verzoek.id))
    return list(session.exec(query).all())


def verzoeken_of_schuldeiser(session: Session, schuldeiser_id: str, open_only: bool) -> list[Verzoek]:
    """The requests one creditor was sent; never another creditor's."""
    query = select(Verzoek).where(Verzoek.schuldeiser_id == schuldeiser_id)
    if open_only:
        query = query.where(Verzoek.status == VerzoekStatus.OPEN.value)
    return list(session.exec(query.order_by(col(Verzoek.verstuurd_op), col(Verzoek.id))).all())


def answered_verzoeken(session: Session, schuldeiser_id: str, limit: int) -> list[Verzoek]:
    """The requests one creditor no longer has to answer, the latest answered first, at most `limit`."""
    query = select(Verzoek).where(Verzoek.schuldeiser_id == schuldeiser_id, Verzoek.status != VerzoekStatus.OPEN.value)
    ordered = query.order_by(col(Verzoek.beantwoord_op).desc().nulls_last(), col(Verzoek.id)).limit(limit)
    return list(session.exec(ordered).all())


def answered_deelnames(session: Session, schuldeiser_id: str, limit: int) -> list[Deelname]:
    """The settlement proposals one creditor answered, the latest first, at most `limit`."""
    query = select(Deelname).where(Deelname.schuldeiser_id == schuldeiser_id, Deelname.reactie != Reactie.OPEN.value)
    ordered = query.order_by(col(Deelname.beantwoord_op).desc().nulls_last(), col(Deelname.id)).limit(limit)
    return list(session.exec(ordered).all())


def registry(session: Session) -> list[Schuldeiser]:
    """Every creditor in the registry, by name."""
    return list(session.exec(select(Schuldeiser).order_by(col(Schuldeiser.naam))).all())


def staff(session: Session, team: str | None = None, actief: bool | None = None) -> list[Medewerker]:
    """The staff register by team and name."""
    query = select(Medewerker)
    if team is not None:
        query = query.where(Medewerker.team == team)
    if actief is not None:
        query = query.where(Medewerker.actief == actief)
    return list(session.exec(query.order_by(col(Medewerker.team), col(Medewerker.naam))).all())


def teams_of(session: Session) -> dict[str, str]:
    """Each member of staff's team, by login name."""
    return dict(session.exec(select(Medewerker.id, Medewerker.team)).all())


def open_requests(session: Session, offset: int, limit: int) -> tuple[int, list[tuple[Verzoek, Schuldeiser]]]:
    """Requests still waiting for a creditor, the longest waiting first, with their creditor."""
    query = select(Verzoek, Schuldeiser).join(Schuldeiser).where(Verzoek.status == VerzoekStatus.OPEN.value)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(query.order_by(col(Verzoek.verstuurd_op), col(Verzoek.id)).offset(offset).limit(limit)).all()
    return total, [(verzoek, schuldeiser) for verzoek, schuldeiser in rows]


def requests_per_creditor(session: Session) -> list[tuple[Schuldeiser, list[Verzoek]]]:
    """Every creditor in the registry with all requests it was sent."""
    requests: dict[str, list[Verzoek]] = {}
    for verzoek in session.exec(select(Verzoek)).all():
        requests.setdefault(verzoek.schuldeiser_id, []).append(verzoek)
    return [(schuldeiser, requests.get(schuldeiser.id, [])) for schuldeiser in registry(session)]


def escalated_requests(session: Session, traject_ids: list[str]) -> list[tuple[Verzoek, Schuldeiser]]:
    """Open requests of these trajecten whose creditor did not answer in time, with their creditor."""
    query = (
        select(Verzoek, Schuldeiser)
        .join(Schuldeiser)
        .where(col(Verzoek.traject_id).in_(traject_ids), Verzoek.status == VerzoekStatus.OPEN.value)
        .where(col(Verzoek.geescaleerd_op).is_not(None))
    )
    return [(verzoek, schuldeiser) for verzoek, schuldeiser in session.exec(query).all()]


def settlements_of(session: Session, traject_ids: list[str]) -> list[Regeling]:
    """The settlements of these trajecten."""
    return list(session.exec(select(Regeling).where(col(Regeling.traject_id).in_(traject_ids))).all())


def home_visits_asked(session: Session) -> list[Signalering]:
    """Vroegsignalering cases still open in which a home visit was asked."""
    query = select(Signalering).where(
        col(Signalering.huisbezoek_gevraagd_op).is_not(None), col(Signalering.afgesloten_op).is_(None)
    )
    return list(session.exec(query.order_by(col(Signalering.huisbezoek_gevraagd_op))).all())


def deliveries(session: Session, brief_ids: list[str]) -> dict[str, OutboxEntry]:
    """Where each of these letters is on its way out, by letter id."""
    query = select(OutboxEntry).where(col(OutboxEntry.brief_id).in_(brief_ids))
    return {entry.brief_id: entry for entry in session.exec(query).all()}


def trajecten_by_reference(session: Session, reference: str) -> list[Traject]:
    """The trajecten a kenmerk (SHV- and the first eight characters of the id) can name."""
    prefix = reference.strip().upper().removeprefix("SHV-").lower()
    if len(prefix) != 8 or not all(c in "0123456789abcdef" for c in prefix):
        return []
    return list(session.exec(select(Traject).where(col(Traject.id).startswith(prefix))).all())


def open_cases(session: Session) -> list[Signalering]:
    """Vroegsignalering cases still open, the oldest first."""
    query = select(Signalering).where(Signalering.status == CaseStatus.OPEN.value).order_by(col(Signalering.geopend_op))
    return list(session.exec(query).all())


def open_trajecten(session: Session, hulpverlener: str | None = None) -> list[Traject]:
    """Every traject that is not closed (of one caseworker, if given)."""
    query = select(Traject).where(Traject.phase != Phase.AFGESLOTEN.value)
    if hulpverlener is not None:
        query = query.where(Traject.caseworker == hulpverlener)
    return list(session.exec(query.order_by(col(Traject.id))).all())


def closed_with_referral(session: Session, hulpverlener: str) -> list[Traject]:
    """A caseworker's trajecten that ended as a referral whose follow-up is still to be done: the traject's
    workflow waits for it after it closed."""
    query = select(Traject).where(
        Traject.phase == Phase.AFGESLOTEN.value,
        Traject.caseworker == hulpverlener,
        col(Traject.afsluiting).is_not(None),
        col(Traject.einde_bezwaar_uiterlijk).is_not(None),
    )
    return [
        t
        for t in session.exec(query.order_by(col(Traject.id))).all()
        if any(d.get("aangekomen") is None for d in t.doorverwijzingen)
    ]


def open_requests_of(session: Session, traject_ids: list[str]) -> list[Verzoek]:
    """The open creditor requests of these trajecten, the oldest first."""
    query = select(Verzoek).where(col(Verzoek.traject_id).in_(traject_ids), Verzoek.status == VerzoekStatus.OPEN.value)
    return list(session.exec(query.order_by(col(Verzoek.verstuurd_op))).all())


def open_counts(session: Session, hulpverleners: list[str]) -> dict[str, int]:
    """How many open trajecten each of these caseworkers has (none counts as 0)."""
    query = (
        select(Traject.caseworker, func.count())
        .where(Traject.phase != Phase.AFGESLOTEN.value, col(Traject.caseworker).in_(hulpverleners))
        .group_by(col(Traject.caseworker))
    )
    return {name: 0 for name in hulpverleners} | dict(session.exec(query).all())


def signals_of(session: Session, traject_ids: list[str]) -> list[Signaal]:
    """Partners' signals about the clients of these trajecten, taken in while they ran, the newest first."""
    query = select(Signaal).where(col(Signaal.traject_id).in_(traject_ids))
    return list(session.exec(query.order_by(col(Signaal.ontvangen_op).desc(), col(Signaal.id))).all())


def advice_contacts(
    session: Session, van: date | None, tot: date | None, offset: int, limit: int
) -> tuple[int, list[Adviescontact]]:
    """A page of short advice contacts, the newest first, within a period if named, and how many there are."""
    query = select(Adviescontact)
    if van is not None:
        query = query.where(Adviescontact.op >= van)
    if tot is not None:
        query = query.where(Adviescontact.op <= tot)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    ordered = query.order_by(col(Adviescontact.op).desc(), col(Adviescontact.created_at).desc())
    return total, list(session.exec(ordered.offset(offset).limit(limit)).all())
