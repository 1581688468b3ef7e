"""The monitor: the figures a municipality reports and accounts for, per period and team, as JSON for its own
reporting tools and as a CSV download. The rules are domain/monitor.py's; the database counts them from each
traject's facts (store/feiten.py)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from sqlmodel import Session
from starlette.responses import Response

from api.auth import Supervisor
from api.deps import SessionDep, SettingsDep, refuse_unserved
from api.fields import Dag
from api.gate import GuardedRoute
from api.problems import invalid
from api.schemas.gemeenten import Gemeentecode
from api.schemas.medewerkers import Team
from api.schemas.toezicht import (
    Advies,
    Bezwaarcijfers,
    DoorlooptijdUit,
    Monitor,
    Normcijfer,
    Regelingcijfers,
    Schuldeisercijfers,
    Uitvalregel,
    Vroegsignaleringcijfers,
)
from domain.monitor import REGELING_NORM_DAGEN, Adviescijfers, Periode, Vroegsignalering
from domain.vordering import reply_figures
from runtime.clock import today
from runtime.settings import Settings
from store.monitor import advice_figures, period_figures, reply_dates, vroegsignalering_figures
from store.queries import installation_gemeenten
from store.werkgebied import limited_to, serves

router = APIRouter(prefix="/toezicht/monitor", tags=["toezicht"], route_class=GuardedRoute)
# The CSV's columns: one figure per line, so a municipality's spreadsheet can stack several periods.
CSV_COLUMNS = ("van", "tot", "team", "onderwerp", "onderdeel", "maat", "waarde")


def period(
    settings: SettingsDep,
    van: Annotated[Dag | None, Query(description="eerste dag; standaard 1 januari van dit jaar")] = None,
    tot: Annotated[Dag | None, Query(description="laatste dag; standaard vandaag")] = None,
) -> Periode:
    """The period asked for, both ends included: this year up to today unless named."""
    day = today(settings.policy().timezone)
    van, tot = van or date(day.year, 1, 1), tot or day
    if van > tot:
        raise invalid([("van", "ligt na tot")])
    return Periode(van, tot)


PeriodeDep = Annotated[Periode, Depends(period)]
TeamFilter = Annotated[Team | None, Query(description="alleen de trajecten van de hulpverleners van dit team")]


GemeenteFilter = Annotated[
    Gemeentecode | None, Query(description="alleen de trajecten van deze gemeente (CBS-code), als er meer zijn")
]


def gemeente_codes(session: Session, settings: Settings, gemeente: str | None) -> tuple[str | None, ...] | None:
    """The codes a gemeente's trajecten carry: the installation's own also counts the trajecten registered
    before gemeenten were told apart. Unnamed, the caller's werkgebied (None: every gemeente). A gemeente this
    installation does not serve, or outside the caller's werkgebied, is refused."""
    if gemeente is None:
        return limited_to(session)
    if not serves(session, gemeente, settings.gemeentecode):
        raise invalid([("gemeente", "deze gemeente hoort niet bij uw werkgebied")])
    refuse_unserved(session, settings, [("gemeente", gemeente)])
    return (gemeente, None) if gemeente == settings.gemeentecode else (gemeente,)


