"""Bearer tokens with a role: who calls, and whether that role may use a route."""

from __future__ import annotations

import hashlib
import hmac
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Annotated, Any

import jwt
from fastapi import Depends, Request
from fastapi.dependencies.models import Dependant

from api.problems import Problem
from runtime.settings import Settings


class Role(StrEnum):
    """The roles a token can carry."""

    HULPVERLENER = "hulpverlener"
    TOEZICHTHOUDER = "toezichthouder"
    BEHEERDER = "beheerder"
    SCHULDEISER = "schuldeiser"
    SIGNAALPARTNER = "signaalpartner"
    # The people around a client (domain/betrokkene.py): they see only the trajecten linked to them.
    KETENPARTNER = "ketenpartner"
    BEWINDVOERDER = "bewindvoerder"
    MAATJE = "maatje"
    # CBS collects the national data delivery (DDAS), and reads nothing else.
    CBS = "cbs"


class Recht(StrEnum):
    """Rights a token may carry beside its role, for what even that role does not do by default."""

    ONTSLEUTELEN = "ontsleutelen"


@dataclass(frozen=True)
class Principal:
    """The authenticated caller: who, in which role, with which extra rights."""

    sub: str
    role: Role
    rechten: frozenset[Recht] = frozenset()
    # The token's own id (a browser session's CSRF token is derived from it) and its end.
    jti: str = ""
    verloopt_op: datetime | None = None


ALGORITHM = "HS256"
# A browser holds its token in this cookie (HttpOnly, SameSite=Strict); writes add the CSRF header.
SESSION_COOKIE = "sessie"
CSRF_HEADER = "X-CSRF-Token"
# A token without these is refused: one that never expires is a key that is never taken back.
REQUIRED_CLAIMS = ["exp", "iat", "sub", "role"]


def issue_token(settings: Settings, role: Role, sub: str, rechten: tuple[Recht, ...] = ()) -> str:
    """A signed token for `sub` in `role` (with `rechten`, if any), valid for the configured hours."""
    now = datetime.now(UTC)
    claims: dict[str, Any] = {
        "sub": sub,
        "role": role.value,
        "iat": now,
        "exp": now + timedelta(hours=settings.token_hours),
        "jti": str(uuid.uuid4()),
    }
    if rechten:
        claims["rechten"] = [recht.value for recht in rechten]
    return jwt.encode(claims, settings.token_secret, algorithm=ALGORITHM)


def principal_from_header(settings: Settings, authorization: str | None) -> Principal | Problem:
    """The caller named by an `Authorization: Bearer` header, or the 401 that says what is wrong."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return Problem(401, "niet-ingelogd", "Stuur een geldig bearer-token mee in de Authorization-header.")
    return principal_from_token(settings, token.strip())


def principal_from_token(settings: Settings, token: str) -> Principal | Problem:
    """The caller a signed token names, from a header or a session cookie alike, or the 401 if it is not
    valid (any more)."""
    try:
        claims = jwt.decode(token, settings.token_secret, algorithms=[ALGORITHM], options={"require": REQUIRED_CLAIMS})
        rechten = frozenset(Recht(recht) for recht in claims.get("rechten", []))
        return Principal(
            sub=str(claims["sub"]),
            role=Role(claims["role"]),
            rechten=rechten,
            jti=str(claims.get("jti", "")),
            verloopt_op=datetime.fromtimestamp(claims["exp"], UTC),
        )
    except (jwt.PyJWTError, ValueError, TypeError):
        return Problem(401, "niet-ingelogd", "Het token is ongeldig of verlopen.")


def csrf_token(settings: Settings, principal: Principal) -> str:
    """The token a browser session sends with each write: bound to its session, unknown to another site."""
    message = f"csrf:{principal.jti}".encode()
    return hmac.new(settings.token_secret.encode(), message, hashlib.sha256).hexdigest()


def csrf_valid(settings: Settings, principal: Principal, given: str) -> bool:
    """Whether `given` is this session's CSRF token (compared in constant time)."""
    return bool(principal.jti) and hmac.compare_digest(csrf_token(settings, principal), given)


def authenticate(request: Request) -> Principal:
    """The caller the gate authenticated before the route ran (api/gate.py), or a 401."""
    principal: Principal | None = getattr(request.state, "principal", None)
    if principal is None:
        raise Problem(401, "niet-ingelogd", "Stuur een geldig bearer-token mee in de Authorization-header.")
    return principal


def check_role(principal: Principal, roles: tuple[Role, ...]) -> Principal:
    """The principal when its role is one of `roles`; else a 403 naming who may."""
    if principal.role not in roles:
        allowed = ", ".join(role.value for role in roles)
        raise Problem(403, "geen-toegang", f"Deze actie is alleen voor de rol {allowed}.")
    return principal


def require(*roles: Role) -> Any:
    """A dependency admitting only callers in `roles`. The roles stay readable on it, so the route checks
    them before the body is parsed and the OpenAPI document lists them (`roles_of`)."""

    def check(principal: Annotated[Principal, Depends(authenticate)]) -> Principal:
        return check_role(principal, roles)

    check.roles = roles  # type: ignore[attr-defined]
    return Depends(check)


def roles_of(dependant: Dependant) -> tuple[Role, ...]:
    """The roles a route admits, from its `require` dependency; empty for a public route."""
    for dependency in dependant.dependencies:
        roles: tuple[Role, ...] | None = getattr(dependency.call, "roles", None)
        if roles:
            return roles
        if found := roles_of(dependency):
            return found
    return ()


Staff = Annotated[Principal, require(Role.HULPVERLENER, Role.TOEZICHTHOUDER)]
Caseworker = Annotated[Principal, require(Role.HULPVERLENER)]
Supervisor = Annotated[Principal, require(Role.TOEZICHTHOUDER)]
Admin = Annotated[Principal, require(Role.BEHEERDER, Role.TOEZICHTHOUDER)]
Beheerder = Annotated[Principal, require(Role.BEHEERDER)]
Office = Annotated[Principal, require(Role.HULPVERLENER, Role.TOEZICHTHOUDER, Role.BEHEERDER)]
Creditor = Annotated[Principal, require(Role.SCHULDEISER)]
Partner = Annotated[Principal, require(Role.SIGNAALPARTNER)]
Betrokkene = Annotated[Principal, require(Role.KETENPARTNER, Role.BEWINDVOERDER, Role.MAATJE)]
Schrijver = Annotated[Principal, require(Role.KETENPARTNER, Role.BEWINDVOERDER)]
Bewindvoerder = Annotated[Principal, require(Role.BEWINDVOERDER)]
Cbs = Annotated[Principal, require(Role.CBS)]
