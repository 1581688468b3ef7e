"""Activities of a creditor request: its dossier row, the claim handed in, its timeline events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session
from temporalio import activity

from domain.inventarisatie import Klantcijfers
from domain.vordering import Ingediend, VerzoekState
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
class KlantcijfersRecord:
    """The client's figures for a creditor that will not cooperate, entered on its request by the traject."""

    key: str
    traject_id: str
    schuldeiser_id: str
    stap: Klantcijfers
    at: datetime
    actor: str


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
            if state.ingediend is not None:
                _keep_claim(session, state.verzoek_id, state.ingediend)
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

    @activity.defn
    def record_client_figures(self, record: KlantcijfersRecord) -> None:
        """Keep the client's figures as the claim of a request the creditor refused, and put them on the
        traject's timeline; the request keeps its status, the creditor did not cooperate."""
        verzoek_id = record.stap.verzoek_id
        with self._sessions() as session:
            _keep_claim(session, verzoek_id, record.stap.ingediend)
            session.commit()
            add_event(
                session,
                TrajectEvent(
                    key=record.key,
                    traject_id=record.traject_id,
                    kind="verzoek_cijfers_client",
                    at=record.at,
                    actor=record.actor,
                    data={"verzoek": verzoek_id, "schuldeiser": record.schuldeiser_id},
                ),
            )


def _keep_claim(session: Session, verzoek_id: str, ingediend: Ingediend) -> None:
    """Add the request's claim, once: a retried write finds it there."""
    if session.get(VorderingRij, verzoek_id) is not None:
        return
    session.add(
        VorderingRij(
            **as_json(ingediend.vordering) | {"peildatum": ingediend.vordering.peildatum},
            id=verzoek_id,
            verzoek_id=verzoek_id,
            bron=ingediend.bron.value,
            ingediend_op=datetime.now(UTC),
        )
    )
