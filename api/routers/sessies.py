"""The browser's session: a development login that sets the session cookie, who is logged in, and logging
out. The cookie holds the same signed token a bearer header would, so a browser and an API client are the
same principal; the gate (api/gate.py) reads it and checks the CSRF token on every write."""

from __future__ import annotations

from fastapi import APIRouter, Response

from api.auth import SESSION_COOKIE, Principal, Role, csrf_token, issue_token, principal_from_token, require
from api.deps import SettingsDep
from api.gate import GuardedRoute
from api.problems import Problem, invalid
from api.schemas.sessies import WERKPLEK_ROLES, SessieIn, SessieUit
from runtime.settings import Settings

router = APIRouter(tags=["sessies"], route_class=GuardedRoute)

Anyone = require(*Role)


@router.post(
    "/sessies", status_code=201, response_model=SessieUit, responses={403: {"description": "Niet in deze omgeving"}}
)
def log_in(body: SessieIn, response: Response, settings: SettingsDep) -> SessieUit:
    """Log in as a werkplek role (staff, or a ketenpartner, bewindvoerder or maatje) under a chosen name, for
    development only: production puts the municipality's own login (OIDC) in front, which issues the same
    token."""
    if settings.environment != "development":
        detail = "Inloggen zonder echte identiteit kan alleen in een ontwikkelomgeving."
        raise Problem(403, "alleen-ontwikkeling", detail)
    if body.rol not in WERKPLEK_ROLES:
        raise invalid([("rol", f"kies uit: {', '.join(role.value for role in WERKPLEK_ROLES)}")])
    token = issue_token(settings, body.rol, body.naam)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=settings.token_hours * 3600,
        httponly=True,
        samesite="strict",
        secure=settings.public_url.startswith("https://"),
        path="/",
    )
    return _session(settings, principal_from_token(settings, token))


@router.get("/sessies/huidig", response_model=SessieUit)
def current(principal: Principal = Anyone, *, settings: SettingsDep) -> SessieUit:
    """Who is logged in, until when, and the CSRF token for writes."""
    return _session(settings, principal)


@router.delete("/sessies/huidig", status_code=204)
def log_out(response: Response, principal: Principal = Anyone) -> None:
    """End the browser's session: the cookie is removed."""
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")


def _session(settings: Settings, principal: Principal | Problem) -> SessieUit:
    if isinstance(principal, Problem):
        raise principal
    assert principal.verloopt_op is not None  # every token we accept has an expiry
    return SessieUit(
        naam=principal.sub,
        rol=principal.role,
        verloopt_op=principal.verloopt_op,
        csrf_token=csrf_token(settings, principal),
    )
