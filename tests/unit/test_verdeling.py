"""The distribution over creditors: exact in cents, proportional, preferent creditors per the NVVK rule."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.verdeling import Claim, ideal_shares, verdeel

claims = st.lists(
    st.builds(
        Claim,
        schuldeiser_id=st.uuids().map(str),
        bedrag_cent=st.integers(min_value=1, max_value=5_000_000),
        preferent=st.booleans(),
    ),
    min_size=1,
    max_size=25,
    unique_by=lambda c: c.schuldeiser_id,
)


@st.composite
def claims_and_total(draw: st.DrawFn) -> tuple[list[Claim], int]:
    drawn = draw(claims)
    return drawn, draw(st.integers(min_value=0, max_value=sum(c.bedrag_cent for c in drawn)))


@given(claims_and_total(), st.sampled_from([1, 2, 3]))
def test_parts_add_up_to_the_total_and_none_is_negative_or_above_its_claim(
    case: tuple[list[Claim], int], factor: int
) -> None:
    drawn, total = case
    parts = verdeel(drawn, total, factor)
    assert sum(p.aandeel_cent for p in parts) == total
    assert all(0 <= p.aandeel_cent <= p.vordering_cent for p in parts)
    assert [p.schuldeiser_id for p in parts] == [c.schuldeiser_id for c in drawn]


@given(claims_and_total(), st.sampled_from([1, 2, 3]))
def test_each_part_is_within_one_cent_of_its_exact_share(case: tuple[list[Claim], int], factor: int) -> None:
    drawn, total = case
    exact = ideal_shares(drawn, total, factor)
    for part, share in zip(verdeel(drawn, total, factor), exact, strict=True):
        assert abs(part.aandeel_cent - share) < 1


@given(claims_and_total())
def test_a_preferent_creditor_gets_twice_the_percentage_unless_paid_in_full(case: tuple[list[Claim], int]) -> None:
    drawn, total = case
    exact = ideal_shares(drawn, total, 2)
    concurrent = [s / c.bedrag_cent for c, s in zip(drawn, exact, strict=True) if not c.preferent]
    preferent = [(s / c.bedrag_cent) for c, s in zip(drawn, exact, strict=True) if c.preferent]
    if concurrent and preferent:
        rate = concurrent[0]
        assert all(r == rate for r in concurrent)
        assert all(r == min(Fraction(1), 2 * rate) for r in preferent)


@given(claims_and_total())
def test_without_preferent_creditors_everyone_gets_the_same_percentage(case: tuple[list[Claim], int]) -> None:
    drawn, total = case
    plain = [Claim(c.schuldeiser_id, c.bedrag_cent, False) for c in drawn]
    rates = {s / c.bedrag_cent for c, s in zip(plain, ideal_shares(plain, total, 2), strict=True)}
    assert len(rates) == 1


def test_the_remainder_goes_to_the_largest_fractions_then_the_largest_claims() -> None:
    parts = verdeel([Claim("a", 100, False), Claim("b", 100, False), Claim("c", 100, False)], 100)
    # 33⅓ each: the one spare cent goes to the first of equal claims in the order given.
    assert [p.aandeel_cent for p in parts] == [34, 33, 33]
    parts = verdeel([Claim("a", 100, False), Claim("b", 200, False)], 100)
    assert [p.aandeel_cent for p in parts] == [33, 67]


def test_preferent_creditors_are_capped_at_their_claim_and_the_rest_goes_to_the_others() -> None:
    parts = verdeel([Claim("fiscus", 1_000, True), Claim("bank", 10_000, False)], 6_000)
    assert [p.aandeel_cent for p in parts] == [1_000, 5_000]


def test_more_than_the_claims_cannot_be_distributed() -> None:
    with pytest.raises(ValueError, match="meer dan"):
        verdeel([Claim("a", 100, False)], 101)
