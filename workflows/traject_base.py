"""What every part of the traject workflow shares: its state, the phase rules, recording and letters."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import Any

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from activities.dossier import DossierActivities, StepRecord
    from activities.letters import LetterActivities, LetterRequest
    from domain.keys import key
    from domain.phases import Phase, Step, allowed_steps, phase_after
    from domain.policy import Policy
    from domain.traject import TrajectStart, TrajectState
    from domain.wgs_deadlines import end_of_day
    from letters.render import LetterKind
    from workflows import search_attributes as sa
    from workflows.activity_options import ACTIVITY

from workflows.clock import today
from workflows.refusals import not_allowed


class TrajectBase:
    """The state of one traject and the means its handlers share: phase checks, the timeline, letters.

    The traject workflow is composed of this base and one handler class per stage of the process, so
    each file holds one stage; `TrajectWorkflow` sets the attributes declared here.
    """

    _start: TrajectStart
    _policy: Policy
    _state: TrajectState
    _lock: asyncio.Lock

    def _check_step(self, step: Step) -> None:
        allowed = allowed_steps(self._state.phase)
        if step not in allowed:
            raise not_allowed(
                f"Stap '{step.value}' kan niet in fase '{self._state.phase.value}'.",
                self._state.phase.value,
                [s.value for s in allowed],
            )

    async def _enter(self, step: Step, actor: str, toegelaten: bool = True) -> None:
        """Move to the phase `step` leads to, and record the step."""
        phase = phase_after(step, self._state.phase, toegelaten)
        if phase is not self._state.phase:
            self._state.phase = phase
            self._state.phase_since = workflow.now()
        await self._record(step.value, actor or self._start.caseworker)

    async def _record(self, kind: str | None, actor: str, data: dict[str, Any] | None = None) -> None:
        """Project the state; with a `kind`, also put the step on the timeline (once per key)."""
        self._state.version += 1
        self._upsert_search_attributes()
        await workflow.execute_activity_method(
            DossierActivities.record_step,
            StepRecord(
                key=key(self._state.traject_id, kind, self._state.version) if kind else None,
                kind=kind,
                at=workflow.now(),
                actor=actor,
                state=replace(self._state, deadlines=[replace(d) for d in self._state.deadlines]),
                data=data or {},
            ),
            **ACTIVITY,
        )

    async def _send_letter(
        self,
        kind: LetterKind,
        letter_key: str | None = None,
        schuldeiser_id: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        brief_id = await self._write_letter(kind, letter_key, schuldeiser_id, extra)
        await workflow.execute_activity_method(LetterActivities.deliver_letter, brief_id, **ACTIVITY)

    async def _write_letter(
        self,
        kind: LetterKind,
        letter_key: str | None = None,
        schuldeiser_id: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> str:
        """Write a letter and keep it (delivery is separate; a draft is never delivered). A letter without
        its own key is written once per traject."""
        request = LetterRequest(
            self._state.traject_id,
            kind,
            letter_key or key(self._state.traject_id, kind.value),
            today(self._policy.timezone),
            extra=extra or {},
            schuldeiser_id=schuldeiser_id,
        )
        return await workflow.execute_activity_method(LetterActivities.write_letter, request, **ACTIVITY)

    def _upsert_search_attributes(self) -> None:
        next_deadline = self._state.next_deadline
        workflow.upsert_search_attributes(
            [
                sa.PHASE.value_set(self._state.phase.value),
                sa.PHASE_SINCE.value_set(self._state.phase_since),
                sa.DEADLINE_BREACHED.value_set(self._state.deadline_breached),
                sa.CASEWORKER.value_set(self._state.caseworker),
                sa.WAITING_ON.value_set(self._waiting_on()),
                sa.NEXT_DEADLINE.value_set(end_of_day(next_deadline, self._policy.timezone))
                if next_deadline
                else sa.NEXT_DEADLINE.value_unset(),
            ]
        )

    def _waiting_on(self) -> str:
        if self._state.open_requests:
            return "schuldeisers"
        if self._state.phase is Phase.SCHULDREGELING:
            return "regeling"
        return "hulpverlener" if allowed_steps(self._state.phase) else "niemand"

    def _closed(self) -> bool:
        return self._state.phase is Phase.AFGESLOTEN
