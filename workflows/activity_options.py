"""Timeouts and retries of activity calls: retried until they land, since each is idempotent.

The start-to-close timeout is how long a worker that died in the middle of an activity goes unnoticed:
fitted to what the activity does, so in-flight work resumes within seconds after a worker restarts.
"""

from datetime import timedelta
from typing import Any

from temporalio.common import RetryPolicy

_RETRY = RetryPolicy(initial_interval=timedelta(seconds=1), maximum_interval=timedelta(minutes=5))

# Dossier writes and letters: milliseconds of work on the local database.
ACTIVITY: dict[str, Any] = {"start_to_close_timeout": timedelta(seconds=10), "retry_policy": _RETRY}
# Calls to another system (a creditor's webhook, the Temporal service): bounded by their own timeouts.
REMOTE: dict[str, Any] = {"start_to_close_timeout": timedelta(seconds=30), "retry_policy": _RETRY}
