"""One request to one creditor: notice and request for the claim, reminders, escalation, the answer."""

from __future__ import annotations

from typing import Any

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from activities.inventarisatie import Bereik, InventarisatieActivities, VerzoekRecord
    from activities.letters import LetterRequest
    from domain.keys import key
    from domain.vordering import (
        Afgewezen,
        Ingediend,
        VerzoekStart,
        VerzoekState,
        VerzoekStatus,
        VerzoekUitkomst,
        VorderingBron,
        claim_problems,
        escalation_date,
        reminder_dates,
        reply_working_days,
    )
    from domain.wgs_deadlines import morning_of
    from letters.render import LetterKind
    from workflows.activity_options import ACTIVITY, SCHULDEISER_IN_DE_TAAK, write

from workflows import signalen
from workflows.clock import ENGINE, today, wait_until
from workflows.creditor_mail import notify_creditor
from workflows.refusals import check_fields, not_allowed


@workflow.defn
class VorderingWorkflow:
    """Drives one creditor request: sends the kennisgeving with the saldoverzoek through the creditor's
    channel, reminds on the policy's working days, escalates to the caseworker, and accepts the answer
    whenever it comes (after the escalation too). It reports escalation and its end to the traject."""

    @workflow.init
    def __init__(self, start: VerzoekStart) -> None:
        self._start = start
        self._policy = start.policy
        self._reach = Bereik("post", webhook=False)
        self._traject_gestopt = False
        self._state = VerzoekState(
            verzoek_id=start.verzoek_id,
            traject_id=start.traject_id,
            schuldeiser_id=start.schuldeiser_id,
            status=VerzoekStatus.OPEN,
            verstuurd_op=today(self._policy.timezone),
        )

    @workflow.run
    async def run(self, start: VerzoekStart) -> VerzoekUitkomst:
        """Send, remind, escalate, and wait for the answer or a withdrawal."""
        self._reach = await workflow.execute_activity_method(
            InventarisatieActivities.creditor_reach, start.schuldeiser_id, **ACTIVITY
        )
        await self._record("verstuurd", ENGINE)
        notice: dict[str, Any] = {"antwoord_werkdagen": reply_working_days(self._policy)}
        await self._notify(LetterKind.KENNISGEVING, "kennisgeving", notice)
        for number, day in enumerate(reminder_dates(self._state.verstuurd_op, self._policy), start=1):
            if await wait_until(morning_of(day, self._policy.timezone), self._closed):
                break
            self._state.herinnerd_op.append(today(self._policy.timezone))
            await self._record(f"herinnering_{number}", ENGINE)
            await self._notify(LetterKind.HERINNERING_SCHULDEISER, f"herinnering:{number}", {"nummer": number})
        else:
            escalate_at = morning_of(escalation_date(self._state.verstuurd_op, self._policy), self._policy.timezone)
            if not await wait_until(escalate_at, self._closed):
                self._state.geescaleerd_op = today(self._policy.timezone)
                await self._record("geescaleerd", ENGINE)
                await self._traject().signal(signalen.VERZOEK_GEESCALEERD, self._state.verzoek_id)
                await workflow.wait_condition(self._closed)
        await workflow.wait_condition(workflow.all_handlers_finished)
        outcome = VerzoekUitkomst(
            self._state.verzoek_id, self._state.schuldeiser_id, self._state.status, self._state.ingediend
        )
        if not self._traject_gestopt:
            await self._traject().signal(signalen.VERZOEK_AFGEROND, outcome)
        return outcome

    @workflow.query
    def state(self) -> VerzoekState:
        """The request's live state."""
        return self._state

    @workflow.update
    async def indienen(self, ingediend: Ingediend) -> VerzoekState:
        """A claim: from the creditor, from paper, or the client's own figures for an unreachable creditor."""
        self._check_open()
        unreachable = ingediend.bron is VorderingBron.CLIENT
        self._state.status = VerzoekStatus.ONBEREIKBAAR if unreachable else VerzoekStatus.BEANTWOORD
        self._state.ingediend = ingediend
        kind = "onbereikbaar" if unreachable else "vordering_ontvangen"
        return await self._answer(kind, ingediend.door or ingediend.bron.value)

    @indienen.validator
    def _validate_indienen(self, ingediend: Ingediend) -> None:
        self._check_open()
        check_fields(claim_problems(ingediend.vordering, today(self._policy.timezone)), "De vordering klopt niet.")

    @workflow.update
    async def geen_medewerking(self, afgewezen: Afgewezen) -> VerzoekState:
        """The creditor will not cooperate, and says why; the caseworker sees it at once."""
        self._check_open()
        self._state.status = VerzoekStatus.GEEN_MEDEWERKING
        self._state.reden = afgewezen.reden
        return await self._answer("geen_medewerking", afgewezen.door or "schuldeiser")

    @geen_medewerking.validator
    def _validate_geen_medewerking(self, afgewezen: Afgewezen) -> None:
        self._check_open()

    @workflow.update
    async def intrekken(self, afgewezen: Afgewezen) -> VerzoekState:
        """The caseworker withdraws the request; nothing more is sent."""
        self._check_open()
        self._state.status = VerzoekStatus.INGETROKKEN
        self._state.reden = afgewezen.reden
        return await self._answer("ingetrokken", afgewezen.door or "hulpverlener")

    @intrekken.validator
    def _validate_intrekken(self, afgewezen: Afgewezen) -> None:
        self._check_open()

    @workflow.signal(name=signalen.TRAJECT_GESTOPT)
    async def traject_gestopt(self) -> None:
        """The traject ended early: the request is withdrawn and nothing more is sent. The traject has
        closed already, so nothing is reported back."""
        if self._closed():
            return
        self._traject_gestopt = True
        self._state.status = VerzoekStatus.INGETROKKEN
        self._state.reden = "Het traject is beëindigd."
        await self._answer("ingetrokken", ENGINE)

    def _check_open(self) -> None:
        if self._state.status is not VerzoekStatus.OPEN:
            raise not_allowed(f"Dit verzoek is al afgerond ({self._state.status.value}).", self._state.status.value)

    async def _answer(self, kind: str, actor: str) -> VerzoekState:
        self._state.beantwoord_op = today(self._policy.timezone)
        await self._record(kind, actor)
        return self._state

    def _closed(self) -> bool:
        return self._state.status is not VerzoekStatus.OPEN

    async def _record(self, kind: str, actor: str) -> None:
        self._state.version += 1
        record = VerzoekRecord(key(self._state.verzoek_id, kind), kind, workflow.now(), actor, self._state)
        await write(InventarisatieActivities.record_verzoek, record, SCHULDEISER_IN_DE_TAAK)

    async def _notify(self, kind: LetterKind, letter: str, extra: dict[str, Any]) -> None:
        request = LetterRequest(
            self._state.traject_id,
            kind,
            key(self._state.verzoek_id, letter),
            today(self._policy.timezone),
            self._state.verzoek_id,
            extra,
            self._state.schuldeiser_id,
        )
        await notify_creditor(self._reach, request, "verzoeken", self._state.verzoek_id)

    def _traject(self) -> workflow.ExternalWorkflowHandle[object]:
        return workflow.get_external_workflow_handle(self._start.traject_workflow_id)
