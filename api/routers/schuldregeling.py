"""The settlement: caseworkers record the capacity, propose, follow the answers and the court, record
payments; supervisors see the payment position; creditors answer the proposal sent to them."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Body
from sqlmodel import Session, col, select
from starlette.concurrency import run_in_threadpool

from api.audit import audited
from api.auth import Caseworker, Creditor, Staff
from api.csv_files import MEDIA_TYPE, read_lines
from api.deps import CurrentTraject, SessionDep, SettingsDep
from api.engine import Engine, EngineDep
from api.fields import PathId
from api.gate import GuardedRoute
from api.problems import Problem
from api.routers.hulpverlening import step
from api.schemas import TrajectDetail
from api.schemas_schuldregeling import (
    BetalingIn,
    Deel,
    HuishoudenIn,
    ImportFout,
    ImportUitkomst,
    ReactieHulpverlenerIn,
    ReactieIn,
    RegelingUit,
    UitspraakIn,
    UitvalIn,
    VervolgIn,
    VoorstelIn,
    VoorstelVoorSchuldeiser,
    WsnpEindeIn,
)
from api.views import traject_url
from domain import ids
from domain.kalender import achterstand, volgende_vervaldag
from domain.schuldregeling import (
    Afloscapaciteitstap,
    Betaling,
    BetalingBron,
    Uitspraak,
    Uitval,
    Vervolg,
    VervolgKeuze,
    Voorstel,
    VoorstelReactie,
    WsnpEinde,
)
from domain.traject import reference
from runtime.clock import today
from store.models import Deelname, Persoon, Regeling, Schuldeiser, Traject
from workflows.schuldregeling import SchuldregelingWorkflow
from workflows.traject import TrajectWorkflow

router = APIRouter(tags=["schuldregeling"], route_class=GuardedRoute)
TRAJECT = "/trajecten/{traject_id}"
REGELING = "/trajecten/{traject_id}/regeling"
CSV_COLUMNS = ("kenmerk", "betaling_id", "datum", "bedrag_cent")
MAX_BETALING_ID = 300


@router.post(
    f"{TRAJECT}/afloscapaciteit", status_code=201, response_model=TrajectDetail, dependencies=[audited("traject-stap")]
)
async def record_capacity(
    principal: Caseworker, body: HuishoudenIn, traject: CurrentTraject, engine: EngineDep
) -> TrajectDetail:
    """Record the household's figures: the VTLB and the monthly capacity follow by the norms valid today
    (or from `vtlb_cent` computed elsewhere). Statements older than the policy allows are asked again."""
    stap = Afloscapaciteitstap(body.huishouden(), body.vtlb_cent, door=principal.sub)
    return await step(engine, traject.id, TrajectWorkflow.afloscapaciteit, stap)


@router.post(
    f"{TRAJECT}/voorstel", status_code=201, response_model=TrajectDetail, dependencies=[audited("traject-stap")]
)
async def propose(principal: Caseworker, body: VoorstelIn, traject: CurrentTraject, engine: EngineDep) -> TrajectDetail:
    """Propose a minnelijke regeling or a saneringskrediet to every creditor with a claim."""
    return await step(engine, traject.id, TrajectWorkflow.voorstel, Voorstel(body.soort, principal.sub))


@router.post(f"{TRAJECT}/uitval", status_code=201, response_model=TrajectDetail, dependencies=[audited("traject-stap")])
async def drop_out(principal: Caseworker, body: UitvalIn, traject: CurrentTraject, engine: EngineDep) -> TrajectDetail:
    """End the traject early with a reason from the fixed list; the client gets a letter."""
    uitval = Uitval(body.reden, body.toelichting.strip(), door=principal.sub)
    return await step(engine, traject.id, TrajectWorkflow.uitval, uitval)


@router.get(REGELING, response_model=RegelingUit, dependencies=[audited("regeling-lezen")])
def position(principal: Staff, traject: CurrentTraject, session: SessionDep, settings: SettingsDep) -> RegelingUit:
    """The settlement and its payment position today: paid, behind, next due day, each creditor's part."""
    return regeling_view(session, _regeling(session, traject.id), today(settings.policy().timezone))


