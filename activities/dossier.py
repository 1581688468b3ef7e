"""Activities that write the dossier: registration, and each recorded step with its timeline event."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from temporalio import activity

from domain.keys import key
from domain.traject import TrajectStart, TrajectState
from store.db import SessionFactory
from store.dossier import add_event, apply_state, register
from store.models import TrajectEvent


@dataclass(frozen=True)
class Registration:
    """A new traject and its first state."""

    start: TrajectStart
    state: TrajectState


@dataclass(frozen=True)
class StepRecord:
    """The state a step left the traject in and, with a `kind`, its timeline event; `key` lands it once."""

    key: str | None
    kind: str | None
    at: datetime
    actor: str
    state: TrajectState
    data: dict[str, Any] = field(default_factory=dict)


class DossierActivities:
    """Dossier writes, built once in the worker with the DB's session factory."""

    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions

    @activity.defn
    def register_aanmelding(self, registration: Registration) -> list[dict[str, Any]]:
        """Store person and traject; return the person's earlier trajecten for the caseworker to weigh."""
        start = registration.start
        with self._sessions() as session:
            eerdere = register(session, start, registration.state)
            add_event(
                session,
                TrajectEvent(
                    key=key(start.traject_id, "aanmelding"),
                    traject_id=start.traject_id,
                    kind="aanmelding",
                    at=registration.state.phase_since,
                    actor=start.caseworker,
                    data={"bron": start.aanmelding.bron.value, "crisis": start.aanmelding.crisis},
                ),
            )
        return eerdere

    @activity.defn
    def record_step(self, record: StepRecord) -> None:
        """Append the step's event, if it has one, and project the new state."""
        with self._sessions() as session:
            if record.key is not None and record.kind is not None:
                add_event(
                    session,
                    TrajectEvent(
                        key=record.key,
                        traject_id=record.state.traject_id,
                        kind=record.kind,
                        at=record.at,
                        actor=record.actor,
                        data=record.data,
                    ),
                )
            apply_state(session, record.state)
