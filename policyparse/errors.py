"""Exception classes and the catalogue of coded warnings.

Bad input raises a ``PolicyParseError`` subclass whose message names the input, what was
expected and what was found.  Oddities found while parsing are not raised: they become
``Warn`` values (catalogue below), and ``Issue(code, message, span)`` entries in
``PolicyDocument.warnings``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


class PolicyParseError(Exception):
    """Base class of every error policyparse raises on bad input."""


class InputNotFound(PolicyParseError):
    pass


class UnsupportedFormat(PolicyParseError):
    pass


class EmptyInput(PolicyParseError):
    pass


class DecodeError(PolicyParseError):
    pass


class CorruptInput(PolicyParseError):
    pass


class TooLarge(PolicyParseError):
    """The input, its text or its unpacked parts exceed a bound of ``Limits`` (``--max-size`` …)."""


class NotRegularFile(UnsupportedFormat):
    """A FIFO, socket or device named as an input: only regular files are read."""


class StrictModeError(PolicyParseError):
    """Raised instead of a warning when ``Options(strict=True)``."""


class Interrupted(PolicyParseError):
    """A batch stopped by Ctrl-C (SIGINT) or SIGTERM after writing what was done and its summary."""

    def __init__(self, message: str, summary: object = None) -> None:
        super().__init__(message)
        self.summary = summary


class BatchError(PolicyParseError):
    """Bad batch or export arguments: clashing outputs, an unusable column map, a non-result file."""


# --------------------------------------------------------------------------- warnings
# The catalogue (as spaCy's ``Warnings``): each kind of oddity with its code and message
# template.  A stage records ``Warn(kind, span, params)``; ``assemble`` turns it into the
# output's ``Issue(code, message, span)``.  Several kinds may share a code (W201: a gap, and an
# item without its predecessors after a gap).


@dataclass(frozen=True)
class Kind:
    """One kind of warning: its code and the template of its message."""

    code: str
    template: str


@dataclass(frozen=True)
class At:
    """Where a warning points, and in which view of the text: ``fold`` offsets (start, end) of
    the normalized text, or a PDF ``page`` (start = end = the 1-based page number)."""

    view: Literal["fold", "page"]
    start: int
    end: int


@dataclass(frozen=True)
class Warn:
    """A warning as a stage records it: its kind, where it points, the template's values."""

    kind: Kind
    span: At | None = None
    params: tuple[tuple[str, object], ...] = ()

    @property
    def code(self) -> str:
        return self.kind.code

    @property
    def message(self) -> str:
        return self.kind.template.format(**dict(self.params))


def warn(kind: Kind, span: At | None = None, **params: object) -> Warn:
    """``warn(Warnings.NUMBERING_GAP, At("fold", a, b), prev=3, num=5)``."""
    return Warn(kind, span, tuple(sorted(params.items())))


class Warnings:
    """The catalogue.  Templates name their values; the output keeps the code and the message."""

    ENCODING_GUESSED = Kind("W101", "{name}: encoding guessed as {encoding}")
    NO_STRUCTURE = Kind("W102", "no numbered outline found")
    SUFFIX_MISMATCH = Kind("W103", "{name}: named {suffix} but the content is {format}; read as {format}")
    NUL_REMOVED = Kind("W104", "{name}: {count} NUL characters removed from the text (the first at character {first})")
    NUMBERING_GAP = Kind("W201", "numbering jumps from {prev} to {num}")
    AFTER_GAP = Kind("W201", "item numbered {num} without its predecessors")
    ORPHAN_ITEMS = Kind("W202", "item numbered {num} without its predecessors")
    SECOND_DOCUMENT = Kind("W203", "a second transmitted document starts here ({title}); the outline ends before it")
    UNBALANCED_BRACKET = Kind("W301", "unit bracket is not closed")
    UNIT_LIST_UNPARSED = Kind("W302", "no unit found in: {text}")
    TRUNCATED_ITEM = Kind("W304", "item {path}: unit list cut off at the end of the text")
    CONVENTION_APPLIED = Kind("W305", "first-listed unit leads from here on")
    PAGE_NO_TEXT = Kind("W501", "{name}: page {page} has no text layer ({what})")
    PAGE_OCR = Kind("W503", "{name}: page {page} read by OCR (mean confidence {confidence})")
    PAGE_TURNED = Kind("W504", "{name}: page {page} turned by {degrees}° before OCR (its text was not upright)")
    PAGE_TWO_UP = Kind("W505", "{name}: page {page} is two pages side by side, read as two (left, then right)")
    OCR_ONE_READING = Kind("W506", "{name}: scanned pages read by PP-OCRv4 alone (the second recogniser, PP-OCRv5, is not "
                                   "installed): traditional characters and tone marks may be dropped or read as others; {pip}")
    GARBLED_GLYPHS = Kind("W502", "{name}: page {page}: {count} glyphs without a Unicode mapping (font without ToUnicode), left out")
    CID_CODES = Kind("W502", "{name}: '(cid:NN)' glyph codes in the text layer")
    MODEL_MISMATCH = Kind("W601", "models/{name} has sha256 {sha}…, models/manifest.json records {expected}…: "
                                  "rebuilt or edited without its manifest?")


# Codes and what each means (the README's and the user's view of the catalogue).
CODES: dict[str, str] = {
    "W101": "text encoding was guessed, not declared",
    "W102": "no numbered outline found",
    "W103": "the file name's suffix names another format than the content's (the content is read)",
    "W104": "NUL characters removed from the text",
    "W201": "numbering skips a number",
    "W202": "items before their parent heading (fragment starts mid-list)",
    "W203": "the notice transmits a second document: the outline covers the first only",
    "W301": "unit bracket is not closed",
    "W302": "text looks like a unit list but could not be split",
    "W304": "last item's unit list is cut off; item left out",
    "W305": "stated first-listed-leads convention applied from here on",
    "W501": "page has no text layer",
    "W502": "text extracted with garbage characters (font without ToUnicode)",
    "W503": "page without a text layer read by OCR (its mean confidence in the message)",
    "W504": "scanned page turned (90°, 180° or 270°, its /Rotate included) so that its text reads upright before OCR",
    "W505": "scanned sheet of two pages side by side (two-up), read as its left page, then its right",
    "W506": "scanned pages read without the second recogniser (its model is not installed): traditional characters suffer",
    "W601": "a model file differs from models/manifest.json (rebuilt without its manifest?)",
}
