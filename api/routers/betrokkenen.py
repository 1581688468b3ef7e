"""The people around a client. The caseworker links a ketenpartner, bewindvoerder or maatje from the register
to a traject and ends the link; each of them reads only the trajecten linked to them, and only what their part
needs (a traject not linked to them does not exist for them: 404). A ketenpartner or bewindvoerder adds notes
and tasks for the caseworker."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Response
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from api.audit import audited
from api.auth import Betrokkene, Bewindvoerder, Caseworker, Principal, Role, Schrijver
from api.deps import CurrentTraject, SessionDep, SettingsDep
from api.engine import EngineDep
from api.fields import Ident, PathId
from api.gate import GuardedRoute
from api.problems import Problem, invalid
from api.routers.trajecten import aanmelden, gemeente_of
from api.schemas.betrokken import BetrokkenTraject, BetrokkenTrajectRegel, ContactUit, SchuldVoorBetrokkene
from api.schemas.betrokkenen import DossierIn, KoppelingIn, NotitieIn, OntkoppelingIn
from api.schemas.regeling import BetalingIn
from api.schemas.traject import AanmeldingBewindvoerderIn, AanmeldingIn, TrajectDetail
from api.steps import regeling_update, step
from api.views import detail
from domain import betrokkene as domain
from domain.aanmelding import Bron
from domain.betrokkene import Betrokkenheid
from domain.overdracht import verdeel
from domain.schuldregeling import Betaling, BetalingBron
from domain.traject import reference
from runtime.clock import today
from store.models import Aanlevering, Medewerker, Regeling, Schuldeiser, Traject, Verzoek, VorderingRij
from store.models import Betrokkenheid as Link
from store.queries import betrokkenen_of, client_naam, open_counts, staff
from store.werkgebied import bedient
from workflows.schuldregeling import SchuldregelingWorkflow
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


def _in_register_as_bewindvoerder(session: Session, principal: Principal) -> None:
    member = session.get(Medewerker, principal.sub)
    if member is None or not member.actief or member.rol != Role.BEWINDVOERDER.value:
        raise Problem(403, "geen-toegang", "U staat niet als actieve bewindvoerder in het register van de gemeente.")


def _least_busy_caseworker(session: Session, gemeentecode: str) -> str:
    """The active caseworker with the fewest open trajecten among those who serve this gemeente."""
    caseworkers = [
        m.id for m in staff(session, actief=True) if m.rol == Role.HULPVERLENER.value and bedient(m, gemeentecode)
    ]
    if not caseworkers:
        raise Problem(
            409,
            "geen-hulpverlener",
            "Er staat geen actieve hulpverlener voor deze gemeente in het register om dit op te pakken.",
        )
    return verdeel(["nieuw"], open_counts(session, caseworkers))["nieuw"]


def _keep_aanlevering(session: Session, traject_id: str, door: str, dossier: DossierIn) -> None:
    """Keep what the bewindvoerder handed in, once: a retried aanmelding finds it there."""
    if session.get(Aanlevering, traject_id) is not None:
        return
    session.add(Aanlevering(traject_id=traject_id, door=door, op=datetime.now(UTC), **dossier.model_dump(mode="json")))
    try:
        session.commit()
    except IntegrityError:
        session.rollback()


@router.post(
    "/betrokken/aanmeldingen",
    status_code=201,
    response_model=BetrokkenTraject,
    responses={200: {"model": BetrokkenTraject, "description": "Dezelfde Idempotency-Key: het eerste traject."}},
    dependencies=[audited("traject-stap")],
)
async def register_under_bewind(
    principal: Bewindvoerder,
    body: AanmeldingBewindvoerderIn,
    response: Response,
    session: SessionDep,
    engine: EngineDep,
    settings: SettingsDep,
) -> BetrokkenTraject:
    """A bewindvoerder registers a client under bewind (seed 004, the bewindvoerdersdesk), with the income,
    fixed costs and debts already gathered. The least busy caseworker takes it; the bewindvoerder is linked
    to the traject from the start and gets a copy of every letter about the client's money."""
    await run_in_threadpool(_in_register_as_bewindvoerder, session, principal)
    aanmelding = AanmeldingIn(
        persoon=body.persoon,
        partner=body.partner,
        bron=Bron.BEWINDVOERDER,
        kinderen=body.kinderen,
        crisis=body.crisis,
        ondernemer=body.ondernemer,
    )
    gemeentecode = await run_in_threadpool(gemeente_of, session, settings, aanmelding)
    caseworker = await run_in_threadpool(_least_busy_caseworker, session, gemeentecode)
    traject_id, retried = await aanmelden(
        principal.sub, aanmelding, caseworker, session, engine, settings, bewindvoerder=principal.sub
    )
    await run_in_threadpool(_keep_aanlevering, session, traject_id, principal.sub, body.dossier)
    response.status_code = 200 if retried else 201
    response.headers["Location"] = f"/api/v1{MIJN}/{traject_id}"

    def read() -> BetrokkenTraject:
        session.expire_all()
        traject, own = linked(session, principal, traject_id)
        return seen(session, traject, own)

    return await run_in_threadpool(read)


@router.post(
    f"{MIJN}/{{traject_id}}/betalingen",
    status_code=201,
    response_model=BetrokkenTraject,
    dependencies=[audited("regeling-stap")],
)
async def pay_as_bewindvoerder(
    principal: Bewindvoerder, traject_id: PathId, body: BetalingIn, engine: EngineDep
) -> BetrokkenTraject:
    """A payment the bewindvoerder made from the client's account; sending the same `betaling_id` again
    changes nothing. It is divided over the creditors like any other."""
    traject, _ = await run_in_threadpool(linked, engine.session, principal, traject_id)
    if await run_in_threadpool(engine.session.get, Regeling, traject.id) is None:
        raise Problem(409, "geen-regeling", "Dit traject heeft (nog) geen schuldregeling om op te betalen.")
    betaling = Betaling(body.betaling_id, body.datum, body.bedrag_cent, BetalingBron.BEWINDVOERDER, principal.sub)
    await regeling_update(engine, traject.id, SchuldregelingWorkflow.betaling, betaling)

    def read() -> BetrokkenTraject:
        engine.session.expire_all()
        fresh, own = linked(engine.session, principal, traject_id)
        return seen(engine.session, fresh, own)

    return await run_in_threadpool(read)
