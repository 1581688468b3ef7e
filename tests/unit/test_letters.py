"""Every letter renders strictly from sample data and reads at B1 level (Flesch-Douma >= 60)."""

from datetime import UTC, date, datetime
from typing import Any

import pytest
import textstat

from activities.letters import Afzender
from letters.render import LetterKind, body_text, long_date, render_letter
from letters.sms import sms_text

textstat.set_lang("nl")

CLIENT = {"naam": "Tanya de Vries", "adres": ["Kerkstraat 1", "3311 AA Dordrecht"]}
REGELING: dict[str, Any] = {
    "soort": "minnelijk",
    "maandbedrag_cent": 12_345,
    "looptijd_maanden": 18,
    "totaal_cent": 222_210,
    "vorderingen_cent": 1_234_567,
    "schuldeisers": 10,
    "weigeraars": 1,
    "eerste_betaling": "2027-01-23",
}
DEEL: dict[str, Any] = {
    **REGELING,
    "client": CLIENT,
    "vordering_cent": 100_000,
    "aandeel_cent": 18_000,
    "ontvangen_cent": 18_000,
    "percentage": "18,00%",
    "percentage_ontvangen": "18,00%",
    "reden": "Wij willen het hele bedrag.",
}
PORTAAL = "https://schuldhulp.dordrecht.nl/schuldeiser"
BASE: dict[str, Any] = {
    "gemeente": Afzender("Gemeente Dordrecht", "Spuiboulevard 300, 3311 GR Dordrecht", "14 078", portaal=PORTAAL),
    "ontvanger": {"naam": "Tanya de Vries", "aanhef": "Tanya de Vries", "adres": ["Kerkstraat 1", "3311 AA Dordrecht"]},
    "datum": date(2026, 11, 23),
    "kenmerk": "SHV-1A2B3C4D",
    "contactpersoon": {"naam": "Anna Bakker", "telefoon": "078 770 4000"},
}

