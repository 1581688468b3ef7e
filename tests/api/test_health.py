"""The orchestrator's health checks and the scraper's metrics: the API's per route, the worker's from the SDK."""

from __future__ import annotations

import re
import socket
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import httpx
from prometheus_client.parser import text_string_to_metric_families
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment

from api.app import create_app
from api.auth import Role
from runtime.settings import Settings
from runtime.temporal import connect, metrics_runtime
from runtime.worker import build_worker
from tests.api.conftest import Headers, aanmelding, assert_problem, eventually
from tests.conftest import make_start
from tests.deploy.test_docker import ENGINE_METRICS
from workflows.traject import TrajectWorkflow


def unused_address() -> str:
    """A local address nothing listens on (the system picked the port, and it is free again)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"127.0.0.1:{probe.getsockname()[1]}"


def _samples(text: str, name: str) -> dict[tuple[tuple[str, str], ...], float]:
    """The samples of one metric, by their labels."""
    return {
        tuple(sorted(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == name
    }


async def test_live_and_ready_when_the_db_and_temporal_answer(api: httpx.AsyncClient) -> None:
    live = await api.get("/health/live")
    assert (live.status_code, live.json()) == (200, {"status": "ok", "controles": {}})
    ready = await api.get("/health/ready")
    assert ready.status_code == 200, ready.text
    assert ready.json()["controles"] == {"database": "ok", "temporal": "ok"}


async def test_not_ready_names_what_does_not_answer(settings: Settings) -> None:
    away = settings.model_copy(
        update={"temporal_address": unused_address(), "database_url": "sqlite:////nonexistent/dir/x.db"}
    )
    temporal = await connect(away, lazy=True)
    app = create_app(away, temporal)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        assert (await client.get("/health/live")).status_code == 200
        refused = assert_problem(await client.get("/health/ready"), 503)
    assert refused["niet_gereed"] == ["database", "temporal"]


async def test_metrics_per_route_template_without_ids(api: httpx.AsyncClient, auth: Headers) -> None:
    created = await api.post("/api/v1/aanmeldingen", json=aanmelding(), headers=auth())
    traject_id = created.json()["id"]
    await api.get(f"/api/v1/trajecten/{traject_id}", headers=auth())
    await api.get(f"/api/v1/trajecten/{uuid.uuid4()}", headers=auth())
    await api.get(f"/api/v1/trajecten/{traject_id}", headers=auth(Role.SCHULDEISER, "se"))
    await api.get(f"/api/v1/nergens/{traject_id}", headers=auth())

    scraped = await api.get("/metrics")

    assert scraped.status_code == 200
    assert scraped.headers["content-type"].startswith("text/plain")
    assert traject_id not in scraped.text
    counts = _samples(scraped.text, "schuldhulp_http_request_duration_seconds_count")
    route = ("route", "/api/v1/trajecten/{traject_id}")
    assert counts[(("method", "GET"), route, ("status", "200"))] == 1
    assert counts[(("method", "GET"), route, ("status", "404"))] == 1
    assert counts[(("method", "GET"), route, ("status", "403"))] == 1
    assert counts[(("method", "POST"), ("route", "/api/v1/aanmeldingen"), ("status", "201"))] == 1
    assert counts[(("method", "GET"), ("route", "(geen route)"), ("status", "404"))] == 1
    # The alerts (docker/prometheus/alerts.yaml) watch these, with these labels.
    assert {label for key in counts for label, _ in key} == ENGINE_METRICS["schuldhulp_http_request_duration_seconds"]
    assert "schuldhulp_http_unexpected_errors" in {
        family.name for family in text_string_to_metric_families(scraped.text)
    }


async def test_the_worker_serves_the_sdk_metrics(
    dev_server_env: WorkflowEnvironment, settings: Settings, executor: ThreadPoolExecutor, engine: object
) -> None:
    address = unused_address()
    client = await Client.connect(
        dev_server_env.client.service_client.config.target_host,
        namespace=dev_server_env.client.namespace,
        data_converter=dev_server_env.client.data_converter,
        runtime=metrics_runtime(address),
    )
    start = make_start(date.today())
    async with build_worker(client, settings, executor):
        handle = await client.start_workflow(
            TrajectWorkflow.run, start, id=f"traject-{start.traject_id}", task_queue=settings.task_queue
        )
        await handle.execute_update(TrajectWorkflow.wait_registered, None)
        # The confirmation's post, an activity, goes on after registration has answered.
        activity_latency = re.compile(r"^temporal_activity_execution_latency_bucket\{", re.M)
        async with httpx.AsyncClient() as scraper:
            scraped = await eventually(
                lambda: scraper.get(f"http://{address}/metrics"), lambda r: activity_latency.search(r.text)
            )
        await handle.terminate("test finished")
    assert re.search(r"^temporal_workflow_task_schedule_to_start_latency_bucket\{", scraped.text, re.M)
    # The alerts (docker/prometheus/alerts.yaml) group by these labels. A failure counter appears at the first
    # failure and carries the labels of its task's latency.
    families = {family.name: family for family in text_string_to_metric_families(scraped.text)}

    def labels(name: str) -> set[str]:
        return {label for sample in families[name].samples for label in sample.labels} - {"le", "service_name"}

    for name in ("temporal_workflow_task_schedule_to_start_latency", "temporal_activity_schedule_to_start_latency"):
        assert labels(name) == ENGINE_METRICS[name]
    assert labels("temporal_activity_execution_latency") == ENGINE_METRICS["temporal_activity_execution_failed_total"]
    assert (
        labels("temporal_local_activity_execution_latency")
        == ENGINE_METRICS["temporal_local_activity_execution_failed_total"]
    )
    assert (
        labels("temporal_workflow_task_execution_latency")
        == ENGINE_METRICS["temporal_workflow_task_execution_failed_total"]
    )
