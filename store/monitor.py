"""The facts the monitor counts, read from the dossier: each traject's dates as it recorded them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, timedelta
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import Select
from sqlalchemy.orm import aliased
from sqlmodel import Session, and_, col, func, or_, select

from domain.bezwaar import Bezwaar
from domain.monitor import Adviescijfers, Periode, Trajectfeiten, Vroegsignalering
from domain.phases import Phase, Step
from domain.traject import Besluit, Deadline
from domain.vordering import VerzoekStatus
from domain.wgs_deadlines import end_of_day
from runtime.clock import day_of
from store.models import (
    Adviescontact,
    Bericht,
    Medewerker,
    Regeling,
    Signaal,
    Signalering,
    Traject,
    TrajectEvent,
    Verzoek,
)
from store.queries import ending, json_text
from store.werkgebied import in_gemeente

_DEADLINES = TypeAdapter(tuple[Deadline, ...])
_BEZWAREN = TypeAdapter(tuple[Bezwaar, ...])
# Most trajecten never object: their empty list is not worth a parse.
_NO_OBJECTIONS = "[]"


_FACT_COLUMNS = (
    Traject.id,
    Traject.bron,
    Traject.crisis,
    Traject.meldingsdatum,
    Traject.phase,
    Traject.phase_since,
    Traject.closed_after,
    Traject.afgerond_op,
    Traject.vorig_traject_id,
    json_text(Traject.termijnen).label("termijnen"),
    json_text(Traject.bezwaren).label("bezwaren"),
    Traject.beschikking["besluit"].as_string().label("besluit"),
    Traject.beschikking["besluit_op"].as_string().label("besluit_op"),
    Traject.uitval["reden"].as_string().label("uitval_reden"),
    Traject.afsluiting["reden"].as_string().label("afsluitreden"),
)


def facts_query(
    periode: Periode, timezone: str, team: str | None = None, gemeente: tuple[str | None, ...] | None = None
) -> Select[Any]:
    """The select of `monitor_facts`: a row of dates and outcomes for each traject that can count in the period."""
    vorig = aliased(Traject)
    plan = (
        select(TrajectEvent.traject_id, func.min(TrajectEvent.at).label("op"))
        .where(TrajectEvent.kind == Step.PLAN_VAN_AANPAK.value)
        .group_by(col(TrajectEvent.traject_id))
        .subquery()
    )
    # Only the columns the facts are made of, as plain rows: building a dossier object for each traject, every
    # JSON column turned into objects, was most of the time this took (bench/queries.py).
    query = (
        select(
            *_FACT_COLUMNS,
            plan.c.op.label("plan_op"),
            col(Regeling.soort).label("regeling_soort"),
            Regeling.voorgesteld_op,
            Regeling.ingangsdatum,
            Regeling.uitspraak["toegewezen"].as_boolean().label("dwangakkoord"),
            Regeling.wsnp_einde_verwacht,
            col(vorig.afgerond_op).label("vorige_afgerond_op"),
        )
        .outerjoin(plan, plan.c.traject_id == Traject.id)
        .outerjoin(Regeling, col(Regeling.traject_id) == Traject.id)
        .outerjoin(vorig, col(vorig.id) == Traject.vorig_traject_id)
    )
    if periode.tot is not None:
        query = query.where(Traject.meldingsdatum <= periode.tot)
    if periode.van is not None:
        begin = end_of_day(periode.van - timedelta(days=1), timezone).astimezone(UTC)
        query = query.where(or_(Traject.phase != Phase.AFGESLOTEN.value, col(Traject.phase_since) >= begin))
    if team is not None:
        query = query.join(Medewerker, and_(col(Medewerker.id) == Traject.caseworker, Medewerker.team == team))
    if gemeente is not None:
        query = query.where(in_gemeente(gemeente))
    return query.order_by(col(Traject.id))


def monitor_facts(
    session: Session,
    periode: Periode,
    timezone: str,
    team: str | None = None,
    gemeente: tuple[str | None, ...] | None = None,
) -> list[Trajectfeiten]:
    """The facts of every traject that can count in the period (of the caseworkers of `team`, of the gemeente
    whose codes are `gemeente`, when named): none registered after it, none closed before it."""
    facts = []
    # Unpacked by position: reading a row's columns by name cost a microsecond each, most of the time this took.
    for (
        traject_id,
        bron,
        crisis,
        meldingsdatum,
        phase,
        phase_since,
        closed_after,
        afgerond_op,
        vorig_traject_id,
        termijnen,
        bezwaren,
        besluit,
        besluit_op,
        uitval_reden,
        afsluitreden,
        plan_op,
        regeling_soort,
        voorgesteld_op,
        ingangsdatum,
        dwangakkoord,
        wsnp_einde_verwacht,
        vorige_afgerond_op,
    ) in session.exec(facts_query(periode, timezone, team, gemeente)).all():
        gesloten = phase == Phase.AFGESLOTEN
        facts.append(
            Trajectfeiten(
                traject_id=traject_id,
                bron=bron,
                crisis=crisis is not None,
                meldingsdatum=meldingsdatum,
                open=not gesloten,
                klokken=_DEADLINES.validate_json(termijnen),
                besluit=Besluit(besluit) if besluit else None,
                besluit_op=date.fromisoformat(besluit_op) if besluit_op else None,
                plan_op=day_of(plan_op, timezone) if plan_op is not None else None,
                voorstel_op=voorgesteld_op,
                regeling_op=ingangsdatum,
                afgerond_op=afgerond_op,
                gesloten_op=day_of(phase_since, timezone) if gesloten else None,
                uitval_reden=uitval_reden,
                uitval_fase=closed_after if uitval_reden else None,
                vorige_afgerond_op=vorige_afgerond_op,
                heraanmelding=vorig_traject_id is not None,
                bezwaren=_BEZWAREN.validate_json(bezwaren) if bezwaren != _NO_OBJECTIONS else (),
                einde=ending(
                    phase=phase,
                    afgerond_op=afgerond_op,
                    afsluitreden=afsluitreden,
                    uitval_reden=uitval_reden,
                    besluit=besluit,
                    regeling_soort=regeling_soort,
                    wsnp_einde_verwacht=wsnp_einde_verwacht,
                    dwangakkoord=bool(dwangakkoord),
                ),
            )
        )
    return facts


def vroegsignalering_figures(
    session: Session,
    periode: Periode,
    timezone: str,
    group: Callable[[date], str],
    gemeente: tuple[str | None, ...] | None = None,
) -> dict[str, Vroegsignalering]:
    """The vroegsignalering figures of the period (of the gemeente whose codes are `gemeente`, when named), per
    group of days (a month, or the whole period): a signal by the day it came in, a household by the day its
    case opened, an attempt by the day it was sent."""
    groups: dict[str, Vroegsignalering] = {}

    def of(day: date) -> Vroegsignalering | None:
        return groups.setdefault(group(day), Vroegsignalering()) if periode.bevat(day) else None

    signals = select(Signaal.soort, Signaal.ontvangen_op, Signaal.traject_id)
    cases = select(Signalering)
    attempts = select(Bericht.kanaal, Bericht.verstuurd_op)
    if gemeente is not None:
        signals = signals.where(in_gemeente(gemeente, Signaal.gemeentecode))
        cases = cases.where(in_gemeente(gemeente, Signalering.gemeentecode))
        of_cases = select(Signalering.id).where(in_gemeente(gemeente, Signalering.gemeentecode))
        attempts = attempts.where(col(Bericht.case_id).in_(of_cases))
    for soort, ontvangen_op, traject_id in session.exec(signals).all():
        if figures := of(ontvangen_op):
            figures.signalen_per_soort[soort] += 1
            figures.bij_lopend_traject += traject_id is not None
    for case in session.exec(cases).all():
        if figures := of(case.geopend_op):
            figures.huishoudens += 1
            figures.bereikt += bool((case.uitkomst or {}).get("bereikt")) or case.route == "crisis"
            figures.hulp_geaccepteerd += case.traject_id is not None
    for kanaal, verstuurd_op in session.exec(attempts).all():
        if figures := of(day_of(verstuurd_op, timezone)):
            figures.contactpogingen_per_kanaal[kanaal] += 1
    return groups


def reply_dates(
    session: Session, periode: Periode, team: str | None = None, gemeente: tuple[str | None, ...] | None = None
) -> list[tuple[date, date | None]]:
    """(sent, answered) of every creditor request sent in the period (in the trajecten of `team` and of the
    gemeente, when named); a withdrawn request does not count against a creditor."""
    query = select(Verzoek.verstuurd_op, Verzoek.beantwoord_op).where(Verzoek.status != VerzoekStatus.INGETROKKEN.value)
    if periode.van is not None:
        query = query.where(Verzoek.verstuurd_op >= periode.van)
    if periode.tot is not None:
        query = query.where(Verzoek.verstuurd_op <= periode.tot)
    if team is not None or gemeente is not None:
        query = query.join(Traject, col(Traject.id) == Verzoek.traject_id)
    if team is not None:
        query = query.join(Medewerker, and_(col(Medewerker.id) == Traject.caseworker, Medewerker.team == team))
    if gemeente is not None:
        query = query.where(in_gemeente(gemeente))
    return [(sent, answered) for sent, answered in session.exec(query).all()]


def advice_figures(session: Session, periode: Periode, team: str | None = None) -> Adviescijfers:
    """The short advice contacts of the period (recorded by the staff of `team`, when named)."""
    query = select(Adviescontact.onderwerp, Adviescontact.afloop)
    if periode.van is not None:
        query = query.where(Adviescontact.op >= periode.van)
    if periode.tot is not None:
        query = query.where(Adviescontact.op <= periode.tot)
    if team is not None:
        query = query.join(Medewerker, and_(col(Medewerker.id) == Adviescontact.medewerker, Medewerker.team == team))
    figures = Adviescijfers()
    for onderwerp, afloop in session.exec(query).all():
        figures.per_onderwerp[onderwerp] += 1
        figures.per_afloop[afloop] += 1
    return figures
