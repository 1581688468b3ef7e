"""Vroegsignalering: signal partners report arrears and read what became of them; caseworkers follow the
cases and record their outcome. A partner sees only its own signals, and nothing it did not send."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlmodel import Session, col, select
from starlette.concurrency import run_in_threadpool
from temporalio.client import Client

from api.audit import PERSONAL_DATA, audited
from api.auth import Caseworker, Partner
from api.csv_files import MEDIA_TYPE, read_lines
from api.deps import SessionDep, SettingsDep
from api.engine import EngineDep
from api.fields import Bsn, CaseId, Gebeurd, Line, Note, Ontruimingsdatum, PathId, PositiveCents, Postcode, Strict
from api.gate import GuardedRoute
from api.problems import Problem, invalid
from api.views import traject_url
from domain.signalering import (
    Contactkanaal,
    Hulp,
    SignaalIn,
    SignaalSoort,
    SignaleringStart,
    Uitkomst,
    signaal_problems,
)
from runtime.clock import today
from runtime.settings import Settings
from store.models import Signaal, Signalering
from store.signalen import Intake, take_in
from workflows.signalering import SignaleringWorkflow

router = APIRouter(tags=["vroegsignalering"], route_class=GuardedRoute)
CSV_COLUMNS = (
    "soort",
    "bsn",
    "naam",
    "straat",
    "postcode",
    "woonplaats",
    "telefoon",
    "achterstand_cent",
    "achterstand_maanden",
    "datum",
    "kenmerk",
    "eindelevering",
    "ontruimingsdatum",
)
# Who picks up the tasks of vroegsignalering cases: the team, not one caseworker.
TEAM = "team-vroegsignalering"


class SignaalBody(Strict):
    """One arrears signal. Amounts in euro cents; `eindelevering` for an energy or water supplier's
    end-of-supply notice; `ontruimingsdatum` for a set eviction date."""

    soort: SignaalSoort
    bsn: Bsn
    naam: Line
    straat: Line
    postcode: Postcode
    woonplaats: Line
    telefoon: Annotated[str, Field(pattern=r"^\+?[0-9 -]{10,15}$")] | None = None
    achterstand_cent: PositiveCents
    achterstand_maanden: Annotated[int, Field(ge=1, le=24)]
    datum: Gebeurd
    kenmerk: Line
    eindelevering: bool = False
    ontruimingsdatum: Ontruimingsdatum | None = None

    def signaal(self) -> SignaalIn:
        """The domain's signal."""
        return SignaalIn(**self.model_dump(exclude={"kenmerk"}), partner_kenmerk=self.kenmerk)


class SignaalUit(BaseModel):
    """A signal as its partner sees it: what it sent, and what became of it (terugkoppeling)."""

    id: str
    url: str
    soort: str
    kenmerk: str | None
    datum: date
    achterstand_cent: int
    ontvangen_op: date
    terugkoppeling: str = Field(
        description="ontvangen of opgepakt; met toestemming van de persoon: hulp_gestart, hulp_afgewezen, "
        "contact_gelegd of niet_bereikt"
    )


class BatchFout(BaseModel):
    regel: int
    reden: str


class BatchUitkomst(BaseModel):
    opgeslagen: int
    dubbel: int
    fouten: list[BatchFout]


class UitkomstIn(Strict):
    bereikt: bool
    kanaal: Contactkanaal
    hulp: Hulp
    toelichting: Note = ""
    toestemming_terugkoppeling: bool = Field(
        default=False, description="De persoon vindt goed dat de melder hoort wat er met de hulp gebeurde."
    )


class CaseUit(BaseModel):
    """A case as a caseworker sees it: the household's signals, the person to reach, the attempts, the outcome."""

    model_config = ConfigDict(json_schema_extra=PERSONAL_DATA)

    id: str
    url: str
    route: str
    status: str
    geopend_op: date
    pogingen: list[date]
    huisbezoek_gevraagd_op: date | None
    uitkomst: dict[str, Any] | None
    traject: str | None
    signalen: list[dict[str, Any]]
    persoon: dict[str, Any] | None


@router.post("/signalen", status_code=201, response_model=SignaalUit)
async def report(
    principal: Partner,
    body: SignaalBody,
    response: Response,
    engine: EngineDep,
    settings: SettingsDep,
) -> SignaalUit:
    """Report one signal. The same signal again (same kenmerk, BSN, kind and date) is stored once and
    answers 200 with the first."""
    problems = signaal_problems(body.signaal(), _today(settings))
    if problems:
        raise invalid(problems)
    session = engine.session
    intake = await run_in_threadpool(_take_in, session, settings, principal.sub, body.signaal())
    case_open = await run_in_threadpool(_case_open, session, intake.case_id)
    await engine.start(deliver(engine.client, settings, intake, case_open))
    if intake.duplicate:
        response.status_code = 200
    return await run_in_threadpool(_signaal_view, session, intake.signaal_id)


