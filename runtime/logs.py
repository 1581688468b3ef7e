"""Structured logs: one JSON line per event on stderr, with the request's correlation id when there is one.

Log lines never carry personal data: they name what happened, to which traject id, and which kind of
error, never a message that might quote a value (a database error quotes its parameters).
"""

from __future__ import annotations

import logging
import sys
import traceback
from typing import Any

import structlog
from temporalio.service import RPCError


def configure(level: int = logging.INFO) -> None:
    """JSON lines with a timestamp, the level and any bound context (such as the correlation id)."""
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.JSONRenderer(),
        ],
        wrapper_class=structlog.make_filtering_bound_logger(level),
        logger_factory=structlog.PrintLoggerFactory(sys.stderr),
        cache_logger_on_first_use=True,
    )


def logger(name: str) -> Any:
    """A structured logger for a module."""
    return structlog.get_logger(name)


def error_fields(err: BaseException) -> dict[str, str]:
    """What a log line may say of an error: its kind and where it was raised, never its message. For a call
    to Temporal that failed, also its status code, which says whether it was the service or the request."""
    kinds = [type(err).__name__]
    cause = err.__cause__ or err.__context__
    if cause is not None:
        kinds.append(type(cause).__name__)
    frames = traceback.extract_tb(err.__traceback__)
    where = f"{frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}" if frames else ""
    fields = {"error": " <- ".join(kinds), "where": where}
    rpc = next((e for e in (err, cause) if isinstance(e, RPCError)), None)
    if rpc is not None:
        fields["rpc_status"] = rpc.status.name
    return fields
