"""Dependencies every router shares: a DB session, the settings, the traject a path names (the engine is in
api/engine.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session

from api.fields import PathId
from api.problems import Problem
from runtime.settings import Settings
from store.models import Traject


def _session(request: Request) -> Iterator[Session]:
    with request.app.state.sessions() as session:
        yield session


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _traject(session: Annotated[Session, Depends(_session)], traject_id: PathId) -> Traject:
    traject = session.get(Traject, traject_id)
    if traject is None:
        raise Problem(404, "niet-gevonden", "Er is geen traject met dit id.")
    return traject


SessionDep = Annotated[Session, Depends(_session)]
SettingsDep = Annotated[Settings, Depends(_settings)]
CurrentTraject = Annotated[Traject, Depends(_traject)]
