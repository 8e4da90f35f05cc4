"""``Source``: a document as a reader gives it (plain text plus what the reader detected)."""
from __future__ import annotations

from dataclasses import dataclass, field

from policyparse.errors import Warn, Warnings, warn


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


def drop_nul(text: str, name: str) -> tuple[str, tuple[Warn, ...]]:
    """NUL characters past the binary check (the first 4 KB) removed, with a W103 warning saying
    how many and where the first was: never passed on silently."""
    first = text.find("\x00")
    if first < 0:
        return text, ()
    return text.replace("\x00", ""), (warn(Warnings.NUL_REMOVED, name=name, count=text.count("\x00"), first=first),)
