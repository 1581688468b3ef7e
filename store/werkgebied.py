"""A member of staff's werkgebied: the gemeenten they serve. A session opened for them sees only the trajecten
(with their creditor requests), vroegsignalering cases (with their invitations) and signals of those gemeenten,
in every query, so a list or figure written later cannot forget to filter; a traject of another gemeente is
simply not there."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, event
from sqlalchemy.orm import ORMExecuteState, with_loader_criteria
from sqlmodel import Session, col, or_, select

from store.models import Bericht, Medewerker, Signaal, Signalering, Traject, Verzoek

# Where a session keeps the codes it is limited to; absent for everyone who sees all gemeenten.
_KEY = "werkgebied"
# A query that must see every gemeente whoever runs it (such as "does this person have a traject already")
# says so with this execution option.
_EVERY_GEMEENTE = "alle_gemeenten"
ALLE_GEMEENTEN = {_EVERY_GEMEENTE: True}

Codes = tuple[str | None, ...]


def in_gemeente(codes: Codes, column: Any = Traject.gemeentecode) -> ColumnElement[bool]:
    """Trajecten (or the rows whose gemeente `column` holds) of these gemeenten; None stands for the rows
    recorded before gemeenten were told apart."""
    named = col(column).in_([code for code in codes if code is not None])
    return or_(named, col(column).is_(None)) if None in codes else named


def werkgebied_of(session: Session, medewerker_id: str, eigen_gemeente: str) -> Codes | None:
    """The codes of the gemeenten this member of staff serves, None for all: someone not in the register or
    linked to no gemeente serves every gemeente, so a single-gemeente installation needs no set-up. The
    installation's own gemeente also covers the trajecten registered before gemeenten were told apart."""
    medewerker = session.get(Medewerker, medewerker_id)
    if medewerker is None or not medewerker.gemeenten:
        return None
    codes: Codes = tuple(medewerker.gemeenten)
    return (*codes, None) if eigen_gemeente in codes else codes


def bedient(medewerker: Medewerker, gemeentecode: str) -> bool:
    """Whether this member of staff serves this gemeente: someone linked to no gemeente serves every one."""
    return not medewerker.gemeenten or gemeentecode in medewerker.gemeenten


def limit_to(session: Session, codes: Codes | None) -> None:
    """From now on this session sees only the trajecten of these gemeenten (all when None)."""
    if codes is None:
        session.info.pop(_KEY, None)
    else:
        session.info[_KEY] = codes


def limited_to(session: Session) -> Codes | None:
    """The gemeenten this session is limited to, None when it sees all."""
    codes: Codes | None = session.info.get(_KEY)
    return codes


def serves(session: Session, gemeentecode: str | None, eigen_gemeente: str) -> bool:
    """Whether this session may see a traject of this gemeente (None: registered before gemeenten)."""
    codes = limited_to(session)
    return codes is None or (gemeentecode or eigen_gemeente) in codes


@event.listens_for(Session, "do_orm_execute")
def _only_the_werkgebied(state: ORMExecuteState) -> None:
    codes = limited_to(state.session)  # type: ignore[arg-type]
    if codes is None or not state.is_select or state.execution_options.get(_EVERY_GEMEENTE):
        return
    served = select(Traject.id).where(in_gemeente(codes))
    cases = select(Signalering.id).where(in_gemeente(codes, Signalering.gemeentecode))
    state.statement = state.statement.options(
        with_loader_criteria(Traject, in_gemeente(codes), include_aliases=True),
        with_loader_criteria(Verzoek, col(Verzoek.traject_id).in_(served), include_aliases=True),
        with_loader_criteria(Signalering, in_gemeente(codes, Signalering.gemeentecode), include_aliases=True),
        with_loader_criteria(Signaal, in_gemeente(codes, Signaal.gemeentecode), include_aliases=True),
        with_loader_criteria(Bericht, col(Bericht.case_id).in_(cases), include_aliases=True),
    )
