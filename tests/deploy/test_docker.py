"""What can be checked of the production topology on a machine without a Docker engine: the compose file
parses and holds to its promises (health checks, restart policies, secrets only from the environment), and
the image runs the API and the worker with the commands `make run` and the tests use."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from runtime.devstack import SERVER_CONFIG
from runtime.devstack import __file__ as devstack_file

DOCKER = Path(__file__).resolve().parents[2] / "docker"
COMPOSE: dict[str, Any] = yaml.safe_load((DOCKER / "compose.yaml").read_text())
SERVICES: dict[str, dict[str, Any]] = COMPOSE["services"]
ONE_OFF = {"temporal-schema", "temporal-namespace", "migrate"}
SECRETS = ("PASSWORD", "SECRET", "CODEC_KEY", "POSTGRES_PWD")


def _environment(service: dict[str, Any]) -> dict[str, str]:
    return {str(k): str(v) for k, v in (service.get("environment") or {}).items()}


@pytest.mark.parametrize("name", sorted(set(SERVICES) - ONE_OFF))
def test_each_lasting_service_restarts_and_is_health_checked(name: str) -> None:
    service = SERVICES[name]
    assert service["restart"] == "unless-stopped"
    assert service["healthcheck"]["test"]


@pytest.mark.parametrize("name", sorted(ONE_OFF))
def test_each_one_off_runs_once_before_what_needs_it(name: str) -> None:
    assert SERVICES[name]["restart"] == "no"
    waiting = [s for s in SERVICES.values() if (s.get("depends_on") or {}).get(name)]
    assert waiting
    assert all(s["depends_on"][name]["condition"] == "service_completed_successfully" for s in waiting)


def test_every_secret_comes_from_the_environment_without_a_default() -> None:
    seen = 0
    for name, service in SERVICES.items():
        for key, value in _environment(service).items():
            if any(word in key for word in SECRETS):
                seen += 1
                assert re.fullmatch(r"\$\{[A-Z_]+:\?[^}]+\}", value), f"{name}.{key} = {value}"
            assert "development-only" not in value
    assert seen >= 6
    database_url = _environment(SERVICES["api"])["SCHULDHULP_DATABASE_URL"]
    assert "${DOSSIER_DB_PASSWORD:?" in database_url


def test_the_engine_runs_as_the_tests_and_make_run_start_it() -> None:
    devstack = Path(devstack_file).read_text()
    assert '"-m", "runtime.worker"' in devstack
    assert '"uvicorn", "api.main:app"' in devstack
    assert SERVICES["worker"]["command"][:3] == ["python", "-m", "runtime.worker"]
    assert SERVICES["api"]["command"][:2] == ["uvicorn", "api.main:app"]
    assert SERVICES["api"]["image"] == SERVICES["worker"]["image"]
    assert "/health/ready" in " ".join(SERVICES["api"]["healthcheck"]["test"])
    assert SERVICES["worker"]["environment"]["SCHULDHULP_WORKER_METRICS_ADDRESS"].endswith(":9464")
    assert SERVICES["worker"]["environment"]["SCHULDHULP_ENVIRONMENT"] == "production"
    # Webhooks, creditors' letters and the Secure cookie name the proxy's address, never the default localhost.
    for name in ("api", "worker"):
        assert SERVICES[name]["environment"]["SCHULDHULP_PUBLIC_URL"].startswith("${PUBLIC_URL:?")


def test_the_temporal_cluster_has_the_settings_make_run_gives_its_server() -> None:
    # Without them the console's stuck list would find nothing in production while it works on make run's.
    mounted = {
        target: DOCKER / source.removeprefix("./")
        for source, target, *_ in (v.split(":") for v in SERVICES["temporal"]["volumes"])
    }
    cluster = yaml.safe_load(mounted[SERVICES["temporal"]["environment"]["DYNAMIC_CONFIG_FILE_PATH"]].read_text())
    assert SERVER_CONFIG
    for key, value in SERVER_CONFIG.items():
        assert cluster.get(key) == [{"value": value}], key


def test_the_image_is_built_from_the_lock_files_and_runs_unprivileged() -> None:
    dockerfile = (DOCKER / "Dockerfile").read_text()
    assert "uv sync --frozen --no-dev" in dockerfile
    assert "npm ci" in dockerfile
    users = re.findall(r"^USER (\S+)$", dockerfile, re.M)
    assert users
    assert users[-1] not in ("root", "0")
    copied = set(re.findall(r"^COPY (\w+)/ \1/$", dockerfile, re.M))
    # Every package of the engine is shipped; its tests and benchmarks are not.
    packages = {p.parent.name for p in DOCKER.parent.glob("*/__init__.py")} - {"tests", "bench"}
    assert copied == packages
    # The image writes no bytecode at run time, so it carries its own: the packages' and every shipped one's.
    assert "uv sync --frozen --no-dev --no-install-project --compile-bytecode" in dockerfile
    compiled = re.search(r"^RUN python -m compileall -q -x node_modules ([\w ]+?) >", dockerfile, re.M)
    assert compiled is not None
    assert set(compiled.group(1).split()) == packages


def test_the_proxy_keeps_health_and_metrics_inside() -> None:
    nginx = (DOCKER / "proxy" / "nginx.conf").read_text()
    assert re.search(r"location ~ \^/\(health\|metrics\) \{ return 404; \}", nginx)


PROMETHEUS: dict[str, Any] = yaml.safe_load((DOCKER / "prometheus" / "prometheus.yaml").read_text())
ALERTS: list[dict[str, Any]] = [
    rule
    for group in yaml.safe_load((DOCKER / "prometheus" / "alerts.yaml").read_text())["groups"]
    for rule in group["rules"]
]
# The metrics the engine serves and the README documents (tests/api/test_health.py scrapes them), and the
# labels each family carries there.
ENGINE_METRICS = {
    "schuldhulp_http_request_duration_seconds": {"route", "method", "status"},
    "schuldhulp_http_unexpected_errors_total": {"route"},
    "temporal_workflow_task_schedule_to_start_latency": {"namespace", "task_queue"},
    "temporal_activity_schedule_to_start_latency": {"namespace", "task_queue"},
    "temporal_workflow_task_execution_failed_total": {"namespace", "task_queue", "workflow_type"},
    "temporal_activity_execution_failed_total": {"namespace", "task_queue", "activity_type", "workflow_type"},
    "temporal_local_activity_execution_failed_total": {"namespace", "task_queue", "activity_type", "workflow_type"},
}


def _port(address: str) -> int:
    return int(address.rsplit(":", 1)[1])


def test_prometheus_scrapes_every_replica_and_the_temporal_server() -> None:
    jobs = {job["job_name"]: job for job in PROMETHEUS["scrape_configs"]}
    # Scaled services are found by their name, so every replica is scraped, on the port it serves metrics at.
    api_port = int(SERVICES["api"]["command"][SERVICES["api"]["command"].index("--port") + 1])
    assert jobs["api"]["dns_sd_configs"] == [{"names": ["api"], "type": "A", "port": api_port}]
    worker_port = _port(SERVICES["worker"]["environment"]["SCHULDHULP_WORKER_METRICS_ADDRESS"])
    assert jobs["worker"]["dns_sd_configs"] == [{"names": ["worker"], "type": "A", "port": worker_port}]
    temporal_port = _port(SERVICES["temporal"]["environment"]["PROMETHEUS_ENDPOINT"])
    assert jobs["temporal"]["static_configs"] == [{"targets": [f"temporal:{temporal_port}"]}]
    prometheus = SERVICES["prometheus"]
    assert "./prometheus:/etc/prometheus:ro" in prometheus["volumes"]
    assert PROMETHEUS["rule_files"] == ["/etc/prometheus/alerts.yaml"]
    assert "ports" not in prometheus


@pytest.mark.parametrize("rule", ALERTS, ids=[rule["alert"] for rule in ALERTS])
def test_each_alert_watches_what_the_engine_serves_and_says_what_to_do(rule: dict[str, Any]) -> None:
    assert rule["labels"]["severity"] in ("page", "ticket")
    assert rule["annotations"]["summary"]
    assert rule["annotations"]["action"]
    assert re.fullmatch(r"\d+m", rule["for"])
    expr = rule["expr"]
    assert expr.count("(") == expr.count(")")
    # A name spelled as a pattern stands for every metric it matches, and must match more than one.
    patterns = re.findall(r'__name__=~"([^"]+)"', expr)
    spelled = re.sub(r'__name__=~"[^"]+"', "", expr)
    names = set(re.findall(r"\b((?:schuldhulp|temporal)_[a-z_]+?)(?:_bucket|_count|_sum)?\b", spelled))
    for pattern in patterns:
        matched = {name for name in ENGINE_METRICS if re.fullmatch(pattern, name)}
        assert len(matched) >= 2, pattern
        names |= matched
    assert names <= set(ENGINE_METRICS), names - set(ENGINE_METRICS)
    for grouped in re.findall(r"by \(([^)]*)\)", expr):
        labels = {label.strip() for label in grouped.split(",")} - {"le"}
        assert all(labels <= ENGINE_METRICS[name] for name in names), (labels, names)
