"""Dossier rows as the API shows them."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import TypeVar

from sqlmodel import Session, select

from api.problems import invalid
from api.schemas.begeleiding import BegeleidingUit
from api.schemas.betrokkenen import AanleveringUit, BetrokkeneUit, NotitieUit
from api.schemas.bezwaar import Bezwaartermijn, BezwaarUit
from api.schemas.doorverwijzing import DoorverwijzingUit
from api.schemas.schuldeisers import VerzoekUit, VorderingIn
from api.schemas.toezicht import StilstandRegel, TermijnRegel
from api.schemas.toezicht import Termijntelling as TermijntellingUit
from api.schemas.toezicht import Werklast as WerklastUit
from api.schemas.traject import (
    BriefVerwijzing,
    Gebeurtenis,
    OverdrachtUit,
    PersoonUit,
    ProcesplaatStap,
    SignaalBijTraject,
    Termijn,
    TrajectDetail,
    TrajectSamenvatting,
)
from domain.bezwaar import BezwaarTegen, kan_bezwaar
from domain.kalender import volgende_vervaldag
from domain.phases import WAITING_ON, Phase, allowed_steps, procesplaat
from domain.policy import Policy
from domain.regeling_status import RegelingStatus
from domain.regeling_status import waiting_on as regeling_waiting_on
from domain.stilstand import Wachten, drempel, te_lang
from domain.termijnen import Termijnstatus, status_of
from domain.traject import reference
from domain.vordering import Debiteur, escalation_date, reminder_dates
from domain.wgs_deadlines import working_days_left
from runtime.clock import day_of, today
from store import klokken
from store.models import Aanlevering, Persoon, Regeling, Signalering, Traject, Verzoek, VorderingRij
from store.queries import (
    TrajectRij,
    bezwaren_of,
    deadlines_of,
    einde_of,
    letters_of,
    open_requests_of,
    open_trajecten,
    persoon_of,
    settlements_of,
    signals_of,
    teams_of,
    timeline,
    verzoeken_of_traject,
)

BASE = "/api/v1"


def traject_url(traject_id: str) -> str:
    """Where a traject lives."""
    return f"{BASE}/trajecten/{traject_id}"


def summary(traject: TrajectRij) -> TrajectSamenvatting:
    """What a list shows: no personal data beyond the traject's own facts."""
    return TrajectSamenvatting(
        id=traject.id,
        url=traject_url(traject.id),
        kenmerk=reference(traject.id),
        fase=traject.phase,
        fase_sinds=traject.phase_since,
        hulpverlener=traject.caseworker,
        meldingsdatum=traject.meldingsdatum,
        crisis=traject.crisis,
        kinderen=traject.kinderen,
        ondernemer=traject.ondernemer,
        gemeentecode=traject.gemeentecode,
        volgende_termijn=traject.next_deadline,
        termijn_overschreden=traject.deadline_breached,
    )


def _termijnen(traject: Traject) -> list[Termijn]:
    return [
        Termijn(klok=d.clock, uiterlijk=d.uiterlijk, gehaald_op=d.gehaald_op, overschreden=d.overschreden)
        for d in deadlines_of(traject)
    ]


def verzoek_view(session: Session, verzoek: Verzoek) -> VerzoekUit:
    """A creditor request with the claim handed in, if any."""
    claim = session.get(VorderingRij, verzoek.id)
    return VerzoekUit(
        id=verzoek.id,
        url=f"{traject_url(verzoek.traject_id)}/verzoeken/{verzoek.id}",
        schuldeiser_id=verzoek.schuldeiser_id,
        status=verzoek.status,
        verstuurd_op=verzoek.verstuurd_op,
        herinnerd_op=[date.fromisoformat(day) for day in verzoek.herinnerd_op],
        geescaleerd_op=verzoek.geescaleerd_op,
        beantwoord_op=verzoek.beantwoord_op,
        reden=verzoek.reden,
        vordering=VorderingIn.model_validate(claim, from_attributes=True) if claim else None,
    )


def check_debiteur(session: Session, traject_id: str, debiteur: Debiteur) -> None:
    """Refuse a claim against a partner on a traject that helps one person."""
    traject = session.get(Traject, traject_id)
    if debiteur is not Debiteur.CLIENT and traject is not None and traject.partner_id is None:
        raise invalid([("debiteur", "dit traject helpt één persoon; kies client")])


def bezwaartermijnen(traject: Traject) -> list[Bezwaartermijn]:
    """The beschikkingen of the traject an objection can be lodged against today."""
    bezwaren = bezwaren_of(traject)
    beschikking = traject.beschikking or {}
    termijnen = [
        (BezwaarTegen.TOELATING, beschikking.get("besluit_op"), beschikking.get("bezwaar_uiterlijk")),
        (BezwaarTegen.BEEINDIGING, traject.einde_besluit_op, traject.einde_bezwaar_uiterlijk),
    ]
    return [
        Bezwaartermijn(tegen=tegen, uiterlijk=date.fromisoformat(str(uiterlijk)))
        for tegen, besluit_op, uiterlijk in termijnen
        if besluit_op is not None
        and uiterlijk is not None
        and kan_bezwaar(
            bezwaren, tegen, date.fromisoformat(str(besluit_op)), date.fromisoformat(str(uiterlijk)), today()
        )
    ]


