"""Activities of a vroegsignalering case: its dossier row, invitations by SMS and letter, the traject it
starts, and the deletion of its personal data when the retention term ends."""

import asyncio
import contextlib
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlmodel import Session, select
from temporalio import activity
from temporalio.client import Client
from temporalio.exceptions import WorkflowAlreadyStartedError

from activities.delivery import Mailroom
from activities.letters import Afzender
from domain import ids
from domain.aanmelding import Bron
from domain.keys import key
from domain.phases import Phase
from domain.policy import Policy
from domain.signalering import CaseStatus, SignaleringState
from domain.traject import Aanmelding, Persoon, TrajectStart
from letters.render import LetterKind, render_letter
from letters.sms import sms_text
from runtime.clock import today
from runtime.settings import Settings
from runtime.temporal import TRAJECT_ONCE
from store.db import SessionFactory
from store.dossier import as_json, store_persoon
from store.models import Bericht, Signaal, Signalering
from store.projection import project
from store.queries import trajecten_of_bsn

# Personal fields of a signal: emptied when the retention term ends.
PERSONAL = ("dedupe_key", "partner_kenmerk", "bsn", "naam", "straat", "postcode", "woonplaats", "telefoon")


@dataclass(frozen=True)
class Uitnodiging:
    """Invitation `nummer` (1 or 2) of a case."""

    case_id: str
    nummer: int


@dataclass(frozen=True)
class Verwijdering:
    """Delete a case's personal data, on the day the retention term ended."""

    case_id: str
    op: date


@dataclass(frozen=True)
class TrajectVanSignalen:
    """Start a traject from a case's signals, with `traject_id` if it is new; `crisis` for a crisis. The
    traject keeps `policy`, the one its case started with (None only in requests made before it was sent)."""

    case_id: str
    traject_id: str
    crisis: str | None
    caseworker: str
    policy: Policy | None = None


