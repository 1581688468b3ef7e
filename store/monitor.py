"""The facts the monitor counts, read from the dossier: each traject's dates as it recorded them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import ColumnElement, Select, bindparam
from sqlalchemy.orm import aliased
from sqlmodel import Session, and_, col, func, or_, select

from domain.beeindiging import Einde
from domain.bezwaar import Bezwaar
from domain.monitor import (
    FASEN,
    Aandeel,
    Adviescijfers,
    Mijlpaal,
    Monitorcijfers,
    Norm,
    Periode,
    Trajectfeiten,
    Vroegsignalering,
    binnen_norm,
    doorlooptijd,
)
from domain.phases import Phase, Step
from domain.traject import Besluit, Deadline
from domain.vordering import VerzoekStatus
from domain.wgs_deadlines import end_of_day
from runtime.clock import day_of
from store.models import (
    Adviescontact,
    Bericht,
    Bezwaarfeit,
    Klokfeit,
    Medewerker,
    Monitorfeit,
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
    periode: Periode,
    timezone: str,
    team: str | None = None,
    gemeente: tuple[str | None, ...] | None = None,
    of_ids: bool = False,
) -> Select[Any]:
    """The select of `monitor_facts`: a row of dates and outcomes for each traject that can count in the period
    (with `of_ids`, of the trajecten whose ids are bound to the parameter `ids`)."""
    vorig = aliased(Traject)
    plans = select(TrajectEvent.traject_id, func.min(TrajectEvent.at).label("op")).where(
        TrajectEvent.kind == Step.PLAN_VAN_AANPAK.value
    )
    if of_ids:
        # Said again inside: a database that does not push the outer condition down would group every plan.
        plans = plans.where(col(TrajectEvent.traject_id).in_(bindparam("ids", expanding=True)))
    plan = plans.group_by(col(TrajectEvent.traject_id)).subquery()
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
    if of_ids:
        query = query.where(col(Traject.id).in_(bindparam("ids", expanding=True)))
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
    rows = session.exec(facts_query(periode, timezone, team, gemeente)).all()
    return [facts for facts, _plan_at, _gesloten_at in read_facts(rows, timezone)]


def read_facts(
    rows: Iterable[Sequence[Any]], timezone: str
) -> Iterator[tuple[Trajectfeiten, datetime | None, datetime | None]]:
    """The facts in each row of `facts_query`, with the instants the plan van aanpak was recorded and the traject
    closed (None when it did not): their days are the facts' days in `timezone`."""
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
    ) in rows:
        gesloten = phase == Phase.AFGESLOTEN
        yield (
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
            ),
            plan_op,
            phase_since if gesloten else None,
        )


