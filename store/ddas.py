"""The facts of the national data delivery (DDAS), read from the dossier: every traject that ran during a
period, and every vroegsignalering case and signal, one page at a time, in a stable order."""

from __future__ import annotations

from datetime import UTC, date, timedelta

from pydantic import TypeAdapter
from sqlmodel import Session, col, func, or_, select
from sqlmodel.sql.expression import SelectOfScalar

from domain.beeindiging import Einde
from domain.begeleiding import BegeleidingSoort
from domain.ddas import Begeleidingfeiten, Clientfeiten, Regelingfeiten, Schuldfeiten, Trajectfeiten, adresregel
from domain.ddas_vroegsignalering import Adres, Signaalfeiten, Zaakfeiten
from domain.phases import Phase, Step
from domain.schuldregeling import RegelingSoort
from domain.signalering import Contactkanaal, Hulp, SignaalSoort
from domain.traject import Besluit, Clock, Deadline
from domain.uitval import UitvalReden
from domain.vordering import SchuldeiserSoort, VerzoekStatus
from domain.wgs_deadlines import end_of_day
from runtime.clock import day_of
from store.models import (
    Brief,
    Persoon,
    Regeling,
    Schuldeiser,
    Signaal,
    Signalering,
    Traject,
    TrajectEvent,
    Verzoek,
    VorderingRij,
)
from store.queries import einde_of

_DEADLINES = TypeAdapter(list[Deadline])
_SETTLED = {Einde.MINNELIJKE_REGELING, Einde.SANERINGSKREDIET, Einde.DWANGAKKOORD, Einde.WSNP}


def _period_query(van: date, tot: date, timezone: str) -> SelectOfScalar[Traject]:
    """Trajecten registered by the period's end and not closed (nazorg included) before its start."""
    begin = end_of_day(van - timedelta(days=1), timezone).astimezone(UTC)
    return select(Traject).where(
        Traject.meldingsdatum <= tot,
        or_(Traject.phase != Phase.AFGESLOTEN.value, col(Traject.phase_since) >= begin),
    )


def count_in_period(session: Session, van: date, tot: date, timezone: str) -> int:
    """How many trajecten ran during the period."""
    query = _period_query(van, tot, timezone)
    return session.exec(select(func.count()).select_from(query.subquery())).one()


def facts_in_period(
    session: Session, van: date, tot: date, timezone: str, gemeentecode: str, offset: int, limit: int
) -> list[Trajectfeiten]:
    """One page of the trajecten that ran during the period, by id."""
    rows = session.exec(_period_query(van, tot, timezone).order_by(col(Traject.id)).offset(offset).limit(limit)).all()
    return [_facts(session, traject, timezone, gemeentecode) for traject in rows]


def _client(persoon: Persoon, adres_van: Persoon) -> Clientfeiten:
    regel = adresregel(adres_van.straat)
    return Clientfeiten(
        bsn=persoon.bsn,
        postcode=adres_van.postcode,
        huisnummer=regel.huisnummer,
        huisnummertoevoeging=regel.toevoeging,
    )


