"""The settlement: caseworkers record the capacity, propose, follow the answers and the court, record
payments and import a kredietbank's statement; supervisors see the payment position. Creditors answer
the proposal sent to them through their own router (schuldeisers.py)."""

from collections import defaultdict
from datetime import date
from functools import partial
from typing import Any

from fastapi import APIRouter, Request
from sqlmodel import Session, func, select
from starlette.concurrency import run_in_threadpool

from api.audit import audited
from api.auth import Caseworker, Staff
from api.csv_files import PART_LINES, Fout, Regel, csv_upload, parts, stream_lines
from api.deps import CurrentTraject, SessionDep, SettingsDep
from api.engine import Engine, EngineDep
from api.gate import GuardedRoute
from api.problems import Problem
from api.schemas.regeling import (
    BetalingIn,
    Deel,
    HuishoudenIn,
    ImportFout,
    ImportUitkomst,
    ReactieHulpverlenerIn,
    RegelingUit,
    UitspraakIn,
    VervolgIn,
    VoorstelIn,
    WsnpEindeIn,
)
from api.schemas.traject import TrajectDetail
from api.steps import regeling_update, step
from api.views import traject_url
from domain.kalender import achterstand, volgende_vervaldag
from domain.regeling_status import RegelingStatus
from domain.schuldregeling import (
    Afloscapaciteitstap,
    Betaling,
    BetalingBron,
    Uitspraak,
    Vervolg,
    VervolgKeuze,
    Voorstel,
    VoorstelReactie,
    WsnpEinde,
)
from runtime.clock import today
from store.models import Deelname, Regeling, Schuldeiser
from workflows.schuldregeling import SchuldregelingWorkflow
from workflows.traject import TrajectWorkflow

router = APIRouter(tags=["regelingen"], route_class=GuardedRoute)
TRAJECT = "/trajecten/{traject_id}"
REGELING = "/trajecten/{traject_id}/regeling"
CSV_COLUMNS = ("kenmerk", "betaling_id", "datum", "bedrag_cent")
MAX_BETALING_ID = 300
# How many settlements a statement's payments are recorded in at once.
SETTLEMENTS_AT_ONCE = 20


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


@router.post(
    "/regelingen/betalingen",
    response_model=ImportUitkomst,
    openapi_extra=csv_upload(f"Het afschrift van de kredietbank, met de kolommen {', '.join(CSV_COLUMNS)}."),
)
async def import_statement(principal: Caseworker, engine: EngineDep, request: Request) -> ImportUitkomst:
    """Import a kredietbank statement (CSV: kenmerk, betaling_id, datum, bedrag_cent), read as it arrives.
    Every good line is recorded, once per betaling_id; each bad line is reported by its number and stops
    nothing else. Payments to different settlements are recorded several at a time, each settlement's in
    the statement's order."""
    errors: list[ImportFout] = []
    done = 0
    async for part in parts(stream_lines(request.stream(), CSV_COLUMNS), PART_LINES):
        kenmerken = {line.velden["kenmerk"] for line in part if isinstance(line, Regel)}
        trajecten = await run_in_threadpool(_trajecten_of_references, engine.session, kenmerken)
        per_traject: dict[str, list[tuple[int, Betaling]]] = defaultdict(list)
        for line in part:
            try:
                traject_id, betaling = _payment_of(line, trajecten, principal.sub)
            except (ValueError, TypeError) as err:
                errors.append(ImportFout(regel=line.nummer, reden=str(err)))
            else:
                per_traject[traject_id].append((line.nummer, betaling))

        refused: list[ImportFout] = []
        await engine.gather(
            (
                partial(_record_payments, engine, traject_id, payments, refused)
                for traject_id, payments in per_traject.items()
            ),
            SETTLEMENTS_AT_ONCE,
        )
        done += sum(len(payments) for payments in per_traject.values()) - len(refused)
        errors += refused
    return ImportUitkomst(verwerkt=done, fouten=sorted(errors, key=lambda fout: fout.regel))


