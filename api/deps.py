"""Dependencies every router shares: a DB session, the settings, the traject a path names (the engine is in
api/engine.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session

from api.auth import Principal, Role
from api.fields import PathId
from api.problems import Problem, invalid
from runtime.settings import Settings
from store.models import Traject
from store.queries import gemeenten
from store.werkgebied import limit_to, werkgebied_of


def _session(request: Request) -> Iterator[Session]:
    """A session for this request: for a caseworker or supervisor linked to some gemeenten, one that sees
    only those gemeenten's trajecten (store/werkgebied.py)."""
    principal: Principal | None = getattr(request.state, "principal", None)
    with request.app.state.sessions() as session:
        if principal is not None and principal.role in (Role.HULPVERLENER, Role.TOEZICHTHOUDER):
            limit_to(session, werkgebied_of(session, principal.sub, _settings(request).gemeentecode))
        yield session


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _traject(session: Annotated[Session, Depends(_session)], traject_id: PathId) -> Traject:
    # A traject outside the caller's werkgebied is not there for them: 404, so its id cannot be probed.
    traject = session.get(Traject, traject_id)
    if traject is None:
        raise Problem(404, "niet-gevonden", "Er is geen traject met dit id.")
    return traject


def refuse_unserved(session: Session, settings: Settings, given: list[tuple[str, str]]) -> None:
    """A 422 naming each (field, gemeentecode) of `given` that this installation does not serve."""
    served = {settings.gemeentecode, *(g.code for g in gemeenten(session))}
    if unknown := [
        (field, "deze gemeente bedient deze installatie niet") for field, code in given if code not in served
    ]:
        raise invalid(unknown)


SessionDep = Annotated[Session, Depends(_session)]
SettingsDep = Annotated[Settings, Depends(_settings)]
CurrentTraject = Annotated[Traject, Depends(_traject)]
