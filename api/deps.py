"""Dependencies every router shares: a DB session, the Temporal client, the traject a path names."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Path, Request
from sqlmodel import Session
from temporalio.client import Client

from api.problems import Problem
from runtime.settings import Settings
from store.models import Traject


def _session(request: Request) -> Iterator[Session]:
    with request.app.state.sessions() as session:
        yield session


def _temporal(request: Request) -> Client:
    client: Client = request.app.state.temporal
    return client


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _traject(session: Annotated[Session, Depends(_session)], traject_id: Annotated[str, Path()]) -> Traject:
    traject = session.get(Traject, traject_id)
    if traject is None:
        raise Problem(404, "niet-gevonden", "Er is geen traject met dit id.")
    return traject


SessionDep = Annotated[Session, Depends(_session)]
TemporalDep = Annotated[Client, Depends(_temporal)]
SettingsDep = Annotated[Settings, Depends(_settings)]
CurrentTraject = Annotated[Traject, Depends(_traject)]
