"""The one place where the engine's own codes become the code lists of DDAS (Data Delen Armoede en Schulden;
uitwisselspecificatie schuldhulpverlening v1.0, vroegsignalering v0.9): every value the national delivery
sends comes from a table here, so a choice is made once and can be read in one place."""

from __future__ import annotations

from domain.beeindiging import Einde
from domain.begeleiding import BegeleidingSoort
from domain.schuldregeling import RegelingSoort
from domain.signalering import Contactkanaal, Hulp, SignaalSoort
from domain.traject import Besluit
from domain.uitval import UitvalReden
from domain.vordering import SchuldeiserSoort

BESCHIKKINGSSOORT: dict[Besluit, str] = {
    Besluit.TOELATING: "Toelatingsbeschikking",
    Besluit.AFWIJZING: "Afwijzingsbeschikking",
}

BEGELEIDINGSSOORT: dict[BegeleidingSoort, str] = {
    BegeleidingSoort.BUDGETBEHEER: "Budgetbeheer",
    BegeleidingSoort.BUDGETBEGELEIDING: "Budgetbegeleiding",
    BegeleidingSoort.BESCHERMINGSBEWIND: "Beschermingsbewind",
}

# A minnelijke regeling pays in terms, by capacity, against final discharge: DDAS calls that
# schuldbemiddeling. A saneringskrediet buys the debts off at once.
OPLOSSINGSSOORT: dict[RegelingSoort, str] = {
    RegelingSoort.MINNELIJK: "Schuldbemiddeling",
    RegelingSoort.SANERINGSKREDIET: "Saneringskrediet",
}

# Health insurers are Zorg; tax offices and the CJIB are public bodies; energy suppliers read meters (Nuts).
SCHULDSOORT: dict[SchuldeiserSoort, str] = {
    SchuldeiserSoort.ZORGVERZEKERAAR: "Zorg",
    SchuldeiserSoort.BELASTINGDIENST: "Publiek",
    SchuldeiserSoort.CJIB: "Publiek",
    SchuldeiserSoort.ENERGIE: "Nuts",
    SchuldeiserSoort.BANK: "Overig",
    SchuldeiserSoort.VERHUURDER: "Overig",
    SchuldeiserSoort.DEURWAARDER: "Overig",
    SchuldeiserSoort.OVERIG: "Overig",
}

# How a traject ended, as DDAS's reasons for uitstroom. Every completed settlement, and help that ended with
# the situation under control or with advice, is "Afgerond" (positively completed); a referral ends because
# this help no longer fits, and so does a refusal at admission (the client needs other help, or none).
UITSTROOMREDEN: dict[Einde, str] = {
    Einde.MINNELIJKE_REGELING: "Afgerond",
    Einde.SANERINGSKREDIET: "Afgerond",
    Einde.DWANGAKKOORD: "Afgerond",
    Einde.WSNP: "Afgerond",
    Einde.STABIEL: "Afgerond",
    Einde.ALLEEN_ADVIES: "Afgerond",
    Einde.DOORVERWEZEN: "Niet passend",
    Einde.VERHUISD: "Verhuisd",
    Einde.OVERLEDEN: "Overleden",
    Einde.AFGEWEZEN: "Niet passend",
}

UITVAL_UITSTROOMREDEN: dict[UitvalReden, str] = {
    UitvalReden.CLIENT_STOPT: "Ingetrokken",
    UitvalReden.GEEN_CONTACT: "Nietverschenen",
    UitvalReden.AFSPRAKEN_NIET_NAGEKOMEN: "Voldoet niet",
    UitvalReden.NIEUWE_SCHULDEN: "Voldoet niet",
    UitvalReden.VERHUISD: "Verhuisd",
    UitvalReden.WSNP_AFGEWEZEN: "Overig",
    UitvalReden.WSNP_ZONDER_SCHONE_LEI: "Overig",
    UitvalReden.OVERIG: "Overig",
}


def uitstroomreden(einde: Einde, uitval: UitvalReden | None) -> str:
    """DDAS's reason for uitstroom of a traject that ended so."""
    if einde is Einde.UITVAL:
        return UITVAL_UITSTROOMREDEN[uitval or UitvalReden.OVERIG]
    return UITSTROOMREDEN[einde]


# Vroegsignalering (uitwisselspecificatie v0.9). Health insurers report arrears of premium themselves: "Zorg".
SIGNAALPARTNER: dict[SignaalSoort, str] = {
    SignaalSoort.HUUR: "Huur",
    SignaalSoort.ZORGVERZEKERING: "Zorg",
    SignaalSoort.ENERGIE: "Energie",
    SignaalSoort.WATER: "Water",
}

# Each invitation attempt goes out as an SMS with a letter: the letter is the attempt that always arrives.
CONTACTSOORT: dict[Contactkanaal, str] = {
    Contactkanaal.SMS: "SMS/Whatsapp",
    Contactkanaal.BRIEF: "Brief",
    Contactkanaal.TELEFOON: "Telefoon",
    Contactkanaal.HUISBEZOEK: "Huisbezoek",
    Contactkanaal.GEEN: "Overige",
}

# A signal about someone already in a traject went straight to their caseworker (seed 004: "al bij ons bekend").
AL_BEKEND = "Inwoner al bekend bij schuldhulpverlening"


def eindresultaat(bereikt: bool, hulp: Hulp) -> str:
    """DDAS's end result of a vroegsignalering case, from what its outcome recorded."""
    if hulp is Hulp.GEACCEPTEERD:
        return "Vervolghulp en/of verwijzing financieel"
    if not bereikt:
        return "Definitief geen contact kunnen krijgen"
    if hulp is Hulp.AFGEWEZEN:
        return "Inwoner hoeft geen hulp vanuit vroegsignalering"
    return "Geen reactie na eerder contact"
