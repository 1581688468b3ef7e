"""The traject's handlers for a referral to a specialised service, and the check weeks later whether the
client arrived there."""

from __future__ import annotations

from datetime import timedelta

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from domain.doorverwijzing import Aankomst, Doorverwijzing, DoorverwijzingIn, aankomst_problems
    from domain.traject import TrajectState

from workflows.clock import today
from workflows.refusals import check_fields, known
from workflows.traject_dossier import TrajectDossier


class Doorverwijzingen:
    """Keeps the referrals of a traject, each with the day to check whether the client arrived."""

    def __init__(self, dossier: TrajectDossier) -> None:
        self._dossier = dossier
        self._state = dossier.state
        self._policy = dossier.policy

    async def verwijzen(self, verwijzing: DoorverwijzingIn) -> TrajectState:
        """Refer the client; the caseworker's werkvoorraad asks, some weeks later, whether they arrived."""
        async with self._dossier.lock:
            self._dossier.check_open()
            day = today(self._policy.timezone)
            nagaan_op = day + timedelta(weeks=self._policy.doorverwijzing_nagaan_weken)
            stand = Doorverwijzing(str(workflow.uuid4()), verwijzing.soort, verwijzing.naar, day, nagaan_op)
            self._state.doorverwijzingen.append(stand)
            data = {"soort": verwijzing.soort.value, "naar": verwijzing.naar, "toelichting": verwijzing.toelichting}
            await self._dossier.record("doorverwezen", verwijzing.door or self._state.caseworker, data)
            return self._state

    def check_verwijzen(self, verwijzing: DoorverwijzingIn) -> None:
        self._dossier.check_open()

    async def nagaan(self, aankomst: Aankomst) -> TrajectState:
        """Record whether the client arrived where they were referred."""
        async with self._dossier.lock:
            self.check_nagaan(aankomst)
            stand = self._find(aankomst.doorverwijzing_id)
            stand.aangekomen = aankomst.aangekomen
            data = {"naar": stand.naar, "aangekomen": aankomst.aangekomen, "toelichting": aankomst.toelichting}
            await self._dossier.record("doorverwijzing_nagegaan", aankomst.door or self._state.caseworker, data)
            return self._state

    @property
    def te_volgen(self) -> bool:
        """Whether a referral waits for the check that the client arrived."""
        return any(d.aangekomen is None for d in self._state.doorverwijzingen)

    def check_nagaan(self, aankomst: Aankomst) -> None:
        # Also after the traject closed: a referral as its ending is followed up while the traject runs.
        check_fields(aankomst_problems(self._find(aankomst.doorverwijzing_id)))

    def _find(self, doorverwijzing_id: str) -> Doorverwijzing:
        verwijzingen = self._state.doorverwijzingen
        return known(
            verwijzingen, lambda d: d.doorverwijzing_id, doorverwijzing_id, "doorverwijzing_id", "doorverwijzing"
        )
