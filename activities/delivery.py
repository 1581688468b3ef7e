"""Where letters go out: the mailroom drop that the municipality's print service collects."""

from __future__ import annotations

import os
from pathlib import Path

from store.models import Brief


class Mailroom:
    """Posts a letter as one file named after the letter, so posting it again replaces, never duplicates."""

    def __init__(self, directory: Path) -> None:
        self._directory = directory

    def post(self, brief: Brief) -> None:
        """Hand the letter to the print service: written whole, then renamed into place."""
        self._directory.mkdir(parents=True, exist_ok=True)
        target = self._directory / f"{brief.id}.html"
        partial = target.with_suffix(".partial")
        partial.write_text(brief.html, encoding="utf-8")
        os.replace(partial, target)
