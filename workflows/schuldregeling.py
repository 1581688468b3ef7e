"""The settlement of one traject: the proposal to the creditors, their answers, the court, the term."""

import asyncio
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from activities.inventarisatie import Bereik, InventarisatieActivities
    from activities.letters import LetterActivities, LetterRequest
    from activities.schuldregeling import RegelingActivities, RegelingRecord
    from domain.afloscapaciteit import afloscapaciteit, huishouden_problems
    from domain.keys import key
    from domain.schuldregeling import (
        Afloscapaciteitstap,
        Betaling,
        Deelnemer,
        Reactie,
        RegelingSoort,
        RegelingStart,
        RegelingState,
        RegelingStatus,
        RegelingUitkomst,
        Uitspraak,
        Uitval,
        UitvalReden,
        Vervolg,
        VervolgKeuze,
        VoorstelReactie,
        WsnpEinde,
        add_months,
        betaling_problems,
        controledag,
        herverdeel,
        percentage_tekst,
        schema_voor,
        verdeel_betaling,
        vervaldag,
    )
    from domain.vordering import escalation_date, reminder_dates, reply_working_days
    from domain.vtlb_normen import normen_op
    from domain.wgs_deadlines import morning_of
    from letters.render import LetterKind
    from workflows import search_attributes as sa
    from workflows.activity_options import ACTIVITY

from workflows.clock import ENGINE, today, wait_until
from workflows.creditor_mail import notify_creditor
from workflows.refusals import check_fields, invalid, not_allowed

