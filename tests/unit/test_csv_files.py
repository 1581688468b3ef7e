"""A file read as it arrives: the same lines wherever its pieces are cut, and memory that does not grow with
the file."""

from __future__ import annotations

import asyncio
import tracemalloc
from collections.abc import AsyncIterator

import pytest

from api.csv_files import Fout, Regel, stream_lines
from api.problems import Problem

COLUMNS = ("kenmerk", "naam")


async def pieces(content: bytes, size: int) -> AsyncIterator[bytes]:
    for start in range(0, len(content), size):
        yield content[start : start + size]


def streamed(content: bytes, size: int) -> list[Regel | Fout]:
    async def read() -> list[Regel | Fout]:
        return [line async for line in stream_lines(pieces(content, size), COLUMNS)]

    return asyncio.run(read())


@pytest.mark.parametrize("size", [1, 2, 3, 7])
def test_pieces_cut_anywhere_give_the_lines_of_the_whole_file(size: int) -> None:
    text = '\ufeffkenmerk,naam\r\nK-1,Zoë\r\n\r\nK-2,"Vries, de"\nK-3\nK-4,"open\n"K-5",x,y\nK-6,Ærø'
    whole = streamed(text.encode(), len(text.encode()))
    assert streamed(text.encode(), size) == whole
    assert [line.velden["naam"] for line in whole if isinstance(line, Regel)] == ["Zoë", "Vries, de", "Ærø"]
    assert [(line.nummer, line.reden[:14]) for line in whole if isinstance(line, Fout)] == [
        (5, "regel heeft 1 "),
        (6, "regel is geen "),
        (7, "regel heeft 3 "),
    ]


def test_a_line_that_is_not_utf8_is_a_bad_line_and_a_wrong_header_refuses_the_file() -> None:
    lines = streamed(b"kenmerk,naam\nK-1,Zo\xeb\nK-2,Zo\xc3\xab\n", 2)
    assert lines == [Fout(2, "regel is geen geldige UTF-8"), Regel(3, {"kenmerk": "K-2", "naam": "Zoë"})]
    with pytest.raises(Problem) as refused:
        streamed(b"naam,kenmerk\nK-1,x\n", 4096)
    assert refused.value.status == 422


def test_memory_while_reading_does_not_grow_with_the_file() -> None:
    def peak(lines: int) -> int:
        content = b"kenmerk,naam\n" + b"".join(b"K-%d,Naam %d\n" % (n, n) for n in range(lines))

        async def read() -> None:
            async for _ in stream_lines(pieces(content, 8_192), COLUMNS):
                pass

        tracemalloc.start()
        try:
            asyncio.run(read())
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    small, large = peak(10_000), peak(100_000)
    # Ten times the lines: a file held whole would take ten times the memory.
    assert large < 1.5 * small
