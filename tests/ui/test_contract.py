"""The werkplek writes only through the documented API: every form and htmx call in a template targets an
operation the OpenAPI document has, with its method, and no page or fragment of the werkplek takes a write."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.routing import APIRoute

from api.app import create_app
from domain.phases import Step
from domain.regeling_status import RegelingStap
from runtime.settings import Settings
from ui import assets
from ui import pages as werkplek
from ui.render import TEMPLATES

JINJA = re.compile(r"{{.*?}}|{%.*?%}")
HTMX_CALLS = ("hx-get", "hx-post", "hx-put", "hx-patch", "hx-delete")


class Calls(HTMLParser):
    """The (method, target) of each form and htmx call in one template."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "form":
            method = found.get("data-method") or found.get("method") or "get"
            self.calls.append((method.lower(), found.get("action", "")))
        for attribute in HTMX_CALLS:
            if attribute in found:
                self.calls.append((attribute.removeprefix("hx-"), found[attribute]))


def calls() -> list[tuple[str, str, str]]:
    """(template, method, path) for every call, Jinja expressions turned into one path segment."""
    found = []
    for template in sorted(TEMPLATES.rglob("*.html")):
        parser = Calls()
        parser.feed(JINJA.sub("X", template.read_text()))
        found += [
            (str(template.relative_to(TEMPLATES)), method, target.split("?")[0]) for method, target in parser.calls
        ]
    return found


def matches(template_path: str, path: str) -> bool:
    pattern = re.sub(r"\{[^/]+\}", "[^/]+", template_path)
    return re.fullmatch(pattern, path) is not None


@pytest.fixture(scope="module")
def app_routes(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, set[str]], list[APIRoute]]:
    db = tmp_path_factory.mktemp("contract") / "dossier.db"
    app = create_app(Settings(environment="development", database_url=f"sqlite:///{db}"))
    document = app.openapi()
    operations = {path: {method for method in ops} for path, ops in document["paths"].items()}
    pages = [r for router in (werkplek.router, assets.router) for r in router.routes if isinstance(r, APIRoute)]
    return operations, pages


def test_the_templates_make_calls_at_all() -> None:
    found = calls()
    assert any(method == "post" for _, method, _ in found)
    assert any(method == "get" and path.startswith("/werkplek") for _, method, path in found)


@pytest.mark.parametrize(("template", "method", "path"), calls())
def test_each_call_targets_a_documented_operation_or_a_page(
    app_routes: tuple[dict[str, set[str]], list[APIRoute]], template: str, method: str, path: str
) -> None:
    operations, pages = app_routes
    if method == "get" and not path.startswith("/api/"):
        assert any(matches(page.path, path) and "GET" in page.methods for page in pages), (template, path)
        return
    documented = [p for p in operations if matches(p, path)]
    assert documented, f"{template}: {method.upper()} {path} is not in the OpenAPI document"
    assert any(method in operations[p] for p in documented), f"{template}: {path} has no {method.upper()}"


def test_no_page_or_fragment_accepts_a_write(app_routes: tuple[dict[str, set[str]], list[APIRoute]]) -> None:
    _, pages = app_routes
    assert pages
    for page in pages:
        assert page.methods <= {"GET", "HEAD"}, f"{page.path} accepts {page.methods}"


def test_every_write_in_a_template_goes_to_the_api() -> None:
    for template, method, path in calls():
        if method != "get":
            assert path.startswith("/api/v1/"), f"{template}: {method} {path}"


def test_nothing_is_loaded_from_another_site() -> None:
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text()
        assert not re.search(r"""(src|href)=["']https?://""", text), template
        assert "<script>" not in text, f"{template}: inline code breaks the page's CSP"
        assert "style=" not in text, f"{template}: inline styles break the page's CSP"


def test_a_form_exists_for_every_step_the_engine_can_allow() -> None:
    for step in Step:
        assert (Path(TEMPLATES) / "stappen" / f"{step.value}.html").is_file(), step
    for settlement_step in RegelingStap:
        assert (Path(TEMPLATES) / "regeling" / f"{settlement_step.value}.html").is_file(), settlement_step