async def _record_payments(
    engine: Engine, traject_id: str, payments: list[tuple[int, Betaling]], refused: list[ImportFout]
) -> None:
    """Record a settlement's payments of a statement in their order; each the settlement refuses goes to
    `refused` by its line. The engine away stops it: what was recorded counts once when the statement comes
    again."""
    for nummer, betaling in payments:
        try:
            await regeling_update(
                engine, traject_id, SchuldregelingWorkflow.betaling, betaling, part=betaling.betaling_id, release=False
            )
        except Problem as problem:
            if problem.status >= 500:
                raise
            refused.append(ImportFout(regel=nummer, reden=_reason(problem)))


def _payment_of(line: Regel | Fout, trajecten: dict[str, list[str]], door: str) -> tuple[str, Betaling]:
    """A statement's line as the settlement it pays and the payment; a ValueError or TypeError says why it
    is neither."""
    if isinstance(line, Fout):
        raise ValueError(line.reden)
    row = line.velden
    if len(reference := _reference(row["kenmerk"])) != 8:
        raise ValueError(f"kenmerk '{row['kenmerk']}' is geen kenmerk van ons")
    matches = trajecten.get(reference, [])
    if len(matches) != 1:
        raise ValueError(f"geen regeling met kenmerk '{row['kenmerk']}'")
    betaling = Betaling(
        row["betaling_id"], date.fromisoformat(row["datum"]), int(row["bedrag_cent"]), BetalingBron.KREDIETBANK, door
    )
    if not 0 < len(betaling.betaling_id) <= MAX_BETALING_ID:
        raise ValueError(f"betaling_id ontbreekt of is langer dan {MAX_BETALING_ID} tekens")
    return matches[0], betaling


def regeling_view(session: Session, regeling: Regeling, today: date) -> RegelingUit:
    """The settlement with its position on `today`: what was due by then and not paid, and the next due day."""
    schema, ingang = regeling.maandschema, regeling.ingangsdatum
    names = {s.id: s.naam for s in session.exec(select(Schuldeiser)).all()}
    deelnames = session.exec(select(Deelname).where(Deelname.traject_id == regeling.traject_id)).all()
    running = regeling.status == RegelingStatus.LOOPT.value
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
    await regeling_update(engine, traject_id, update, value)

    def read() -> RegelingUit:
        engine.session.expire_all()
        return regeling_view(engine.session, _regeling(engine.session, traject_id), today(settings.policy().timezone))

    return await run_in_threadpool(read)


def _regeling(session: Session, traject_id: str) -> Regeling:
    regeling = session.get(Regeling, traject_id)
    if regeling is None:
        raise Problem(404, "niet-gevonden", "Dit traject heeft (nog) geen schuldregeling.")
    return regeling


def _trajecten_of_references(session: Session, kenmerken: set[str]) -> dict[str, list[str]]:
    """The settlements a part of a statement names, by the reference's 8 characters: one read for the part."""
    prefixes = {prefix for kenmerk in kenmerken if len(prefix := _reference(kenmerk)) == 8}
    found: dict[str, list[str]] = defaultdict(list)
    for traject_id in session.exec(
        select(Regeling.traject_id).where(func.substr(Regeling.traject_id, 1, 8).in_(prefixes))
    ):
        found[traject_id[:8]].append(traject_id)
    return found


def _reference(kenmerk: str) -> str:
    """A kredietbank's reference of a settlement ('SHV-' and the traject id's first 8 characters), as those
    8 characters."""
    return kenmerk.strip().upper().removeprefix("SHV-").lower()


def _reason(problem: Problem) -> str:
    params: list[dict[str, str]] = problem.extra.get("invalidParams", [])
    return "; ".join(f"{p['name']}: {p['reason']}" for p in params) or problem.detail