def figures(
    session: SessionDep,
    settings: SettingsDep,
    periode: PeriodeDep,
    team: TeamFilter = None,
    gemeente: GemeenteFilter = None,
) -> Monitor:
    """The period's figures, of one team and one gemeente when named."""
    policy = settings.policy()
    codes = gemeente_codes(session, settings, gemeente)
    counted = period_figures(session, periode, today(policy.timezone), policy.timezone, team, codes)
    replies = reply_dates(session, periode, team, codes)
    answered = reply_figures(replies, policy)
    early = vroegsignalering_figures(session, periode, policy.timezone, lambda _day: "", codes).get(
        "", Vroegsignalering()
    )
    # Advice contacts belong to no gemeente yet: they count for the installation's own, as the trajecten from
    # before gemeenten do.
    advice = advice_figures(session, periode, team) if codes is None or None in codes else Adviescijfers()
    return Monitor(
        van=periode.van,
        tot=periode.tot,
        team=team,
        gemeente=gemeente,
        advies=Advies(
            totaal=advice.totaal,
            per_onderwerp=dict(sorted(advice.per_onderwerp.items())),
            per_afloop=dict(sorted(advice.per_afloop.items())),
        ),
        aanmeldingen=counted.aanmeldingen,
        aanmeldingen_per_bron=counted.aanmeldingen_per_bron,
        crisis=counted.crisis,
        normen=[
            Normcijfer(norm=norm.value, gehaald=share.gehaald, niet_gehaald=share.niet_gehaald, aandeel=share.fractie)
            for norm, share in counted.normen.items()
        ],
        toelatingen=counted.toelatingen,
        afwijzingen=counted.afwijzingen,
        doorlooptijden=[
            DoorlooptijdUit(
                van=lead.van.value,
                tot=lead.tot.value,
                aantal=lead.aantal,
                mediaan_dagen=lead.mediaan_dagen,
                p90_dagen=lead.p90_dagen,
            )
            for lead in counted.doorlooptijden
        ],
        regelingen=Regelingcijfers(
            aantal=counted.regelingen.totaal,
            binnen_norm=counted.regelingen.gehaald,
            norm_dagen=REGELING_NORM_DAGEN,
            aandeel=counted.regelingen.fractie,
        ),
        afgerond=counted.afgerond,
        uitval=[Uitvalregel(reden=r, fase=f, aantal=n) for (r, f), n in counted.uitval.items()],
        einden=counted.einden,
        heraanmeldingen=counted.heraanmeldingen,
        heraanmeldingen_binnen_12_maanden=counted.heraanmeldingen_binnen_jaar,
        bezwaren=Bezwaarcijfers(
            ingediend=counted.bezwaren_ingediend,
            beslist=counted.bezwaren_beslist,
            op_tijd=counted.bezwaren_op_tijd.gehaald,
            aandeel_op_tijd=counted.bezwaren_op_tijd.fractie,
        ),
        schuldeisers=Schuldeisercijfers(
            verzoeken=len(replies),
            beantwoord=answered.beantwoord,
            open=answered.open,
            mediaan_dagen=answered.mediaan_dagen,
            aandeel_binnen_termijn=answered.aandeel_voor_eerste_herinnering,
        ),
        vroegsignalering=Vroegsignaleringcijfers.of(early),
    )


FiguresDep = Annotated[Monitor, Depends(figures)]


@router.get("/gemeenten", response_model=list[Monitor])
def compare_gemeenten(
    principal: Supervisor, session: SessionDep, settings: SettingsDep, periode: PeriodeDep, team: TeamFilter = None
) -> list[Monitor]:
    """The same figures for each gemeente the installation serves (of those in the caller's werkgebied), its
    own first, to compare them side by side. Advice contacts count for its own."""
    served = installation_gemeenten(session, settings.gemeentecode, settings.gemeente_naam)
    codes = [code for code, _ in served if serves(session, code, settings.gemeentecode)]
    return [figures(session, settings, periode, team, code) for code in codes]


@router.get("", response_model=Monitor)
def monitor_figures(principal: Supervisor, counted: FiguresDep) -> Monitor:
    """The monitor figures of a period (this year up to today unless named), of one team when named.

    Each figure counts in the period in which its deciding day lies: an aanmelding by its meldingsdatum, a Wgs
    clock by the day it was met, or by its last day when it was not met by then (running clocks are not counted
    yet), a lead time and a settlement by the day they ended or started, an ending by the day the traject
    closed. A settlement is within the NVVK norm when its term starts at most 120 days after the plan van
    aanpak. The vroegsignalering figures are the whole municipality's, whatever team is named."""
    return counted


