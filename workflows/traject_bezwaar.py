"""The traject's handlers for a bezwaar against its beschikking on admission or the one ending help: lodged
within the objection term, decided within the decision term. A gegrond objection against an afwijzing admits
the client after all; one against an ending takes the traject back to where it ended."""

from __future__ import annotations

from datetime import date

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from domain.bezwaar import (
        Bezwaar,
        BezwaarBeslissing,
        BezwaarBesluit,
        BezwaarIn,
        BezwaarTegen,
        beslistermijn,
        besluit_problems,
        bezwaar_problems,
    )
    from domain.keys import key
    from domain.phases import Phase
    from domain.traject import Beschikking, Besluit, TrajectState
    from letters.render import LetterKind

from workflows.clock import today
from workflows.refusals import check_fields, known, not_allowed
from workflows.traject_dossier import TrajectDossier

# Where a traject an objection took back goes on: where it ended, but a stopped settlement is over, so its
# creditors' answers are proposed again.
_TERUG_NAAR = {Phase.SCHULDREGELING: Phase.INVENTARISATIE}


class Bezwaren:
    """Keeps the objections against the traject's beschikkingen and what was decided on them."""

    def __init__(self, dossier: TrajectDossier) -> None:
        self._dossier = dossier
        self._state = dossier.state
        self._policy = dossier.policy

    @property
    def open(self) -> bool:
        """Whether an objection waits for its decision."""
        return any(b.open for b in self._state.bezwaren)

    async def indienen(self, bezwaar: BezwaarIn) -> TrajectState:
        """An objection came in; the timeline says when, and by when it must be decided."""
        async with self._dossier.lock:
            self.check_indienen(bezwaar)
            _, term_end = self._term(bezwaar.tegen)
            beslissen_uiterlijk = beslistermijn(term_end, self._policy)
            stand = Bezwaar(str(workflow.uuid4()), bezwaar.ingediend_op, beslissen_uiterlijk, tegen=bezwaar.tegen)
            self._state.bezwaren.append(stand)
            data = {
                "ingediend_op": bezwaar.ingediend_op.isoformat(),
                "gronden": bezwaar.gronden,
                "tegen": bezwaar.tegen.value,
            }
            await self._dossier.record("bezwaar_ingediend", bezwaar.door or self._state.caseworker, data)
            return self._state

    def check_indienen(self, bezwaar: BezwaarIn) -> None:
        besluit_op, term_end = self._term(bezwaar.tegen)
        check_fields(
            bezwaar_problems(besluit_op, term_end, self._state.bezwaren, bezwaar, today(self._policy.timezone))
        )

    def _term(self, tegen: BezwaarTegen) -> tuple[date, date]:
        """The day of the beschikking objected against and the last day of its objection term."""
        state = self._state
        if tegen is BezwaarTegen.BEEINDIGING:
            if state.einde_besluit_op is None or state.einde_bezwaar_uiterlijk is None:
                raise not_allowed(
                    "Er is geen besluit over het einde van de hulp om bezwaar tegen te maken.", state.phase.value
                )
            return state.einde_besluit_op, state.einde_bezwaar_uiterlijk
        if state.beschikking is None or state.bezwaar_uiterlijk is None:
            raise not_allowed("Er is nog geen beschikking om bezwaar tegen te maken.", state.phase.value)
        return state.beschikking.besluit_op, state.bezwaar_uiterlijk

    async def beslissen(self, besluit: BezwaarBesluit) -> TrajectState:
        """The decision on an objection. A gegrond one against an afwijzing admits the client: the traject
        opens again at the plan van aanpak. The client hears the decision by letter, unless withdrawn."""
        async with self._dossier.lock:
            self.check_beslissen(besluit)
            stand = self._find(besluit.bezwaar_id)
            door = besluit.door or self._state.caseworker
            gegrond = besluit.beslissing is BezwaarBeslissing.GEGROND
            # Decided and reopened in one go, before anything is awaited: the run, waiting for the decision,
            # must see a reopened traject open, not a decided objection on a closed traject.
            stand.beslissing, stand.besluit_op = besluit.beslissing, besluit.besluit_op
            reopened = gegrond and self._reopen(stand.tegen, besluit, door)
            data = {"beslissing": besluit.beslissing.value, "motivering": besluit.motivering}
            await self._dossier.record("bezwaar_beslist", door, data)
            if reopened:
                await self._dossier.record("heropend_na_bezwaar", door)
            if besluit.beslissing is not BezwaarBeslissing.INGETROKKEN:
                extra = {
                    "beslissing": besluit.beslissing.value,
                    "besluit_op": besluit.besluit_op.isoformat(),
                    "motivering": besluit.motivering,
                    "tegen": stand.tegen.value,
                }
                letter_key = key(self._state.traject_id, "bezwaar", stand.bezwaar_id)
                await self._dossier.send_letter(LetterKind.BEZWAAR_BESLUIT, letter_key, extra=extra)
            return self._state

    def _reopen(self, tegen: BezwaarTegen, besluit: BezwaarBesluit, door: str) -> bool:
        """Take the traject back after a gegrond objection: an afwijzing becomes a toelating and the traject
        opens at the plan van aanpak; an ending is undone and the traject opens where it ended."""
        state = self._state
        if tegen is BezwaarTegen.BEEINDIGING:
            # Nazorg follows a settled traject on its own clock; an ending there has nothing to go back to.
            if state.phase is not Phase.AFGESLOTEN or state.closed_after in (None, Phase.NAZORG):
                return False
            state.phase = _TERUG_NAAR.get(state.closed_after, state.closed_after)
            state.uitval = state.afsluiting = None
            state.einde_besluit_op = state.einde_bezwaar_uiterlijk = None
        else:
            beschikking = state.beschikking
            if beschikking is None or beschikking.besluit is not Besluit.AFWIJZING:
                return False
            state.beschikking = Beschikking(
                Besluit.TOELATING, besluit.besluit_op, f"Na bezwaar: {besluit.motivering}", door
            )
            state.phase = Phase.PLAN_VAN_AANPAK
        state.phase_since = workflow.now()
        state.closed_after = None
        return True

    def check_beslissen(self, besluit: BezwaarBesluit) -> None:
        stand = self._find(besluit.bezwaar_id)
        check_fields(besluit_problems(stand, besluit, today(self._policy.timezone)))

    def _find(self, bezwaar_id: str) -> Bezwaar:
        return known(self._state.bezwaren, lambda b: b.bezwaar_id, bezwaar_id, "bezwaar_id", "bezwaar")
