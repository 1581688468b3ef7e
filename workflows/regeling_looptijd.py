"""The term of a settlement: its start, each month's payment checked after the grace days, payments divided
over the creditors, a change of income recalculated, and the afronding with the schone lei."""

from __future__ import annotations

from datetime import date

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from domain.afloscapaciteit import afloscapaciteit, huishouden_problems
    from domain.kalender import controledag, vervaldag, vervallen_maanden
    from domain.regeling_status import Gebeurtenis, RegelingStap, RegelingStatus
    from domain.schuldregeling import (
        Afloscapaciteitstap,
        Betaling,
        RegelingSoort,
        RegelingState,
        betaling_problems,
        herverdeel,
        schema_voor,
        verdeel_betaling,
    )
    from domain.vtlb_normen import normen_op
    from domain.wgs_deadlines import morning_of
    from letters.render import LetterKind

from workflows.clock import ENGINE, wait_until
from workflows.refusals import check_fields, invalid
from workflows.regeling_dossier import RegelingDossier


class Looptijd:
    """The settlement's term, from its start to its afronding."""

    def __init__(self, dossier: RegelingDossier) -> None:
        self._dossier = dossier
        self._state = dossier.state
        self._policy = dossier.policy
        self._lock = dossier.lock
        # Who closed a term that ended short, once someone has.
        self._afgerond_door: str | None = None

    async def begin(self, ingangsdatum: date, gebeurtenis: Gebeurtenis) -> None:
        """Start the term; a kredietbank pays every creditor its part at once and gets the final accounts out."""
        state = self._state
        self._dossier.move(gebeurtenis)
        state.ingangsdatum = ingangsdatum
        total = sum(d.aandeel_cent for d in state.deelnemers)
        state.schema = schema_voor(total, state.afloscapaciteit.maandbedrag_cent, self._policy.looptijd_maanden)
        if state.soort is RegelingSoort.SANERINGSKREDIET:
            for deelnemer in state.deelnemers:
                deelnemer.ontvangen_cent = deelnemer.aandeel_cent
        await self._dossier.record("regeling_gestart", ENGINE)
        await self._dossier.to_client(LetterKind.REGELING_START, "start", self._dossier.figures())
        if state.soort is RegelingSoort.SANERINGSKREDIET:
            await self._dossier.final_accounts()

    async def run(self) -> bool:
        """Check each month's payment after its grace days until the term ends or all is paid, then close;
        True when this run has done its share of months and the workflow should continue as new."""
        checked_this_run = 0
        while self._state.gecontroleerd_tot < len(self._state.schema) and not self._paid_in_full():
            if checked_this_run >= self._policy.maanden_per_run:
                return True
            maand = self._state.gecontroleerd_tot + 1
            start = self._state.ingangsdatum or self._dossier.today()
            check = morning_of(controledag(start, maand, self._policy.betaling_respijt_dagen), self._policy.timezone)
            await wait_until(check, lambda: self._state.status is not RegelingStatus.LOOPT or self._paid_in_full())
            async with self._lock:
                if self._state.status is not RegelingStatus.LOOPT:
                    return False
                if self._paid_in_full():
                    break
                await self._check_month(maand)
            checked_this_run += 1
        if self._state.betaald_cent < self._state.totaal_cent:
            async with self._lock:
                await self._dossier.record("tekort_aan_het_einde", ENGINE, self._dossier.position())
        await workflow.wait_condition(
            lambda: (
                self._paid_in_full()
                or self._afgerond_door is not None
                or self._state.status is not RegelingStatus.LOOPT
            )
        )
        async with self._lock:
            if self._state.status is RegelingStatus.LOOPT:
                # Paid in full, the engine closes it; short, the caseworker who decided to.
                await self._afronding(self._afgerond_door or ENGINE)
        return False

    async def _check_month(self, maand: int) -> None:
        self._state.gecontroleerd_tot = maand
        if self._state.betaald_cent >= self._state.verwacht_tot(maand):
            await self._dossier.record(None, ENGINE)
            return
        self._state.gemist.append(maand)
        position = self._dossier.position() | {"maand": maand}
        await self._dossier.record(f"betaling_gemist:{maand}", ENGINE, position)
        await self._dossier.to_client(LetterKind.BETALING_GEMIST, f"gemist:{maand}", position)

    def _paid_in_full(self) -> bool:
        return self._state.betaald_cent >= self._state.totaal_cent

    async def pay(self, betaling: Betaling) -> RegelingState:
        """Record a payment and divide it over the creditors per the regeling; the same payment id counts once."""
        async with self._lock:
            if any(b.betaling_id == betaling.betaling_id for b in self._state.betalingen):
                return self._state
            self._state.betalingen.append(betaling)
            if self._state.soort is RegelingSoort.MINNELIJK:
                parts = verdeel_betaling(self._state.deelnemers, betaling.bedrag_cent)
                for deelnemer, part in zip(self._state.deelnemers, parts, strict=True):
                    deelnemer.ontvangen_cent += part.aandeel_cent
            data = {"betaling": betaling.betaling_id, "bedrag_cent": betaling.bedrag_cent}
            await self._dossier.record(f"betaling:{betaling.betaling_id}", betaling.door or betaling.bron.value, data)
            return self._state

    def check_payment(self, betaling: Betaling) -> None:
        """Refuse a payment out of the term or with wrong figures; a repeated payment id is let through."""
        self._dossier.check(RegelingStap.BETALING)
        if any(b.betaling_id == betaling.betaling_id for b in self._state.betalingen):
            return
        check_fields(betaling_problems(self._state, betaling, self._dossier.today()), "De betaling klopt niet.")

    async def change_income(self, stap: Afloscapaciteitstap) -> RegelingState:
        """A change of income: the new capacity is computed and waits for the caseworker's approval."""
        async with self._lock:
            normen = normen_op(self._dossier.today(), self._policy.vtlb_normen)
            self._state.herberekening = afloscapaciteit(
                stap.huishouden, normen, self._policy.looptijd_maanden, stap.vtlb_cent
            )
            door = stap.door or self._dossier.start.caseworker
            await self._dossier.record("inkomenswijziging", door, self._dossier.position())
            return self._state

    def check_income(self, stap: Afloscapaciteitstap) -> None:
        """Refuse a change of income out of the term or with wrong figures."""
        self._dossier.check(RegelingStap.INKOMENSWIJZIGING)
        check_fields(
            huishouden_problems(stap.huishouden, stap.vtlb_cent), "De gegevens van het huishouden kloppen niet."
        )

    async def approve(self, door: str) -> RegelingState:
        """Apply the recalculated amount from the first month not yet due; the creditors' parts follow."""
        async with self._lock:
            nieuw = self._state.herberekening
            assert nieuw is not None  # the check refuses without one
            today = self._dossier.today()
            start = self._state.ingangsdatum or today
            vanaf = 1 + vervallen_maanden(start, len(self._state.schema), today)
            schema, deelnemers = herverdeel(self._state, nieuw, vanaf, self._policy.preferent_factor)
            self._state.schema = schema
            self._state.deelnemers = deelnemers
            self._state.afloscapaciteit = nieuw
            self._state.herberekening = None
            data = {"vanaf_maand": vanaf, "maandbedrag_cent": nieuw.maandbedrag_cent}
            await self._dossier.record("herberekening_goedgekeurd", door or self._dossier.start.caseworker, data)
            await self._dossier.to_client(
                LetterKind.HERBEREKENING,
                f"herberekening:{self._state.version}",
                {**self._dossier.figures(), "vanaf": vervaldag(start, vanaf).isoformat()},
            )
            return self._state

    def check_approval(self) -> None:
        """Refuse an approval out of the term, or without a change of income to approve."""
        self._dossier.check(RegelingStap.HERBEREKENING)
        if self._state.herberekening is None:
            raise invalid([("herberekening", "er is geen inkomenswijziging om goed te keuren")])

    async def close_short(self, door: str) -> RegelingState:
        """Close the term although less was paid than planned: the caseworker's decision after contact."""
        self._afgerond_door = door or self._dossier.start.caseworker
        await workflow.wait_condition(lambda: self._state.status is not RegelingStatus.LOOPT)
        return self._state

    def check_close(self) -> None:
        """Refuse to close a term that has not run its months."""
        self._dossier.check(RegelingStap.AFRONDEN)
        if self._state.gecontroleerd_tot < len(self._state.schema):
            raise invalid([("regeling", "de looptijd is nog niet voorbij")])

    async def _afronding(self, actor: str) -> None:
        self._dossier.move(Gebeurtenis.AFGEROND)
        self._state.afgerond_op = self._dossier.today()
        await self._dossier.record("afgerond", actor, self._dossier.position())
        extra = self._dossier.figures() | self._dossier.position() | {"wsnp": False}
        await self._dossier.to_client(LetterKind.SCHONE_LEI, "schone_lei", extra)
        if self._state.soort is RegelingSoort.MINNELIJK:
            await self._dossier.final_accounts()