def detail(session: Session, traject: Traject) -> TrajectDetail:
    """Everything a caseworker needs on one page: procesplaat, deadlines, actielijst, timeline, letters."""
    phase = Phase(traject.phase)
    persoon = persoon_of(session, traject)
    partner = session.get(Persoon, traject.partner_id) if traject.partner_id else None
    aanlevering = session.get(Aanlevering, traject.id)
    regeling = session.get(Regeling, traject.id)
    events = timeline(session, traject.id)
    return TrajectDetail(
        **summary(traject).model_dump(),
        persoon=PersoonUit.model_validate(persoon, from_attributes=True),
        partner=PersoonUit.model_validate(partner, from_attributes=True) if partner else None,
        bron=traject.bron,
        afspraak={"op": traject.afspraak_op, "locatie": traject.afspraak_locatie} if traject.afspraak_op else None,
        procesplaat=[
            ProcesplaatStap(fase=item.phase.value, naam=item.label, status=item.status.value)
            for item in procesplaat(phase, Phase(traject.closed_after) if traject.closed_after else None)
        ],
        toegestane_stappen=[step.value for step in allowed_steps(phase)],
        termijnen=_termijnen(traject),
        klantprofiel=traject.klantprofiel,
        inkomenscheck=traject.inkomenscheck,
        actielijst=traject.actielijst,
        beschikking=traject.beschikking,
        plan_van_aanpak=traject.plan_van_aanpak,
        eerdere_trajecten=traject.eerdere_trajecten,
        tijdlijn=[Gebeurtenis(soort=e.kind, op=e.at, door=e.actor) for e in events],
        overdrachten=[OverdrachtUit(op=e.at, door=e.actor, **e.data) for e in events if e.kind == "overdracht"],
        verzoeken=[verzoek_view(session, v) for v in verzoeken_of_traject(session, traject.id)],
        maatregelen=traject.maatregelen,
        overzicht_compleet=traject.overzicht_compleet,
        afloscapaciteit=traject.afloscapaciteit,
        uitval=traject.uitval,
        afgerond_op=traject.afgerond_op,
        einde=einde_of(traject, regeling),
        afsluiting=traject.afsluiting,
        einde_bezwaar_uiterlijk=traject.einde_bezwaar_uiterlijk,
        regeling=f"{traject_url(traject.id)}/regeling" if regeling else None,
        nazorg=traject.nazorg,
        nazorg_gestopt=traject.nazorg_gestopt,
        gemiste_afspraken=[date.fromisoformat(d) for d in traject.gemiste_afspraken],
        begeleidingen=[BegeleidingUit.model_validate(b) for b in traject.begeleidingen],
        bezwaren=[BezwaarUit.model_validate(b) for b in traject.bezwaren],
        bezwaar_mogelijk=bezwaartermijnen(traject),
        betrokkenen=[BetrokkeneUit.model_validate(b) for b in traject.betrokkenen],
        notities=[NotitieUit.model_validate(n) for n in traject.notities],
        aangeleverd=AanleveringUit.model_validate(aanlevering, from_attributes=True) if aanlevering else None,
        doorverwijzingen=[DoorverwijzingUit.model_validate(d) for d in traject.doorverwijzingen],
        vorig_traject=traject_url(traject.vorig_traject_id) if traject.vorig_traject_id else None,
        heraanmelding=traject_url(traject.heraanmelding_id) if traject.heraanmelding_id else None,
        signalering=next(
            (
                f"/api/v1/signaleringen/{c}"
                for c in session.exec(select(Signalering.id).where(Signalering.traject_id == traject.id))
            ),
            None,
        ),
        signalen=[
            SignaalBijTraject(
                soort=signaal.soort,
                partner=signaal.partner_id,
                datum=signaal.datum,
                achterstand_cent=signaal.achterstand_cent,
                achterstand_maanden=signaal.achterstand_maanden,
                crisis=signaal.crisis,
                ontvangen_op=signaal.ontvangen_op,
            )
            for signaal in signals_of(session, [traject.id])
        ],
        brieven=[
            BriefVerwijzing(
                id=b.id,
                soort=b.kind,
                onderwerp=b.onderwerp,
                aangemaakt_op=b.created_at,
                url=f"{traject_url(traject.id)}/brieven/{b.id}",
            )
            for b in letters_of(session, traject.id)
        ],
    )


Row = TypeVar("Row", TermijntellingUit, WerklastUit, StilstandRegel)


def of_team(session: Session, rows: list[Row], team: str | None) -> list[Row]:
    """`rows` with each caseworker's team from the register; only those of `team`, when one is named."""
    teams = teams_of(session)
    kept = [row for row in rows if team is None or teams.get(row.hulpverlener) == team]
    # Set in place: a copy of each row cost more than building it.
    for row in kept:
        row.team = teams.get(row.hulpverlener)
    return kept


