"""Activities that keep failing, as the worker marks them: one row per activity of a workflow."""

from __future__ import annotations

from sqlmodel import Session, col, select

from store.db import SessionFactory
from store.models import Storing


def mark_failing(sessions: SessionFactory, mark: Storing) -> None:
    """Mark an activity whose attempt failed; the first mark keeps since when it fails."""
    with sessions() as session:
        row = session.get(Storing, (mark.workflow_id, mark.activity_id))
        if row is None:
            row = mark
        else:
            row.poging, row.fout, row.laatst_op = max(row.poging, mark.poging), mark.fout, mark.laatst_op
        session.add(row)
        session.commit()


def clear_failing(sessions: SessionFactory, workflow_id: str, activity_id: str) -> None:
    """An attempt succeeded: the activity is no longer stuck."""
    with sessions() as session:
        row = session.get(Storing, (workflow_id, activity_id))
        if row is not None:
            session.delete(row)
            session.commit()


def failing(session: Session) -> list[Storing]:
    """Every marked activity, the longest failing first."""
    return list(session.exec(select(Storing).order_by(col(Storing.sinds))).all())


def clear_failing_in(session: Session, keys: list[tuple[str, str]]) -> None:
    """Drop these marks, by (workflow id, activity id): their activity no longer fails, or was just started
    again."""
    for key in keys:
        row = session.get(Storing, key)
        if row is not None:
            session.delete(row)
    session.commit()
