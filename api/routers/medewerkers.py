"""The staff register. Reference data, not a process: the API writes it itself. The console groups work by
team from it, the hand-over picks a caseworker from it, and letters name the client's contact person."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.auth import Beheerder, Office
from api.deps import SessionDep, SettingsDep, refuse_unserved
from api.fields import Ident
from api.gate import GuardedRoute
from api.problems import Problem
from api.schemas.medewerkers import MedewerkerIn, MedewerkerUit, Team
from store.models import Medewerker
from store.queries import staff

router = APIRouter(tags=["medewerkers"], route_class=GuardedRoute)


@router.get("/medewerkers", response_model=list[MedewerkerUit])
def list_staff(
    principal: Office,
    session: SessionDep,
    team: Annotated[Team | None, Query()] = None,
    actief: bool | None = None,
) -> list[Medewerker]:
    """The register by team and name; filter by team, or by whether someone still works here."""
    return staff(session, team, actief)


@router.get("/medewerkers/{medewerker_id}", response_model=MedewerkerUit)
def read_staff_member(principal: Office, session: SessionDep, medewerker_id: Ident) -> Medewerker:
    """One member of staff."""
    found = session.get(Medewerker, medewerker_id)
    if found is None:
        raise Problem(404, "niet-gevonden", "Deze medewerker staat niet in het register.")
    return found


@router.put(
    "/medewerkers/{medewerker_id}",
    response_model=MedewerkerUit,
    responses={201: {"model": MedewerkerUit, "description": "Nieuw in het register."}},
)
def put_staff_member(
    principal: Beheerder,
    session: SessionDep,
    settings: SettingsDep,
    medewerker_id: Ident,
    body: MedewerkerIn,
    response: Response,
) -> Medewerker:
    """Add a member of staff under their login name, or change them. Someone who leaves is marked
    `actief: false`, never removed: the timelines keep their name. `gemeenten` is their werkgebied."""
    refuse_unserved(session, settings, [(f"gemeenten.{i}", code) for i, code in enumerate(body.gemeenten)])
    found = session.get(Medewerker, medewerker_id)
    response.status_code = 200 if found else 201
    member = found or Medewerker(id=medewerker_id, **body.model_dump(mode="json"))
    for name, value in body.model_dump(mode="json").items():
        setattr(member, name, value)
    session.add(member)
    session.commit()
    session.refresh(member)
    return member
