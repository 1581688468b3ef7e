"""Bearer tokens with a role: who calls, and whether that role may use a route."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Annotated

import jwt
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.problems import Problem
from runtime.settings import Settings


class Role(StrEnum):
    """The roles a token can carry."""

    HULPVERLENER = "hulpverlener"
    TOEZICHTHOUDER = "toezichthouder"
    BEHEERDER = "beheerder"
    SCHULDEISER = "schuldeiser"
    SIGNAALPARTNER = "signaalpartner"


@dataclass(frozen=True)
class Principal:
    """The authenticated caller."""

    sub: str
    role: Role


ALGORITHM = "HS256"
_bearer = HTTPBearer(auto_error=False)


def issue_token(settings: Settings, role: Role, sub: str) -> str:
    """A signed token for `sub` in `role`, valid for the configured hours."""
    now = datetime.now(UTC)
    claims = {"sub": sub, "role": role.value, "iat": now, "exp": now + timedelta(hours=settings.token_hours)}
    return jwt.encode(claims, settings.token_secret, algorithm=ALGORITHM)


def authenticate(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Principal:
    """The caller from a valid bearer token, or a 401."""
    if credentials is None:
        raise Problem(401, "niet-ingelogd", "Stuur een geldig bearer-token mee in de Authorization-header.")
    settings: Settings = request.app.state.settings
    try:
        claims = jwt.decode(credentials.credentials, settings.token_secret, algorithms=[ALGORITHM])
        return Principal(sub=str(claims["sub"]), role=Role(claims["role"]))
    except (jwt.PyJWTError, KeyError, ValueError) as err:
        raise Problem(401, "niet-ingelogd", "Het token is ongeldig of verlopen.") from err


def require(*roles: Role) -> object:
    """A dependency admitting only callers in `roles`; others get a 403 naming who may."""

    def check(principal: Annotated[Principal, Depends(authenticate)]) -> Principal:
        if principal.role not in roles:
            allowed = ", ".join(role.value for role in roles)
            raise Problem(403, "geen-toegang", f"Deze actie is alleen voor de rol {allowed}.")
        return principal

    return Depends(check)


Staff = Annotated[Principal, require(Role.HULPVERLENER, Role.TOEZICHTHOUDER)]
Caseworker = Annotated[Principal, require(Role.HULPVERLENER)]
Admin = Annotated[Principal, require(Role.BEHEERDER, Role.TOEZICHTHOUDER)]
Beheerder = Annotated[Principal, require(Role.BEHEERDER)]
Office = Annotated[Principal, require(Role.HULPVERLENER, Role.TOEZICHTHOUDER, Role.BEHEERDER)]
Creditor = Annotated[Principal, require(Role.SCHULDEISER)]
Partner = Annotated[Principal, require(Role.SIGNAALPARTNER)]
