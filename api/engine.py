"""How a route hands work to the engine (Temporal and the worker behind it): bounded in time, never holding a
database connection while it waits, idempotent by the caller's key, every failure mapped here once.

A step waits at most `engine_wait_seconds`. Refused by its workflow: 409 or 422, nothing changed. Not taken
in time (worker or Temporal away): 503 with Retry-After, and the key to send again. Taken but not finished in
time: 202, it completes by itself. The `Idempotency-Key` header (or, without one, a key made for this
request and returned in the 503 or 202) becomes the Temporal update id, so a retry with the same key
attaches to the first attempt and gets its outcome, instead of a second step or a 409.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import Depends, FastAPI, Header, Request
from fastapi.dependencies.models import Dependant
from fastapi.responses import JSONResponse, Response
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from temporalio.client import (
    Client,
    WorkflowHandle,
    WorkflowUpdateFailedError,
    WorkflowUpdateRPCTimeoutOrCancelledError,
    WorkflowUpdateStage,
)
from temporalio.service import RPCError, RPCStatusCode

from api.auth import Principal, authenticate
from api.deps import SessionDep
from api.problems import ENGINE_UNAVAILABLE, UNAVAILABLE, Problem, from_update_failure
from runtime.logs import logger
from runtime.settings import Settings

log = logger(__name__)
T = TypeVar("T")
KEY_NAMESPACE = uuid.UUID("6f1c1d2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f")


class Accepted(Exception):  # noqa: N818 (an outcome, answered with 202)
    """The engine took the step but did not finish it within the bound; it completes by itself."""

    def __init__(self, url: str, key: str) -> None:
        super().__init__("accepted")
        self.url = url
        self.key = key


def opaque(*parts: str) -> str:
    """A stable id from parts a caller chose: Temporal keeps ids in plain text, so none is stored as given."""
    return str(uuid.uuid5(KEY_NAMESPACE, "|".join(parts)))


@dataclass
class Engine:
    """The engine as one request sees it: its client, its caller, its key, and its bound."""

    client: Client
    session: Session
    principal: Principal
    key: str
    wait: float

    async def update(
        self,
        handle: WorkflowHandle[Any, Any],
        update: Any,
        value: Any,
        closed: Problem,
        url: str,
        part: str = "",
        *,
        release: bool = True,
    ) -> None:
        """Run `update` on the workflow of `handle`; its outcome, or the problem that says what became of it.
        `part` tells apart the updates of one request (the lines of a file). `release=False` inside `gather`,
        which gave the connection back once for all its calls."""
        if release:
            await self.release()
        name = getattr(update, "__name__", str(update))
        update_id = opaque(self.principal.sub, name, self.key, part)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.wait
        try:
            started = await self._bounded(
                handle.start_update(update, value, id=update_id, wait_for_stage=WorkflowUpdateStage.ACCEPTED),
                deadline,
            )
        except WorkflowUpdateFailedError as err:
            raise from_update_failure(err) from err
        except RPCError as err:
            if err.status is RPCStatusCode.NOT_FOUND:
                raise closed from err
            if err.status in UNAVAILABLE:
                raise self._unavailable() from err
            raise
        try:
            await self._bounded(started.result(), deadline, accepted_url=url)
        except WorkflowUpdateFailedError as err:
            raise from_update_failure(err) from err
        log.info("step", update=name, workflow=handle.id, actor=self.principal.sub)

    async def call(self, coro: Awaitable[T], *, release: bool = True) -> T:
        """Any other call to Temporal (start a workflow, signal-with-start, describe, list), within the bound;
        `release=False` as for `update`."""
        if release:
            await self.release()
        try:
            return await self._bounded(coro, asyncio.get_running_loop().time() + self.wait)
        except RPCError as err:
            if err.status in UNAVAILABLE:
                raise self._unavailable() from err
            raise

    async def gather(self, calls: Iterable[Callable[[], Awaitable[None]]], at_once: int) -> None:
        """Run `calls` (each makes its own calls with `release=False`) `at_once` at a time, after giving the
        connection back once: the session is not for calls running at once. The first call that fails stops
        the rest, and its problem is the answer."""
        await self.release()
        gate = asyncio.Semaphore(at_once)

        async def one(call: Callable[[], Awaitable[None]]) -> None:
            async with gate:
                await call()

        tasks = [asyncio.create_task(one(call)) for call in calls]
        try:
            await asyncio.gather(*tasks)
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    async def release(self) -> None:
        """Give the request's database connection back: waiting on the engine must not hold one."""
        await run_in_threadpool(self.session.close)

    async def _bounded(self, coro: Awaitable[T], deadline: float, accepted_url: str | None = None) -> T:
        remaining = max(deadline - asyncio.get_running_loop().time(), 0.1)
        try:
            return await asyncio.wait_for(coro, remaining)
        except (TimeoutError, WorkflowUpdateRPCTimeoutOrCancelledError) as err:
            # The SDK reports an update call cut off by our bound as its own kind of error.
            log.warning("engine_slow", accepted=accepted_url is not None, wait=self.wait)
            if accepted_url is not None:
                raise Accepted(accepted_url, self.key) from err
            raise self._unavailable() from err
        except RuntimeError as err:
            # A client that could not (re)connect to Temporal raises a plain RuntimeError.
            raise self._unavailable() from err

    def _unavailable(self) -> Problem:
        """The 503 that tells the caller to send the same request again with the same key."""
        return Problem(
            ENGINE_UNAVAILABLE.status,
            ENGINE_UNAVAILABLE.code,
            ENGINE_UNAVAILABLE.detail + " Stuur het verzoek opnieuw met dezelfde Idempotency-Key.",
            retry_after=ENGINE_UNAVAILABLE.retry_after,
            idempotencyKey=self.key,
        )


def _engine(
    request: Request,
    session: SessionDep,
    principal: Annotated[Principal, Depends(authenticate)],
    idempotency_key: Annotated[
        str | None,
        Header(
            pattern=r"^[A-Za-z0-9._:-]{1,200}$",
            description="Een sleutel per bedoelde stap: hetzelfde verzoek opnieuw geeft de eerste uitkomst.",
        ),
    ] = None,
) -> Engine:
    settings: Settings = request.app.state.settings
    return Engine(
        client=request.app.state.temporal,
        session=session,
        principal=principal,
        key=idempotency_key or str(uuid.uuid4()),
        wait=settings.engine_wait_seconds,
    )


EngineDep = Annotated[Engine, Depends(_engine)]


def uses_engine(dependant: Dependant) -> bool:
    """Whether a route hands work to the engine (and so may answer 202, 409 or 503 for it)."""
    return any(dependency.call is _engine or uses_engine(dependency) for dependency in dependant.dependencies)


def install(app: FastAPI) -> None:
    """Answer a step the engine took but did not finish in time with 202 and where to look."""

    async def on_accepted(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Accepted)
        body = {
            "detail": "De stap is aangenomen en wordt afgemaakt. Kijk zo bij de url; of stuur het verzoek opnieuw "
            "met dezelfde Idempotency-Key voor de uitkomst.",
            "url": exc.url,
            "idempotencyKey": exc.key,
        }
        return JSONResponse(body, status_code=202, headers={"Location": exc.url})

    app.add_exception_handler(Accepted, on_accepted)
