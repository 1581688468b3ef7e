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
        """Hand the letter to the print service."""
        self.drop(f"{brief.id}.html", brief.html)

    def drop(self, file_name: str, content: str) -> None:
        """Put one message in the drop (a letter as .html, an SMS as .sms): written whole, then renamed
        into place, so the service that collects it never reads half a file."""
        self._directory.mkdir(parents=True, exist_ok=True)
        target = self._directory / file_name
        partial = target.with_suffix(".partial")
        partial.write_text(content, encoding="utf-8")
        os.replace(partial, target)
