"""Signal intake in the dossier: a signal stored once, matched to its household's open case."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import or_
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
from store.models import Persoon, Signaal, Signalering, Traject


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


@dataclass(frozen=True)
class Binnenkomst:
    """A signal as it comes in, with the gemeente of its address and the days a household's open case takes
    more signals (that gemeente's window)."""

    signaal: SignaalIn
    gemeentecode: str | None
    window_days: int


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
    return take_in_many(session, secret, partner_id, [Binnenkomst(signaal, gemeentecode, window_days)], today)[0]


def take_in_many(
    session: Session, secret: str, partner_id: str, signalen: Sequence[Binnenkomst], today: date
) -> list[Intake]:
    """Store a file's signals as `take_in` would one by one, in one transaction and with what they must know
    of the dossier read in four queries for all of them, instead of a commit and three or four reads per
    signal. A later signal sees the earlier ones (the same signal twice, a household's second signal). When
    another request stored one of these signals meanwhile, the transaction is undone and each is stored on
    its own; a single signal that collides answers with the one that landed first."""
    keys = [dedupe_key(secret, partner_id, binnen.signaal) for binnen in signalen]
    try:
        bekend = _bekend(session, secret, keys, signalen, today)
        intakes = [
            _store(session, secret, key, partner_id, binnen, today, bekend)
            for key, binnen in zip(keys, signalen, strict=True)
        ]
        # The cases must exist before the signals that point at them.
        session.flush()
        session.add_all(bekend.nieuw)
        session.commit()
    except IntegrityError:
        session.rollback()
        if len(signalen) == 1:
            return [_repeat(session.exec(select(Signaal).where(Signaal.dedupe_key == keys[0])).one())]
        return [take_in_many(session, secret, partner_id, [binnen], today)[0] for binnen in signalen]
    return intakes


@dataclass(frozen=True)
class _Bekend:
    """What storing a part of a file must know of the dossier, read once for the part and kept up to date as
    the part is added: stored signals by their key, the running traject (with its gemeente) by BSN, and each
    household's newest open case; and the part's new signals, added once their new cases are in."""

    signalen: dict[str, Signaal]
    trajecten: dict[str, tuple[str, str | None]]
    cases: dict[str, Signalering]
    nieuw: list[Signaal] = field(default_factory=list)


def _bekend(session: Session, secret: str, keys: list[str], signalen: Sequence[Binnenkomst], today: date) -> _Bekend:
    stored = session.exec(select(Signaal).where(col(Signaal.dedupe_key).in_(keys))).all()
    households = {household_key(secret, b.signaal.postcode, b.signaal.straat) for b in signalen}
    since = today - timedelta(days=max(b.window_days for b in signalen))
    open_cases = session.exec(
        select(Signalering)
        .where(col(Signalering.huishouden_id).in_(households), Signalering.status == CaseStatus.OPEN.value)
        .where(col(Signalering.geopend_op) >= since)
        .order_by(col(Signalering.geopend_op))
    ).all()
    return _Bekend(
        signalen={row.dedupe_key: row for row in stored if row.dedupe_key is not None},
        trajecten=running_trajecten_of(session, {b.signaal.bsn for b in signalen}),
        # Oldest first, so each household keeps its newest.
        cases={case.huishouden_id: case for case in open_cases if case.huishouden_id is not None},
    )


def _store(
    session: Session, secret: str, key: str, partner_id: str, binnen: Binnenkomst, today: date, bekend: _Bekend
) -> Intake:
    """Place the signal where `take_in` says it belongs (a new case added to the session, the signal to
    `bekend.nieuw`); a repeat adds nothing."""
    signaal = binnen.signaal
    existing = bekend.signalen.get(key)
    if existing is not None and (existing.traject_id is not None or existing.case_id is not None):
        return _repeat(existing)
    row = _row(key, partner_id, signaal, today)
    bekend.signalen[key] = row
    bekend.nieuw.append(row)
    if signaal.bsn in bekend.trajecten:
        # Seed 004, "al bij ons bekend": the traject's caseworker picks it up. No case, no invitation, and no
        # second copy of who the person is: the traject holds that.
        row.traject_id, row.gemeentecode = bekend.trajecten[signaal.bsn]
        return Intake(row.id, "", False, False, feit_of(row), row.traject_id)
    household = household_key(secret, signaal.postcode, signaal.straat)
    case = bekend.cases.get(household)
    if case is not None and case.geopend_op < today - timedelta(days=binnen.window_days):
        case = None
    new_case = case is None
    row.gemeentecode = case.gemeentecode if case is not None else binnen.gemeentecode
    row.bsn, row.naam, row.telefoon = signaal.bsn, signaal.naam, signaal.telefoon
    row.straat, row.postcode, row.woonplaats = signaal.straat, signaal.postcode, signaal.woonplaats
    if case is None:
        case = Signalering(
            id=ids.new_signalering(),
            huishouden_id=household,
            geopend_op=today,
            route=route_of([feit_of(row)]).value,
            status=CaseStatus.OPEN.value,
            gemeentecode=binnen.gemeentecode,
        )
        session.add(case)
        bekend.cases[household] = case
    row.case_id = case.id
    return Intake(row.id, case.id, new_case, False, feit_of(row))


def _repeat(first: Signaal) -> Intake:
    """A signal stored before, answered with where the first landed."""
    return Intake(first.id, first.case_id or "", False, True, feit_of(first), first.traject_id)


def running_trajecten_of(session: Session, bsns: set[str]) -> dict[str, tuple[str, str | None]]:
    """Of each of these people who has a traject running (nazorg included), as the client or the partner of a
    couple: the newest, and its gemeente."""
    people = dict(session.exec(select(Persoon.id, Persoon.bsn).where(col(Persoon.bsn).in_(bsns))).all())
    if not people:
        return {}
    running = session.exec(
        select(Traject.id, Traject.persoon_id, Traject.partner_id, Traject.gemeentecode)
        .where(or_(col(Traject.persoon_id).in_(people), col(Traject.partner_id).in_(people)))
        .where(Traject.phase != Phase.AFGESLOTEN.value)
        .order_by(col(Traject.meldingsdatum))
    ).all()
    found: dict[str, tuple[str, str | None]] = {}
    # Oldest first, so each person keeps their newest.
    for traject_id, persoon_id, partner_id, gemeentecode in running:
        for person in (persoon_id, partner_id):
            if person in people:
                found[people[person]] = (traject_id, gemeentecode)
    return found


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
