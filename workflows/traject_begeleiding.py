"""The traject's handlers for begeleiding: budgetbeheer, budgetbegeleiding and beschermingsbewind, started
and ended in any open phase."""

from __future__ import annotations

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from domain.begeleiding import Begeleiding, BegeleidingEinde, BegeleidingStart, einde_problems, start_problems
    from domain.traject import TrajectState

from workflows.clock import today
from workflows.refusals import check_fields, known
from workflows.traject_dossier import TrajectDossier


class Begeleidingen:
    """Keeps the begeleidingen of a traject, each with its provider and dates, on the timeline."""

    def __init__(self, dossier: TrajectDossier) -> None:
        self._dossier = dossier
        self._state = dossier.state
        self._policy = dossier.policy

    async def start(self, start: BegeleidingStart) -> TrajectState:
        """A begeleiding starts; the timeline names its kind and provider."""
        async with self._dossier.lock:
            self.check_start(start)
            begeleiding = Begeleiding(str(workflow.uuid4()), start.soort, start.aanbieder, start.start_op)
            self._state.begeleidingen.append(begeleiding)
            data = {"soort": start.soort.value, "aanbieder": start.aanbieder, "op": start.start_op.isoformat()}
            await self._dossier.record("begeleiding_gestart", start.door or self._state.caseworker, data)
            return self._state

    def check_start(self, start: BegeleidingStart) -> None:
        self._dossier.check_open()
        check_fields(start_problems(self._state.begeleidingen, start, today(self._policy.timezone)))

    async def end(self, einde: BegeleidingEinde) -> TrajectState:
        """A running begeleiding ends."""
        async with self._dossier.lock:
            self.check_end(einde)
            begeleiding = self._find(einde.begeleiding_id)
            begeleiding.einde_op = einde.einde_op
            data = {"soort": begeleiding.soort.value, "op": einde.einde_op.isoformat()}
            await self._dossier.record("begeleiding_beeindigd", einde.door or self._state.caseworker, data)
            return self._state

    def check_end(self, einde: BegeleidingEinde) -> None:
        self._dossier.check_open()
        begeleiding = self._find(einde.begeleiding_id)
        check_fields(einde_problems(begeleiding, einde, today(self._policy.timezone)))

    def _find(self, begeleiding_id: str) -> Begeleiding:
        begeleidingen = self._state.begeleidingen
        return known(begeleidingen, lambda b: b.begeleiding_id, begeleiding_id, "begeleiding_id", "begeleiding")
