"""Signal intake in the dossier: a signal stored once, matched to its household's open case."""

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from domain import ids
from domain.aanmelding import CrisisSoort
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
from store.models import Signaal, Signalering


@dataclass(frozen=True)
class Intake:
    """Where a signal landed: its id, its case, whether that case is new, whether the signal was a repeat."""

    signaal_id: str
    case_id: str
    new_case: bool
    duplicate: bool
    feit: SignaalFeit


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
    session: Session, secret: str, partner_id: str, signaal: SignaalIn, today: date, window_days: int
) -> Intake:
    """Store the signal once (a repeat answers with the first), in the household's case that opened within
    the window and is still open, or in a new case."""
    key = dedupe_key(secret, partner_id, signaal)
    existing = session.exec(select(Signaal).where(Signaal.dedupe_key == key)).first()
    if existing is not None and existing.case_id is not None:
        return Intake(existing.id, existing.case_id, False, True, feit_of(existing))
    household = household_key(secret, signaal.postcode, signaal.straat)
    since = today - timedelta(days=window_days)
    case = session.exec(
        select(Signalering)
        .where(Signalering.huishouden_id == household, Signalering.status == CaseStatus.OPEN.value)
        .where(col(Signalering.geopend_op) >= since)
        .order_by(col(Signalering.geopend_op).desc())
    ).first()
    new_case = case is None
    crisis = crisis_of(signaal.soort, signaal.eindelevering, signaal.ontruimingsdatum)
    row = Signaal(
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
        bsn=signaal.bsn,
        naam=signaal.naam,
        straat=signaal.straat,
        postcode=signaal.postcode,
        woonplaats=signaal.woonplaats,
        telefoon=signaal.telefoon,
        ontruimingsdatum=signaal.ontruimingsdatum,
    )
    if case is None:
        case = Signalering(
            id=ids.new_signalering(),
            huishouden_id=household,
            geopend_op=today,
            route=route_of([feit_of(row)]).value,
            status=CaseStatus.OPEN.value,
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
