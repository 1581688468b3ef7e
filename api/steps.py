"""What the routes that record a step share: sending it to its workflow through the engine, and answering
with the dossier as it is after the step."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from api.engine import Engine
from api.problems import Problem
from api.schemas.traject import TrajectDetail
from api.views import detail, traject_url
from domain import ids
from store.models import Traject
from workflows.schuldregeling import SchuldregelingWorkflow
from workflows.traject import TrajectWorkflow
from workflows.vordering import VorderingWorkflow


async def step(engine: Engine, traject_id: str, update: Any, value: Any) -> TrajectDetail:
    """Send a caseworker's step to the traject's workflow and answer with the traject as it is now."""
    handle = engine.client.get_workflow_handle_for(TrajectWorkflow.run, ids.traject(traject_id))
    closed = Problem(409, "traject-afgesloten", "Dit traject is afgesloten; er kan geen stap meer bij.")
    await engine.update(handle, update, value, closed, traject_url(traject_id))
    return await fresh_detail(engine.session, traject_id)


async def fresh_detail(session: Session, traject_id: str) -> TrajectDetail:
    """The traject as the dossier has it after a step, read past the session's cache."""

    def read() -> TrajectDetail:
        session.expire_all()
        traject = session.get(Traject, traject_id)
        if traject is None:
            raise Problem(503, "nog-niet-verwerkt", "Het traject is gestart maar nog niet zichtbaar; probeer het zo.")
        return detail(session, traject)

    return await run_in_threadpool(read)


async def answer_request(engine: Engine, verzoek_id: str, update: Any, value: Any, url: str) -> None:
    """Send a creditor request's answer to its workflow, for the creditor and the caseworker alike."""
    handle = engine.client.get_workflow_handle_for(VorderingWorkflow.run, ids.vordering(verzoek_id))
    closed = Problem(409, "verzoek-afgerond", "Dit verzoek is al afgerond.")
    await engine.update(handle, update, value, closed, url)


async def regeling_update(
    engine: Engine, traject_id: str, update: Any, value: Any, part: str = "", *, release: bool = True
) -> None:
    """Send a step to a traject's settlement workflow, from a caseworker, a creditor or a statement's line
    (`release` as for `Engine.update`)."""
    handle = engine.client.get_workflow_handle_for(SchuldregelingWorkflow.run, ids.schuldregeling(traject_id))
    closed = Problem(409, "regeling-afgesloten", "Deze regeling is afgesloten; er kan niets meer bij.")
    await engine.update(handle, update, value, closed, f"{traject_url(traject_id)}/regeling", part, release=release)
