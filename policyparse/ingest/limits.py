"""Bounds on the work one input may cause, checked before the expensive stages run.

``Limits.max_bytes`` bounds the input (file or bytes); ``max_chars`` the text read from it, which
the later stages' time and memory grow with (about 150 bytes of memory per character: the
default 6 M characters, some 12,000 pages, stay under 1 GB); ``max_unzipped`` what the parts of
a zip-based package (DOCX, later OFD) expand to.  Each bound gives ``TooLarge`` naming the
option that raises it.  The sizes are declared in the zip's central directory; ``zipfile`` never
inflates a member past its declared size (it stops there and fails the CRC), so checking the
declared sizes bounds the real ones.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from policyparse.errors import CorruptInput, TooLarge

MB = 1 << 20
MAX_MEMBERS = 10_000    # parts of one package (a real DOCX has a few dozen)


@dataclass(frozen=True)
class Limits:
    """max_bytes: the largest input; max_chars: the longest text read from it; max_unzipped: the
    largest total a package's parts may expand to."""

    max_bytes: int = 256 * MB
    max_chars: int = 6_000_000
    max_unzipped: int = 64 * MB


def _mb(n: int) -> str:
    return f"{n / MB:.1f} MB"


def check_size(name: str, size: int, limits: Limits) -> None:
    if size > limits.max_bytes:
        raise TooLarge(f"{name}: the input is {_mb(size)}, more than the limit of {_mb(limits.max_bytes)} "
                       f"(raise it with --max-size)")


def check_chars(name: str, text: str, limits: Limits) -> None:
    if len(text) > limits.max_chars:
        raise TooLarge(f"{name}: the text read is {len(text):,} characters, more than the limit of "
                       f"{limits.max_chars:,} (raise it with --max-text)")


def check_zip(name: str, data: bytes, limits: Limits) -> None:
    """Refuse a package whose parts would expand past ``max_unzipped`` or that has absurdly many
    parts, before any part is inflated.  A zip that cannot be opened is left to the reader."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return
    if len(members) > MAX_MEMBERS:
        raise TooLarge(f"{name}: the package has {len(members):,} parts, more than {MAX_MEMBERS:,}")
    total = sum(m.file_size for m in members)
    if total > limits.max_unzipped:
        raise TooLarge(f"{name}: the package's parts expand to {_mb(total)}, more than the limit of "
                       f"{_mb(limits.max_unzipped)} (raise it with --max-unzipped)")
    for m in members:
        if m.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA):
            raise CorruptInput(f"{name}: part {m.filename} uses zip compression method {m.compress_type}, "
                               "which cannot be read (only stored, deflate, bzip2 and lzma)")


DEFAULT_LIMITS = Limits()
