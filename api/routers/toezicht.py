"""Supervisors and ketenregisseurs see whom the trajecten wait on, how fast each creditor answers, which legal
clocks are breached or due soon, and the work per caseworker."""

from __future__ import annotations

from collections.abc import Collection
from typing import Annotated

from fastapi import APIRouter, Query

from api.auth import Staff
from api.deps import SessionDep, SettingsDep
from api.fields import Dag, Ident, Page
from api.gate import GuardedRoute
from api.problems import invalid
from api.schemas.medewerkers import Team
from api.schemas.toezicht import (
    Afloop,
    Antwoordtijden,
    Maandcijfers,
    StilstandPagina,
    TermijnPagina,
    Uitvalregel,
    Wachtend,
    WachtendPagina,
)
from api.schemas.toezicht import Termijntelling as TermijntellingUit
from api.schemas.toezicht import Werklast as WerklastUit
from api.views import attention_clocks, clock_counts, stuck_trajecten, traject_url, workloads
from domain.monitor import Periode, uitval_telling
from domain.policy import TIMEZONE
from domain.termijnen import Termijnstatus
from domain.traject import reference
from domain.vordering import VerzoekStatus, reply_figures
from runtime.clock import today
from store.klokken import ATTENTION
from store.monitor import monitor_facts, vroegsignalering_figures
from store.queries import open_requests, requests_per_creditor

router = APIRouter(prefix="/toezicht", tags=["toezicht"], route_class=GuardedRoute)


@router.get("/afloop", response_model=Afloop)
def endings(principal: Staff, session: SessionDep, van: Dag | None = None, tot: Dag | None = None) -> Afloop:
    """How trajecten that closed in the period ended: after a completed settlement, or uitval per reason and
    phase."""
    if van is not None and tot is not None and van > tot:
        raise invalid([("van", "ligt na tot")])
    periode = Periode(van, tot)
    closed = [f for f in monitor_facts(session, periode, TIMEZONE) if periode.bevat(f.gesloten_op)]
    return Afloop(
        van=van,
        tot=tot,
        afgerond=sum(1 for f in closed if f.afgerond_op is not None),
        uitval=[Uitvalregel(reden=r, fase=f, aantal=n) for (r, f), n in uitval_telling(closed, periode).items()],
    )


@router.get("/vroegsignalering", response_model=list[Maandcijfers])
def early_warning_figures(principal: Staff, session: SessionDep) -> list[Maandcijfers]:
    """Per month: signals per kind of partner, households (cases opened), contact attempts by channel,
    households reached and help accepted. No personal data: these figures outlive the retention term."""
    months = vroegsignalering_figures(session, Periode(None, None), TIMEZONE, lambda day: f"{day:%Y-%m}")
    return [Maandcijfers.of(months[key], maand=key) for key in sorted(months)]


@router.get("/wachtend", response_model=WachtendPagina)
def waiting(
    principal: Staff,
    session: SessionDep,
    settings: SettingsDep,
    page: Page = 1,
    page_size: Annotated[int, Query(ge=1, le=100, alias="pageSize")] = 50,
) -> WachtendPagina:
    """Open requests across all trajecten, the longest waiting first: whom to call."""
    now = today(settings.policy().timezone)
    total, rows = open_requests(session, (page - 1) * page_size, page_size)
    return WachtendPagina(
        count=total,
        results=[
            Wachtend(
                traject=traject_url(verzoek.traject_id),
                kenmerk=reference(verzoek.traject_id),
                verzoek_id=verzoek.id,
                schuldeiser_id=schuldeiser.id,
                schuldeiser=schuldeiser.naam,
                verstuurd_op=verzoek.verstuurd_op,
                dagen_wachtend=(now - verzoek.verstuurd_op).days,
                herinneringen=len(verzoek.herinnerd_op),
                geescaleerd_op=verzoek.geescaleerd_op,
            )
            for verzoek, schuldeiser in rows
        ],
    )


