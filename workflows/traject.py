"""The traject of one client. This file holds the workflow, its run and every update and signal a reader looks
for; each stage does its work in its own file: admission and the Wgs clocks (`traject_toelating.py`), creditors
and collection measures (`traject_inventarisatie.py`), capacity, proposal, uitval and every other ending
(`traject_schuldregeling.py`), nazorg and missed appointments (`traject_nazorg.py`), begeleiding
(`traject_begeleiding.py`), objections (`traject_bezwaar.py`), referrals (`traject_doorverwijzing.py`), the
partners around the client and their notes (`traject_betrokkenen.py`), and what they share
(`traject_dossier.py`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from activities.dossier import DossierActivities, Registration
    from domain.beeindiging import Afsluiting
    from domain.begeleiding import BegeleidingEinde, BegeleidingStart
    from domain.betrokkene import Betrokkene, Betrokkenheid, Koppeling, NotitieIn, Ontkoppeling, TaakAf
    from domain.bezwaar import BezwaarBesluit, BezwaarIn
    from domain.doorverwijzing import Aankomst, DoorverwijzingIn
    from domain.inventarisatie import Incassomaatregel, IncassoVoortzetting, Klantcijfers, SchuldeisersToevoegen
    from domain.nazorg import GemisteAfspraak, NazorgStop, NazorgVerslag
    from domain.overdracht import Overdracht, overdracht_problems
    from domain.phases import Phase
    from domain.schuldregeling import Afloscapaciteitstap, Voorstel
    from domain.traject import (
        Beschikking,
        Clock,
        Deadline,
        EersteGesprek,
        PlanVanAanpak,
        TrajectStart,
        TrajectState,
        aanmelding_problems,
    )
    from domain.uitval import Uitval
    from domain.vordering import VerzoekUitkomst
    from domain.wgs_deadlines import end_of_day, first_conversation_deadline
    from letters.render import LetterKind
    from workflows.activity_options import write

# The stages are workflow code that keeps no state of its own: the worker's sandbox passes them through
# (runtime/worker.sandbox), so a new traject does not import them again.
from workflows import signalen
from workflows.clock import today, until, wait_until
from workflows.refusals import check_fields
from workflows.traject_begeleiding import Begeleidingen
from workflows.traject_betrokkenen import Betrokkenen
from workflows.traject_bezwaar import Bezwaren
from workflows.traject_doorverwijzing import Doorverwijzingen
from workflows.traject_dossier import TrajectDossier
from workflows.traject_inventarisatie import Inventarisatie
from workflows.traject_nazorg import Nazorg
from workflows.traject_schuldregeling import Regelingsfase
from workflows.traject_toelating import Toelating

# Trajecten refused before objections were heard slept through the objection term on a plain timer.
BEZWAAR_PATCH = "bezwaar-gehoord"


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
    attributes, and the step can still be recorded afterwards. The settlement runs in its own child
    workflow; after afronding the traject keeps nazorg, then closes.
    """

    @workflow.init
    def __init__(self, start: TrajectStart) -> None:
        aanmelding = start.aanmelding
        # The API refuses these; a start that slipped past it fails the workflow in `run`, instead of
        # failing every workflow task on a date the clock cannot count from.
        self._refused = aanmelding_problems(aanmelding, today(start.policy.timezone), start.policy.timezone)
        due = (
            aanmelding.meldingsdatum
            if self._refused
            else first_conversation_deadline(aanmelding.meldingsdatum, aanmelding.crisis is not None, start.policy)
        )
        state = TrajectState(
            traject_id=start.traject_id,
            caseworker=start.caseworker,
            phase=Phase.AANMELDING,
            phase_since=workflow.now(),
            meldingsdatum=aanmelding.meldingsdatum,
            crisis=aanmelding.crisis,
            deadlines=[Deadline(Clock.EERSTE_GESPREK, due)],
            vorig_traject=start.vorig_traject,
            ondernemer=aanmelding.ondernemer,
            betrokkenen=(
                [Betrokkene(aanmelding.bewindvoerder, Betrokkenheid.BEWINDVOERDER, aanmelding.meldingsdatum)]
                if aanmelding.bewindvoerder
                else []
            ),
        )
        self._registered = False
        self._dossier = TrajectDossier(start, state)
        self._toelating = Toelating(self._dossier, lambda: self._registered)
        self._inventarisatie = Inventarisatie(self._dossier)
        self._regeling = Regelingsfase(self._dossier, self._inventarisatie)
        self._nazorg = Nazorg(self._dossier)
        self._begeleidingen = Begeleidingen(self._dossier)
        self._bezwaren = Bezwaren(self._dossier)
        self._doorverwijzingen = Doorverwijzingen(self._dossier)
        self._betrokkenen = Betrokkenen(self._dossier)

    @workflow.run
    async def run(self, start: TrajectStart) -> TrajectResult:
        """Register, confirm by letter, then keep each Wgs clock until the traject leaves the steps it covers."""
        check_fields(self._refused, "De aanmelding bevat ongeldige gegevens.")
        state = self._dossier.state
        await write(DossierActivities.register_aanmelding, Registration(start, state))
        await self._dossier.send_letter(LetterKind.AANMELDING_BEVESTIGING)
        self._registered = True
        self._dossier.upsert_search_attributes()
        await self._toelating.keep_clock(Clock.EERSTE_GESPREK)
        await self._toelating.keep_clock(Clock.BESCHIKKING)
        admitted = True
        if state.phase is Phase.AFGESLOTEN and state.bezwaar_uiterlijk is not None:
            await self._hear_objections(state.bezwaar_uiterlijk, start.policy.timezone)
            admitted = state.phase is not Phase.AFGESLOTEN
        if admitted:
            await self._follow_to_the_end(start.policy.timezone)
        await workflow.wait_condition(workflow.all_handlers_finished)
        await self._dossier.posted()
        return TrajectResult(state.phase, state.closed_after)

    async def _follow_to_the_end(self, timezone: str) -> None:
        """Follow the settlement to afronding and nazorg, or the traject to its ending. An ending that is a
        beschikking keeps the traject open until its objection term ran out, every objection is decided
        and every referral followed up; a gegrond objection takes the traject back to where it ended."""
        state = self._dossier.state
        while True:
            await workflow.wait_condition(lambda: state.phase in (Phase.SCHULDREGELING, Phase.AFGESLOTEN))
            if await self._regeling.settle():
                await self._nazorg.after_afronding()
                return
            term_end = state.einde_bezwaar_uiterlijk
            if term_end is None:
                return
            await wait_until(end_of_day(term_end, timezone), lambda: state.phase is not Phase.AFGESLOTEN)
            await workflow.wait_condition(
                lambda: (
                    state.phase is not Phase.AFGESLOTEN or not (self._bezwaren.open or self._doorverwijzingen.te_volgen)
                )
            )
            if state.phase is Phase.AFGESLOTEN:
                return
            self._regeling.reopen()

    async def _hear_objections(self, term_end: date, timezone: str) -> None:
        """A refused client may still object: the traject stays open to hear it until the term ends, and
        then until an objection lodged in time is decided; a gegrond one opens the traject again."""
        state = self._dossier.state
        if not workflow.patched(BEZWAAR_PATCH):
            # Refused before objections were heard: the term ran out on a plain timer.
            await workflow.sleep(until(end_of_day(term_end, timezone)))
            return
        await wait_until(end_of_day(term_end, timezone), lambda: state.phase is not Phase.AFGESLOTEN)
        await workflow.wait_condition(lambda: not self._bezwaren.open or state.phase is not Phase.AFGESLOTEN)

    @workflow.query
    def state(self) -> TrajectState:
        """The traject's live state."""
        return self._dossier.state

    @workflow.update
    async def wait_registered(self) -> TrajectState:
        """Returns once the aanmelding is in the dossier and its letter is written."""
        await workflow.wait_condition(lambda: self._registered)
        return self._dossier.state

    # Admission (traject_toelating.py).

    @workflow.update
    async def eerste_gesprek(self, gesprek: EersteGesprek) -> TrajectState:
        """The first conversation: klantprofiel, route and actielijst."""
        return await self._toelating.eerste_gesprek(gesprek)

    @eerste_gesprek.validator
    def _validate_eerste_gesprek(self, gesprek: EersteGesprek) -> None:
        self._toelating.check_eerste_gesprek(gesprek)

    @workflow.update
    async def beschikking(self, beschikking: Beschikking) -> TrajectState:
        """The decision on admission."""
        return await self._toelating.beschikking(beschikking)

    @beschikking.validator
    def _validate_beschikking(self, beschikking: Beschikking) -> None:
        self._toelating.check_beschikking(beschikking)

    @workflow.update
    async def plan_van_aanpak(self, plan: PlanVanAanpak) -> TrajectState:
        """The plan van aanpak; the traject enters stabilisatie."""
        return await self._toelating.plan_van_aanpak(plan)

    @plan_van_aanpak.validator
    def _validate_plan_van_aanpak(self, plan: PlanVanAanpak) -> None:
        self._toelating.check_plan_van_aanpak(plan)

    # Creditors and collection measures (traject_inventarisatie.py).

    @workflow.update
    async def schuldeisers_toevoegen(self, step: SchuldeisersToevoegen) -> TrajectState:
        """Ask each creditor for its claim."""
        return await self._inventarisatie.schuldeisers_toevoegen(step)

    @schuldeisers_toevoegen.validator
    def _validate_schuldeisers_toevoegen(self, step: SchuldeisersToevoegen) -> None:
        self._inventarisatie.check_schuldeisers_toevoegen(step)

    @workflow.update
    async def cijfers_client(self, stap: Klantcijfers) -> TrajectState:
        """The client's figures for a creditor that will not cooperate, on its closed request."""
        return await self._inventarisatie.cijfers_client(stap)

    @cijfers_client.validator
    def _validate_cijfers_client(self, stap: Klantcijfers) -> None:
        self._inventarisatie.check_cijfers_client(stap)

    @workflow.update
    async def incassomaatregel(self, maatregel: Incassomaatregel) -> TrajectState:
        """A creditor's collection measure: a suspension request, and the do's & don'ts card."""
        return await self._inventarisatie.incassomaatregel(maatregel)

    @incassomaatregel.validator
    def _validate_incassomaatregel(self, maatregel: Incassomaatregel) -> None:
        self._inventarisatie.check_incassomaatregel(maatregel)

    @workflow.update
    async def incasso_voortgezet(self, voortzetting: IncassoVoortzetting) -> TrajectState:
        """The creditor went on with its measure: a draft request for a breed moratorium."""
        return await self._inventarisatie.incasso_voortgezet(voortzetting)

    @incasso_voortgezet.validator
    def _validate_incasso_voortgezet(self, voortzetting: IncassoVoortzetting) -> None:
        self._inventarisatie.check_incasso_voortgezet(voortzetting)

    @workflow.update
    async def incasso_gaat_door(self, maatregel_id: str) -> TrajectState:
        """As `incasso_voortgezet`, in the form trajecten used before it named its caller: kept for replay."""
        return await self._inventarisatie.incasso_gaat_door(maatregel_id)

    @incasso_gaat_door.validator
    def _validate_incasso_gaat_door(self, maatregel_id: str) -> None:
        self._inventarisatie.check_incasso_gaat_door(maatregel_id)

    @workflow.signal(name=signalen.VERZOEK_GEESCALEERD)
    async def verzoek_geescaleerd(self, verzoek_id: str) -> None:
        """A creditor did not answer in time: the caseworker must act."""
        await self._inventarisatie.verzoek_geescaleerd(verzoek_id)

    @workflow.signal(name=signalen.VERZOEK_AFGEROND)
    async def verzoek_afgerond(self, uitkomst: VerzoekUitkomst) -> None:
        """A request ended; when none is open, the overview of the debts is complete."""
        await self._inventarisatie.verzoek_afgerond(uitkomst)

    # Capacity, proposal and uitval (traject_schuldregeling.py).

    @workflow.update
    async def afloscapaciteit(self, stap: Afloscapaciteitstap) -> TrajectState:
        """The VTLB and the monthly capacity."""
        return await self._regeling.afloscapaciteit(stap)

    @afloscapaciteit.validator
    def _validate_afloscapaciteit(self, stap: Afloscapaciteitstap) -> None:
        self._regeling.check_afloscapaciteit(stap)

    @workflow.update
    async def voorstel(self, voorstel: Voorstel) -> TrajectState:
        """The proposal, handed to the settlement's own workflow."""
        return await self._regeling.voorstel(voorstel)

    @voorstel.validator
    def _validate_voorstel(self, voorstel: Voorstel) -> None:
        self._regeling.check_voorstel(voorstel)

    @workflow.update
    async def uitval(self, uitval: Uitval) -> TrajectState:
        """End the traject early, at any phase, with a reason from the fixed list."""
        return await self._regeling.uitval(uitval)

    @uitval.validator
    def _validate_uitval(self, uitval: Uitval) -> None:
        self._regeling.check_uitval(uitval)

    @workflow.update
    async def afsluiten(self, afsluiting: Afsluiting) -> TrajectState:
        """End the traject as what it is: stabilised, referred elsewhere, advice only, moved or deceased."""
        return await self._regeling.afsluiten(afsluiting)

    @afsluiten.validator
    def _validate_afsluiten(self, afsluiting: Afsluiting) -> None:
        self._regeling.check_afsluiten(afsluiting)

    # Nazorg and missed appointments (traject_nazorg.py).

    @workflow.update
    async def nazorg_verslag(self, verslag: NazorgVerslag) -> TrajectState:
        """How a nazorg contact went."""
        return await self._nazorg.nazorg_verslag(verslag)

    @nazorg_verslag.validator
    def _validate_nazorg_verslag(self, verslag: NazorgVerslag) -> None:
        self._nazorg.check_nazorg_verslag(verslag)

    @workflow.update
    async def nazorg_stoppen(self, stop: NazorgStop) -> TrajectState:
        """The client stops nazorg."""
        return await self._nazorg.nazorg_stoppen(stop)

    @nazorg_stoppen.validator
    def _validate_nazorg_stoppen(self, stop: NazorgStop) -> None:
        self._nazorg.check_nazorg_stoppen(stop)

    @workflow.update
    async def afspraak_gemist(self, afspraak: GemisteAfspraak) -> TrajectState:
        """A missed appointment: contact, never an end."""
        return await self._nazorg.afspraak_gemist(afspraak)

    @afspraak_gemist.validator
    def _validate_afspraak_gemist(self, afspraak: GemisteAfspraak) -> None:
        self._nazorg.check_afspraak_gemist(afspraak)

    # The caseworker (traject_dossier.py; a running settlement is told too).

    @workflow.update
    async def bezwaar_indienen(self, bezwaar: BezwaarIn) -> TrajectState:
        """An objection against the beschikking on admission or the one ending help, within its term; also
        after the traject closed."""
        return await self._bezwaren.indienen(bezwaar)

    @bezwaar_indienen.validator
    def _validate_bezwaar_indienen(self, bezwaar: BezwaarIn) -> None:
        self._bezwaren.check_indienen(bezwaar)

    @workflow.update
    async def bezwaar_beslissen(self, besluit: BezwaarBesluit) -> TrajectState:
        """The decision on an objection: gegrond, ongegrond or withdrawn."""
        return await self._bezwaren.beslissen(besluit)

    @bezwaar_beslissen.validator
    def _validate_bezwaar_beslissen(self, besluit: BezwaarBesluit) -> None:
        self._bezwaren.check_beslissen(besluit)

    @workflow.update
    async def doorverwijzen(self, verwijzing: DoorverwijzingIn) -> TrajectState:
        """Refer the client to a specialised service, in any open phase."""
        return await self._doorverwijzingen.verwijzen(verwijzing)

    @doorverwijzen.validator
    def _validate_doorverwijzen(self, verwijzing: DoorverwijzingIn) -> None:
        self._doorverwijzingen.check_verwijzen(verwijzing)

    @workflow.update
    async def doorverwijzing_nagaan(self, aankomst: Aankomst) -> TrajectState:
        """Whether the client arrived where they were referred."""
        return await self._doorverwijzingen.nagaan(aankomst)

    @doorverwijzing_nagaan.validator
    def _validate_doorverwijzing_nagaan(self, aankomst: Aankomst) -> None:
        self._doorverwijzingen.check_nagaan(aankomst)

    @workflow.update
    async def begeleiding_starten(self, start: BegeleidingStart) -> TrajectState:
        """Budgetbeheer, budgetbegeleiding or beschermingsbewind starts, in any open phase."""
        return await self._begeleidingen.start(start)

    @begeleiding_starten.validator
    def _validate_begeleiding_starten(self, start: BegeleidingStart) -> None:
        self._begeleidingen.check_start(start)

    @workflow.update
    async def begeleiding_beeindigen(self, einde: BegeleidingEinde) -> TrajectState:
        """A running begeleiding ends."""
        return await self._begeleidingen.end(einde)

    @begeleiding_beeindigen.validator
    def _validate_begeleiding_beeindigen(self, einde: BegeleidingEinde) -> None:
        self._begeleidingen.check_end(einde)

    @workflow.update
    async def betrokkene_koppelen(self, koppeling: Koppeling) -> TrajectState:
        """Link a ketenpartner, bewindvoerder or maatje from the register to the traject."""
        return await self._betrokkenen.koppelen(koppeling)

    @betrokkene_koppelen.validator
    def _validate_betrokkene_koppelen(self, koppeling: Koppeling) -> None:
        self._betrokkenen.check_koppelen(koppeling)

    @workflow.update
    async def betrokkene_ontkoppelen(self, ontkoppeling: Ontkoppeling) -> TrajectState:
        """End a link: from the day after, that person no longer sees the traject."""
        return await self._betrokkenen.ontkoppelen(ontkoppeling)

    @betrokkene_ontkoppelen.validator
    def _validate_betrokkene_ontkoppelen(self, ontkoppeling: Ontkoppeling) -> None:
        self._betrokkenen.check_ontkoppelen(ontkoppeling)

    @workflow.update
    async def notitie(self, notitie: NotitieIn) -> TrajectState:
        """A linked partner's note or task for the caseworker."""
        return await self._betrokkenen.notitie(notitie)

    @notitie.validator
    def _validate_notitie(self, notitie: NotitieIn) -> None:
        self._betrokkenen.check_notitie(notitie)

    @workflow.update
    async def taak_af(self, af: TaakAf) -> TrajectState:
        """The caseworker did what a partner's task asked."""
        return await self._betrokkenen.taak_af(af)

    @taak_af.validator
    def _validate_taak_af(self, af: TaakAf) -> None:
        self._betrokkenen.check_taak_af(af)

    @workflow.update
    async def overdragen(self, overdracht: Overdracht) -> TrajectState:
        """A warme overdracht to another caseworker, with a reason and a note; the client gets a letter."""
        async with self._dossier.lock:
            self._check_overdracht(overdracht)
            await self._regeling.follow_caseworker(overdracht.naar)
            await self._dossier.hand_over(overdracht)
            return self._dossier.state

    @overdragen.validator
    def _check_overdracht(self, overdracht: Overdracht) -> None:
        self._dossier.check_open()
        check_fields(overdracht_problems(self._dossier.state.caseworker, overdracht))