def rows(counted: Monitor) -> Iterator[tuple[str, str, str, int | float | None]]:
    """Each figure as (onderwerp, onderdeel, maat, waarde), waarde last: the CSV's lines."""
    yield ("advies", "totaal", "aantal", counted.advies.totaal)
    yield from (("advies", f"onderwerp/{o}", "aantal", n) for o, n in counted.advies.per_onderwerp.items())
    yield from (("advies", f"afloop/{a}", "aantal", n) for a, n in counted.advies.per_afloop.items())
    yield from (("aanmeldingen", bron, "aantal", n) for bron, n in counted.aanmeldingen_per_bron.items())
    yield ("aanmeldingen", "totaal", "aantal", counted.aanmeldingen)
    yield ("aanmeldingen", "crisis", "aantal", counted.crisis)
    for norm in counted.normen:
        yield ("wgs_termijnen", norm.norm, "gehaald", norm.gehaald)
        yield ("wgs_termijnen", norm.norm, "niet_gehaald", norm.niet_gehaald)
        yield ("wgs_termijnen", norm.norm, "aandeel", norm.aandeel)
    yield ("beschikkingen", "toelating", "aantal", counted.toelatingen)
    yield ("beschikkingen", "afwijzing", "aantal", counted.afwijzingen)
    for lead in counted.doorlooptijden:
        part = f"{lead.van}-{lead.tot}"
        yield ("doorlooptijden", part, "aantal", lead.aantal)
        yield ("doorlooptijden", part, "mediaan_dagen", lead.mediaan_dagen)
        yield ("doorlooptijden", part, "p90_dagen", lead.p90_dagen)
    yield ("regelingen", "gestart", "aantal", counted.regelingen.aantal)
    yield ("regelingen", f"binnen_{counted.regelingen.norm_dagen}_dagen", "aantal", counted.regelingen.binnen_norm)
    yield ("regelingen", f"binnen_{counted.regelingen.norm_dagen}_dagen", "aandeel", counted.regelingen.aandeel)
    yield ("afgerond", "totaal", "aantal", counted.afgerond)
    yield from (("uitval", f"{regel.reden}/{regel.fase}", "aantal", regel.aantal) for regel in counted.uitval)
    yield from (("einden", einde.value, "aantal", n) for einde, n in counted.einden.items())
    yield ("heraanmeldingen", "totaal", "aantal", counted.heraanmeldingen)
    yield ("heraanmeldingen", "binnen_12_maanden", "aantal", counted.heraanmeldingen_binnen_12_maanden)
    yield ("bezwaren", "ingediend", "aantal", counted.bezwaren.ingediend)
    yield from (("bezwaren", f"beslist/{b}", "aantal", n) for b, n in counted.bezwaren.beslist.items())
    yield ("bezwaren", "op_tijd_beslist", "aandeel", counted.bezwaren.aandeel_op_tijd)
    replies = counted.schuldeisers
    yield ("schuldeisers", "verzoeken", "aantal", replies.verzoeken)
    yield ("schuldeisers", "beantwoord", "aantal", replies.beantwoord)
    yield ("schuldeisers", "open", "aantal", replies.open)
    yield ("schuldeisers", "antwoord", "mediaan_dagen", replies.mediaan_dagen)
    yield ("schuldeisers", "antwoord_binnen_termijn", "aandeel", replies.aandeel_binnen_termijn)
    early = counted.vroegsignalering
    yield from (("vroegsignalering", f"signalen/{s}", "aantal", n) for s, n in early.signalen_per_soort.items())
    yield ("vroegsignalering", "signalen_bij_lopend_traject", "aantal", early.bij_lopend_traject)
    yield ("vroegsignalering", "huishoudens", "aantal", early.huishoudens)
    yield from (
        ("vroegsignalering", f"contactpogingen/{k}", "aantal", n) for k, n in early.contactpogingen_per_kanaal.items()
    )
    yield ("vroegsignalering", "bereikt", "aantal", early.bereikt)
    yield ("vroegsignalering", "hulp_geaccepteerd", "aantal", early.hulp_geaccepteerd)


def _cell(value: str | int | float | None) -> str:
    # A Dutch spreadsheet reads a decimal comma; an empty cell is a figure that could not be computed.
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".").replace(".", ",")
    return str(value)


@router.get(
    "/csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}, "description": "Eén cijfer per regel, gescheiden door ;"}},
)
def monitor_csv(principal: Supervisor, counted: FiguresDep) -> Response:
    """The same figures as the monitor, one per line (van;tot;team;onderwerp;onderdeel;maat;waarde), with a
    semicolon and a decimal comma as Dutch spreadsheets expect."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    period_cells = (counted.van.isoformat(), counted.tot.isoformat(), counted.team or "")
    writer.writerows((*period_cells, *row[:3], _cell(row[3])) for row in rows(counted))
    name = f"monitor-{counted.van}-{counted.tot}{'-' + counted.team if counted.team else ''}.csv"
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
