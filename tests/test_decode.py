"""The shared decoder (ingest/decode.py) for .txt and .html: one case per rule."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from policyparse.errors import DecodeError
from policyparse.ingest import read_bytes
from policyparse.ingest.decode import decode

GOLDEN = Path(__file__).parent / "golden"
TRADITIONAL = (GOLDEN / "d19.txt").read_text(encoding="utf-8")   # 州政發〔2020〕5號, traditional script
SIMPLIFIED = (GOLDEN / "d01.txt").read_text(encoding="utf-8")


def _big5(text: str) -> bytes:
    return text.encode("big5", errors="ignore")


@pytest.mark.parametrize("data,encoding,guessed", [
    (codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"), "utf-8-sig", False),      # a BOM is taken at its word
    (SIMPLIFIED.encode("utf-16"), "utf-16", False),
    (SIMPLIFIED.encode("utf-8"), "utf-8", False),
    (SIMPLIFIED.encode("gb18030"), "gb18030", True),
    (_big5(TRADITIONAL), "big5", True),                                     # not GB18030 mojibake
])
def test_encodings(data, encoding, guessed):
    decoded = decode(data, "x.txt")
    assert (decoded.encoding, decoded.guessed) == (encoding, guessed)
    assert decoded.text.lstrip("\ufeff") == data.decode(encoding).lstrip("\ufeff")


def test_big5_text_and_html_read_as_big5():
    data = _big5(TRADITIONAL)
    assert read_bytes(data, "d19.txt").text == data.decode("big5")
    page = b"<html><body><p>" + data + b"</p></body></html>"
    assert read_bytes(page, "d19.html").encoding == "big5"


def test_a_bom_then_invalid_bytes_is_a_decode_error():
    with pytest.raises(DecodeError, match="byte order mark says utf-8-sig"):
        decode(codecs.BOM_UTF8 + b"\xff\xfe ok", "bad.txt")


@pytest.mark.parametrize("label", ["rot13", "base64", "no-such-charset"])
def test_a_declared_charset_that_is_no_text_encoding_is_ignored(label):
    page = f'<html><head><meta charset="{label}"></head><body><p>一、总体要求</p></body></html>'.encode("gb18030")
    source = read_bytes(page, "p.html")
    assert source.encoding == "gb18030" and "总体要求" in source.text


def test_a_str_with_a_lone_surrogate_is_the_librarys_own_error():
    import policyparse

    with pytest.raises(DecodeError, match="lone surrogate at character 7"):
        policyparse.parse("一、总体要求\n\ud800")
