"""Activities that write a letter from the dossier and hand it to the outbox's channel."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from temporalio import activity

from activities.delivery import Mailroom
from domain.traject import reference
from letters.render import TO_CREDITOR, LetterKind, render_letter
from store.db import SessionFactory
from store.dossier import store_letter
from store.models import Brief, OutboxEntry, Persoon, Schuldeiser, Traject, Verzoek


@dataclass(frozen=True)
class Afzender:
    """The municipality as it signs its letters."""

    naam: str
    adres: str
    telefoon: str


@dataclass(frozen=True)
class LetterRequest:
    """Write letter `kind` for a traject, dated `datum`; `key` makes it be written once."""

    traject_id: str
    kind: LetterKind
    key: str
    datum: date
    verzoek_id: str | None = None
    extra: dict[str, int] = field(default_factory=dict)


class LetterActivities:
    """Letter writing and delivery, built once in the worker."""

    def __init__(self, sessions: SessionFactory, afzender: Afzender, mailroom: Mailroom) -> None:
        self._sessions = sessions
        self._afzender = afzender
        self._mailroom = mailroom

    @activity.defn
    def write_letter(self, request: LetterRequest) -> str:
        """Render the letter from the dossier, store it and queue it; returns the letter's id."""
        with self._sessions() as session:
            traject = session.get(Traject, request.traject_id)
            if traject is None:
                raise LookupError("traject not registered")
            persoon = session.get(Persoon, traject.persoon_id)
            if persoon is None:
                raise LookupError("person of traject missing")
            client = {"naam": persoon.naam, "adres": [persoon.straat, f"{persoon.postcode} {persoon.woonplaats}"]}
            context: dict[str, Any] = {
                "gemeente": self._afzender,
                "datum": request.datum,
                "kenmerk": reference(traject.id),
                **request.extra,
            }
            if request.kind in TO_CREDITOR:
                verzoek = session.get(Verzoek, request.verzoek_id)
                schuldeiser = session.get(Schuldeiser, verzoek.schuldeiser_id) if verzoek else None
                if verzoek is None or schuldeiser is None:
                    raise LookupError("request or creditor missing")
                ontvanger = {"id": schuldeiser.id, "naam": schuldeiser.naam, "aanhef": "heer, mevrouw"}
                context |= {
                    "ontvanger": ontvanger | {"adres": [schuldeiser.adres or schuldeiser.email or ""]},
                    "client": client,
                    "verstuurd_op": verzoek.verstuurd_op,
                }
                channel = schuldeiser.kanaal
            else:
                ontvanger = {"id": "client", "naam": persoon.naam, "aanhef": persoon.naam}
                context |= {
                    "ontvanger": ontvanger | {"adres": client["adres"]},
                    **letter_context(request.kind, traject),
                }
                channel = "post"
            letter = render_letter(request.kind, context)
            brief = Brief(
                id=str(uuid.uuid4()),
                key=request.key,
                traject_id=traject.id,
                ontvanger=ontvanger["id"],
                kind=request.kind.value,
                onderwerp=letter.onderwerp,
                html=letter.html,
                created_at=datetime.now(UTC),
            )
            return store_letter(session, brief, channel=channel)

    @activity.defn
    def deliver_letter(self, brief_id: str) -> None:
        """Send a queued letter through its channel unless the outbox says it was sent."""
        with self._sessions() as session:
            entry = session.get(OutboxEntry, brief_id)
            brief = session.get(Brief, brief_id)
            if entry is None or brief is None:
                raise LookupError("letter not in outbox")
            if entry.status == "sent":
                return
            entry.attempts += 1
            self._mailroom.post(brief)
            entry.status = "sent"
            entry.sent_at = datetime.now(UTC)
            session.add(entry)
            session.commit()


def letter_context(kind: LetterKind, traject: Traject) -> dict[str, Any]:
    """The values a letter of `kind` needs, read from the traject's dossier row."""
    if kind is LetterKind.AANMELDING_BEVESTIGING:
        afspraak = {"op": traject.afspraak_op, "locatie": traject.afspraak_locatie} if traject.afspraak_op else None
        return {
            "crisis": traject.crisis is not None,
            "afspraak": afspraak,
            "meldingsdatum": traject.meldingsdatum,
            "eerste_gesprek_uiterlijk": traject.first_conversation_due,
        }
    if kind is LetterKind.ACTIELIJST:
        return {
            "gesprek_op": traject.first_conversation_on,
            "client_doet": [a for a in traject.actielijst if a["wie"] == "client"],
            "gemeente_doet": [a for a in traject.actielijst if a["wie"] == "gemeente"],
            "gevonden": (traject.inkomenscheck or {}).get("gevonden", []),
            "tandem": (traject.klantprofiel or {}).get("route") == "tandem",
            "beschikking_uiterlijk": traject.beschikking_due,
        }
    if kind in (LetterKind.BESCHIKKING_TOELATING, LetterKind.BESCHIKKING_AFWIJZING):
        beschikking = traject.beschikking or {}
        return {
            "besluit_op": beschikking["besluit_op"],
            "motivering": beschikking["motivering"],
            "bezwaar_uiterlijk": beschikking["bezwaar_uiterlijk"],
        }
    return dict(traject.plan_van_aanpak or {})
