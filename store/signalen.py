"""Signal intake in the dossier: a signal stored once, matched to its household's open case."""

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from domain import ids
from domain.aanmelding import CrisisSoort
from domain.phases import Phase
from domain.signalering import (
    CaseStatus,
    SignaalFeit,
    SignaalIn,
    SignaalSoort,
    crisis_of,
    dedupe_key,
    household_key,
    route_of,
)
from store.models import Signaal, Signalering, Traject
from store.queries import of_person


@dataclass(frozen=True)
class Intake:
    """Where a signal landed: its id, its case, whether that case is new, whether the signal was a repeat;
    or, for a person with a running traject, that traject instead of a case."""

    signaal_id: str
    case_id: str
    new_case: bool
    duplicate: bool
    feit: SignaalFeit
    traject_id: str | None = None


def feit_of(row: Signaal) -> SignaalFeit:
    """The facts of a stored signal that a case workflow may know."""
    return SignaalFeit(
        row.id,
        row.partner_id,
        SignaalSoort(row.soort),
        row.achterstand_cent,
        row.achterstand_maanden,
        row.datum,
        CrisisSoort(row.crisis) if row.crisis else None,
        bool(row.telefoon),
    )


def take_in(
    session: Session,
    secret: str,
    partner_id: str,
    signaal: SignaalIn,
    today: date,
    window_days: int,
    gemeentecode: str | None = None,
) -> Intake:
    """Store the signal once (a repeat answers with the first): with the traject of a person who has one
    running, else in the household's case that opened within the window and is still open, or in a new case
    of `gemeentecode` (the gemeente of the address). The signal belongs to the gemeente of its case or traject."""
    key = dedupe_key(secret, partner_id, signaal)
    existing = session.exec(select(Signaal).where(Signaal.dedupe_key == key)).first()
    if existing is not None and existing.traject_id is not None:
        return Intake(existing.id, "", False, True, feit_of(existing), existing.traject_id)
    if existing is not None and existing.case_id is not None:
        return Intake(existing.id, existing.case_id, False, True, feit_of(existing))
    known = running_traject_of(session, signaal.bsn)
    if known is not None:
        return _for_traject(session, key, partner_id, signaal, today, known)
    household = household_key(secret, signaal.postcode, signaal.straat)
    since = today - timedelta(days=window_days)
    case = session.exec(
        select(Signalering)
        .where(Signalering.huishouden_id == household, Signalering.status == CaseStatus.OPEN.value)
        .where(col(Signalering.geopend_op) >= since)
        .order_by(col(Signalering.geopend_op).desc())
    ).first()
    new_case = case is None
    row = _row(key, partner_id, signaal, today)
    row.gemeentecode = case.gemeentecode if case is not None else gemeentecode
    row.bsn, row.naam, row.telefoon = signaal.bsn, signaal.naam, signaal.telefoon
    row.straat, row.postcode, row.woonplaats = signaal.straat, signaal.postcode, signaal.woonplaats
    if case is None:
        case = Signalering(
            id=ids.new_signalering(),
            huishouden_id=household,
            geopend_op=today,
            route=route_of([feit_of(row)]).value,
            status=CaseStatus.OPEN.value,
            gemeentecode=gemeentecode,
        )
        session.add(case)
        # The case must exist before the signal that points at it.
        session.flush()
    row.case_id = case.id
    session.add(row)
    try:
        session.commit()
    except IntegrityError:
        # The same signal arrived twice at once: the other one landed.
        session.rollback()
        first = session.exec(select(Signaal).where(Signaal.dedupe_key == key)).one()
        return Intake(first.id, first.case_id or "", False, True, feit_of(first))
    return Intake(row.id, case.id, new_case, False, feit_of(row))


def running_traject_of(session: Session, bsn: str) -> str | None:
    """The traject that runs for this person (nazorg included), if any: the newest."""
    query = (
        select(Traject.id)
        .where(of_person(bsn), Traject.phase != Phase.AFGESLOTEN.value)
        .order_by(col(Traject.meldingsdatum).desc())
    )
    return session.exec(query).first()


def _for_traject(
    session: Session, key: str, partner_id: str, signaal: SignaalIn, today: date, traject_id: str
) -> Intake:
    """Keep a signal about a person already in a traject for that traject's caseworker (seed 004: "al bij ons
    bekend"): no case, no invitation, and no second copy of who the person is: the traject holds that."""
    row = _row(key, partner_id, signaal, today)
    row.traject_id = traject_id
    row.gemeentecode = session.exec(select(Traject.gemeentecode).where(Traject.id == traject_id)).one()
    session.add(row)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        first = session.exec(select(Signaal).where(Signaal.dedupe_key == key)).one()
        return Intake(first.id, first.case_id or "", False, True, feit_of(first), first.traject_id)
    return Intake(row.id, "", False, False, feit_of(row), traject_id)


def _row(key: str, partner_id: str, signaal: SignaalIn, today: date) -> Signaal:
    """A signal's row with its facts; who the person is, the caller adds where it must be kept."""
    crisis = crisis_of(signaal.soort, signaal.eindelevering, signaal.ontruimingsdatum)
    return Signaal(
        id=str(uuid.uuid4()),
        partner_id=partner_id,
        soort=signaal.soort.value,
        ontvangen_op=today,
        datum=signaal.datum,
        achterstand_cent=signaal.achterstand_cent,
        achterstand_maanden=signaal.achterstand_maanden,
        crisis=crisis.value if crisis else None,
        dedupe_key=key,
        partner_kenmerk=signaal.partner_kenmerk,
        ontruimingsdatum=signaal.ontruimingsdatum,
    )