@router.post("/signalen/batch", response_model=BatchUitkomst)
async def report_batch(
    principal: Partner,
    engine: EngineDep,
    settings: SettingsDep,
    bestand: Annotated[str, Body(media_type=MEDIA_TYPE, max_length=5_000_000)],
) -> BatchUitkomst:
    """A partner's monthly file as CSV (columns in the README). Every good row is stored; each bad row is
    reported by its line number and stops nothing else."""
    regels, fouten = read_lines(bestand, CSV_COLUMNS)
    errors = [BatchFout(regel=fout.nummer, reden=fout.reden) for fout in fouten]
    stored, repeats = 0, 0
    for regel in regels:
        line = regel.nummer
        try:
            body = SignaalBody.model_validate({k: v for k, v in regel.velden.items() if v})
        except ValidationError as err:
            reasons = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in err.errors()]
            errors.append(BatchFout(regel=line, reden="; ".join(reasons)))
            continue
        problems = signaal_problems(body.signaal(), _today(settings))
        if problems:
            errors.append(BatchFout(regel=line, reden="; ".join(f"{n}: {r}" for n, r in problems)))
            continue
        intake = await run_in_threadpool(_take_in, engine.session, settings, principal.sub, body.signaal())
        case_open = await run_in_threadpool(_case_open, engine.session, intake.case_id)
        await engine.start(deliver(engine.client, settings, intake, case_open))
        repeats += intake.duplicate
        stored += not intake.duplicate
    return BatchUitkomst(opgeslagen=stored, dubbel=repeats, fouten=sorted(errors, key=lambda fout: fout.regel))


@router.get("/signalen", response_model=list[SignaalUit])
def my_signals(principal: Partner, session: SessionDep) -> list[SignaalUit]:
    """My signals, newest first, each with what became of it."""
    rows = session.exec(
        select(Signaal).where(Signaal.partner_id == principal.sub).order_by(col(Signaal.ontvangen_op).desc())
    ).all()
    return [_signaal_view(session, row.id) for row in rows]


@router.get("/signalen/{signaal_id}", response_model=SignaalUit)
def my_signal(principal: Partner, signaal_id: PathId, session: SessionDep) -> SignaalUit:
    """One of my signals; any other id answers 404."""
    row = session.get(Signaal, signaal_id)
    if row is None or row.partner_id != principal.sub:
        raise Problem(404, "niet-gevonden", "Er is geen signaal met dit id van u.")
    return _signaal_view(session, row.id)


@router.get("/signaleringen", response_model=list[CaseUit], dependencies=[audited("signaleringen-lezen")])
def cases(
    principal: Caseworker,
    session: SessionDep,
    status: Annotated[str | None, Query(pattern="^(open|afgesloten|verwijderd)$")] = None,
    route: Annotated[str | None, Query(pattern="^(enkelvoudig|meervoudig|crisis)$")] = None,
) -> list[CaseUit]:
    """The vroegsignalering cases, oldest first: whom to visit, whom to call. Reading them is logged."""
    query = select(Signalering)
    if status:
        query = query.where(Signalering.status == status)
    if route:
        query = query.where(Signalering.route == route)
    rows = session.exec(query.order_by(col(Signalering.geopend_op))).all()
    return [_case_view(session, row) for row in rows]


@router.get("/signaleringen/{case_id}", response_model=CaseUit, dependencies=[audited("signalering-lezen")])
def case(principal: Caseworker, case_id: CaseId, session: SessionDep) -> CaseUit:
    """One case, with its signals and the person to reach. Reading it is logged."""
    row = session.get(Signalering, case_id)
    if row is None:
        raise Problem(404, "niet-gevonden", "Er is geen signalering met dit id.")
    return _case_view(session, row)


