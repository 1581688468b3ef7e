"""Activities of a settlement: its dossier rows and its timeline."""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from temporalio import activity

from domain.schuldregeling import RegelingState
from store.db import SessionFactory
from store.dossier import add_event, as_json
from store.models import Deelname, Regeling, TrajectEvent


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
            row = session.get(Regeling, state.traject_id)
            if row is None or row.version <= state.version:
                session.merge(_regeling_row(state))
                for deelnemer in state.deelnemers:
                    if deelnemer.voorstel_id:
                        session.merge(
                            Deelname(
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
                        )
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


def _regeling_row(state: RegelingState) -> Regeling:
    return Regeling(
        traject_id=state.traject_id,
        version=state.version,
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
