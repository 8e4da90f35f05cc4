"""Exception classes and the catalogue of coded warnings.

Bad input raises a ``PolicyParseError`` subclass whose message names the input, what was
expected and what was found.  Oddities found while parsing are not raised: they become
``Issue(code, message, span)`` entries in ``PolicyDocument.warnings`` (codes below).
"""
from __future__ import annotations


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


class StrictModeError(PolicyParseError):
    """Raised instead of a warning when ``Options(strict=True)``."""


class BatchError(PolicyParseError):
    """Bad batch or export arguments: clashing outputs, an unusable column map, a non-result file."""


# Warning catalogue: code -> meaning.  Messages add the specifics.
W_ENCODING_GUESSED = "W101"
W_NO_STRUCTURE = "W102"
W_NUMBERING_GAP = "W201"
W_ORPHAN_ITEMS = "W202"
W_UNBALANCED_BRACKET = "W301"
W_UNIT_LIST_UNPARSED = "W302"
W_TRUNCATED_ITEM = "W304"
W_CONVENTION_APPLIED = "W305"
W_PAGE_NO_TEXT = "W501"
W_GARBLED_TEXT = "W502"
W_MODEL_MISMATCH = "W601"

WARNINGS: dict[str, str] = {
    W_ENCODING_GUESSED: "text encoding was guessed, not declared",
    W_NO_STRUCTURE: "no numbered outline found",
    W_NUMBERING_GAP: "numbering skips a number",
    W_ORPHAN_ITEMS: "items before their parent heading (fragment starts mid-list)",
    W_UNBALANCED_BRACKET: "unit bracket is not closed",
    W_UNIT_LIST_UNPARSED: "text looks like a unit list but could not be split",
    W_TRUNCATED_ITEM: "last item's unit list is cut off; item left out",
    W_CONVENTION_APPLIED: "stated first-listed-leads convention applied from here on",
    W_PAGE_NO_TEXT: "page has no text layer",
    W_GARBLED_TEXT: "text extracted with garbage characters (font without ToUnicode)",
    W_MODEL_MISMATCH: "a model file differs from models/manifest.json (rebuilt without its manifest?)",
}