@router.post(
    f"{REGELING}/reacties", status_code=201, response_model=RegelingUit, dependencies=[audited("regeling-stap")]
)
async def record_answer(
    principal: Caseworker,
    body: ReactieHulpverlenerIn,
    traject: CurrentTraject,
    engine: EngineDep,
    settings: SettingsDep,
) -> RegelingUit:
    """Record a creditor's answer to the proposal, for instance after a phone call."""
    reactie = VoorstelReactie(body.schuldeiser_id, body.akkoord, body.reden.strip(), door=principal.sub)
    return await _settle(engine, settings, traject.id, SchuldregelingWorkflow.reactie, reactie)


@router.post(
    f"{REGELING}/vervolg", status_code=201, response_model=RegelingUit, dependencies=[audited("regeling-stap")]
)
async def choose(
    principal: Caseworker,
    body: VervolgIn,
    traject: CurrentTraject,
    engine: EngineDep,
    settings: SettingsDep,
) -> RegelingUit:
    """After a refusal: ask the court for a dwangakkoord, or go to the Wsnp. Drafts for the court follow."""
    keuze = VervolgKeuze(Vervolg(body.keuze), door=principal.sub)
    return await _settle(engine, settings, traject.id, SchuldregelingWorkflow.vervolg, keuze)


@router.post(
    f"{REGELING}/uitspraken", status_code=201, response_model=RegelingUit, dependencies=[audited("regeling-stap")]
)
async def record_ruling(
    principal: Caseworker,
    body: UitspraakIn,
    traject: CurrentTraject,
    engine: EngineDep,
    settings: SettingsDep,
) -> RegelingUit:
    """Record the court's decision on the dwangakkoord or the Wsnp request."""
    uitspraak = Uitspraak(body.toegewezen, body.datum, door=principal.sub)
    return await _settle(engine, settings, traject.id, SchuldregelingWorkflow.uitspraak, uitspraak)


@router.post(
    f"{REGELING}/betalingen", status_code=201, response_model=RegelingUit, dependencies=[audited("regeling-stap")]
)
async def record_payment(
    principal: Caseworker,
    body: BetalingIn,
    traject: CurrentTraject,
    engine: EngineDep,
    settings: SettingsDep,
) -> RegelingUit:
    """Record a payment by the client; it is divided over the creditors per the regeling."""
    betaling = Betaling(body.betaling_id, body.datum, body.bedrag_cent, BetalingBron.HULPVERLENER, principal.sub)
    return await _settle(engine, settings, traject.id, SchuldregelingWorkflow.betaling, betaling)


@router.post(
    f"{REGELING}/inkomenswijzigingen",
    status_code=201,
    response_model=RegelingUit,
    dependencies=[audited("regeling-stap")],
)
async def record_income_change(
    principal: Caseworker,
    body: HuishoudenIn,
    traject: CurrentTraject,
    engine: EngineDep,
    settings: SettingsDep,
) -> RegelingUit:
    """A change of income: the new capacity is computed and waits for approval (`herberekening`)."""
    stap = Afloscapaciteitstap(body.huishouden(), body.vtlb_cent, door=principal.sub)
    return await _settle(engine, settings, traject.id, SchuldregelingWorkflow.inkomenswijziging, stap)


@router.post(
    f"{REGELING}/herberekening", status_code=201, response_model=RegelingUit, dependencies=[audited("regeling-stap")]
)
async def approve_recalculation(
    principal: Caseworker, traject: CurrentTraject, engine: EngineDep, settings: SettingsDep
) -> RegelingUit:
    """Approve the recalculated amount: it applies from the first month not yet due; the client is told."""
    update = SchuldregelingWorkflow.herberekening_goedkeuren
    return await _settle(engine, settings, traject.id, update, principal.sub)


@router.post(
    f"{REGELING}/afronding", status_code=201, response_model=RegelingUit, dependencies=[audited("regeling-stap")]
)
async def close_with_shortfall(
    principal: Caseworker, traject: CurrentTraject, engine: EngineDep, settings: SettingsDep
) -> RegelingUit:
    """Close a settlement whose term is over although less was paid than planned (a full one closes itself)."""
    return await _settle(engine, settings, traject.id, SchuldregelingWorkflow.afronden, principal.sub)


@router.post(
    f"{REGELING}/wsnp-einde", status_code=201, response_model=RegelingUit, dependencies=[audited("regeling-stap")]
)
async def record_wsnp_end(
    principal: Caseworker,
    body: WsnpEindeIn,
    traject: CurrentTraject,
    engine: EngineDep,
    settings: SettingsDep,
) -> RegelingUit:
    """Record how the Wsnp ended: with the schone lei, or without."""
    einde = WsnpEinde(body.schone_lei, body.datum, door=principal.sub)
    return await _settle(engine, settings, traject.id, SchuldregelingWorkflow.wsnp_einde, einde)


