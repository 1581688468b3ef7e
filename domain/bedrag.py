"""How an amount in cents is written for people: in letters, on the werkplek, and in the reasons a refused
claim is given."""

from __future__ import annotations


def euro(cents: int) -> str:
    """'€ 1.234,56': an amount in cents as a Dutch reader writes it."""
    # int() lets a template's missing value raise its undefined error rather than a TypeError.
    whole, rest = divmod(abs(int(cents)), 100)
    return f"{'-' if cents < 0 else ''}€ {whole:,}".replace(",", ".") + f",{rest:02d}"
