"""Activities of a settlement: its dossier rows and its timeline."""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from temporalio import activity

from domain.schuldregeling import Deelnemer, RegelingState
from store.db import SessionFactory
from store.dossier import add_event, as_json
from store.models import Deelname, Regeling, TrajectEvent
from store.projection import project


@dataclass(frozen=True)
class RegelingRecord:
    """The state a settlement's step left and, with a `kind`, its timeline event; `key` lands it once."""

    key: str | None
    kind: str | None
    at: datetime
    actor: str
    state: RegelingState
    data: dict[str, Any] = field(default_factory=dict)


class RegelingActivities:
    """Settlement writes, built once in the worker."""

    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions

    @activity.defn
    def record_regeling(self, record: RegelingRecord) -> None:
        """Project the settlement and its creditors' parts unless a newer version is there; add the event."""
        state = record.state
        with self._sessions() as session:
            # The creditors' parts follow the version of the settlement they belong to.
            if project(session, Regeling, state.traject_id, state.version, _regeling_values(state), create=True):
                for deelnemer in state.deelnemers:
                    if deelnemer.voorstel_id:
                        session.merge(_deelname_row(state, deelnemer))
                session.commit()
            if record.key is not None and record.kind is not None:
                add_event(
                    session,
                    TrajectEvent(
                        key=record.key,
                        traject_id=state.traject_id,
                        kind=record.kind.split(":")[0],
                        at=record.at,
                        actor=record.actor,
                        data=record.data,
                    ),
                )


def _regeling_values(state: RegelingState) -> dict[str, Any]:
    return dict(
        traject_id=state.traject_id,
        soort=state.soort.value,
        status=state.status.value,
        voorgesteld_op=state.voorgesteld_op,
        ingangsdatum=state.ingangsdatum,
        maandbedrag_cent=state.afloscapaciteit.maandbedrag_cent,
        totaal_cent=state.totaal_cent,
        betaald_cent=state.betaald_cent,
        maandschema=state.schema,
        betalingen=[as_json(b) for b in state.betalingen],
        gemist=state.gemist,
        afloscapaciteit=as_json(state.afloscapaciteit),
        herberekening=as_json(state.herberekening) if state.herberekening else None,
        uitspraak=as_json(state.uitspraak) if state.uitspraak else None,
        wsnp_einde_verwacht=state.wsnp_einde_verwacht,
        afgerond_op=state.afgerond_op,
        uitval=state.uitval.value if state.uitval else None,
        updated_at=datetime.now(UTC),
    )


def _deelname_row(state: RegelingState, deelnemer: Deelnemer) -> Deelname:
    return Deelname(
        id=deelnemer.voorstel_id,
        traject_id=state.traject_id,
        schuldeiser_id=deelnemer.schuldeiser_id,
        vordering_cent=deelnemer.vordering_cent,
        preferent=deelnemer.preferent,
        aandeel_cent=deelnemer.aandeel_cent,
        ontvangen_cent=deelnemer.ontvangen_cent,
        reactie=deelnemer.reactie.value,
        reden=deelnemer.reden,
        voorgesteld_op=state.voorgesteld_op,
        beantwoord_op=deelnemer.beantwoord_op,
        geescaleerd=deelnemer.geescaleerd,
    )
