"""Schemathesis over the whole OpenAPI document, in every role: no answer is a server error, and every
answer is documented and matches its schema (status, media type, body)."""

from __future__ import annotations

import asyncio
import itertools
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance
from temporalio.client import Client
from temporalio.worker import Worker

from api.app import create_app
from api.auth import Recht, Role, issue_token
from runtime.settings import Settings

EXAMPLES = 8


def fuzz(app: Any, headers: dict[str, str]) -> list[str]:
    """Every operation, `EXAMPLES` requests the schema allows and `EXAMPLES` it does not; a description of
    each failure found."""
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    failures = []
    for result, mode in itertools.product(schema.get_all_operations(), GenerationMode):
        operation = result.ok()

        @given(case=operation.as_strategy(mode))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def run(case: Any) -> None:
            # A request the schema allows may still break a rule it cannot express (the 11-proef, a date's
            # range, amounts that must add up): refusing it is right, so that one check is left out.
            case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

        try:
            run()
        except Exception as err:
            failures.append(f"{operation.label} ({mode.value}): {str(err)[:600]}")
    return failures


@pytest.mark.parametrize("role", list(Role))
async def test_no_server_error_and_every_answer_as_documented(
    role: Role, settings: Settings, temporal: Client, dev_worker: Worker, engine: object
) -> None:
    app = create_app(settings, temporal)
    token = issue_token(settings, role, f"{role.value}-fuzz", tuple(Recht))
    failures = await asyncio.to_thread(fuzz, app, {"Authorization": f"Bearer {token}"})
    assert failures == [], "\n\n".join(failures)
