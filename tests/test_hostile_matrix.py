"""Issue 11's matrix: each hostile input through the library, the CLI and batch, with one
expectation for all three — an error of the project's class (one ``Error:`` line, exit 1, an
error record) or a valid result (with the warning code it must carry)."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import policyparse
from policyparse.cli import cli
from policyparse.errors import PolicyParseError

TESTS = Path(__file__).parent
SAMPLE = (TESTS / "golden" / "wujiang_silk_2021.txt").read_bytes()
DOCX = sorted((TESTS / "golden_docx").glob("*.docx"))[0]


def _docx(edit) -> bytes:
    import io
    out = io.BytesIO()
    with zipfile.ZipFile(DOCX) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, edit(item.filename, zin.read(item.filename)))
    return out.getvalue()


def _bomb(name: str, data: bytes) -> bytes:
    return data.replace(b"<w:body>", b"<w:body>" + b" " * (70 << 20), 1) if name == "word/document.xml" else data


def _ilvl(name: str, data: bytes) -> bytes:
    return data.replace(b'w:ilvl w:val="0', b'w:ilvl w:val="x') if name.startswith("word/") else data


def _html(body: str, head: str = "") -> bytes:
    return f"<html><head>{head}</head><body>{body}</body></html>".encode()


# name, content, expected: an error class name, or ("ok", warning code or None)
MATRIX = [
    ("utf8_bom_invalid.txt", b"\xef\xbb\xbf" + SAMPLE[:300] + b"\xff\xfe\xfd", "DecodeError"),
    ("utf16_odd.txt", b"\xff\xfe" + "一、总体要求".encode("utf-16-le") + b"\x00", "DecodeError"),
    ("rot13.html", _html("<p>关于印发方案的通知</p><p>一、总体要求</p>", '<meta charset="rot13">'), ("ok", None)),
    ("base64.html", _html("<p>关于印发方案的通知</p><p>一、总体要求</p>", '<meta charset="base64">'), ("ok", None)),
    ("damaged.pdf", (TESTS / "bad_pdf" / "damaged.pdf").read_bytes(), "CorruptInput"),
    ("truncated.pdf", (TESTS / "bad_pdf" / "truncated.pdf").read_bytes(), "CorruptInput"),
    ("ilvl.docx", _docx(_ilvl), ("ok", None)),
    ("bomb.docx", _docx(_bomb), "TooLarge"),
    ("nul_late.txt", SAMPLE[:6000].rsplit(b"\n", 1)[0] + b"\n\x00tail\n", ("ok", "W104")),
    ("deep.html", _html("<div>" * 400 + "<p>一、总体要求</p>" + "</div>" * 400), ("ok", None)),
    ("doctype.html", b'<!DOCTYPE html [\n<!ENTITY x "y">\n]>\n' + _html("<p>一、总体要求</p>"), ("ok", None)),
    ("empty.txt", b"", "EmptyInput"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00" * 40, "DecodeError"),
    ("pdf_named.txt", (TESTS / "golden_pdf" / "d01.pdf").read_bytes(), ("ok", "W103")),
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("matrix")
    (root / "in").mkdir()
    for name, content, _ in MATRIX:
        (root / "in" / name).write_bytes(content)
    return root


@pytest.mark.parametrize("name,content,expected", MATRIX, ids=[m[0] for m in MATRIX])
def test_library(folder: Path, name: str, content: bytes, expected) -> None:
    path = folder / "in" / name
    if isinstance(expected, str):
        with pytest.raises(PolicyParseError) as info:
            policyparse.parse(path)
        assert type(info.value).__name__ == expected
    else:
        doc = policyparse.parse(path)
        assert expected[1] is None or expected[1] in {w.code for w in doc.warnings}
        assert "]>" not in doc.text and "\x00" not in doc.text


@pytest.mark.parametrize("name,content,expected", MATRIX, ids=[m[0] for m in MATRIX])
def test_cli(folder: Path, name: str, content: bytes, expected) -> None:
    result = CliRunner().invoke(cli, ["parse", str(folder / "in" / name)])
    assert "Traceback" not in result.output
    if isinstance(expected, str):
        assert result.exit_code == 1 and result.stdout == ""
        assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("Error: ")
    else:
        assert result.exit_code == 0, result.stderr
        json.loads(result.stdout)


def test_batch(folder: Path, monkeypatch) -> None:
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(cli, ["batch", "in", "-o", "out", "-j", "2"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    summary = json.loads((folder / "out" / "_summary.json").read_text(encoding="utf-8"))
    errors = {f["input"]: f["error"] for f in summary["failures"]}
    assert errors == {f"in/{name}": expected for name, _, expected in MATRIX if isinstance(expected, str)}
    for name, _, expected in MATRIX:
        if not isinstance(expected, str):
            assert (folder / "out" / "in" / f"{name}.json").exists(), name
            if expected[1]:
                assert expected[1] in summary["warnings_by_input"].get(f"in/{name}", {}), name
