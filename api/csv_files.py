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
# A file is taken this many lines at a time: a partner's file is stored in one transaction per part, long
# enough that commits cost little and short enough that the worker's own writes wait briefly; the API holds
# about one part of a file.
PART_LINES = 200
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


async def stream_lines(chunks: AsyncIterator[bytes], columns: tuple[str, ...]) -> AsyncIterator[Regel | Fout]:
    """The lines of a file after its header, each read on its own as its bytes arrive, so a large file is
    never held whole: quoted values may hold commas, never line breaks. A line that is not UTF-8 is a bad
    line. A header other than `columns` refuses the whole file (422) before any line is given."""
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


async def parts(lines: AsyncIterator[Regel | Fout], size: int) -> AsyncIterator[list[Regel | Fout]]:
    """A file's lines, `size` at a time."""
    part: list[Regel | Fout] = []
    async for line in lines:
        part.append(line)
        if len(part) == size:
            yield part
            part = []
    if part:
        yield part


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
