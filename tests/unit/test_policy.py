"""A municipality's policy file overrides the defaults, including dated VTLB norms."""

import json
from datetime import date
from pathlib import Path

from domain.policy import Policy
from runtime.settings import Settings


def test_a_policy_file_sets_its_own_values_and_norm_periods(tmp_path: Path) -> None:
    path = tmp_path / "beleid.json"
    norm = {
        "geldig_vanaf": "2026-07-01",
        "bron": "Stcrt. 2026",
        "alleenstaande_cent": 141_000,
        "alleenstaande_ouder_cent": 141_000,
        "gehuwd_cent": 201_400,
        "beslagvrij_procent": 95,
        "woonkosten_in_norm_cent": 25_500,
        "zorgpremie_in_norm_cent": 4_600,
    }
    path.write_text(json.dumps({"extra_crisis_kinds": ["brand"], "looptijd_maanden": 12, "vtlb_normen": [norm]}))
    policy = Settings(policy_file=path).policy()
    assert policy.extra_crisis_kinds == ("brand",)
    assert policy.looptijd_maanden == 12
    assert policy.vtlb_normen[0].geldig_vanaf == date(2026, 7, 1)
    assert policy.first_conversation_weeks == Policy().first_conversation_weeks
