"""The boundary types: what a text, an amount and a date may be, checked with generated values."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from api.fields import Cents, Line, Meldingsdatum, Note
from domain import bounds
from runtime.clock import today

# Letters, marks, digits, punctuation, symbols and spaces of every script: what people write.
WRITTEN = st.characters(categories=("L", "M", "N", "P", "S", "Zs"), exclude_characters=bounds.UNWANTED)
CONTROL = st.sampled_from(["\x00", "\x1b", "\r", "\x7f", "\x85", *sorted(bounds.BIDI_CONTROLS), "\ufeff"])
line = TypeAdapter(Line)
note = TypeAdapter(Note)


@given(st.text(WRITTEN, min_size=1, max_size=80).filter(str.strip))
def test_any_script_and_diacritics_are_welcome(text: str) -> None:
    assert line.validate_python(text) == unicodedata.normalize("NFC", text.strip())


@given(st.text(WRITTEN, max_size=20), CONTROL, st.text(WRITTEN, max_size=20))
def test_a_control_or_bidi_character_anywhere_is_refused(before: str, bad: str, after: str) -> None:
    with pytest.raises(ValidationError, match="niet-toegestaan teken"):
        line.validate_python(f"x{before}{bad}{after}y")
    with pytest.raises(ValidationError, match="niet-toegestaan teken"):
        note.validate_python(f"x{before}{bad}{after}y")


def test_a_note_keeps_its_line_breaks_and_a_line_does_not() -> None:
    assert note.validate_python("Eerste regel.\nTweede regel.") == "Eerste regel.\nTweede regel."
    # A browser sends a textarea's line breaks as CRLF.
    assert note.validate_python("Eerste regel.\r\nTweede regel.") == "Eerste regel.\nTweede regel."
    with pytest.raises(ValidationError):
        line.validate_python("Eerste regel.\nTweede regel.")


def test_names_as_people_write_them() -> None:
    for name in ("Zoë Çelik-de Wit", "Đặng Thị Hương", "محمد العلي", "Σοφία", "Łukasz Żółć", "李小龙", "O'Brien 👍"):
        assert line.validate_python(name) == name


@given(st.integers())
def test_an_amount_in_cents_is_whole_and_bounded(cents: int) -> None:
    valid = 0 <= cents <= bounds.MAX_CENTS
    assert (bounds.amount_problem(cents) is None) == valid
    if valid:
        assert TypeAdapter(Cents).validate_python(cents) == cents
    else:
        with pytest.raises(ValidationError):
            TypeAdapter(Cents).validate_python(cents)


@given(st.dates())
def test_a_meldingsdatum_lies_in_the_last_year(day: date) -> None:
    now = today()
    valid = now - timedelta(days=365) <= day <= now
    adapter = TypeAdapter(Meldingsdatum)
    if valid:
        assert adapter.validate_python(day) == day
    else:
        with pytest.raises(ValidationError):
            adapter.validate_python(day)


@given(st.dates())
def test_every_date_outside_the_calendar_is_refused(day: date) -> None:
    in_calendar = bounds.FIRST_DAY <= day <= bounds.LAST_DAY
    assert (bounds.calendar_problem(day) is None) == in_calendar


def test_windows_name_what_is_wrong() -> None:
    now = date(2026, 11, 23)
    assert bounds.ONTRUIMING.problem(date(1, 1, 1), now) == "ligt buiten 2015-2060"
    assert bounds.ONTRUIMING.problem(now + timedelta(days=400), now) == "ligt meer dan 365 dagen in de toekomst"
    assert bounds.GEBEURD.problem(now + timedelta(days=1), now) == "ligt in de toekomst"
    assert bounds.PEILDATUM.problem(now - timedelta(days=4000), now) == "ligt meer dan 3650 dagen terug"
    assert bounds.AFSPRAAK.problem(now + timedelta(days=30), now) is None
