"""Payloads of long-lived types are validated by one type adapter per process, built once, whichever workflow
run's converter reads them; a type a workflow module defines (made anew for each run) never enters that cache,
which would otherwise keep every run's module alive."""

from __future__ import annotations

from dataclasses import dataclass, make_dataclass
from datetime import date
from typing import Annotated

from pydantic import Field

from domain.traject import Clock, Deadline
from runtime.temporal import PayloadConverter, _adapter


def _round_trip(value: object, hint: object) -> object:
    # Each run of a workflow makes a converter of its own: a fresh one per call stands for a new run.
    [payload] = PayloadConverter().to_payloads([value])
    [back] = PayloadConverter().from_payloads([payload], [hint])  # type: ignore[list-item]
    return back


def test_a_domain_type_is_read_by_the_one_adapter_of_the_process() -> None:
    deadline = Deadline(Clock.EERSTE_GESPREK, date(2026, 12, 21), None, False)
    before = _adapter.cache_info()
    assert _round_trip(deadline, Deadline) == deadline
    assert _round_trip([deadline], list[Deadline]) == [deadline]
    assert _round_trip(deadline, Deadline) == deadline
    after = _adapter.cache_info()
    assert after.hits > before.hits
    assert after.currsize - before.currsize <= 2


@dataclass(frozen=True)
class _Uitkomst:
    klaar: bool


def test_a_workflow_modules_own_type_keeps_to_its_runs_converter() -> None:
    # As the sandbox makes it: the class of a workflow module, imported afresh for the run.
    per_run = make_dataclass("TrajectResult", [("klaar", bool)], frozen=True)
    per_run.__module__ = "workflows.traject"
    before = _adapter.cache_info().currsize
    assert _round_trip(per_run(klaar=True), per_run) == per_run(klaar=True)
    assert _round_trip([_Uitkomst(True)], list[per_run]) == [per_run(klaar=True)]
    assert _adapter.cache_info().currsize == before


def test_an_unhashable_hint_is_still_read() -> None:
    hint = Annotated[int, Field(ge=0), {"unhashable": []}]
    assert _round_trip(3, hint) == 3
