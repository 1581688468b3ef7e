"""Files partners and kredietbanken send as CSV (media type text/csv, checked by the route before the body is
read): their lines read one by one, so a bad line is reported by its number and stops nothing else."""

from __future__ import annotations

import csv
from dataclasses import dataclass

from api.problems import Problem
from domain.bounds import text_problem

MEDIA_TYPE = "text/csv"


@dataclass(frozen=True)
class Regel:
    """A line of the file that could be read, by its number (the header is line 1)."""

    nummer: int
    velden: dict[str, str]


@dataclass(frozen=True)
class Fout:
    """A line that could not be read, by its number, and why."""

    nummer: int
    reden: str


def read_lines(text: str, columns: tuple[str, ...]) -> tuple[list[Regel], list[Fout]]:
    """The file's lines after its header, each read on its own: quoted values may hold commas, never line
    breaks. A header other than `columns` refuses the whole file (422)."""
    lines = text.removeprefix("\ufeff").split("\n")
    header = next(csv.reader([lines[0].removesuffix("\r")]), [])
    if tuple(name.strip() for name in header) != columns:
        raise Problem(422, "ongeldige-gegevens", f"De kolommen moeten zijn: {', '.join(columns)}.")
    regels, fouten = [], []
    for nummer, raw in enumerate(lines[1:], start=2):
        line = raw.removesuffix("\r")
        if not line.strip():
            continue
        try:
            values = next(csv.reader([line], strict=True))
        except csv.Error as err:
            fouten.append(Fout(nummer, f"regel is geen geldige CSV ({err})"))
            continue
        if len(values) != len(columns):
            fouten.append(Fout(nummer, f"regel heeft {len(values)} velden in plaats van {len(columns)}"))
            continue
        if problem := next((p for v in values if (p := text_problem(v))), None):
            fouten.append(Fout(nummer, problem))
            continue
        regels.append(Regel(nummer, dict(zip(columns, (v.strip() for v in values), strict=True))))
    return regels, fouten
