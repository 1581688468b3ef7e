"""The warme overdracht: a traject, or a selection of one caseworker's trajecten, moves to another caseworker
or to a team. Each move is an Update of the traject's workflow, so its deadlines, tasks and search attributes
follow at once, its timeline records who, when and why, and the client gets one letter."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable

from fastapi import APIRouter
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from api.audit import audited
from api.auth import Principal, Role, Staff, Supervisor
from api.deps import CurrentTraject, SessionDep, SettingsDep
from api.engine import Accepted, Engine, EngineDep
from api.gate import GuardedRoute
from api.problems import Problem, invalid
from api.schemas.overdracht import BulkOverdrachtIn, BulkOverdrachtUit, OverdrachtIn, OverdrachtUitkomst
from api.schemas.traject import TrajectDetail
from api.steps import step
from api.views import traject_url
from domain import ids
from domain.overdracht import Overdracht, verdeel
from domain.traject import reference
from store.models import Medewerker, Traject
from store.queries import open_counts, open_trajecten, staff
from store.werkgebied import bedient
from workflows.traject import TrajectWorkflow

router = APIRouter(tags=["overdracht"], route_class=GuardedRoute)
# Hand-overs in flight at once in a bulk move: enough to move a leaver's work in seconds, few enough that the
# worker's other trajecten keep their turn.
PARALLEL = 8


@router.post(
    "/trajecten/{traject_id}/overdrachten",
    status_code=201,
    response_model=TrajectDetail,
    dependencies=[audited("traject-stap")],
)
async def hand_over(
    principal: Staff,
    body: OverdrachtIn,
    traject: CurrentTraject,
    session: SessionDep,
    settings: SettingsDep,
    engine: EngineDep,
) -> TrajectDetail:
    """Hand this traject to another caseworker, or to the team member with the fewest open trajecten, with a
    reason and a note for the new caseworker. A caseworker hands over only their own trajecten."""
    if principal.role is Role.HULPVERLENER and traject.caseworker != principal.sub:
        raise Problem(403, "geen-toegang", "U kunt alleen uw eigen trajecten overdragen.")
    receivers = await run_in_threadpool(_receivers, session, body, [traject], traject.caseworker, settings.gemeentecode)
    naar = receivers[traject.id]
    return await step(engine, traject.id, TrajectWorkflow.overdragen, _overdracht(body, naar, principal))


@router.post("/toezicht/overdrachten", response_model=BulkOverdrachtUit, dependencies=[audited("traject-stap")])
async def hand_over_many(
    principal: Supervisor, body: BulkOverdrachtIn, settings: SettingsDep, engine: EngineDep
) -> BulkOverdrachtUit:
    """Hand a caseworker's open trajecten (all, those in some phases, or a selection) to another caseworker
    or spread them over a team, with one reason; the answer reports each traject. The same Idempotency-Key
    repeats a move that was cut off without moving any traject twice."""
    session = engine.session
    chosen = [
        t
        for t in await run_in_threadpool(open_trajecten, session, body.van)
        if (body.traject_ids is None or t.id in body.traject_ids)
        and (body.fasen is None or t.phase in {f.value for f in body.fasen})
    ]
    if body.traject_ids is not None and (missing := set(body.traject_ids) - {t.id for t in chosen}):
        raise invalid([("traject_ids", f"geen open traject van {body.van}: {', '.join(sorted(missing))}")])
    receivers = await run_in_threadpool(_receivers, session, body, chosen, body.van, settings.gemeentecode)
    outcomes: dict[str, OverdrachtUitkomst] = {}

    def moving(traject: Traject) -> Callable[[], Awaitable[None]]:
        async def move() -> None:
            outcomes[traject.id] = await _move_one(engine, traject, _overdracht(body, receivers[traject.id], principal))

        return move

    # Temporal away for any of them: 503 with the key, and a retry moves the rest; the moved ones hold.
    await engine.gather((moving(t) for t in chosen), PARALLEL)
    results = [outcomes[t.id] for t in chosen]
    return BulkOverdrachtUit(
        count=len(results),
        overgedragen=sum(1 for r in results if r.status == "overgedragen"),
        results=results,
    )


async def _move_one(engine: Engine, traject: Traject, overdracht: Overdracht) -> OverdrachtUitkomst:
    handle = engine.client.get_workflow_handle_for(TrajectWorkflow.run, ids.traject(traject.id))
    closed = Problem(409, "traject-afgesloten", "Dit traject is afgesloten.")
    outcome = OverdrachtUitkomst(
        traject=traject_url(traject.id), kenmerk=reference(traject.id), naar=overdracht.naar, status="overgedragen"
    )
    try:
        await engine.update(
            handle,
            TrajectWorkflow.overdragen,
            overdracht,
            closed,
            traject_url(traject.id),
            part=traject.id,
            release=False,
        )
    except Accepted:
        return outcome.model_copy(update={"status": "in_behandeling"})
    except Problem as problem:
        if problem.status == 503:
            raise
        return outcome.model_copy(update={"status": "geweigerd", "reden": problem.detail})
    return outcome


def _overdracht(body: OverdrachtIn, naar: str, principal: Principal) -> Overdracht:
    return Overdracht(naar=naar, reden=body.reden, notitie=body.notitie, door=principal.sub)


def _receivers(
    session: Session, body: OverdrachtIn, trajecten: list[Traject], van: str, eigen_gemeente: str
) -> dict[str, str]:
    """Who takes each traject: the caseworker named, or the team's caseworkers but `van`, the least busy
    first. Only an active caseworker in the register takes a traject: the client's letter names them. And
    only one who serves the traject's gemeente: anyone else would not find it in their werkvoorraad."""

    def gemeente(traject: Traject) -> str:
        # A traject registered before gemeenten were told apart is the installation's own gemeente's.
        return traject.gemeentecode or eigen_gemeente

    if body.naar is not None:
        member = session.get(Medewerker, body.naar)
        if member is None or not member.actief or member.rol != Role.HULPVERLENER.value:
            raise invalid([("naar", "is geen actieve hulpverlener in het register")])
        if elders := [reference(t.id) for t in trajecten if not bedient(member, gemeente(t))]:
            raise invalid([("naar", f"werkt niet voor de gemeente van {', '.join(elders)}")])
        return {t.id: body.naar for t in trajecten}
    team = [m for m in staff(session, body.naar_team, True) if m.rol == Role.HULPVERLENER.value and m.id != van]
    if not team:
        raise invalid([("naar_team", "dit team heeft geen actieve hulpverleners in het register")])
    load = open_counts(session, [m.id for m in team])
    per_gemeente: dict[str, list[str]] = defaultdict(list)
    for traject in trajecten:
        per_gemeente[gemeente(traject)].append(traject.id)
    toegewezen: dict[str, str] = {}
    for code, traject_ids in per_gemeente.items():
        serving = {m.id: load[m.id] for m in team if bedient(m, code)}
        if not serving:
            raise invalid([("naar_team", f"niemand in dit team werkt voor gemeente {code}")])
        verdeeld = verdeel(traject_ids, serving)
        for naar in verdeeld.values():
            load[naar] += 1
        toegewezen |= verdeeld
    return toegewezen
