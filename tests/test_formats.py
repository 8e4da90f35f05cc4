"""Format detection (content first, then suffix), OFD and Word 97-2003 (issue 13).

Fixtures: tests/golden_ofd/ (OFD written by its make_fixtures.py to GB/T 33190's structure,
sharing no code with the reader) and tests/golden_doc/ (.doc made by LibreOffice from the
corpus texts).  The .doc tests need ``soffice``; CI installs LibreOffice, so there they never skip.
"""
from __future__ import annotations

import io
import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import policyparse
from policyparse.cli import cli
from policyparse.errors import CorruptInput, EmptyInput, UnsupportedFormat
from policyparse.eval.score import evaluate_dir
from policyparse.ingest import legacy, ofd, read_bytes
from policyparse.ingest.sniff import sniff_bytes, sniff_file
from policyparse.schema import walk

TESTS = Path(__file__).parent
SAMPLE_TXT = TESTS / "golden" / "wujiang_silk_2021.txt"
SAMPLE_PDF = TESTS / "golden_pdf" / "wujiang_silk_2021.pdf"
SAMPLE_DOCX = TESTS / "golden_docx" / "wujiang_silk_2021.docx"
SAMPLE_OFD = TESTS / "golden_ofd" / "wujiang_silk_2021.ofd"
SAMPLE_DOC = TESTS / "golden_doc" / "wujiang_silk_2021.doc"
METRICS = ("outline_f1", "units_f1", "field_acc")
HAVE_SOFFICE = legacy.find_soffice() is not None
needs_soffice = pytest.mark.skipif(not HAVE_SOFFICE and not os.environ.get("CI"),
                                   reason="LibreOffice (soffice) not installed; CI installs it")


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def outline(doc) -> list[tuple]:
    return [(n.scope, n.path, "".join(n.title.split()), tuple((u.name, u.role) for u in n.units))
            for n, _ in walk(doc.sections)]


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


# --------------------------------------------------------------------------- sniffing

# (file name, content source, expected format, does the suffix disagree)
SNIFF_CASES = [
    ("a.txt", SAMPLE_PDF, "pdf", True),      # a PDF named .txt
    ("a", SAMPLE_DOCX, "docx", False),       # a DOCX without a suffix
    ("a.zip", SAMPLE_OFD, "ofd", True),      # an OFD named .zip
    ("a.docx", SAMPLE_OFD, "ofd", True),     # an OFD named .docx
    ("a.pdf", SAMPLE_DOCX, "docx", True),
    ("a.wps", SAMPLE_DOC, "doc", False),     # .wps and .doc are both OLE2 files
    ("a.txt", SAMPLE_DOC, "doc", True),
    ("a", SAMPLE_TXT, "txt", False),
    ("a.htm", SAMPLE_TXT, "html", False),    # no HTML sniffed: the suffix decides
    ("<stdin>", SAMPLE_OFD, "ofd", False),
]


@pytest.mark.parametrize("name, source, fmt, mismatch", SNIFF_CASES, ids=[f"{c[0]}<-{c[1].name}" for c in SNIFF_CASES])
def test_content_decides_the_format(tmp_path: Path, name, source, fmt, mismatch) -> None:
    data = source.read_bytes()
    sniffed = sniff_bytes(name, data)
    assert (sniffed.format, sniffed.mismatch) == (fmt, mismatch)
    path = tmp_path / (name if name != "<stdin>" else "stdin")
    path.write_bytes(data)
    assert sniff_file(path, name) == sniffed  # the batch planner's view of the same file


def test_html_is_sniffed_after_a_bom_and_white_space() -> None:
    assert sniff_bytes("page", b"\xef\xbb\xbf \n<!DOCTYPE html><html>").format == "html"
    assert sniff_bytes("page.txt", b"<html><body>x</body></html>").mismatch


def test_unknown_suffix_without_known_content_is_unsupported() -> None:
    with pytest.raises(UnsupportedFormat, match=r"notes\.xyz: expected .*found '\.xyz'"):
        sniff_bytes("notes.xyz", "一、文字".encode())


def test_zip_that_is_neither_docx_nor_ofd_is_unsupported() -> None:
    with pytest.raises(UnsupportedFormat, match="neither DOCX .* nor OFD"):
        sniff_bytes("data.zip", zip_bytes({"readme.txt": b"x"}))
    # named .docx, the DOCX reader reports what is missing
    assert sniff_bytes("data.docx", zip_bytes({"readme.txt": b"x"})).format == "docx"


