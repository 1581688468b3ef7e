"""The OpenAPI document as the API behaves: who may call each operation (`x-rollen`, and `x-rechten` where a
right is needed besides the role), how to authenticate, and every problem an operation can answer with.

Tests hold the app to this document: the role matrix calls every operation in every role, and
schemathesis checks that each answer is documented and matches its schema.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from api.auth import SESSION_COOKIE, roles_of
from api.engine import uses_engine
from api.gate import body_media_type
from api.problems import MEDIA_TYPE, TITLES

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "Een probleem volgens RFC 9457; `invalidParams` noemt elk veld dat niet klopt.",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "correlationId": {"type": "string"},
        "invalidParams": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "code": {"type": "string"}, "reason": {"type": "string"}},
            },
        },
    },
}
ACCEPTED_SCHEMA = {
    "type": "object",
    "description": "De stap is aangenomen en wordt afgemaakt; dezelfde Idempotency-Key geeft later de uitkomst.",
    "required": ["detail", "url", "idempotencyKey"],
    "properties": {"detail": {"type": "string"}, "url": {"type": "string"}, "idempotencyKey": {"type": "string"}},
}


def _problem(status: int) -> dict[str, Any]:
    return {
        "description": TITLES.get(status, "Fout"),
        "content": {MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Probleem"}}},
    }


def _problems(route: APIRoute, method: str, operation: dict[str, Any]) -> dict[str, Any]:
    """The problems this route can answer with, by status. Any route may find the dossier away (503); a
    route names a problem of its own in its `responses`."""
    statuses = [500, 503, *(int(status) for status in route.responses if int(status) >= 400)]
    where = {parameter["in"] for parameter in operation.get("parameters", [])}
    if roles_of(route.dependant):
        statuses += [401, 403]
    if "path" in where:
        statuses.append(404)
    if method in ("post", "put", "patch"):
        statuses += [400, 413, 422]
    if route.body_field is not None or body_media_type(route):
        statuses.append(415)
    if where & {"query", "header"} or method == "get":
        statuses.append(422)
    if uses_engine(route.dependant):
        statuses.append(409)
    return {str(status): _problem(status) for status in sorted(set(statuses))}


def install(app: FastAPI, routes: Callable[[], dict[tuple[str, str], APIRoute]]) -> None:
    """Generate the document once, from FastAPI's own, with the access and problems of every route."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        doc = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        components = doc.setdefault("components", {})
        components.setdefault("schemas", {})["Probleem"] = PROBLEM_SCHEMA
        components["schemas"]["Aangenomen"] = ACCEPTED_SCHEMA
        components["securitySchemes"] = {
            "bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
            # The browser's session holds the same token; its writes also send the X-CSRF-Token header.
            "sessie": {"type": "apiKey", "in": "cookie", "name": SESSION_COOKIE},
        }
        for (path, method), route in routes().items():
            operation = doc["paths"][path][method]
            roles = roles_of(route.dependant)
            operation["x-rollen"] = [role.value for role in roles]
            if roles:
                operation["security"] = [{"bearer": []}, {"sessie": []}]
            responses = operation.setdefault("responses", {})
            responses.update(_problems(route, method, operation))
            if uses_engine(route.dependant):
                responses["202"] = {
                    "description": "Aangenomen, nog niet afgerond",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Aangenomen"}}},
                }
        for name in ("HTTPValidationError", "ValidationError"):
            components["schemas"].pop(name, None)
        app.openapi_schema = doc
        return doc

    app.openapi = openapi  # type: ignore[method-assign]
