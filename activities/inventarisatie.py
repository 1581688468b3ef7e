"""Activities of a creditor request: its dossier row, the claim handed in, its timeline events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from temporalio import activity

from domain.vordering import VerzoekState
from store.db import SessionFactory
from store.dossier import add_event, as_json
from store.models import Schuldeiser, TrajectEvent, Verzoek, VorderingRij
from store.projection import project


@dataclass(frozen=True)
class VerzoekRecord:
    """A request's step (sent, reminded, escalated, answered...) with the state it left. `key` lands it once."""

    key: str
    kind: str
    at: datetime
    actor: str
    state: VerzoekState


@dataclass(frozen=True)
class Bereik:
    """How a creditor is reached."""

    kanaal: str
    webhook: bool


class InventarisatieActivities:
    """Request writes, built once in the worker."""

    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions

    @activity.defn
    def creditor_reach(self, schuldeiser_id: str) -> Bereik:
        """How a creditor is reached: its channel ('api', 'email' or 'post') and whether it has a webhook."""
        with self._sessions() as session:
            schuldeiser = session.get(Schuldeiser, schuldeiser_id)
            if schuldeiser is None:
                raise LookupError("creditor not in the registry")
            return Bereik(schuldeiser.kanaal, bool(schuldeiser.webhook_url))

    @activity.defn
    def open_verzoeken(self, records: list[VerzoekRecord]) -> None:
        """Write a traject's new requests at once, so the caseworker sees them before their workflows run."""
        for record in records:
            self.record_verzoek(record)

    @activity.defn
    def record_verzoek(self, record: VerzoekRecord) -> None:
        """Project the request, keep a claim handed in, and put the step on the traject's timeline."""
        state = record.state
        with self._sessions() as session:
            values = {
                "id": state.verzoek_id,
                "traject_id": state.traject_id,
                "schuldeiser_id": state.schuldeiser_id,
                "status": state.status.value,
                "verstuurd_op": state.verstuurd_op,
                "herinnerd_op": [day.isoformat() for day in state.herinnerd_op],
                "geescaleerd_op": state.geescaleerd_op,
                "beantwoord_op": state.beantwoord_op,
                "reden": state.reden,
            }
            project(session, Verzoek, state.verzoek_id, state.version, values, create=True)
            if state.ingediend is not None and session.get(VorderingRij, state.verzoek_id) is None:
                claim = as_json(state.ingediend.vordering)
                session.add(
                    VorderingRij(
                        **claim | {"peildatum": state.ingediend.vordering.peildatum},
                        id=state.verzoek_id,
                        verzoek_id=state.verzoek_id,
                        bron=state.ingediend.bron.value,
                        ingediend_op=datetime.now(UTC),
                    )
                )
            session.commit()
            add_event(
                session,
                TrajectEvent(
                    key=record.key,
                    traject_id=state.traject_id,
                    kind=f"verzoek_{record.kind}",
                    at=record.at,
                    actor=record.actor,
                    data={"verzoek": state.verzoek_id, "schuldeiser": state.schuldeiser_id, "status": state.status},
                ),
            )
