"""One household's vroegsignalering case: invitations, a home visit, a crisis, the outcome, retention."""

import asyncio
from datetime import date, timedelta

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from activities.signalering import (
        SignaleringActivities,
        TrajectVanSignalen,
        Uitnodiging,
        Verwijdering,
    )
    from domain.signalering import (
        CaseStatus,
        Hulp,
        Route,
        SignaalFeit,
        SignaleringStart,
        SignaleringState,
        Uitkomst,
        route_of,
    )
    from domain.wgs_deadlines import morning_of
    from workflows.activity_options import ACTIVITY, REMOTE, write

from workflows.clock import today, until, wait_until
from workflows.refusals import invalid, not_allowed

# A case waits for signals its route was not chosen by, also those that came while it acted.
NIEUWS_TIJDENS_ACTIE = "nieuws-tijdens-actie"


@workflow.defn
class SignaleringWorkflow:
    """Drives one household's case from its first arrears signal to its outcome, then keeps the retention term.

    Signals of the household that arrive while the case is open join it and may change its route. Enkelvoudig:
    an invitation by SMS (where a number is known) and letter, and a second attempt after the policy's days.
    Meervoudig: a home-visit task for a social worker. Crisis: a traject with the crisis flag at once. The
    outcome (reached or not, by which channel, help accepted or declined) is recorded by people; accepted help
    starts a traject linked to the signals. A case nobody answers closes as not reached. A case that led to no
    traject has its signal data deleted when the retention term ends. No personal data enters this workflow.
    """

    @workflow.init
    def __init__(self, start: SignaleringStart) -> None:
        self._start = start
        self._policy = start.policy
        self._state = SignaleringState(
            case_id=start.case_id,
            geopend_op=today(self._policy.timezone),
            signalen=[start.eerste],
            route=route_of([start.eerste]),
        )
        self._lock = asyncio.Lock()
        self._closed_recorded = False
        # How many signals the route was last chosen by.
        self._acted_on = 1

    @workflow.run
    async def run(self, start: SignaleringStart) -> SignaleringState:
        """Follow the case's route until there is an outcome or the case closes unanswered; then, when it
        led to no traject, wait out the retention term and delete its data."""
        await self._record()
        close_at = self._state.geopend_op + timedelta(days=self._policy.signaal_afsluiten_dagen)
        while self._state.uitkomst is None and self._state.traject_id is None:
            async with self._lock:
                await self._act()
            if self._state.traject_id is not None:
                break
            wake = min(d for d in (self._next_attempt(), close_at) if d is not None)
            if not await self._news_before(wake) and today(self._policy.timezone) >= close_at:
                break
        async with self._lock:
            await self._close()
        await workflow.wait_condition(workflow.all_handlers_finished)
        if self._state.traject_id is None:
            closed = self._state.afgesloten_op or today(self._policy.timezone)
            deleted_on = closed + timedelta(days=self._policy.signaal_bewaar_dagen)
            await workflow.sleep(until(morning_of(deleted_on, self._policy.timezone)))
            await workflow.execute_activity_method(
                SignaleringActivities.delete_case_data,
                Verwijdering(self._state.case_id, today(self._policy.timezone)),
                **ACTIVITY,
            )
            self._state.status = CaseStatus.VERWIJDERD
        return self._state

    async def _news_before(self, day: date) -> bool:
        """Wait until the morning of `day` for an outcome or a signal the route was not chosen by; True when
        one came. Runs that began before counted only the signals that came after the last act, so a signal
        that came while an invitation was going out waited for the next attempt."""
        seen = self._acted_on if workflow.patched(NIEUWS_TIJDENS_ACTIE) else len(self._state.signalen)
        return await wait_until(
            morning_of(day, self._policy.timezone),
            lambda: self._state.uitkomst is not None or len(self._state.signalen) != seen,
        )

    async def _act(self) -> None:
        """Do what the route calls for now: a traject in a crisis, a home-visit task, or an invitation."""
        self._acted_on = len(self._state.signalen)
        self._state.route = route_of(self._state.signalen)
        if self._state.route is Route.CRISIS:
            await self._to_traject(next(s.crisis.value for s in self._state.signalen if s.crisis is not None))
        elif self._state.route is Route.MEERVOUDIG and self._state.huisbezoek_gevraagd_op is None:
            self._state.huisbezoek_gevraagd_op = today(self._policy.timezone)
            await self._record()
        elif self._state.route is Route.ENKELVOUDIG and (self._next_attempt() or date.max) <= today(
            self._policy.timezone
        ):
            self._state.pogingen.append(today(self._policy.timezone))
            number = len(self._state.pogingen)
            await workflow.execute_activity_method(
                SignaleringActivities.send_invitation, Uitnodiging(self._state.case_id, number), **ACTIVITY
            )
            await self._record()

    def _next_attempt(self) -> date | None:
        """The day of the next invitation, for an enkelvoudig case that has had fewer than two."""
        if self._state.route is not Route.ENKELVOUDIG or len(self._state.pogingen) >= 2:
            return None
        if not self._state.pogingen:
            return today(self._policy.timezone)
        return self._state.pogingen[0] + timedelta(days=self._policy.tweede_poging_dagen)

    async def _close(self) -> None:
        if self._state.uitkomst is not None and self._state.uitkomst.hulp is Hulp.GEACCEPTEERD:
            await self._to_traject(None)
        self._state.status = CaseStatus.AFGESLOTEN
        self._state.afgesloten_op = today(self._policy.timezone)
        await self._record()
        self._closed_recorded = True

    async def _to_traject(self, crisis: str | None) -> None:
        """Start the household's traject (or link the one already running) from its signals."""
        traject_id = await workflow.execute_activity_method(
            SignaleringActivities.start_traject,
            TrajectVanSignalen(self._state.case_id, str(workflow.uuid4()), crisis, self._start.team, self._policy),
            **REMOTE,
        )
        self._state.traject_id = traject_id
        await self._record()

    @workflow.signal
    async def signaal(self, feit: SignaalFeit) -> None:
        """Another signal of the household: it joins the case while the case is open."""
        if self._state.status is CaseStatus.OPEN and all(s.signaal_id != feit.signaal_id for s in self._state.signalen):
            self._state.signalen.append(feit)

    @workflow.update
    async def uitkomst(self, uitkomst: Uitkomst) -> SignaleringState:
        """Record what came of the case; accepted help starts a traject when the case closes."""
        async with self._lock:
            self._state.uitkomst = uitkomst
            await self._record()
        # Answer once the closed case is in the dossier, so the caller reads what it did.
        await workflow.wait_condition(lambda: self._closed_recorded)
        return self._state

    @uitkomst.validator
    def _validate_uitkomst(self, uitkomst: Uitkomst) -> None:
        if self._state.status is not CaseStatus.OPEN or self._state.uitkomst is not None:
            raise not_allowed("Deze signalering is al afgesloten.", self._state.status.value)
        if uitkomst.bereikt and uitkomst.kanaal.value == "geen":
            raise invalid([("kanaal", "zeg hoe de persoon is bereikt")])
        if not uitkomst.bereikt and uitkomst.hulp is not Hulp.GEEN_REACTIE:
            raise invalid([("hulp", "wie niet is bereikt, heeft geen antwoord gegeven")])

    @workflow.query
    def state(self) -> SignaleringState:
        """The case's live state."""
        return self._state

    async def _record(self) -> None:
        self._state.version += 1
        await write(SignaleringActivities.record_case, self._state)
