"""The VTLB by the Recofa lines, the capacity never below zero, the norms of the right period."""

from datetime import date

import pytest

from domain.afloscapaciteit import Correctie, Huishouden, Leefsituatie, afloscapaciteit, huishouden_problems
from domain.vtlb_normen import VtlbNormen, normen_op

NORMEN = VtlbNormen(
    geldig_vanaf=date(2026, 1, 1),
    bron="test",
    alleenstaande_cent=140_000,
    alleenstaande_ouder_cent=140_000,
    gehuwd_cent=200_000,
    beslagvrij_procent=95,
    woonkosten_in_norm_cent=25_000,
    zorgpremie_in_norm_cent=4_500,
)


def test_vtlb_is_the_beslagvrije_voet_plus_costs_above_the_norm_and_child_benefits() -> None:
    huishouden = Huishouden(
        Leefsituatie.ALLEENSTAANDE_OUDER,
        netto_inkomen_cent=230_000,
        huur_cent=80_000,
        huurtoeslag_cent=30_000,
        zorgpremie_cent=15_000,
        zorgtoeslag_cent=10_000,
        kindgebonden_cent=20_000,
        correcties=[Correctie("Reiskosten werk", 4_000)],
    )
    result = afloscapaciteit(huishouden, NORMEN, 18)
    # 133,000 + (80,000-30,000-25,000) + (15,000-10,000-4,500) + 20,000 + 4,000
    assert [r.bedrag_cent for r in result.regels] == [133_000, 25_000, 500, 20_000, 4_000]
    assert result.vtlb_cent == 182_500
    assert result.maandbedrag_cent == 47_500
    assert result.totaal_cent == 47_500 * 18
    assert result.normen_vanaf == date(2026, 1, 1)


def test_costs_below_the_norm_do_not_lower_the_vtlb() -> None:
    huishouden = Huishouden(Leefsituatie.GEHUWD, 250_000, huur_cent=20_000, zorgpremie_cent=4_000)
    result = afloscapaciteit(huishouden, NORMEN, 18)
    assert result.vtlb_cent == 190_000
    assert len(result.regels) == 1


def test_the_vtlb_is_rounded_up_in_the_clients_favour() -> None:
    normen = VtlbNormen(date(2026, 1, 1), "test", 100_001, 100_001, 100_001, 95, 0, 0)
    assert afloscapaciteit(Huishouden(Leefsituatie.ALLEENSTAANDE, 100_000), normen, 18).vtlb_cent == 95_001


def test_capacity_is_never_negative() -> None:
    result = afloscapaciteit(Huishouden(Leefsituatie.ALLEENSTAANDE, 120_000), NORMEN, 18)
    assert (result.maandbedrag_cent, result.totaal_cent) == (0, 0)


def test_a_vtlb_computed_elsewhere_is_taken_as_given() -> None:
    result = afloscapaciteit(Huishouden(Leefsituatie.ALLEENSTAANDE, 160_000), None, 18, vtlb_cent=150_000)
    assert (result.vtlb_cent, result.maandbedrag_cent, result.normen_vanaf) == (150_000, 10_000, None)


def test_the_norms_of_the_period_in_force_are_used() -> None:
    older = VtlbNormen(date(2025, 7, 1), "oud", 1, 1, 1, 95, 0, 0)
    assert normen_op(date(2025, 12, 31), (NORMEN, older)) is older
    assert normen_op(date(2026, 1, 1), (NORMEN, older)) is NORMEN
    with pytest.raises(ValueError, match="geen VTLB-normen"):
        normen_op(date(2025, 1, 1), (NORMEN, older))


def test_negative_amounts_and_corrections_without_a_reason_are_refused() -> None:
    huishouden = Huishouden(
        Leefsituatie.ALLEENSTAANDE, -1, huur_cent=-5, kindgebonden_cent=10, correcties=[Correctie(" ", 100)]
    )
    assert huishouden_problems(huishouden, -3) == [
        ("netto_inkomen_cent", "mag niet negatief zijn"),
        ("huur_cent", "mag niet negatief zijn"),
        ("vtlb_cent", "mag niet negatief zijn"),
        ("correcties.0.omschrijving", "zeg waarvoor de correctie is"),
        ("kindgebonden_cent", "is meer dan het netto inkomen"),
    ]
