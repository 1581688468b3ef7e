"""The werkplek's stylesheets and scripts: our own, and the npm packages installed from ui/package-lock.json.
Only the files named here are served; nothing comes from a CDN."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse

from api.problems import Problem

UI = Path(__file__).parent
PACKAGES = UI / "node_modules"
ASSETS: dict[str, Path] = {
    "nl-design-system.css": PACKAGES / "@utrecht/component-library-css/dist/index.css",
    "thema.css": PACKAGES / "@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css",
    "htmx.js": PACKAGES / "htmx.org/dist/htmx.min.js",
    "werkplek.css": UI / "static/werkplek.css",
    "werkplek.js": UI / "static/werkplek.js",
}

router = APIRouter(include_in_schema=False)


@router.get("/static/{name}")
def asset(request: Request, name: str) -> FileResponse:
    """One asset; the theme is the municipality's own when its settings name one (SCHULDHULP_UI_THEMA_CSS)."""
    theme = request.app.state.settings.ui_thema_css
    path = theme if name == "thema.css" and theme is not None else ASSETS.get(name)
    if path is None or not path.is_file():
        raise Problem(404, "niet-gevonden", "Dit bestand bestaat niet.")
    # Revalidated on every load (ETag), so a new release is picked up at once.
    return FileResponse(path, headers={"Cache-Control": "no-cache"})
