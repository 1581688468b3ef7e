"""The traject's handlers for the settlement: repayment capacity, the proposal, and uitval at any phase."""

from temporalio import workflow
from temporalio.exceptions import FailureError
from temporalio.workflow import ChildWorkflowHandle

with workflow.unsafe.imports_passed_through():
    from domain import ids
    from domain.afloscapaciteit import afloscapaciteit, huishouden_problems
    from domain.phases import Phase, Step
    from domain.schuldregeling import (
        Afloscapaciteitstap,
        RegelingStart,
        RegelingState,
        RegelingStatus,
        RegelingUitkomst,
        Voorstel,
        voorstel_deelnemers,
    )
    from domain.traject import TrajectState, claims, stale_claims, voorstel_problems
    from domain.uitval import UITVAL_LABELS, Uitval, UitvalReden
    from domain.vordering import VerzoekStatus
    from domain.vtlb_normen import normen_op
    from letters.render import LetterKind

from workflows.clock import ENGINE, today
from workflows.refusals import check_fields, invalid
from workflows.schuldregeling import SIGNAL_CASEWORKER, SIGNAL_STOP, SchuldregelingWorkflow
from workflows.traject_dossier import TrajectDossier
from workflows.traject_inventarisatie import Inventarisatie
from workflows.vordering import SIGNAL_TRAJECT_GESTOPT


class Regelingsfase:
    """Records the repayment capacity (asking again for statements that grew old), makes the proposal and
    hands the settlement to its own `SchuldregelingWorkflow`, closes the traject when that ends, and stops
    the traject at any phase with a reason from the fixed list."""

    def __init__(self, dossier: TrajectDossier, inventarisatie: Inventarisatie) -> None:
        self._dossier = dossier
        self._policy = dossier.policy
        self._state = dossier.state
        self._lock = dossier.lock
        self._inventarisatie = inventarisatie
        self._regeling: ChildWorkflowHandle[SchuldregelingWorkflow, RegelingUitkomst] | None = None
        self._settled = False

    async def afloscapaciteit(self, stap: Afloscapaciteitstap) -> TrajectState:
        """Compute the VTLB and the monthly capacity by the norms valid today, or take a VTLB given; ask
        again for each statement older than the policy allows, so the proposal uses current figures."""
        async with self._lock:
            self._dossier.check_step(Step.AFLOSCAPACITEIT)
            normen = normen_op(today(self._policy.timezone), self._policy.vtlb_normen)
            self._state.afloscapaciteit = afloscapaciteit(
                stap.huishouden, normen, self._policy.looptijd_maanden, stap.vtlb_cent
            )
            stale = stale_claims(self._state, today(self._policy.timezone), self._policy.saldo_geldig_maanden)
            if stale:
                await self._inventarisatie.ask(stale, ENGINE)
            await self._dossier.enter(Step.AFLOSCAPACITEIT, stap.door)
            return self._state

    def check_afloscapaciteit(self, stap: Afloscapaciteitstap) -> None:
        self._dossier.check_step(Step.AFLOSCAPACITEIT)
        check_fields(huishouden_problems(stap.huishouden, stap.vtlb_cent))

    async def voorstel(self, voorstel: Voorstel) -> TrajectState:
        """Propose the settlement: every creditor's part of what the client can pay over the term, exact in
        cents; the settlement's own workflow sends it and follows it to its end."""
        async with self._lock:
            self._dossier.check_step(Step.VOORSTEL)
            capaciteit = self._state.afloscapaciteit
            assert capaciteit is not None  # the validator refuses a proposal without it
            state = RegelingState(
                traject_id=self._state.traject_id,
                soort=voorstel.soort,
                status=RegelingStatus.VOORSTEL,
                afloscapaciteit=capaciteit,
                deelnemers=voorstel_deelnemers(claims(self._state), capaciteit, self._policy.preferent_factor),
                voorgesteld_op=today(self._policy.timezone),
            )
            start = RegelingStart(
                self._state.traject_id,
                workflow.info().workflow_id,
                self._state.caseworker,
                self._policy,
                state,
            )
            self._regeling = await workflow.start_child_workflow(
                SchuldregelingWorkflow.run,
                start,
                id=ids.schuldregeling(self._state.traject_id),
            )
            await self._dossier.enter(Step.VOORSTEL, voorstel.door)
            return self._state

    def check_voorstel(self, voorstel: Voorstel) -> None:
        self._dossier.check_step(Step.VOORSTEL)
        check_fields(voorstel_problems(self._state, today(self._policy.timezone), self._policy.saldo_geldig_maanden))

    async def follow_caseworker(self, caseworker: str) -> None:
        """Tell a running settlement who the caseworker is now."""
        if self._regeling is None or self._settled:
            return
        try:
            await self._regeling.signal(SIGNAL_CASEWORKER, caseworker)
        except FailureError:
            # The settlement ended in the moment between; the traject itself names the new caseworker.
            workflow.logger.info("settlement ended before the hand-over reached it")

    async def settle(self) -> bool:
        """Wait for the settlement to end: True when it was settled (afronding is the caller's), while an
        uitval closes the traject here with its reason."""
        await workflow.wait_condition(lambda: self._regeling is not None or self._dossier.closed())
        if self._regeling is None:
            return False
        uitkomst = await self._regeling
        self._settled = True
        async with self._lock:
            if self._dossier.closed():
                return False
            if uitkomst.status is RegelingStatus.AFGEROND:
                self._state.afgerond_op = uitkomst.afgerond_op or today(self._policy.timezone)
                return True
            await self._drop_out(Uitval(uitkomst.uitval or UitvalReden.OVERIG), ENGINE)
            return False

    async def uitval(self, uitval: Uitval) -> TrajectState:
        """End the traject early with a reason from the fixed list: open creditor requests are withdrawn,
        a running settlement stops, and the client is told plainly why and where to go."""
        async with self._lock:
            self._dossier.check_open()
            if self._regeling is not None:
                await self._regeling.signal(SIGNAL_STOP, uitval)
            await self._drop_out(uitval, uitval.door or self._state.caseworker)
            return self._state

    def check_uitval(self, uitval: Uitval) -> None:
        self._dossier.check_open()
        if uitval.reden is UitvalReden.OVERIG and not uitval.toelichting.strip():
            raise invalid([("toelichting", "zeg bij 'overig' wat de reden is")])

    async def _drop_out(self, uitval: Uitval, actor: str) -> None:
        for verzoek in self._state.open_requests:
            await workflow.get_external_workflow_handle(ids.vordering(verzoek.verzoek_id)).signal(
                SIGNAL_TRAJECT_GESTOPT
            )
            verzoek.status = VerzoekStatus.INGETROKKEN
        self._state.uitval = uitval
        self._state.closed_after = self._state.phase
        self._state.phase = Phase.AFGESLOTEN
        self._state.phase_since = workflow.now()
        await self._dossier.record("uitval", actor)
        extra = {"reden": UITVAL_LABELS[uitval.reden], "toelichting": uitval.toelichting}
        await self._dossier.send_letter(LetterKind.UITVAL, extra=extra)
