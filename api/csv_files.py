"""Files partners and kredietbanken send as CSV (media type text/csv, checked by the route before the body is
read): their lines read one by one, so a bad line is reported by its number and stops nothing else."""

from __future__ import annotations

import codecs
import csv
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from api.problems import Problem
from domain.bounds import text_problem

MEDIA_TYPE = "text/csv"
# What the UTF-8 decoder puts where a file's bytes are not UTF-8.
REPLACED = "\ufffd"


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
    lines = text.split("\n")
    _check_header(lines[0], columns)
    regels, fouten = [], []
    for nummer, raw in enumerate(lines[1:], start=2):
        line = _read_line(nummer, raw, columns)
        if isinstance(line, Regel):
            regels.append(line)
        elif line is not None:
            fouten.append(line)
    return regels, fouten


async def stream_lines(chunks: AsyncIterator[bytes], columns: tuple[str, ...]) -> AsyncIterator[Regel | Fout]:
    """The lines of a file as its bytes arrive, read as `read_lines` reads them, so a large file is never
    held whole. A line that is not UTF-8 is a bad line; the header is checked before any line is given."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    pending, nummer = "", 0
    final = False
    while not final:
        chunk = await anext(chunks, None)
        final = chunk is None
        pending += decoder.decode(chunk or b"", final=final)
        *complete, pending = pending.split("\n")
        if final:
            complete.append(pending)
        for raw in complete:
            nummer += 1
            if nummer == 1:
                _check_header(raw, columns)
            elif (line := _read_line(nummer, raw, columns)) is not None:
                yield line


def _check_header(raw: str, columns: tuple[str, ...]) -> None:
    header = next(csv.reader([raw.removeprefix("\ufeff").removesuffix("\r")]), [])
    if tuple(name.strip() for name in header) != columns:
        raise Problem(422, "ongeldige-gegevens", f"De kolommen moeten zijn: {', '.join(columns)}.")


def _read_line(nummer: int, raw: str, columns: tuple[str, ...]) -> Regel | Fout | None:
    """One line after the header: its fields, or why it could not be read; None for an empty line."""
    line = raw.removesuffix("\r")
    if not line.strip():
        return None
    if REPLACED in line:
        return Fout(nummer, "regel is geen geldige UTF-8")
    try:
        values = next(csv.reader([line], strict=True))
    except csv.Error as err:
        return Fout(nummer, f"regel is geen geldige CSV ({err})")
    if len(values) != len(columns):
        return Fout(nummer, f"regel heeft {len(values)} velden in plaats van {len(columns)}")
    if problem := next((p for v in values if (p := text_problem(v))), None):
        return Fout(nummer, problem)
    return Regel(nummer, dict(zip(columns, (v.strip() for v in values), strict=True)))


def csv_upload(description: str) -> dict[str, Any]:
    """The `openapi_extra` of a route that streams a CSV file instead of taking it as a parameter: the
    file's place in the OpenAPI document, and the media type the route checks."""
    return {
        "requestBody": {
            "required": True,
            "description": description,
            "content": {MEDIA_TYPE: {"schema": {"type": "string"}}},
        }
    }