def test_pdf_named_txt_parses_as_the_pdf_with_a_warning(tmp_path: Path) -> None:
    renamed = tmp_path / "notice.txt"
    shutil.copy(SAMPLE_PDF, renamed)
    doc = policyparse.parse(renamed)
    assert doc.source.format == "pdf"
    assert outline(doc) == outline(policyparse.parse(SAMPLE_PDF))
    w103 = [w for w in doc.warnings if w.code == "W103"]
    assert [w.message for w in w103] == [f"{renamed}: named .txt but the content is PDF; read as PDF"]


def test_docx_without_suffix_parses_without_a_warning(tmp_path: Path) -> None:
    bare = tmp_path / "notice"
    shutil.copy(SAMPLE_DOCX, bare)
    doc = policyparse.parse(bare)
    assert doc.source.format == "docx"
    assert "W103" not in {w.code for w in doc.warnings}
    assert outline(doc) == outline(policyparse.parse(SAMPLE_DOCX))


def test_bytes_are_sniffed_too() -> None:
    assert policyparse.parse(SAMPLE_OFD.read_bytes()).source.format == "ofd"


def test_cli_parse_reads_by_content(tmp_path: Path) -> None:
    ofd_as_zip = tmp_path / "notice.zip"
    shutil.copy(SAMPLE_OFD, ofd_as_zip)
    result = run("parse", str(ofd_as_zip))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["source"]["format"] == "ofd"
    assert "W103" in {w["code"] for w in data["warnings"]}
    piped = run("parse", "-", input=SAMPLE_DOCX.read_bytes())
    assert piped.exit_code == 0 and json.loads(piped.stdout)["source"]["format"] == "docx"


def test_batch_reads_by_content_as_parse_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLE_DOCX, folder / "bare_docx")
    shutil.copy(SAMPLE_PDF, folder / "pdf_named.txt")
    shutil.copy(SAMPLE_OFD, folder / "ofd_named.zip")
    shutil.copy(SAMPLE_TXT, folder / "bare_text")
    (folder / "archive.zip").write_bytes(zip_bytes({"a.txt": b"x"}))
    result = run("batch", "in", "-o", "out", "-j", "1")
    assert result.exit_code == 1  # archive.zip has an error record
    out = tmp_path / "out" / "in"
    for name, fmt in (("bare_docx", "docx"), ("pdf_named.txt", "pdf"), ("ofd_named.zip", "ofd"), ("bare_text", "txt")):
        batch_json = (out / f"{name}.json").read_text(encoding="utf-8")
        assert json.loads(batch_json)["source"]["format"] == fmt
        single = run("parse", f"in/{name}")
        assert single.exit_code == 0
        assert json.loads(single.stdout)["sections"] == json.loads(batch_json)["sections"]
    record = json.loads((out / "archive.zip.error.json").read_text(encoding="utf-8"))
    assert record["error"] == "UnsupportedFormat" and "neither DOCX" in record["message"]


# --------------------------------------------------------------------------- OFD


def test_ofd_fixtures_score_as_their_text_twins() -> None:
    ofd_report, txt_report = (evaluate_dir(TESTS / "golden_ofd", ext=e) for e in (".ofd", ".txt"))
    txt = {d.name: d for d in txt_report.documents}
    assert len(ofd_report.documents) >= 8
    gaps = [f"{d.name} {m}: ofd {d.metrics()[m]} vs txt {txt[d.name].metrics()[m]}"
            for d in ofd_report.documents for m in METRICS
            if d.metrics()[m] is not None and abs(d.metrics()[m] - txt[d.name].metrics()[m]) > 0.01]
    assert not gaps, "\n".join(gaps)


def test_ofd_sample_reads_as_the_text_with_pages() -> None:
    doc = policyparse.parse(SAMPLE_OFD)
    assert (doc.source.format, doc.source.pages) == ("ofd", 7)
    assert outline(doc) == outline(policyparse.parse(SAMPLE_TXT))
    assert doc.notice.issuer == "苏州市吴江区人民政府办公室"
    # the template's running line (on all 7 pages) is page furniture, dropped
    assert doc.text.count("吴江区人民政府办公室") == SAMPLE_TXT.read_text(encoding="utf-8").count("吴江区人民政府办公室")


def test_ofd_template_pages_are_drawn_under_the_page() -> None:
    with ofd.open_zip(SAMPLE_OFD.read_bytes(), "x.ofd") as archive:
        pages = list(ofd.Package(archive, "x.ofd").pages())
    first_lines = ["".join(c.text for c in line.chars) for line in ofd.page_read(0, pages[0][0], pages[0][1]).lines]
    assert first_lines[0] == "吴江区人民政府办公室"  # the template's line, above the title
    assert all(any(c.text == "吴" and c.top < 90 for c in chars) for chars, _ in pages)


def test_ofd_delta_x_run_form() -> None:
    assert ofd.deltas("1 2 g 3 0.5 4", 6) == [1.0, 2.0, 0.5, 0.5, 0.5, 4.0]
    assert ofd.deltas(None, 3) == []


