"""The traject of one client: aanmelding, first conversation, beschikking, plan van aanpak, stabilisatie."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from datetime import date, timedelta

from temporalio import workflow
from temporalio.exceptions import ApplicationError
from temporalio.workflow import ParentClosePolicy

with workflow.unsafe.imports_passed_through():
    from activities.dossier import DossierActivities, Registration, StepRecord
    from activities.inventarisatie import InventarisatieActivities, VerzoekRecord
    from activities.letters import LetterActivities, LetterRequest
    from domain.klantprofiel import klantprofiel
    from domain.phases import Phase, Step, allowed_steps, phase_after
    from domain.traject import (
        Beschikking,
        Besluit,
        Clock,
        Deadline,
        EersteGesprek,
        Incassomaatregel,
        Maatregelstand,
        PlanVanAanpak,
        SchuldeisersToevoegen,
        TrajectStart,
        TrajectState,
        Verzoekstand,
        step_problems_beschikking,
        step_problems_eerste_gesprek,
        step_problems_schuldeisers,
    )
    from domain.vordering import VerzoekStart, VerzoekState, VerzoekStatus, VerzoekUitkomst
    from domain.wgs_deadlines import (
        beschikking_deadline,
        end_of_day,
        first_conversation_deadline,
        local_date,
        objection_deadline,
    )
    from letters.render import LetterKind
    from workflows import search_attributes as sa
    from workflows.activity_options import ACTIVITY
    from workflows.vordering import SIGNAL_ESCALATED, SIGNAL_FINISHED, VorderingWorkflow

# The actor on the timeline for what the engine itself observes, such as a clock running out.
ENGINE = "systeem"


@dataclass(frozen=True)
class TrajectResult:
    """How a traject ended."""

    phase: Phase
    closed_after: Phase | None


@workflow.defn
class TrajectWorkflow:
    """Drives one client's traject through the Wgs process and watches its legal clocks.

    Every caseworker step is an Update with a validator, so a step that does not fit the phase is refused
    before anything changes. Each recorded step is written to the dossier and answered with the client's
    letter by idempotent activities. A clock that runs out marks the breach on the traject and in search
    attributes, and the step can still be recorded afterwards.
    """

    @workflow.init
    def __init__(self, start: TrajectStart) -> None:
        self._start = start
        self._policy = start.policy
        aanmelding = start.aanmelding
        due = first_conversation_deadline(aanmelding.meldingsdatum, aanmelding.crisis is not None, self._policy)
        self._state = TrajectState(
            traject_id=start.traject_id,
            caseworker=start.caseworker,
            phase=Phase.AANMELDING,
            phase_since=workflow.now(),
            meldingsdatum=aanmelding.meldingsdatum,
            crisis=aanmelding.crisis,
            deadlines=[Deadline(Clock.EERSTE_GESPREK, due)],
        )
        self._registered = False
        self._lock = asyncio.Lock()

    @workflow.run
    async def run(self, start: TrajectStart) -> TrajectResult:
        """Register, confirm by letter, then keep each Wgs clock until the traject leaves the steps it covers."""
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
            await workflow.sleep(self._until(self._state.bezwaar_uiterlijk))
        else:
            await workflow.wait_condition(lambda: self._state.phase is Phase.AFGESLOTEN)
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
        self._check_fields(step_problems_eerste_gesprek(self._state, gesprek, self._today()))

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
        self._check_fields(step_problems_beschikking(self._state, beschikking, self._today()))

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

    @workflow.update
    async def schuldeisers_toevoegen(self, step: SchuldeisersToevoegen) -> TrajectState:
        """Ask each creditor for its claim: one request workflow per creditor, which outlives a
        continue-as-new of this traject (abandoned on close, fixed id) and reports back by signal."""
        async with self._lock:
            self._check_step(Step.SCHULDEISERS_TOEVOEGEN)
            starts = [
                VerzoekStart(
                    str(workflow.uuid4()), self._state.traject_id, sid, self._policy, workflow.info().workflow_id
                )
                for sid in step.schuldeiser_ids
            ]
            today = self._today()
            await workflow.execute_activity_method(
                InventarisatieActivities.open_verzoeken,
                [
                    VerzoekRecord(
                        f"{s.verzoek_id}:aangevraagd",
                        "aangevraagd",
                        workflow.now(),
                        step.door or self._start.caseworker,
                        VerzoekState(s.verzoek_id, s.traject_id, s.schuldeiser_id, VerzoekStatus.OPEN, today),
                    )
                    for s in starts
                ],
                **ACTIVITY,
            )
            for start in starts:
                await workflow.start_child_workflow(
                    VorderingWorkflow.run,
                    start,
                    id=f"vordering-{start.verzoek_id}",
                    parent_close_policy=ParentClosePolicy.ABANDON,
                )
                self._state.verzoeken.append(Verzoekstand(start.verzoek_id, start.schuldeiser_id))
            await self._enter(Step.SCHULDEISERS_TOEVOEGEN, step.door)
            return self._state

    @schuldeisers_toevoegen.validator
    def _validate_schuldeisers_toevoegen(self, step: SchuldeisersToevoegen) -> None:
        self._check_step(Step.SCHULDEISERS_TOEVOEGEN)
        self._check_fields(step_problems_schuldeisers(self._state, step))

    @workflow.update
    async def incassomaatregel(self, maatregel: Incassomaatregel) -> TrajectState:
        """A creditor's collection measure: the creditor is asked to suspend it, and the client gets the
        do's & don'ts card (once per traject)."""
        async with self._lock:
            self._check_step(Step.INCASSOMAATREGEL)
            self._state.maatregelen.append(Maatregelstand(maatregel))
            await self._enter(Step.INCASSOMAATREGEL, maatregel.door)
            details: dict[str, str | int] = {
                "maatregel": maatregel.soort.value.replace("_", " "),
                "maatregel_datum": maatregel.datum.isoformat(),
            }
            await self._send_letter(
                LetterKind.OPSCHORTINGSVERZOEK,
                f"{maatregel.maatregel_id}:opschorting",
                maatregel.schuldeiser_id,
                details,
            )
            await self._send_letter(LetterKind.DOS_EN_DONTS)
            return self._state

    @incassomaatregel.validator
    def _validate_incassomaatregel(self, maatregel: Incassomaatregel) -> None:
        self._check_step(Step.INCASSOMAATREGEL)
        if maatregel.datum > self._today():
            self._check_fields([("datum", "ligt in de toekomst")])

    @workflow.update
    async def incasso_gaat_door(self, maatregel_id: str) -> TrajectState:
        """The creditor did not suspend: a draft request for a breed moratorium (art. 287b Fw) is made
        for the caseworker to complete and send to the court."""
        async with self._lock:
            stand = self._measure(maatregel_id)
            stand.gaat_door = True
            await self._record("incasso_gaat_door", self._start.caseworker)
            maatregel = stand.maatregel
            details: dict[str, str | int] = {
                "maatregel": maatregel.soort.value.replace("_", " "),
                "maatregel_datum": maatregel.datum.isoformat(),
            }
            await self._write_letter(
                LetterKind.MORATORIUM_CONCEPT, f"{maatregel_id}:moratorium", maatregel.schuldeiser_id, details
            )
            return self._state

    @incasso_gaat_door.validator
    def _validate_incasso_gaat_door(self, maatregel_id: str) -> None:
        self._check_step(Step.INCASSOMAATREGEL)
        if self._measure(maatregel_id).gaat_door:
            self._check_fields([("maatregel", "staat al als voortgezet geregistreerd")])

    def _measure(self, maatregel_id: str) -> Maatregelstand:
        for stand in self._state.maatregelen:
            if stand.maatregel.maatregel_id == maatregel_id:
                return stand
        raise ApplicationError(
            "Dit traject heeft geen incassomaatregel met dit id.",
            [{"name": "maatregel", "reason": "onbekend"}],
            type="InvalidStep",
            non_retryable=True,
        )

    @workflow.signal(name=SIGNAL_ESCALATED)
    async def verzoek_geescaleerd(self, verzoek_id: str) -> None:
        """A creditor did not answer in time: the caseworker must act."""
        async with self._lock:
            for verzoek in self._state.verzoeken:
                if verzoek.verzoek_id == verzoek_id:
                    verzoek.geescaleerd = True
            await self._record(None, ENGINE)

    @workflow.signal(name=SIGNAL_FINISHED)
    async def verzoek_afgerond(self, uitkomst: VerzoekUitkomst) -> None:
        """A request ended; when none is open, the overview of the debts is complete."""
        async with self._lock:
            for verzoek in self._state.verzoeken:
                if verzoek.verzoek_id == uitkomst.verzoek_id:
                    verzoek.status = uitkomst.status
            await self._record("overzicht_compleet" if self._state.overzicht_compleet else None, ENGINE)

    def _check_step(self, step: Step) -> None:
        allowed = allowed_steps(self._state.phase)
        if step not in allowed:
            raise ApplicationError(
                f"Stap '{step.value}' kan niet in fase '{self._state.phase.value}'.",
                {"phase": self._state.phase.value, "allowed": [s.value for s in allowed]},
                type="StepNotAllowed",
                non_retryable=True,
            )

    @staticmethod
    def _check_fields(problems: list[tuple[str, str]]) -> None:
        if problems:
            raise ApplicationError(
                "De stap bevat ongeldige gegevens.",
                [{"name": name, "reason": reason} for name, reason in problems],
                type="InvalidStep",
                non_retryable=True,
            )

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

        try:
            await workflow.wait_condition(met, timeout=self._until(deadline.uiterlijk))
        except TimeoutError:
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

    async def _enter(self, step: Step, actor: str, toegelaten: bool = True) -> None:
        """Move to the phase `step` leads to, and record the step."""
        phase = phase_after(step, self._state.phase, toegelaten)
        if phase is not self._state.phase:
            self._state.phase = phase
            self._state.phase_since = workflow.now()
        await self._record(step.value, actor or self._start.caseworker)

    async def _record(self, kind: str | None, actor: str) -> None:
        """Project the state; with a `kind`, also put the step on the timeline (once per key)."""
        self._state.version += 1
        self._upsert_search_attributes()
        await workflow.execute_activity_method(
            DossierActivities.record_step,
            StepRecord(
                key=f"{self._state.traject_id}:{kind}:{self._state.version}" if kind else None,
                kind=kind,
                at=workflow.now(),
                actor=actor,
                state=replace(self._state, deadlines=[replace(d) for d in self._state.deadlines]),
            ),
            **ACTIVITY,
        )

    async def _send_letter(
        self,
        kind: LetterKind,
        key: str | None = None,
        schuldeiser_id: str | None = None,
        extra: dict[str, str | int] | None = None,
    ) -> None:
        brief_id = await self._write_letter(kind, key, schuldeiser_id, extra)
        await workflow.execute_activity_method(LetterActivities.deliver_letter, brief_id, **ACTIVITY)

    async def _write_letter(
        self,
        kind: LetterKind,
        key: str | None = None,
        schuldeiser_id: str | None = None,
        extra: dict[str, str | int] | None = None,
    ) -> str:
        """Write a letter and keep it (delivery is separate; a draft is never delivered). A letter without
        its own key is written once per traject."""
        request = LetterRequest(
            self._state.traject_id,
            kind,
            key or f"{self._state.traject_id}:{kind.value}",
            self._today(),
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
        return "hulpverlener" if allowed_steps(self._state.phase) else "niemand"

    def _closed(self) -> bool:
        return self._state.phase is Phase.AFGESLOTEN

    def _today(self) -> date:
        return local_date(workflow.now(), self._policy.timezone)

    def _until(self, day: date) -> timedelta:
        return max(end_of_day(day, self._policy.timezone) - workflow.now(), timedelta(seconds=1))


def _details(maatregel: Incassomaatregel) -> dict[str, str | int]:
    """What a letter about a collection measure says of it."""
    return {"maatregel": maatregel.soort.value.replace("_", " "), "maatregel_datum": maatregel.datum.isoformat()}