SAMPLES: dict[LetterKind, dict[str, Any]] = {
    LetterKind.AANMELDING_BEVESTIGING: {
        "crisis": True,
        "afspraak": {"op": datetime(2026, 11, 25, 13, 30, tzinfo=UTC), "locatie": "Stadskantoor, Spuiboulevard 300"},
        "meldingsdatum": date(2026, 11, 23),
        "eerste_gesprek_uiterlijk": date(2026, 11, 26),
    },
    LetterKind.ACTIELIJST: {
        "gesprek_op": date(2026, 11, 25),
        "client_doet": [
            {"wat": "Stuur ons de brieven van uw schuldeisers", "uiterlijk": date(2026, 12, 9)},
            {"wat": "Vraag huurtoeslag aan", "uiterlijk": None},
        ],
        "gemeente_doet": [{"wat": "Wij bellen de woningcorporatie over uw huur"}],
        "gevonden": ["Huurtoeslag", "Kwijtschelding van de gemeentelijke belastingen"],
        "tandem": True,
        "beschikking_uiterlijk": date(2027, 1, 20),
    },
    LetterKind.BESCHIKKING_TOELATING: {
        "besluit_op": date(2026, 12, 2),
        "motivering": "U heeft schulden die u niet zelf kunt oplossen.",
        "bezwaar_uiterlijk": date(2027, 1, 13),
    },
    LetterKind.BESCHIKKING_AFWIJZING: {
        "besluit_op": date(2026, 12, 2),
        "motivering": "U bent veroordeeld voor fraude met een uitkering. De wet staat hulp dan niet toe.",
        "bezwaar_uiterlijk": date(2027, 1, 13),
    },
    LetterKind.PLAN_VAN_AANPAK: {
        "hulpvraag": "Ik wil weer rust en mijn huur kunnen betalen.",
        "doelen": ["Uw huur wordt weer elke maand betaald", "U maakt geen nieuwe schulden"],
        "gemeente_doet": ["Wij vragen al uw schuldeisers om een overzicht", "Wij regelen budgetbeheer"],
        "client_doet": ["U opent elke dag uw post", "U geeft nieuwe brieven aan ons"],
        "doorverwijzingen": ["Schuldhulpmaatje"],
        "voorwaarden": ["U maakt geen nieuwe schulden."],
    },
    LetterKind.KENNISGEVING: {
        "client": {"naam": "Tanya de Vries", "adres": ["Kerkstraat 1", "3311 AA Dordrecht"]},
        "antwoord_werkdagen": 10,
    },
    LetterKind.HERINNERING_SCHULDEISER: {
        "client": {"naam": "Tanya de Vries", "adres": ["Kerkstraat 1", "3311 AA Dordrecht"]},
        "verstuurd_op": date(2026, 11, 2),
        "nummer": 1,
    },
    LetterKind.OPSCHORTINGSVERZOEK: {
        "client": {"naam": "Tanya de Vries", "adres": ["Kerkstraat 1", "3311 AA Dordrecht"]},
        "maatregel": "dwangbevel",
        "maatregel_datum": date(2026, 11, 20),
    },
    LetterKind.DOS_EN_DONTS: {},
    LetterKind.MORATORIUM_CONCEPT: {
        "client": {"naam": "Tanya de Vries", "adres": ["Kerkstraat 1", "3311 AA Dordrecht"]},
        "schuldeiser": "Woonbron",
        "maatregel": "beslag",
        "maatregel_datum": date(2026, 11, 20),
    },
    LetterKind.VOORSTEL_CLIENT: REGELING,
    LetterKind.VOORSTEL_SCHULDEISER: {**DEEL, "antwoord_werkdagen": 10},
    LetterKind.HERINNERING_VOORSTEL: {**DEEL, "nummer": 2},
    LetterKind.REGELING_START: {**REGELING, "soort": "saneringskrediet"},
    LetterKind.DWANGAKKOORD_CLIENT: REGELING,
    LetterKind.DWANGAKKOORD_CONCEPT: {**DEEL, "schuldeiser": "Woonbron"},
    LetterKind.WSNP_CLIENT: REGELING,
    LetterKind.WSNP_VERKLARING: {**REGELING, "client": CLIENT, "schuldeiser": ""},
    LetterKind.WSNP_VERZOEKSCHRIFT: {**REGELING, "client": CLIENT, "schuldeiser": ""},
    LetterKind.UITSPRAAK_CLIENT: {"dwangakkoord": False, "toegewezen": True, "einde": "2028-05-23"},
    LetterKind.BETALING_GEMIST: {
        "maand": 5,
        "betaald_cent": 49_380,
        "totaal_cent": 222_210,
        "achterstand_cent": 12_345,
    },
    LetterKind.HERBEREKENING: {**REGELING, "vanaf": "2027-06-23"},
    LetterKind.SCHONE_LEI: {**REGELING, "wsnp": False, "betaald_cent": 222_210, "achterstand_cent": 0},
    LetterKind.EINDAFREKENING: DEEL,
    LetterKind.UITVAL: {"reden": "Wij hebben al lange tijd geen contact met u.", "toelichting": ""},
    LetterKind.NAZORG_CONTACT: {"maanden": 3},
    LetterKind.NAZORG_GESTOPT: {},
    LetterKind.AFSPRAAK_GEMIST: {"afspraak_op": "2026-11-20"},
    LetterKind.UITNODIGING: {"soorten": ["huur"]},
    LetterKind.UITNODIGING_HERINNERING: {"soorten": ["energie", "huur"]},
    LetterKind.OVERDRACHT: {},
    LetterKind.BEEINDIGING: {"reden": "stabiel", "naar": "", "toelichting": ""},
    LetterKind.BEZWAAR_BESLUIT: {
        "beslissing": "ongegrond",
        "besluit_op": "2026-12-03",
        "motivering": "Uw inkomen is hoog genoeg om de schulden zelf af te lossen.",
    },
}


@pytest.mark.parametrize(
    "kind",
    [
        LetterKind.KENNISGEVING,
        LetterKind.HERINNERING_SCHULDEISER,
        LetterKind.VOORSTEL_SCHULDEISER,
        LetterKind.HERINNERING_VOORSTEL,
    ],
)
def test_a_letter_asking_a_creditor_to_answer_says_where_the_portal_is(kind: LetterKind) -> None:
    letter = render_letter(kind, {**BASE, **SAMPLES[kind]})
    assert f"via ons portaal voor schuldeisers: {PORTAAL}." in body_text(letter.html)


def test_every_letter_has_a_sample() -> None:
    assert set(SAMPLES) == set(LetterKind)


