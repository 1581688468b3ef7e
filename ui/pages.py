"""The werkplek's pages and fragments. Every route here only reads (GET), through the read functions the API
uses (api/views.py, store/queries.py); the forms on them write through the documented /api/v1 routes.

A page asks for a logged-in staff member of the right role: without a session it sends the browser to the
login page, with the wrong role it answers 403. Personal data read here is audited like the API's reads.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
from datetime import date, timedelta
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.responses import RedirectResponse
from pydantic import BeforeValidator
from sqlmodel import Session
from starlette.responses import HTMLResponse, Response
from temporalio.service import RPCError

from api.auth import Principal, Role
from api.deps import SessionDep
from api.fields import Page, PathId
from api.problems import Problem
from api.routers.betrokkenen import linked, mine, seen
from api.routers.monitor import compare_gemeenten, figures, period
from api.routers.schuldeisers import creditor_view, my_proposals, my_requests, proposal_view
from api.routers.signalen import CSV_COLUMNS, signals_of
from api.routers.signaleringen import case_view
from api.routers.storingen import stuck_now
from api.routers.toezicht import reply_times, waiting
from api.schemas.gemeenten import GemeenteBeleid
from api.schemas.medewerkers import Team
from api.schemas.sessies import KETEN_ROLES, STAFF_ROLES, WERKPLEK_ROLES
from api.views import attention_clocks, clock_counts, stuck_trajecten, summary, workloads
from domain.aanmelding import crisis_kinds
from domain.advies import TERUG_DAGEN
from domain.phases import PHASE_LABELS, Phase
from domain.signalering import SignaalSoort
from domain.vordering import Kanaal, SchuldeiserSoort, reply_working_days
from domain.wgs_deadlines import add_working_days
from runtime.clock import today
from store.klokken import ATTENTION
from store.models import Adviescontact, Schuldeiser, Traject
from store.queries import (
    TrajectFilter,
    advice_contacts,
    answered_deelnames,
    answered_verzoeken,
    audit,
    gemeenten,
    installation_gemeenten,
    list_trajecten,
    open_cases,
    registry,
    staff,
    trajecten_by_reference,
)
from store.werkgebied import serves
from ui.labels import label
from ui.monitorbeeld import grafieken
from ui.render import page
from ui.trajectbeeld import caseworkers, traject_context
from ui.werkvoorraad import FiltersDep, rows, vandaag_taken, warn_days

router = APIRouter(include_in_schema=False)

LOGIN = "/inloggen"
START = {
    Role.HULPVERLENER: "/werkplek",
    Role.TOEZICHTHOUDER: "/toezicht",
    Role.BEHEERDER: "/beheer",
    Role.KETENPARTNER: "/betrokken",
    Role.BEWINDVOERDER: "/betrokken",
    Role.MAATJE: "/betrokken",
    Role.SCHULDEISER: "/schuldeiser",
    Role.SIGNAALPARTNER: "/signaalpartner",
}


# What a creditor's portal shows of what it answered before: the latest, as a reminder of what it did; a
# creditor with a long history reads all of it through the API.
EERDER_BEANTWOORD = 50
# The console's longest-waiting creditor requests: enough to make the day's calls; the API pages on.
WACHTEND_GETOOND = 25
# What a signal partner's portal lists of the signals it sent: the latest; the whole history is the API's.
LAATSTE_SIGNALEN = 200


class LoginRequired(Exception):  # noqa: N818 (a condition, answered with a redirect)
    """The page needs a session the browser does not have (any more)."""


class NotForRole(Exception):  # noqa: N818 (a condition, answered with 403)
    """The logged-in role may not see this page."""


def viewer(*roles: Role) -> Any:
    """A dependency giving the logged-in principal when its role is one of `roles`."""

    def check(request: Request) -> Principal:
        principal: Principal | None = getattr(request.state, "principal", None)
        if principal is None:
            raise LoginRequired
        if principal.role not in roles:
            raise NotForRole
        return principal

    return Depends(check)


Caseworker = Annotated[Principal, viewer(Role.HULPVERLENER)]
Staff = Annotated[Principal, viewer(Role.HULPVERLENER, Role.TOEZICHTHOUDER)]
Supervisor = Annotated[Principal, viewer(Role.TOEZICHTHOUDER)]
Beheerder = Annotated[Principal, viewer(Role.BEHEERDER)]
Repairer = Annotated[Principal, viewer(Role.TOEZICHTHOUDER, Role.BEHEERDER)]
Betrokkene = Annotated[Principal, viewer(*KETEN_ROLES)]
BewindvoerderPage = Annotated[Principal, viewer(Role.BEWINDVOERDER)]
CreditorPage = Annotated[Principal, viewer(Role.SCHULDEISER)]
PartnerPage = Annotated[Principal, viewer(Role.SIGNAALPARTNER)]


def install(app: FastAPI) -> None:
    """The pages, and how a missing session or a wrong role is answered in a browser."""

    async def to_login(request: Request, exc: Exception) -> Response:
        back = request.url.path if request.method == "GET" else "/"
        target = f"{LOGIN}?{urlencode({'terug': back})}"
        if request.headers.get("hx-request"):
            # A fragment cannot be a login page: htmx sends the whole tab there.
            return Response(status_code=401, headers={"HX-Redirect": target})
        return RedirectResponse(target, status_code=303)

    async def forbidden(request: Request, exc: Exception) -> Response:
        principal = getattr(request.state, "principal", None)
        start = START.get(principal.role, "/") if principal else "/"
        return page(request, "geen_toegang.html", principal, status_code=403, start=start)

    app.add_exception_handler(LoginRequired, to_login)
    app.add_exception_handler(NotForRole, forbidden)
    app.include_router(router)


@router.get("/")
def start(request: Request) -> Response:
    """Each role's own start page; the login page for whoever is not logged in."""
    principal: Principal | None = getattr(request.state, "principal", None)
    return RedirectResponse(START.get(principal.role, LOGIN) if principal else LOGIN, status_code=303)


