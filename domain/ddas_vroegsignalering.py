"""The national data delivery for vroegsignalering (DDAS uitwisselspecificatie v0.9): the signals and the
cases they were matched into, with the contact attempts and the end result. Pure. A signal whose personal
data was deleted when its retention term ended is still delivered, with its figures and an empty `client`:
every field of a client is optional in the standard, so the delivery never fails for it, and nothing kept
beyond its term comes back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from domain.ddas import adresregel, euro
from domain.ddas_codes import AL_BEKEND, CONTACTSOORT, SIGNAALPARTNER, eindresultaat
from domain.signalering import Contactkanaal, Hulp, SignaalSoort


@dataclass(frozen=True)
class Adres:
    """A signal's person, while the retention term keeps them."""

    bsn: str
    straat: str
    postcode: str
    woonplaats: str


@dataclass(frozen=True)
class Signaalfeiten:
    signaal_id: str
    soort: SignaalSoort
    crisis: bool
    achterstand_cent: int
    ontstaan_op: date
    ontvangen_op: date
    persoon: Adres | None
    bij_traject: bool = False
    # The gemeente of its case or traject; None: the installation's own.
    gemeentecode: str | None = None


@dataclass(frozen=True)
class Zaakfeiten:
    """One household's case: when it opened, the signals matched into it, what was tried, how it ended."""

    geopend_op: date
    signaal_ids: tuple[str, ...]
    pogingen: tuple[date, ...] = ()
    huisbezoek_op: date | None = None
    bereikt: bool | None = None
    kanaal: Contactkanaal | None = None
    hulp: Hulp | None = None
    uitkomst_op: date | None = None
    # The gemeente of the household's address; None: the installation's own.
    gemeentecode: str | None = None


def vroegsignaal(s: Signaalfeiten, opgepakt: bool) -> dict[str, Any]:
    """One signal as the exchange model's `vroegsignaal`."""
    signaal: dict[str, Any] = {
        "ID": s.signaal_id,
        "crisissignaal": s.crisis,
        "warmeOverdracht": s.bij_traject,
        "bedrag": euro(s.achterstand_cent),
        "ontstaansdatum": s.ontstaan_op.isoformat(),
        "signaaldatum": s.ontvangen_op.isoformat(),
        "signaalpartner": {"type": SIGNAALPARTNER[s.soort]},
        "client": _client(s.persoon) if s.persoon else {},
    }
    if not opgepakt:
        signaal["status"] = "Nog niet opgepakt"
    return signaal


def _client(p: Adres) -> dict[str, Any]:
    regel = adresregel(p.straat)
    client = {
        "Burgerservicenummer": p.bsn,
        "Straatnaam": regel.straatnaam,
        "Huisnummer": regel.huisnummer,
        "Huisnummertoevoeging": regel.toevoeging,
        "Postcode": p.postcode.replace(" ", "").upper(),
        "Plaatsnaam": p.woonplaats,
    }
    return {field: value for field, value in client.items() if value}


def vroegsignaalzaak(z: Zaakfeiten, matching_dagen: int) -> dict[str, Any]:
    """One case as the exchange model's `vroegsignaalzaak`: its matching period runs from the day it opened."""
    zaak: dict[str, Any] = {
        "matchingsdatum": z.geopend_op.isoformat(),
        "startdatum_matchtingperiode": z.geopend_op.isoformat(),
        "einddatum_matchingperiode": (z.geopend_op + timedelta(days=matching_dagen)).isoformat(),
        "vroegsignalen": [{"ID": signaal_id} for signaal_id in z.signaal_ids],
        "contactpogingen": _pogingen(z),
    }
    if z.pogingen or z.uitkomst_op:
        zaak["datum_opgepakt"] = min([*z.pogingen, *([z.uitkomst_op] if z.uitkomst_op else [])]).isoformat()
    if z.hulp is not None and z.bereikt is not None:
        zaak["resultaat"] = eindresultaat(z.bereikt, z.hulp)
    return zaak


def _pogingen(z: Zaakfeiten) -> list[dict[str, Any]]:
    attempts = [{"soort": "Brief", "bereikt": False, "datum": day.isoformat()} for day in z.pogingen]
    if z.huisbezoek_op is not None:
        attempts.append({"soort": "Huisbezoek", "bereikt": False, "datum": z.huisbezoek_op.isoformat()})
    if z.uitkomst_op is not None and z.kanaal is not None and z.kanaal is not Contactkanaal.GEEN:
        attempts.append(
            {"soort": CONTACTSOORT[z.kanaal], "bereikt": bool(z.bereikt), "datum": z.uitkomst_op.isoformat()}
        )
    return attempts


def bekende_zaak(s: Signaalfeiten, matching_dagen: int) -> dict[str, Any]:
    """A signal about someone already in a traject: no case was opened, it went to their caseworker at once.
    It is delivered as a case of its own with that end result, so it counts as the standard asks."""
    return {
        "matchingsdatum": s.ontvangen_op.isoformat(),
        "startdatum_matchtingperiode": s.ontvangen_op.isoformat(),
        "einddatum_matchingperiode": (s.ontvangen_op + timedelta(days=matching_dagen)).isoformat(),
        "datum_opgepakt": s.ontvangen_op.isoformat(),
        "vroegsignalen": [{"ID": s.signaal_id}],
        "contactpogingen": [],
        "resultaat": AL_BEKEND,
    }
