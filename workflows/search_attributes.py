"""Typed custom search attributes by which supervisors find trajecten in Temporal. No personal data here."""

from collections.abc import Sequence
from typing import Any

from temporalio import workflow
from temporalio.common import SearchAttributeKey, SearchAttributeUpdate

PHASE = SearchAttributeKey.for_keyword("TrajectPhase")
PHASE_SINCE = SearchAttributeKey.for_datetime("TrajectPhaseSince")
NEXT_DEADLINE = SearchAttributeKey.for_datetime("NextDeadline")
DEADLINE_BREACHED = SearchAttributeKey.for_bool("DeadlineBreached")
WAITING_ON = SearchAttributeKey.for_keyword("WaitingOn")
CASEWORKER = SearchAttributeKey.for_keyword("Caseworker")

CUSTOM_SEARCH_ATTRIBUTES = (PHASE, PHASE_SINCE, NEXT_DEADLINE, DEADLINE_BREACHED, WAITING_ON, CASEWORKER)

ALLEEN_GEWIJZIGD = "zoekvelden-alleen-gewijzigd"


def upsert(updates: Sequence[SearchAttributeUpdate[Any]]) -> None:
    """Set the search attributes whose value this run does not hold yet. Each upsert is an event in the
    history and a write to the server's visibility store, and most steps (a payment, a note, a reminder)
    change none of them. Runs that began before the patch upsert every one, as they did then."""
    if workflow.patched(ALLEEN_GEWIJZIGD):
        held = workflow.info().typed_search_attributes
        updates = [update for update in updates if held.get(update.key) != update.value]
        if not updates:
            return
    workflow.upsert_search_attributes(updates)