@router.get(LOGIN)
def login_page(request: Request, terug: str = "") -> HTMLResponse:
    """The development login: pick a role and a name. Elsewhere it says where to log in instead."""
    settings = request.app.state.settings
    safe_back = terug if terug.startswith("/") and not terug.startswith("//") else ""
    return page(
        request,
        "inloggen.html",
        None,
        development=settings.environment == "development",
        terug=safe_back,
        rollen=[(role, label("rol", role.value)) for role in WERKPLEK_ROLES],
    )


def _fragment(request: Request, principal: Principal, name: str, **context: Any) -> Response:
    """A fragment the page polls: 304 when nothing changed since the ETag the browser holds."""
    response = page(request, name, principal, **context)
    etag = '"' + hashlib.sha256(bytes(response.body)).hexdigest()[:32] + '"'
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"ETag": etag})
    response.headers["ETag"] = etag
    return response


@router.get("/werkplek")
def werkvoorraad(request: Request, principal: Caseworker, session: SessionDep, chosen: FiltersDep) -> HTMLResponse:
    """Mijn trajecten: the caseworker's own trajecten, the nearest legal deadline first, and what asks for her
    today."""
    audit(session, principal.sub, principal.role.value, "werkvoorraad-lezen", None, request.url.path)
    return page(
        request,
        "werkvoorraad.html",
        principal,
        fasen=[(p.value, PHASE_LABELS[p]) for p in Phase],
        taken=vandaag_taken(session, principal),
        **rows(session, principal, chosen, warn_days(request)),
    )


@router.get("/werkplek/lijst")
def werkvoorraad_rows(request: Request, principal: Caseworker, session: SessionDep, chosen: FiltersDep) -> Response:
    """The rows of the werkvoorraad, for polling."""
    response = _fragment(request, principal, "_lijst.html", **rows(session, principal, chosen, warn_days(request)))
    if response.status_code == 200:
        audit(session, principal.sub, principal.role.value, "werkvoorraad-lezen", None, request.url.path)
    return response


@router.get("/werkplek/vandaag")
def vandaag(request: Request, principal: Caseworker, session: SessionDep) -> Response:
    """The vandaag panel, for polling."""
    return _fragment(request, principal, "_vandaag.html", taken=vandaag_taken(session, principal))


