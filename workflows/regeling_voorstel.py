"""The proposal of a settlement: sent to every creditor by its channel, reminded and escalated on the policy's
working days, and answered; all accept and the term starts, one refuses and the caseworker chooses."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from domain.regeling_status import Gebeurtenis, RegelingStap
    from domain.schuldregeling import Reactie, RegelingState, VoorstelReactie
    from domain.vordering import escalation_date, reminder_dates, reply_working_days
    from domain.wgs_deadlines import morning_of
    from letters.render import LetterKind

from workflows.clock import ENGINE, wait_until
from workflows.refusals import invalid
from workflows.regeling_dossier import RegelingDossier

Begin = Callable[[date, Gebeurtenis], Awaitable[None]]


class Voorstelronde:
    """The round of the proposal, until every creditor has answered."""

    def __init__(self, dossier: RegelingDossier, begin: Begin) -> None:
        self._dossier = dossier
        self._state = dossier.state
        self._policy = dossier.policy
        self._lock = dossier.lock
        self._begin = begin

    async def run(self) -> None:
        """Send the proposal (once), remind and escalate while answers are missing, then move on."""
        if self._state.version == 0:
            await self._send()
        sent = self._state.voorgesteld_op
        for number, day in enumerate(reminder_dates(sent, self._policy), start=1):
            if await self._answered_before(day):
                break
            async with self._lock:
                for deelnemer in self._state.open_reacties:
                    await self._dossier.to_creditor(
                        deelnemer, LetterKind.HERINNERING_VOORSTEL, f"herinnering:{number}", {"nummer": number}
                    )
                await self._dossier.record(f"voorstel_herinnering_{number}", ENGINE)
        else:
            if not await self._answered_before(escalation_date(sent, self._policy)):
                async with self._lock:
                    for deelnemer in self._state.open_reacties:
                        deelnemer.geescaleerd = True
                    await self._dossier.record("voorstel_geescaleerd", ENGINE)
        await workflow.wait_condition(self._answered)
        async with self._lock:
            if self._dossier.ended():
                return
            if self._state.weigeraars:
                self._dossier.move(Gebeurtenis.GEWEIGERD)
                await self._dossier.record("voorstel_geweigerd", ENGINE)
            else:
                await self._begin(self._dossier.today(), Gebeurtenis.ALLEN_AKKOORD)

    async def _send(self) -> None:
        async with self._lock:
            for deelnemer in self._state.deelnemers:
                deelnemer.voorstel_id = str(workflow.uuid4())
            await self._dossier.record("voorstel_verstuurd", self._dossier.start.caseworker)
            for deelnemer in self._state.deelnemers:
                await self._dossier.to_creditor(
                    deelnemer,
                    LetterKind.VOORSTEL_SCHULDEISER,
                    "voorstel",
                    {"antwoord_werkdagen": reply_working_days(self._policy)},
                )
            await self._dossier.to_client(LetterKind.VOORSTEL_CLIENT, "voorstel", self._dossier.figures())

    def _answered(self) -> bool:
        return not self._state.open_reacties or self._dossier.ended()

    async def _answered_before(self, day: date) -> bool:
        return await wait_until(morning_of(day, self._policy.timezone), self._answered)

    async def answer(self, reactie: VoorstelReactie) -> RegelingState:
        """A creditor accepts or refuses the proposal (a refusal with its reason); also after the escalation."""
        async with self._lock:
            deelnemer = self._dossier.deelnemer(reactie.schuldeiser_id)
            deelnemer.reactie = Reactie.AKKOORD if reactie.akkoord else Reactie.AFGEWEZEN
            deelnemer.reden = reactie.reden or None
            deelnemer.beantwoord_op = self._dossier.today()
            kind = "voorstel_akkoord" if reactie.akkoord else "voorstel_afgewezen"
            actor = reactie.door or reactie.schuldeiser_id
            await self._dossier.record(kind, actor, {"schuldeiser": reactie.schuldeiser_id})
            return self._state

    def check_answer(self, reactie: VoorstelReactie) -> None:
        """Refuse a second answer, and a refusal without its reason."""
        self._dossier.check(RegelingStap.REACTIE)
        if self._dossier.deelnemer(reactie.schuldeiser_id).reactie is not Reactie.OPEN:
            raise invalid([("schuldeiser_id", "heeft al geantwoord")])
        if not reactie.akkoord and not reactie.reden.strip():
            raise invalid([("reden", "zeg waarom u het voorstel afwijst")])
