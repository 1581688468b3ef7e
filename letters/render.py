"""Render a letter from its template and context: pure, no I/O beyond reading the templates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from domain.bedrag import euro

TEMPLATES = Path(__file__).resolve().parent / "templates"
MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
WEEKDAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
LOCAL = ZoneInfo("Europe/Amsterdam")


class LetterKind(StrEnum):
    """Every letter the engine sends; the value is the template's file name."""

    AANMELDING_BEVESTIGING = "aanmelding_bevestiging"
    ACTIELIJST = "actielijst"
    BESCHIKKING_TOELATING = "beschikking_toelating"
    BESCHIKKING_AFWIJZING = "beschikking_afwijzing"
    PLAN_VAN_AANPAK = "plan_van_aanpak"
    KENNISGEVING = "kennisgeving"
    HERINNERING_SCHULDEISER = "herinnering_schuldeiser"
    OPSCHORTINGSVERZOEK = "opschortingsverzoek"
    DOS_EN_DONTS = "dos_en_donts"
    MORATORIUM_CONCEPT = "moratorium_concept"
    VOORSTEL_CLIENT = "voorstel_client"
    VOORSTEL_SCHULDEISER = "voorstel_schuldeiser"
    HERINNERING_VOORSTEL = "herinnering_voorstel"
    REGELING_START = "regeling_start"
    DWANGAKKOORD_CLIENT = "dwangakkoord_client"
    DWANGAKKOORD_CONCEPT = "dwangakkoord_concept"
    WSNP_CLIENT = "wsnp_client"
    WSNP_VERKLARING = "wsnp_verklaring"
    WSNP_VERZOEKSCHRIFT = "wsnp_verzoekschrift"
    UITSPRAAK_CLIENT = "uitspraak_client"
    BETALING_GEMIST = "betaling_gemist"
    HERBEREKENING = "herberekening"
    SCHONE_LEI = "schone_lei"
    EINDAFREKENING = "eindafrekening"
    UITVAL = "uitval"
    NAZORG_CONTACT = "nazorg_contact"
    NAZORG_GESTOPT = "nazorg_gestopt"
    AFSPRAAK_GEMIST = "afspraak_gemist"
    UITNODIGING = "uitnodiging"
    UITNODIGING_HERINNERING = "uitnodiging_herinnering"
    OVERDRACHT = "overdracht"
    BEZWAAR_BESLUIT = "bezwaar_besluit"
    BEEINDIGING = "beeindiging"


SUBJECTS: dict[LetterKind, str] = {
    LetterKind.AANMELDING_BEVESTIGING: "Wij hebben uw aanmelding ontvangen",
    LetterKind.ACTIELIJST: "Wat u nu doet: uw actielijst",
    LetterKind.BESCHIKKING_TOELATING: "U krijgt hulp bij uw schulden",
    LetterKind.BESCHIKKING_AFWIJZING: "Ons besluit over uw aanvraag",
    LetterKind.PLAN_VAN_AANPAK: "Uw plan van aanpak",
    LetterKind.KENNISGEVING: "Schuldhulp gestart: stop met innen en stuur uw overzicht",
    LetterKind.HERINNERING_SCHULDEISER: "Herinnering: wij wachten op uw overzicht",
    LetterKind.OPSCHORTINGSVERZOEK: "Verzoek: stop deze incasso tijdens de schuldhulp",
    LetterKind.DOS_EN_DONTS: "Wat doet u als een schuldeiser belt?",
    LetterKind.MORATORIUM_CONCEPT: "Concept: verzoek om een breed moratorium",
    LetterKind.VOORSTEL_CLIENT: "Ons voorstel aan uw schuldeisers",
    LetterKind.VOORSTEL_SCHULDEISER: "Ons voorstel voor een regeling van de schulden",
    LetterKind.HERINNERING_VOORSTEL: "Herinnering: wij wachten op uw antwoord op ons voorstel",
    LetterKind.REGELING_START: "Uw schuldeisers zijn akkoord: de regeling begint",
    LetterKind.DWANGAKKOORD_CLIENT: "Wij vragen de rechter om hulp",
    LetterKind.DWANGAKKOORD_CONCEPT: "Concept: verzoek om een dwangakkoord",
    LetterKind.WSNP_CLIENT: "Wij helpen u de Wsnp aan te vragen",
    LetterKind.WSNP_VERKLARING: "Concept: verklaring voor de Wsnp",
    LetterKind.WSNP_VERZOEKSCHRIFT: "Concept: verzoek om toelating tot de Wsnp",
    LetterKind.UITSPRAAK_CLIENT: "De rechter heeft beslist",
    LetterKind.BETALING_GEMIST: "Wij missen een betaling van u",
    LetterKind.HERBEREKENING: "Uw nieuwe bedrag per maand",
    LetterKind.SCHONE_LEI: "U bent van uw schulden af: bewaar deze brief",
    LetterKind.EINDAFREKENING: "Eindafrekening van de schuldregeling",
    LetterKind.UITVAL: "Wij stoppen met uw schuldhulp",
    LetterKind.NAZORG_CONTACT: "Hoe gaat het nu met u?",
    LetterKind.NAZORG_GESTOPT: "U heeft gezegd: geen nazorg meer",
    LetterKind.AFSPRAAK_GEMIST: "U was niet op uw afspraak",
    LetterKind.UITNODIGING: "Wij helpen u graag met uw geldzaken",
    LetterKind.UITNODIGING_HERINNERING: "Wij willen u nog steeds graag helpen",
    LetterKind.OVERDRACHT: "U heeft een nieuwe contactpersoon",
    LetterKind.BEZWAAR_BESLUIT: "Ons besluit over uw bezwaar",
    LetterKind.BEEINDIGING: "Wij ronden uw schuldhulp af",
}