@router.get("/werkplek/aanmelden")
def aanmelden(
    request: Request,
    principal: Caseworker,
    session: SessionDep,
    adviescontact: Annotated[str | None, Query(max_length=64)] = None,
) -> HTMLResponse:
    """The form of a new aanmelding; from a short advice contact, it names that contact. It offers the crisis
    kinds of every gemeente served; the API says so when one is not the client's gemeente's."""
    policy = request.app.state.settings.policy()
    eigen = [kind for g in gemeenten(session) for kind in g.beleid.get("extra_crisis_kinds", [])]
    contact = session.get(Adviescontact, adviescontact) if adviescontact else None
    return page(
        request,
        "aanmelden.html",
        principal,
        crisissoorten=crisis_kinds(tuple(dict.fromkeys([*policy.extra_crisis_kinds, *eigen]))),
        contact=contact if contact is not None and contact.traject_id is None else None,
    )


@router.get("/werkplek/advies")
def advies(request: Request, principal: Caseworker, session: SessionDep) -> HTMLResponse:
    """Informatie en advies: record a short contact, and see the recent ones, each of which can still
    become an aanmelding."""
    _, recent = advice_contacts(session, today() - timedelta(days=TERUG_DAGEN), None, 0, 50)
    return page(request, "advies.html", principal, contacten=recent, vandaag=today())


@router.get("/werkplek/signaleringen")
def signaleringen(request: Request, principal: Caseworker, session: SessionDep) -> HTMLResponse:
    """Open vroegsignalering cases, the oldest first, each with the form for its outcome."""
    audit(session, principal.sub, principal.role.value, "signaleringen-lezen", None, request.url.path)
    rows = open_cases(session)
    return page(request, "signaleringen.html", principal, cases=[case_view(session, row) for row in rows])


@router.get("/werkplek/kredietbank")
def kredietbank(request: Request, principal: Caseworker) -> HTMLResponse:
    """Read in the kredietbank's monthly statement of payments."""
    return page(request, "kredietbank.html", principal)


@router.get("/werkplek/zoeken")
def zoeken(
    request: Request,
    principal: Staff,
    session: SessionDep,
    kenmerk: Annotated[str, Query(max_length=20)] = "",
) -> Response:
    """Find a traject by kenmerk, or a person's trajecten by BSN (sent in a POST body, never in a URL)."""
    found = [summary(t) for t in trajecten_by_reference(session, kenmerk)] if kenmerk else []
    if len(found) == 1:
        return RedirectResponse(f"/werkplek/trajecten/{found[0].id}", status_code=303)
    return page(request, "zoeken.html", principal, actief="zoeken", kenmerk=kenmerk, gevonden=found)


def _traject(request: Request, session: Session, principal: Principal, traject_id: str) -> dict[str, Any]:
    """One traject as its page shows it."""
    traject = session.get(Traject, traject_id)
    if traject is None:
        raise NotForRole
    return traject_context(session, traject, request.app.state.settings.policy())


def _audited(request: Request, session: Session, principal: Principal, response: Response) -> Response:
    """Log the read of a traject like the API's, when it showed something: a 304 shows nothing new, so a
    page left open does not fill the log."""
    if response.status_code == 200:
        traject_id = request.path_params["traject_id"]
        audit(session, principal.sub, principal.role.value, "traject-lezen", traject_id, request.url.path)
    return response


@router.get("/betrokken")
def betrokken(request: Request, principal: Betrokkene, session: SessionDep) -> HTMLResponse:
    """A ketenpartner's, bewindvoerder's or maatje's start page: the clients linked to them."""
    audit(session, principal.sub, principal.role.value, "betrokken-lijst", None, request.url.path)
    return page(request, "betrokken.html", principal, trajecten=mine(session, principal))


@router.get("/schuldeiser")
def schuldeiser(request: Request, principal: CreditorPage, session: SessionDep) -> HTMLResponse:
    """The creditor's portal: the requests for its claim and the settlement proposals sent to it, each open one
    with its answer to give here, and what it answered before. It reads what the creditor API returns."""
    audit(session, principal.sub, principal.role.value, "schuldeiser-portaal", None, request.url.path)
    settings = request.app.state.settings
    policy = settings.policy()
    looptijd = policy.looptijd_maanden
    open_verzoeken = my_requests(principal, session)
    reply_days = reply_working_days(policy)
    return page(
        request,
        "schuldeiser.html",
        principal,
        wie=session.get(Schuldeiser, principal.sub),
        open_verzoeken=open_verzoeken,
        # The day the letter asked an answer by: before it, the creditor hears nothing more from us.
        antwoord_uiterlijk={v.id: add_working_days(v.verstuurd_op, reply_days) for v in open_verzoeken},
        vandaag=today(policy.timezone),
        open_voorstellen=my_proposals(principal, session, settings),
        beantwoorde_verzoeken=[
            creditor_view(session, v) for v in answered_verzoeken(session, principal.sub, EERDER_BEANTWOORD)
        ],
        beantwoorde_voorstellen=[
            proposal_view(session, row, looptijd)
            for row in answered_deelnames(session, principal.sub, EERDER_BEANTWOORD)
        ],
        eerder_beantwoord=EERDER_BEANTWOORD,
    )


