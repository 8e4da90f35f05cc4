"""DOCX reader: body order, Word numbering resolved, tables as pipe rows, bad packages refused.

Fixtures in tests/golden_docx/ are built by make_fixtures.py from corpus texts; each NAME.docx
must read as its NAME.txt twin (same lines, whitespace aside).
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx  # noqa: E402  (python-docx, a core dependency)
import pytest
from docx.oxml import parse_xml

from policyparse.errors import CorruptInput, EmptyInput
from policyparse.ingest import read_bytes, read_path
from policyparse.ingest.docx import NUMBER_FORMATS, Numbering, chinese_counting, paragraph_runs_text
from tests.conftest import assert_twins_present

GOLDEN = Path(__file__).parent / "golden_docx"
FIXTURES = sorted(GOLDEN.glob("*.docx"))
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

CHINESE_COUNTING = [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (19, "十九"), (20, "二十"),
                    (21, "二十一"), (99, "九十九"), (100, "一百"), (105, "一百零五"), (110, "一百一十")]
FORMATS = [
    ("decimal", 12, "12"), ("chineseCountingThousand", 13, "十三"), ("ideographDigital", 10, "一〇"),
    ("decimalEnclosedCircle", 3, "③"), ("decimalEnclosedCircleChinese", 20, "⑳"),
    ("decimalEnclosedParen", 2, "⑵"), ("ideographTraditional", 2, "乙"), ("upperRoman", 14, "XIV"),
    ("lowerLetter", 28, "bb"), ("decimalFullWidth", 7, "７"), ("chineseLegalSimplified", 3, "叁"),
]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def twin_lines(path: Path) -> list[str]:
    return [line.strip() for line in path.with_suffix(".txt").read_text(encoding="utf-8").splitlines()]


# ---------------------------------------------------------------------------- golden fixtures
def test_fixtures_present():
    assert_twins_present(FIXTURES, {"wujiang_silk_2021", "d10", "d13", "d17"})


@pytest.mark.parametrize("path", [p for p in FIXTURES if p.stem != "d10"], ids=lambda p: p.stem)
def test_docx_reads_as_its_text_twin(path):
    source = read_path(path)
    assert source.format == "docx"
    assert [line.strip() for line in source.text.splitlines()] == twin_lines(path)


def test_table_fixture_has_the_twins_text_in_order():
    source = read_path(GOLDEN / "d10.docx")
    assert squash(source.text.replace("|", "")) == squash((GOLDEN / "d10.txt").read_text(encoding="utf-8"))


def test_table_rows_are_pipe_rows_with_merged_cells_empty():
    lines = read_path(GOLDEN / "d10.docx").text.splitlines()
    assert "序号 | 民生实事 | 责任单位 | 完成时限 |" in lines
    assert "1 | 启动建设东柳河城区段综合治理工程和东湖湿地公园。 | 县水务局 县住建局 县护城河指挥部 | 12月底前 |" in lines
    row5 = lines.index("5 | 开工建设县老年养护楼。 | 县民政局 | 5月底前动工 |")
    assert lines[row5 + 1].split("|") == [" ", " 开工建设老年大学。 ", "  ", " 12月底前 ", ""]


@pytest.mark.parametrize("stem, typed, shown", [
    ("wujiang_silk_2021", "指导思想", "一、指导思想"),
    ("wujiang_silk_2021", "加强组织领导。", "1.加强组织领导。"),
    ("d17", "全市经济社会发展主要预期目标", "一、全市经济社会发展主要预期目标"),  # numbered by its style
    ("d17", "全力以赴拼经济稳增长促发展。", "(一)全力以赴拼经济稳增长促发展。"),
    ("d17", "实施招商引资", "10.实施招商引资"),  # lvlRestart=0: continues across sections
])
def test_auto_numbering_is_resolved(stem, typed, shown):
    path = GOLDEN / f"{stem}.docx"
    typed_paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    assert any(p.startswith(typed) for p in typed_paragraphs), "marker must not be typed in the fixture"
    assert any(line.startswith(shown) for line in read_path(path).text.splitlines())


def test_headers_and_footers_are_ignored():
    text = read_path(GOLDEN / "wujiang_silk_2021.docx").text
    assert "苏州市吴江区人民政府办公室文件" not in text and "— 1 —" not in text


# ---------------------------------------------------------------------------- number formats
@pytest.mark.parametrize("n, expected", CHINESE_COUNTING)
def test_chinese_counting(n, expected):
    assert chinese_counting(n) == expected


@pytest.mark.parametrize("fmt, n, expected", FORMATS)
def test_number_formats(fmt, n, expected):
    assert NUMBER_FORMATS[fmt](n) == expected


# ---------------------------------------------------------------------------- numbering rules
def numbering(levels: str, nums: str, styles: str = "") -> Numbering:
    xml = f"<w:numbering {W}><w:abstractNum w:abstractNumId='0'>{levels}</w:abstractNum>{nums}</w:numbering>"
    style_xml = parse_xml(f"<w:styles {W}>{styles}</w:styles>") if styles else None
    return Numbering.from_xml(parse_xml(xml), style_xml)


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (f"<w:lvl w:ilvl='{ilvl}'><w:start w:val='{start}'/><w:numFmt w:val='{fmt}'/>{extra}"
            f"<w:lvlText w:val='{text}'/></w:lvl>")


def para(num_id: str | None = "1", ilvl: int = 0, style: str | None = None):
    num = f"<w:numPr><w:ilvl w:val='{ilvl}'/><w:numId w:val='{num_id}'/></w:numPr>" if num_id else ""
    pstyle = f"<w:pStyle w:val='{style}'/>" if style else ""
    return parse_xml(f"<w:p {W}><w:pPr>{pstyle}{num}</w:pPr><w:r><w:t>x</w:t></w:r></w:p>")


THREE_LEVELS = (lvl(0, "chineseCounting", "%1、") + lvl(1, "chineseCounting", "（%2）")
                + lvl(2, "decimal", "%3."))
NUM_1 = "<w:num w:numId='1'><w:abstractNumId w:val='0'/></w:num>"


def labels(numbering_: Numbering, paragraphs) -> list[str]:
    return [numbering_.label(p) for p in paragraphs]


def test_levels_restart_under_a_higher_level():
    n = numbering(THREE_LEVELS, NUM_1)
    got = labels(n, [para(ilvl=0), para(ilvl=1), para(ilvl=2), para(ilvl=2), para(ilvl=1), para(ilvl=2), para(ilvl=0),
                     para(ilvl=1)])
    assert got == ["一、", "（一）", "1.", "2.", "（二）", "1.", "二、", "（一）"]


def test_lvl_restart_zero_never_restarts():
    levels = lvl(0, "chineseCounting", "%1、") + lvl(1, "decimal", "%2.", extra="<w:lvlRestart w:val='0'/>")
    got = labels(numbering(levels, NUM_1), [para(ilvl=0), para(ilvl=1), para(ilvl=1), para(ilvl=0), para(ilvl=1)])
    assert got == ["一、", "1.", "2.", "二、", "3."]


def test_start_value_and_start_override():
    nums = NUM_1 + ("<w:num w:numId='2'><w:abstractNumId w:val='0'/>"
                    "<w:lvlOverride w:ilvl='0'><w:startOverride w:val='1'/></w:lvlOverride></w:num>")
    n = numbering(lvl(0, "decimal", "%1.", start=3), nums)
    assert labels(n, [para("1"), para("1"), para("2"), para("2")]) == ["3.", "4.", "1.", "2."]


def test_nums_sharing_a_definition_continue():
    nums = NUM_1 + "<w:num w:numId='2'><w:abstractNumId w:val='0'/></w:num>"
    assert labels(numbering(lvl(0, "decimal", "%1、"), nums), [para("1"), para("2")]) == ["1、", "2、"]


def test_legal_numbering_and_multi_level_text():
    levels = lvl(0, "chineseCounting", "%1、") + lvl(1, "decimal", "%1.%2", extra="<w:isLgl/>")
    assert labels(numbering(levels, NUM_1), [para(ilvl=0), para(ilvl=1)]) == ["一、", "1.1"]


def test_numbering_through_a_style_and_its_base():
    styles = ("<w:style w:styleId='H1'><w:pPr><w:numPr><w:numId w:val='1'/></w:numPr></w:pPr></w:style>"
              "<w:style w:styleId='H1b'><w:basedOn w:val='H1'/></w:style>")
    n = numbering(THREE_LEVELS, NUM_1, styles)
    assert labels(n, [para(None, style="H1"), para(None, style="H1b"), para(None)]) == ["一、", "二、", ""]


def test_bullets_and_num_id_zero_give_no_label():
    n = numbering(lvl(0, "bullet", "●"), NUM_1)
    assert labels(n, [para("1"), para("0")]) == ["", ""]


def test_level_bound_to_a_heading_style():
    levels = (lvl(0, "chineseCounting", "%1、", extra="<w:pStyle w:val='Heading1'/>")
              + lvl(1, "chineseCounting", "（%2）", extra="<w:pStyle w:val='Heading2'/>"))
    styles = ("<w:style w:styleId='Heading1'><w:pPr><w:numPr><w:numId w:val='1'/></w:numPr></w:pPr></w:style>"
              "<w:style w:styleId='Heading2'><w:basedOn w:val='Heading1'/>"
              "<w:pPr><w:numPr><w:numId w:val='1'/></w:numPr></w:pPr></w:style>")
    n = numbering(levels, NUM_1, styles)
    got = labels(n, [para(None, style="Heading1"), para(None, style="Heading2"), para(None, style="Heading2"),
                     para(None, style="Heading1")])
    assert got == ["一、", "（一）", "（二）", "二、"]


def test_num_style_link_uses_the_definition_behind_the_style():
    xml = (f"<w:numbering {W}>"
           f"<w:abstractNum w:abstractNumId='0'><w:styleLink w:val='PolicyList'/>{lvl(0, 'chineseCounting', '%1、')}"
           "</w:abstractNum><w:abstractNum w:abstractNumId='1'><w:numStyleLink w:val='PolicyList'/></w:abstractNum>"
           f"{NUM_1}<w:num w:numId='2'><w:abstractNumId w:val='1'/></w:num></w:numbering>")
    styles = parse_xml(f"<w:styles {W}><w:style w:type='numbering' w:styleId='PolicyList'>"
                       "<w:pPr><w:numPr><w:numId w:val='1'/></w:numPr></w:pPr></w:style></w:styles>")
    n = Numbering.from_xml(parse_xml(xml), styles)
    assert labels(n, [para("2"), para("2")]) == ["一、", "二、"]


def test_run_text_reads_links_insertions_controls_and_skips_deletions():
    p = parse_xml(
        f"<w:p {W}><w:r><w:t>甲</w:t></w:r><w:hyperlink><w:r><w:t>乙</w:t></w:r></w:hyperlink>"
        "<w:ins><w:r><w:t>丙</w:t></w:r></w:ins><w:del><w:r><w:delText>删</w:delText></w:r></w:del>"
        "<w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>丁</w:t></w:r></w:sdtContent></w:sdt>"
        "<w:r><w:tab/><w:t>戊</w:t><w:br w:type='page'/><w:br/><w:t>己</w:t></w:r></w:p>")
    assert paragraph_runs_text(p) == "甲乙丙丁\t戊\n己"


# ---------------------------------------------------------------------------- body order, tables
def docx_bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_paragraphs_and_tables_in_body_order_with_spans():
    document = docx.Document()
    document.add_paragraph("表前段落")
    table = document.add_table(rows=3, cols=3)
    for cell, text in zip(table.rows[0].cells, ["序号", "任务", "责任单位"]):
        cell.text = text
    table.cell(1, 1).merge(table.cell(1, 2)).text = "跨两列的说明"
    table.cell(2, 0).text = "1"
    table.cell(2, 1).text = "任务|一"
    table.cell(2, 2).text = "区发改委"
    table.cell(2, 2).add_paragraph("区财政局")
    document.add_paragraph("")
    document.add_paragraph("表后段落")
    document.element.body.insert(0, parse_xml(
        f"<w:sdt {W}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>控件内段落</w:t></w:r></w:p></w:sdtContent></w:sdt>"))
    lines = read_bytes(docx_bytes(document), "order.docx").text.splitlines()
    assert lines == ["控件内段落", "表前段落", "序号 | 任务 | 责任单位 |", " | 跨两列的说明 |  |", "1 | 任务｜一 | 区发改委 区财政局 |",
                     "", "表后段落"]


# ---------------------------------------------------------------------------- bad input
def rezip(mutate) -> bytes:
    good = (GOLDEN / "d13.docx").read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            data = mutate(name, src.read(name))
            if data is not None:
                dst.writestr(name, data)
    return out.getvalue()


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("readme.txt", "not a word document")
    return out.getvalue()


BAD_INPUTS = [
    ("not-a-zip", lambda: b"this is plain text renamed to .docx", CorruptInput, "not a (complete) zip archive"),
    ("truncated", lambda: (GOLDEN / "d13.docx").read_bytes()[:5000], CorruptInput, "not a (complete) zip archive"),
    ("encrypted", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, CorruptInput, "encrypted .docx or legacy .doc"),
    ("other-zip", plain_zip, CorruptInput, "a zip without [Content_Types].xml"),
    ("no-document", lambda: rezip(lambda n, d: None if n == "word/document.xml" else d), CorruptInput,
     "a zip without word/document.xml"),
    ("corrupt-xml", lambda: rezip(lambda n, d: d[: len(d) // 2] if n == "word/document.xml" else d), CorruptInput,
     "corrupt XML"),
    ("empty-body", lambda: rezip(lambda n, d: re.sub(rb"<w:body>.*</w:body>", b"<w:body><w:p/></w:body>", d, flags=re.DOTALL)
                                 if n == "word/document.xml" else d), EmptyInput, "has no text"),
]


@pytest.mark.parametrize("label, make, error, fragment", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_docx_raises_one_line_error(label, make, error, fragment):
    with pytest.raises(error) as caught:
        read_bytes(make(), f"{label}.docx")
    message = str(caught.value)
    assert message.startswith(f"{label}.docx: ") and fragment in message
    assert "\n" not in message
