"""The settlement of one traject. This file holds the workflow, its run and every update a reader looks for;
the parts do the work: the proposal (`regeling_voorstel.py`), the court and the Wsnp (`regeling_rechtbank.py`),
the term (`regeling_looptijd.py`), and what they share (`regeling_dossier.py`). The status machine is a table
in `domain/regeling_status.py`."""

from dataclasses import replace

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from domain.regeling_status import Gebeurtenis, RegelingStatus
    from domain.schuldregeling import (
        Afloscapaciteitstap,
        Betaling,
        RegelingStart,
        RegelingState,
        RegelingUitkomst,
        Uitspraak,
        VervolgKeuze,
        VoorstelReactie,
        WsnpEinde,
    )
    from domain.uitval import Uitval

from workflows import signalen
from workflows.regeling_dossier import RegelingDossier
from workflows.regeling_looptijd import Looptijd
from workflows.regeling_rechtbank import Rechtsgang
from workflows.regeling_voorstel import Voorstelronde


@workflow.defn
class SchuldregelingWorkflow:
    """Drives the settlement of one traject, from the proposal to the final account.

    It sends the proposal to every creditor through its channel, reminds and escalates on the policy's
    working days, and starts the term when all accept. After a refusal it waits for the caseworker's choice
    (dwangakkoord or Wsnp) and the court's decision, with drafts for the court and plain letters for the
    client. During the term it checks each month's payment after the grace days: a missed one starts
    contact, never an end. Payments are divided over the creditors per the agreed parts; a change of
    income is recalculated and applies once the caseworker approves it. Every few months it continues
    as new with its state, so no run's history grows large. It ends with the schone lei and a final
    account to each creditor, or early when its traject stops it.
    """

    @workflow.init
    def __init__(self, start: RegelingStart) -> None:
        self._dossier = RegelingDossier(start)
        self._term = Looptijd(self._dossier)
        self._voorstel = Voorstelronde(self._dossier, self._term.begin)
        self._rechtbank = Rechtsgang(self._dossier, self._term.begin)

    @workflow.run
    async def run(self, start: RegelingStart) -> RegelingUitkomst:
        """Go through the settlement's statuses until it ends, or continue as new in the middle of its term."""
        dossier = self._dossier
        dossier.upsert_search_attributes()
        while not dossier.ended():
            status = dossier.state.status
            if status is RegelingStatus.VOORSTEL:
                await self._voorstel.run()
            elif status is RegelingStatus.LOOPT:
                if await self._term.run():
                    await workflow.wait_condition(workflow.all_handlers_finished)
                    workflow.continue_as_new(replace(dossier.start, state=dossier.state))
            elif status is RegelingStatus.WSNP:
                await self._rechtbank.follow_wsnp()
            else:
                await self._wait_for_change(status)
        await workflow.wait_condition(workflow.all_handlers_finished)
        state = dossier.state
        return RegelingUitkomst(state.status, state.uitval, state.afgerond_op)

    async def _wait_for_change(self, status: RegelingStatus) -> None:
        """Wait for the caseworker or the court to move the settlement on."""
        await workflow.wait_condition(lambda: self._dossier.state.status is not status)

    @workflow.query
    def state(self) -> RegelingState:
        """The settlement's live state."""
        return self._dossier.state

    @workflow.update
    async def reactie(self, reactie: VoorstelReactie) -> RegelingState:
        """A creditor accepts or refuses the proposal (a refusal with its reason); also after the escalation."""
        return await self._voorstel.answer(reactie)

    @reactie.validator
    def _validate_reactie(self, reactie: VoorstelReactie) -> None:
        self._voorstel.check_answer(reactie)

    @workflow.update
    async def vervolg(self, keuze: VervolgKeuze) -> RegelingState:
        """After a refusal: ask the court for a dwangakkoord, or go to the Wsnp."""
        return await self._rechtbank.choose(keuze)

    @vervolg.validator
    def _validate_vervolg(self, keuze: VervolgKeuze) -> None:
        self._rechtbank.check_choice(keuze)

    @workflow.update
    async def uitspraak(self, uitspraak: Uitspraak) -> RegelingState:
        """The court's decision on the dwangakkoord or the Wsnp request."""
        return await self._rechtbank.rule(uitspraak)

    @uitspraak.validator
    def _validate_uitspraak(self, uitspraak: Uitspraak) -> None:
        self._rechtbank.check_ruling(uitspraak)

    @workflow.update
    async def wsnp_einde(self, einde: WsnpEinde) -> RegelingState:
        """How the Wsnp ended: with the schone lei, or without."""
        return await self._rechtbank.end_wsnp(einde)

    @wsnp_einde.validator
    def _validate_wsnp_einde(self, einde: WsnpEinde) -> None:
        self._rechtbank.check_wsnp_end(einde)

    @workflow.update
    async def betaling(self, betaling: Betaling) -> RegelingState:
        """A payment from the caseworker or the kredietbank's statement; the same payment id counts once."""
        return await self._term.pay(betaling)

    @betaling.validator
    def _validate_betaling(self, betaling: Betaling) -> None:
        self._term.check_payment(betaling)

    @workflow.update
    async def inkomenswijziging(self, stap: Afloscapaciteitstap) -> RegelingState:
        """A change of income: the new capacity waits for the caseworker's approval."""
        return await self._term.change_income(stap)

    @inkomenswijziging.validator
    def _validate_inkomenswijziging(self, stap: Afloscapaciteitstap) -> None:
        self._term.check_income(stap)

    @workflow.update
    async def herberekening_goedkeuren(self, door: str) -> RegelingState:
        """Apply the recalculated amount from the first month not yet due."""
        return await self._term.approve(door)

    @herberekening_goedkeuren.validator
    def _validate_herberekening(self, door: str) -> None:
        self._term.check_approval()

    @workflow.update
    async def afronden(self, door: str) -> RegelingState:
        """Close a term that is over although less was paid than planned."""
        return await self._term.close_short(door)

    @afronden.validator
    def _validate_afronden(self, door: str) -> None:
        self._term.check_close()

    @workflow.signal(name=signalen.HULPVERLENER)
    def hulpverlener(self, caseworker: str) -> None:
        """Its traject moved to another caseworker: the settlement names them from now on, also after it
        continues as new."""
        self._dossier.start = replace(self._dossier.start, caseworker=caseworker)
        self._dossier.upsert_search_attributes()

    @workflow.signal(name=signalen.REGELING_STOPPEN)
    async def stoppen(self, uitval: Uitval) -> None:
        """The traject ends early: the settlement stops where it is, and sends nothing more."""
        dossier = self._dossier
        async with dossier.lock:
            if dossier.ended():
                return
            dossier.move(Gebeurtenis.GESTOPT)
            dossier.state.uitval = uitval.reden
            door = uitval.door or dossier.start.caseworker
            await dossier.record("regeling_gestopt", door, {"reden": uitval.reden})