@router.get("/schuldeisers", response_model=list[Antwoordtijden])
def reply_times(principal: Staff, session: SessionDep, settings: SettingsDep) -> list[Antwoordtijden]:
    """Per creditor: open requests, median days to answer, share answered before the first reminder.
    Withdrawn requests do not count against a creditor. Reminder days are today's policy, also for
    requests that started under an older one."""
    policy = settings.policy()
    figures = []
    for schuldeiser, verzoeken in requests_per_creditor(session):
        counted_in = [v for v in verzoeken if v.status != VerzoekStatus.INGETROKKEN.value]
        counted = reply_figures([(v.verstuurd_op, v.beantwoord_op) for v in counted_in], policy)
        figures.append(
            Antwoordtijden(
                schuldeiser_id=schuldeiser.id,
                schuldeiser=schuldeiser.naam,
                soort=schuldeiser.soort,
                open=counted.open,
                beantwoord=counted.beantwoord,
                mediaan_dagen=counted.mediaan_dagen,
                aandeel_voor_eerste_herinnering=counted.aandeel_voor_eerste_herinnering,
            )
        )
    return figures


@router.get("/termijnen", response_model=TermijnPagina)
def clocks_needing_attention(
    principal: Staff,
    session: SessionDep,
    settings: SettingsDep,
    status: Annotated[Termijnstatus | None, Query(description="overschreden of binnenkort; standaard beide")] = None,
    hulpverlener: Annotated[Ident | None, Query()] = None,
    team: Annotated[Team | None, Query()] = None,
    page: Page = 1,
    page_size: Annotated[int, Query(ge=1, le=100, alias="pageSize")] = 50,
) -> TermijnPagina:
    """Wgs clocks of open trajecten that are breached or run out within the policy's warning days, the
    earliest last day first."""
    if status is not None and status not in ATTENTION:
        raise invalid([("status", "kies uit: overschreden, binnenkort")])
    policy = settings.policy()
    chosen: Collection[Termijnstatus] = (status,) if status else ATTENTION
    count, rows = attention_clocks(
        session,
        today(policy.timezone),
        policy.termijn_waarschuwing_werkdagen,
        chosen,
        (page - 1) * page_size,
        page_size,
        hulpverlener,
        team,
    )
    return TermijnPagina(count=count, results=rows)


@router.get("/termijnen/tellingen", response_model=list[TermijntellingUit])
def clock_figures(
    principal: Staff, session: SessionDep, settings: SettingsDep, team: Annotated[Team | None, Query()] = None
) -> list[TermijntellingUit]:
    """Per caseworker (of one team, if named), every Wgs clock by where it stands today: breached, due soon,
    running, met in time, met late. A closed traject's clock that never ran out is not counted."""
    policy = settings.policy()
    return clock_counts(session, today(policy.timezone), policy.termijn_waarschuwing_werkdagen, team)


@router.get("/werkverdeling", response_model=list[WerklastUit])
def work_per_caseworker(
    principal: Staff, session: SessionDep, settings: SettingsDep, team: Annotated[Team | None, Query()] = None
) -> list[WerklastUit]:
    """Per caseworker (of one team, if named), the open trajecten by phase, with how many have a clock
    breached or due soon."""
    policy = settings.policy()
    return workloads(session, today(policy.timezone), policy.termijn_waarschuwing_werkdagen, team)


@router.get("/stilstand", response_model=StilstandPagina)
def stuck_on_a_party(
    principal: Staff,
    session: SessionDep,
    settings: SettingsDep,
    wacht_op: Annotated[str | None, Query(pattern="^(hulpverlener|client|schuldeisers|rechtbank)$")] = None,
    hulpverlener: Annotated[Ident | None, Query()] = None,
    team: Annotated[Team | None, Query()] = None,
    page: Page = 1,
    page_size: Annotated[int, Query(ge=1, le=100, alias="pageSize")] = 50,
) -> StilstandPagina:
    """Open trajecten that waited on the caseworker, the client, the creditors or the court longer than the
    policy's `wacht_drempel_dagen`, the longest first, with since when and what the engine does next by itself."""
    policy = settings.policy()
    rows = stuck_trajecten(session, today(policy.timezone), policy, wacht_op, hulpverlener, team)
    return StilstandPagina(count=len(rows), results=rows[(page - 1) * page_size : page * page_size])
