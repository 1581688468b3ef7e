"""How an activity's failure reaches its workflow: mapped once, by kind, into a retryable or a final error.

A database that is away, a lock, a network error: retried, since every activity is idempotent. Data the
dossier refuses (a value too large, a row that is not there): final, because no retry can make it fit,
and the workflow (or the step that asked) fails visibly instead of retrying forever. Anything else is a
defect in our code: retried, so a fixed release picks the work up where it stopped, and shown to
supervisors as an activity that keeps retrying. The failure's message names only the kind of error:
a database error's text quotes its parameters, and failure messages are stored in Temporal as they are.
"""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import exc as sql
from temporalio import activity
from temporalio.exceptions import ApplicationError, CancelledError
from temporalio.worker import ActivityInboundInterceptor, ExecuteActivityInput, Interceptor

from runtime.logs import error_fields, logger

log = logger(__name__)

# Errors that pass with time: the database or a receiver is away, busy or locked.
TRANSIENT: tuple[type[BaseException], ...] = (
    sql.OperationalError,
    sql.InterfaceError,
    sql.DisconnectionError,
    sql.TimeoutError,
    httpx.TransportError,
    OSError,
)
# Errors of the data itself: a retry meets the same refusal.
REFUSED: tuple[type[BaseException], ...] = (
    sql.DataError,
    sql.IntegrityError,
    ValueError,
    LookupError,
    ArithmeticError,
)


def as_failure(err: Exception) -> ApplicationError:
    """The workflow-facing failure for `err`: final for refused data, retryable otherwise."""
    fields = error_fields(err)
    if isinstance(err, TRANSIENT):
        return ApplicationError(f"Tijdelijke fout: {fields['error']}", type="Tijdelijk", non_retryable=False)
    if isinstance(err, REFUSED):
        return ApplicationError(f"Gegevens geweigerd: {fields['error']}", type="GegevensGeweigerd", non_retryable=True)
    return ApplicationError(f"Onverwachte fout: {fields['error']}", type="Onverwacht", non_retryable=False)


class _MapFailures(ActivityInboundInterceptor):
    async def execute_activity(self, input: ExecuteActivityInput) -> Any:
        try:
            return await super().execute_activity(input)
        except (ApplicationError, CancelledError):
            raise
        except Exception as err:
            failure = as_failure(err)
            info = activity.info()
            log.warning(
                "activity_failed",
                activity=info.activity_type,
                workflow_id=info.workflow_id,
                attempt=info.attempt,
                retry=not failure.non_retryable,
                **error_fields(err),
            )
            raise failure from None


class FailureMapping(Interceptor):
    """The worker interceptor that maps every activity failure by kind (see the module's docstring)."""

    def intercept_activity(self, next: ActivityInboundInterceptor) -> ActivityInboundInterceptor:
        """Wrap each activity execution."""
        return _MapFailures(next)
