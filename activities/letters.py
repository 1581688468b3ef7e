"""Activities that write a letter from the dossier and hand it to the outbox's channel."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

from sqlmodel import Session, col, select
from temporalio import activity

from activities.delivery import Mailroom
from domain.betrokkene import Betrokkenheid
from domain.traject import Clock, reference
from letters.render import ABOUT_MONEY, DRAFTS, TO_CREDITOR, LetterKind, render_letter
from store.db import SessionFactory
from store.dossier import store_letter
from store.models import Brief, Gemeente, Medewerker, OutboxEntry, OutboxStatus, Persoon, Schuldeiser, Traject, Verzoek
from store.queries import betrokkenen_of, client_naam, deadline_of


@dataclass(frozen=True)
class Afzender:
    """The municipality as it signs its letters; `portaal` is where a creditor answers online."""

    naam: str
    adres: str
    telefoon: str
    logo: str | None = None
    portaal: str | None = None


@dataclass(frozen=True)
class LetterRequest:
    """Write letter `kind` for a traject, dated `datum`; `key` makes it be written once."""

    traject_id: str
    kind: LetterKind
    key: str
    datum: date
    verzoek_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    schuldeiser_id: str | None = None


class LetterActivities:
    """Letter writing and delivery, built once in the worker."""

    def __init__(self, sessions: SessionFactory, afzender: Afzender, mailroom: Mailroom) -> None:
        self._sessions = sessions
        self._afzender = afzender
        self._mailroom = mailroom

    @activity.defn
    def write_letter(self, request: LetterRequest) -> str:
        """Render the letter from the dossier, store it and queue it (a draft is only kept); returns its id."""
        with self._sessions() as session:
            traject = session.get(Traject, request.traject_id)
            if traject is None:
                raise LookupError("traject not registered")
            persoon = session.get(Persoon, traject.persoon_id)
            if persoon is None:
                raise LookupError("person of traject missing")
            # A couple shares one address and one traject: each letter is addressed to both of them.
            client = {
                "naam": client_naam(session, traject),
                "adres": [persoon.straat, f"{persoon.postcode} {persoon.woonplaats}"],
            }
            context: dict[str, Any] = {
                "gemeente": self._sender(session, traject),
                "contactpersoon": contact_person(session, traject),
                "datum": request.datum,
                "kenmerk": reference(traject.id),
                **request.extra,
            }
            ontvanger, channel, extra = self._recipient(session, request, traject, client)
            context |= extra | {"ontvanger": ontvanger}
            brief_id = store_letter(session, _brief(request, traject, ontvanger, context), channel=channel)
            if request.kind in ABOUT_MONEY and (bewindvoerder := _bewindvoerder(session, traject)) is not None:
                # The client's money is in the bewindvoerder's hands: they get a copy of each letter about it.
                copy = {"id": bewindvoerder.id, "naam": bewindvoerder.naam, "aanhef": bewindvoerder.naam}
                copy |= {"adres": [bewindvoerder.team]}
                context |= {"ontvanger": copy, "kopie_voor": client["naam"]}
                kopie = _brief(replace(request, key=f"{request.key}:bewindvoerder"), traject, copy, context)
                kopie.kopie_van = brief_id
                store_letter(session, kopie, channel="post")
            return brief_id

    def _sender(self, session: Session, traject: Traject) -> Afzender:
        """The letterhead of the traject's own gemeente, when the installation serves several."""
        gemeente = session.get(Gemeente, traject.gemeentecode) if traject.gemeentecode else None
        if gemeente is None:
            return self._afzender
        # One installation has one portal, whichever gemeente's letterhead the letter carries.
        return Afzender(gemeente.naam, gemeente.adres, gemeente.telefoon, gemeente.logo, self._afzender.portaal)

    @staticmethod
    def _recipient(
        session: Session, request: LetterRequest, traject: Traject, client: dict[str, Any]
    ) -> tuple[dict[str, Any], str | None, dict[str, Any]]:
        """Who a letter goes to, by which channel (None: a draft, kept and not sent), and what it adds."""
        if request.kind in DRAFTS:
            schuldeiser = session.get(Schuldeiser, request.schuldeiser_id) if request.schuldeiser_id else None
            court = {"id": "concept", "naam": "De rechtbank", "aanhef": "heer, mevrouw", "adres": []}
            return court, None, {"client": client, "schuldeiser": schuldeiser.naam if schuldeiser else ""}
        if request.kind in TO_CREDITOR:
            verzoek = session.get(Verzoek, request.verzoek_id) if request.verzoek_id else None
            schuldeiser_id = request.schuldeiser_id or (verzoek.schuldeiser_id if verzoek else None)
            schuldeiser = session.get(Schuldeiser, schuldeiser_id)
            if schuldeiser is None:
                raise LookupError("creditor missing")
            adres = [schuldeiser.adres or schuldeiser.email or ""]
            ontvanger = {"id": schuldeiser.id, "naam": schuldeiser.naam, "aanhef": "heer, mevrouw", "adres": adres}
            extra = {"client": client} | ({"verstuurd_op": verzoek.verstuurd_op} if verzoek else {})
            return ontvanger, schuldeiser.kanaal, extra
        ontvanger = {"id": "client", "naam": client["naam"], "aanhef": client["naam"], "adres": client["adres"]}
        return ontvanger, "post", letter_context(request.kind, traject)

    @activity.defn
    def deliver_letter(self, brief_id: str) -> None:
        """Send a queued letter, and its copies, through their channel unless the outbox says it was sent."""
        with self._sessions() as session:
            copies = session.exec(select(Brief.id).where(Brief.kopie_van == brief_id).order_by(col(Brief.id))).all()
            for letter_id in [brief_id, *copies]:
                entry = session.get(OutboxEntry, letter_id)
                brief = session.get(Brief, letter_id)
                if entry is None or brief is None:
                    raise LookupError("letter not in outbox")
                if entry.status == OutboxStatus.SENT.value:
                    continue
                entry.attempts += 1
                self._mailroom.post(brief)
                entry.status = OutboxStatus.SENT.value
                entry.sent_at = datetime.now(UTC)
                session.add(entry)
                session.commit()


