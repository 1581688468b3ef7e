"""The structure the DDAS uitwisselspecificatie schuldhulpverlening v1.0 requires of a delivery, written out
for the tests from the published specification: its required fields, the fields a traject may carry, the code
lists, and whole euros and ISO dates where it asks for them."""

from __future__ import annotations

from typing import Any

DATUM = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
BEDRAG = {"type": "integer"}


def _object(properties: dict[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": list(required), "additionalProperties": False}


def _van_tot(**more: Any) -> dict[str, Any]:
    return _object({"startdatum": DATUM, "einddatum": DATUM, **more})


TRAJECT = _object(
    {
        "einddatum": DATUM,
        "omschrijving": {"type": "string"},
        "startdatum": DATUM,
        "toekenningsdatum": DATUM,
        "totaalSchuldbedragBijAanvangSchuld": BEDRAG,
        "gemeentecode": {"type": "string", "pattern": r"^\d{4}$"},
        "aanmelding": _van_tot(crisisinterventie={"type": "boolean"}),
        "begeleiding": {
            "type": "array",
            "items": _van_tot(
                soort={
                    "enum": [
                        "Budgetcoaching",
                        "Budgetbeheer",
                        "Beschermingsbewind",
                        "Lange Termijn Begeleiding (DFD)",
                        "Budgetbegeleiding",
                    ]
                }
            ),
        },
        "client": {
            "type": "array",
            "minItems": 1,
            "maxItems": 2,
            "items": _object(
                {
                    "Burgerservicenummer": {"type": "string", "pattern": r"^\d{9}$"},
                    "Geboortedatum": {"type": "string"},
                    "Geslachtsaanduiding": {"type": "string"},
                    "Postcode": {"type": "string"},
                    "Huisnummer": {"type": "string"},
                    "Huisnummertoevoeging": {"type": "string"},
                }
            ),
        },
        "crisisinterventies": {"type": "array", "items": _van_tot()},
        "informatieEnAdvies": _van_tot(),
        "intake": _van_tot(
            beschikkingsdatum=DATUM,
            beschikkingssoort={"enum": ["Afwijzingsbeschikking", "Toelatingsbeschikking"]},
        ),
        "moratoria": {
            "type": "array",
            "items": _van_tot(datumAanvraag=DATUM, datumGoedkeuring=DATUM),
        },
        "nazorg": _van_tot(),
        "oplossing": _van_tot(
            soort={
                "enum": ["Betalingsregeling", "Herfinanciering", "Saneringskrediet", "Schuldbemiddeling", "0%-aanbod"]
            },
            vtlb=BEDRAG,
        ),
        "planVanAanpak": _object({"datumAfronding": DATUM}),
        "schulden": {
            "type": "array",
            "items": _object(
                {
                    "bedrag": BEDRAG,
                    "peildatum": DATUM,
                    "schuldsoort": {"enum": ["Zorg", "Publiek", "Nuts", "Overig"]},
                    "zakelijkeSchuld": {"type": "boolean"},
                    "schuldeiser": _object(
                        {
                            "naam": {"type": "string"},
                            "kvknummer": {"type": "string"},
                            "Naam": {"type": "string"},
                            "postcode": {"type": "string"},
                            "privepersoon": {"type": "boolean"},
                        }
                    ),
                }
            ),
        },
        "schuldregeling": _object(
            {
                "afgewezen": DATUM,
                "datum": DATUM,
                "datumVerzoekDwangakkoord": DATUM,
                "dwangakkoord": {"type": "boolean"},
                "ingetrokken": DATUM,
                "toegekend": DATUM,
            }
        ),
        "voorlopigeVoorzieningen": {"type": "array", "items": _van_tot()},
        "uitstroom": _object(
            {
                "datum": DATUM,
                "datumBeeindigingsbeschikking": DATUM,
                "omschrijving": {"type": "string"},
                "reden": {
                    "enum": [
                        "Overleden",
                        "Verhuisd",
                        "Nietverschenen",
                        "Ingetrokken",
                        "Niet passend",
                        "Overig",
                        "Voldoet niet",
                        "Afgerond",
                        "Zelf",
                    ]
                },
            }
        ),
        "stabilisatie": _van_tot(),
    },
    required=("gemeentecode",),
)

ORGANISATIE = _object(
    {
        "(Statutaire) Naam": {"type": "string"},
        "KvK-nummer": {"type": "string"},
        "postcode": {"type": "string"},
        "gemeentecode": {"type": "string"},
        "contactpersonen": {
            "type": "array",
            "minItems": 1,
            "items": _object(
                {
                    "email": {"type": "string", "pattern": r"^[^@\s]+@[^@\s]+$"},
                    "functietitel": {"type": "string"},
                    "naam": {"type": "string"},
                    "telefoonnummer": {"type": "string"},
                }
            ),
        },
    }
)

UITWISSELMODEL = _object(
    {
        "startdatumLevering": DATUM,
        "einddatumLevering": DATUM,
        "aanleverdatumEnTijd": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"},
        "codeGegevensleverancier": {"type": "string"},
        "leveringen": {
            "type": "array",
            "minItems": 1,
            "items": _object(
                {
                    "teller": {"type": "integer"},
                    "aanleverende_organisatie": ORGANISATIE,
                    "schuldhulptrajecten": {"type": "array", "items": TRAJECT},
                },
                required=("teller", "aanleverende_organisatie"),
            ),
        },
    },
    required=(
        "startdatumLevering",
        "einddatumLevering",
        "aanleverdatumEnTijd",
        "codeGegevensleverancier",
        "leveringen",
    ),
)


SIGNAALCLIENT = _object(
    {
        name: {"type": "string"}
        for name in (
            "Burgerservicenummer",
            "Voorletters",
            "Voorvoegsel",
            "Achternaam",
            "Straatnaam",
            "Postcode",
            "Huisnummer",
            "Huisnummertoevoeging",
            "Plaatsnaam",
        )
    }
    | {"Geboortedatum": DATUM}
)
VROEGSIGNAAL = _object(
    {
        "ID": {"type": "string"},
        "crisissignaal": {"type": "boolean"},
        "warmeOverdracht": {"type": "boolean"},
        "bedrag": BEDRAG,
        "ontstaansdatum": DATUM,
        "signaaldatum": DATUM,
        "status": {
            "enum": [
                "Nog niet opgepakt",
                "Niet opgepakt: onterecht signaal",
                "Inwoner is overleden",
                "Persoon is geen inwoner (meer) in de gemeente",
                "Niet opgepakt: herhaalde melding",
                "Niet opgepakt: andere reden",
            ]
        },
        "signaalpartner": _object(
            {
                "type": {
                    "enum": [
                        "Energie",
                        "Huur",
                        "Hypotheek",
                        "CAK Zorgverzekeringen",
                        "Zorg",
                        "Water",
                        "DUO",
                        "Belastingdienst",
                        "CAK Eigen bijdrage",
                        "Overige",
                        "Dienst Toeslagen",
                    ]
                }
            }
        ),
        "client": SIGNAALCLIENT,
    },
    required=("client", "signaalpartner", "ID"),
)
VROEGSIGNAALZAAK = _object(
    {
        "resultaat": {
            "enum": [
                "Niet opgepakt: herhaalde melding",
                "Niet opgepakt: onterecht signaal",
                "Inwoner is overleden",
                "Persoon is geen inwoner (meer) in de gemeente",
                "Niet opgepakt: andere reden",
                "Inwoner al bekend bij schuldhulpverlening",
                "Inwoner heeft al een ander lopend traject",
                "Definitief geen contact kunnen krijgen",
                "Geen reactie na eerder contact",
                "Inwoner hoeft geen hulp vanuit vroegsignalering",
                "Inwoner heeft zelf al betaald/betalingsregeling getroffen",
                "(Budget)advies en/of quick fix",
                "Vervolghulp en/of verwijzing financieel",
                "Verwijzing zonder contact",
                "Vervolghulp en/of verwijzing niet financieel",
            ]
        },
        "matchingsdatum": DATUM,
        "startdatum_matchtingperiode": DATUM,
        "datum_opgepakt": DATUM,
        "einddatum_matchingperiode": DATUM,
        "vroegsignalen": {
            "type": "array",
            "minItems": 1,
            "uniqueItems": True,
            "items": _object({"ID": {"type": "string"}}, required=("ID",)),
        },
        "contactpogingen": {
            "type": "array",
            "items": _object(
                {
                    "soort": {
                        "enum": [
                            "Mail",
                            "Brief",
                            "SMS/Whatsapp",
                            "Telefoon",
                            "Huisbezoek",
                            "Kaartje",
                            "Overige",
                            "Administratief",
                        ]
                    },
                    "bereikt": {"type": "boolean"},
                    "datum": DATUM,
                    "dagdeel": {"enum": ["Ochtend", "Middag", "Avond"]},
                }
            ),
        },
    }
)
UITWISSELMODEL_VS = _object(
    {
        "startdatumLevering": DATUM,
        "einddatumLevering": DATUM,
        "aanleverdatumEnTijd": UITWISSELMODEL["properties"]["aanleverdatumEnTijd"],
        "codeGegevensleverancier": {"type": "string"},
        "leveringen": {
            "type": "array",
            "minItems": 1,
            "items": _object(
                {
                    "teller": {"type": "integer"},
                    "gemeentecode": {"type": "string", "pattern": r"^\d{4}$"},
                    "aanleverende_organisatie": _object(
                        {
                            "naam": {"type": "string"},
                            "kvk-nummer": {"type": "string"},
                            "contactpersoonen": ORGANISATIE["properties"]["contactpersonen"],
                        }
                    ),
                    "vroegsignalen": {"type": "array", "items": VROEGSIGNAAL},
                    "vroegsignaalzaken": {"type": "array", "items": VROEGSIGNAALZAAK},
                },
                required=("aanleverende_organisatie", "gemeentecode", "teller"),
            ),
        },
    },
    required=("aanleverdatumEnTijd", "einddatumLevering", "startdatumLevering", "codeGegevensleverancier"),
)