@router.post("/regelingen/betalingen", response_model=ImportUitkomst)
async def import_statement(
    principal: Caseworker,
    engine: EngineDep,
    statement: Annotated[str, Body(media_type=MEDIA_TYPE, max_length=2_000_000)],
) -> ImportUitkomst:
    """Import a kredietbank statement (CSV: kenmerk, betaling_id, datum, bedrag_cent). Every good line is
    recorded, once per betaling_id; each bad line is reported by its number and stops nothing else."""
    regels, fouten = read_lines(statement, CSV_COLUMNS)
    errors = [ImportFout(regel=fout.nummer, reden=fout.reden) for fout in fouten]
    done = 0
    for regel in regels:
        line, row = regel.nummer, regel.velden
        try:
            traject_id = await run_in_threadpool(_traject_of_reference, engine.session, row["kenmerk"])
            betaling = Betaling(
                row["betaling_id"],
                date.fromisoformat(row["datum"]),
                int(row["bedrag_cent"]),
                BetalingBron.KREDIETBANK,
                principal.sub,
            )
            if not 0 < len(betaling.betaling_id) <= MAX_BETALING_ID:
                raise ValueError(f"betaling_id ontbreekt of is langer dan {MAX_BETALING_ID} tekens")
            await _send(engine, traject_id, SchuldregelingWorkflow.betaling, betaling, part=betaling.betaling_id)
        except (ValueError, TypeError) as err:
            errors.append(ImportFout(regel=line, reden=str(err)))
        except Problem as problem:
            if problem.status >= 500:
                # The engine is away: stop here. Lines already recorded count once when the file comes again.
                raise
            errors.append(ImportFout(regel=line, reden=_reason(problem)))
        else:
            done += 1
    return ImportUitkomst(verwerkt=done, fouten=sorted(errors, key=lambda fout: fout.regel))


@router.get(
    "/schuldeisers/voorstellen", response_model=list[VoorstelVoorSchuldeiser], dependencies=[audited("voorstel-lezen")]
)
def my_proposals(
    principal: Creditor, session: SessionDep, settings: SettingsDep, alleen_open: bool = True
) -> list[VoorstelVoorSchuldeiser]:
    """The proposals sent to me; by default only those still waiting for my answer."""
    query = select(Deelname).where(Deelname.schuldeiser_id == principal.sub)
    if alleen_open:
        # A proposal whose settlement ended (uitval) waits for nobody any more.
        query = query.join(Regeling, col(Regeling.traject_id) == col(Deelname.traject_id)).where(
            Deelname.reactie == "open", Regeling.status == "voorstel"
        )
    rows = session.exec(query.order_by(col(Deelname.voorgesteld_op), col(Deelname.id))).all()
    looptijd = settings.policy().looptijd_maanden
    return [_for_creditor(session, row, looptijd) for row in rows]


@router.get(
    "/schuldeisers/voorstellen/{voorstel_id}",
    response_model=VoorstelVoorSchuldeiser,
    dependencies=[audited("voorstel-lezen")],
)
def my_proposal(
    principal: Creditor, voorstel_id: PathId, session: SessionDep, settings: SettingsDep
) -> VoorstelVoorSchuldeiser:
    """One proposal sent to me, with my answer and what I received so far."""
    return _for_creditor(session, _own(session, principal.sub, voorstel_id), settings.policy().looptijd_maanden)


@router.post(
    "/schuldeisers/voorstellen/{voorstel_id}/reactie",
    status_code=201,
    response_model=VoorstelVoorSchuldeiser,
    dependencies=[audited("voorstel-beantwoorden")],
)
async def answer_proposal(
    principal: Creditor,
    voorstel_id: PathId,
    body: ReactieIn,
    engine: EngineDep,
    settings: SettingsDep,
) -> VoorstelVoorSchuldeiser:
    """Accept the proposal, or refuse it with your reason."""
    session = engine.session
    row = await run_in_threadpool(_own, session, principal.sub, voorstel_id)
    reactie = VoorstelReactie(principal.sub, body.akkoord, body.reden, door=principal.sub)
    await _send(engine, row.traject_id, SchuldregelingWorkflow.reactie, reactie)

    def read() -> VoorstelVoorSchuldeiser:
        session.expire_all()
        return _for_creditor(session, _own(session, principal.sub, voorstel_id), settings.policy().looptijd_maanden)

    return await run_in_threadpool(read)


