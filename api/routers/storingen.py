"""Technically stuck work: activities that keep failing (marked by the worker, described by Temporal) and
workflows whose own code keeps failing (Temporal's TemporalReportedProblems). The beheerder can have a failing
activity run again at once; every such repair is audited. No personal data: errors name only their kind."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

from fastapi import APIRouter
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from temporalio.api.common.v1 import WorkflowExecution
from temporalio.api.enums.v1 import WorkflowExecutionStatus
from temporalio.api.workflowservice.v1 import (
    DescribeWorkflowExecutionRequest,
    DescribeWorkflowExecutionResponse,
    ListWorkflowExecutionsRequest,
    ResetActivityRequest,
)
from temporalio.client import Client
from temporalio.service import RPCError, RPCStatusCode

from api.audit import audited
from api.auth import Admin, Beheerder
from api.deps import SettingsDep
from api.engine import EngineDep
from api.fields import Ident
from api.gate import GuardedRoute
from api.problems import Problem
from api.schemas.storingen import Herstart, Storingen, VastgelopenActiviteit, VastgelopenWorkflow
from api.views import traject_url
from domain.ids import kind_and_key
from domain.traject import reference
from runtime.settings import Settings
from store.models import Verzoek
from store.storingen import clear_failing_in, failing

router = APIRouter(prefix="/toezicht/storingen", tags=["toezicht"], route_class=GuardedRoute)
REPORTED_PROBLEMS = "TemporalReportedProblems"
# The visibility query for workflows whose workflow task keeps failing: the server sets the attribute after
# a number of failures in a row (the dev server's dynamic config in runtime/devstack.py).
PROBLEMS_QUERY = f"{REPORTED_PROBLEMS} IS NOT NULL AND ExecutionStatus = 'Running'"


@router.get("", response_model=Storingen)
async def stuck_work(principal: Admin, engine: EngineDep, settings: SettingsDep) -> Storingen:
    """Activities that failed at least the set number of times in a row (attempts, the last error's kind, the
    next retry, as Temporal has them now), and workflows whose own code keeps failing. A mark whose activity
    has since succeeded, or whose workflow has ended, is dropped."""
    return await engine.call(stuck_now(engine.client, engine.session, settings))


async def stuck_now(client: Client, session: Session, settings: Settings) -> Storingen:
    """The stuck list as Temporal and the worker's marks have it now (for the route and the console page)."""
    marks = await run_in_threadpool(failing, session)
    # No database connection is held while Temporal answers.
    await run_in_threadpool(session.close)
    described = await _describe_all(client, sorted({m.workflow_id for m in marks}))
    problems = await _reported_problems(client)
    activities, stale = [], []
    for mark in marks:
        pending = _pending(described.get(mark.workflow_id), mark.activity_id)
        if pending is None:
            stale.append((mark.workflow_id, mark.activity_id))
            continue
        attempt, next_attempt = pending
        activities.append(
            VastgelopenActiviteit(
                workflow_id=mark.workflow_id,
                activity_id=mark.activity_id,
                activiteit=mark.activity_type,
                pogingen=max(attempt, mark.poging),
                # The worker's own words: Temporal keeps the failure encrypted by the payload codec.
                laatste_fout=mark.fout,
                sinds=mark.sinds,
                volgende_poging=next_attempt,
                temporal_url=_ui_url(settings, mark.workflow_id),
                **await run_in_threadpool(_traject_of, session, mark.workflow_id),
            )
        )
    await run_in_threadpool(clear_failing_in, session, stale)
    workflows = [
        VastgelopenWorkflow(
            workflow_id=workflow_id,
            problemen=found,
            gestart_op=started,
            temporal_url=_ui_url(settings, workflow_id),
            **await run_in_threadpool(_traject_of, session, workflow_id),
        )
        for workflow_id, found, started in problems
    ]
    return Storingen(activiteiten=activities, workflows=workflows, drempel_pogingen=settings.storing_na_pogingen)


