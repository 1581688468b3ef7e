"""The API's own metrics in Prometheus format: how long each route takes and what it answers. A route is named
by its template (`/api/v1/trajecten/{traject_id}`), never by a path with an id in it, so the series stay few
and carry nothing about a person."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from starlette.types import Scope

# From a quick page read to a settlement step that waits on its workflow.
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class RequestMetrics:
    """One app's request metrics, in a registry of its own (a test process builds many apps)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self._duration = Histogram(
            "schuldhulp_http_request_duration_seconds",
            "Time from a request's arrival to its answer, per route template, method and status.",
            ("route", "method", "status"),
            buckets=BUCKETS,
            registry=self.registry,
        )
        self._problems = Counter(
            "schuldhulp_http_unexpected_errors_total",
            "Requests that ended in an unexpected error (500), per route template.",
            ("route",),
            registry=self.registry,
        )

    def observe(self, scope: Scope, status: int, seconds: float) -> None:
        """Count one answered request."""
        route = route_of(scope)
        self._duration.labels(route, scope["method"], str(status)).observe(seconds)
        if status >= 500:
            self._problems.labels(route).inc()

    def exposition(self) -> bytes:
        """The metrics as a scrape reads them."""
        return generate_latest(self.registry)


def route_of(scope: Scope) -> str:
    """The template of the route that answered (its path with each parameter named again); one name for
    every path no route took, so a scan of made-up paths adds no series."""
    if "endpoint" not in scope:
        return "(geen route)"
    path: str = scope["path"]
    for name, value in scope.get("path_params", {}).items():
        path = path.replace(f"/{value}", f"/{{{name}}}")
    return path