def _facts(session: Session, traject: Traject, timezone: str, gemeentecode: str) -> Trajectfeiten:
    persoon = session.get(Persoon, traject.persoon_id)
    assert persoon is not None  # a traject row is written with its person
    partner = session.get(Persoon, traject.partner_id) if traject.partner_id else None
    clients = (_client(persoon, persoon),) + ((_client(partner, persoon),) if partner else ())
    regeling = session.get(Regeling, traject.id)
    einde = einde_of(traject, regeling)
    closed_on = day_of(traject.phase_since, timezone) if traject.phase == Phase.AFGESLOTEN else None
    settled = einde in _SETTLED
    beschikking = traject.beschikking or {}
    gesprek = next((d for d in _DEADLINES.validate_python(traject.termijnen) if d.clock is Clock.EERSTE_GESPREK), None)
    uitval = traject.uitval or {}
    afsluiting = traject.afsluiting or {}
    return Trajectfeiten(
        traject_id=traject.id,
        gemeentecode=traject.gemeentecode or gemeentecode,
        meldingsdatum=traject.meldingsdatum,
        crisis=traject.crisis is not None,
        clients=clients,
        gesprek_op=gesprek.gehaald_op if gesprek else None,
        besluit=Besluit(beschikking["besluit"]) if beschikking else None,
        besluit_op=date.fromisoformat(beschikking["besluit_op"]) if beschikking else None,
        plan_op=_first_day(session, traject.id, Step.PLAN_VAN_AANPAK.value, timezone),
        moratoria_op=_moratoria(session, traject.id, timezone),
        begeleidingen=tuple(
            Begeleidingfeiten(
                BegeleidingSoort(b["soort"]),
                date.fromisoformat(b["start_op"]),
                date.fromisoformat(b["einde_op"]) if b.get("einde_op") else None,
            )
            for b in traject.begeleidingen
        ),
        schulden=_schulden(session, traject.id),
        regeling=_regeling(session, regeling, timezone) if regeling else None,
        einde=einde,
        einde_op=traject.afgerond_op if settled else closed_on,
        einde_besluit_op=traject.einde_besluit_op,
        uitval=UitvalReden(uitval["reden"]) if uitval else None,
        toelichting=afsluiting.get("toelichting") or uitval.get("toelichting") or "",
        nazorg_einde_op=closed_on if settled else None,
    )


def _first_day(session: Session, traject_id: str, kind: str, timezone: str) -> date | None:
    at = session.exec(
        select(func.min(TrajectEvent.at)).where(TrajectEvent.traject_id == traject_id, TrajectEvent.kind == kind)
    ).one()
    return day_of(at, timezone) if at is not None else None


def _moratoria(session: Session, traject_id: str, timezone: str) -> tuple[date, ...]:
    """The days a breed moratorium was asked: when its request to the court was drafted."""
    drafted = session.exec(
        select(Brief.created_at)
        .where(Brief.traject_id == traject_id, Brief.kind == "moratorium_concept")
        .order_by(col(Brief.created_at))
    ).all()
    return tuple(day_of(at, timezone) for at in drafted)


def _schulden(session: Session, traject_id: str) -> tuple[Schuldfeiten, ...]:
    rows = session.exec(
        select(VorderingRij, Schuldeiser.naam, Schuldeiser.soort)
        .join(Verzoek, col(Verzoek.id) == VorderingRij.verzoek_id)
        .join(Schuldeiser, col(Schuldeiser.id) == Verzoek.schuldeiser_id)
        .where(Verzoek.traject_id == traject_id, Verzoek.status != VerzoekStatus.INGETROKKEN.value)
        .order_by(col(Verzoek.verstuurd_op), col(Verzoek.id))
    ).all()
    return tuple(
        Schuldfeiten(naam, SchuldeiserSoort(soort), claim.totaal_cent, claim.peildatum, claim.zakelijk)
        for claim, naam, soort in rows
    )


def _regeling(session: Session, regeling: Regeling, timezone: str) -> Regelingfeiten:
    asked = _first_day(session, regeling.traject_id, "dwangakkoord_gevraagd", timezone)
    stopped = day_of(regeling.updated_at, timezone) if regeling.status == "beeindigd" else None
    return Regelingfeiten(
        soort=RegelingSoort(regeling.soort),
        voorgesteld_op=regeling.voorgesteld_op,
        ingangsdatum=regeling.ingangsdatum,
        afgerond_op=regeling.afgerond_op,
        gestopt_op=stopped,
        dwangakkoord_gevraagd=asked is not None,
        vtlb_cent=int(regeling.afloscapaciteit.get("vtlb_cent", 0)),
    )