SIGNAL_STOP = "stoppen"


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
        self._start = start
        self._policy = start.policy
        self._state = start.state
        self._lock = asyncio.Lock()
        # Who closed a term that ended short, once someone has.
        self._afgerond_door: str | None = None
        self._reach: dict[str, Bereik] = {}

    @workflow.run
    async def run(self, start: RegelingStart) -> RegelingUitkomst:
        """Go through the settlement's statuses until it ends, or continue as new in the middle of its term."""
        self._upsert_search_attributes()
        while not self._ended():
            status = self._state.status
            if status is RegelingStatus.VOORSTEL:
                await self._voorstel()
            elif status is RegelingStatus.LOOPT:
                if await self._looptijd():
                    await workflow.wait_condition(workflow.all_handlers_finished)
                    workflow.continue_as_new(replace(self._start, state=self._state))
            elif status is RegelingStatus.WSNP:
                await self._wsnp()
            else:
                await self._wait_for_change(status)
        await workflow.wait_condition(workflow.all_handlers_finished)
        return RegelingUitkomst(self._state.status, self._state.uitval, self._state.afgerond_op)

    async def _wait_for_change(self, status: RegelingStatus) -> None:
        """Wait for the caseworker or the court to move the settlement on."""
        await workflow.wait_condition(lambda: self._state.status is not status)

    @workflow.query
    def state(self) -> RegelingState:
        """The settlement's live state."""
        return self._state

    # The proposal and the creditors' answers.

    async def _voorstel(self) -> None:
        if self._state.version == 0:
            await self._send_proposal()
        sent = self._state.voorgesteld_op
        for number, day in enumerate(reminder_dates(sent, self._policy), start=1):
            if await self._answered_before(morning_of(day, self._policy.timezone)):
                break
            async with self._lock:
                for deelnemer in self._state.open_reacties:
                    await self._to_creditor(
                        deelnemer, LetterKind.HERINNERING_VOORSTEL, f"herinnering:{number}", {"nummer": number}
                    )
                await self._record(f"voorstel_herinnering_{number}", ENGINE)
        else:
            if not await self._answered_before(morning_of(escalation_date(sent, self._policy), self._policy.timezone)):
                async with self._lock:
                    for deelnemer in self._state.open_reacties:
                        deelnemer.geescaleerd = True
                    await self._record("voorstel_geescaleerd", ENGINE)
        await workflow.wait_condition(lambda: not self._state.open_reacties or self._ended())
        async with self._lock:
            if self._ended():
                return
            if self._state.weigeraars:
                self._state.status = RegelingStatus.GEWEIGERD
                await self._record("voorstel_geweigerd", ENGINE)
            else:
                await self._begin(today(self._policy.timezone))

    async def _send_proposal(self) -> None:
        async with self._lock:
            for deelnemer in self._state.deelnemers:
                deelnemer.voorstel_id = str(workflow.uuid4())
            await self._record("voorstel_verstuurd", self._start.caseworker)
            for deelnemer in self._state.deelnemers:
                await self._to_creditor(
                    deelnemer,
                    LetterKind.VOORSTEL_SCHULDEISER,
                    "voorstel",
                    {"antwoord_werkdagen": reply_working_days(self._policy)},
                )
            await self._to_client(LetterKind.VOORSTEL_CLIENT, "voorstel", self._figures())

    async def _answered_before(self, moment: datetime) -> bool:
        return await wait_until(moment, lambda: not self._state.open_reacties or self._ended())

    @workflow.update
    async def reactie(self, reactie: VoorstelReactie) -> RegelingState:
        """A creditor accepts or refuses the proposal (a refusal with its reason); also after the escalation."""
        async with self._lock:
            deelnemer = self._deelnemer(reactie.schuldeiser_id)
            deelnemer.reactie = Reactie.AKKOORD if reactie.akkoord else Reactie.AFGEWEZEN
            deelnemer.reden = reactie.reden or None
            deelnemer.beantwoord_op = today(self._policy.timezone)
            kind = "voorstel_akkoord" if reactie.akkoord else "voorstel_afgewezen"
            await self._record(kind, reactie.door or reactie.schuldeiser_id, {"schuldeiser": reactie.schuldeiser_id})
            return self._state

    @reactie.validator
    def _validate_reactie(self, reactie: VoorstelReactie) -> None:
        self._check_status(RegelingStatus.VOORSTEL)
        if self._deelnemer(reactie.schuldeiser_id).reactie is not Reactie.OPEN:
            raise invalid([("schuldeiser_id", "heeft al geantwoord")])
        if not reactie.akkoord and not reactie.reden.strip():
            raise invalid([("reden", "zeg waarom u het voorstel afwijst")])

    # After a refusal: the caseworker's choice and the court.

    @workflow.update
    async def vervolg(self, keuze: VervolgKeuze) -> RegelingState:
        """Ask the court for a dwangakkoord, or go to the Wsnp: drafts for the court, a letter to the client."""
        async with self._lock:
            door = keuze.door or self._start.caseworker
            if keuze.keuze is Vervolg.DWANGAKKOORD:
                self._state.status = RegelingStatus.DWANGAKKOORD
                await self._record("dwangakkoord_gevraagd", door)
                for deelnemer in self._state.weigeraars:
                    await self._draft(LetterKind.DWANGAKKOORD_CONCEPT, deelnemer, self._figures(deelnemer))
                await self._to_client(LetterKind.DWANGAKKOORD_CLIENT, "dwangakkoord", self._figures())
            else:
                self._state.status = RegelingStatus.WSNP_VERZOEK
                await self._record("wsnp_gevraagd", door)
                await self._draft(LetterKind.WSNP_VERKLARING, None, self._figures())
                await self._draft(LetterKind.WSNP_VERZOEKSCHRIFT, None, self._figures())
                await self._to_client(LetterKind.WSNP_CLIENT, "wsnp", self._figures())
            return self._state

    @vervolg.validator
    def _validate_vervolg(self, keuze: VervolgKeuze) -> None:
        self._check_status(RegelingStatus.GEWEIGERD)
        if keuze.keuze is Vervolg.DWANGAKKOORD and self._state.dwangakkoord_afgewezen:
            raise invalid([("keuze", "de rechter wees het dwangakkoord al af; kies de Wsnp")])

    @workflow.update
    async def uitspraak(self, uitspraak: Uitspraak) -> RegelingState:
        """The court's decision: a dwangakkoord binds the refusing creditors and the term starts; a Wsnp
        admission starts the Wsnp's term; a refusal goes back to the caseworker, or ends the traject."""
        async with self._lock:
            self._state.uitspraak = uitspraak
            door = uitspraak.door or self._start.caseworker
            dwangakkoord = self._state.status is RegelingStatus.DWANGAKKOORD
            uitkomst = "toegewezen" if uitspraak.toegewezen else "afgewezen"
            kind = f"{'dwangakkoord' if dwangakkoord else 'wsnp'}_{uitkomst}"
            extra: dict[str, Any] = {"dwangakkoord": dwangakkoord, "toegewezen": uitspraak.toegewezen}
            if dwangakkoord and uitspraak.toegewezen:
                await self._record(kind, door)
                await self._begin(uitspraak.datum)
            elif dwangakkoord:
                self._state.status = RegelingStatus.GEWEIGERD
                self._state.dwangakkoord_afgewezen = True
                await self._record(kind, door)
            elif uitspraak.toegewezen:
                self._state.status = RegelingStatus.WSNP
                self._state.wsnp_einde_verwacht = add_months(uitspraak.datum, self._policy.looptijd_maanden)
                extra["einde"] = self._state.wsnp_einde_verwacht.isoformat()
                await self._record(kind, door)
            else:
                self._state.status = RegelingStatus.BEEINDIGD
                self._state.uitval = UitvalReden.WSNP_AFGEWEZEN
                await self._record(kind, door)
            await self._to_client(LetterKind.UITSPRAAK_CLIENT, f"uitspraak:{kind}", extra)
            return self._state

    @uitspraak.validator
    def _validate_uitspraak(self, uitspraak: Uitspraak) -> None:
        self._check_status(RegelingStatus.DWANGAKKOORD, RegelingStatus.WSNP_VERZOEK)
        if uitspraak.datum > today(self._policy.timezone):
            raise invalid([("datum", "ligt in de toekomst")])
        if uitspraak.datum < self._state.voorgesteld_op:
            raise invalid([("datum", "ligt voor het voorstel")])

    async def _wsnp(self) -> None:
        """Follow the Wsnp by its status: at its expected end the caseworker is asked to record how it ended."""
        einde = self._state.wsnp_einde_verwacht or today(self._policy.timezone)

        def ended() -> bool:
            return self._state.status is not RegelingStatus.WSNP

        if not await wait_until(morning_of(einde, self._policy.timezone), ended):
            async with self._lock:
                await self._record("wsnp_einde_verwacht", ENGINE)
        await workflow.wait_condition(ended)

    @workflow.update
    async def wsnp_einde(self, einde: WsnpEinde) -> RegelingState:
        """How the Wsnp ended: the schone lei closes the traject as settled, anything else as uitval."""
        async with self._lock:
            door = einde.door or self._start.caseworker
            if einde.schone_lei:
                self._state.status = RegelingStatus.AFGEROND
                self._state.afgerond_op = einde.datum
                await self._record("wsnp_schone_lei", door)
                await self._to_client(LetterKind.SCHONE_LEI, "schone_lei", {"wsnp": True})
            else:
                self._state.status = RegelingStatus.BEEINDIGD
                self._state.uitval = UitvalReden.WSNP_ZONDER_SCHONE_LEI
                await self._record("wsnp_zonder_schone_lei", door)
            return self._state

    @wsnp_einde.validator
    def _validate_wsnp_einde(self, einde: WsnpEinde) -> None:
        self._check_status(RegelingStatus.WSNP)
        if einde.datum > today(self._policy.timezone):
            raise invalid([("datum", "ligt in de toekomst")])

    # The term.

    async def _begin(self, ingangsdatum: date) -> None:
        """Start the term; a kredietbank pays every creditor its part at once and gets the final accounts out."""
        state = self._state
        state.status = RegelingStatus.LOOPT
        state.ingangsdatum = ingangsdatum
        total = sum(d.aandeel_cent for d in state.deelnemers)
        state.schema = schema_voor(total, state.afloscapaciteit.maandbedrag_cent, self._policy.looptijd_maanden)
        if state.soort is RegelingSoort.SANERINGSKREDIET:
            for deelnemer in state.deelnemers:
                deelnemer.ontvangen_cent = deelnemer.aandeel_cent
        await self._record("regeling_gestart", ENGINE)
        await self._to_client(LetterKind.REGELING_START, "start", self._figures())
        if state.soort is RegelingSoort.SANERINGSKREDIET:
            await self._final_accounts()

    async def _looptijd(self) -> bool:
        """Check each month's payment after its grace days until the term ends or all is paid, then close;
        True when this run has done its share of months and the workflow should continue as new."""
        checked_this_run = 0
        while self._state.gecontroleerd_tot < len(self._state.schema) and not self._paid_in_full():
            if checked_this_run >= self._policy.maanden_per_run:
                return True
            maand = self._state.gecontroleerd_tot + 1
            start = self._state.ingangsdatum or today(self._policy.timezone)
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
                await self._record("tekort_aan_het_einde", ENGINE, self._position())
        await workflow.wait_condition(
            lambda: (
                self._state.betaald_cent >= self._state.totaal_cent
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
            await self._record(None, ENGINE)
            return
        self._state.gemist.append(maand)
        position = self._position() | {"maand": maand}
        await self._record(f"betaling_gemist:{maand}", ENGINE, position)
        await self._to_client(LetterKind.BETALING_GEMIST, f"gemist:{maand}", position)

    def _paid_in_full(self) -> bool:
        return self._state.betaald_cent >= self._state.totaal_cent

    @workflow.update
    async def betaling(self, betaling: Betaling) -> RegelingState:
        """Record a payment (from the caseworker or the kredietbank's statement) and divide it over the
        creditors per the regeling; the same payment id counts once."""
        async with self._lock:
            if any(b.betaling_id == betaling.betaling_id for b in self._state.betalingen):
                return self._state
            self._state.betalingen.append(betaling)
            if self._state.soort is RegelingSoort.MINNELIJK:
                parts = verdeel_betaling(self._state.deelnemers, betaling.bedrag_cent)
                for deelnemer, part in zip(self._state.deelnemers, parts, strict=True):
                    deelnemer.ontvangen_cent += part.aandeel_cent
            data = {"betaling": betaling.betaling_id, "bedrag_cent": betaling.bedrag_cent}
            await self._record(f"betaling:{betaling.betaling_id}", betaling.door or betaling.bron.value, data)
            return self._state

    @betaling.validator
    def _validate_betaling(self, betaling: Betaling) -> None:
        self._check_status(RegelingStatus.LOOPT)
        if any(b.betaling_id == betaling.betaling_id for b in self._state.betalingen):
            return
        check_fields(betaling_problems(self._state, betaling, today(self._policy.timezone)), "De betaling klopt niet.")

    @workflow.update
    async def inkomenswijziging(self, stap: Afloscapaciteitstap) -> RegelingState:
        """A change of income: the new capacity is computed and waits for the caseworker's approval."""
        async with self._lock:
            normen = normen_op(today(self._policy.timezone), self._policy.vtlb_normen)
            self._state.herberekening = afloscapaciteit(
                stap.huishouden, normen, self._policy.looptijd_maanden, stap.vtlb_cent
            )
            await self._record("inkomenswijziging", stap.door or self._start.caseworker, self._position())
            return self._state

    @inkomenswijziging.validator
    def _validate_inkomenswijziging(self, stap: Afloscapaciteitstap) -> None:
        self._check_status(RegelingStatus.LOOPT)
        check_fields(
            huishouden_problems(stap.huishouden, stap.vtlb_cent), "De gegevens van het huishouden kloppen niet."
        )

    @workflow.update
    async def herberekening_goedkeuren(self, door: str) -> RegelingState:
        """Apply the recalculated amount from the first month not yet due; the creditors' parts follow."""
        async with self._lock:
            nieuw = self._state.herberekening
            assert nieuw is not None  # the validator refuses without one
            start = self._state.ingangsdatum or today(self._policy.timezone)
            vanaf = 1 + sum(
                1 for k in range(1, len(self._state.schema) + 1) if vervaldag(start, k) <= today(self._policy.timezone)
            )
            schema, deelnemers = herverdeel(self._state, nieuw, vanaf, self._policy.preferent_factor)
            self._state.schema = schema
            self._state.deelnemers = deelnemers
            self._state.afloscapaciteit = nieuw
            self._state.herberekening = None
            data = {"vanaf_maand": vanaf, "maandbedrag_cent": nieuw.maandbedrag_cent}
            await self._record("herberekening_goedgekeurd", door or self._start.caseworker, data)
            await self._to_client(
                LetterKind.HERBEREKENING,
                f"herberekening:{self._state.version}",
                {**self._figures(), "vanaf": vervaldag(start, vanaf).isoformat()},
            )
            return self._state

    @herberekening_goedkeuren.validator
    def _validate_herberekening(self, door: str) -> None:
        self._check_status(RegelingStatus.LOOPT)
        if self._state.herberekening is None:
            raise invalid([("herberekening", "er is geen inkomenswijziging om goed te keuren")])

    @workflow.update
    async def afronden(self, door: str) -> RegelingState:
        """Close the term although less was paid than planned: the caseworker's decision after contact."""
        self._afgerond_door = door or self._start.caseworker
        await workflow.wait_condition(lambda: self._state.status is not RegelingStatus.LOOPT)
        return self._state

    @afronden.validator
    def _validate_afronden(self, door: str) -> None:
        self._check_status(RegelingStatus.LOOPT)
        if self._state.gecontroleerd_tot < len(self._state.schema):
            raise invalid([("regeling", "de looptijd is nog niet voorbij")])

    async def _afronding(self, actor: str) -> None:
        self._state.status = RegelingStatus.AFGEROND
        self._state.afgerond_op = today(self._policy.timezone)
        await self._record("afgerond", actor, self._position())
        extra = self._figures() | self._position() | {"wsnp": False}
        await self._to_client(LetterKind.SCHONE_LEI, "schone_lei", extra)
        if self._state.soort is RegelingSoort.MINNELIJK:
            await self._final_accounts()

    async def _final_accounts(self) -> None:
        for deelnemer in self._state.deelnemers:
            await self._to_creditor(deelnemer, LetterKind.EINDAFREKENING, "eindafrekening", self._figures(deelnemer))

    # Stopping from the traject.

    @workflow.signal(name=SIGNAL_STOP)
    async def stoppen(self, uitval: Uitval) -> None:
        """The traject ends early: the settlement stops where it is, and sends nothing more."""
        async with self._lock:
            if self._ended():
                return
            self._state.status = RegelingStatus.BEEINDIGD
            self._state.uitval = uitval.reden
            await self._record("regeling_gestopt", uitval.door or self._start.caseworker, {"reden": uitval.reden})

    # Shared means.

    def _ended(self) -> bool:
        return self._state.status in (RegelingStatus.AFGEROND, RegelingStatus.BEEINDIGD)

    def _check_status(self, *statuses: RegelingStatus) -> None:
        if self._state.status not in statuses:
            raise not_allowed(
                f"Dit kan niet nu de regeling de status '{self._state.status.value}' heeft.",
                self._state.status.value,
            )

    def _deelnemer(self, schuldeiser_id: str) -> Deelnemer:
        for deelnemer in self._state.deelnemers:
            if deelnemer.schuldeiser_id == schuldeiser_id:
                return deelnemer
        raise invalid(
            [("schuldeiser_id", "onbekend in deze regeling")], "Deze schuldeiser doet niet mee aan de regeling."
        )

    def _position(self) -> dict[str, Any]:
        return {
            "betaald_cent": self._state.betaald_cent,
            "totaal_cent": self._state.totaal_cent,
            "achterstand_cent": self._state.achterstand_op(today(self._policy.timezone)),
        }

    def _figures(self, deelnemer: Deelnemer | None = None) -> dict[str, Any]:
        """What a letter says of the settlement, and of one creditor's part in it."""
        state = self._state
        capaciteit = state.afloscapaciteit
        figures: dict[str, Any] = {
            "soort": state.soort.value,
            "maandbedrag_cent": capaciteit.maandbedrag_cent,
            "looptijd_maanden": self._policy.looptijd_maanden,
            "totaal_cent": state.totaal_cent,
            "vorderingen_cent": sum(d.vordering_cent for d in state.deelnemers),
            "schuldeisers": len(state.deelnemers),
            "weigeraars": len(state.weigeraars),
            "eerste_betaling": vervaldag(state.ingangsdatum, 1).isoformat() if state.ingangsdatum else "",
        }
        if deelnemer is not None:
            figures |= {
                "vordering_cent": deelnemer.vordering_cent,
                "aandeel_cent": deelnemer.aandeel_cent,
                "ontvangen_cent": deelnemer.ontvangen_cent,
                "percentage": percentage_tekst(deelnemer.aandeel_cent, deelnemer.vordering_cent),
                "percentage_ontvangen": percentage_tekst(deelnemer.ontvangen_cent, deelnemer.vordering_cent),
                "reden": deelnemer.reden or "",
            }
        return figures

    async def _record(self, kind: str | None, actor: str, data: dict[str, Any] | None = None) -> None:
        self._state.version += 1
        self._upsert_search_attributes()
        record = RegelingRecord(
            key=key(self._state.traject_id, "regeling", kind, self._state.version) if kind else None,
            kind=kind,
            at=workflow.now(),
            actor=actor,
            state=self._state,
            data=data or {},
        )
        await workflow.execute_activity_method(RegelingActivities.record_regeling, record, **ACTIVITY)

    def _upsert_search_attributes(self) -> None:
        waiting = {
            RegelingStatus.VOORSTEL: "schuldeisers",
            RegelingStatus.GEWEIGERD: "hulpverlener",
            RegelingStatus.DWANGAKKOORD: "rechtbank",
            RegelingStatus.WSNP_VERZOEK: "rechtbank",
            RegelingStatus.WSNP: "bewindvoerder",
            RegelingStatus.LOOPT: "client",
        }.get(self._state.status, "niemand")
        workflow.upsert_search_attributes(
            [sa.WAITING_ON.value_set(waiting), sa.CASEWORKER.value_set(self._start.caseworker)]
        )

    async def _to_client(self, kind: LetterKind, letter: str, extra: dict[str, Any]) -> None:
        request = LetterRequest(
            self._state.traject_id,
            kind,
            key(self._state.traject_id, "regeling", letter),
            today(self._policy.timezone),
            extra=extra,
        )
        brief_id = await workflow.execute_activity_method(LetterActivities.write_letter, request, **ACTIVITY)
        await workflow.execute_activity_method(LetterActivities.deliver_letter, brief_id, **ACTIVITY)

    async def _draft(self, kind: LetterKind, deelnemer: Deelnemer | None, extra: dict[str, Any]) -> None:
        draft = key(self._state.traject_id, "regeling", kind.value, deelnemer.schuldeiser_id if deelnemer else "")
        request = LetterRequest(
            self._state.traject_id,
            kind,
            draft,
            today(self._policy.timezone),
            extra=extra,
            schuldeiser_id=deelnemer.schuldeiser_id if deelnemer else None,
        )
        await workflow.execute_activity_method(LetterActivities.write_letter, request, **ACTIVITY)

    async def _to_creditor(self, deelnemer: Deelnemer, kind: LetterKind, letter: str, extra: dict[str, Any]) -> None:
        reach = self._reach.get(deelnemer.schuldeiser_id)
        if reach is None:
            reach = await workflow.execute_activity_method(
                InventarisatieActivities.creditor_reach, deelnemer.schuldeiser_id, **ACTIVITY
            )
            self._reach[deelnemer.schuldeiser_id] = reach
        request = LetterRequest(
            self._state.traject_id,
            kind,
            key(deelnemer.voorstel_id, letter),
            today(self._policy.timezone),
            extra=self._figures(deelnemer) | extra,
            schuldeiser_id=deelnemer.schuldeiser_id,
        )
        await notify_creditor(reach, request, "voorstellen", deelnemer.voorstel_id)
