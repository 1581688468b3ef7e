"""Administrators and supervisors read the policy in force."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter

from api.auth import Admin
from api.deps import SettingsDep
from domain.aanmelding import crisis_kinds

router = APIRouter(tags=["beheer"])


@router.get("/beheer/beleid")
def read_policy(principal: Admin, settings: SettingsDep) -> dict[str, Any]:
    """The policy new trajecten start with, and every crisis kind it accepts."""
    policy = settings.policy()
    return {**asdict(policy), "crisissoorten": list(crisis_kinds(policy.extra_crisis_kinds))}