def test_ofd_glyph_positions_follow_boundary_ctm_and_deltas() -> None:
    obj = ofd.etree.fromstring(
        '<TextObject Boundary="20 30 100 10" Size="1" CTM="5 0 0 5 0 0">'
        '<TextCode X="0" Y="1" DeltaX="g 2 1.2">通知书</TextCode></TextObject>')
    chars = ofd.text_object_chars(obj, (0.0, 0.0, 210.0, 297.0))
    assert [c.text for c in chars] == list("通知书")
    xs = [round(c.x0 / ofd.MM, 3) for c in chars]
    assert xs == [20.0, 26.0, 32.0]  # boundary x + CTM-scaled advances of 1.2
    assert round(chars[0].size / ofd.MM, 3) == 5.0
    assert round((chars[0].top + ofd.ASCENT * chars[0].size) / ofd.MM, 3) == 35.0  # baseline y = 30 + 5


@pytest.mark.parametrize("members, error, message", [
    ({"OFD.xml": b"<OFD><DocBody/></OFD>"}, CorruptInput, "names no document"),
    ({"OFD.xml": b"<OFD><DocBody><DocRoot>Doc_0/Document.xml</DocRoot></DocBody></OFD>"}, CorruptInput,
     "member 'Doc_0/Document.xml' is missing"),
    ({"OFD.xml": b"<OFD><DocBody><DocRoot>D.xml</DocRoot></DocBody></OFD>", "D.xml": b"<Document><Pages/></Document>"},
     CorruptInput, "lists no pages"),
    ({"OFD.xml": b"<OFD><DocBody><DocRoot>D.xml</DocRoot></DocBody></OFD>",
      "D.xml": b'<Document><Pages><Page BaseLoc="P.xml"/></Pages></Document>', "P.xml": b"<Page><Content/></Page>"},
     EmptyInput, "no text objects"),
    ({"OFD.xml": b"<OFD><DocBody"}, CorruptInput, "damaged OFD"),
])
def test_bad_ofd_is_one_clear_error(members, error, message) -> None:
    with pytest.raises(error, match=message):
        read_bytes(zip_bytes(members), "bad.ofd")


def test_truncated_ofd_is_corrupt() -> None:
    with pytest.raises(CorruptInput, match="bad.ofd: damaged zip"):
        read_bytes(SAMPLE_OFD.read_bytes()[:3000], "bad.ofd")


# --------------------------------------------------------------------------- .doc / .wps


@needs_soffice
def test_doc_fixtures_score_as_their_text_twins() -> None:
    doc_report, txt_report = (evaluate_dir(TESTS / "golden_doc", ext=e) for e in (".doc", ".txt"))
    txt = {d.name: d for d in txt_report.documents}
    assert len(doc_report.documents) >= 8
    assert all(d.error is None for d in doc_report.documents), [d.error for d in doc_report.documents]
    gaps = [f"{d.name} {m}: doc {d.metrics()[m]} vs txt {txt[d.name].metrics()[m]}"
            for d in doc_report.documents for m in METRICS
            if d.metrics()[m] is not None and abs(d.metrics()[m] - txt[d.name].metrics()[m]) > 0.01]
    assert not gaps, "\n".join(gaps)


@needs_soffice
def test_wps_takes_the_doc_route(tmp_path: Path) -> None:
    wps = tmp_path / "notice.wps"
    shutil.copy(SAMPLE_DOC, wps)
    doc = policyparse.parse(wps)
    assert doc.source.format == "doc" and not [w for w in doc.warnings if w.code == "W103"]
    assert outline(doc) == outline(policyparse.parse(SAMPLE_TXT))


@needs_soffice
def test_damaged_doc_is_corrupt() -> None:
    with pytest.raises(CorruptInput, match="old.doc: LibreOffice could not convert it"):
        read_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"x" * 64, "old.doc")


@needs_soffice
def test_conversion_has_a_time_limit() -> None:
    with pytest.raises(CorruptInput, match="slow.doc: LibreOffice did not convert it within 0 s"):
        legacy.convert_to_docx(SAMPLE_DOC.read_bytes(), "slow.doc", timeout=0.05)


def test_doc_without_libreoffice_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(legacy, "find_soffice", lambda: None)
    with pytest.raises(UnsupportedFormat, match="needs LibreOffice.*apt-get install libreoffice-writer-nogui"):
        read_bytes(SAMPLE_DOC.read_bytes(), "old.doc")
    result = run("parse", str(SAMPLE_DOC))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith(f"Error: {SAMPLE_DOC}: reading Word 97-2003/WPS files needs LibreOffice")
    assert result.stderr.count("\n") == 1
