"""The traject's handlers for the people around the client: a ketenpartner, bewindvoerder or maatje linked and
unlinked by the caseworker, and the notes and tasks a partner adds for the caseworker."""

from __future__ import annotations

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from domain.betrokkene import (
        Betrokkene,
        Koppeling,
        Notitie,
        NotitieIn,
        Ontkoppeling,
        TaakAf,
        koppeling_problems,
        ontkoppeling_problems,
    )
    from domain.traject import TrajectState

from workflows.clock import today
from workflows.refusals import check_fields, invalid, known
from workflows.traject_dossier import TrajectDossier


class Betrokkenen:
    """Keeps who is linked to the traject in which part, and the partners' notes and tasks."""

    def __init__(self, dossier: TrajectDossier) -> None:
        self._dossier = dossier
        self._state = dossier.state
        self._policy = dossier.policy

    async def koppelen(self, koppeling: Koppeling) -> TrajectState:
        """Link someone from the register; from `vanaf` they see the traject as their part allows."""
        async with self._dossier.lock:
            self.check_koppelen(koppeling)
            betrokkene = Betrokkene(
                koppeling.medewerker_id,
                koppeling.rol,
                koppeling.vanaf,
                koppeling.schulden_delen,
                koppeling.toestemming_op,
            )
            self._state.betrokkenen.append(betrokkene)
            data = {"medewerker": koppeling.medewerker_id, "rol": koppeling.rol.value}
            await self._dossier.record("betrokkene_gekoppeld", koppeling.door or self._state.caseworker, data)
            return self._state

    def check_koppelen(self, koppeling: Koppeling) -> None:
        self._dossier.check_open()
        check_fields(koppeling_problems(koppeling, self._state.betrokkenen, today(self._policy.timezone)))

    async def ontkoppelen(self, ontkoppeling: Ontkoppeling) -> TrajectState:
        """End a link; the traject keeps who was linked when."""
        async with self._dossier.lock:
            self.check_ontkoppelen(ontkoppeling)
            self._find(ontkoppeling.medewerker_id).tot = ontkoppeling.tot
            data = {"medewerker": ontkoppeling.medewerker_id}
            await self._dossier.record("betrokkene_ontkoppeld", ontkoppeling.door or self._state.caseworker, data)
            return self._state

    def check_ontkoppelen(self, ontkoppeling: Ontkoppeling) -> None:
        check_fields(ontkoppeling_problems(self._find(ontkoppeling.medewerker_id), ontkoppeling))

    async def notitie(self, notitie: NotitieIn) -> TrajectState:
        """A partner's note, or a task the caseworker's werkvoorraad shows until it is done."""
        async with self._dossier.lock:
            self.check_notitie(notitie)
            kept = Notitie(str(workflow.uuid4()), workflow.now(), notitie.door, notitie.tekst, notitie.taak)
            self._state.notities.append(kept)
            await self._dossier.record("taak" if notitie.taak else "notitie", notitie.door, {"tekst": notitie.tekst})
            return self._state

    def check_notitie(self, notitie: NotitieIn) -> None:
        self._dossier.check_open()
        day = today(self._policy.timezone)
        if not any(b.medewerker_id == notitie.door and b.ziet_op(day) for b in self._state.betrokkenen):
            raise invalid([("door", "is niet aan dit traject gekoppeld")])

    async def taak_af(self, af: TaakAf) -> TrajectState:
        """The caseworker did what a partner's task asked."""
        async with self._dossier.lock:
            self.check_taak_af(af)
            taak = self._task(af.notitie_id)
            taak.afgehandeld = True
            await self._dossier.record("taak_afgehandeld", af.door or self._state.caseworker, {"tekst": taak.tekst})
            return self._state

    def check_taak_af(self, af: TaakAf) -> None:
        if self._task(af.notitie_id).afgehandeld:
            raise invalid([("notitie_id", "deze taak is al afgehandeld")])

    def _task(self, notitie_id: str) -> Notitie:
        return known(
            (n for n in self._state.notities if n.taak), lambda n: n.notitie_id, notitie_id, "notitie_id", "taak"
        )

    def _find(self, medewerker_id: str) -> Betrokkene:
        linked = reversed(self._state.betrokkenen)
        return known(linked, lambda b: b.medewerker_id, medewerker_id, "medewerker_id", "betrokkene")
