"""Supervisors and ketenregisseurs see whom the trajecten wait on, and how fast each creditor answers."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Query
from pydantic import BaseModel

from api.auth import Staff
from api.deps import SessionDep, SettingsDep
from api.problems import Problem
from api.views import traject_url
from domain.vordering import reply_figures
from store.queries import closed_between, open_requests, requests_per_creditor

router = APIRouter(prefix="/toezicht", tags=["toezicht"])


class Wachtend(BaseModel):
    traject: str
    verzoek_id: str
    schuldeiser_id: str
    schuldeiser: str
    verstuurd_op: date
    dagen_wachtend: int
    herinneringen: int
    geescaleerd_op: date | None


class WachtendPagina(BaseModel):
    count: int
    results: list[Wachtend]


class Antwoordtijden(BaseModel):
    schuldeiser_id: str
    schuldeiser: str
    soort: str
    open: int
    beantwoord: int
    mediaan_dagen: float | None
    aandeel_voor_eerste_herinnering: float | None


class Uitvalregel(BaseModel):
    reden: str
    fase: str
    aantal: int


class Afloop(BaseModel):
    """How trajecten ended in a period: settled, or uitval by reason and the phase it happened in."""

    van: date | None
    tot: date | None
    afgerond: int
    uitval: list[Uitvalregel]


@router.get("/afloop", response_model=Afloop)
def endings(principal: Staff, session: SessionDep, van: date | None = None, tot: date | None = None) -> Afloop:
    """The monitor figure of how trajecten ended: settled, or uitval per reason and phase."""
    if van is not None and tot is not None and van > tot:
        raise Problem(
            422,
            "ongeldige-gegevens",
            "van ligt na tot",
            invalidParams=[{"name": "van", "code": "invalid", "reason": "ligt na tot"}],
        )
    closed = closed_between(session, van, tot)
    counts = Counter((t.uitval["reden"], t.closed_after or "") for t in closed if t.uitval)
    return Afloop(
        van=van,
        tot=tot,
        afgerond=sum(1 for t in closed if t.afgerond_op is not None),
        uitval=[Uitvalregel(reden=r, fase=f, aantal=n) for (r, f), n in sorted(counts.items())],
    )


@router.get("/wachtend", response_model=WachtendPagina)
def waiting(
    principal: Staff,
    session: SessionDep,
    settings: SettingsDep,
    page: Annotated[int, Query(ge=1)] = 1,
    page_size: Annotated[int, Query(ge=1, le=100, alias="pageSize")] = 50,
) -> WachtendPagina:
    """Open requests across all trajecten, the longest waiting first: whom to call."""
    today = _today(settings.policy().timezone)
    total, rows = open_requests(session, (page - 1) * page_size, page_size)
    return WachtendPagina(
        count=total,
        results=[
            Wachtend(
                traject=traject_url(verzoek.traject_id),
                verzoek_id=verzoek.id,
                schuldeiser_id=schuldeiser.id,
                schuldeiser=schuldeiser.naam,
                verstuurd_op=verzoek.verstuurd_op,
                dagen_wachtend=(today - verzoek.verstuurd_op).days,
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
        counted = reply_figures(
            [(v.verstuurd_op, v.beantwoord_op) for v in verzoeken if v.status != "ingetrokken"], policy
        )
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


def _today(timezone: str) -> date:
    return datetime.now(ZoneInfo(timezone)).date()