def attention_clocks(
    session: Session,
    day: date,
    warn: int,
    statuses: Collection[Termijnstatus],
    offset: int,
    limit: int,
    hulpverlener: str | None = None,
    team: str | None = None,
) -> tuple[int, list[TermijnRegel]]:
    """How many clocks of open trajecten are in one of `statuses`, and a page of them, the earliest last day
    first."""
    total, clocks = klokken.attention_clocks(session, day, warn, statuses, offset, limit, hulpverlener, team)
    return total, [
        TermijnRegel(
            traject=traject_url(clock.traject_id),
            kenmerk=reference(clock.traject_id),
            hulpverlener=clock.hulpverlener,
            team=clock.team,
            klok=clock.klok.clock.value,
            uiterlijk=clock.klok.uiterlijk,
            status=status_of(clock.klok, day, warn).value,
            werkdagen_over=working_days_left(day, clock.klok.uiterlijk),
        )
        for clock in clocks
    ]


def clock_counts(session: Session, day: date, warn: int, team: str | None = None) -> list[TermijntellingUit]:
    """Per caseworker, every clock by where it stands today."""
    counts = [
        TermijntellingUit(hulpverlener=telling.hulpverlener, **{s.value: telling.per_status[s] for s in Termijnstatus})
        for telling in klokken.clock_counts(session, day, warn)
    ]
    return of_team(session, counts, team)


def workloads(session: Session, day: date, warn: int, team: str | None = None) -> list[WerklastUit]:
    """Per caseworker, the open trajecten by phase with those breached or due soon; the busiest first."""
    loads = [
        WerklastUit(
            hulpverlener=load.hulpverlener,
            open=load.open,
            per_fase=dict(load.per_fase),
            overschreden=load.overschreden,
            binnenkort=load.binnenkort,
        )
        for load in klokken.workloads(session, day, warn)
    ]
    return of_team(session, loads, team)


def waits_on(traject: TrajectRij, regeling: Regeling | None) -> str:
    """On whom a traject waits: its settlement says so while it runs, else its phase."""
    if regeling is not None and traject.phase == Phase.SCHULDREGELING:
        return regeling_waiting_on(RegelingStatus(regeling.status))
    return WAITING_ON[Phase(traject.phase)]


def stuck_trajecten(
    session: Session,
    day: date,
    policy: Policy,
    wacht_op: str | None = None,
    hulpverlener: str | None = None,
    team: str | None = None,
) -> list[StilstandRegel]:
    """Open trajecten that waited on one party longer than the policy allows, the longest first, with what
    the engine will do next by itself."""
    trajecten = open_trajecten(session, hulpverlener)
    ids = [t.id for t in trajecten]
    settlements = {r.traject_id: r for r in settlements_of(session, ids)}
    oldest_request: dict[str, Verzoek] = {}
    for verzoek in open_requests_of(session, ids):
        oldest_request.setdefault(verzoek.traject_id, verzoek)
    found = []
    for traject in trajecten:
        regeling, request = settlements.get(traject.id), oldest_request.get(traject.id)
        party = waits_on(traject, regeling)
        if wacht_op is not None and party != wacht_op:
            continue
        since = request.verstuurd_op if party == "schuldeisers" and request else day_of(traject.phase_since)
        if regeling is not None and party in ("rechtbank", "hulpverlener") and traject.phase == Phase.SCHULDREGELING:
            since = day_of(regeling.updated_at)
        days = te_lang(Wachten(traject.id, traject.caseworker, party, since), day, policy.wacht_drempel_dagen)
        if days is None:
            continue
        next_on, next_what = _next_by_itself(traject, party, regeling, request, day, policy)
        found.append(
            StilstandRegel(
                traject=traject_url(traject.id),
                kenmerk=reference(traject.id),
                hulpverlener=traject.caseworker,
                wacht_op=party,
                sinds=since,
                dagen=days,
                drempel=drempel(party, policy.wacht_drempel_dagen) or 0,
                volgende_op=next_on,
                volgende=next_what,
            )
        )
    return of_team(session, sorted(found, key=lambda row: (-row.dagen, row.kenmerk)), team)


def _next_by_itself(
    traject: Traject, party: str, regeling: Regeling | None, request: Verzoek | None, day: date, policy: Policy
) -> tuple[date | None, str | None]:
    """What the engine does next without anyone acting: remind or escalate a creditor, check the next
    payment, or let a legal clock run out."""
    if party == "schuldeisers" and request is not None:
        upcoming = [d for d in reminder_dates(request.verstuurd_op, policy) if d >= day]
        if upcoming:
            return upcoming[0], "herinnering aan de schuldeiser"
        if request.geescaleerd_op is None:
            return escalation_date(request.verstuurd_op, policy), "naar de hulpverlener (escalatie)"
    if party == "client" and regeling is not None:
        due = volgende_vervaldag(regeling.ingangsdatum, len(regeling.maandschema), day)
        if due is not None:
            return due, "controle van de betaling"
    clocks = [d.uiterlijk for d in deadlines_of(traject) if d.gehaald_op is None and not d.overschreden]
    if clocks:
        return min(clocks), "Wgs-termijn loopt af"
    return None, None
