"""Templates and the way the werkplek writes dates, amounts and deadlines: as people write them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from jinja2.runtime import Context
from starlette.responses import HTMLResponse

from api.auth import Principal, csrf_token
from domain.bedrag import euro
from domain.policy import Policy
from domain.wgs_deadlines import working_days_left
from letters.render import clock_time, short_date
from ui.labels import LABELS, fase_label, label

TEMPLATES = Path(__file__).parent / "templates"


def datum(day: date | datetime | str | None) -> str:
    """23 november 2026."""
    return "" if day is None else short_date(day)


def datumtijd(moment: datetime | None) -> str:
    """23 november 2026, 14.05 uur."""
    return "" if moment is None else f"{short_date(moment)}, {clock_time(moment)}"


def bedrag(cents: int | None) -> str:
    """€ 1.234,56."""
    return "" if cents is None else euro(cents)


def euro_invoer(cents: int) -> str:
    """An amount as a caseworker types it in a field: 1234,56."""
    return bedrag(cents).removeprefix("€ ").replace(".", "")


def getal(value: float | None) -> str:
    """12,5: a figure as a Dutch reader writes it; a dash where nothing could be counted."""
    if value is None:
        return "–"
    return f"{value:.1f}".removesuffix(".0").replace(".", ",")


def procent(share: float | None) -> str:
    """75%: a share of 0 to 1, rounded to whole percents; a dash where nothing was counted."""
    return "–" if share is None else f"{round(share * 100)}%"


def schuldeiser_keuzes(ids: Iterable[str], register: dict[str, Any]) -> list[tuple[str, str]]:
    """Creditors as choices: their id, and their name from the registry."""
    return [(key, register[key].naam if key in register else key) for key in ids]


def mensen_keuzes(logins: Iterable[str], namen: dict[str, str]) -> list[tuple[str, str]]:
    """Staff as choices: their login, shown with their name when the register knows them."""
    return [(login, f"{namen[login]} ({login})" if login in namen else login) for login in logins]


def collega_keuzes(members: Iterable[Any]) -> list[tuple[str, str]]:
    """Members of staff as choices: their login, shown with their name and team."""
    return [(m.id, f"{m.naam}, team {m.team}") for m in members]


def keten_keuzes(members: Iterable[Any]) -> list[tuple[str, str]]:
    """Ketenpartners, bewindvoerders and maatjes as choices: their login, shown with name, organisation and role."""
    return [(m.id, f"{m.naam}, {m.team} ({label('rol', m.rol).lower()})") for m in members]


def namen_keuzes(names: Iterable[str]) -> list[tuple[str, str]]:
    """Names that are their own code, such as teams, as choices."""
    return [(name, name) for name in names]


def keuzes(kind: str, codes: Iterable[str]) -> list[tuple[str, str]]:
    """Codes of one kind as choices, each with its plain word."""
    return [(code, label(kind, code)) for code in codes]


def aftelling(
    deadline: date | None, today: date, breached: bool = False, warn: int = Policy.termijn_waarschuwing_werkdagen
) -> dict[str, Any]:
    """A deadline as a countdown in working days, and how urgent it is: ok, waarschuwing (`warn` working days
    or fewer left) or overschreden."""
    if deadline is None:
        return {"tekst": "geen termijn", "status": "geen", "dagen": None}
    left = working_days_left(today, deadline)
    if breached or left < 0:
        late = f"{-left} werkdag{'en' if left != -1 else ''} over tijd" if left < 0 else "over tijd"
        return {"tekst": late, "status": "overschreden", "dagen": left}
    text = "vandaag" if left == 0 else f"nog {left} werkdag{'en' if left != 1 else ''}"
    return {"tekst": text, "status": "waarschuwing" if left <= warn else "ok", "dagen": left}


@pass_context
def countdown(context: Context, deadline: date | None, today: date, breached: bool = False) -> dict[str, Any]:
    """`aftelling` with the warning days of the policy in force, as templates call it."""
    return aftelling(deadline, today, breached, context["waarschuwing"])


templates = Jinja2Templates(directory=TEMPLATES)
templates.env.filters.update(
    datum=datum,
    datumtijd=datumtijd,
    bedrag=bedrag,
    euro_invoer=euro_invoer,
    getal=getal,
    procent=procent,
    stap_label=lambda code: label("stap", code).lower(),
)
templates.env.globals.update(
    aftelling=countdown,
    label=label,
    labels=LABELS,
    fase_label=fase_label,
    keuzes=keuzes,
    schuldeiser_keuzes=schuldeiser_keuzes,
    mensen_keuzes=mensen_keuzes,
    collega_keuzes=collega_keuzes,
    keten_keuzes=keten_keuzes,
    namen_keuzes=namen_keuzes,
)


def page(
    request: Request, name: str, principal: Principal | None, status_code: int = 200, **context: Any
) -> HTMLResponse:
    """A page or fragment for `principal`, with what every page needs: who is logged in and the CSRF token."""
    settings = request.app.state.settings
    return templates.TemplateResponse(
        request,
        name,
        {
            "principal": principal,
            "csrf": csrf_token(settings, principal) if principal else "",
            "gemeente": settings.gemeente_naam,
            "thema": settings.ui_thema_class,
            "waarschuwing": settings.policy().termijn_waarschuwing_werkdagen,
            **context,
        },
        status_code=status_code,
    )