def _signaalfeiten(session: Session, row: Signaal) -> Signaalfeiten:
    persoon = (
        Adres(row.bsn, row.straat or "", row.postcode or "", row.woonplaats or "") if row.bsn is not None else None
    )
    if persoon is None and row.traject_id is not None:
        # A signal about a known client keeps no copy of them: the traject's dossier says who they are.
        traject = session.get(Traject, row.traject_id)
        known = session.get(Persoon, traject.persoon_id) if traject else None
        persoon = Adres(known.bsn, known.straat, known.postcode, known.woonplaats) if known else None
    return Signaalfeiten(
        signaal_id=row.id,
        soort=SignaalSoort(row.soort),
        crisis=row.crisis is not None,
        achterstand_cent=row.achterstand_cent,
        ontstaan_op=row.datum,
        ontvangen_op=row.ontvangen_op,
        persoon=persoon,
        bij_traject=row.traject_id is not None,
        gemeentecode=row.gemeentecode,
    )


def _zaakfeiten(case: Signalering, signaal_ids: tuple[str, ...]) -> Zaakfeiten:
    uitkomst = case.uitkomst or {}
    return Zaakfeiten(
        geopend_op=case.geopend_op,
        signaal_ids=signaal_ids,
        pogingen=tuple(date.fromisoformat(day) for day in case.pogingen),
        huisbezoek_op=case.huisbezoek_gevraagd_op,
        bereikt=uitkomst.get("bereikt"),
        kanaal=Contactkanaal(uitkomst["kanaal"]) if uitkomst else None,
        hulp=Hulp(uitkomst["hulp"]) if uitkomst else None,
        uitkomst_op=case.afgesloten_op if uitkomst else None,
        gemeentecode=case.gemeentecode,
    )


def vroegsignalering_in_period(session: Session, van: date, tot: date) -> list[tuple[date, str]]:
    """What the vroegsignalering delivery counts, in a stable order: each case that ran in the period, and each
    signal of the period about someone already in a traject (it opened no case)."""
    cases = session.exec(
        select(Signalering.geopend_op, Signalering.id).where(
            Signalering.geopend_op <= tot,
            or_(col(Signalering.afgesloten_op).is_(None), col(Signalering.afgesloten_op) >= van),
        )
    ).all()
    known = session.exec(
        select(Signaal.ontvangen_op, Signaal.id).where(
            col(Signaal.traject_id).is_not(None),
            col(Signaal.case_id).is_(None),
            Signaal.ontvangen_op >= van,
            Signaal.ontvangen_op <= tot,
        )
    ).all()
    return sorted(
        [(day, f"zaak:{case_id}") for day, case_id in cases] + [(day, f"signaal:{sid}") for day, sid in known]
    )


def vroegsignalering_page(
    session: Session, items: list[tuple[date, str]]
) -> tuple[list[Zaakfeiten], list[Signaalfeiten], list[Signaalfeiten]]:
    """The cases of one page with their signals, and the signals about known clients on it."""
    case_ids = [item.removeprefix("zaak:") for _, item in items if item.startswith("zaak:")]
    known_ids = [item.removeprefix("signaal:") for _, item in items if item.startswith("signaal:")]
    cases = {c.id: c for c in session.exec(select(Signalering).where(col(Signalering.id).in_(case_ids))).all()}
    signals = session.exec(
        select(Signaal).where(col(Signaal.case_id).in_(case_ids)).order_by(col(Signaal.ontvangen_op), col(Signaal.id))
    ).all()
    per_case: dict[str, list[str]] = {}
    for row in signals:
        per_case.setdefault(row.case_id or "", []).append(row.id)
    zaken = [_zaakfeiten(cases[case_id], tuple(per_case.get(case_id, []))) for case_id in case_ids]
    known = session.exec(select(Signaal).where(col(Signaal.id).in_(known_ids)).order_by(col(Signaal.id))).all()
    return zaken, [_signaalfeiten(session, row) for row in signals], [_signaalfeiten(session, row) for row in known]