@router.post(
    "/{workflow_id}/activiteiten/{activity_id}/opnieuw",
    response_model=Herstart,
    dependencies=[audited("storing-herstellen")],
)
async def retry_now(principal: Beheerder, workflow_id: Ident, activity_id: Ident, engine: EngineDep) -> Herstart:
    """Run a failing activity again now, from its first attempt, instead of at its next backoff: after the
    cause is repaired (the mailroom writable again, a receiver back). Its mark is cleared; should it keep
    failing it is listed again from the set number of attempts."""
    client = engine.client
    request = ResetActivityRequest(
        namespace=client.namespace,
        execution=WorkflowExecution(workflow_id=workflow_id),
        id=activity_id,
        identity=f"schuldhulp-beheer:{principal.sub}",
    )
    try:
        await engine.call(client.workflow_service.reset_activity(request))
    except RPCError as err:
        if err.status in (RPCStatusCode.NOT_FOUND, RPCStatusCode.INVALID_ARGUMENT, RPCStatusCode.FAILED_PRECONDITION):
            raise Problem(404, "niet-gevonden", "Deze activiteit loopt niet (meer) in deze workflow.") from err
        raise
    await run_in_threadpool(clear_failing_in, engine.session, [(workflow_id, activity_id)])
    return Herstart(workflow_id=workflow_id, activity_id=activity_id, status="opnieuw_gestart")


async def _describe_all(client: Client, workflow_ids: list[str]) -> dict[str, DescribeWorkflowExecutionResponse]:
    async def describe(workflow_id: str) -> DescribeWorkflowExecutionResponse | None:
        request = DescribeWorkflowExecutionRequest(
            namespace=client.namespace, execution=WorkflowExecution(workflow_id=workflow_id)
        )
        try:
            return await client.workflow_service.describe_workflow_execution(request)
        except RPCError as err:
            if err.status is RPCStatusCode.NOT_FOUND:
                return None
            raise

    found = await asyncio.gather(*(describe(w) for w in workflow_ids))
    return {w: d for w, d in zip(workflow_ids, found, strict=True) if d is not None}


def _pending(
    described: DescribeWorkflowExecutionResponse | None, activity_id: str
) -> tuple[int, datetime | None] | None:
    """The attempt and the next retry of a pending activity; None when it no longer waits."""
    if described is None:
        return None
    if described.workflow_execution_info.status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING:
        return None
    for pending in described.pending_activities:
        if pending.activity_id == activity_id:
            next_attempt = (
                pending.next_attempt_schedule_time.ToDatetime(tzinfo=UTC)
                if pending.HasField("next_attempt_schedule_time")
                else None
            )
            return pending.attempt, next_attempt
    return None


async def _reported_problems(client: Client) -> list[tuple[str, list[str], datetime | None]]:
    request = ListWorkflowExecutionsRequest(namespace=client.namespace, query=PROBLEMS_QUERY, page_size=200)
    listed = await client.workflow_service.list_workflow_executions(request)
    found = []
    for execution in listed.executions:
        payload = execution.search_attributes.indexed_fields.get(REPORTED_PROBLEMS)
        problems = json.loads(payload.data) if payload is not None and payload.data else []
        started = execution.start_time.ToDatetime(tzinfo=UTC) if execution.HasField("start_time") else None
        found.append((execution.execution.workflow_id, [str(p) for p in problems], started))
    return found


def _traject_of(session: Session, workflow_id: str) -> dict[str, str | None]:
    """The traject a workflow belongs to, to link it: its own id, or its creditor request's traject."""
    parsed = kind_and_key(workflow_id)
    traject_id = None
    if parsed is not None:
        kind, key = parsed
        if kind in ("traject", "schuldregeling"):
            traject_id = key
        elif kind == "vordering" and (verzoek := session.get(Verzoek, key)) is not None:
            traject_id = verzoek.traject_id
    if traject_id is None:
        return {"traject": None, "kenmerk": None}
    return {"traject": traject_url(traject_id), "kenmerk": reference(traject_id)}


def _ui_url(settings: Settings, workflow_id: str) -> str:
    return f"{settings.temporal_ui_url}/namespaces/{settings.temporal_namespace}/workflows/{workflow_id}"
