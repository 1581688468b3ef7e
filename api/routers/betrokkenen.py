"""The people around a client. The caseworker links a ketenpartner, bewindvoerder or maatje from the register
to a traject and ends the link; each of them reads only the trajecten linked to them, and only what their part
needs (a traject not linked to them does not exist for them: 404). A ketenpartner or bewindvoerder adds notes
and tasks for the caseworker."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from sqlmodel import Session, col, select

from api.audit import audited
from api.auth import Betrokkene, Caseworker, Principal, Schrijver
from api.deps import CurrentTraject, SessionDep
from api.engine import EngineDep
from api.fields import Ident, PathId
from api.gate import GuardedRoute
from api.problems import Problem, invalid
from api.schemas.betrokken import BetrokkenTraject, BetrokkenTrajectRegel, ContactUit, SchuldVoorBetrokkene
from api.schemas.betrokkenen import KoppelingIn, NotitieIn, OntkoppelingIn
from api.schemas.traject import TrajectDetail
from api.steps import step
from api.views import detail
from domain import betrokkene as domain
from domain.betrokkene import Betrokkenheid
from domain.traject import reference
from runtime.clock import today
from store.models import Betrokkenheid as Link
from store.models import Medewerker, Regeling, Schuldeiser, Traject, Verzoek, VorderingRij
from store.queries import betrokkenen_of, client_naam
from workflows.traject import TrajectWorkflow

router = APIRouter(tags=["betrokkenen"], route_class=GuardedRoute)
BETROKKENEN = "/trajecten/{traject_id}/betrokkenen"
MIJN = "/betrokken/trajecten"


def _partner_in_register(session: Session, medewerker_id: str) -> Betrokkenheid:
    member = session.get(Medewerker, medewerker_id)
    roles = {r.value for r in Betrokkenheid}
    if member is None or not member.actief or member.rol not in roles:
        raise invalid(
            [("medewerker_id", "staat niet als actieve ketenpartner, bewindvoerder of maatje in het register")]
        )
    return Betrokkenheid(member.rol)


@router.post(BETROKKENEN, status_code=201, response_model=TrajectDetail, dependencies=[audited("traject-stap")])
async def link(principal: Caseworker, body: KoppelingIn, traject: CurrentTraject, engine: EngineDep) -> TrajectDetail:
    """Link someone from the register to the traject: a ketenpartner for a tandem (sees the debts only with
    `schulden_delen`), a bewindvoerder, or a maatje (only with the client's consent)."""
    rol = await run_in_threadpool(_partner_in_register, engine.session, body.medewerker_id)
    koppeling = domain.Koppeling(
        body.medewerker_id,
        rol,
        body.vanaf or today(),
        body.schulden_delen,
        body.toestemming_op,
        door=principal.sub,
    )
    return await step(engine, traject.id, TrajectWorkflow.betrokkene_koppelen, koppeling)


@router.post(
    f"{BETROKKENEN}/{{medewerker_id}}/einde",
    status_code=201,
    response_model=TrajectDetail,
    dependencies=[audited("traject-stap")],
)
async def unlink(
    principal: Caseworker, medewerker_id: Ident, body: OntkoppelingIn, traject: CurrentTraject, engine: EngineDep
) -> TrajectDetail:
    """End a link: after `tot` that person no longer sees the traject."""
    ontkoppeling = domain.Ontkoppeling(medewerker_id, body.tot or today(), door=principal.sub)
    return await step(engine, traject.id, TrajectWorkflow.betrokkene_ontkoppelen, ontkoppeling)


@router.post(
    "/trajecten/{traject_id}/taken/{notitie_id}/afgehandeld",
    status_code=201,
    response_model=TrajectDetail,
    dependencies=[audited("traject-stap")],
)
async def task_done(
    principal: Caseworker, notitie_id: PathId, traject: CurrentTraject, engine: EngineDep
) -> TrajectDetail:
    """The caseworker did what a partner's task asked; it leaves the werkvoorraad."""
    return await step(engine, traject.id, TrajectWorkflow.taak_af, domain.TaakAf(notitie_id, principal.sub))


def linked(session: Session, principal: Principal, traject_id: str) -> tuple[Traject, domain.Betrokkene]:
    """The traject and the caller's link to it today; 404 when there is none, so a traject not linked to the
    caller cannot be told from one that does not exist."""
    traject = session.get(Traject, traject_id)
    day = today()
    links = betrokkenen_of(traject) if traject else []
    own = next((b for b in reversed(links) if b.medewerker_id == principal.sub and b.ziet_op(day)), None)
    if traject is None or own is None or own.rol.value != principal.role.value:
        raise Problem(404, "niet-gevonden", "Er is geen traject met dit id voor u.")
    return traject, own


def seen(session: Session, traject: Traject, own: domain.Betrokkene) -> BetrokkenTraject:
    """The traject as far as the caller's part lets them see it."""
    shown = detail(session, traject)
    caseworker = session.get(Medewerker, traject.caseworker)
    maatje = own.rol is Betrokkenheid.MAATJE
    schulden = None
    if own.ziet_schulden:
        rows = session.exec(
            select(Verzoek, Schuldeiser.naam, VorderingRij.totaal_cent)
            .join(Schuldeiser, col(Schuldeiser.id) == Verzoek.schuldeiser_id)
            .outerjoin(VorderingRij, col(VorderingRij.verzoek_id) == Verzoek.id)
            .where(Verzoek.traject_id == traject.id)
            .order_by(col(Verzoek.verstuurd_op), col(Verzoek.id))
        ).all()
        schulden = [SchuldVoorBetrokkene(schuldeiser=naam, status=v.status, totaal_cent=t) for v, naam, t in rows]
    regeling = session.get(Regeling, traject.id) if own.ziet_schulden else None
    return BetrokkenTraject(
        id=traject.id,
        url=f"/api/v1{MIJN}/{traject.id}",
        kenmerk=reference(traject.id),
        client=client_naam(session, traject),
        rol=own.rol,
        hulpverlener=ContactUit(
            naam=caseworker.naam if caseworker else traject.caseworker,
            telefoon=caseworker.telefoon if caseworker else None,
        ),
        afspraak=shown.afspraak,
        actielijst=shown.actielijst,
        fase=None if maatje else traject.phase,
        procesplaat=None if maatje else shown.procesplaat,
        begeleidingen=None if maatje else shown.begeleidingen,
        notities=None if maatje else [n for n in shown.notities if n.door == own.medewerker_id],
        schulden=schulden,
        maandbedrag_cent=regeling.maandbedrag_cent if regeling else None,
    )


def mine(session: Session, principal: Principal) -> list[BetrokkenTrajectRegel]:
    """The trajecten linked to the caller today."""
    day = today()
    rows = session.exec(
        select(Traject, Link)
        .join(Link, col(Link.traject_id) == Traject.id)
        .where(Link.medewerker_id == principal.sub, Link.rol == principal.role.value, col(Link.vanaf) <= day)
        .order_by(col(Traject.meldingsdatum).desc(), col(Traject.id))
    ).all()
    return [
        BetrokkenTrajectRegel(
            id=traject.id,
            url=f"/api/v1{MIJN}/{traject.id}",
            kenmerk=reference(traject.id),
            client=client_naam(session, traject),
            rol=Betrokkenheid(link.rol),
            fase=None if link.rol == Betrokkenheid.MAATJE else traject.phase,
        )
        for traject, link in rows
        if link.tot is None or day <= link.tot
    ]


@router.get(MIJN, response_model=list[BetrokkenTrajectRegel], dependencies=[audited("betrokken-lijst")])
def my_trajecten(principal: Betrokkene, session: SessionDep) -> list[BetrokkenTrajectRegel]:
    """The trajecten linked to the caller today, the newest aanmelding first."""
    return mine(session, principal)


@router.get(f"{MIJN}/{{traject_id}}", response_model=BetrokkenTraject, dependencies=[audited("betrokken-lezen")])
def my_traject(principal: Betrokkene, traject_id: PathId, session: SessionDep) -> BetrokkenTraject:
    """One linked traject, as far as the caller's part may see it."""
    traject, own = linked(session, principal, traject_id)
    return seen(session, traject, own)


@router.post(
    f"{MIJN}/{{traject_id}}/notities",
    status_code=201,
    response_model=BetrokkenTraject,
    dependencies=[audited("betrokken-notitie")],
)
async def add_note(principal: Schrijver, traject_id: PathId, body: NotitieIn, engine: EngineDep) -> BetrokkenTraject:
    """A note for the caseworker, or a task (`taak`) that stays in the caseworker's werkvoorraad until done."""
    traject, _ = await run_in_threadpool(linked, engine.session, principal, traject_id)
    notitie = domain.NotitieIn(body.tekst, body.taak, door=principal.sub)
    await step(engine, traject.id, TrajectWorkflow.notitie, notitie)
    fresh, own = await run_in_threadpool(linked, engine.session, principal, traject_id)
    return await run_in_threadpool(seen, engine.session, fresh, own)
