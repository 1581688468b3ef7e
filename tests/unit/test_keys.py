"""Idempotency keys keep the shapes already stored in the dossier's unique columns."""

from __future__ import annotations

from datetime import date

from domain.keys import key


def test_a_key_is_its_owner_then_what_happened() -> None:
    assert key("t-1", "aanmelding") == "t-1:aanmelding"
    assert key("t-1", "eerste_gesprek", 3) == "t-1:eerste_gesprek:3"
    assert key("t-1", "afspraak_gemist", date(2026, 11, 23)) == "t-1:afspraak_gemist:2026-11-23"
    # A draft for the court names no creditor: the key ends in ':' as it always has.
    assert key("t-1", "regeling", "wsnp_verklaring", "") == "t-1:regeling:wsnp_verklaring:"
