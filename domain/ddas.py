"""The national data delivery for schuldhulpverlening (DDAS uitwisselspecificatie v1.0): one traject's
recorded facts as one `schuldhulptraject` of the exchange model. Pure: the same facts give the same
delivery. Amounts go in whole euros, as the standard asks; dates as ISO dates; a part the traject never
reached is left out rather than sent empty."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from domain.beeindiging import Einde
from domain.begeleiding import BegeleidingSoort
from domain.ddas_codes import (
    BEGELEIDINGSSOORT,
    BESCHIKKINGSSOORT,
    OPLOSSINGSSOORT,
    SCHULDSOORT,
    uitstroomreden,
)
from domain.schuldregeling import RegelingSoort
from domain.traject import Besluit
from domain.uitval import UitvalReden
from domain.vordering import SchuldeiserSoort


@dataclass(frozen=True)
class Clientfeiten:
    """One person the traject helps, as the delivery identifies them (no name)."""

    bsn: str
    postcode: str
    huisnummer: str
    huisnummertoevoeging: str = ""


@dataclass(frozen=True)
class Schuldfeiten:
    """One claim as the traject established it."""

    schuldeiser: str
    soort: SchuldeiserSoort
    bedrag_cent: int
    peildatum: date
    zakelijk: bool


@dataclass(frozen=True)
class Begeleidingfeiten:
    soort: BegeleidingSoort
    start_op: date
    einde_op: date | None


@dataclass(frozen=True)
class Regelingfeiten:
    """The settlement: proposed, agreed or imposed, and how far it got."""

    soort: RegelingSoort
    voorgesteld_op: date
    ingangsdatum: date | None
    afgerond_op: date | None
    gestopt_op: date | None
    dwangakkoord_gevraagd: bool
    vtlb_cent: int


@dataclass(frozen=True)
class Trajectfeiten:
    """What the dossier recorded of one traject that the national delivery asks for."""

    traject_id: str
    gemeentecode: str
    meldingsdatum: date
    crisis: bool
    clients: tuple[Clientfeiten, ...]
    gesprek_op: date | None = None
    besluit: Besluit | None = None
    besluit_op: date | None = None
    plan_op: date | None = None
    moratoria_op: tuple[date, ...] = ()
    begeleidingen: tuple[Begeleidingfeiten, ...] = ()
    schulden: tuple[Schuldfeiten, ...] = ()
    regeling: Regelingfeiten | None = None
    einde: Einde | None = None
    # The day help ended: a settlement on its afronding (nazorg follows), every other ending on its closing.
    einde_op: date | None = None
    einde_besluit_op: date | None = None
    uitval: UitvalReden | None = None
    toelichting: str = ""
    nazorg_einde_op: date | None = None


_ADRES = re.compile(r"^(.*?)\s*(\d+)\s*[- ]?\s*([A-Za-z0-9]{0,6})\s*$")


@dataclass(frozen=True)
class Adresregel:
    """A street line as the standard splits it."""

    straatnaam: str
    huisnummer: str
    toevoeging: str


def adresregel(straat: str) -> Adresregel:
    """Street, house number and addition of a line such as "Kerkstraat 12-bis"; a line without a number
    is all street."""
    match = _ADRES.match(straat.strip())
    if match is None:
        return Adresregel(straat.strip(), "", "")
    return Adresregel(match.group(1), match.group(2), match.group(3))


def euro(cent: int) -> int:
    """Whole euros, rounded half up: the standard's amounts are integers."""
    return (cent + 50) // 100


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _kept(values: dict[str, Any]) -> dict[str, Any]:
    """The fields that have a value: the standard's fields are optional, and empty ones are not sent."""
    return {k: v for k, v in values.items() if v is not None and v != [] and v != {}}


def _part(values: dict[str, Any]) -> dict[str, Any] | None:
    kept = _kept(values)
    return kept or None


