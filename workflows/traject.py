"""The traject of one client: aanmelding, first conversation, beschikking, plan van aanpak, stabilisatie."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from activities.dossier import DossierActivities, Registration
    from domain.klantprofiel import klantprofiel
    from domain.phases import Phase, Step
    from domain.traject import (
        Beschikking,
        Besluit,
        Clock,
        Deadline,
        EersteGesprek,
        PlanVanAanpak,
        TrajectStart,
        TrajectState,
        aanmelding_problems,
        step_problems_beschikking,
        step_problems_eerste_gesprek,
    )
    from domain.wgs_deadlines import (
        beschikking_deadline,
        end_of_day,
        first_conversation_deadline,
        objection_deadline,
    )
    from letters.render import LetterKind
    from workflows.activity_options import ACTIVITY

# The handler classes are workflow code: imported in the sandbox, not passed through.
from workflows.clock import ENGINE, today, until, wait_until
from workflows.refusals import check_fields
from workflows.traject_nazorg import NazorgHandlers


@dataclass(frozen=True)
class TrajectResult:
    """How a traject ended."""

    phase: Phase
    closed_after: Phase | None


@workflow.defn
class TrajectWorkflow(NazorgHandlers):
    """Drives one client's traject through the Wgs process and watches its legal clocks.

    Every caseworker step is an Update with a validator, so a step that does not fit the phase is refused
    before anything changes. Each recorded step is written to the dossier and answered with the client's
    letter by idempotent activities. A clock that runs out marks the breach on the traject and in search
    attributes, and the step can still be recorded afterwards. The handlers of later stages live in their
    own classes (`InventarisatieHandlers`, `SchuldregelingHandlers`, `NazorgHandlers`); this class holds
    the start, the clocks and admission. The settlement runs in its own child workflow; after afronding
    the traject keeps nazorg, then closes.
    """

    @workflow.init
    def __init__(self, start: TrajectStart) -> None:
        self._start = start
        self._policy = start.policy
        aanmelding = start.aanmelding
        # The API refuses these; a start that slipped past it fails the workflow in `run`, instead of
        # failing every workflow task on a date the clock cannot count from.
        self._refused = aanmelding_problems(aanmelding, today(start.policy.timezone), start.policy.timezone)
        due = (
            aanmelding.meldingsdatum
            if self._refused
            else first_conversation_deadline(aanmelding.meldingsdatum, aanmelding.crisis is not None, self._policy)
        )
        self._state = TrajectState(
            traject_id=start.traject_id,
            caseworker=start.caseworker,
            phase=Phase.AANMELDING,
            phase_since=workflow.now(),
            meldingsdatum=aanmelding.meldingsdatum,
            crisis=aanmelding.crisis,
            deadlines=[Deadline(Clock.EERSTE_GESPREK, due)],
            vorig_traject=start.vorig_traject,
        )
        self._registered = False
        self._lock = asyncio.Lock()
        self._regeling = None

    @workflow.run
    async def run(self, start: TrajectStart) -> TrajectResult:
        """Register, confirm by letter, then keep each Wgs clock until the traject leaves the steps it covers."""
        check_fields(self._refused, "De aanmelding bevat ongeldige gegevens.")
        await workflow.execute_activity_method(
            DossierActivities.register_aanmelding,
            Registration(start, self._state),
            **ACTIVITY,
        )
        await self._send_letter(LetterKind.AANMELDING_BEVESTIGING)
        self._registered = True
        self._upsert_search_attributes()
        await self._keep_clock(Clock.EERSTE_GESPREK)
        await self._keep_clock(Clock.BESCHIKKING)
        if self._state.phase is Phase.AFGESLOTEN and self._state.bezwaar_uiterlijk is not None:
            # A refused client may still object; the traject stays open to hear it until the term ends.
            await workflow.sleep(until(end_of_day(self._state.bezwaar_uiterlijk, self._policy.timezone)))
        else:
            await workflow.wait_condition(lambda: self._state.phase in (Phase.SCHULDREGELING, Phase.AFGESLOTEN))
            if await self._settle():
                await self._after_afronding()
        await workflow.wait_condition(workflow.all_handlers_finished)
        return TrajectResult(self._state.phase, self._state.closed_after)

    @workflow.query
    def state(self) -> TrajectState:
        """The traject's live state."""
        return self._state

    @workflow.update
    async def wait_registered(self) -> TrajectState:
        """Returns once the aanmelding is in the dossier and its letter is written."""
        await workflow.wait_condition(lambda: self._registered)
        return self._state

    @workflow.update
    async def eerste_gesprek(self, gesprek: EersteGesprek) -> TrajectState:
        """Record the first conversation: klantprofiel, route and actielijst."""
        async with self._lock:
            await workflow.wait_condition(lambda: self._registered)
            self._check_step(Step.EERSTE_GESPREK)
            due = beschikking_deadline(gesprek.gehouden_op, self._policy)
            self._meet_clock(Clock.EERSTE_GESPREK, gesprek.gehouden_op)
            self._state.deadlines.append(Deadline(Clock.BESCHIKKING, due))
            self._state.eerste_gesprek = gesprek
            self._state.klantprofiel = klantprofiel(
                gesprek.ernst, gesprek.zelfredzaamheid, crisis=self._state.crisis is not None
            )
            await self._enter(Step.EERSTE_GESPREK, gesprek.door)
            await self._send_letter(LetterKind.ACTIELIJST)
            return self._state

    @eerste_gesprek.validator
    def _validate_eerste_gesprek(self, gesprek: EersteGesprek) -> None:
        self._check_step(Step.EERSTE_GESPREK)
        check_fields(step_problems_eerste_gesprek(self._state, gesprek, today(self._policy.timezone)))

    @workflow.update
    async def beschikking(self, beschikking: Beschikking) -> TrajectState:
        """Record the decision on admission; a refusal closes the traject after the objection term."""
        async with self._lock:
            self._check_step(Step.BESCHIKKING)
            toegelaten = beschikking.besluit is Besluit.TOELATING
            self._meet_clock(Clock.BESCHIKKING, beschikking.besluit_op)
            self._state.beschikking = beschikking
            self._state.bezwaar_uiterlijk = objection_deadline(beschikking.besluit_op, self._policy)
            if not toegelaten:
                self._state.closed_after = self._state.phase
            await self._enter(Step.BESCHIKKING, beschikking.door, toegelaten)
            letter = LetterKind.BESCHIKKING_TOELATING if toegelaten else LetterKind.BESCHIKKING_AFWIJZING
            await self._send_letter(letter)
            return self._state

    @beschikking.validator
    def _validate_beschikking(self, beschikking: Beschikking) -> None:
        self._check_step(Step.BESCHIKKING)
        check_fields(step_problems_beschikking(self._state, beschikking, today(self._policy.timezone)))

    @workflow.update
    async def plan_van_aanpak(self, plan: PlanVanAanpak) -> TrajectState:
        """Record the plan van aanpak; the traject enters stabilisatie."""
        async with self._lock:
            self._check_step(Step.PLAN_VAN_AANPAK)
            self._state.plan_van_aanpak = plan
            await self._enter(Step.PLAN_VAN_AANPAK, plan.door)
            await self._send_letter(LetterKind.PLAN_VAN_AANPAK)
            return self._state

    @plan_van_aanpak.validator
    def _validate_plan_van_aanpak(self, plan: PlanVanAanpak) -> None:
        self._check_step(Step.PLAN_VAN_AANPAK)

    async def _keep_clock(self, clock: Clock) -> None:
        """Wait for `clock` to be met; if its last day passes first, record the breach and keep waiting."""
        deadline = self._state.deadline(clock)
        if deadline is None:
            await workflow.wait_condition(lambda: self._state.deadline(clock) is not None or self._closed())
            deadline = self._state.deadline(clock)
            if deadline is None:
                return

        def met() -> bool:
            return deadline.gehaald_op is not None or self._closed()

        if not await wait_until(end_of_day(deadline.uiterlijk, self._policy.timezone), met):
            async with self._lock:
                if not met():
                    deadline.overschreden = True
                    await self._record(f"termijn_overschreden:{clock.value}", ENGINE)
            await workflow.wait_condition(met)

    def _meet_clock(self, clock: Clock, on: date) -> None:
        deadline = self._state.deadline(clock)
        if deadline is not None:
            deadline.gehaald_op = on
            deadline.overschreden = on > deadline.uiterlijk
