"""Administrators and supervisors read the policy in force."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass, fields
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from api.auth import Admin, Beheerder, Office
from api.deps import SessionDep, SettingsDep, refuse_unserved
from api.gate import GuardedRoute
from api.problems import invalid
from api.schemas.gemeenten import Gemeentecode, GemeenteIn, GemeenteUit
from api.schemas.schuldeisers import SchuldeiserAangemaakt, SchuldeiserIn, SchuldeiserUit
from domain.aanmelding import crisis_kinds
from domain.policy import Policy
from store.models import Gemeente, Schuldeiser
from store.queries import gemeenten, policy_of, registry

router = APIRouter(tags=["beheer"], route_class=GuardedRoute)


@dataclass(frozen=True)
class Beleid(Policy):
    """The policy in force, with every crisis kind it accepts: the legal ones and the municipality's own."""

    crisissoorten: tuple[str, ...] = ()


@router.get("/beheer/beleid", response_model=Beleid)
def read_policy(
    principal: Admin,
    settings: SettingsDep,
    session: SessionDep,
    gemeente: Annotated[
        Gemeentecode | None, Query(description="het beleid van deze gemeente, als er meer zijn")
    ] = None,
) -> Beleid:
    """The policy new trajecten start with (of one gemeente, when named), and every crisis kind it accepts."""
    if gemeente is not None:
        refuse_unserved(session, settings, [("gemeente", gemeente)])
    policy = policy_of(session, settings.policy(), gemeente)
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


@router.get("/beheer/gemeenten", response_model=list[GemeenteUit])
def list_gemeenten(principal: Office, session: SessionDep) -> list[Gemeente]:
    """The gemeenten this installation serves, by code; empty when it serves only its own."""
    return gemeenten(session)


@router.put(
    "/beheer/gemeenten/{code}",
    response_model=GemeenteUit,
    responses={201: {"model": GemeenteUit, "description": "Nieuw in het register."}},
)
def put_gemeente(
    principal: Beheerder,
    code: Annotated[str, Path(pattern=r"^[0-9]{4}$")],
    body: GemeenteIn,
    session: SessionDep,
    response: Response,
) -> Gemeente:
    """Add a gemeente this installation serves, or change it: its letterhead (with its logo), the postcode
    areas whose residents belong to it, and its own terms and crisis kinds. A postcode area belongs to one
    gemeente. A changed policy counts for trajecten and cases that start after it; running ones keep theirs."""
    taken = {postcode for other in gemeenten(session) if other.code != code for postcode in other.postcodes} & set(
        body.postcodes
    )
    if taken:
        raise invalid([("postcodes", f"hoort al bij een andere gemeente: {', '.join(sorted(taken))}")])
    found = session.get(Gemeente, code)
    response.status_code = 200 if found else 201
    values = body.model_dump() | {"beleid": body.beleid.model_dump(exclude_none=True)}
    row = found or Gemeente(code=code, **values)
    for name, value in values.items():
        setattr(row, name, value)
    session.add(row)
    session.commit()
    session.refresh(row)
    return row