@router.post(
    "/signaleringen/{case_id}/uitkomst",
    status_code=201,
    response_model=CaseUit,
    dependencies=[audited("signalering-uitkomst")],
)
async def record_outcome(principal: Caseworker, case_id: CaseId, body: UitkomstIn, engine: EngineDep) -> CaseUit:
    """Record what came of a case: reached or not, by which channel, help accepted or declined. Accepted
    help starts a traject linked to the signals."""
    session = engine.session
    if await run_in_threadpool(session.get, Signalering, case_id) is None:
        raise Problem(404, "niet-gevonden", "Er is geen signalering met dit id.")
    uitkomst = Uitkomst(
        body.bereikt, body.kanaal, body.hulp, body.toelichting, principal.sub, body.toestemming_terugkoppeling
    )
    handle = engine.client.get_workflow_handle_for(SignaleringWorkflow.run, case_id)
    closed = Problem(409, "signalering-afgesloten", "Deze signalering is afgesloten.")
    await engine.update(handle, SignaleringWorkflow.uitkomst, uitkomst, closed, f"/api/v1/signaleringen/{case_id}")

    def read() -> CaseUit:
        session.expire_all()
        row = session.get(Signalering, case_id)
        assert row is not None
        return _case_view(session, row)

    return await run_in_threadpool(read)


async def deliver(client: Client, settings: Settings, intake: Intake, case_open: bool = True) -> None:
    """Hand a stored signal to its case's workflow with signal-with-start: it starts the case if it does not
    run yet, and adds the signal once either way. So a partner's retry after a crash between the store and
    the start still gets its signal through. A repeat of a signal whose case closed changes nothing."""
    if intake.duplicate and not case_open:
        return
    start = SignaleringStart(intake.case_id, TEAM, settings.policy(), intake.feit)
    await client.start_workflow(
        SignaleringWorkflow.run,
        start,
        id=intake.case_id,
        task_queue=settings.task_queue,
        start_signal="signaal",
        start_signal_args=[intake.feit],
    )


def _case_open(session: Session, case_id: str) -> bool:
    case = session.get(Signalering, case_id)
    return case is not None and case.status == "open"


def _take_in(session: Session, settings: Settings, partner_id: str, signaal: SignaalIn) -> Intake:
    return take_in(
        session, settings.token_secret, partner_id, signaal, _today(settings), settings.policy().signaal_venster_dagen
    )


def _signaal_view(session: Session, signaal_id: str) -> SignaalUit:
    session.expire_all()
    row = session.get(Signaal, signaal_id)
    assert row is not None
    case = session.get(Signalering, row.case_id) if row.case_id else None
    return SignaalUit(
        id=row.id,
        url=f"/api/v1/signalen/{row.id}",
        soort=row.soort,
        kenmerk=row.partner_kenmerk,
        datum=row.datum,
        achterstand_cent=row.achterstand_cent,
        ontvangen_op=row.ontvangen_op,
        terugkoppeling=terugkoppeling(case),
    )


def terugkoppeling(case: Signalering | None) -> str:
    """What a partner is told of its signal: that it was received (`ontvangen`) and picked up (`opgepakt`).
    Whether the person was reached, accepted or declined help is theirs to share: the partner hears it
    only when the person consented."""
    if case is None:
        return "ontvangen"
    uitkomst = case.uitkomst or {}
    if not uitkomst.get("toestemming_terugkoppeling"):
        picked_up = case.traject_id or case.status != "open" or case.pogingen or case.huisbezoek_gevraagd_op
        return "opgepakt" if picked_up else "ontvangen"
    if case.traject_id is not None:
        return "hulp_gestart"
    if uitkomst.get("hulp") == Hulp.AFGEWEZEN.value:
        return "hulp_afgewezen"
    return "contact_gelegd" if uitkomst.get("bereikt") else "niet_bereikt"


def _case_view(session: Session, row: Signalering) -> CaseUit:
    signalen = session.exec(select(Signaal).where(Signaal.case_id == row.id).order_by(col(Signaal.datum))).all()
    first = signalen[0] if signalen else None
    persoon = (
        {
            "naam": first.naam,
            "adres": f"{first.straat}, {first.postcode} {first.woonplaats}",
            "telefoon": first.telefoon,
        }
        if first is not None and first.naam is not None
        else None
    )
    return CaseUit(
        id=row.id,
        url=f"/api/v1/signaleringen/{row.id}",
        route=row.route,
        status=row.status,
        geopend_op=row.geopend_op,
        pogingen=[date.fromisoformat(d) for d in row.pogingen],
        huisbezoek_gevraagd_op=row.huisbezoek_gevraagd_op,
        uitkomst=row.uitkomst,
        traject=traject_url(row.traject_id) if row.traject_id else None,
        signalen=[
            {"partner": s.partner_id, "soort": s.soort, "achterstand_cent": s.achterstand_cent, "datum": s.datum}
            for s in signalen
        ],
        persoon=persoon,
    )


def _today(settings: Settings) -> date:
    return today(settings.policy().timezone)
