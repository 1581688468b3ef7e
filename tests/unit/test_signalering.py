"""The rules of vroegsignalering: which route a household's signals call for, what a signal must hold,
and how a household and a repeat are recognised without keeping an address in an id."""

from datetime import date, timedelta

from domain.aanmelding import CrisisSoort
from domain.signalering import (
    Route,
    SignaalFeit,
    SignaalIn,
    SignaalSoort,
    crisis_of,
    dedupe_key,
    household_key,
    route_of,
    signaal_problems,
)

DAY = date(2026, 11, 23)


def feit(
    partner: str = "woonbron", soort: SignaalSoort = SignaalSoort.HUUR, cent: int = 100_000, days: int = 0
) -> SignaalFeit:
    return SignaalFeit(f"s-{partner}-{cent}-{days}", partner, soort, cent, 2, DAY + timedelta(days=days))


def test_one_arrear_is_enkelvoudig_and_the_same_partner_again_stays_so() -> None:
    assert route_of([feit()]) is Route.ENKELVOUDIG
    assert route_of([feit(), feit(cent=100_000, days=20)]) is Route.ENKELVOUDIG


def test_arrears_at_two_partners_or_rising_rent_are_meervoudig() -> None:
    assert route_of([feit(), feit("cz", SignaalSoort.ZORGVERZEKERING)]) is Route.MEERVOUDIG
    assert route_of([feit(cent=100_000), feit(cent=150_000, days=30)]) is Route.MEERVOUDIG
    assert route_of([feit(cent=150_000), feit(cent=100_000, days=30)]) is Route.ENKELVOUDIG


def test_a_crisis_signal_makes_the_case_a_crisis() -> None:
    crisis = SignaalFeit("c", "eneco", SignaalSoort.ENERGIE, 1, 1, DAY, CrisisSoort.BEEINDIGING_ELEKTRICITEIT)
    assert route_of([feit(), crisis]) is Route.CRISIS
    assert crisis_of(SignaalSoort.HUUR, False, DAY) is CrisisSoort.GEDWONGEN_WONINGONTRUIMING
    assert crisis_of(SignaalSoort.WATER, True, None) is CrisisSoort.BEEINDIGING_WATER
    assert crisis_of(SignaalSoort.ZORGVERZEKERING, False, None) is None


def signaal(**changes: object) -> SignaalIn:
    base: dict[str, object] = {
        "soort": SignaalSoort.HUUR,
        "bsn": "111222333",
        "naam": "Tanya de Vries",
        "straat": "Kerkstraat 1",
        "postcode": "3311 AA",
        "woonplaats": "Dordrecht",
        "achterstand_cent": 120_000,
        "achterstand_maanden": 2,
        "datum": DAY,
        "partner_kenmerk": "WB-17",
    }
    return SignaalIn(**(base | changes))  # type: ignore[arg-type]


def test_signal_problems_name_the_field() -> None:
    assert signaal_problems(signaal(), DAY) == []
    names = [n for n, _ in signaal_problems(signaal(achterstand_cent=0, achterstand_maanden=0), DAY)]
    assert names == ["achterstand_cent", "achterstand_maanden"]
    assert [n for n, _ in signaal_problems(signaal(datum=DAY + timedelta(days=1)), DAY)] == ["datum"]
    assert [n for n, _ in signaal_problems(signaal(eindelevering=True), DAY)] == ["eindelevering"]
    wrong = signaal(soort=SignaalSoort.ENERGIE, ontruimingsdatum=DAY)
    assert [n for n, _ in signaal_problems(wrong, DAY)] == ["ontruimingsdatum"]


def test_a_household_is_its_address_however_written_and_the_key_hides_it() -> None:
    key = household_key("geheim", "3311 AA", "Kerkstraat 1")
    assert household_key("geheim", "3311aa", "kerkstraat   1") == key
    assert household_key("geheim", "3311 AB", "Kerkstraat 1") != key
    assert household_key("ander", "3311 AA", "Kerkstraat 1") != key
    assert "3311" not in key


def test_a_repeat_has_the_same_key_and_another_month_does_not() -> None:
    first = dedupe_key("geheim", "woonbron", signaal())
    assert dedupe_key("geheim", "woonbron", signaal(achterstand_cent=1)) == first
    assert dedupe_key("geheim", "woonbron", signaal(datum=DAY - timedelta(days=30))) != first
    assert dedupe_key("geheim", "eneco", signaal()) != first
