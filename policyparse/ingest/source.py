"""``Source``: a document as a reader gives it (plain text plus what the reader detected)."""
from __future__ import annotations

from dataclasses import dataclass, field

from policyparse.errors import Warn


@dataclass(frozen=True)
class Source:
    """A document as read: plain text plus what the reader detected."""

    name: str
    sha256: str
    format: str
    text: str
    encoding: str | None = None
    pages: int | None = None
    page_starts: tuple[int, ...] = ()
    warnings: tuple[Warn, ...] = field(default=())


def clean_text(text: str) -> str:
    """Line ends as ``\\n``, a leading BOM dropped."""
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
