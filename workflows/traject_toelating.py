"""The traject's first stage: the first conversation, the beschikking and the plan van aanpak, and the Wgs
clocks that run over them (first conversation within 4 weeks or 3 working days; beschikking within 8 weeks)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from domain.klantprofiel import klantprofiel
    from domain.phases import Step
    from domain.traject import (
        Beschikking,
        Besluit,
        Clock,
        Deadline,
        EersteGesprek,
        PlanVanAanpak,
        TrajectState,
        step_problems_beschikking,
        step_problems_eerste_gesprek,
    )
    from domain.wgs_deadlines import beschikking_deadline, end_of_day, objection_deadline
    from letters.render import LetterKind

from workflows.clock import ENGINE, today, wait_until
from workflows.refusals import check_fields
from workflows.traject_dossier import TrajectDossier

# Trajecten that entered stabilisation before the do's & don'ts card went out at its start got it only with
# a first collection measure; their histories replay so.
DOS_EN_DONTS_BIJ_STABILISATIE = "dos-en-donts-bij-stabilisatie"


class Toelating:
    """Admission, from the first conversation to the plan van aanpak, with its clocks."""

    def __init__(self, dossier: TrajectDossier, registered: Callable[[], bool]) -> None:
        self._dossier = dossier
        self._policy = dossier.policy
        self._state = dossier.state
        self._lock = dossier.lock
        self._registered = registered

    async def eerste_gesprek(self, gesprek: EersteGesprek) -> TrajectState:
        """Record the first conversation: klantprofiel, route and actielijst."""
        async with self._lock:
            await workflow.wait_condition(self._registered)
            self._dossier.check_step(Step.EERSTE_GESPREK)
            due = beschikking_deadline(gesprek.gehouden_op, self._policy)
            self._meet_clock(Clock.EERSTE_GESPREK, gesprek.gehouden_op)
            self._state.deadlines.append(Deadline(Clock.BESCHIKKING, due))
            self._state.eerste_gesprek = gesprek
            self._state.klantprofiel = klantprofiel(
                gesprek.ernst, gesprek.zelfredzaamheid, crisis=self._state.crisis is not None
            )
            await self._dossier.enter(Step.EERSTE_GESPREK, gesprek.door)
            await self._dossier.send_letter(LetterKind.ACTIELIJST)
            return self._state

    def check_eerste_gesprek(self, gesprek: EersteGesprek) -> None:
        """Refuse a conversation out of phase, before the meldingsdatum or in the future."""
        self._dossier.check_step(Step.EERSTE_GESPREK)
        check_fields(step_problems_eerste_gesprek(self._state, gesprek, today(self._policy.timezone)))

    async def beschikking(self, beschikking: Beschikking) -> TrajectState:
        """Record the decision on admission; a refusal closes the traject after the objection term."""
        async with self._lock:
            self._dossier.check_step(Step.BESCHIKKING)
            toegelaten = beschikking.besluit is Besluit.TOELATING
            self._meet_clock(Clock.BESCHIKKING, beschikking.besluit_op)
            self._state.beschikking = beschikking
            self._state.bezwaar_uiterlijk = objection_deadline(beschikking.besluit_op, self._policy)
            if not toegelaten:
                self._state.closed_after = self._state.phase
            await self._dossier.enter(Step.BESCHIKKING, beschikking.door, toegelaten)
            letter = LetterKind.BESCHIKKING_TOELATING if toegelaten else LetterKind.BESCHIKKING_AFWIJZING
            await self._dossier.send_letter(letter)
            return self._state

    def check_beschikking(self, beschikking: Beschikking) -> None:
        """Refuse a decision out of phase, before the conversation or in the future."""
        self._dossier.check_step(Step.BESCHIKKING)
        check_fields(step_problems_beschikking(self._state, beschikking, today(self._policy.timezone)))

    async def plan_van_aanpak(self, plan: PlanVanAanpak) -> TrajectState:
        """Record the plan van aanpak; the traject enters stabilisatie."""
        async with self._lock:
            self._dossier.check_step(Step.PLAN_VAN_AANPAK)
            self._state.plan_van_aanpak = plan
            await self._dossier.enter(Step.PLAN_VAN_AANPAK, plan.door)
            await self._dossier.send_letter(LetterKind.PLAN_VAN_AANPAK)
            if workflow.patched(DOS_EN_DONTS_BIJ_STABILISATIE):
                # The card helps most before the first creditor calls, not after (seed 004).
                await self._dossier.send_letter(LetterKind.DOS_EN_DONTS, extra={"bij_stabilisatie": True})
            return self._state

    def check_plan_van_aanpak(self, plan: PlanVanAanpak) -> None:
        """Refuse a plan out of phase."""
        self._dossier.check_step(Step.PLAN_VAN_AANPAK)

    async def keep_clock(self, clock: Clock) -> None:
        """Wait for `clock` to be met; if its last day passes first, record the breach and keep waiting."""
        deadline = self._state.deadline(clock)
        if deadline is None:
            await workflow.wait_condition(lambda: self._state.deadline(clock) is not None or self._dossier.closed())
            deadline = self._state.deadline(clock)
            if deadline is None:
                return

        def met() -> bool:
            return deadline.gehaald_op is not None or self._dossier.closed()

        if not await wait_until(end_of_day(deadline.uiterlijk, self._policy.timezone), met):
            async with self._lock:
                if not met():
                    deadline.overschreden = True
                    await self._dossier.record(f"termijn_overschreden:{clock.value}", ENGINE)
            await workflow.wait_condition(met)

    def _meet_clock(self, clock: Clock, on: date) -> None:
        deadline = self._state.deadline(clock)
        if deadline is not None:
            deadline.gehaald_op = on
            deadline.overschreden = on > deadline.uiterlijk