def period_figures(
    session: Session,
    periode: Periode,
    today: date,
    timezone: str,
    team: str | None = None,
    gemeente: tuple[str | None, ...] | None = None,
) -> Monitorcijfers:
    """The period's figures (of the caseworkers of `team`, of the gemeente whose codes are `gemeente`, when named)
    as domain/monitor.monitor counts them over the facts of every traject, counted by the database from the
    facts' rows (store/feiten.py). Only the trajecten that reached a milestone in the period are read out, for
    the medians of the lead times."""
    sql = _figure_statements(team is not None, gemeente, periode.van is not None, periode.tot is not None)
    values: dict[str, Any] = {"today": today}
    if team is not None:
        values["team"] = team
    if periode.van is not None:
        values |= {"van": periode.van, "begin": end_of_day(periode.van - timedelta(days=1), timezone)}
    if periode.tot is not None:
        values |= {"tot": periode.tot, "end": end_of_day(periode.tot, timezone)}

    def rows(statement: Select[Any]) -> Sequence[Any]:
        # Through the session, never its connection: the session limits every select to the werkgebied.
        return session.execute(statement, values).all()

    per_bron: dict[str, int] = {}
    crisis = heraanmeldingen = terug = 0
    for bron, aantal, in_crisis, heraangemeld, binnen_jaar in rows(sql.aanmeldingen):
        per_bron[bron] = aantal
        crisis += in_crisis
        heraanmeldingen += heraangemeld
        terug += binnen_jaar
    normen = dict.fromkeys(Norm, Aandeel())
    for norm, gehaald, aantal in rows(sql.normen):
        normen[Norm(norm)] = Aandeel(gehaald, aantal - gehaald)
    besluiten = {besluit: aantal for besluit, aantal in rows(sql.besluiten)}
    uitval: dict[tuple[str, str], int] = {}
    for reden, fase, aantal in rows(sql.uitval):
        uitval[reden, fase or ""] = uitval.get((reden, fase or ""), 0) + aantal
    einden = {einde: aantal for einde, aantal in rows(sql.einden)}
    beslist: dict[str, int] = {}
    op_tijd = Aandeel()
    for beslissing, aantal, tijdig in rows(sql.beslist):
        beslist[beslissing] = aantal
        op_tijd = Aandeel(op_tijd.gehaald + tijdig, op_tijd.niet_gehaald + aantal - tijdig)
    dagen = [
        {
            Mijlpaal.AANMELDING: meldingsdatum,
            Mijlpaal.EERSTE_GESPREK: gesprek_op,
            Mijlpaal.BESCHIKKING: besluit_op,
            Mijlpaal.PLAN_VAN_AANPAK: day_of(plan_at, timezone) if plan_at is not None else None,
            Mijlpaal.VOORSTEL: voorstel_op,
            Mijlpaal.REGELING: regeling_op,
            Mijlpaal.AFGEROND: afgerond_op,
        }
        for meldingsdatum, gesprek_op, besluit_op, plan_at, voorstel_op, regeling_op, afgerond_op in rows(sql.mijlpalen)
    ]
    regelingen = Aandeel()
    for m in dagen:
        if periode.bevat(m[Mijlpaal.REGELING]):
            regelingen = regelingen.plus(binnen_norm(m[Mijlpaal.PLAN_VAN_AANPAK], m[Mijlpaal.REGELING]))
    return Monitorcijfers(
        periode=periode,
        aanmeldingen_per_bron=dict(sorted(per_bron.items())),
        crisis=crisis,
        normen=normen,
        toelatingen=besluiten.get(Besluit.TOELATING.value, 0),
        afwijzingen=besluiten.get(Besluit.AFWIJZING.value, 0),
        doorlooptijden=[doorlooptijd(dagen, periode, van, tot) for van, tot in FASEN],
        regelingen=regelingen,
        afgerond=sum(periode.bevat(m[Mijlpaal.AFGEROND]) for m in dagen),
        uitval=dict(sorted(uitval.items())),
        heraanmeldingen=heraanmeldingen,
        heraanmeldingen_binnen_jaar=terug,
        bezwaren_ingediend=rows(sql.ingediend)[0][0],
        bezwaren_beslist=dict(sorted(beslist.items())),
        bezwaren_op_tijd=op_tijd,
        einden={einde: einden[einde.value] for einde in Einde if einden.get(einde.value)},
    )


@dataclass(frozen=True)
class _FigureStatements:
    """The statements that count one shape of period (its ends named or open) for one kind of scope, with the
    days, instants, today and team left as parameters."""

    aanmeldingen: Select[Any]
    normen: Select[Any]
    besluiten: Select[Any]
    uitval: Select[Any]
    einden: Select[Any]
    ingediend: Select[Any]
    beslist: Select[Any]
    mijlpalen: Select[Any]


