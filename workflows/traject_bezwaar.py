"""The traject's handlers for a bezwaar against its beschikking: lodged within the objection term, decided
within the decision term, and a gegrond objection against an afwijzing admits the client after all."""

from __future__ import annotations

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from domain.bezwaar import (
        Bezwaar,
        BezwaarBeslissing,
        BezwaarBesluit,
        BezwaarIn,
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


class Bezwaren:
    """Keeps the objections against the traject's beschikking and what was decided on them."""

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
            term_end = self._state.bezwaar_uiterlijk
            assert term_end is not None  # checked above: there is a beschikking
            stand = Bezwaar(str(workflow.uuid4()), bezwaar.ingediend_op, beslistermijn(term_end, self._policy))
            self._state.bezwaren.append(stand)
            data = {"ingediend_op": bezwaar.ingediend_op.isoformat(), "gronden": bezwaar.gronden}
            await self._dossier.record("bezwaar_ingediend", bezwaar.door or self._state.caseworker, data)
            return self._state

    def check_indienen(self, bezwaar: BezwaarIn) -> None:
        beschikking = self._state.beschikking
        if beschikking is None or self._state.bezwaar_uiterlijk is None:
            raise not_allowed("Er is nog geen beschikking om bezwaar tegen te maken.", self._state.phase.value)
        problems = bezwaar_problems(
            beschikking.besluit_op,
            self._state.bezwaar_uiterlijk,
            self._state.bezwaren,
            bezwaar,
            today(self._policy.timezone),
        )
        check_fields(problems)

    async def beslissen(self, besluit: BezwaarBesluit) -> TrajectState:
        """The decision on an objection. A gegrond one against an afwijzing admits the client: the traject
        opens again at the plan van aanpak. The client hears the decision by letter, unless withdrawn."""
        async with self._dossier.lock:
            self.check_beslissen(besluit)
            stand = self._find(besluit.bezwaar_id)
            door = besluit.door or self._state.caseworker
            beschikking = self._state.beschikking
            refused = beschikking is not None and beschikking.besluit is Besluit.AFWIJZING
            admitted = besluit.beslissing is BezwaarBeslissing.GEGROND and refused
            # Decided and admitted in one go, before anything is awaited: the run, waiting for the decision,
            # must see an admitted client admitted, not a decided objection on a closed traject.
            stand.beslissing, stand.besluit_op = besluit.beslissing, besluit.besluit_op
            if admitted:
                self._state.beschikking = Beschikking(
                    Besluit.TOELATING, besluit.besluit_op, f"Na bezwaar: {besluit.motivering}", door
                )
                self._state.phase, self._state.phase_since = Phase.PLAN_VAN_AANPAK, workflow.now()
                self._state.closed_after = None
            data = {"beslissing": besluit.beslissing.value, "motivering": besluit.motivering}
            await self._dossier.record("bezwaar_beslist", door, data)
            if admitted:
                await self._dossier.record("heropend_na_bezwaar", door)
            if besluit.beslissing is not BezwaarBeslissing.INGETROKKEN:
                extra = {
                    "beslissing": besluit.beslissing.value,
                    "besluit_op": besluit.besluit_op.isoformat(),
                    "motivering": besluit.motivering,
                }
                letter_key = key(self._state.traject_id, "bezwaar", stand.bezwaar_id)
                await self._dossier.send_letter(LetterKind.BEZWAAR_BESLUIT, letter_key, extra=extra)
            return self._state

    def check_beslissen(self, besluit: BezwaarBesluit) -> None:
        stand = self._find(besluit.bezwaar_id)
        check_fields(besluit_problems(stand, besluit, today(self._policy.timezone)))

    def _find(self, bezwaar_id: str) -> Bezwaar:
        return known(self._state.bezwaren, lambda b: b.bezwaar_id, bezwaar_id, "bezwaar_id", "bezwaar")