class SignaleringActivities:
    """Case writes, messages and the traject start, built once in the worker."""

    def __init__(
        self, sessions: SessionFactory, client: Client, settings: Settings, afzender: Afzender, mailroom: Mailroom
    ) -> None:
        self._sessions = sessions
        self._client = client
        self._settings = settings
        self._afzender = afzender
        self._mailroom = mailroom

    @activity.defn
    def record_case(self, state: SignaleringState) -> None:
        """Project the case unless a newer version is there."""
        values = {
            "route": state.route.value,
            "status": state.status.value,
            "pogingen": [d.isoformat() for d in state.pogingen],
            "huisbezoek_gevraagd_op": state.huisbezoek_gevraagd_op,
            "uitkomst": as_json(state.uitkomst) if state.uitkomst else None,
            "traject_id": state.traject_id,
            "afgesloten_op": state.afgesloten_op,
        }
        with self._sessions() as session:
            # The API made the case's row when its first signal came in.
            if project(session, Signalering, state.case_id, state.version, values):
                session.commit()

    @activity.defn
    def send_invitation(self, uitnodiging: Uitnodiging) -> None:
        """Send the invitation: an SMS where a number is known, and a letter; each once per case and number."""
        with self._sessions() as session:
            signalen = session.exec(select(Signaal).where(Signaal.case_id == uitnodiging.case_id)).all()
            first = signalen[0]
            telefoon = next((s.telefoon for s in signalen if s.telefoon), None)
            if telefoon:
                text = sms_text(uitnodiging.nummer, self._afzender.naam, self._afzender.telefoon)
                self._send(session, uitnodiging, "sms", text)
            kind = LetterKind.UITNODIGING if uitnodiging.nummer == 1 else LetterKind.UITNODIGING_HERINNERING
            letter = render_letter(
                kind,
                {
                    "gemeente": self._afzender,
                    # Before a traject nobody is the household's caseworker yet: the team's number.
                    "contactpersoon": None,
                    "datum": datetime.now(UTC),
                    "kenmerk": f"VS-{uitnodiging.case_id[-8:].upper()}",
                    "ontvanger": {
                        "naam": first.naam,
                        "aanhef": first.naam,
                        "adres": [first.straat, f"{first.postcode} {first.woonplaats}"],
                    },
                    "soorten": sorted({s.soort for s in signalen}),
                },
            )
            self._send(session, uitnodiging, "brief", letter.html)

    def _send(self, session: Session, uitnodiging: Uitnodiging, kanaal: str, content: str) -> None:
        bericht_key = key(uitnodiging.case_id, uitnodiging.nummer, kanaal)
        if session.exec(select(Bericht).where(Bericht.key == bericht_key)).first() is not None:
            return
        bericht_id = str(uuid.uuid5(uuid.NAMESPACE_URL, bericht_key))
        # The drop is named by the message id, so a retry replaces the file and never duplicates it.
        self._mailroom.drop(f"{bericht_id}.{'sms' if kanaal == 'sms' else 'html'}", content)
        session.add(
            Bericht(
                id=bericht_id,
                key=bericht_key,
                case_id=uitnodiging.case_id,
                kanaal=kanaal,
                soort=f"uitnodiging_{uitnodiging.nummer}",
                verstuurd_op=datetime.now(UTC),
            )
        )
        session.commit()

    @activity.defn
    async def start_traject(self, request: TrajectVanSignalen) -> str:
        """Start the household's traject from its signals, or link the traject that already runs for the
        person; returns the traject's id. Importing the workflow here would be circular, so it goes by name."""
        start, running = await asyncio.to_thread(self._traject_start, request)
        if running is None:
            # A retry after the start landed finds it started: the id is the workflow's, fixed.
            with contextlib.suppress(WorkflowAlreadyStartedError):
                await self._client.start_workflow(
                    "TrajectWorkflow",
                    start,
                    id=ids.traject(start.traject_id),
                    task_queue=self._settings.task_queue,
                    id_reuse_policy=TRAJECT_ONCE,
                )
        traject_id = running or start.traject_id
        await asyncio.to_thread(self._link, request.case_id, traject_id)
        return traject_id

    def _traject_start(self, request: TrajectVanSignalen) -> tuple[TrajectStart, str | None]:
        with self._sessions() as session:
            signalen = session.exec(select(Signaal).where(Signaal.case_id == request.case_id)).all()
            first = signalen[0]
            if first.bsn is None or first.naam is None:
                raise LookupError("the case's signal data was deleted")
            running = [t for t in trajecten_of_bsn(session, first.bsn) if t.phase != Phase.AFGESLOTEN.value]
            persoon = Persoon(
                first.bsn,
                first.naam,
                first.straat or "",
                first.postcode or "",
                first.woonplaats or "",
                telefoon=next((s.telefoon for s in signalen if s.telefoon), None),
            )
            # The person goes to the dossier, keyed by the new traject; its workflow gets the key only.
            if not running:
                store_persoon(session, request.traject_id, persoon)
        policy = request.policy or self._settings.policy()
        aanmelding = Aanmelding(
            None, Bron.VROEGSIGNALERING, False, today(policy.timezone), request.crisis, persoon_id=request.traject_id
        )
        start = TrajectStart(request.traject_id, request.caseworker, aanmelding, policy)
        return start, running[0].id if running else None

    def _link(self, case_id: str, traject_id: str) -> None:
        with self._sessions() as session:
            row = session.get(Signalering, case_id)
            if row is not None:
                row.traject_id = traject_id
                session.add(row)
                session.commit()

    @activity.defn
    def delete_case_data(self, verwijdering: Verwijdering) -> None:
        """The retention term ended: empty every personal field of the case's signals, and forget the
        household's pseudonym. What is left are figures: kinds, amounts, dates, the outcome."""
        with self._sessions() as session:
            for signaal in session.exec(select(Signaal).where(Signaal.case_id == verwijdering.case_id)).all():
                for name in PERSONAL:
                    setattr(signaal, name, None)
                signaal.ontruimingsdatum = None
                session.add(signaal)
            row = session.get(Signalering, verwijdering.case_id)
            if row is not None:
                row.huishouden_id = None
                row.status = CaseStatus.VERWIJDERD.value
                row.verwijderd_op = verwijdering.op
                session.add(row)
            session.commit()
