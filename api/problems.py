"""Errors as application/problem+json (RFC 9457), mapped once from their sources."""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from temporalio.client import WorkflowUpdateFailedError
from temporalio.exceptions import ActivityError, ApplicationError
from temporalio.service import RPCError, RPCStatusCode

MEDIA_TYPE = "application/problem+json"
TITLES = {
    400: "Ongeldig verzoek",
    401: "Niet ingelogd",
    403: "Geen toegang",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    409: "Conflict met de huidige stand",
    413: "Verzoek te groot",
    415: "Mediatype niet ondersteund",
    422: "Ongeldige gegevens",
    500: "Interne fout",
    503: "Dienst tijdelijk niet beschikbaar",
}


class Problem(Exception):  # noqa: N818 (named after the RFC's object, not an error kind)
    """An error the API answers with; `extra` lands as members of the problem object."""

    def __init__(self, status: int, code: str, detail: str, retry_after: int | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.retry_after = retry_after
        self.extra = extra


def invalid(problems: list[tuple[str, str]], code: str = "invalid") -> Problem:
    """A 422 that names each field that is wrong and why, as (field, reason) pairs."""
    return Problem(
        422,
        "ongeldige-gegevens",
        "; ".join(f"{name}: {reason}" for name, reason in problems),
        invalidParams=[{"name": name, "code": code, "reason": reason} for name, reason in problems],
    )


# Statuses of a Temporal call that mean the service is away or overloaded, not that the call was wrong.
UNAVAILABLE = frozenset({RPCStatusCode.UNAVAILABLE, RPCStatusCode.DEADLINE_EXCEEDED, RPCStatusCode.RESOURCE_EXHAUSTED})
# The engine (Temporal, or the worker behind it) did not answer in time: nothing is known to have changed.
ENGINE_UNAVAILABLE = Problem(
    503, "engine-onbereikbaar", "De procesmotor is even niet bereikbaar. Probeer het zo opnieuw.", retry_after=10
)


# The validator's reasons in the API's language, by error type; a type not named here keeps its own text.
_REASONS: dict[str, str] = {
    "missing": "verplicht veld",
    "extra_forbidden": "onbekend veld",
    "string_too_short": "te kort (minstens {min_length} tekens)",
    "string_too_long": "te lang (hoogstens {max_length} tekens)",
    "too_short": "te weinig (minstens {min_length})",
    "too_long": "te veel (hoogstens {max_length})",
    "string_pattern_mismatch": "heeft niet de goede vorm",
    "string_type": "moet tekst zijn",
    "int_parsing": "moet een geheel getal zijn",
    "int_type": "moet een geheel getal zijn",
    "int_from_float": "moet een geheel getal zijn",
    "bool_parsing": "moet ja (true) of nee (false) zijn",
    "bool_type": "moet ja (true) of nee (false) zijn",
    "date_parsing": "moet een datum zijn (JJJJ-MM-DD)",
    "date_from_datetime_parsing": "moet een datum zijn (JJJJ-MM-DD)",
    "date_type": "moet een datum zijn (JJJJ-MM-DD)",
    "datetime_parsing": "moet een moment zijn met tijdzone",
    "datetime_from_date_parsing": "moet een moment zijn met tijdzone",
    "timezone_aware": "moet een tijdzone hebben",
    "enum": "kies uit: {expected}",
    "literal_error": "kies uit: {expected}",
    "greater_than": "moet meer zijn dan {gt}",
    "greater_than_equal": "moet minstens {ge} zijn",
    "less_than": "moet minder zijn dan {lt}",
    "less_than_equal": "mag hoogstens {le} zijn",
    "json_invalid": "is geen geldige JSON",
    "model_attributes_type": "moet een object zijn",
    "dict_type": "moet een object zijn",
    "list_type": "moet een lijst zijn",
    "url_parsing": "is geen geldige URL",
}


def reason_of(error: dict[str, Any]) -> str:
    """One validation error's reason, in Dutch where we know its type; our own checks speak Dutch already."""
    template = _REASONS.get(error["type"])
    if template is None:
        return str(error["msg"]).removeprefix("Value error, ")
    try:
        return template.format(**error.get("ctx", {}))
    except (KeyError, IndexError):
        return template.split(" (")[0].split(":")[0]


def problem_body(path: str, problem: Problem, correlation_id: str | None) -> bytes:
    """The problem object as JSON; `correlationId` is what a caller quotes to find the request in the log."""
    body = {
        "type": f"urn:schuldhulp:probleem:{problem.code}",
        "title": TITLES.get(problem.status, "Fout"),
        "status": problem.status,
        "detail": problem.detail,
        "instance": path,
        **({"correlationId": correlation_id} if correlation_id else {}),
        **problem.extra,
    }
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


def problem_response(request: Request, problem: Problem) -> Response:
    """The problem as a response; a 401 also says how to authenticate, a 503 when to try again."""
    headers = {"WWW-Authenticate": "Bearer"} if problem.status == 401 else {}
    if problem.retry_after is not None:
        headers["Retry-After"] = str(problem.retry_after)
    correlation_id = getattr(request.state, "correlation_id", None)
    body = problem_body(request.url.path, problem, correlation_id)
    return Response(body, status_code=problem.status, media_type=MEDIA_TYPE, headers=headers)


def from_update_failure(error: WorkflowUpdateFailedError) -> Problem:
    """A refused workflow step: 409 when the phase does not allow it, 422 when its fields are wrong or the
    dossier refused what it would write."""
    cause = error.cause
    if isinstance(cause, ApplicationError) and cause.type == "StepNotAllowed":
        info = cause.details[0] if cause.details else {}
        return Problem(
            409,
            "stap-niet-toegestaan",
            f"{cause.message} Nu toegestaan: {', '.join(info.get('allowed', [])) or 'geen stappen'}.",
            fase=info.get("phase"),
            toegestaneStappen=info.get("allowed", []),
        )
    if isinstance(cause, ApplicationError) and cause.type == "InvalidStep":
        params = cause.details[0] if cause.details else []
        return Problem(
            422,
            "ongeldige-gegevens",
            cause.message,
            invalidParams=[{"name": p["name"], "code": "invalid", "reason": p["reason"]} for p in params],
        )
    if isinstance(cause, ActivityError) and isinstance(cause.cause, ApplicationError) and cause.cause.non_retryable:
        # The dossier refused what the step would write (runtime/failures.py): the data, not the engine.
        return Problem(
            422,
            "gegevens-geweigerd",
            "Het dossier kon deze gegevens niet opslaan. Controleer ze, of meld dit met het correlationId.",
        )
    raise error


def install(app: FastAPI) -> None:
    """Answer every error, ours and the framework's, as problem+json."""

    async def on_problem(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Problem)
        return problem_response(request, exc)

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if exc.status_code == 400:
            # The framework's answer to a body it could not read (not UTF-8, say).
            detail = "De inhoud van het verzoek is niet te lezen: stuur JSON in UTF-8."
            return problem_response(request, Problem(400, "onleesbare-inhoud", detail))
        return problem_response(request, Problem(exc.status_code, f"http-{exc.status_code}", str(exc.detail)))

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        if exc.errors() and all(error["loc"][0] == "path" for error in exc.errors()):
            # A malformed id in a path can name nothing: the same answer as an id that does not exist.
            return problem_response(request, Problem(404, "niet-gevonden", "Er is niets met dit id."))
        params = [
            {
                "name": ".".join(str(part) for part in error["loc"][1:]) or str(error["loc"][0]),
                "code": error["type"],
                "reason": reason_of(error),
            }
            for error in exc.errors()
        ]
        detail = "; ".join(f"{p['name']}: {p['reason']}" for p in params)
        return problem_response(request, Problem(422, "ongeldige-gegevens", detail, invalidParams=params))

    async def on_database(request: Request, exc: Exception) -> Response:
        return problem_response(
            request, Problem(503, "dossier-onbereikbaar", "Het dossier is even niet bereikbaar.", retry_after=5)
        )

    async def on_temporal(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RPCError)
        if exc.status in UNAVAILABLE:
            return problem_response(request, ENGINE_UNAVAILABLE)
        raise exc

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(OperationalError, on_database)
    app.add_exception_handler(RPCError, on_temporal)
