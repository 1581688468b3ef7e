"""Vroegsignalering for signal partners: they report arrears (one signal, or a monthly CSV file) and read
what became of them. A partner sees only its own signals, and nothing it did not send."""

import asyncio
from collections import defaultdict
from collections.abc import Awaitable, Callable
from datetime import date

from fastapi import APIRouter, Request, Response
from pydantic import ValidationError
from sqlmodel import Session, col, select
from starlette.concurrency import run_in_threadpool
from temporalio.client import Client

from api.auth import Partner
from api.csv_files import PART_LINES, Fout, Regel, csv_upload, parts, stream_lines
from api.deps import SessionDep, SettingsDep
from api.engine import Engine, EngineDep
from api.fields import PathId
from api.gate import GuardedRoute
from api.problems import Problem, invalid, reason_of
from api.schemas.signalen import BatchFout, BatchUitkomst, SignaalBody, SignaalUit
from domain.gemeente import Werkgebied, gemeente_van
from domain.policy import Policy
from domain.signalering import (
    CaseStatus,
    Hulp,
    SignaalIn,
    SignaleringStart,
    signaal_problems,
)
from runtime.clock import today
from runtime.settings import Settings
from store.db import SessionFactory
from store.models import Signaal, Signalering
from store.queries import policy_of, postcode_areas
from store.signalen import Binnenkomst, Intake, take_in, take_in_many
from workflows.signalering import SignaleringWorkflow

router = APIRouter(tags=["signalen"], route_class=GuardedRoute)
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
# How many cases a file's signals are handed to at once.
DELIVERIES_AT_ONCE = 20


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
    await _to_cases(engine, settings, [intake])
    if intake.duplicate:
        response.status_code = 200
    return await run_in_threadpool(_signaal_view, session, intake.signaal_id)


@router.post(
    "/signalen/batch",
    response_model=BatchUitkomst,
    openapi_extra=csv_upload(f"Het maandbestand, met de kolommen {', '.join(CSV_COLUMNS)}."),
)
async def report_batch(principal: Partner, engine: EngineDep, settings: SettingsDep, request: Request) -> BatchUitkomst:
    """A partner's monthly file as CSV (columns in the README), read as it arrives. Every good row is stored;
    each bad row is reported by its line number and stops nothing else. The rows are stored a part of the
    file at a time, each part in one transaction, and handed to their cases several at a time; a household's
    signals reach its case in the file's order."""
    errors: list[BatchFout] = []
    stored, repeats = 0, 0
    gebieden = await run_in_threadpool(postcode_areas, engine.session)
    sessions: SessionFactory = request.app.state.sessions
    # While one part is handed to its cases, the next is read and stored.
    handing_on: asyncio.Task[None] | None = None
    try:
        async for part in parts(stream_lines(request.stream(), CSV_COLUMNS), PART_LINES):
            signalen = []
            for regel in part:
                signaal = _signaal_of(regel, _today(settings))
                if isinstance(signaal, BatchFout):
                    errors.append(signaal)
                else:
                    signalen.append(signaal)
            intakes, cases = await run_in_threadpool(
                _take_in_part, sessions, settings, principal.sub, signalen, gebieden
            )
            if handing_on is not None:
                await handing_on
            handing_on = asyncio.create_task(_hand_on(engine, settings, intakes, cases))
            repeats += sum(intake.duplicate for intake in intakes)
            stored += sum(not intake.duplicate for intake in intakes)
        if handing_on is not None:
            await handing_on
    finally:
        if handing_on is not None:
            handing_on.cancel()
            await asyncio.gather(handing_on, return_exceptions=True)
    return BatchUitkomst(opgeslagen=stored, dubbel=repeats, fouten=sorted(errors, key=lambda fout: fout.regel))


@router.get("/signalen", response_model=list[SignaalUit])
def my_signals(principal: Partner, session: SessionDep) -> list[SignaalUit]:
    """My signals, newest first, each with what became of it."""
    return signals_of(session, principal.sub)


def signals_of(session: Session, partner_id: str, limit: int | None = None) -> list[SignaalUit]:
    """One partner's signals, the newest first (at most `limit`), each with what became of it."""
    query = select(Signaal).where(Signaal.partner_id == partner_id)
    ordered = query.order_by(col(Signaal.ontvangen_op).desc(), col(Signaal.id)).limit(limit)
    return [_signaal_view(session, row.id) for row in session.exec(ordered).all()]


@router.get("/signalen/{signaal_id}", response_model=SignaalUit)
def my_signal(principal: Partner, signaal_id: PathId, session: SessionDep) -> SignaalUit:
    """One of my signals; any other id answers 404."""
    row = session.get(Signaal, signaal_id)
    if row is None or row.partner_id != principal.sub:
        raise Problem(404, "niet-gevonden", "Er is geen signaal met dit id van u.")
    return _signaal_view(session, row.id)


async def deliver(
    client: Client, settings: Settings, intake: Intake, case_open: bool = True, policy: Policy | None = None
) -> None:
    """Hand a stored signal to its case's workflow with signal-with-start: it starts the case if it does not
    run yet (with `policy`, its gemeente's, else the installation's), and adds the signal once either way. So
    a partner's retry after a crash between the store and the start still gets its signal through. A repeat
    of a signal whose case closed changes nothing."""
    if intake.duplicate and not case_open:
        return
    start = SignaleringStart(intake.case_id, TEAM, policy or settings.policy(), intake.feit)
    await client.start_workflow(
        SignaleringWorkflow.run,
        start,
        id=intake.case_id,
        task_queue=settings.task_queue,
        start_signal="signaal",
        start_signal_args=[intake.feit],
    )


