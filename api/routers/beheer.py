"""Administrators and supervisors read the policy in force."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass, fields

from fastapi import APIRouter

from api.auth import Admin, Beheerder, Office
from api.deps import SessionDep, SettingsDep
from api.gate import GuardedRoute
from api.schemas.schuldeisers import SchuldeiserAangemaakt, SchuldeiserIn, SchuldeiserUit
from domain.aanmelding import crisis_kinds
from domain.policy import Policy
from store.models import Schuldeiser
from store.queries import registry

router = APIRouter(tags=["beheer"], route_class=GuardedRoute)


@dataclass(frozen=True)
class Beleid(Policy):
    """The policy in force, with every crisis kind it accepts: the legal ones and the municipality's own."""

    crisissoorten: tuple[str, ...] = ()


@router.get("/beheer/beleid", response_model=Beleid)
def read_policy(principal: Admin, settings: SettingsDep) -> Beleid:
    """The policy new trajecten start with, and every crisis kind it accepts."""
    policy = settings.policy()
    in_force = {field.name: getattr(policy, field.name) for field in fields(Policy)}
    return Beleid(**in_force, crisissoorten=crisis_kinds(policy.extra_crisis_kinds))


@router.post("/beheer/schuldeisers", status_code=201, response_model=SchuldeiserAangemaakt)
def add_creditor(principal: Beheerder, body: SchuldeiserIn, session: SessionDep) -> Schuldeiser:
    """Add a creditor to the registry. Reference data, not a process: the API writes it itself.
    The creditor's token is issued for its id (`make token ROLE=schuldeiser SUB=<id>`)."""
    creditor = Schuldeiser(
        id=f"se-{uuid.uuid4().hex[:12]}",
        webhook_key=secrets.token_urlsafe(32) if body.webhook_url else None,
        **body.model_dump(mode="json"),
    )
    session.add(creditor)
    session.commit()
    return creditor


@router.get("/beheer/schuldeisers", response_model=list[SchuldeiserUit])
def list_creditors(principal: Office, session: SessionDep) -> list[Schuldeiser]:
    """The registry, for picking a traject's creditors."""
    return registry(session)
