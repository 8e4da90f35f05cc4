"""Ingest: one reader per format, each turning a path or bytes into a ``Source``.

``Source.text`` is the document as plain text (tables as ``cell | cell |`` rows), and
``page_starts`` maps offsets in that text back to PDF pages.  Readers report what they
detected (format, encoding, pages) and raise a ``PolicyParseError`` on bad input.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from pathlib import Path

from policyparse.errors import DecodeError, EmptyInput, InputNotFound, UnsupportedFormat, Warnings, warn
from policyparse.ingest.sniff import FORMATS, NAMES, sniff_bytes
from policyparse.ingest.source import Source, clean_text

__all__ = ["FORMATS", "Source", "read_bytes", "read_path", "read_text", "sniff_format"]


def sniff_format(name: str, data: bytes) -> str:
    """The format ``data`` is read as (content first, then the suffix; ``sniff.detect``)."""
    return sniff_bytes(name, data).format


def read_path(path: str | os.PathLike, name: str | None = None) -> Source:
    """Read a file from disk (``-`` is not handled here: the caller passes stdin bytes)."""
    p = Path(path)
    shown = name or p.name
    if not p.exists():
        raise InputNotFound(f"{path}: no such file")
    if p.is_dir():
        raise UnsupportedFormat(f"{path}: is a directory, expected a file")
    return read_bytes(p.read_bytes(), shown)


def read_bytes(data: bytes, name: str) -> Source:
    """Dispatch bytes to the reader of their format."""
    if not data.strip():
        raise EmptyInput(f"{name}: file is empty")
    sniffed = sniff_bytes(name, data)
    source = _read_as(sniffed.format, data, name, hashlib.sha256(data).hexdigest())
    if sniffed.mismatch:
        found = warn(Warnings.SUFFIX_MISMATCH, name=name, suffix=sniffed.suffix, format=NAMES[sniffed.format])
        source = replace(source, warnings=(found, *source.warnings))
    return source


def _read_as(fmt: str, data: bytes, name: str, sha: str) -> Source:
    if fmt == "txt":
        from policyparse.ingest.txt import read_txt

        return read_txt(data, name, sha)
    if fmt == "pdf":
        from policyparse.ingest.pdf.reader import read_pdf

        return read_pdf(data, name, sha)
    if fmt == "docx":
        from policyparse.ingest.docx import read_docx

        return read_docx(data, name, sha)
    if fmt == "ofd":
        from policyparse.ingest.ofd import read_ofd

        return read_ofd(data, name, sha)
    if fmt == "doc":
        from policyparse.ingest.legacy import read_doc

        return read_doc(data, name, sha)
    from policyparse.ingest.html import read_html

    return read_html(data, name, sha)


def read_text(text: str, name: str = "<text>") -> Source:
    """A document given as a Python string."""
    if not text.strip():
        raise EmptyInput(f"{name}: text is empty")
    try:
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    except UnicodeEncodeError as exc:
        raise DecodeError(f"{name}: not valid Unicode text (a lone surrogate at character {exc.start})") from None
    return Source(name=name, sha256=sha, format="txt", text=clean_text(text), encoding="str")
