"""Ingest: one reader per format, each turning a path or bytes into a ``Source``.

``Source.text`` is the document as plain text (tables as ``cell | cell |`` rows), and
``page_starts`` maps offsets in that text back to PDF pages.  Readers report what they
detected (format, encoding, pages) and raise a ``PolicyParseError`` on bad input.
"""
from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import replace
from pathlib import Path

from policyparse.errors import CorruptInput, DecodeError, EmptyInput, InputNotFound, NotRegularFile, PolicyParseError, Warnings, warn
from policyparse.ingest.limits import DEFAULT_LIMITS, Limits, check_chars, check_size, check_zip
from policyparse.ingest.sniff import FORMATS, NAMES, sniff_bytes
from policyparse.ingest.source import Source, clean_text, drop_nul

__all__ = ["FORMATS", "Limits", "Source", "read_bytes", "read_path", "read_text", "sniff_format",
           "check_regular_file"]


def sniff_format(name: str, data: bytes) -> str:
    """The format ``data`` is read as (content first, then the suffix; ``sniff.detect``)."""
    return sniff_bytes(name, data).format


def read_path(path: str | os.PathLike, name: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Source:
    """Read a regular file from disk (``-`` is not handled here: the caller passes stdin bytes).
    At most ``limits.max_bytes`` are read, whatever the file claims (a growing file, /proc)."""
    p = Path(path)
    shown = name or str(path)
    check_regular_file(p, shown)
    check_size(shown, p.stat().st_size, limits)
    with open(p, "rb") as fh:
        data = fh.read(limits.max_bytes + 1)
    return read_bytes(data, shown, limits)


def check_regular_file(p: Path, shown: str) -> None:
    """InputNotFound / NotRegularFile unless ``p`` is (a link to) a regular file."""
    try:
        mode = p.stat().st_mode
    except FileNotFoundError:
        what = "broken symbolic link" if p.is_symlink() else "no such file"
        raise InputNotFound(f"{shown}: {what}") from None
    if stat.S_ISDIR(mode):
        raise NotRegularFile(f"{shown}: is a directory, expected a file")
    if not stat.S_ISREG(mode):
        raise NotRegularFile(f"{shown}: is a {_file_kind(mode)}, not a regular file (only regular files are read)")


def _file_kind(mode: int) -> str:
    for test, kind in ((stat.S_ISFIFO, "FIFO (named pipe)"), (stat.S_ISSOCK, "socket"),
                       (stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device")):
        if test(mode):
            return kind
    return "special file"


def read_bytes(data: bytes, name: str, limits: Limits = DEFAULT_LIMITS) -> Source:
    """Dispatch bytes to the reader of their format.  Every failure of a format library becomes
    one of the project's errors: the readers turn the failures they know into ``CorruptInput``
    with a reason, and any other exception of a reader is reported the same way, by its class."""
    check_size(name, len(data), limits)
    if not data.strip():
        raise EmptyInput(f"{name}: file is empty")
    sniffed = sniff_bytes(name, data)
    fmt, sha = sniffed.format, hashlib.sha256(data).hexdigest()
    try:
        source = _read_format(fmt, data, name, sha, limits)
    except (PolicyParseError, MemoryError, KeyboardInterrupt):
        raise
    except RecursionError:
        raise CorruptInput(f"{name}: nested too deeply to read") from None
    except Exception as exc:  # noqa: BLE001 -- a format library failing in a way no reader foresaw
        raise CorruptInput(f"{name}: the {fmt} reader could not read it ({type(exc).__name__}: "
                           f"{str(exc).splitlines()[0][:200] if str(exc) else 'no detail'})") from exc
    check_chars(name, source.text, limits)
    if sniffed.mismatch:
        found = warn(Warnings.SUFFIX_MISMATCH, name=name, suffix=sniffed.suffix, format=NAMES[sniffed.format])
        source = replace(source, warnings=(found, *source.warnings))
    return source


def _read_format(fmt: str, data: bytes, name: str, sha: str, limits: Limits) -> Source:
    if fmt == "txt":
        from policyparse.ingest.txt import read_txt

        return read_txt(data, name, sha)
    if fmt == "pdf":
        from policyparse.ingest.pdf.reader import read_pdf

        return read_pdf(data, name, sha)
    if fmt == "docx":
        from policyparse.ingest.docx import read_docx

        check_zip(name, data, limits)
        return read_docx(data, name, sha)
    if fmt == "ofd":
        from policyparse.ingest.ofd import read_ofd

        check_zip(name, data, limits)
        return read_ofd(data, name, sha)
    if fmt == "doc":
        from policyparse.ingest.legacy import read_doc

        return read_doc(data, name, sha)
    from policyparse.ingest.html import read_html

    return read_html(data, name, sha)


def read_text(text: str, name: str = "<text>", limits: Limits = DEFAULT_LIMITS) -> Source:
    """A document given as a Python string."""
    check_chars(name, text, limits)
    if not text.strip():
        raise EmptyInput(f"{name}: text is empty")
    try:
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    except UnicodeEncodeError as exc:
        raise DecodeError(f"{name}: not valid Unicode text (a lone surrogate at character {exc.start})") from None
    clean, nul = drop_nul(clean_text(text), name)
    return Source(name=name, sha256=sha, format="txt", text=clean, encoding="str", warnings=nul)
