"""Format detection: the content's first bytes decide, the file name's suffix only breaks ties.

One function, ``detect``, used by ``read_bytes`` (``parse``) and by the batch planner, so that a
file is read the same way whichever command meets it:

    %PDF-            (in the first KB)                      -> pdf
    PK\\3\\4 zip      with word/document.xml                 -> docx
                     with OFD.xml at its root               -> ofd
    D0 CF 11 E0      OLE2 compound file (Word 97-2003, WPS)  -> doc
    <!doctype html / <html  (after a BOM and white space)     -> html
    anything else                                           -> the suffix's format, else txt

A suffix that names another format than the content's is reported (``Sniffed.mismatch``) and
the content wins: a PDF named ``.txt`` is read as a PDF, an OFD named ``.zip`` as OFD.  A file
without a suffix is sniffed the same way; an unknown suffix with no recognised content is
``UnsupportedFormat`` (a folder's ``.png`` or ``.json`` is not taken for text).
"""
from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from policyparse.errors import UnsupportedFormat
from policyparse.ingest.archive import ZIP_MAGIC

# Suffix -> format.  .wps (WPS Office's own binary format) is an OLE2 file like .doc.
FORMATS = {".txt": "txt", ".text": "txt", ".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html",
           ".ofd": "ofd", ".doc": "doc", ".wps": "doc"}
KNOWN = ".txt/.pdf/.docx/.html/.ofd/.doc/.wps"
NAMES = {"txt": "text", "pdf": "PDF", "docx": "DOCX", "ofd": "OFD", "doc": "Word 97-2003/WPS", "html": "HTML"}
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PDF_MAGIC = re.compile(rb"%PDF-")
HTML_START = (b"<!doctype html", b"<html")
BOMS = (b"\xef\xbb\xbf",)
HEAD = 2048  # bytes the sniffer looks at (the zip test reads the archive's directory itself)
STDIN_NAMES = ("<stdin>", "<bytes>", "-")


@dataclass(frozen=True)
class Sniffed:
    """The format to read a file as, and the suffix when it names another format."""

    format: str
    suffix: str = ""  # the file name's suffix, lower case ('' for none)
    mismatch: bool = False  # the suffix names (or is) something else than the content


def suffix_of(name: str) -> str:
    return os.path.splitext(name)[1].lower()


def detect(name: str, head: bytes, zip_names: Callable[[], list[str] | None]) -> Sniffed:
    """The format of a file called ``name`` whose first bytes are ``head``.

    ``zip_names`` gives the member names of the whole file when it is a zip (None when it
    cannot be opened as one); it is called only for content that starts like a zip."""
    suffix = suffix_of(name) if name not in STDIN_NAMES else ""
    by_suffix = FORMATS.get(suffix)
    content = _content_format(head, zip_names, by_suffix)
    if content is None:
        if by_suffix is not None:
            return Sniffed(by_suffix, suffix)
        if suffix:
            raise UnsupportedFormat(f"{name}: expected {KNOWN}, found {suffix!r}")
        return Sniffed("txt", suffix)
    if content == "zip":
        raise UnsupportedFormat(f"{name}: a zip archive that is neither DOCX (no word/document.xml) nor OFD (no OFD.xml)")
    return Sniffed(content, suffix, mismatch=bool(suffix) and by_suffix != content)


def _content_format(head: bytes, zip_names: Callable[[], list[str] | None], by_suffix: str | None) -> str | None:
    if PDF_MAGIC.search(head[:1024]):
        return "pdf"
    if head.startswith(ZIP_MAGIC):
        return _zip_format(zip_names(), by_suffix)
    if head.startswith(OLE2_MAGIC):  # an encrypted DOCX is an OLE2 file too: its reader says so
        return "docx" if by_suffix == "docx" else "doc"
    start = head[3:] if head.startswith(BOMS) else head
    if start[:512].lstrip().lower().startswith(HTML_START):
        return "html"
    return None


def _zip_format(names: list[str] | None, by_suffix: str | None) -> str | None:
    """DOCX or OFD by their main member; any other zip is what its suffix says (the reader
    then reports what is missing), else ``"zip"`` (unsupported)."""
    if names is not None:
        if "word/document.xml" in names:
            return "docx"
        if any(n.lower() == "ofd.xml" for n in names):
            return "ofd"
    return by_suffix if by_suffix in ("docx", "ofd") else "zip"


def sniff_bytes(name: str, data: bytes) -> Sniffed:
    """``detect`` on bytes in memory."""
    return detect(name, data[:HEAD], lambda: _names(data))


def sniff_file(path: str | os.PathLike, name: str) -> Sniffed:
    """``detect`` on a file on disk: reads its first bytes, and a zip's directory only."""
    with open(path, "rb") as fh:
        head = fh.read(HEAD)
    return detect(name, head, lambda: _names(path))


def _names(source: bytes | str | os.PathLike) -> list[str] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):  # e.g. "zip file version 23.0"
        return None
