"""Plain-text reader: the shared decoder (``decode.py``: BOM, UTF-8, GB18030 or Big5, detection)."""
from __future__ import annotations

from policyparse.errors import Warnings, warn
from policyparse.ingest.decode import decode
from policyparse.ingest.source import Source, clean_text, drop_nul


def read_txt(data: bytes, name: str, sha256: str) -> Source:
    decoded = decode(data, name)
    warnings = (warn(Warnings.ENCODING_GUESSED, name=name, encoding=decoded.encoding),) if decoded.guessed else ()
    text, nul = drop_nul(clean_text(decoded.text), name)
    return Source(name=name, sha256=sha256, format="txt", text=text, encoding=decoded.encoding,
                  warnings=warnings + nul)