def regeling_view(session: Session, regeling: Regeling, today: date) -> RegelingUit:
    """The settlement with its position on `today`: what was due by then and not paid, and the next due day."""
    schema, ingang = regeling.maandschema, regeling.ingangsdatum
    names = {s.id: s.naam for s in session.exec(select(Schuldeiser)).all()}
    deelnames = session.exec(select(Deelname).where(Deelname.traject_id == regeling.traject_id)).all()
    running = regeling.status == "loopt"
    return RegelingUit(
        **regeling.model_dump(exclude={"traject_id", "version", "updated_at"}),
        traject=traject_url(regeling.traject_id),
        achterstand_cent=achterstand(schema, ingang, regeling.betaald_cent, today) if running else 0,
        volgende_vervaldag=volgende_vervaldag(ingang, len(schema), today) if running else None,
        schuldeisers=[
            Deel(
                **d.model_dump(exclude={"id", "traject_id", "voorgesteld_op"}),
                voorstel_id=d.id,
                schuldeiser=names.get(d.schuldeiser_id, d.schuldeiser_id),
            )
            for d in deelnames
        ],
    )


async def _settle(engine: Engine, settings: SettingsDep, traject_id: str, update: Any, value: Any) -> RegelingUit:
    await run_in_threadpool(_regeling, engine.session, traject_id)
    await _send(engine, traject_id, update, value)

    def read() -> RegelingUit:
        engine.session.expire_all()
        return regeling_view(engine.session, _regeling(engine.session, traject_id), today(settings.policy().timezone))

    return await run_in_threadpool(read)


async def _send(engine: Engine, traject_id: str, update: Any, value: Any, part: str = "") -> None:
    handle = engine.client.get_workflow_handle_for(SchuldregelingWorkflow.run, ids.schuldregeling(traject_id))
    closed = Problem(409, "regeling-afgesloten", "Deze regeling is afgesloten; er kan niets meer bij.")
    await engine.update(handle, update, value, closed, f"{traject_url(traject_id)}/regeling", part)


def _regeling(session: Session, traject_id: str) -> Regeling:
    regeling = session.get(Regeling, traject_id)
    if regeling is None:
        raise Problem(404, "niet-gevonden", "Dit traject heeft (nog) geen schuldregeling.")
    return regeling


def _own(session: Session, schuldeiser_id: str, voorstel_id: str) -> Deelname:
    row = session.get(Deelname, voorstel_id)
    if row is None or row.schuldeiser_id != schuldeiser_id:
        raise Problem(404, "niet-gevonden", "Er is geen voorstel met dit id voor u.")
    return row


def _for_creditor(session: Session, row: Deelname, looptijd: int) -> VoorstelVoorSchuldeiser:
    traject = session.get(Traject, row.traject_id)
    persoon = session.get(Persoon, traject.persoon_id) if traject else None
    regeling = session.get(Regeling, row.traject_id)
    return VoorstelVoorSchuldeiser(
        id=row.id,
        url=f"/api/v1/schuldeisers/voorstellen/{row.id}",
        kenmerk=reference(row.traject_id),
        client_naam=persoon.naam if persoon else "",
        soort=regeling.soort if regeling else "",
        status=regeling.status if regeling else "",
        vordering_cent=row.vordering_cent,
        aandeel_cent=row.aandeel_cent,
        ontvangen_cent=row.ontvangen_cent,
        looptijd_maanden=looptijd,
        reactie=row.reactie,
        reden=row.reden,
        voorgesteld_op=row.voorgesteld_op,
        beantwoord_op=row.beantwoord_op,
    )


def _traject_of_reference(session: Session, kenmerk: str) -> str:
    """The traject a kredietbank statement names by its reference ('SHV-' and the id's first 8 characters)."""
    prefix = kenmerk.strip().upper().removeprefix("SHV-").lower()
    if len(prefix) != 8:
        raise ValueError(f"kenmerk '{kenmerk}' is geen kenmerk van ons")
    matches = session.exec(select(Regeling.traject_id).where(col(Regeling.traject_id).startswith(prefix))).all()
    if len(matches) != 1:
        raise ValueError(f"geen regeling met kenmerk '{kenmerk}'")
    return matches[0]


def _reason(problem: Problem) -> str:
    params: list[dict[str, str]] = problem.extra.get("invalidParams", [])
    return "; ".join(f"{p['name']}: {p['reason']}" for p in params) or problem.detail
