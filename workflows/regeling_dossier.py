"""What every part of a settlement's workflow shares: its state and status machine, its record on the timeline,
the letters to the client, the creditors and the court, and the figures those letters quote."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from activities.inventarisatie import Bereik, InventarisatieActivities
    from activities.letters import LetterActivities, LetterRequest
    from activities.schuldregeling import RegelingActivities, RegelingRecord
    from domain.kalender import vervaldag
    from domain.keys import key
    from domain.regeling_status import ENDED, Gebeurtenis, RegelingStap, allowed_steps, next_status, waiting_on
    from domain.schuldregeling import Deelnemer, RegelingStart, percentage_tekst
    from letters.render import LetterKind
    from workflows import search_attributes as sa
    from workflows.activity_options import ACTIVITY, write

from workflows.clock import today
from workflows.creditor_mail import notify_creditor
from workflows.refusals import invalid, not_allowed


class RegelingDossier:
    """One settlement's state and its lock, and the means its parts use to move it, record it and write
    about it."""

    def __init__(self, start: RegelingStart) -> None:
        self.start = start
        self.policy = start.policy
        self.state = start.state
        # Held by a step while it changes the state, so two steps never both pass their checks.
        self.lock = asyncio.Lock()
        self._reach: dict[str, Bereik] = {}

    def today(self) -> date:
        """The settlement's date in the municipality."""
        return today(self.policy.timezone)

    def move(self, gebeurtenis: Gebeurtenis) -> None:
        """Take the status `gebeurtenis` leads to, by the table in domain/regeling_status.py."""
        self.state.status = next_status(self.state.status, gebeurtenis)

    def ended(self) -> bool:
        """Whether the settlement is over: settled, or ended early."""
        return self.state.status in ENDED

    def check(self, stap: RegelingStap) -> None:
        """Refuse `stap` when the settlement's status does not allow it, naming what it does allow."""
        allowed = allowed_steps(self.state.status)
        if stap not in allowed:
            raise not_allowed(
                f"Dit kan niet nu de regeling de status '{self.state.status.value}' heeft.",
                self.state.status.value,
                sorted(s.value for s in allowed),
            )

    def deelnemer(self, schuldeiser_id: str) -> Deelnemer:
        """The creditor's part in the settlement, or a refusal when it takes no part."""
        for deelnemer in self.state.deelnemers:
            if deelnemer.schuldeiser_id == schuldeiser_id:
                return deelnemer
        raise invalid(
            [("schuldeiser_id", "onbekend in deze regeling")], "Deze schuldeiser doet niet mee aan de regeling."
        )

    def position(self) -> dict[str, Any]:
        """What has been paid, what is due in all, and the arrears today."""
        return {
            "betaald_cent": self.state.betaald_cent,
            "totaal_cent": self.state.totaal_cent,
            "achterstand_cent": self.state.achterstand_op(self.today()),
        }

    def figures(self, deelnemer: Deelnemer | None = None) -> dict[str, Any]:
        """What a letter says of the settlement, and of one creditor's part in it."""
        state = self.state
        figures: dict[str, Any] = {
            "soort": state.soort.value,
            "maandbedrag_cent": state.afloscapaciteit.maandbedrag_cent,
            "looptijd_maanden": self.policy.looptijd_maanden,
            "totaal_cent": state.totaal_cent,
            "vorderingen_cent": sum(d.vordering_cent for d in state.deelnemers),
            "schuldeisers": len(state.deelnemers),
            "weigeraars": len(state.weigeraars),
            "eerste_betaling": vervaldag(state.ingangsdatum, 1).isoformat() if state.ingangsdatum else "",
        }
        if deelnemer is not None:
            figures |= {
                "vordering_cent": deelnemer.vordering_cent,
                "aandeel_cent": deelnemer.aandeel_cent,
                "ontvangen_cent": deelnemer.ontvangen_cent,
                "percentage": percentage_tekst(deelnemer.aandeel_cent, deelnemer.vordering_cent),
                "percentage_ontvangen": percentage_tekst(deelnemer.ontvangen_cent, deelnemer.vordering_cent),
                "reden": deelnemer.reden or "",
            }
        return figures

    async def record(self, kind: str | None, actor: str, data: dict[str, Any] | None = None) -> None:
        """Project the state; with a `kind`, also put what happened on the traject's timeline (once)."""
        self.state.version += 1
        self.upsert_search_attributes()
        record = RegelingRecord(
            key=key(self.state.traject_id, "regeling", kind, self.state.version) if kind else None,
            kind=kind,
            at=workflow.now(),
            actor=actor,
            state=self.state,
            data=data or {},
        )
        await write(RegelingActivities.record_regeling, record)

    def upsert_search_attributes(self) -> None:
        """On whom the settlement waits, and whose traject it is."""
        sa.upsert(
            [sa.WAITING_ON.value_set(waiting_on(self.state.status)), sa.CASEWORKER.value_set(self.start.caseworker)]
        )

    async def to_client(self, kind: LetterKind, letter: str, extra: dict[str, Any]) -> None:
        """Write the client a letter and post it, once per `letter`."""
        request = LetterRequest(
            self.state.traject_id, kind, key(self.state.traject_id, "regeling", letter), self.today(), extra=extra
        )
        brief_id = await write(LetterActivities.write_letter, request)
        await workflow.execute_activity_method(LetterActivities.deliver_letter, brief_id, **ACTIVITY)

    async def draft(self, kind: LetterKind, deelnemer: Deelnemer | None, extra: dict[str, Any]) -> None:
        """Keep a draft for the court (about one creditor, or none), for the caseworker to send."""
        schuldeiser_id = deelnemer.schuldeiser_id if deelnemer else None
        request = LetterRequest(
            self.state.traject_id,
            kind,
            key(self.state.traject_id, "regeling", kind.value, schuldeiser_id or ""),
            self.today(),
            extra=extra,
            schuldeiser_id=schuldeiser_id,
        )
        await write(LetterActivities.write_letter, request)

    async def to_creditor(self, deelnemer: Deelnemer, kind: LetterKind, letter: str, extra: dict[str, Any]) -> None:
        """Reach a creditor about its part by its own channel, once per `letter`."""
        reach = self._reach.get(deelnemer.schuldeiser_id)
        if reach is None:
            reach = await workflow.execute_activity_method(
                InventarisatieActivities.creditor_reach, deelnemer.schuldeiser_id, **ACTIVITY
            )
            self._reach[deelnemer.schuldeiser_id] = reach
        request = LetterRequest(
            self.state.traject_id,
            kind,
            key(deelnemer.voorstel_id, letter),
            self.today(),
            extra=self.figures(deelnemer) | extra,
            schuldeiser_id=deelnemer.schuldeiser_id,
        )
        await notify_creditor(reach, request, "voorstellen", deelnemer.voorstel_id)

    async def final_accounts(self) -> None:
        """Each creditor's final account."""
        for deelnemer in self.state.deelnemers:
            await self.to_creditor(deelnemer, LetterKind.EINDAFREKENING, "eindafrekening", self.figures(deelnemer))