def _brief(request: LetterRequest, traject: Traject, ontvanger: dict[str, Any], context: dict[str, Any]) -> Brief:
    letter = render_letter(request.kind, context)
    return Brief(
        id=str(uuid.uuid4()),
        key=request.key,
        traject_id=traject.id,
        ontvanger=str(ontvanger["id"]),
        kind=request.kind.value,
        onderwerp=letter.onderwerp,
        html=letter.html,
        created_at=datetime.now(UTC),
    )


def _bewindvoerder(session: Session, traject: Traject) -> Medewerker | None:
    """The client's bewindvoerder linked to the traject now, when the register knows them."""
    linked = [b for b in betrokkenen_of(traject) if b.rol is Betrokkenheid.BEWINDVOERDER and b.tot is None]
    member = session.get(Medewerker, linked[-1].medewerker_id) if linked else None
    return member if member is not None and member.actief else None


def contact_person(session: Session, traject: Traject) -> Medewerker | None:
    """The caseworker a letter names as the one to call (seed 004: one fixed contact person), when the
    register knows them and they still work here; otherwise the letter gives the team's number."""
    member = session.get(Medewerker, traject.caseworker)
    return member if member is not None and member.actief else None


def letter_context(kind: LetterKind, traject: Traject) -> dict[str, Any]:
    """The values a letter of `kind` needs, read from the traject's dossier row."""
    if kind is LetterKind.AANMELDING_BEVESTIGING:
        afspraak = {"op": traject.afspraak_op, "locatie": traject.afspraak_locatie} if traject.afspraak_op else None
        return {
            "crisis": traject.crisis is not None,
            "afspraak": afspraak,
            "meldingsdatum": traject.meldingsdatum,
            "eerste_gesprek_uiterlijk": _due(traject, Clock.EERSTE_GESPREK),
        }
    if kind is LetterKind.ACTIELIJST:
        return {
            "gesprek_op": _met_on(traject, Clock.EERSTE_GESPREK),
            "client_doet": [a for a in traject.actielijst if a["wie"] == "client"],
            "gemeente_doet": [a for a in traject.actielijst if a["wie"] == "gemeente"],
            "gevonden": (traject.inkomenscheck or {}).get("gevonden", []),
            "tandem": (traject.klantprofiel or {}).get("route") == "tandem",
            "beschikking_uiterlijk": _due(traject, Clock.BESCHIKKING),
        }
    if kind in (LetterKind.BESCHIKKING_TOELATING, LetterKind.BESCHIKKING_AFWIJZING):
        beschikking = traject.beschikking or {}
        return {
            "besluit_op": beschikking["besluit_op"],
            "motivering": beschikking["motivering"],
            "bezwaar_uiterlijk": beschikking["bezwaar_uiterlijk"],
        }
    if kind is LetterKind.PLAN_VAN_AANPAK:
        return dict(traject.plan_van_aanpak or {})
    return {}


def _due(traject: Traject, clock: Clock) -> date | None:
    deadline = deadline_of(traject, clock)
    return deadline.uiterlijk if deadline else None


def _met_on(traject: Traject, clock: Clock) -> date | None:
    deadline = deadline_of(traject, clock)
    return deadline.gehaald_op if deadline else None
