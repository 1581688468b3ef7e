"""One traject's recorded facts as the DDAS exchange model: each part from what the traject recorded, code-list
values only, whole euros, and parts a traject never reached left out."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import jsonschema_rs
import pytest

from domain.beeindiging import Einde
from domain.begeleiding import BegeleidingSoort
from domain.ddas import (
    Begeleidingfeiten,
    Clientfeiten,
    Regelingfeiten,
    Schuldfeiten,
    Trajectfeiten,
    euro,
    schuldhulptraject,
)
from domain.ddas_codes import UITSTROOMREDEN, UITVAL_UITSTROOMREDEN
from domain.schuldregeling import RegelingSoort
from domain.traject import Besluit
from domain.uitval import UitvalReden
from domain.vordering import SchuldeiserSoort
from tests.api.ddas_schema import TRAJECT

VALIDATOR = jsonschema_rs.validator_for(TRAJECT)
TANYA = Clientfeiten("111222333", "3311 aa", "1", "A")
MARCO = Clientfeiten("100000009", "3311 aa", "1", "A")
REGISTERED = Trajectfeiten("t-1", "0505", date(2026, 1, 5), crisis=False, clients=(TANYA,))
SETTLED = replace(
    REGISTERED,
    crisis=True,
    clients=(TANYA, MARCO),
    gesprek_op=date(2026, 1, 7),
    besluit=Besluit.TOELATING,
    besluit_op=date(2026, 1, 20),
    plan_op=date(2026, 1, 27),
    moratoria_op=(date(2026, 2, 3),),
    begeleidingen=(Begeleidingfeiten(BegeleidingSoort.BUDGETBEHEER, date(2026, 1, 27), None),),
    schulden=(
        Schuldfeiten("Zilveren Kruis", SchuldeiserSoort.ZORGVERZEKERAAR, 123_449, date(2026, 2, 1), False),
        Schuldfeiten("Eneco", SchuldeiserSoort.ENERGIE, 50_050, date(2026, 2, 1), False),
        Schuldfeiten("Belastingdienst", SchuldeiserSoort.BELASTINGDIENST, 99, date(2026, 2, 1), True),
    ),
    regeling=Regelingfeiten(
        RegelingSoort.MINNELIJK,
        voorgesteld_op=date(2026, 3, 2),
        ingangsdatum=date(2026, 4, 1),
        afgerond_op=date(2027, 10, 1),
        gestopt_op=None,
        dwangakkoord_gevraagd=True,
        vtlb_cent=185_061,
    ),
    einde=Einde.DWANGAKKOORD,
    einde_op=date(2027, 10, 1),
)


def test_a_settled_couple_with_a_crisis_a_moratorium_and_begeleiding_maps_part_by_part() -> None:
    delivered = schuldhulptraject(SETTLED)

    VALIDATOR.validate(delivered)
    assert delivered["gemeentecode"] == "0505"
    assert [c["Burgerservicenummer"] for c in delivered["client"]] == ["111222333", "100000009"]
    assert delivered["client"][0] == {
        "Burgerservicenummer": "111222333",
        "Postcode": "3311AA",
        "Huisnummer": "1",
        "Huisnummertoevoeging": "A",
    }
    assert delivered["aanmelding"] == {"startdatum": "2026-01-05", "einddatum": "2026-01-07", "crisisinterventie": True}
    assert delivered["crisisinterventies"] == [{"startdatum": "2026-01-05", "einddatum": "2026-01-07"}]
    assert delivered["intake"]["beschikkingssoort"] == "Toelatingsbeschikking"
    assert delivered["toekenningsdatum"] == "2026-01-20"
    assert delivered["planVanAanpak"] == {"datumAfronding": "2026-01-27"}
    assert delivered["stabilisatie"] == {"startdatum": "2026-01-27", "einddatum": "2026-03-02"}
    assert delivered["moratoria"] == [{"datumAanvraag": "2026-02-03"}]
    assert delivered["begeleiding"] == [{"soort": "Budgetbeheer", "startdatum": "2026-01-27"}]
    assert [(s["schuldsoort"], s["bedrag"], s["zakelijkeSchuld"]) for s in delivered["schulden"]] == [
        ("Zorg", 1234, False),
        ("Nuts", 501, False),
        ("Publiek", 1, True),
    ]
    # The total is rounded once, from the cents, not summed from rounded parts.
    assert delivered["totaalSchuldbedragBijAanvangSchuld"] == euro(123_449 + 50_050 + 99) == 1736
    assert delivered["schuldregeling"] == {"datum": "2026-03-02", "toegekend": "2026-04-01", "dwangakkoord": True}
    assert delivered["oplossing"] == {
        "soort": "Schuldbemiddeling",
        "startdatum": "2026-04-01",
        "einddatum": "2027-10-01",
        "vtlb": 1851,
    }
    assert delivered["uitstroom"] == {"datum": "2027-10-01", "reden": "Afgerond"}
    assert delivered["nazorg"] == {"startdatum": "2027-10-01"}
    assert delivered["einddatum"] == "2027-10-01"


def test_a_traject_just_registered_sends_only_what_it_has() -> None:
    delivered = schuldhulptraject(REGISTERED)
    VALIDATOR.validate(delivered)
    assert set(delivered) == {"gemeentecode", "startdatum", "client", "aanmelding"}


@pytest.mark.parametrize("einde", [e for e in Einde if e is not Einde.UITVAL])
def test_every_ending_has_its_uitstroom_reason(einde: Einde) -> None:
    ended = replace(REGISTERED, einde=einde, einde_op=date(2026, 3, 1), einde_besluit_op=date(2026, 2, 27))
    delivered = schuldhulptraject(ended)
    VALIDATOR.validate(delivered)
    assert delivered["uitstroom"] == {
        "datum": "2026-03-01",
        "datumBeeindigingsbeschikking": "2026-02-27",
        "reden": UITSTROOMREDEN[einde],
    }


@pytest.mark.parametrize("reden", list(UitvalReden))
def test_uitval_has_the_reason_of_its_own_reason(reden: UitvalReden) -> None:
    ended = replace(REGISTERED, einde=Einde.UITVAL, uitval=reden, einde_op=date(2026, 3, 1), toelichting="Zie dossier.")
    delivered = schuldhulptraject(ended)
    VALIDATOR.validate(delivered)
    assert delivered["uitstroom"]["reden"] == UITVAL_UITSTROOMREDEN[reden]
    assert delivered["uitstroom"]["omschrijving"] == "Zie dossier."


def test_a_proposal_that_stopped_before_its_term_is_withdrawn_and_has_no_solution() -> None:
    assert SETTLED.regeling is not None
    stopped = replace(
        SETTLED.regeling, ingangsdatum=None, afgerond_op=None, gestopt_op=date(2026, 3, 20), dwangakkoord_gevraagd=False
    )
    delivered = schuldhulptraject(
        replace(SETTLED, regeling=stopped, einde=Einde.UITVAL, uitval=UitvalReden.GEEN_CONTACT)
    )
    VALIDATOR.validate(delivered)
    assert delivered["schuldregeling"] == {"datum": "2026-03-02", "dwangakkoord": False, "ingetrokken": "2026-03-20"}
    assert "oplossing" not in delivered


def test_whole_euros_round_half_up() -> None:
    assert (euro(0), euro(49), euro(50), euro(149), euro(150)) == (0, 0, 1, 1, 2)


def test_the_structure_refuses_what_the_specification_does_not_allow() -> None:
    wrong = schuldhulptraject(SETTLED) | {"uitstroom": {"reden": "Gestopt"}}
    assert not VALIDATOR.is_valid(wrong)
    assert not VALIDATOR.is_valid({"client": [schuldhulptraject(SETTLED)["client"][0]]})
    assert not VALIDATOR.is_valid(schuldhulptraject(SETTLED) | {"client": []})
