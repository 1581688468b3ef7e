"""The traject's handlers for the settlement and every ending: repayment capacity, the proposal, uitval at any
phase, and the endings a caseworker records (stabilised, referred, advice only, moved, deceased)."""

from datetime import date, timedelta

from temporalio import workflow
from temporalio.exceptions import FailureError
from temporalio.workflow import ChildWorkflowHandle

with workflow.unsafe.imports_passed_through():
    from domain import ids
    from domain.afloscapaciteit import afloscapaciteit, huishouden_problems
    from domain.beeindiging import Afsluiting, Afsluitreden, afsluiting_problems
    from domain.doorverwijzing import Doorverwijzing
    from domain.keys import key
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
    from domain.wgs_deadlines import objection_deadline
    from letters.render import LetterKind

from workflows import signalen
from workflows.clock import ENGINE, today
from workflows.refusals import check_fields, invalid, not_allowed
from workflows.schuldregeling import SchuldregelingWorkflow
from workflows.traject_dossier import TrajectDossier
from workflows.traject_inventarisatie import Inventarisatie

# Trajecten that ended before the ending was a beschikking the traject waited on for objections closed at once.
EINDE_PATCH = "einde-beschikking"

# An ending that needs no settlement stops a running one with the nearest uitval reason, for its creditors.
_STOP_REDEN = {Afsluitreden.VERHUISD: UitvalReden.VERHUISD, Afsluitreden.OVERLEDEN: UitvalReden.OVERIG}


class Regelingsfase:
    """Records the repayment capacity (asking again for statements that grew old), makes the proposal and
    hands the settlement to its own `SchuldregelingWorkflow`, closes the traject when that ends, stops the
    traject at any phase with a reason from the fixed list, and records the other endings as what they are."""

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
            await self._regeling.signal(signalen.HULPVERLENER, caseworker)
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
                await self._regeling.signal(signalen.REGELING_STOPPEN, uitval)
            await self._drop_out(uitval, uitval.door or self._state.caseworker)
            return self._state

    def check_uitval(self, uitval: Uitval) -> None:
        self._dossier.check_open()
        if uitval.reden is UitvalReden.OVERIG and not uitval.toelichting.strip():
            raise invalid([("toelichting", "zeg bij 'overig' wat de reden is")])

    async def afsluiten(self, afsluiting: Afsluiting) -> TrajectState:
        """End the traject as what it is: stabilised without a settlement, referred elsewhere (the werkvoorraad
        asks later whether the client arrived), advice only, moved, or deceased. Each but the last is a
        beschikking with its letter, open to objection; a running settlement stops for a move or a death."""
        async with self._lock:
            self.check_afsluiten(afsluiting)
            door = afsluiting.door or self._state.caseworker
            if self._settlement_running():
                assert self._regeling is not None
                stop = Uitval(_STOP_REDEN[afsluiting.reden], afsluiting.toelichting, door)
                await self._regeling.signal(signalen.REGELING_STOPPEN, stop)
            if afsluiting.reden is Afsluitreden.DOORVERWEZEN and afsluiting.verwijzing is not None:
                day = today(self._policy.timezone)
                nagaan_op = day + timedelta(weeks=self._policy.doorverwijzing_nagaan_weken)
                verwijzing = Doorverwijzing(
                    str(workflow.uuid4()), afsluiting.verwijzing, afsluiting.naar, day, nagaan_op
                )
                self._state.doorverwijzingen.append(verwijzing)
            self._state.afsluiting = afsluiting
            await self._close(afsluiting.besluit_op if afsluiting.beschikking else None)
            data = {"reden": afsluiting.reden.value, "naar": afsluiting.naar, "toelichting": afsluiting.toelichting}
            await self._dossier.record("afgesloten", door, data)
            if afsluiting.beschikking:
                letter_key = key(self._state.traject_id, LetterKind.BEEINDIGING.value, self._state.version)
                await self._dossier.send_letter(LetterKind.BEEINDIGING, letter_key, extra=data)
            return self._state

    def check_afsluiten(self, afsluiting: Afsluiting) -> None:
        self._dossier.check_open()
        if self._state.phase is Phase.NAZORG:
            raise not_allowed(
                "Dit traject is al geregeld; stop de nazorg in plaats van het traject af te sluiten.",
                self._state.phase.value,
                [Step.NAZORG_STOPPEN.value],
            )
        today_ = today(self._policy.timezone)
        check_fields(afsluiting_problems(afsluiting, today_, self._state.meldingsdatum, self._settlement_running()))

    def reopen(self) -> None:
        """A gegrond objection against the ending took the traject back: a stopped settlement is over, so the
        next proposal starts a new one."""
        self._regeling = None
        self._settled = False

    def _settlement_running(self) -> bool:
        return self._regeling is not None and not self._settled

    async def _close(self, besluit_op: date | None) -> None:
        """Withdraw the open creditor requests and close; an ending that is a beschikking opens its objection
        term, which the run waits out."""
        for verzoek in self._state.open_requests:
            await workflow.get_external_workflow_handle(ids.vordering(verzoek.verzoek_id)).signal(
                signalen.TRAJECT_GESTOPT
            )
            verzoek.status = VerzoekStatus.INGETROKKEN
        self._state.closed_after = self._state.phase
        self._state.phase = Phase.AFGESLOTEN
        self._state.phase_since = workflow.now()
        if besluit_op is not None and workflow.patched(EINDE_PATCH):
            self._state.einde_besluit_op = besluit_op
            self._state.einde_bezwaar_uiterlijk = objection_deadline(besluit_op, self._policy)

    async def _drop_out(self, uitval: Uitval, actor: str) -> None:
        self._state.uitval = uitval
        await self._close(today(self._policy.timezone))
        await self._dossier.record("uitval", actor)
        extra = {"reden": UITVAL_LABELS[uitval.reden], "toelichting": uitval.toelichting}
        letter_key = key(self._state.traject_id, LetterKind.UITVAL.value, self._state.version)
        await self._dossier.send_letter(
            LetterKind.UITVAL, letter_key if self._state.einde_besluit_op else None, extra=extra
        )
