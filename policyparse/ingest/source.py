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
    # Where each character was drawn (PDF only): beside the result, never in the JSON output.
    layout: GlyphLayout | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class GlyphRun:
    """A stretch of ``Source.text`` drawn on one page: ``text`` starts at offset ``start`` and its
    characters other than spaces were drawn, in order, as ``glyphs`` (objects with ``x0 x1 top
    bottom`` in PDF points from the page's top-left, such as ``ingest.pdf.layout.Char``)."""

    start: int
    text: str
    page: int  # 0-based
    glyphs: tuple


@dataclass(frozen=True)
class GlyphLayout:
    """Text offsets -> glyph boxes of a PDF: the runs in text order and each page's media box
    (left, bottom, right, top in PDF user space; glyph ``top`` is measured down from its top)."""

    runs: tuple[GlyphRun, ...]
    media_boxes: tuple[tuple[float, float, float, float], ...]


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
