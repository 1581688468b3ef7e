"""The audit log of reads: every route that returns personal data declares `audited(action)`, and a test
walks the OpenAPI document to hold each such route to it. The API's only write of its own."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.dependencies.models import Dependant

from api.auth import Principal, authenticate
from api.deps import SessionDep
from store.queries import audit

# Marks a response model that holds personal data, in the OpenAPI document too.
PERSONAL_DATA = {"x-persoonsgegevens": True}


def audited(action: str) -> Any:
    """A route dependency that writes who reads what before the route answers: the caller, its role,
    `action`, the traject the path names (if any) and the path itself (ids only)."""

    def record(request: Request, principal: Annotated[Principal, Depends(authenticate)], session: SessionDep) -> None:
        traject_id = request.path_params.get("traject_id")
        audit(session, principal.sub, principal.role.value, action, traject_id, request.url.path)

    record.audit_action = action  # type: ignore[attr-defined]
    return Depends(record)


def audit_action(dependant: Dependant) -> str | None:
    """The action a route writes to the audit log, or None when it writes none."""
    for dependency in dependant.dependencies:
        action: str | None = getattr(dependency.call, "audit_action", None)
        if action is not None:
            return action
        if found := audit_action(dependency):
            return found
    return None
