"""Typed custom search attributes by which supervisors find trajecten in Temporal. No personal data here."""

from temporalio.common import SearchAttributeKey

PHASE = SearchAttributeKey.for_keyword("TrajectPhase")
PHASE_SINCE = SearchAttributeKey.for_datetime("TrajectPhaseSince")
NEXT_DEADLINE = SearchAttributeKey.for_datetime("NextDeadline")
DEADLINE_BREACHED = SearchAttributeKey.for_bool("DeadlineBreached")
WAITING_ON = SearchAttributeKey.for_keyword("WaitingOn")
CASEWORKER = SearchAttributeKey.for_keyword("Caseworker")

CUSTOM_SEARCH_ATTRIBUTES = (PHASE, PHASE_SINCE, NEXT_DEADLINE, DEADLINE_BREACHED, WAITING_ON, CASEWORKER)
