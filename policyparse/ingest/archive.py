"""Zip containers (DOCX, OFD): opening one and reading its members, in one place.

Every member the project reads out of a zip goes through ``read_member`` so that a limit on
the decompressed size (the zip-bomb guard) applies to all of them at once.
"""
from __future__ import annotations

import io
import zipfile
from typing import IO

from policyparse.errors import CorruptInput

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # a local file header, or an empty archive's end record


def open_zip(data: bytes | IO[bytes], name: str) -> zipfile.ZipFile:
    """The archive, or ``CorruptInput`` naming the file."""
    try:
        return zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise CorruptInput(f"{name}: damaged zip container ({exc})") from None


def member_names(archive: zipfile.ZipFile) -> list[str]:
    """Member names as stored (``/`` separators), directories included."""
    return archive.namelist()


def read_member(archive: zipfile.ZipFile, member: str, name: str) -> bytes:
    """One member's bytes; ``CorruptInput`` when it is missing or cannot be inflated."""
    try:
        return archive.read(member)
    except KeyError:
        raise CorruptInput(f"{name}: damaged container (member {member!r} is missing)") from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise CorruptInput(f"{name}: damaged container (member {member!r}: {exc})") from None
