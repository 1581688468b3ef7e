"""The words the werkplek shows for the engine's codes: plain Dutch for the people who work with them."""

from __future__ import annotations

from domain.beeindiging import EINDE_LABELS
from domain.phases import PHASE_LABELS

LABELS: dict[str, dict[str, str]] = {
    "bron": {
        "zelf": "De cliënt zelf",
        "partner": "Een partner of familielid",
        "bewindvoerder": "Een bewindvoerder",
        "vroegsignalering": "Vroegsignalering",
        "nazorg": "Nazorg van een eerder traject",
    },
    "crisis": {
        "gedwongen_woningontruiming": "Dreigende huisuitzetting",
        "beeindiging_gas": "Afsluiting van gas",
        "beeindiging_elektriciteit": "Afsluiting van elektriciteit",
        "beeindiging_water": "Afsluiting van water",
        "beeindiging_stadsverwarming": "Afsluiting van stadsverwarming",
        "opzegging_zorgverzekering": "Opzegging van de zorgverzekering",
    },
    "ernst": {"licht": "Licht", "matig": "Matig", "ernstig": "Ernstig"},
    "zelfredzaamheid": {
        "zelfredzaam": "Zelfredzaam",
        "beperkt_zelfredzaam": "Beperkt zelfredzaam",
        "niet_zelfredzaam": "Niet zelfredzaam",
    },
    "wie": {"client": "Cliënt", "gemeente": "Gemeente"},
    "besluit": {"toelating": "Toelating", "afwijzing": "Afwijzing"},
    "uitval": {
        "client_stopt": "Cliënt stopt zelf",
        "geen_contact": "Geen contact meer",
        "afspraken_niet_nagekomen": "Afspraken niet nagekomen",
        "nieuwe_schulden": "Nieuwe schulden",
        "verhuisd": "Verhuisd naar een andere gemeente",
        "wsnp_afgewezen": "Wsnp afgewezen",
        "wsnp_zonder_schone_lei": "Wsnp zonder schone lei",
        "overig": "Andere reden",
    },
    "maatregel": {
        "dwangbevel": "Dwangbevel",
        "beslag": "Beslag",
        "verrekening_toeslagen": "Verrekening van toeslagen",
        "dreigende_gijzeling": "Dreigende gijzeling",
    },
    "leefsituatie": {
        "alleenstaande": "Alleenstaand",
        "alleenstaande_ouder": "Alleenstaande ouder",
        "gehuwd": "Gehuwd of samenwonend",
    },
    "regeling": {"minnelijk": "Minnelijke regeling", "saneringskrediet": "Saneringskrediet"},
    "wacht_op": {
        "hulpverlener": "Hulpverlener",
        "client": "Cliënt",
        "schuldeisers": "Schuldeisers",
        "rechtbank": "Rechtbank",
        "bewindvoerder": "Wsnp-bewindvoerder",
        "niemand": "Niemand",
    },
    "nazorg": {
        "alles_goed": "Alles gaat goed",
        "nieuwe_achterstanden": "Nieuwe achterstanden",
        "geen_contact_gewenst": "Cliënt wil geen contact",
        "niet_bereikt": "Niet bereikt",
    },
    "reactie": {"open": "Nog geen antwoord", "akkoord": "Akkoord", "afgewezen": "Afgewezen"},
    "kanaal": {
        "sms": "Sms",
        "brief": "Brief",
        "telefoon": "Telefoon",
        "huisbezoek": "Huisbezoek",
        "geen": "Niet bereikt",
    },
    "hulp": {"geaccepteerd": "Wil hulp", "afgewezen": "Wil geen hulp", "geen_reactie": "Geen reactie"},
    "route": {"enkelvoudig": "Eén signaal", "meervoudig": "Meer signalen", "crisis": "Crisis"},
    "klok": {"eerste_gesprek": "Eerste gesprek", "beschikking": "Beschikking"},
    "norm": {
        "eerste_gesprek_binnen_4_weken": "Eerste gesprek binnen 4 weken",
        "crisis_binnen_3_werkdagen": "Crisis binnen 3 werkdagen",
        "beschikking_binnen_8_weken": "Beschikking binnen 8 weken",
    },
    "mijlpaal": {
        "aanmelding": "Aanmelding",
        "eerste_gesprek": "Eerste gesprek",
        "beschikking": "Beschikking",
        "plan_van_aanpak": "Plan van aanpak",
        "voorstel": "Voorstel aan schuldeisers",
        "regeling": "Start van de regeling",
        "afgerond": "Regeling afgerond",
    },
    "doorverwijzing": {
        "ondernemersloket": "Ondernemersloket",
        "bbz": "Bbz (bijstand voor zelfstandigen)",
        "maatschappelijk_werk": "Maatschappelijk werk",
        "sociaal_wijkteam": "Sociaal Wijkteam",
        "verslavingszorg": "Verslavingszorg",
        "ggz": "GGZ",
        "anders": "Andere hulp",
    },
    "bezwaar": {"gegrond": "Gegrond", "ongegrond": "Ongegrond", "ingetrokken": "Ingetrokken"},
    "afsluiting": {
        "stabiel": "Stabiel: geldzaken op orde, schulden zelf te betalen",
        "doorverwezen": "Doorverwezen naar andere hulp",
        "alleen_advies": "Alleen advies was nodig",
        "verhuisd": "Verhuisd naar een andere gemeente",
        "overleden": "Overleden",
    },
    "einde": {einde.value: text for einde, text in EINDE_LABELS.items()},
    "begeleiding": {
        "budgetbeheer": "Budgetbeheer",
        "budgetbegeleiding": "Budgetbegeleiding",
        "beschermingsbewind": "Beschermingsbewind",
    },
    "onderwerp": {
        "geldzaken": "Grip op geldzaken",
        "schulden": "Vraag over schulden",
        "inkomen_en_toeslagen": "Inkomen en toeslagen",
        "bewindvoering": "Bewindvoering",
        "ondernemer": "Ondernemer",
        "anders": "Iets anders",
    },
    "advieskanaal": {
        "telefoon": "Telefoon",
        "balie": "Balie",
        "email": "E-mail",
        "chat": "Chat",
        "spreekuur": "Spreekuur",
    },
    "afloop": {"beantwoord": "Vraag beantwoord", "doorverwezen": "Doorverwezen", "aanmelding": "Aangemeld"},
    "signaal": {"huur": "Huur", "zorgverzekering": "Zorgverzekering", "energie": "Energie", "water": "Water"},
    "schuldeisersoort": {
        "bank": "Bank of kredietverstrekker",
        "verhuurder": "Verhuurder",
        "zorgverzekeraar": "Zorgverzekeraar",
        "energie": "Energie- of waterbedrijf",
        "belastingdienst": "Belastingdienst",
        "cjib": "CJIB",
        "deurwaarder": "Deurwaarder of incassobureau",
        "overig": "Overig",
    },
    "schuldeiserkanaal": {
        "api": "Portaal of eigen systeem (API)",
        "email": "E-mail",
        "post": "Post",
    },
    "terugkoppeling": {
        "ontvangen": "Ontvangen",
        "opgepakt": "Opgepakt door de gemeente",
        "contact_gelegd": "Contact gelegd",
        "niet_bereikt": "Niet bereikt",
        "hulp_afgewezen": "Wil geen hulp",
        "hulp_gestart": "Hulp gestart",
    },
    "overdracht": {
        "uit_dienst": "Gaat uit dienst",
        "afwezig": "Langere tijd afwezig",
        "werkverdeling": "Verdeling van het werk",
        "specialisme": "Collega met de juiste kennis",
        "op_verzoek_client": "Op verzoek van de cliënt",
        "overig": "Andere reden",
    },
    "activiteit": {
        "register_aanmelding": "Aanmelding in het dossier zetten",
        "record_step": "Stap in het dossier zetten",
        "write_letter": "Brief maken",
        "deliver_letter": "Brief naar de printstraat sturen",
        "creditor_reach": "Schuldeiser opzoeken",
        "notify_creditor": "Schuldeiser via zijn koppeling berichten",
        "record_verzoek": "Verzoek aan schuldeiser in het dossier zetten",
        "open_verzoeken": "Open verzoeken lezen",
        "record_regeling": "Regeling in het dossier zetten",
        "record_case": "Signalering in het dossier zetten",
        "send_invitation": "Uitnodiging (sms of brief) versturen",
        "start_traject": "Traject starten uit signalering",
        "delete_case_data": "Gegevens van een signalering wissen",
    },
    "rol": {
        "hulpverlener": "Hulpverlener",
        "toezichthouder": "Toezichthouder",
        "beheerder": "Beheerder",
        "ketenpartner": "Ketenpartner",
        "bewindvoerder": "Bewindvoerder",
        "maatje": "Maatje",
        "schuldeiser": "Schuldeiser",
        "signaalpartner": "Signaalpartner",
    },
    "verzoek": {
        "open": "Wacht op antwoord",
        "beantwoord": "Beantwoord",
        "geen_medewerking": "Werkt niet mee",
        "ingetrokken": "Ingetrokken",
        "onbereikbaar": "Onbereikbaar",
    },
    "stap": {
        "eerste_gesprek": "Eerste gesprek vastleggen",
        "beschikking": "Beschikking vastleggen",
        "plan_van_aanpak": "Plan van aanpak vastleggen",
        "schuldeisers_toevoegen": "Schuldeisers aanschrijven",
        "incassomaatregel": "Incassomaatregel vastleggen",
        "afloscapaciteit": "Afloscapaciteit berekenen",
        "voorstel": "Schuldregeling voorstellen",
        "nazorg_verslag": "Nazorgcontact vastleggen",
        "nazorg_stoppen": "Nazorg stoppen",
        "reactie": "Antwoord van een schuldeiser vastleggen",
        "vervolg": "Kiezen tussen dwangakkoord en Wsnp",
        "uitspraak": "Uitspraak van de rechter vastleggen",
        "betaling": "Betaling vastleggen",
        "inkomenswijziging": "Inkomenswijziging vastleggen",
        "herberekening": "Nieuwe afloscapaciteit goedkeuren",
        "afronden": "Regeling afronden",
        "wsnp_einde": "Einde van de Wsnp vastleggen",
    },
}


def label(kind: str, code: str | None) -> str:
    """The plain word for `code` of `kind`; the code itself when the policy added one of its own."""
    if code is None:
        return ""
    return LABELS.get(kind, {}).get(code, code.replace("_", " ").capitalize())


def fase_label(code: str) -> str:
    """The phase a traject is or was in, as the procesplaat names it."""
    return {phase.value: name for phase, name in PHASE_LABELS.items()}.get(code, code)