def schuldhulptraject(f: Trajectfeiten) -> dict[str, Any]:
    """One traject as the exchange model's `schuldhulptraject`."""
    regeling = f.regeling
    settled_on = regeling.afgerond_op if regeling else None
    stabilisatie_einde = (regeling.voorgesteld_op if regeling else None) or f.einde_op
    return _kept(
        {
            "gemeentecode": f.gemeentecode,
            "startdatum": f.meldingsdatum.isoformat(),
            "einddatum": _iso(f.einde_op),
            "toekenningsdatum": _iso(f.besluit_op) if f.besluit is Besluit.TOELATING else None,
            "totaalSchuldbedragBijAanvangSchuld": euro(sum(s.bedrag_cent for s in f.schulden)) if f.schulden else None,
            "client": [_client(c) for c in f.clients],
            "aanmelding": _kept(
                {
                    "startdatum": f.meldingsdatum.isoformat(),
                    "einddatum": _iso(f.gesprek_op),
                    "crisisinterventie": f.crisis,
                }
            ),
            "crisisinterventies": (
                [_kept({"startdatum": f.meldingsdatum.isoformat(), "einddatum": _iso(f.gesprek_op)})]
                if f.crisis
                else []
            ),
            "intake": _part(
                {
                    "startdatum": _iso(f.gesprek_op),
                    "einddatum": _iso(f.besluit_op),
                    "beschikkingsdatum": _iso(f.besluit_op),
                    "beschikkingssoort": BESCHIKKINGSSOORT[f.besluit] if f.besluit else None,
                }
            ),
            "planVanAanpak": _part({"datumAfronding": _iso(f.plan_op)}),
            "stabilisatie": (
                _part({"startdatum": _iso(f.plan_op), "einddatum": _iso(stabilisatie_einde)}) if f.plan_op else None
            ),
            "moratoria": [{"datumAanvraag": day.isoformat()} for day in f.moratoria_op],
            "begeleiding": [
                _kept(
                    {
                        "soort": BEGELEIDINGSSOORT[b.soort],
                        "startdatum": b.start_op.isoformat(),
                        "einddatum": _iso(b.einde_op),
                    }
                )
                for b in f.begeleidingen
            ],
            "schulden": [_schuld(s) for s in f.schulden],
            "schuldregeling": _schuldregeling(regeling) if regeling else None,
            "oplossing": _oplossing(regeling) if regeling and regeling.ingangsdatum else None,
            "uitstroom": _uitstroom(f) if f.einde is not None and f.einde_op is not None else None,
            "nazorg": _part({"startdatum": _iso(settled_on), "einddatum": _iso(f.nazorg_einde_op)})
            if settled_on
            else None,
        }
    )


def _client(c: Clientfeiten) -> dict[str, Any]:
    return _kept(
        {
            "Burgerservicenummer": c.bsn,
            "Postcode": c.postcode.replace(" ", "").upper(),
            "Huisnummer": c.huisnummer or None,
            "Huisnummertoevoeging": c.huisnummertoevoeging or None,
        }
    )


def _schuld(s: Schuldfeiten) -> dict[str, Any]:
    return {
        "bedrag": euro(s.bedrag_cent),
        "peildatum": s.peildatum.isoformat(),
        "schuldsoort": SCHULDSOORT[s.soort],
        "zakelijkeSchuld": s.zakelijk,
        "schuldeiser": {"naam": s.schuldeiser, "privepersoon": False},
    }


def _schuldregeling(r: Regelingfeiten) -> dict[str, Any]:
    return _kept(
        {
            "datum": r.voorgesteld_op.isoformat(),
            "toegekend": _iso(r.ingangsdatum),
            "dwangakkoord": r.dwangakkoord_gevraagd,
            "ingetrokken": _iso(r.gestopt_op) if r.ingangsdatum is None else None,
        }
    )


def _oplossing(r: Regelingfeiten) -> dict[str, Any]:
    return _kept(
        {
            "soort": OPLOSSINGSSOORT[r.soort],
            "startdatum": _iso(r.ingangsdatum),
            "einddatum": _iso(r.afgerond_op or r.gestopt_op),
            "vtlb": euro(r.vtlb_cent),
        }
    )


def _uitstroom(f: Trajectfeiten) -> dict[str, Any]:
    assert f.einde is not None
    return _kept(
        {
            "datum": _iso(f.einde_op),
            "datumBeeindigingsbeschikking": _iso(f.einde_besluit_op),
            "reden": uitstroomreden(f.einde, f.uitval),
            "omschrijving": f.toelichting or None,
        }
    )
