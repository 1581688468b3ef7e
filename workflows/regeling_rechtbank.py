"""After a refusal: the caseworker's choice (a dwangakkoord, art. 287a Fw, or the Wsnp), the court's ruling,
and the Wsnp followed to its end. Drafts go to the caseworker for the court, plain letters to the client."""

from __future__ import annotations

from typing import Any

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from domain.kalender import add_months
    from domain.regeling_status import Gebeurtenis, RegelingStap, RegelingStatus
    from domain.schuldregeling import RegelingState, Uitspraak, Vervolg, VervolgKeuze, WsnpEinde
    from domain.uitval import UitvalReden
    from domain.wgs_deadlines import morning_of
    from letters.render import LetterKind

from workflows.clock import ENGINE, wait_until
from workflows.refusals import invalid
from workflows.regeling_dossier import RegelingDossier
from workflows.regeling_voorstel import Begin


class Rechtsgang:
    """The way to the court and through the Wsnp, once a creditor refused the proposal."""

    def __init__(self, dossier: RegelingDossier, begin: Begin) -> None:
        self._dossier = dossier
        self._state = dossier.state
        self._policy = dossier.policy
        self._lock = dossier.lock
        self._begin = begin

    async def choose(self, keuze: VervolgKeuze) -> RegelingState:
        """Ask the court for a dwangakkoord, or go to the Wsnp: drafts for the court, a letter to the client."""
        dossier = self._dossier
        async with self._lock:
            door = keuze.door or dossier.start.caseworker
            if keuze.keuze is Vervolg.DWANGAKKOORD:
                dossier.move(Gebeurtenis.DWANGAKKOORD_GEVRAAGD)
                await dossier.record("dwangakkoord_gevraagd", door)
                for deelnemer in self._state.weigeraars:
                    await dossier.draft(LetterKind.DWANGAKKOORD_CONCEPT, deelnemer, dossier.figures(deelnemer))
                await dossier.to_client(LetterKind.DWANGAKKOORD_CLIENT, "dwangakkoord", dossier.figures())
            else:
                dossier.move(Gebeurtenis.WSNP_GEVRAAGD)
                await dossier.record("wsnp_gevraagd", door)
                await dossier.draft(LetterKind.WSNP_VERKLARING, None, dossier.figures())
                await dossier.draft(LetterKind.WSNP_VERZOEKSCHRIFT, None, dossier.figures())
                await dossier.to_client(LetterKind.WSNP_CLIENT, "wsnp", dossier.figures())
            return self._state

    def check_choice(self, keuze: VervolgKeuze) -> None:
        """Refuse a second dwangakkoord after the court refused the first."""
        self._dossier.check(RegelingStap.VERVOLG)
        if keuze.keuze is Vervolg.DWANGAKKOORD and self._state.dwangakkoord_afgewezen:
            raise invalid([("keuze", "de rechter wees het dwangakkoord al af; kies de Wsnp")])

    async def rule(self, uitspraak: Uitspraak) -> RegelingState:
        """The court's decision: a dwangakkoord binds the refusing creditors and the term starts; a Wsnp
        admission starts the Wsnp's term; a refusal goes back to the caseworker, or ends the traject."""
        dossier = self._dossier
        async with self._lock:
            self._state.uitspraak = uitspraak
            door = uitspraak.door or dossier.start.caseworker
            dwangakkoord = self._state.status is RegelingStatus.DWANGAKKOORD
            uitkomst = "toegewezen" if uitspraak.toegewezen else "afgewezen"
            kind = f"{'dwangakkoord' if dwangakkoord else 'wsnp'}_{uitkomst}"
            extra: dict[str, Any] = {"dwangakkoord": dwangakkoord, "toegewezen": uitspraak.toegewezen}
            if dwangakkoord and uitspraak.toegewezen:
                await dossier.record(kind, door)
                await self._begin(uitspraak.datum, Gebeurtenis.DWANGAKKOORD_TOEGEWEZEN)
            elif dwangakkoord:
                dossier.move(Gebeurtenis.DWANGAKKOORD_AFGEWEZEN)
                self._state.dwangakkoord_afgewezen = True
                await dossier.record(kind, door)
            elif uitspraak.toegewezen:
                dossier.move(Gebeurtenis.WSNP_TOEGEWEZEN)
                self._state.wsnp_einde_verwacht = add_months(uitspraak.datum, self._policy.looptijd_maanden)
                extra["einde"] = self._state.wsnp_einde_verwacht.isoformat()
                await dossier.record(kind, door)
            else:
                dossier.move(Gebeurtenis.WSNP_AFGEWEZEN)
                self._state.uitval = UitvalReden.WSNP_AFGEWEZEN
                await dossier.record(kind, door)
            await dossier.to_client(LetterKind.UITSPRAAK_CLIENT, f"uitspraak:{kind}", extra)
            return self._state

    def check_ruling(self, uitspraak: Uitspraak) -> None:
        """Refuse a ruling with no request before the court, or dated in the future or before the proposal."""
        self._dossier.check(RegelingStap.UITSPRAAK)
        if uitspraak.datum > self._dossier.today():
            raise invalid([("datum", "ligt in de toekomst")])
        if uitspraak.datum < self._state.voorgesteld_op:
            raise invalid([("datum", "ligt voor het voorstel")])

    async def follow_wsnp(self) -> None:
        """Follow the Wsnp by its status: at its expected end the caseworker is asked to record how it ended."""
        einde = self._state.wsnp_einde_verwacht or self._dossier.today()

        def ended() -> bool:
            return self._state.status is not RegelingStatus.WSNP

        if not await wait_until(morning_of(einde, self._policy.timezone), ended):
            async with self._lock:
                await self._dossier.record("wsnp_einde_verwacht", ENGINE)
        await workflow.wait_condition(ended)

    async def end_wsnp(self, einde: WsnpEinde) -> RegelingState:
        """How the Wsnp ended: the schone lei closes the traject as settled, anything else as uitval."""
        dossier = self._dossier
        async with self._lock:
            door = einde.door or dossier.start.caseworker
            if einde.schone_lei:
                dossier.move(Gebeurtenis.SCHONE_LEI)
                self._state.afgerond_op = einde.datum
                await dossier.record("wsnp_schone_lei", door)
                await dossier.to_client(LetterKind.SCHONE_LEI, "schone_lei", {"wsnp": True})
            else:
                dossier.move(Gebeurtenis.ZONDER_SCHONE_LEI)
                self._state.uitval = UitvalReden.WSNP_ZONDER_SCHONE_LEI
                await dossier.record("wsnp_zonder_schone_lei", door)
            return self._state

    def check_wsnp_end(self, einde: WsnpEinde) -> None:
        """Refuse an end of the Wsnp while none runs, or dated in the future."""
        self._dossier.check(RegelingStap.WSNP_EINDE)
        if einde.datum > self._dossier.today():
            raise invalid([("datum", "ligt in de toekomst")])