@pytest.mark.parametrize("kind", list(LetterKind))
def test_letter_renders_and_reads_at_b1(kind: LetterKind) -> None:
    letter = render_letter(kind, {**BASE, **SAMPLES[kind]})
    text = body_text(letter.html)
    sentences = textstat.sentence_count(text)
    words = textstat.lexicon_count(text)
    assert "Tanya de Vries" in letter.html
    assert textstat.flesch_reading_ease(text) >= 60, text
    assert words / sentences <= 15, text


@pytest.mark.parametrize("kind", [kind for kind in LetterKind if SAMPLES[kind]])
def test_a_missing_value_refuses_to_render(kind: LetterKind) -> None:
    with pytest.raises(Exception, match="undefined"):
        render_letter(kind, BASE)


def test_a_letter_names_the_contact_person_and_how_to_reach_them() -> None:
    text = body_text(render_letter(LetterKind.OVERDRACHT, BASE).html)
    assert "Vanaf nu helpt Anna Bakker u." in text
    assert "Uw contactpersoon is Anna Bakker. Bel 078 770 4000." in text


def test_without_a_known_contact_person_a_letter_gives_the_general_number() -> None:
    text = body_text(render_letter(LetterKind.OVERDRACHT, {**BASE, "contactpersoon": None}).html)
    assert "Vanaf nu helpt een andere collega u." in text
    assert "Bel ons op 14 078." in text
    assert "Anna" not in text


def test_the_card_at_the_start_of_stabilisation_reads_at_b1_without_a_measure() -> None:
    letter = render_letter(LetterKind.DOS_EN_DONTS, {**BASE, "bij_stabilisatie": True})
    text = body_text(letter.html)
    assert "Misschien belt of schrijft een schuldeiser u toch nog." in text
    assert "probeert nog geld" not in text
    assert textstat.flesch_reading_ease(text) >= 60, text


def test_a_gegrond_objection_says_help_comes_after_all_and_reads_at_b1() -> None:
    letter = render_letter(
        LetterKind.BEZWAAR_BESLUIT,
        {
            **BASE,
            "beslissing": "gegrond",
            "besluit_op": "2026-12-03",
            "motivering": "Wij hebben uw inkomen verkeerd geteld.",
        },
    )
    text = body_text(letter.html)
    assert "U krijgt gelijk" in text
    assert "beroep" not in text
    assert textstat.flesch_reading_ease(text) >= 60, text


@pytest.mark.parametrize(
    ("reden", "naar", "says"),
    [
        ("stabiel", "", "Uw geldzaken zijn weer op orde."),
        (
            "doorverwezen",
            "het Ondernemersloket Drechtsteden",
            "Maak een afspraak bij het Ondernemersloket Drechtsteden.",
        ),
        ("alleen_advies", "", "U heeft van ons advies gekregen."),
        ("verhuisd", "Zwijndrecht", "Meld u bij de gemeente Zwijndrecht."),
    ],
)
def test_each_ending_says_what_it_is_and_what_to_do_at_b1(reden: str, naar: str, says: str) -> None:
    letter = render_letter(LetterKind.BEEINDIGING, {**BASE, "reden": reden, "naar": naar, "toelichting": ""})
    text = body_text(letter.html)
    assert says in text
    assert "Wat doet u nu?" in text
    assert "bezwaar" in letter.html
    assert textstat.flesch_reading_ease(text) >= 60, text
    assert textstat.lexicon_count(text) / textstat.sentence_count(text) <= 15, text


def test_body_text_leaves_out_the_bijlage() -> None:
    html = render_letter(LetterKind.BESCHIKKING_AFWIJZING, {**BASE, **SAMPLES[LetterKind.BESCHIKKING_AFWIJZING]}).html
    assert "Algemene wet bestuursrecht" in html
    assert "Algemene wet bestuursrecht" not in body_text(html)


def test_dates_are_written_out_in_dutch() -> None:
    assert long_date(date(2026, 4, 27)) == "maandag 27 april 2026"


@pytest.mark.parametrize("attempt", [1, 2])
def test_sms_is_short_plain_and_names_one_next_step(attempt: int) -> None:
    text = sms_text(attempt, "Gemeente Dordrecht", "14 078")
    assert len(text) <= 160
    assert "Bel ons op 14 078" in text
    assert textstat.flesch_reading_ease(text) >= 60, text
