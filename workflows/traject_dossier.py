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
    from domain.overdracht import Overdracht
    from domain.phases import Phase, Step, allowed_steps, phase_after
    from domain.traject import TrajectStart, TrajectState
    from domain.wgs_deadlines import end_of_day
    from letters.render import LetterKind
    from workflows import search_attributes as sa
    from workflows.activity_options import ACTIVITY, write

from workflows.clock import today
from workflows.refusals import not_allowed

# A step answers once its record and its letter are in the dossier; the letter's post goes on after the
# answer. It is scheduled in the workflow task that completes the step, so it is as durable as the step
# itself. Runs that began before waited for the post inside the step, and replay so.
POST_NA_ANTWOORD = "post-na-antwoord"


class TrajectDossier:
    """The state of one traject and the means every stage uses: phase checks, the timeline, letters. Its
    lock is held by a step while it changes the state, so two steps never both pass their checks."""

    def __init__(self, start: TrajectStart, state: TrajectState) -> None:
        self.start = start
        self.policy = start.policy
        self.state = state
        self.lock = asyncio.Lock()
        self._posts: list[workflow.ActivityHandle[None]] = []

    def check_step(self, step: Step) -> None:
        """Refuse `step` when the phase does not allow it, naming the steps it does allow."""
        allowed = allowed_steps(self.state.phase)
        if step not in allowed:
            raise not_allowed(
                f"Stap '{step.value}' kan niet in fase '{self.state.phase.value}'.",
                self.state.phase.value,
                [s.value for s in allowed],
            )

    async def enter(self, step: Step, actor: str, toegelaten: bool = True) -> None:
        """Move to the phase `step` leads to, and record the step."""
        phase = phase_after(step, self.state.phase, toegelaten)
        if phase is not self.state.phase:
            self.state.phase = phase
            self.state.phase_since = workflow.now()
        await self.record(step.value, actor or self.state.caseworker)

    async def record(self, kind: str | None, actor: str, data: dict[str, Any] | None = None) -> None:
        """Project the state; with a `kind`, also put the step on the timeline (once per key)."""
        self.state.version += 1
        self.upsert_search_attributes()
        record = StepRecord(
            key=key(self.state.traject_id, kind, self.state.version) if kind else None,
            kind=kind,
            at=workflow.now(),
            actor=actor,
            state=replace(self.state, deadlines=[replace(d) for d in self.state.deadlines]),
            data=data or {},
        )
        await write(DossierActivities.record_step, record)

    async def send_letter(
        self,
        kind: LetterKind,
        letter_key: str | None = None,
        schuldeiser_id: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        """Write a letter and post it: the post goes on after the caller has moved on."""
        brief_id = await self.write_letter(kind, letter_key, schuldeiser_id, extra)
        post = workflow.start_activity_method(LetterActivities.deliver_letter, brief_id, **ACTIVITY)
        if workflow.patched(POST_NA_ANTWOORD):
            self._posts.append(post)
        else:
            await post

    async def posted(self) -> None:
        """Wait until every letter written so far has been posted; a post refused for good fails the run here."""
        await asyncio.gather(*self._posts)

    async def write_letter(
        self,
        kind: LetterKind,
        letter_key: str | None = None,
        schuldeiser_id: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> str:
        """Write a letter and keep it (delivery is separate; a draft is never delivered). A letter without
        its own key is written once per traject."""
        request = LetterRequest(
            self.state.traject_id,
            kind,
            letter_key or key(self.state.traject_id, kind.value),
            today(self.policy.timezone),
            extra=extra or {},
            schuldeiser_id=schuldeiser_id,
        )
        return await write(LetterActivities.write_letter, request)

    async def hand_over(self, overdracht: Overdracht) -> None:
        """Move the traject to another caseworker: their werkvoorraad, the search attributes and the defaults of
        every later step follow at once; the timeline keeps who, when and why, with the note; the client gets
        a letter introducing the new contact person. The caller holds the lock."""
        van = self.state.caseworker
        self.state.caseworker = overdracht.naar
        data = {"van": van, "naar": overdracht.naar, "reden": overdracht.reden.value, "notitie": overdracht.notitie}
        await self.record("overdracht", overdracht.door or van, data)
        letter_key = key(self.state.traject_id, "overdracht", self.state.version)
        await self.send_letter(LetterKind.OVERDRACHT, letter_key)

    def upsert_search_attributes(self) -> None:
        """Where the traject is, for supervisors searching Temporal."""
        next_deadline = self.state.next_deadline
        sa.upsert(
            [
                sa.PHASE.value_set(self.state.phase.value),
                sa.PHASE_SINCE.value_set(self.state.phase_since),
                sa.DEADLINE_BREACHED.value_set(self.state.deadline_breached),
                sa.CASEWORKER.value_set(self.state.caseworker),
                sa.WAITING_ON.value_set(self._waiting_on()),
                sa.NEXT_DEADLINE.value_set(end_of_day(next_deadline, self.policy.timezone))
                if next_deadline
                else sa.NEXT_DEADLINE.value_unset(),
            ]
        )

    def _waiting_on(self) -> str:
        if self.state.open_requests:
            return "schuldeisers"
        if self.state.phase is Phase.SCHULDREGELING:
            return "regeling"
        return "hulpverlener" if allowed_steps(self.state.phase) else "niemand"

    def closed(self) -> bool:
        """Whether the traject has ended."""
        return self.state.phase is Phase.AFGESLOTEN

    def check_open(self) -> None:
        """Refuse a step on a traject that has ended."""
        if self.closed():
            raise not_allowed("Dit traject is al afgesloten.", self.state.phase.value)
