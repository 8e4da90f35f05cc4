"""The orchestrator: ``parse(source, options) -> PolicyDocument``.

Stages, one direction, each a module with one job:
    ingest     path | bytes | str  -> Source   (format, encoding, pages detected)
    normalize  Source              -> Text     (raw text + folded view for matching)
    structure  Text                -> Envelope + outline draft (sections, table rows)
    units      outline draft       -> units, deadlines and conventions per item
    assemble   all of the above    -> PolicyDocument (pydantic, validated)
    nlp        PolicyDocument      -> the same with mentions, role sentences, keywords (opt-in)

``diff(old, new)`` compares two versions of a plan (the ``diff`` stage, after assemble):
    each side  parsed (any input format), a result JSON, or a PolicyDocument
    diff       PolicyDocument, PolicyDocument -> PlanDiff (the change list)
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from policyparse import assemble
from policyparse.errors import StrictModeError
from policyparse.ingest import FORMATS, Limits, Source, read_bytes, read_path, read_text
from policyparse.normalize import source_to_text
from policyparse.schema import PlanDiff, PolicyDocument
from policyparse.structure import outline as structure
from policyparse.units import assign as units


@dataclass(frozen=True)
class Options:
    """Parse options (one frozen object, not keyword sprawl).

    strict: raise ``StrictModeError`` instead of returning warnings.
    source_name: the name recorded in ``source.path`` and used in error messages (default: the
        path as given, ``<bytes>`` or ``<text>``).
    limits: bounds on the input's size, its text and its unpacked parts (``ingest.Limits``);
        an input beyond them raises ``TooLarge``.
    nlp: run the running-text stage (jieba + spaCy: unit mentions, role sentences, keywords);
        it loads its models on first use, once per process.
    """

    strict: bool = False
    source_name: str | None = None
    nlp: bool = False
    limits: Limits = Limits()


def parse(source: str | os.PathLike | bytes, options: Options = Options()) -> PolicyDocument:
    """Parse a policy document.

    ``source`` is a path (str or PathLike), raw bytes of a file, or the document text
    itself (a str that contains a line break or is not an existing path).
    """
    return parse_with_source(source, options)[0]


def parse_with_source(source: str | os.PathLike | bytes, options: Options = Options()) -> tuple[PolicyDocument, Source]:
    """``parse``, also returning the ``Source`` read: what the output does not carry, such as
    where each character of a PDF was drawn (``Source.layout``, for the report)."""
    src = _ingest(source, options)
    text = source_to_text(src)
    draft = structure.text_to_draft(text)
    assigned = units.draft_to_assignments(text, draft)
    doc = assemble.build_document(src, text, draft, assigned, options.source_name)
    if options.nlp:
        from policyparse.nlp import pipeline as nlp  # loaded only when asked for: jieba and spaCy are heavy

        doc = nlp.annotate_document(doc)
    if options.strict and doc.warnings:
        first = doc.warnings[0]
        raise StrictModeError(f"{doc.source.path}: {first.code} {first.message}")
    return doc, src


Side = PolicyDocument | str | os.PathLike | bytes


def diff(old: Side, new: Side, options: Options = Options()) -> PlanDiff:
    """What changed between two versions of a plan: added, removed, matched (moved, renumbered,
    reworded, reassigned, role_changed, deadline_changed), split and merged tasks.

    Each side is a ``PolicyDocument``, a result JSON written by ``parse``/``batch`` (a path
    ending in ``.json``), or anything ``parse`` takes (parsed with ``options``).
    Needs the ``diff`` extra (rapidfuzz, NumPy), imported on first use.
    """
    from policyparse.diff.plan import diff_documents  # rapidfuzz and NumPy load only when asked for

    return diff_documents(load_side(old, options), load_side(new, options))


def load_side(side: Side, options: Options = Options()) -> PolicyDocument:
    """One side of a diff as a document: as given, loaded from a result JSON, or parsed."""
    if isinstance(side, PolicyDocument):
        return side
    if isinstance(side, (str, os.PathLike)) and str(side).lower().endswith(".json") and "\n" not in str(side):
        from policyparse.export.sinks import load_result

        return load_result(Path(side))
    return parse(side, options)


def _ingest(source: str | os.PathLike | bytes, options: Options) -> Source:
    name, limits = options.source_name, options.limits
    if isinstance(source, bytes):
        return read_bytes(source, name or "<bytes>", limits)
    if isinstance(source, os.PathLike) or _looks_like_path(source):
        return read_path(source, name, limits)
    return read_text(source, name or "<text>", limits)


def _looks_like_path(s: str) -> bool:
    """A str names a file when it is one line that exists or ends in a known suffix (a.pdf)."""
    if "\n" in s or len(s) > 1024:
        return False
    if os.path.splitext(s)[1].lower() in FORMATS:
        return True
    try:
        return Path(s).exists()
    except (OSError, ValueError):  # a long line of text is no file name (ENAMETOOLONG)
        return False
