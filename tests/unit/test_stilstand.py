"""A traject is stuck when it waited longer on one party than the policy allows, and only then."""

from __future__ import annotations

from datetime import date

import pytest

from domain.policy import Policy
from domain.stilstand import Wachten, te_lang

TODAY = date(2026, 11, 23)
DREMPELS = Policy().wacht_drempel_dagen


@pytest.mark.parametrize(
    ("wacht_op", "sinds", "stuck"),
    [
        ("hulpverlener", date(2026, 11, 13), None),  # 10 days: at the limit, not over it
        ("hulpverlener", date(2026, 11, 12), 11),
        ("schuldeisers", date(2026, 10, 24), None),  # 30 days
        ("schuldeisers", date(2026, 10, 23), 31),
        ("rechtbank", date(2026, 8, 1), 114),
        ("niemand", date(2020, 1, 1), None),  # no party to wait on, no limit
    ],
)
def test_stuck_only_past_the_policy_limit(wacht_op: str, sinds: date, stuck: int | None) -> None:
    assert te_lang(Wachten("t", "hv-anna", wacht_op, sinds), TODAY, DREMPELS) == stuck
