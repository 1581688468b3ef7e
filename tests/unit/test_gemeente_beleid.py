"""A gemeente's own policy values: only those a gemeente may set replace the installation's."""

from __future__ import annotations

from domain.policy import Policy, met_afwijkingen


def test_a_gemeente_sets_its_own_terms_and_crisis_kinds_and_nothing_else() -> None:
    installatie = Policy(extra_crisis_kinds=("loonbeslag",))
    eigen = met_afwijkingen(
        installatie,
        {"first_conversation_weeks": 2, "extra_crisis_kinds": ["ontruiming_kamer"], "looptijd_maanden": 36},
    )
    assert (eigen.first_conversation_weeks, eigen.extra_crisis_kinds) == (2, ("ontruiming_kamer",))
    assert eigen.looptijd_maanden == installatie.looptijd_maanden
    assert eigen.beschikking_weeks == installatie.beschikking_weeks
    assert met_afwijkingen(installatie, {}) == installatie
