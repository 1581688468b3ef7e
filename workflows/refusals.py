"""How a workflow refuses an Update: the two failure types the API maps to problem+json (409 and 422)."""

from collections.abc import Callable, Iterable
from typing import TypeVar

from temporalio.exceptions import ApplicationError

Item = TypeVar("Item")

INVALID = "De stap bevat ongeldige gegevens."


def not_allowed(message: str, where: str, allowed: list[str] | None = None) -> ApplicationError:
    """A step that does not fit where the workflow is (409); `where` names the phase or status."""
    return ApplicationError(
        message, {"phase": where, "allowed": allowed or []}, type="StepNotAllowed", non_retryable=True
    )


def invalid(problems: list[tuple[str, str]], message: str = INVALID) -> ApplicationError:
    """A step whose fields are wrong (422), each problem a (field, reason) pair."""
    return ApplicationError(
        message,
        [{"name": name, "reason": reason} for name, reason in problems],
        type="InvalidStep",
        non_retryable=True,
    )


def check_fields(problems: list[tuple[str, str]], message: str = INVALID) -> None:
    """Refuse the step when there is any problem with its fields."""
    if problems:
        raise invalid(problems, message)


def known(items: Iterable[Item], ident: Callable[[Item], str], wanted: str, field: str, what: str) -> Item:
    """The item a step names by id, or the 422 that says the traject has no `what` with this id."""
    found = next((item for item in items if ident(item) == wanted), None)
    if found is None:
        raise invalid([(field, "onbekend")], f"Dit traject heeft geen {what} met dit id.")
    return found
