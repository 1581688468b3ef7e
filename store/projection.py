"""How a workflow's state lands on its dossier row: the values of a version, unless the row already holds a
newer one. Activities run again after a crash and Temporal may deliver them out of order, so an older state
must never overwrite a newer one."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlmodel import Session, SQLModel

Row = TypeVar("Row", bound=SQLModel)


def project(
    session: Session, model: type[Row], key: str, version: int, values: dict[str, Any], create: bool = False
) -> bool:
    """Write `values` (with `version`) onto the `model` row `key`; True when written. With `create`, `values`
    hold every column and make the row when it is not there yet. Nothing is committed here."""
    row = session.get(model, key)
    if row is None:
        if not create:
            return False
        row = model(**values, version=version)
    elif getattr(row, "version") > version:  # noqa: B009 (every projected model has a version column)
        return False
    else:
        for name, value in (values | {"version": version}).items():
            setattr(row, name, value)
    session.add(row)
    return True
