"""The traject's handlers for stabilisation and inventarisation: creditor requests and collection measures."""

from __future__ import annotations

from temporalio import workflow
from temporalio.workflow import ParentClosePolicy

with workflow.unsafe.imports_passed_through():
    from activities.inventarisatie import InventarisatieActivities, KlantcijfersRecord, VerzoekRecord
    from domain import ids
    from domain.inventarisatie import (
        Incassomaatregel,
        IncassoVoortzetting,
        Klantcijfers,
        Maatregelstand,
        SchuldeisersToevoegen,
        Verzoekstand,
    )
    from domain.keys import key
    from domain.phases import Step
    from domain.traject import (
        TrajectState,
        klantcijfers_problems,
        klantcijfers_refusal,
        step_problems_schuldeisers,
    )
    from domain.vordering import VerzoekStart, VerzoekState, VerzoekStatus, VerzoekUitkomst
    from letters.render import LetterKind
    from workflows.activity_options import ACTIVITY

from workflows.clock import ENGINE, today
from workflows.refusals import check_fields, invalid, known, not_allowed
from workflows.traject_dossier import TrajectDossier
from workflows.vordering import VorderingWorkflow


class Inventarisatie:
    """Asks each creditor for its claim (one `VorderingWorkflow` per creditor) and answers collection
    measures with a suspension request, the do's & don'ts card and, if collection goes on, a moratorium draft."""

    def __init__(self, dossier: TrajectDossier) -> None:
        self._dossier = dossier
        self._policy = dossier.policy
        self._state = dossier.state
        self._lock = dossier.lock

    async def schuldeisers_toevoegen(self, step: SchuldeisersToevoegen) -> TrajectState:
        """Ask each creditor for its claim: one request workflow per creditor, which outlives a
        continue-as-new of this traject (abandoned on close, fixed id) and reports back by signal."""
        async with self._lock:
            self._dossier.check_step(Step.SCHULDEISERS_TOEVOEGEN)
            await self.ask(step.schuldeiser_ids, step.door or self._state.caseworker)
            await self._dossier.enter(Step.SCHULDEISERS_TOEVOEGEN, step.door)
            return self._state

    async def ask(self, schuldeiser_ids: list[str], door: str) -> None:
        """Open a request to each creditor: the dossier rows first, then one workflow per request."""
        starts = [
            VerzoekStart(str(workflow.uuid4()), self._state.traject_id, sid, self._policy, workflow.info().workflow_id)
            for sid in schuldeiser_ids
        ]
        asked_on = today(self._policy.timezone)
        await workflow.execute_activity_method(
            InventarisatieActivities.open_verzoeken,
            [
                VerzoekRecord(
                    key(s.verzoek_id, "aangevraagd"),
                    "aangevraagd",
                    workflow.now(),
                    door,
                    VerzoekState(s.verzoek_id, s.traject_id, s.schuldeiser_id, VerzoekStatus.OPEN, asked_on),
                )
                for s in starts
            ],
            **ACTIVITY,
        )
        for start in starts:
            await workflow.start_child_workflow(
                VorderingWorkflow.run,
                start,
                id=ids.vordering(start.verzoek_id),
                parent_close_policy=ParentClosePolicy.ABANDON,
            )
            self._state.verzoeken.append(Verzoekstand(start.verzoek_id, start.schuldeiser_id))

    def check_schuldeisers_toevoegen(self, step: SchuldeisersToevoegen) -> None:
        self._dossier.check_step(Step.SCHULDEISERS_TOEVOEGEN)
        check_fields(step_problems_schuldeisers(self._state, step))

    async def cijfers_client(self, stap: Klantcijfers) -> TrajectState:
        """The client's own figures for a creditor that would not cooperate: they stand in for its claim,
        so the proposal can go ahead without it."""
        async with self._lock:
            self._check_cijfers_client(stap)
            verzoek = next(v for v in self._state.verzoeken if v.verzoek_id == stap.verzoek_id)
            verzoek.vordering = stap.ingediend.vordering
            door = stap.ingediend.door or self._state.caseworker
            await workflow.execute_activity_method(
                InventarisatieActivities.record_client_figures,
                KlantcijfersRecord(
                    key(stap.verzoek_id, "cijfers_client"),
                    self._state.traject_id,
                    verzoek.schuldeiser_id,
                    stap,
                    workflow.now(),
                    door,
                ),
                **ACTIVITY,
            )
            await self._dossier.record(None, door)
            return self._state

    def check_cijfers_client(self, stap: Klantcijfers) -> None:
        self._check_cijfers_client(stap)
        check_fields(klantcijfers_problems(stap, today(self._policy.timezone)), "De cijfers kloppen niet.")

    def _check_cijfers_client(self, stap: Klantcijfers) -> None:
        self._dossier.check_step(Step.SCHULDEISERS_TOEVOEGEN)
        if refusal := klantcijfers_refusal(self._state, stap):
            raise not_allowed(refusal, self._state.phase.value)

    async def incassomaatregel(self, maatregel: Incassomaatregel) -> TrajectState:
        """A creditor's collection measure: the creditor is asked to suspend it, and the client gets the
        do's & don'ts card (once per traject)."""
        async with self._lock:
            self._dossier.check_step(Step.INCASSOMAATREGEL)
            self._state.maatregelen.append(Maatregelstand(maatregel))
            await self._dossier.enter(Step.INCASSOMAATREGEL, maatregel.door)
            await self._dossier.send_letter(
                LetterKind.OPSCHORTINGSVERZOEK,
                key(maatregel.maatregel_id, "opschorting"),
                maatregel.schuldeiser_id,
                _details(maatregel),
            )
            await self._dossier.send_letter(LetterKind.DOS_EN_DONTS)
            return self._state

    def check_incassomaatregel(self, maatregel: Incassomaatregel) -> None:
        self._dossier.check_step(Step.INCASSOMAATREGEL)
        if maatregel.datum > today(self._policy.timezone):
            raise invalid([("datum", "ligt in de toekomst")])

    async def incasso_voortgezet(self, voortzetting: IncassoVoortzetting) -> TrajectState:
        """The creditor did not suspend: a draft request for a breed moratorium (art. 287b Fw) is made
        for the caseworker to complete and send to the court; the timeline names who recorded it."""
        return await self._measure_goes_on(voortzetting.maatregel_id, voortzetting.door or self._state.caseworker)

    def check_incasso_voortgezet(self, voortzetting: IncassoVoortzetting) -> None:
        self._check_goes_on(voortzetting.maatregel_id)

    async def incasso_gaat_door(self, maatregel_id: str) -> TrajectState:
        """The same as `incasso_voortgezet`, as trajecten recorded it before the caller was named: kept so
        their histories replay."""
        return await self._measure_goes_on(maatregel_id, self._state.caseworker)

    def check_incasso_gaat_door(self, maatregel_id: str) -> None:
        self._check_goes_on(maatregel_id)

    async def _measure_goes_on(self, maatregel_id: str, door: str) -> TrajectState:
        async with self._lock:
            stand = self._measure(maatregel_id)
            stand.gaat_door = True
            await self._dossier.record("incasso_gaat_door", door)
            maatregel = stand.maatregel
            await self._dossier.write_letter(
                LetterKind.MORATORIUM_CONCEPT,
                key(maatregel_id, "moratorium"),
                maatregel.schuldeiser_id,
                _details(maatregel),
            )
            return self._state

    def _check_goes_on(self, maatregel_id: str) -> None:
        self._dossier.check_step(Step.INCASSOMAATREGEL)
        if self._measure(maatregel_id).gaat_door:
            raise invalid([("maatregel", "staat al als voortgezet geregistreerd")])

    def _measure(self, maatregel_id: str) -> Maatregelstand:
        measures = self._state.maatregelen
        return known(measures, lambda m: m.maatregel.maatregel_id, maatregel_id, "maatregel", "incassomaatregel")

    async def verzoek_geescaleerd(self, verzoek_id: str) -> None:
        """A creditor did not answer in time: the caseworker must act."""
        async with self._lock:
            for verzoek in self._state.verzoeken:
                if verzoek.verzoek_id == verzoek_id:
                    verzoek.geescaleerd = True
            await self._dossier.record(None, ENGINE)

    async def verzoek_afgerond(self, uitkomst: VerzoekUitkomst) -> None:
        """A request ended; when none is open, the overview of the debts is complete."""
        async with self._lock:
            for verzoek in self._state.verzoeken:
                if verzoek.verzoek_id == uitkomst.verzoek_id:
                    verzoek.status = uitkomst.status
                    verzoek.vordering = uitkomst.ingediend.vordering if uitkomst.ingediend else None
            await self._dossier.record("overzicht_compleet" if self._state.overzicht_compleet else None, ENGINE)


def _details(maatregel: Incassomaatregel) -> dict[str, str | int]:
    """What a letter about a collection measure says of it."""
    return {"maatregel": maatregel.soort.value.replace("_", " "), "maatregel_datum": maatregel.datum.isoformat()}