# Letters to a creditor; every other letter goes to the client.
TO_CREDITOR = frozenset(
    {
        LetterKind.KENNISGEVING,
        LetterKind.HERINNERING_SCHULDEISER,
        LetterKind.OPSCHORTINGSVERZOEK,
        LetterKind.VOORSTEL_SCHULDEISER,
        LetterKind.HERINNERING_VOORSTEL,
        LetterKind.EINDAFREKENING,
    }
)
# Letters about the client's money: a bewindvoerder who manages it gets a copy of each.
ABOUT_MONEY = frozenset(
    {
        LetterKind.VOORSTEL_CLIENT,
        LetterKind.REGELING_START,
        LetterKind.DWANGAKKOORD_CLIENT,
        LetterKind.WSNP_CLIENT,
        LetterKind.UITSPRAAK_CLIENT,
        LetterKind.BETALING_GEMIST,
        LetterKind.HERBEREKENING,
        LetterKind.SCHONE_LEI,
    }
)
# Drafts the caseworker completes and sends to the court; the engine keeps them and sends nothing.
DRAFTS = frozenset(
    {
        LetterKind.MORATORIUM_CONCEPT,
        LetterKind.DWANGAKKOORD_CONCEPT,
        LetterKind.WSNP_VERKLARING,
        LetterKind.WSNP_VERZOEKSCHRIFT,
    }
)


@dataclass(frozen=True)
class RenderedLetter:
    """A letter ready to store: its subject line and its HTML."""

    kind: LetterKind
    onderwerp: str
    html: str


def _local_day(value: date | datetime | str) -> date:
    """The municipality's date of a date, an instant, or either as an ISO string from JSON."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    return value.astimezone(LOCAL).date() if isinstance(value, datetime) else value


def short_date(value: date | datetime | str) -> str:
    """'23 november 2026'."""
    day = _local_day(value)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def long_date(value: date | datetime | str) -> str:
    """'maandag 23 november 2026': how a Dutch reader writes a date (ISO strings from JSON too)."""
    return f"{WEEKDAYS[_local_day(value).weekday()]} {short_date(value)}"


def clock_time(value: datetime | str) -> str:
    """'14.30 uur'."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    local = value.astimezone(LOCAL)
    return f"{local.hour}.{local.minute:02d} uur"


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["datum"] = long_date
    env.filters["tijd"] = clock_time
    env.filters["euro"] = euro
    return env


_ENV = _environment()


def render_letter(kind: LetterKind, context: dict[str, Any]) -> RenderedLetter:
    """Render `kind` with `context`; a missing value raises instead of printing an empty gap."""
    html = _ENV.get_template(f"{kind.value}.html.j2").render(onderwerp=SUBJECTS[kind], **context)
    return RenderedLetter(kind, SUBJECTS[kind], html)


class _BodyText(HTMLParser):
    """Collects the text of the letter's body, one line per block, leaving out the bijlage."""

    BLOCKS = frozenset({"p", "li", "h1", "h2", "h3"})

    def __init__(self) -> None:
        super().__init__()
        self.in_body = False
        self.lines: list[str] = []
        self.current: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self.in_body = True
        if tag == "br":
            self.current.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.in_body = False
        if tag in self.BLOCKS:
            line = " ".join("".join(self.current).split())
            if line:
                self.lines.append(line if line.endswith((".", "?", "!", ":", ",")) else f"{line}.")
            self.current = []

    def handle_data(self, data: str) -> None:
        if self.in_body:
            self.current.append(data)


def body_text(html: str) -> str:
    """The letter's main text as plain sentences, without the bijlage: what a reader reads first."""
    parser = _BodyText()
    parser.feed(html)
    return "\n".join(parser.lines)
