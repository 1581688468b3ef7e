"""How an activity's failure reaches its workflow: mapped once, by kind, into a retryable or a final error.

A database that is away, a lock, a network error: retried, since every activity is idempotent. Data the
dossier refuses (a value too large, a row that is not there): final, because no retry can make it fit,
and the workflow (or the step that asked) fails visibly instead of retrying forever. Anything else is a
defect in our code: retried, so a fixed release picks the work up where it stopped, and shown to
supervisors as an activity that keeps retrying. The failure's message names only the kind of error:
a database error's text quotes its parameters, and failure messages are stored in Temporal as they are.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
from sqlalchemy import exc as sql
from temporalio import activity
from temporalio.exceptions import ApplicationError, CancelledError
from temporalio.worker import ActivityInboundInterceptor, ExecuteActivityInput, Interceptor

from runtime.logs import error_fields, logger
from store.db import SessionFactory
from store.models import Storing
from store.storingen import clear_failing, mark_failing

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


@dataclass(frozen=True)
class StuckMarks:
    """Where the worker marks an activity that keeps failing, from attempt `from_attempt` on, for the console;
    the dossier's own writes go on a thread, as the activities do."""

    sessions: SessionFactory
    from_attempt: int

    async def failed(self, failure: ApplicationError) -> None:
        info = activity.info()
        if failure.non_retryable or info.attempt < self.from_attempt or info.workflow_id is None:
            return
        now = datetime.now(UTC)
        mark = Storing(
            workflow_id=info.workflow_id,
            activity_id=info.activity_id,
            activity_type=info.activity_type,
            poging=info.attempt,
            fout=failure.message,
            sinds=now,
            laatst_op=now,
        )
        await asyncio.to_thread(mark_failing, self.sessions, mark)

    async def succeeded(self) -> None:
        info = activity.info()
        if info.attempt >= self.from_attempt and info.workflow_id is not None:
            await asyncio.to_thread(clear_failing, self.sessions, info.workflow_id, info.activity_id)


class _MapFailures(ActivityInboundInterceptor):
    def __init__(self, next: ActivityInboundInterceptor, marks: StuckMarks | None) -> None:
        super().__init__(next)
        self._marks = marks

    async def execute_activity(self, input: ExecuteActivityInput) -> Any:
        try:
            result = await super().execute_activity(input)
        except CancelledError:
            raise
        except ApplicationError as failure:
            await self._mark(failure)
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
            await self._mark(failure)
            raise failure from None
        if self._marks is not None:
            await self._quietly(self._marks.succeeded())
        return result

    async def _mark(self, failure: ApplicationError) -> None:
        if self._marks is not None:
            await self._quietly(self._marks.failed(failure))

    @staticmethod
    async def _quietly(mark: Awaitable[None]) -> None:
        # The mark serves the console; the activity's own outcome must not depend on it (the database may
        # be what fails).
        try:
            await mark
        except Exception as err:
            log.warning("stuck_mark_failed", **error_fields(err))


class FailureMapping(Interceptor):
    """The worker interceptor that maps every activity failure by kind (see the module's docstring) and, with
    `marks`, marks an activity that keeps failing for the console's list of stuck work."""

    def __init__(self, marks: StuckMarks | None = None) -> None:
        self._marks = marks

    def intercept_activity(self, next: ActivityInboundInterceptor) -> ActivityInboundInterceptor:
        """Wrap each activity execution."""
        return _MapFailures(next, self._marks)
