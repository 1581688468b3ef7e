"""What every request passes before its route runs, and what every response carries.

The gate (an ASGI middleware) gives each request a correlation id and authenticates the caller before any
body is read: by a bearer token, or by the browser's session cookie, whose writes must also carry the
session's CSRF token and come from our own origin. It bounds the body's size, answers an unexpected error
as problem+json that names the correlation id (which is in the log, with the error's kind and place, never
its message), and adds the headers every response needs. `GuardedRoute` then checks the caller's role and
the body's media type, still before the body is parsed, so a caller without the role learns nothing from
a malformed body.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import structlog
from fastapi import Request, Response
from fastapi.dependencies.utils import get_flat_params
from fastapi.params import Query
from fastapi.routing import APIRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.auth import (
    CSRF_HEADER,
    SESSION_COOKIE,
    Principal,
    check_role,
    csrf_valid,
    principal_from_header,
    principal_from_token,
    roles_of,
)
from api.metrics import RequestMetrics
from api.problems import MEDIA_TYPE, Problem, invalid, problem_body
from runtime.logs import error_fields, logger
from runtime.settings import Settings

log = logger(__name__)

API_PREFIX = "/api/v1"
# The API's own description: public, and the same for everyone, so a browser may keep it.
DOCUMENTATION = frozenset({f"{API_PREFIX}/openapi.json", f"{API_PREFIX}/docs", f"{API_PREFIX}/docs/oauth2-redirect"})
# The development login makes a session, so it cannot ask for one (api/routers/sessies.py).
PUBLIC = DOCUMENTATION | {f"{API_PREFIX}/sessies"}
STATIC_PREFIX = "/static/"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# A CSV statement of a year is a few megabytes; nothing we take is larger.
MAX_BODY_BYTES = 6_000_000
CORRELATION_HEADER = "X-Correlation-ID"
_CORRELATION = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
# Letters are HTML we wrote ourselves: they need their own styles and nothing else.
LETTER_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
# The werkplek runs only its own scripts and styles: no inline code, nothing from elsewhere.
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


TOO_LARGE = Problem(413, "te-groot", f"Dit verzoek is groter dan {MAX_BODY_BYTES} bytes.")
NOT_LOGGED_IN = Problem(401, "niet-ingelogd", "Stuur een geldig bearer-token mee in de Authorization-header.")
CSRF_REFUSED = Problem(
    403, "csrf-geweigerd", f"Een wijziging vanuit de browser moet van deze site komen, met de {CSRF_HEADER}-header."
)


class BodyTooLarge(Exception):  # noqa: N818 (a condition, answered with 413)
    """The request body grew past MAX_BODY_BYTES while it was read."""


class Gate:
    """The ASGI middleware described in the module's docstring."""

    def __init__(self, app: ASGIApp, settings: Settings, api_version: str, metrics: RequestMetrics) -> None:
        self.app = app
        self.settings = settings
        self.api_version = api_version
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass one HTTP request through the gate."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        given = request.headers.get(CORRELATION_HEADER, "")
        correlation_id = given if _CORRELATION.match(given) else str(uuid.uuid4())
        scope.setdefault("state", {})["correlation_id"] = correlation_id
        structlog.contextvars.bind_contextvars(correlation_id=correlation_id)
        started = time.monotonic()
        status = {"code": 500, "sent": False, "too_large": False}

        async def forward(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"], status["sent"] = message["status"], True
                message["headers"] = [*message.get("headers", []), *self._headers(scope, message, correlation_id)]
            await send(message)

        async def respond(message: Message) -> None:
            if not status["too_large"]:
                await forward(message)
            elif message["type"] == "http.response.start":
                # The framework answers a body that broke off while it was read with its own 400: ours instead.
                await self._problem(scope, forward, TOO_LARGE)

        try:
            problem = self._refusal(request)
            if problem is not None:
                await self._problem(scope, respond, problem)
            else:
                await self.app(scope, _bounded(receive, status), respond)
        except BodyTooLarge:
            # A route that reads its body as it arrives (a partner's file) meets the limit itself.
            if status["sent"]:
                raise
            await self._problem(scope, respond, TOO_LARGE)
        except Exception as err:
            log.error("request_failed", method=scope["method"], path=scope["path"], **error_fields(err))
            if status["sent"]:
                raise
            detail = f"Er ging iets mis aan onze kant. Noem dit nummer als u contact opneemt: {correlation_id}."
            await self._problem(scope, respond, Problem(500, "interne-fout", detail))
        finally:
            seconds = time.monotonic() - started
            self.metrics.observe(scope, status["code"], seconds)
            log.info(
                "request",
                method=scope["method"],
                path=scope["path"],
                status=status["code"],
                ms=round(seconds * 1000, 1),
            )
            structlog.contextvars.unbind_contextvars("correlation_id")

    def _refusal(self, request: Request) -> Problem | None:
        """Authenticate the caller before anything else; the principal lands on the request's state. An API
        route refuses a caller without one; a page of the werkplek sends it to the login page instead."""
        path = request.url.path
        guarded = path.startswith(API_PREFIX) and path not in PUBLIC and request.method != "OPTIONS"
        length = request.headers.get("content-length", "")
        if guarded and length.isdigit() and int(length) > MAX_BODY_BYTES:
            return TOO_LARGE
        principal = self._principal(request)
        if isinstance(principal, Principal):
            request.scope["state"]["principal"] = principal
        if not guarded:
            return None
        return NOT_LOGGED_IN if principal is None else principal if isinstance(principal, Problem) else None

    def _principal(self, request: Request) -> Principal | Problem | None:
        """The caller by its bearer token or, failing a header, by its session cookie."""
        authorization = request.headers.get("authorization")
        if authorization is not None:
            return principal_from_header(self.settings, authorization)
        cookie = request.cookies.get(SESSION_COOKIE)
        if not cookie:
            return None
        principal = principal_from_token(self.settings, cookie)
        if isinstance(principal, Problem) or request.method in SAFE_METHODS:
            return principal
        # The browser sends the cookie by itself; a write must also prove it comes from a page of ours.
        if not _same_origin(request) or not csrf_valid(self.settings, principal, request.headers.get(CSRF_HEADER, "")):
            return CSRF_REFUSED
        return principal

    async def _problem(self, scope: Scope, send: Send, problem: Problem) -> None:
        body = problem_body(scope["path"], problem, scope["state"]["correlation_id"])
        headers = {"WWW-Authenticate": "Bearer"} if problem.status == 401 else {}
        response = Response(body, status_code=problem.status, media_type=MEDIA_TYPE, headers=headers)
        await response(scope, _empty_receive, send)

    def _headers(self, scope: Scope, message: Message, correlation_id: str) -> list[tuple[bytes, bytes]]:
        headers = [
            (b"api-version", self.api_version.encode()),
            (CORRELATION_HEADER.lower().encode(), correlation_id.encode()),
            (b"x-content-type-options", b"nosniff"),
        ]
        path = scope["path"]
        if path.startswith(STATIC_PREFIX) or path in DOCUMENTATION:
            return headers
        # Answers of the API and pages of the werkplek may hold personal data: no browser or proxy keeps a copy.
        headers += [(b"cache-control", b"no-store"), (b"referrer-policy", b"same-origin")]
        content_type = dict(message.get("headers", [])).get(b"content-type", b"")
        if content_type.startswith(b"text/html"):
            csp = LETTER_CSP if path.startswith(API_PREFIX) else PAGE_CSP
            headers.append((b"content-security-policy", csp.encode()))
        return headers


def _bounded(receive: Receive, status: dict[str, Any]) -> Receive:
    """A receive that breaks off a body growing past MAX_BODY_BYTES (one sent without a length), and
    marks the request so its answer becomes a 413."""
    seen = 0

    async def bounded() -> Message:
        nonlocal seen
        message = await receive()
        seen += len(message.get("body", b""))
        if seen > MAX_BODY_BYTES:
            status["too_large"] = True
            raise BodyTooLarge
        return message

    return bounded


def _same_origin(request: Request) -> bool:
    """Whether the browser says the request comes from a page of this site (when it says anything)."""
    origin = request.headers.get("origin")
    site = request.headers.get("sec-fetch-site")
    own = f"{request.url.scheme}://{request.url.netloc}"
    return (origin is None or origin == own) and site in (None, "same-origin")


async def _empty_receive() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


class GuardedRoute(APIRoute):
    """A route that checks the caller's role, and a file route its media type, before the body is parsed."""

    def get_route_handler(self) -> Callable[[Request], Awaitable[Response]]:
        """The route's handler, behind the role and media-type checks."""
        handler = super().get_route_handler()
        roles = roles_of(self.dependant)
        media_type = body_media_type(self)
        known = {field.alias for field in get_flat_params(self.dependant) if isinstance(field.field_info, Query)}

        async def guarded(request: Request) -> Response:
            principal: Principal | None = getattr(request.state, "principal", None)
            if roles and principal is not None:
                check_role(principal, roles)
            if media_type is not None and _media_type(request) != media_type:
                raise Problem(415, "mediatype-niet-ondersteund", f"Stuur dit als {media_type}.")
            if unknown := sorted(set(request.query_params) - known):
                # A misspelled filter must not quietly answer with everything.
                raise invalid([(name, "onbekende parameter") for name in unknown], code="unknown")
            return await handler(request)

        return guarded


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def body_media_type(route: APIRoute) -> str | None:
    """The media type a route's body must have, when it is not JSON: a CSV file, read whole as a parameter
    or streamed by the route (declared in its `openapi_extra`)."""
    field = route.body_field
    if field is None:
        declared = ((route.openapi_extra or {}).get("requestBody") or {}).get("content") or {}
        return next(iter(declared), None)
    media_type: Any = getattr(field.field_info, "media_type", None)
    return media_type if isinstance(media_type, str) and media_type != "application/json" else None