@router.get("/signaalpartner")
def signaalpartner(request: Request, principal: PartnerPage, session: SessionDep) -> HTMLResponse:
    """The signal partner's portal: the monthly file read in, one signal reported, and every signal it sent
    with what became of it, as the signal API returns them."""
    return page(
        request,
        "signaalpartner.html",
        principal,
        signalen=signals_of(session, principal.sub, LAATSTE_SIGNALEN),
        laatste=LAATSTE_SIGNALEN,
        soorten=[soort.value for soort in SignaalSoort],
        kolommen=CSV_COLUMNS,
    )


@router.get("/signaalpartner/signalen")
def signaalpartner_signalen(request: Request, principal: PartnerPage, session: SessionDep) -> Response:
    """The partner's signals alone, fetched again after a file is read in."""
    signalen = signals_of(session, principal.sub, LAATSTE_SIGNALEN)
    return _fragment(request, principal, "_signalen.html", signalen=signalen, laatste=LAATSTE_SIGNALEN)


@router.get("/betrokken/aanmelden")
def betrokken_aanmelden(request: Request, principal: BewindvoerderPage) -> HTMLResponse:
    """A bewindvoerder registers a client under bewind, with the income, fixed costs and debts gathered."""
    return page(request, "betrokken_aanmelden.html", principal)


@router.get("/betrokken/trajecten/{traject_id}")
def betrokken_traject(request: Request, principal: Betrokkene, session: SessionDep, traject_id: PathId) -> Response:
    """One linked client, as far as the caller's part may see; a traject not linked to them is not found."""
    try:
        traject, own = linked(session, principal, traject_id)
    except Problem:
        return page(request, "geen_toegang.html", principal, status_code=404, start="/betrokken")
    audit(session, principal.sub, principal.role.value, "betrokken-lezen", traject_id, request.url.path)
    return page(request, "betrokken_traject.html", principal, b=seen(session, traject, own))


@router.get("/werkplek/trajecten/{traject_id}")
def trajectpagina(request: Request, principal: Staff, session: SessionDep, traject_id: PathId) -> Response:
    """One traject: procesplaat, clocks, actielijst, timeline, letters, creditors, the settlement, and the steps
    the engine allows now."""
    shown = _traject(request, session, principal, traject_id)
    return _audited(request, session, principal, page(request, "traject.html", principal, **shown))


@router.get("/werkplek/trajecten/{traject_id}/stand")
def traject_stand(request: Request, principal: Staff, session: SessionDep, traject_id: PathId) -> Response:
    """Where the traject stands (procesplaat, key facts, clocks), for polling and after a step."""
    shown = _traject(request, session, principal, traject_id)
    return _audited(request, session, principal, _fragment(request, principal, "_traject_stand.html", **shown))


@router.get("/werkplek/trajecten/{traject_id}/dossier")
def traject_dossier(request: Request, principal: Staff, session: SessionDep, traject_id: PathId) -> Response:
    """The traject's dossier (actielijst, creditors, settlement, timeline, letters), for polling and after a
    step."""
    shown = _traject(request, session, principal, traject_id)
    return _audited(request, session, principal, _fragment(request, principal, "_traject_dossier.html", **shown))


@router.get("/werkplek/trajecten/{traject_id}/stappen")
def traject_stappen(request: Request, principal: Staff, session: SessionDep, traject_id: PathId) -> Response:
    """The step forms the engine allows now; fetched again only after a step, so typing is never lost."""
    shown = _traject(request, session, principal, traject_id)
    return _audited(request, session, principal, page(request, "_stappen.html", principal, **shown))


# Enough to act on in one sitting; the rest follow a page at a time, the earliest first.
CLOCKS_PER_PAGE = 50
# A console page's filter form sends "Alle teams" as an empty team: that is no filter, not a wrong one.
TeamQuery = Annotated[
    Team | None,
    BeforeValidator(lambda team: team or None),
    Query(description="alleen de hulpverleners van dit team"),
]


