"""Access, read from the OpenAPI document: every operation that returns personal data writes the audit log
of reads, and what a creditor reads of a client's dossier is logged like any other read."""

from __future__ import annotations

import re
import uuid
from typing import Any

import httpx
from sqlmodel import select

from api.app import api_routes, create_app
from api.audit import audit_action
from api.auth import Recht, Role, issue_token, roles_of
from runtime.settings import Settings
from store.db import SessionFactory
from store.models import AuditEntry
from tests.api.conftest import Headers
from tests.api.test_schuldeisers import ask, creditor, stable_traject

SUCCESS = ("200", "201", "202")


def operations(doc: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, item in doc["paths"].items()
        for method, operation in item.items()
        if method in ("get", "post", "put", "patch", "delete")
    ]


def holds_personal_data(schema: dict[str, Any], components: dict[str, Any], seen: set[str]) -> bool:
    """Whether a schema, or any schema it refers to, is marked as holding personal data."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name in seen:
            return False
        seen.add(name)
        return holds_personal_data(components[name], components, seen)
    if schema.get("x-persoonsgegevens"):
        return True
    parts = [*schema.get("properties", {}).values(), *schema.get("anyOf", []), *schema.get("allOf", [])]
    parts += [schema[key] for key in ("items", "additionalProperties") if isinstance(schema.get(key), dict)]
    return any(holds_personal_data(part, components, seen) for part in parts)


def returns_personal_data(operation: dict[str, Any], components: dict[str, Any]) -> bool:
    for status in SUCCESS:
        for media_type, content in operation.get("responses", {}).get(status, {}).get("content", {}).items():
            if media_type == "text/html" or holds_personal_data(content.get("schema", {}), components, set()):
                return True
    return False


def test_every_operation_that_returns_personal_data_is_audited(settings: Settings) -> None:
    app = create_app(settings)
    doc = app.openapi()
    routes = api_routes()
    personal = [
        (path, method)
        for path, method, operation in operations(doc)
        if returns_personal_data(operation, doc["components"]["schemas"])
    ]
    unaudited = [(method, path) for path, method in personal if audit_action(routes[(path, method)].dependant) is None]
    assert unaudited == []
    # The walk must find them: a document that marked nothing would let every route pass.
    assert len(personal) >= 30
    assert ("/api/v1/trajecten/{traject_id}/brieven/{brief_id}", "get") in personal
    assert ("/api/v1/schuldeisers/verzoeken", "get") in personal


async def test_a_creditor_reading_its_requests_is_logged(
    api: httpx.AsyncClient, auth: Headers, sessions: SessionFactory
) -> None:
    bank = await creditor(api, auth, "Bank")
    traject = await ask(api, auth, await stable_traject(api, auth), bank)
    verzoek = traject["verzoeken"][0]["id"]
    assert (
        await api.get(f"/api/v1/schuldeisers/verzoeken/{verzoek}", headers=auth(Role.SCHULDEISER, bank))
    ).status_code == 200
    with sessions() as session:
        entries = session.exec(select(AuditEntry).where(AuditEntry.actor == bank)).all()
    assert [(e.action, e.resource) for e in entries] == [("verzoek-lezen", f"/api/v1/schuldeisers/verzoeken/{verzoek}")]


def concrete(path: str) -> str:
    """A path with every id filled in by one that names nothing."""
    filled = path.replace("{case_id}", f"signalering-{uuid.uuid4()}")
    return re.sub(r"\{[a-z_]+\}", lambda _: str(uuid.uuid4()), filled)


async def test_every_role_gets_exactly_the_access_the_document_names(
    api: httpx.AsyncClient, settings: Settings
) -> None:
    doc = (await api.get("/api/v1/openapi.json")).json()
    checked = 0
    for path, method, operation in operations(doc):
        allowed = operation["x-rollen"]
        if not allowed:
            continue
        for role in Role:
            # Every right, so only the role decides: rights are tested where they are needed.
            token = issue_token(settings, role, f"{role.value}-matrix", tuple(Recht))
            headers = {"Authorization": f"Bearer {token}"}
            body = {"json": {}} if method == "post" else {}
            response = await api.request(method.upper(), concrete(path), headers=headers, **body)
            if role.value in allowed:
                assert response.status_code not in (401, 403), (method, path, role, response.text)
                assert response.status_code < 500, (method, path, role, response.text)
            else:
                assert response.status_code == 403, (method, path, role, response.text)
            checked += 1
    assert checked >= 5 * 45


def free_form(schema: dict[str, Any], components: dict[str, Any], seen: set[str], where: str) -> list[str]:
    """The places in a schema that take any object at all: a `dict[str, Any]` in a model."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name in seen:
            return []
        seen.add(name)
        return free_form(components[name], components, seen, name)
    found = []
    extra = schema.get("additionalProperties")
    if schema.get("type") == "object" and not schema.get("properties") and extra in (None, True, {}):
        found.append(where)
    for name, part in schema.get("properties", {}).items():
        found += free_form(part, components, seen, f"{where}.{name}")
    for part in [*schema.get("anyOf", []), *schema.get("allOf", [])]:
        found += free_form(part, components, seen, where)
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            found += free_form(schema[key], components, seen, f"{where}[]")
    return found


def test_every_answer_is_typed_to_the_edge(settings: Settings) -> None:
    doc = create_app(settings).openapi()
    components = doc["components"]["schemas"]
    untyped = [
        f"{method} {path}: {place}"
        for path, method, operation in operations(doc)
        for status, response in operation["responses"].items()
        if status.startswith("2")
        for content in response.get("content", {}).values()
        for place in free_form(content.get("schema", {}), components, set(), status)
    ]
    assert untyped == []


def test_the_people_around_a_client_reach_only_their_own_routes() -> None:
    """A ketenpartner, bewindvoerder or maatje is admitted to the routes of their own part (which answer 404
    for a traject not linked to them) and to their session; every other route refuses them with 403."""
    keten = {Role.KETENPARTNER, Role.BEWINDVOERDER, Role.MAATJE}
    admitted = sorted(
        (path, method)
        for (path, method), route in api_routes().items()
        if keten & set(roles_of(route.dependant)) and not path.startswith("/api/v1/sessies")
    )
    assert admitted == [
        ("/api/v1/betrokken/aanmeldingen", "post"),
        ("/api/v1/betrokken/trajecten", "get"),
        ("/api/v1/betrokken/trajecten/{traject_id}", "get"),
        ("/api/v1/betrokken/trajecten/{traject_id}/betalingen", "post"),
        ("/api/v1/betrokken/trajecten/{traject_id}/notities", "post"),
    ]
    only_bewindvoerder = {
        path for (path, method), route in api_routes().items() if set(roles_of(route.dependant)) == {Role.BEWINDVOERDER}
    }
    assert only_bewindvoerder == {
        "/api/v1/betrokken/aanmeldingen",
        "/api/v1/betrokken/trajecten/{traject_id}/betalingen",
    }
