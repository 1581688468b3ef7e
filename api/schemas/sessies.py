"""A browser session: who logs in (in development), and what the session is."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from api.auth import Role
from api.fields import Ident, Strict

# The roles that work in the werkplek.
STAFF_ROLES = (Role.HULPVERLENER, Role.TOEZICHTHOUDER, Role.BEHEERDER)
# The people around a client log in to the werkplek too, and see only what is linked to them.
KETEN_ROLES = (Role.KETENPARTNER, Role.BEWINDVOERDER, Role.MAATJE)
# A creditor or signal partner without a system of its own works in the portal, under the id its token carries
# (a creditor's is its id in the registry).
PORTAAL_ROLES = (Role.SCHULDEISER, Role.SIGNAALPARTNER)
WERKPLEK_ROLES = STAFF_ROLES + KETEN_ROLES + PORTAAL_ROLES


class SessieIn(Strict):
    """A development login: any werkplek role, under any name (the name becomes the caller's id; a creditor's
    is its id in the registry)."""

    rol: Role
    naam: Ident = Field(description="Wie u bent, bijvoorbeeld hv-anna: letters, cijfers en - _ .")


class SessieUit(BaseModel):
    naam: str
    rol: Role
    verloopt_op: datetime
    csrf_token: str = Field(description="Stuur mee in de X-CSRF-Token-header bij elke wijziging met deze sessie.")