@cache
def _figure_statements(team: bool, gemeente: tuple[str | None, ...] | None, van: bool, tot: bool) -> _FigureStatements:
    """Built once for each shape: building eight statements cost more than a city's database took to run them."""

    def between(column: Any, low: str, high: str, end_included: bool) -> ColumnElement[bool]:
        conditions = [col(column).is_not(None)]
        if van:
            conditions.append(col(column) >= bindparam(low))
        if tot:
            conditions.append(col(column) <= bindparam(high) if end_included else col(column) < bindparam(high))
        return and_(*conditions)

    def on(day: Any) -> ColumnElement[bool]:
        """The day in `day` lies in the period (no day lies in any period)."""
        return between(day, "van", "tot", end_included=True)

    def at(instant: Any) -> ColumnElement[bool]:
        """The instant in `instant` falls on a day of the period: from the start of its first day in the time
        zone, to the start of the day after its last."""
        return between(instant, "begin", "end", end_included=False)

    def of(query: Select[Any], traject_id: Any = Monitorfeit.traject_id) -> Select[Any]:
        """Counted over the trajecten that count: always joined to the traject, so a session limited to a
        werkgebied counts only its gemeenten (store/werkgebied.py)."""
        query = query.join(Traject, col(Traject.id) == traject_id)
        if team:
            query = query.join(
                Medewerker, and_(col(Medewerker.id) == Traject.caseworker, Medewerker.team == bindparam("team"))
            )
        if gemeente is not None:
            query = query.where(in_gemeente(gemeente))
        return query

    def number(condition: ColumnElement[bool]) -> Any:
        return func.count().filter(condition)

    # A clock neither met nor breached is decided on its last day, missed, when the traject is still open then.
    decided = or_(
        col(Klokfeit.gehaald).is_not(None),
        and_(col(Monitorfeit.gesloten_at).is_(None), Klokfeit.uiterlijk < bindparam("today")),
    )
    # A settlement ends on its afronding, every other ending on the closing (Trajectfeiten.einde_op).
    ended = or_(on(Monitorfeit.afgerond_op), and_(col(Monitorfeit.afgerond_op).is_(None), at(Monitorfeit.gesloten_at)))
    return _FigureStatements(
        aanmeldingen=of(
            select(
                Monitorfeit.bron,
                func.count(),
                number(col(Monitorfeit.crisis).is_(True)),
                number(col(Monitorfeit.heraanmelding).is_(True)),
                number(col(Monitorfeit.terug_binnen_jaar).is_(True)),
            )
            .where(on(Monitorfeit.meldingsdatum))
            .group_by(col(Monitorfeit.bron))
        ),
        normen=of(
            select(Klokfeit.norm, number(col(Klokfeit.gehaald).is_(True)), func.count())
            .join(Monitorfeit, col(Monitorfeit.traject_id) == Klokfeit.traject_id)
            .where(on(Klokfeit.beslist_op), decided)
            .group_by(col(Klokfeit.norm)),
            Klokfeit.traject_id,
        ),
        besluiten=of(
            select(Monitorfeit.besluit, func.count())
            .where(on(Monitorfeit.besluit_op))
            .group_by(col(Monitorfeit.besluit))
        ),
        uitval=of(
            select(Monitorfeit.uitval_reden, Monitorfeit.uitval_fase, func.count())
            .where(col(Monitorfeit.uitval_reden).is_not(None), at(Monitorfeit.gesloten_at))
            .group_by(col(Monitorfeit.uitval_reden), col(Monitorfeit.uitval_fase))
        ),
        einden=of(
            select(Monitorfeit.einde, func.count())
            .where(col(Monitorfeit.einde).is_not(None), ended)
            .group_by(col(Monitorfeit.einde))
        ),
        ingediend=of(
            select(func.count()).select_from(Bezwaarfeit).where(on(Bezwaarfeit.ingediend_op)), Bezwaarfeit.traject_id
        ),
        beslist=of(
            select(Bezwaarfeit.beslissing, func.count(), number(col(Bezwaarfeit.op_tijd).is_(True)))
            .where(col(Bezwaarfeit.beslissing).is_not(None), on(Bezwaarfeit.besluit_op))
            .group_by(col(Bezwaarfeit.beslissing)),
            Bezwaarfeit.traject_id,
        ),
        mijlpalen=of(
            select(
                Monitorfeit.meldingsdatum,
                Monitorfeit.gesprek_op,
                Monitorfeit.besluit_op,
                Monitorfeit.plan_at,
                Monitorfeit.voorstel_op,
                Monitorfeit.regeling_op,
                Monitorfeit.afgerond_op,
            ).where(
                or_(
                    on(Monitorfeit.gesprek_op),
                    on(Monitorfeit.besluit_op),
                    at(Monitorfeit.plan_at),
                    on(Monitorfeit.voorstel_op),
                    on(Monitorfeit.regeling_op),
                    on(Monitorfeit.afgerond_op),
                )
            )
        ),
    )


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
