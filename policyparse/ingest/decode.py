"""One decoder for text and HTML bytes: BOM → UTF-8 → declared charset → GB18030 or Big5.

Order and reasons:
- a byte order mark (UTF-8, UTF-16) is taken at its word, strictly;
- NUL bytes in the first 4 KB mean binary data;
- strict UTF-8 goes before a page's declared charset, because GB18030 decodes nearly any
  bytes (a UTF-8 page that still says gb2312 would become mojibake) while GBK text is
  practically never valid UTF-8;
- a declared charset (``<meta charset>``) next, when it is a text encoding;
- GB18030 (which covers GB2312 and GBK), unless the bytes are also valid Big5: then
  charset-normalizer chooses between the two, so that a traditional-script Big5 file does not
  come out as GB18030 mojibake;
- charset-normalizer over all encodings last (``guessed``: warning W101).
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass

from policyparse.errors import DecodeError

BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
GB_FAMILY = ("gb2312", "gbk", "gb18030", "hz")  # all read as GB18030, their superset
BIG5_FAMILY = ("big5", "big5hkscs", "cp950")


@dataclass(frozen=True)
class Decoded:
    encoding: str
    text: str
    guessed: bool  # not declared by a BOM or the page, not plain UTF-8


def decode(data: bytes, name: str, declared: str | None = None, strict_text: bool = True,
           expected: str = "text") -> Decoded:
    """Decode ``data``; ``declared``: the charset the document names (HTML).  ``strict_text``
    rejects decodes full of control characters (a binary file that happens to decode);
    ``expected`` names what the bytes should be, in error messages."""
    accept = _looks_like_text if strict_text else bool
    for bom, enc in BOMS:
        if data.startswith(bom):
            return Decoded(enc, _strict(data, enc, name, "its byte order mark says"), False)
    if b"\x00" in data[:4096]:
        raise DecodeError(f"{name}: binary data (NUL bytes), expected {expected}")
    text = _try(data, "utf-8")
    if text is not None and accept(text):
        return Decoded("utf-8", text, declared not in (None, "utf-8") and not data.isascii())
    declared = text_encoding(declared)
    if declared and (text := _try(data, declared)) is not None:
        return Decoded(declared, text, False)
    legacy = _cjk_legacy(data, accept)
    if legacy is not None:
        return legacy
    return _detect(data, name, accept)


def text_encoding(label: str | None) -> str | None:
    """The codec name of a charset label (gb2312 → gb18030), or None for an unknown label or a
    codec that is no text encoding (rot13, base64)."""
    if not label:
        return None
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True):
        return None
    return "gb18030" if info.name in GB_FAMILY else info.name


def _strict(data: bytes, enc: str, name: str, why: str) -> str:
    try:
        return data.decode(enc)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"{name}: {why} {enc}, but byte {exc.start} is not valid {enc}") from None


def _try(data: bytes, enc: str) -> str | None:
    try:
        return data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        return None


def _cjk_legacy(data: bytes, accept) -> Decoded | None:
    gb = _try(data, "gb18030")
    if gb is None or not accept(gb):
        return None
    big5 = _try(data, "big5")
    if big5 is not None and accept(big5):
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=["gb18030", "big5"]).best()
        if best is not None and best.encoding in BIG5_FAMILY:
            return Decoded("big5", big5, True)
    return Decoded("gb18030", gb, True)


def _detect(data: bytes, name: str, accept) -> Decoded:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    enc = text_encoding(best.encoding) if best is not None else None
    text = _try(data, enc) if enc else None
    if text is None or not accept(text):
        raise DecodeError(f"{name}: cannot decode as text (tried UTF-8, UTF-16, GB18030, Big5 and detection)")
    return Decoded(enc, text, True)


def _looks_like_text(text: str) -> bool:
    if not text:
        return False
    bad = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\t\n\r\f")
    return bad / min(len(text), 20000) < 0.01
