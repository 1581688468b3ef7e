"""Writes to the dossier, each idempotent: called by activities, which Temporal may retry."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from functools import cache
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from domain.traject import Persoon as PersoonData
from domain.traject import TrajectStart, TrajectState
from store.models import Betrokkenheid, Brief, OutboxEntry, Persoon, Traject, TrajectEvent
from store.projection import project
from store.queries import of_person


def as_json(value: Any) -> Any:
    """A domain value as plain JSON data for a JSON column."""
    return _adapter(type(value)).dump_python(value, mode="json")


@cache
def _adapter(kind: type) -> TypeAdapter[Any]:
    # Building an adapter is a schema build: milliseconds, more than the dump it serves.
    return TypeAdapter(kind)


def register(session: Session, start: TrajectStart, state: TrajectState) -> list[dict[str, Any]]:
    """Store the person and the new traject once; return the person's earlier trajecten for weighing."""
    existing = session.get(Traject, start.traject_id)
    if existing is not None:
        return existing.eerdere_trajecten
    aanmelding = start.aanmelding
    if aanmelding.persoon_id is not None:
        persoon_row = session.get(Persoon, aanmelding.persoon_id)
        if persoon_row is None:
            raise LookupError("person of aanmelding missing")
    elif aanmelding.persoon is not None:
        persoon_row = Persoon(id=str(uuid.uuid4()), **as_json(aanmelding.persoon))
        session.add(persoon_row)
    else:
        raise ValueError("an aanmelding names its person")
    earlier = session.exec(select(Traject).where(of_person(persoon_row.bsn)).order_by(col(Traject.meldingsdatum))).all()
    eerdere = [
        {
            "traject_id": t.id,
            "meldingsdatum": t.meldingsdatum.isoformat(),
            "phase": t.phase,
            "closed_after": t.closed_after,
            "besluit": (t.beschikking or {}).get("besluit"),
        }
        for t in earlier
    ]
    now = datetime.now(UTC)
    session.add(
        Traject(
            id=start.traject_id,
            persoon_id=persoon_row.id,
            partner_id=aanmelding.partner_id,
            gemeentecode=aanmelding.gemeentecode,
            bron=aanmelding.bron.value,
            kinderen=aanmelding.kinderen,
            afspraak_op=aanmelding.afspraak.op if aanmelding.afspraak else None,
            afspraak_locatie=aanmelding.afspraak.locatie if aanmelding.afspraak else None,
            eerdere_trajecten=eerdere,
            created_at=now,
            **_projection(state),
        )
    )
    session.commit()
    return eerdere


def store_persoon(session: Session, persoon_id: str, persoon: PersoonData) -> None:
    """Keep the person an aanmelding is about, once per id, before its workflow starts: so their BSN, name
    and address never enter Temporal."""
    if session.get(Persoon, persoon_id) is not None:
        return
    session.add(Persoon(id=persoon_id, **as_json(persoon)))
    try:
        session.commit()
    except IntegrityError:
        session.rollback()


def apply_state(session: Session, state: TrajectState) -> None:
    """Project the workflow's state onto the traject row, unless a newer version is already there."""
    if session.get(Traject, state.traject_id) is None:
        raise LookupError("traject not registered")
    values = _projection(state)
    if project(session, Traject, state.traject_id, values.pop("version"), values):
        _link_partners(session, state)
    session.commit()


def _link_partners(session: Session, state: TrajectState) -> None:
    """The traject's links to partners, as its state now holds them."""
    for row in session.exec(select(Betrokkenheid).where(Betrokkenheid.traject_id == state.traject_id)):
        session.delete(row)
    session.flush()
    latest = {b.medewerker_id: b for b in state.betrokkenen}
    for b in latest.values():
        session.add(
            Betrokkenheid(
                traject_id=state.traject_id,
                medewerker_id=b.medewerker_id,
                vanaf=b.vanaf,
                rol=b.rol.value,
                tot=b.tot,
            )
        )


def _projection(state: TrajectState) -> dict[str, Any]:
    eerste_gesprek = state.eerste_gesprek
    return {
        "version": state.version,
        "phase": state.phase.value,
        "phase_since": state.phase_since,
        "closed_after": state.closed_after.value if state.closed_after else None,
        "caseworker": state.caseworker,
        "crisis": state.crisis,
        "meldingsdatum": state.meldingsdatum,
        "termijnen": [as_json(d) for d in state.deadlines],
        "deadline_breached": state.deadline_breached,
        "breaches": [d.clock.value for d in state.deadlines if d.overschreden],
        "next_deadline": state.next_deadline,
        "klantprofiel": as_json(state.klantprofiel) if state.klantprofiel else None,
        "inkomenscheck": {"gevonden": eerste_gesprek.gevonden_voorzieningen} if eerste_gesprek else None,
        "actielijst": [as_json(a) for a in eerste_gesprek.actiepunten] if eerste_gesprek else [],
        "beschikking": (
            {**as_json(state.beschikking), "bezwaar_uiterlijk": as_json(state.bezwaar_uiterlijk)}
            if state.beschikking
            else None
        ),
        "plan_van_aanpak": as_json(state.plan_van_aanpak) if state.plan_van_aanpak else None,
        "maatregelen": [as_json(m.maatregel) | {"gaat_door": m.gaat_door} for m in state.maatregelen],
        "overzicht_compleet": state.overzicht_compleet,
        "afloscapaciteit": as_json(state.afloscapaciteit) if state.afloscapaciteit else None,
        "uitval": as_json(state.uitval) if state.uitval else None,
        "afgerond_op": state.afgerond_op,
        "vorig_traject_id": state.vorig_traject,
        "heraanmelding_id": state.heraanmelding,
        "nazorg": [as_json(c) for c in state.nazorg],
        "nazorg_gestopt": state.nazorg_gestopt,
        "gemiste_afspraken": [d.isoformat() for d in state.gemiste_afspraken],
        "begeleidingen": [as_json(b) for b in state.begeleidingen],
        "bezwaren": [as_json(b) for b in state.bezwaren],
        "doorverwijzingen": [as_json(d) for d in state.doorverwijzingen],
        "ondernemer": state.ondernemer,
        "afsluiting": as_json(state.afsluiting) if state.afsluiting else None,
        "einde_besluit_op": state.einde_besluit_op,
        "einde_bezwaar_uiterlijk": state.einde_bezwaar_uiterlijk,
        "betrokkenen": [as_json(b) for b in state.betrokkenen],
        "notities": [as_json(n) for n in state.notities],
        "updated_at": datetime.now(UTC),
    }


def add_event(session: Session, event: TrajectEvent) -> bool:
    """Append a timeline event once per key; False when it was already there."""
    if session.exec(select(TrajectEvent.id).where(TrajectEvent.key == event.key)).first() is not None:
        return False
    session.add(event)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return False
    return True


def store_letter(session: Session, brief: Brief, channel: str | None) -> str:
    """Keep a rendered letter and queue it in the outbox for `channel` (None: a draft, kept only),
    once per key; returns the letter's id."""
    existing = session.exec(select(Brief.id).where(Brief.key == brief.key)).first()
    if existing is not None:
        return existing
    session.add(brief)
    if channel is not None:
        session.add(OutboxEntry(brief_id=brief.id, channel=channel))
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return session.exec(select(Brief.id).where(Brief.key == brief.key)).one()
    return brief.id
