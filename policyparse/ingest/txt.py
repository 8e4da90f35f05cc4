"""Plain-text reader: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK, detected."""
from __future__ import annotations

import codecs

from policyparse.errors import DecodeError, Warnings, warn
from policyparse.ingest.source import Source, clean_text

# Tried in order before any guessing: strict decoders that reject wrong input.
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_STRICT = ("utf-8", "gb18030")


def read_txt(data: bytes, name: str, sha256: str) -> Source:
    encoding, text, guessed = decode(data, name)
    warnings = (warn(Warnings.ENCODING_GUESSED, name=name, encoding=encoding),) if guessed else ()
    return Source(name=name, sha256=sha256, format="txt", text=clean_text(text), encoding=encoding, warnings=warnings)


def decode(data: bytes, name: str) -> tuple[str, str, bool]:
    """Return (encoding, text, guessed).  Raises DecodeError for binary or undecodable bytes."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc, data.decode(enc), False
    if b"\x00" in data[:4096]:
        raise DecodeError(f"{name}: binary data (NUL bytes), expected text")
    for enc in _STRICT:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return enc, text, enc != "utf-8"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or not _looks_like_text(str(best)):
        raise DecodeError(f"{name}: cannot decode as text (tried UTF-8, UTF-16, GB18030 and detection)")
    return best.encoding, str(best), True


def _looks_like_text(text: str) -> bool:
    """Reject decodes full of control characters (a binary file that happens to decode)."""
    if not text:
        return False
    bad = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\t\n\r\f")
    return bad / min(len(text), 20000) < 0.01
