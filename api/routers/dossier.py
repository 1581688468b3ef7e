"""Reading trajecten: caseworkers and supervisors. Every read of personal data is audited."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from api.audit import audited
from api.auth import Staff
from api.deps import CurrentTraject, SessionDep
from api.fields import Ident, Page, PathId
from api.gate import GuardedRoute
from api.problems import Problem
from api.schemas.traject import Pagina, TrajectDetail, TrajectSamenvatting, ZoekVraag
from api.views import BASE, detail, summary
from domain.phases import Phase
from store.models import Brief
from store.queries import TrajectFilter, list_trajecten, trajecten_of_bsn

router = APIRouter(tags=["dossier"], route_class=GuardedRoute)


@router.get("/trajecten", response_model=Pagina)
def list_all(
    principal: Staff,
    session: SessionDep,
    fase: Phase | None = None,
    hulpverlener: Annotated[Ident | None, Query()] = None,
    termijn_overschreden: bool | None = None,
    page: Page = 1,
    page_size: Annotated[int, Query(ge=1, le=100, alias="pageSize")] = 20,
) -> Pagina:
    """Trajecten, the nearest deadline first; filter by phase, caseworker or breached deadline."""
    filters = TrajectFilter(fase.value if fase else None, hulpverlener, termijn_overschreden)
    total, rows = list_trajecten(session, filters, (page - 1) * page_size, page_size)

    def link(number: int) -> str:
        query = [f"page={number}", f"pageSize={page_size}"]
        query += [f"fase={fase.value}"] if fase else []
        query += [f"hulpverlener={hulpverlener}"] if hulpverlener else []
        query += (
            [f"termijn_overschreden={str(termijn_overschreden).lower()}"] if termijn_overschreden is not None else []
        )
        return f"{BASE}/trajecten?{'&'.join(query)}"

    return Pagina(
        count=total,
        next=link(page + 1) if page * page_size < total else None,
        previous=link(page - 1) if page > 1 else None,
        results=[summary(row) for row in rows],
    )


@router.post("/trajecten/zoeken", response_model=list[TrajectSamenvatting], dependencies=[audited("zoeken-op-bsn")])
def search_by_bsn(principal: Staff, session: SessionDep, vraag: ZoekVraag) -> list[TrajectSamenvatting]:
    """The trajecten of one person, found by BSN (in the body, never in the URI)."""
    found = trajecten_of_bsn(session, vraag.bsn)
    return [summary(row) for row in found]


@router.get("/trajecten/{traject_id}", response_model=TrajectDetail, dependencies=[audited("traject-lezen")])
def read_one(principal: Staff, session: SessionDep, traject: CurrentTraject) -> TrajectDetail:
    """One traject with its procesplaat, deadlines, actielijst, timeline and letters."""
    return detail(session, traject)


@router.get(
    "/trajecten/{traject_id}/brieven/{brief_id}", response_class=HTMLResponse, dependencies=[audited("brief-lezen")]
)
def read_letter(principal: Staff, session: SessionDep, traject: CurrentTraject, brief_id: PathId) -> HTMLResponse:
    """A letter exactly as the client received it."""
    brief = session.get(Brief, brief_id)
    if brief is None or brief.traject_id != traject.id:
        raise Problem(404, "niet-gevonden", "Deze brief hoort niet bij dit traject.")
    return HTMLResponse(brief.html)
