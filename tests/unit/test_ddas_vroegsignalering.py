"""Vroegsignalering as DDAS counts it: the end result of a case from its outcome, a signal's address split as
the standard asks, and a signal whose personal data is gone still delivered."""

from datetime import date

import jsonschema_rs
import pytest

from domain.ddas_codes import eindresultaat
from domain.ddas_vroegsignalering import Adres, Signaalfeiten, Zaakfeiten, bekende_zaak, vroegsignaal, vroegsignaalzaak
from domain.signalering import Contactkanaal, Hulp, SignaalSoort
from tests.api.ddas_schema import VROEGSIGNAAL, VROEGSIGNAALZAAK

SIGNAAL = jsonschema_rs.validator_for(VROEGSIGNAAL)
ZAAK = jsonschema_rs.validator_for(VROEGSIGNAALZAAK)
DAY = date(2026, 11, 2)


@pytest.mark.parametrize(
    ("bereikt", "hulp", "resultaat"),
    [
        (True, Hulp.GEACCEPTEERD, "Vervolghulp en/of verwijzing financieel"),
        (True, Hulp.AFGEWEZEN, "Inwoner hoeft geen hulp vanuit vroegsignalering"),
        (True, Hulp.GEEN_REACTIE, "Geen reactie na eerder contact"),
        (False, Hulp.GEEN_REACTIE, "Definitief geen contact kunnen krijgen"),
        (False, Hulp.AFGEWEZEN, "Definitief geen contact kunnen krijgen"),
    ],
)
def test_the_end_result_follows_the_outcome(bereikt: bool, hulp: Hulp, resultaat: str) -> None:
    assert eindresultaat(bereikt, hulp) == resultaat


def test_a_signal_with_its_person_and_one_whose_data_was_deleted() -> None:
    person = Adres("111222333", "Lange Geldersekade 12-bis", "3311 aa", "Dordrecht")
    signal = Signaalfeiten("s-1", SignaalSoort.ZORGVERZEKERING, True, 45_050, DAY, DAY, person)
    delivered = vroegsignaal(signal, opgepakt=False)
    SIGNAAL.validate(delivered)
    assert delivered["client"] == {
        "Burgerservicenummer": "111222333",
        "Straatnaam": "Lange Geldersekade",
        "Huisnummer": "12",
        "Huisnummertoevoeging": "bis",
        "Postcode": "3311AA",
        "Plaatsnaam": "Dordrecht",
    }
    assert (delivered["bedrag"], delivered["status"], delivered["signaalpartner"]) == (
        451,
        "Nog niet opgepakt",
        {"type": "Zorg"},
    )
    forgotten = vroegsignaal(Signaalfeiten("s-2", SignaalSoort.WATER, False, 100, DAY, DAY, None), opgepakt=True)
    SIGNAAL.validate(forgotten)
    assert forgotten["client"] == {}
    assert "status" not in forgotten


def test_a_case_with_its_attempts_and_a_known_client_as_a_case_of_its_own() -> None:
    case = Zaakfeiten(
        DAY,
        ("s-1", "s-2"),
        pogingen=(DAY, date(2026, 11, 12)),
        huisbezoek_op=date(2026, 11, 13),
        bereikt=True,
        kanaal=Contactkanaal.HUISBEZOEK,
        hulp=Hulp.GEACCEPTEERD,
        uitkomst_op=date(2026, 11, 16),
    )
    delivered = vroegsignaalzaak(case, 30)
    ZAAK.validate(delivered)
    assert delivered["einddatum_matchingperiode"] == "2026-12-02"
    assert delivered["datum_opgepakt"] == "2026-11-02"
    assert [(p["soort"], p["bereikt"]) for p in delivered["contactpogingen"]] == [
        ("Brief", False),
        ("Brief", False),
        ("Huisbezoek", False),
        ("Huisbezoek", True),
    ]
    known = bekende_zaak(Signaalfeiten("s-3", SignaalSoort.HUUR, False, 100, DAY, DAY, None, bij_traject=True), 30)
    ZAAK.validate(known)
    assert known["resultaat"] == "Inwoner al bekend bij schuldhulpverlening"