async def _to_cases(engine: Engine, settings: Settings, intakes: list[Intake]) -> None:
    """Hand stored signals to their cases, as `_hand_on`."""
    cases = await run_in_threadpool(_cases_open, engine.session, settings, intakes)
    await _hand_on(engine, settings, intakes, cases)


async def _hand_on(
    engine: Engine, settings: Settings, intakes: list[Intake], cases: dict[str, tuple[bool, Policy]]
) -> None:
    """Hand stored signals to their cases (each open or not, with its policy, in `cases`), `DELIVERIES_AT_ONCE`
    cases at a time, each case's signals in order. A signal about a person with a running traject has no
    case: it waits for that traject's caseworker in the werkplek, and nobody is invited twice."""
    per_case = _per_case(intakes)

    def handing_on(case_id: str) -> Callable[[], Awaitable[None]]:
        case_open, policy = cases[case_id]

        async def hand_on() -> None:
            for intake in per_case[case_id]:
                await engine.call(deliver(engine.client, settings, intake, case_open, policy), release=False)

        return hand_on

    await engine.gather((handing_on(case_id) for case_id in per_case), DELIVERIES_AT_ONCE)


def _per_case(intakes: list[Intake]) -> dict[str, list[Intake]]:
    """The signals that have a case, by case, in their order."""
    per_case: dict[str, list[Intake]] = defaultdict(list)
    for intake in intakes:
        if intake.traject_id is None:
            per_case[intake.case_id].append(intake)
    return per_case


def _cases_open(session: Session, settings: Settings, intakes: list[Intake]) -> dict[str, tuple[bool, Policy]]:
    """Of each case of these signals, whether it is still open and the policy of its gemeente."""
    return {case_id: _case_open(session, settings, case_id) for case_id in _per_case(intakes)}


def _case_open(session: Session, settings: Settings, case_id: str) -> tuple[bool, Policy]:
    """Whether the case is still open, and the policy of its gemeente."""
    case = session.get(Signalering, case_id)
    policy = policy_of(session, settings.policy(), case.gemeentecode if case else None)
    return case is not None and case.status == CaseStatus.OPEN.value, policy


def _take_in(
    session: Session,
    settings: Settings,
    partner_id: str,
    signaal: SignaalIn,
) -> Intake:
    """Store the signal in the case of its gemeente."""
    binnen = _binnenkomst(session, settings, signaal, postcode_areas(session))
    secret, today = settings.token_secret, _today(settings)
    return take_in(session, secret, partner_id, signaal, today, binnen.window_days, binnen.gemeentecode)


def _take_in_part(
    sessions: SessionFactory,
    settings: Settings,
    partner_id: str,
    signalen: list[SignaalIn],
    gebieden: list[Werkgebied],
) -> tuple[list[Intake], dict[str, tuple[bool, Policy]]]:
    """Store a part of a file in one transaction of a session of its own (the request's may be closing while
    the part before is handed on), each signal in the case of its gemeente; with the state of each case it
    landed in."""
    with sessions() as session:
        binnen = [_binnenkomst(session, settings, signaal, gebieden) for signaal in signalen]
        intakes = take_in_many(session, settings.token_secret, partner_id, binnen, _today(settings))
        return intakes, _cases_open(session, settings, intakes)


def _binnenkomst(session: Session, settings: Settings, signaal: SignaalIn, gebieden: list[Werkgebied]) -> Binnenkomst:
    """The signal with the gemeente of its address (by its postcode, among `gebieden`) and that gemeente's
    window for joining a household's open case."""
    gemeentecode = gemeente_van(signaal.postcode, gebieden) or settings.gemeentecode
    window = policy_of(session, settings.policy(), gemeentecode).signaal_venster_dagen
    return Binnenkomst(signaal, gemeentecode, window)


def _signaal_of(regel: Regel | Fout, today: date) -> SignaalIn | BatchFout:
    """A line of the file as a signal, or why it is not one."""
    if isinstance(regel, Fout):
        return BatchFout(regel=regel.nummer, reden=regel.reden)
    try:
        body = SignaalBody.model_validate({k: v for k, v in regel.velden.items() if v})
    except ValidationError as err:
        # In Dutch, as the API's own 422 answers say it: a partner reads these line by line.
        reasons = [f"{'.'.join(str(p) for p in e['loc'])}: {reason_of(dict(e))}" for e in err.errors()]
        return BatchFout(regel=regel.nummer, reden="; ".join(reasons))
    if problems := signaal_problems(body.signaal(), today):
        return BatchFout(regel=regel.nummer, reden="; ".join(f"{n}: {r}" for n, r in problems))
    return body.signaal()


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
        # A signal about a known client went straight to its caseworker: picked up, and no more is said.
        terugkoppeling="opgepakt" if row.traject_id else terugkoppeling(case),
    )


def terugkoppeling(case: Signalering | None) -> str:
    """What a partner is told of its signal: that it was received (`ontvangen`) and picked up (`opgepakt`).
    Whether the person was reached, accepted or declined help is theirs to share: the partner hears it
    only when the person consented."""
    if case is None:
        return "ontvangen"
    uitkomst = case.uitkomst or {}
    if not uitkomst.get("toestemming_terugkoppeling"):
        acted = case.traject_id or case.pogingen or case.huisbezoek_gevraagd_op
        picked_up = acted or case.status != CaseStatus.OPEN.value
        return "opgepakt" if picked_up else "ontvangen"
    if case.traject_id is not None:
        return "hulp_gestart"
    if uitkomst.get("hulp") == Hulp.AFGEWEZEN.value:
        return "hulp_afgewezen"
    return "contact_gelegd" if uitkomst.get("bereikt") else "niet_bereikt"


def _today(settings: Settings) -> date:
    return today(settings.policy().timezone)