def _console(
    request: Request, session: Session, principal: Principal, name: str, team: str | None, **context: Any
) -> HTMLResponse:
    """A console page, with the teams to filter by and the names of the people in its rows."""
    register = staff(session)
    return page(
        request,
        name,
        principal,
        team=team,
        teams=sorted({m.team for m in register}),
        namen={m.id: m.naam for m in register},
        **context,
    )


@router.get("/toezicht")
def toezicht(
    request: Request, principal: Supervisor, session: SessionDep, team: TeamQuery = None, pagina: Page = 1
) -> HTMLResponse:
    """The supervisor's start page: the Wgs clocks per caseworker, and each clock breached or due soon, a
    page at a time."""
    policy = request.app.state.settings.policy()
    day, warn = today(policy.timezone), policy.termijn_waarschuwing_werkdagen
    count, rows = attention_clocks(
        session, day, warn, ATTENTION, (pagina - 1) * CLOCKS_PER_PAGE, CLOCKS_PER_PAGE, team=team
    )
    return _console(
        request,
        session,
        principal,
        "toezicht_termijnen.html",
        team,
        tellingen=clock_counts(session, day, warn, team),
        regels=rows,
        aantal=count,
        pagina=pagina,
        paginas=max(1, -(-count // CLOCKS_PER_PAGE)),
        vandaag=day,
    )


@router.get("/toezicht/werkverdeling")
def toezicht_werkverdeling(
    request: Request, principal: Supervisor, session: SessionDep, team: TeamQuery = None
) -> HTMLResponse:
    """Open trajecten per caseworker by phase, with those breached or due soon, and the hand-over of a
    caseworker's trajecten to a colleague or a team."""
    policy = request.app.state.settings.policy()
    loads = workloads(session, today(policy.timezone), policy.termijn_waarschuwing_werkdagen, team)
    phases = [p for p in Phase if p is not Phase.AFGESLOTEN]
    return _console(
        request,
        session,
        principal,
        "toezicht_werkverdeling.html",
        team,
        lasten=loads,
        fasen=[(p.value, PHASE_LABELS[p]) for p in phases],
        ontvangers=caseworkers(session),
    )


@router.get("/toezicht/stilstand")
def toezicht_stilstand(
    request: Request, principal: Supervisor, session: SessionDep, team: TeamQuery = None
) -> HTMLResponse:
    """Trajecten that waited on one party longer than the policy allows, with what the engine does next."""
    policy = request.app.state.settings.policy()
    stuck = stuck_trajecten(session, today(policy.timezone), policy, team=team)
    return _console(
        request,
        session,
        principal,
        "toezicht_stilstand.html",
        team,
        regels=stuck,
        drempels=policy.wacht_drempel_dagen,
    )


@router.get("/toezicht/schuldeisers")
def toezicht_schuldeisers(request: Request, principal: Supervisor, session: SessionDep) -> HTMLResponse:
    """How each creditor answers, the slowest first, and the requests that wait longest: whom to call. These
    are the creditors' figures, so they are not split by team."""
    settings = request.app.state.settings
    times = reply_times(principal, session, settings)
    slowest_first = sorted(times, key=lambda t: (t.mediaan_dagen is None, -(t.mediaan_dagen or 0), -t.open))
    return _console(
        request,
        session,
        principal,
        "toezicht_schuldeisers.html",
        None,
        antwoordtijden=slowest_first,
        wachtend=waiting(principal, session, settings, page=1, page_size=WACHTEND_GETOOND),
    )


@router.get("/toezicht/monitor")
def toezicht_monitor(
    request: Request,
    principal: Supervisor,
    session: SessionDep,
    team: TeamQuery = None,
    van: Annotated[str | None, Query(max_length=10)] = None,
    tot: Annotated[str | None, Query(max_length=10)] = None,
    gemeente: Annotated[str | None, BeforeValidator(lambda code: code or None), Query(pattern=r"^[0-9]{4}$")] = None,
) -> HTMLResponse:
    """The monitor figures of a period, team and gemeente, as tables with a chart beside the shares and lead
    times, the same figures as a CSV download, and with several gemeenten their key figures side by side."""
    settings = request.app.state.settings
    fouten: list[tuple[str, str]] = []
    dagen: dict[str, date | None] = {}
    for naam, waarde in (("van", van), ("tot", tot)):
        try:
            dagen[naam] = date.fromisoformat(waarde) if waarde else None
        except ValueError:
            fouten.append((naam, "is geen datum; kies een dag in de kalender"))
    cijfers = None
    vergelijking = []
    # Only the gemeenten of the supervisor's werkgebied are offered, compared or accepted.
    served = installation_gemeenten(session, settings.gemeentecode, settings.gemeente_naam)
    keuze = [(code, naam) for code, naam in served if serves(session, code, settings.gemeentecode)]
    if gemeente is not None and gemeente not in {code for code, _ in keuze}:
        fouten.append(("gemeente", "deze gemeente hoort niet bij uw werkgebied"))
    if not fouten:
        try:
            periode = period(settings, dagen["van"], dagen["tot"])
        except Problem:
            fouten.append(("van", "ligt na tot; kies een begindatum die voor de einddatum ligt"))
        else:
            cijfers = figures(session, settings, periode, team, gemeente)
            if len(keuze) > 1:
                vergelijking = compare_gemeenten(principal, session, settings, periode, team)
    shown = (("van", cijfers.van.isoformat()), ("tot", cijfers.tot.isoformat())) if cijfers else ()
    query = urlencode([*shown, *((("team", team),) if team else ()), *((("gemeente", gemeente),) if gemeente else ())])
    return _console(
        request,
        session,
        principal,
        "toezicht_monitor.html",
        team,
        cijfers=cijfers,
        grafieken=grafieken(cijfers) if cijfers else {},
        fouten=fouten,
        van=cijfers.van.isoformat() if cijfers else van,
        tot=cijfers.tot.isoformat() if cijfers else tot,
        csv_url=f"/api/v1/toezicht/monitor/csv?{query}",
        gekozen_gemeente=gemeente,
        gemeenten=keuze,
        vergelijking=vergelijking,
    )


@router.get("/toezicht/storingen")
async def toezicht_storingen(request: Request, principal: Repairer, session: SessionDep) -> HTMLResponse:
    """Technically stuck work: activities that keep failing and workflows whose own code fails, with a link
    to each in Temporal's Web UI; the beheerder can have a failing activity run again now."""
    settings = request.app.state.settings
    temporal = request.app.state.temporal
    found = None
    if temporal is not None:
        with contextlib.suppress(TimeoutError, RPCError):
            found = await asyncio.wait_for(stuck_now(temporal, session, settings), settings.engine_wait_seconds)
    return page(request, "toezicht_storingen.html", principal, storingen=found, vandaag=today())


@router.get("/toezicht/trajecten")
def toezicht_trajecten(request: Request, principal: Supervisor, session: SessionDep) -> HTMLResponse:
    """Every traject, the nearest legal deadline first."""
    total, trajecten = list_trajecten(session, TrajectFilter(), 0, 100)
    rows = [{"traject": summary(t), "fase": PHASE_LABELS[Phase(t.phase)]} for t in trajecten]
    return page(request, "toezicht.html", principal, rijen=rows, totaal=total, vandaag=today())


# The terms a gemeente may set for itself, named on the Beheer page as the API's schema describes them.
BELEID_LABELS = {
    name: field.description.rstrip(".") for name, field in GemeenteBeleid.model_fields.items() if field.description
}


@router.get("/beheer")
def beheer(request: Request, principal: Beheerder, session: SessionDep) -> HTMLResponse:
    """The administrator's start page: the staff register with each one's werkgebied, the gemeenten this
    installation serves with their postcode areas and own terms, the creditor registry and the policy in force."""
    settings = request.app.state.settings
    policy = settings.policy()
    return page(
        request,
        "beheer.html",
        principal,
        medewerkers=staff(session),
        schuldeisers=registry(session),
        schuldeiser_soorten=[soort.value for soort in SchuldeiserSoort],
        schuldeiser_kanalen=[kanaal.value for kanaal in Kanaal],
        beleid=policy,
        rollen=[(r.value, label("rol", r.value)) for r in STAFF_ROLES + KETEN_ROLES],
        gemeenten=installation_gemeenten(session, settings.gemeentecode, settings.gemeente_naam),
        register=gemeenten(session),
        beleid_velden=list(BELEID_LABELS.items()),
    )
