"""The orchestrator: ``parse(source, options) -> PolicyDocument``.

Stages, one direction, each a module with one job:
    ingest     path | bytes | str  -> Source   (format, encoding, pages detected)
    normalize  Source              -> Text     (raw text + folded view for matching)
    structure  Text                -> Envelope + outline draft (sections, table rows)
    units      outline draft       -> units, deadlines and conventions per item
    assemble   all of the above    -> PolicyDocument (pydantic, validated)
    nlp        PolicyDocument      -> the same with mentions, role sentences, keywords (opt-in)
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from policyparse import assemble
from policyparse.errors import StrictModeError
from policyparse.ingest import FORMATS, Source, read_bytes, read_path, read_text
from policyparse.normalize import source_to_text
from policyparse.schema import PolicyDocument
from policyparse.structure import outline as structure
from policyparse.units import assign as units


@dataclass(frozen=True)
class Options:
    """Parse options (one frozen object, not keyword sprawl).

    strict: raise ``StrictModeError`` instead of returning warnings.
    source_name: the name recorded in ``source.path`` (default: the file's name).
    nlp: run the running-text stage (jieba + spaCy: unit mentions, role sentences, keywords);
        it loads its models on first use, once per process.
    """

    strict: bool = False
    source_name: str | None = None
    nlp: bool = False


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


def _ingest(source: str | os.PathLike | bytes, options: Options) -> Source:
    name = options.source_name
    if isinstance(source, bytes):
        return read_bytes(source, name or "<bytes>")
    if isinstance(source, os.PathLike):
        return read_path(source, name)
    if _looks_like_path(source):
        return read_path(source, name)
    return read_text(source, name or "<text>")


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
