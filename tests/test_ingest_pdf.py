"""PDF reader: golden PDFs read like their .txt twins; furniture dropped; bad PDFs fail clearly.

Fixtures are rebuilt by tests/golden_pdf/make_fixtures.py and tests/bad_pdf/make_bad_pdfs.py.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from policyparse.errors import CorruptInput
from policyparse.ingest import read_bytes, read_path
from policyparse.ingest.pdf import furniture
from policyparse.ingest.pdf import layout as lay

GOLDEN = Path(__file__).parent / "golden_pdf"
BAD = Path(__file__).parent / "bad_pdf"
GOLDEN_PDFS = sorted(GOLDEN.glob("*.pdf"))

# Text a PDF carries that its .txt twin does not: the red 版头 drawn by the renderer.
EXTRA = {
    "wujiang_silk_2021_redhead": "苏州市吴江区人民政府办公室文件",
    "d35_redhead": "西平县人民政府办公室文件",
}
# Running headers drawn on every page of a fixture (must not reach the text).
RUNNING = {"d02_word": "咸安区人民政府办公室"}

# A line opening a numbered item: 一、 （一） (一) 1. 1． 1、 （1） 第一条
MARKER_LINE = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,3}[.．、](?!\d)|[（(]\d{1,3}[）)])")
# Page furniture that must not survive: — 1 —, - 1 -, 第 1 页 共 3 页 (bare numbers: see BARE)
FURNITURE = re.compile(r"^(?:[—\-]\s*\d+\s*[—\-]|第\s*\d+\s*页.*)$")
# Fixtures whose page numbers are bare digits (d10's bare digits are 序号 cells, kept)
BARE = {"d17_mirror"}
# Fixtures whose table is ruled in the PDF but one cell per line in the twin: the reader's rows
# (cell bars, merged cells repeated in every row they span) differ from the twin's text by design
RULED_OVER_STREAM = {"d10_docx"}


def squeeze(text: str) -> str:
    """Whitespace and line-final cell bars dropped: '3 | x |  |  |' ~ '3 | x'."""
    return "".join("".join(line.rstrip(" |") for line in text.splitlines()).split())


def twin(pdf: Path) -> str:
    return pdf.with_suffix(".txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module", params=GOLDEN_PDFS, ids=[p.stem for p in GOLDEN_PDFS])
def golden(request):
    return request.param, read_path(request.param)


def test_golden_folder_is_complete():
    assert len(GOLDEN_PDFS) >= 8
    for pdf in GOLDEN_PDFS:
        assert pdf.with_suffix(".txt").exists() and (GOLDEN / f"{pdf.stem}.gold.json").exists()


def test_same_text_as_twin(golden):
    pdf, source = golden
    if pdf.stem in RULED_OVER_STREAM:
        pytest.skip("ruled table read as rows; its twin has one cell per line (scored by test_pdf_eval)")
    assert squeeze(source.text) == squeeze(EXTRA.get(pdf.stem, "") + twin(pdf))


def test_numbered_lines_start_lines(golden):
    pdf, source = golden
    starts = [squeeze(line) for line in source.text.splitlines()]
    for line in twin(pdf).splitlines():
        wanted = squeeze(line)
        if MARKER_LINE.match(wanted) and "|" not in wanted:
            assert any(s.startswith(wanted[:24]) for s in starts), wanted


def test_no_page_furniture(golden):
    pdf, source = golden
    lines = [line.strip() for line in source.text.splitlines()]
    assert not [line for line in lines if FURNITURE.match(line)]
    if pdf.stem in BARE:
        assert not [line for line in lines if line.isdigit()]
    if pdf.stem in RUNNING:
        assert RUNNING[pdf.stem] not in source.text


def test_page_starts(golden):
    _, source = golden
    starts = source.page_starts
    assert len(starts) == source.pages and starts[0] == 0
    assert list(starts) == sorted(starts) and starts[-1] <= len(source.text)
    # every page has text of its own, except one whose only text finished a table row of the page before
    assert len(set(starts)) >= len(starts) - 1


def test_source_fields(golden):
    pdf, source = golden
    assert source.format == "pdf" and source.name == str(pdf) and source.warnings == ()
    assert "\n\n" not in source.text and not source.text.startswith(("\n", " "))


def test_titles_joined_and_full_width_kept():
    text = read_path(GOLDEN / "wujiang_silk_2021.pdf").text.splitlines()
    assert "关于印发吴江区丝绸产业高质量发展行动计划（2021-2025年）的通知" in text
    assert "吴江区丝绸产业高质量发展行动计划（2021-2025年）" in text
    assert "苏州市吴江区人民政府办公室" in text and "2021年1月20日" in text and "（此件公开发布）" in text
    assert any(line.startswith("吴江开发区、汾湖高新区（黎里镇）") and line.endswith("区各有关单位：") for line in text)


def test_stacked_titles_and_bare_numbers_kept():
    """d10: a centred 来源 line is not part of the title; a bare '4' atop a page is a 序号."""
    text = read_path(GOLDEN / "d10.pdf").text.splitlines()
    assert "大竹县人民政府办公室关于对2016年民生实事进行重点督办的通知" in text
    assert "来源:信息公开办" in text and "4" in text


def test_table_rows_merged_across_pages():
    source = read_path(GOLDEN / "d27_table.pdf")
    rows = source.text.splitlines()
    assert source.pages == 2 and len(rows) == 7
    assert rows[3] == "序号 | 实事项目 | 工作举措及实施计划 | 责任单位 | 配合单位 |"
    assert [r.split(" | ")[0] for r in rows[4:]] == ["1", "2", "3"]
    assert rows[5].endswith("| 卫生健康局 | 财政局、教育局、规划和自然资源分局、医疗保障分局、民政局、妇联，各镇(街道) |"
                            .replace("，", ","))


def _table(rows, page):
    from policyparse.ingest.pdf.tables import Table

    return Table(tuple(rows), (50.0, 100.0, 300.0), 50.0, 100.0, 500.0, 700.0, page, (page,) * len(rows))


def _line(text, page):
    from policyparse.ingest.pdf.layout import Line

    return Line(text, (), 50.0, 200.0, 750.0, 760.0, 14.0, page)


def test_split_table_row_merged_across_an_unrecognised_footer():
    """A two-page document: its footer is not known as one, and a row goes on after it."""
    from policyparse.ingest.pdf.tables import merge_split_tables

    first = _table([("序号", "任务", "责任单位"), ("7", "健全政策解读工作机", "办公室牵头,各科室配")], 0)
    rest = _table([("", "制,规范工作流程。", "合"), ("8", "加强解读。", "各科室")], 1)
    footer = _line("某某区人民政府办公室", 0)
    merged, after = merge_split_tables([first, footer, rest])
    assert merged.rows[1] == ("7", "健全政策解读工作机制,规范工作流程。", "办公室牵头,各科室配合") and after is footer
    long_text = _line("这是两张表格之间的一段正文，说明下表的统计口径和数据来源，并不是页眉页脚。", 0)
    assert len(merge_split_tables([first, long_text, rest])) == 3  # real text between: two tables


def test_a_footer_on_both_pages_of_a_two_page_document_is_furniture():
    from policyparse.ingest.pdf.furniture import running_keys
    from policyparse.ingest.pdf.layout import Char, Line

    def line(text, top, page, size=14.0):
        chars = tuple(Char(c, 50.0 + k * size, 50.0 + (k + 1) * size, top, top + size, size) for k, c in enumerate(text))
        return Line(text, chars, 50.0, chars[-1].x1, top, top + size, size, page)

    body = [line("各单位要加强组织领导，确保任务落实到位。", 300 + k * 30, k % 2) for k in range(6)]

    def page(k, head, foot):
        return [line("2025年重点工作清单", 40, k, 22.0), *head, *body[k::2], *foot]

    footers = [[line("某某区人民政府办公室", 780, k)] for k in (0, 1)]
    assert running_keys([page(k, [], footers[k]) for k in (0, 1)]) == {("某某区人民政府办公室", 195)}  # title kept
    headers = [[line("某某区人民政府办公室", 20, k)] for k in (0, 1)]
    assert running_keys([page(k, headers[k], []) for k in (0, 1)]) == {("某某区人民政府办公室", 5)}
    # measured a hair apart across a 4 pt height step (OCR'd line boxes: 37.9 and 38.0 pt)
    apart = [[line("某某区人民政府办公室", top, k)] for k, top in ((0, 37.9), (1, 38.0))]
    assert running_keys([page(k, apart[k], []) for k in (0, 1)]) == {("某某区人民政府办公室", 9), ("某某区人民政府办公室", 10)}


def test_mirrored_margins_with_a_short_last_page():
    """Page 1's text block starts at x=91, page 2 (four lines) at x=57: each page keeps its own
    block, so page 1's full lines still read as full."""
    from policyparse.ingest.pdf.layout import Char, Line, document_frames

    def line(x0, x1, top, page):
        chars = tuple(Char("字", x0 + k * 14, x0 + (k + 1) * 14, top, top + 14, 14.0) for k in range(int((x1 - x0) // 14)))
        return Line("字" * len(chars), chars, x0, chars[-1].x1, top, top + 14, 14.0, page)

    first = [line(91, 539, 100 + 20 * k, 0) for k in range(12)]
    last = [line(57, 505, 100 + 20 * k, 1) for k in range(3)] + [line(57, 200, 160, 1)]
    frames = document_frames([first, last])
    assert round(frames[0].left) == 91 and round(frames[0].right) == 539
    assert round(frames[1].left) == 57 and round(frames[1].right) == 505


def _glyphs(text, x0=50.0, top=100.0, size=10.0, gap=0.0):
    from policyparse.ingest.pdf.layout import Char

    chars, x = [], x0
    for c in text:
        width = size * (0.5 if c.isascii() else 1.0)
        chars.append(Char(c, x, x + width, top, top + size, size))
        x += width + gap
    return chars


def test_a_space_glyph_before_a_marker_is_kept_between_cjk():
    """Run-together items (a text file printed to PDF): the space before 1. separates them."""
    from policyparse.ingest.pdf.layout import chars_to_text

    assert chars_to_text(_glyphs("一、深入实施就业优先战略 1.坚持就业优先")) == "一、深入实施就业优先战略 1.坚持就业优先"
    assert chars_to_text(_glyphs("2023 年增长 5.5%")) == "2023年增长5.5%"  # CJK-Latin spacing is not text
    assert chars_to_text(_glyphs("序号 重点工作 工作举措")) == "序号 重点工作 工作举措"  # columns of a text table
    spaced_out = "坚 持 统 一 、 规 范 1.加 强"  # every CJK pair spaced: layout, not text
    assert chars_to_text(_glyphs(spaced_out)) == "坚持统一、规范1.加强"


def test_a_space_pdfium_drops_as_generated_is_kept_from_its_advance():
    """Chromium and LibreOffice write spaces that pdfium reports as generated (dropped): the gap of a
    space's advance between two CJK glyphs is the space (市民政局 伍泽国: unit, then person); a line
    whose CJK glyphs all stand apart (spread to its width) has none."""
    from policyparse.ingest.pdf.layout import chars_to_text

    glyphs = _glyphs("市民政局 伍泽国", size=14.0)
    assert chars_to_text([g for g in glyphs if g.text != " "]) == "市民政局 伍泽国"
    assert chars_to_text(_glyphs("洛阳市人民政府", gap=6.0)) == "洛阳市人民政府"
    assert chars_to_text(_glyphs("推进数据共享", gap=1.0)) == "推进数据共享"
    run_together = [g for g in _glyphs("增强粮食综合生产能力 1.实施", size=14.0) if g.text != " "]
    assert chars_to_text(run_together) == "增强粮食综合生产能力 1.实施"  # before a marker, as a space glyph is
    # a table header of short words (n442 printed by Chromium): six gaps among 23 pairs are words, not a spread line
    header = [g for g in _glyphs("序号 类别 主要任务 细化措施 牵头单位 参与单位 责任单位", size=14.0) if g.text != " "]
    assert chars_to_text(header) == "序号 类别 主要任务 细化措施 牵头单位 参与单位 责任单位"


def test_a_paragraph_wrapped_at_a_space_glyph_keeps_it():
    """A run-together page printed (LibreOffice keeps the space glyph that ends a wrapped line): the space
    between 工作分工 and 按照 is text, where the two CJK lines of a paragraph otherwise join without one."""
    from policyparse.ingest.pdf.layout import chars_to_lines, join_lines_of

    first = chars_to_lines(_glyphs("二、责任主体及工作分工 ", size=14.0), 0)[0]
    plain = chars_to_lines(_glyphs("二、责任主体及工作分", size=14.0), 0)[0]
    assert first.space_end and not plain.space_end
    assert join_lines_of(first, first.text, "按照上述原则") == "二、责任主体及工作分工 按照上述原则"
    assert join_lines_of(plain, plain.text, "工按照上述原则") == "二、责任主体及工作分工按照上述原则"


def test_a_cell_wrapped_at_a_space_keeps_it_between_two_units():
    """n467 as a PDF: 县教体局 ⎵ / 各相关乡镇 / 政府 in a narrow cell; the space glyph ending the first
    line is the gap between two units, although the line is nearly full."""
    from policyparse.ingest.pdf.layout import text_and_glyphs

    chars = _glyphs("县教体局 ", x0=313.7, top=146.7, size=10.5) + _glyphs("各相关乡镇", x0=313.7, top=160.3, size=10.5) \
        + _glyphs("政府", x0=313.7, top=173.9, size=10.5)
    assert text_and_glyphs(chars, (310.7, 374.1))[0] == "县教体局 各相关乡镇政府"
    chars = _glyphs("县教体局各", x0=313.7, top=146.7, size=10.5) + _glyphs("相关乡镇政府", x0=313.7, top=160.3, size=10.5)
    assert text_and_glyphs(chars, (310.7, 374.1))[0] == "县教体局各相关乡镇政府"


def test_a_name_cut_by_a_wrap_that_carried_its_last_character_down_gains_no_space():
    """A wrap that may not start a line with 、 carries the name's last character down with it
    (县示范区管委 / 会、市农业局): the short line above ends like a unit (委) but the name goes on,
    so no space; a whole unit on the next line (县水务局 / 县住建局) is still a new part."""
    from policyparse.ingest.pdf.layout import text_and_glyphs

    chars = _glyphs("民政局、县示范区管委", x0=313.7, top=146.7, size=10.5) + _glyphs("会、市农业局", x0=313.7, top=160.3, size=10.5)
    assert text_and_glyphs(chars, (310.7, 450.0))[0] == "民政局、县示范区管委会、市农业局"
    chars = _glyphs("县水务局", x0=313.7, top=146.7, size=10.5) + _glyphs("县住建局", x0=313.7, top=160.3, size=10.5)
    assert text_and_glyphs(chars, (310.7, 450.0))[0] == "县水务局 县住建局"


def test_short_lines_that_happen_to_align_are_not_a_right_margin():
    """Ragged lines, one cell per line: three of equal length must not make every longer line 'full'."""
    from policyparse.ingest.pdf.layout import Line, text_frame

    def line(n, k):
        chars = _glyphs("字" * n, top=100.0 + 14 * k)
        return Line("字" * n, tuple(chars), chars[0].x0, chars[-1].x1, chars[0].top, chars[0].bottom, 10.0, 0)

    lengths = [18, 18, 18, 25, 30, 22, 27, 9, 12, 6, 4, 18]
    assert text_frame([line(n, k) for k, n in enumerate(lengths)], 10.0).right == float("inf")
    justified = [line(40, k) for k in range(10)] + [line(12, 10)]
    assert text_frame(justified, 10.0).right == 450.0
    ragged = [line(n, k) for k, n in enumerate([40, 39, 40, 38, 12, 39, 41, 20, 40, 39])]  # left-aligned, wrapped
    assert text_frame(ragged, 10.0).right == 450.0  # 41 overhangs: the second of the top three ends


def test_ragged_page_with_one_wrapped_line_mirrors_its_left_margin():
    """One cell per line, one of them wrapped: nothing to measure a margin by but the page."""
    from policyparse.ingest.pdf.layout import Line, continues, document_frames

    def line(n, k):
        chars = _glyphs("字" * n, x0=57.0, top=100.0 + 14 * k)
        return Line("字" * n, tuple(chars), chars[0].x0, chars[-1].x1, chars[0].top, chars[0].bottom, 10.0, 0)

    lines = [line(n, k) for k, n in enumerate([12, 4, 6, 20, 47, 9, 3, 15, 8, 25, 5])]  # 47: wrapped at 527
    assert document_frames([lines])[0].right == float("inf")
    frame = document_frames([lines], [595.0])[0]
    assert frame.right == 595.0 - 57.0
    assert continues(lines[4], lines[5], frame) and not continues(lines[3], lines[4], frame)  # 47 wrapped, 20 not


def test_lines_of_a_table_cell_that_stop_short_are_separate_paragraphs():
    from policyparse.ingest.pdf.layout import text_of_chars

    units = _glyphs("县水务局", x0=304.0, top=100.0) + _glyphs("县护城河指挥部", x0=304.0, top=114.0)
    assert text_of_chars(units, (300.0, 400.0)) == "县水务局 县护城河指挥部"  # one unit per line
    wrapped = _glyphs("建成县残疾人综合服务", x0=304.0, top=100.0) + _glyphs("中心。", x0=304.0, top=114.0)
    assert text_of_chars(wrapped, (300.0, 408.0)) == "建成县残疾人综合服务中心。"  # the first line fills the cell
    assert text_of_chars(units) == "县水务局县护城河指挥部"  # no cell borders known: one paragraph


def test_serial_numbers_at_the_same_place_on_three_pages_are_not_a_footer():
    """A one-cell-per-line table whose rows 3, 10 and 16 happen to end pages 1-3 at one height."""
    from policyparse.ingest.pdf.furniture import running_keys
    from policyparse.ingest.pdf.layout import Line

    def line(text, top, page):
        chars = tuple(_glyphs(text, top=top, size=16.0))
        return Line(text, chars, chars[0].x0, chars[-1].x1, top, top + 16, 16.0, page)

    rows = [("开展好三下乡活动。", "文化宣传股", "3"), ("新建旅游厕所6座。", "旅游股", "10"), ("举办文旅活动。", "文物股", "16")]
    pages = [[line(task, 100, k), line(unit, 660, k), line(serial, 691, k)] for k, (task, unit, serial) in enumerate(rows)]
    assert running_keys(pages) == set()


@pytest.mark.parametrize("first,second,joined", [
    ("广东省人民政府关于印发2021年省", "《政府工作报告》重点任务分工方案的通知", True),  # broken before 《
    ("任务分工方案的通知（粤府〔2021〕22号）", "时间：2023-02-21", False),  # a field line under the title
    ("关于印发实施方案的通知（吴政办〔2021〕5号）", "吴江区丝绸产业发展行动", False),  # done at 号）
    ("苏州市吴江区人民政府办公室关于", "印发行动计划的通知", True),  # a diamond's short first line
    ("洋政發〔2024〕8號", "洋縣人民政府", False),  # a 文号 centred above the title
])
def test_centred_title_lines(first, second, joined):
    from policyparse.ingest.pdf.layout import Frame, Line, continues

    def line(text, top):
        width = sum(11.0 if c.isascii() else 22.0 for c in text)
        chars = tuple(_glyphs(text, x0=297.5 - width / 2, top=top, size=22.0))
        return Line(text, chars, chars[0].x0, chars[-1].x1, top, top + 22, 22.0, 0)

    frame = Frame(79.0, 516.0, 16.0, 28.0)
    assert continues(line(first, 100), line(second, 130), frame) is joined


@pytest.mark.parametrize("paragraph,line,joined", [
    ("2 | 新建成婴幼儿照护服务成长驿站7家。", "| 1.3月底前新建成2家。", True),  # the row goes on
    ("| 1.3月底前新建成2家。", "3.11月底前完成筛查工作。|卫生健康局|财政局 |", True),
    ("2 | 新建成成长驿站7家。| 卫生健康局 |", "3 | 实施农村公路大中修。", False),  # closed
    ("2 | 新建成成长驿站7家。", "3 | 实施农村公路大中修。", False),  # the next row starts: its bar was lost
    ("加入收藏 | 繁體中文 | 表格下载", "当前位置：首页", False),  # portal furniture, not a row
])
def test_text_table_rows_printed_as_text_go_on_to_their_last_bar(paragraph, line, joined):
    assert lay.open_cell_row(paragraph, line) is joined


def test_word_layout_spacing():
    """d02_word: '1 Tf' scaled text, fake bold overprint, CJK-Latin auto-spacing undone."""
    text = read_path(GOLDEN / "d02_word.pdf").text
    assert "一、2023年全区经济社会发展主要预期目标\n" in text
    assert "推进s356横沟至黄沙铺" in text and "一一" not in text


BAD_CASES = [
    ("scanned.pdf", "scanned.pdf: no text layer on pages 1-3 (scanned images?); OCR is switched off (POLICYPARSE_OCR=0)"),
    ("encrypted.pdf", "encrypted.pdf: encrypted PDF (a password is needed to open it)"),
    ("truncated.pdf", "truncated.pdf: truncated PDF (no '%%EOF' end marker; the file was cut short)"),
    ("zero_pages.pdf", "zero_pages.pdf: PDF with no pages"),
    ("damaged.pdf", "damaged.pdf: damaged PDF (cannot read its structure)"),
]


@pytest.mark.parametrize("name,message", BAD_CASES, ids=[c[0] for c in BAD_CASES])
def test_bad_pdf_raises_clear_error(name, message):
    with pytest.raises(CorruptInput) as info:
        read_path(BAD / name, name)
    assert str(info.value) == message
    assert info.value.__cause__ is None


def test_scanned_pdf_without_the_ocr_extra_names_the_pip_line(monkeypatch):
    from policyparse.ingest.pdf import ocr

    monkeypatch.setattr(ocr, "available", lambda: False)
    monkeypatch.setenv("POLICYPARSE_OCR", "1")
    with pytest.raises(CorruptInput, match=r'pages 1-3 \(scanned images\?\); OCR them with the ocr extra: '
                                           r'pip install "policyparse\[ocr\]"$'):
        read_path(BAD / "scanned.pdf")


def test_html_named_pdf_is_read_as_html_with_a_warning():
    source = read_path(BAD / "not_a_pdf.pdf")
    assert source.format == "html" and "关于做好重点工作的通知" in source.text
    assert [w.code for w in source.warnings] == ["W103"]


def test_garbled_font_warns_with_page():
    source = read_path(BAD / "garbled_font.pdf")
    assert [(w.code, w.span.view, w.span.start) for w in source.warnings] == [("W502", "page", 1)]


def test_page_without_text_warns():
    source = read_path(BAD / "image_page.pdf", "image_page.pdf")
    assert [(w.code, w.message, w.span.start) for w in source.warnings] == [("W501", "image_page.pdf: page 2 has no text layer (image only)", 2)]
    assert source.pages == 2 and source.page_starts == (0, len(source.text))
    assert source.text.splitlines()[1] == "一、加强组织领导。"


def test_read_bytes_sniffs_pdf_without_suffix():
    data = (GOLDEN / "d23.pdf").read_bytes()
    assert read_bytes(data, "-").format == "pdf"


# --- layout rules on synthetic glyphs ---------------------------------------------------------


def glyphs(text: str, x: float = 100.0, top: float = 100.0, size: float = 16.0, step: float | None = None):
    out = []
    for ch in text:
        width = size if ord(ch) >= 0x2000 else size / 2
        out.append(lay.Char(ch, x, x + width, top, top + size, size))
        x += step if step is not None else width
    return out


SPACING_CASES = [
    ("CJK glyphs spread wide", glyphs("责任单位", step=24.0), "责任单位"),
    ("space glyphs between CJK", glyphs("关 于 印 发"), "关于印发"),
    ("CJK-Latin auto-spacing", glyphs("2021 年"), "2021年"),
    ("Latin words keep one space", glyphs("GB T 9704"), "GB T 9704"),
    ("column gap reads as a space", glyphs("抄送") + glyphs("区委", x=200.0), "抄送 区委"),
]


@pytest.mark.parametrize("label,chars,expected", SPACING_CASES, ids=[c[0] for c in SPACING_CASES])
def test_line_spacing(label, chars, expected):
    assert lay.chars_to_lines(chars, 0)[0].text == expected


def test_fake_bold_duplicates_dropped():
    chars = glyphs("一、总体要求")
    doubled = [c for ch in chars for c in (ch, ch._replace(x0=ch.x0 + 0.4, x1=ch.x1 + 0.4))]
    assert lay.chars_to_lines(doubled, 0)[0].text == "一、总体要求"


def test_repeated_characters_kept():
    assert lay.chars_to_lines(glyphs("常常谢谢"), 0)[0].text == "常常谢谢"


PAGE_NUMBER_CASES = ["—1—", "-12-", "第1页共7页", "共7页第2页", "1/7", "Page3of9", "·5·"]


@pytest.mark.parametrize("text", PAGE_NUMBER_CASES)
def test_page_number_forms(text):
    assert furniture.PAGE_NUMBER.match(text)


def line(text: str, x0: float, top: float, size: float = 16.0, page: int = 0) -> lay.Line:
    chars = tuple(glyphs(text, x=x0, top=top, size=size))
    return lay.Line(text, chars, x0, chars[-1].x1, top, top + size, size, page)


FRAME = lay.Frame(left=80.0, right=528.0, size=16.0, pitch=29.0)
FULL = "为深入贯彻落实省委省政府决策部署进一步推动经济高质量发展现制定"  # 28 glyphs = full line

CONTINUE_CASES = [
    ("full line then flush-left", line(FULL, 80, 100), line("本方案。", 80, 129), True),
    ("short last line then indent", line("本方案。", 80, 100), line("一、总体要求", 112, 129), False),
    ("full line then indented", line(FULL, 80, 100), line("二、工作目标", 112, 129), False),
    ("marker after a sentence end", line(FULL[:27] + "。", 80, 100), line("1.加强领导。", 80, 129), False),
    ("blank line between", line(FULL, 80, 100), line("本方案。", 80, 170), False),
    # a full line that lost its 。 before a heading set flush left (n401 printed by LibreOffice) …
    ("full line without a stop then a short heading", line(FULL, 80, 100), line("一、总体要求", 80, 129), False),
    # … while a marker-like start of a long wrapped line goes on
    ("full line then a long line opening like a marker", line(FULL, 80, 100), line("一、二类企业" + FULL[6:], 80, 129), True),
    ("next page goes on", line(FULL, 80, 700), line("本方案。", 80, 100, page=1), True),
    ("wrapped centred title", line("关于印发吴江区丝绸产业高质量发展行动", 96, 100, 22.0),
     line("计划（2021-2025年）的通知", 166, 129, 22.0), True),
    ("stacked centred titles", line("关于印发某某方案的通知", 180, 100, 22.0),
     line("某某区人民政府办公室关于印发", 160, 129, 22.0), False),
    # a large title at LibreOffice's proportional spacing (2.2 em apart, n476 printed by it) is one title …
    ("wrapped centred title spaced 160 %", line("关于印发吴江区丝绸产业高质量发展行动", 96, 100, 22.0),
     line("计划（2021-2025年）的通知", 166, 148, 22.0), True),
    # … and a blank line between its lines still ends it
    ("centred title lines a blank line apart", line("关于印发吴江区丝绸产业高质量发展行动", 96, 100, 22.0),
     line("计划（2021-2025年）的通知", 166, 160, 22.0), False),
    ("signature then date", line("苏州市吴江区人民政府办公室", 320, 100), line("2021年1月20日", 350, 129), False),
    ("a sentence then a date set flush left", line(FULL[:27] + "。", 80, 100), line("二○一二年一月二十九日", 80, 129), False),
    ("right-set date then a flush-left block paragraph", line("2016年5月28日", 352, 100), line(FULL, 80, 129), False),
]


@pytest.mark.parametrize("label,prev,nxt,expected", CONTINUE_CASES, ids=[c[0] for c in CONTINUE_CASES])
def test_paragraph_continuation(label, prev, nxt, expected):
    assert lay.continues(prev, nxt, FRAME) is expected


def test_items_that_open_every_page_and_differ_only_in_number_are_not_running_headers():
    """``N. 第N项任务：…`` at the top of each page: masking the numbers made them one repeated line."""
    from policyparse.ingest.pdf.furniture import running_keys
    from policyparse.ingest.pdf.layout import Line

    def line(text, top, page):
        chars = tuple(_glyphs(text, top=top, size=16.0))
        return Line(text, chars, chars[0].x0, chars[-1].x1, top, top + 16, 16.0, page)

    pages = [[line(f"{k + 1}. 第{k + 1}项任务：推进重点工作。", 80, k), line("甲乙丙丁"[k] + "项正文继续说明。", 120, k)] for k in range(4)]
    assert running_keys(pages) == set()
    headers = [[line("某某区人民政府办公室 第1页", 40, k), line(f"{k + 1}. 第{k + 1}项任务。", 80, k)] for k in range(4)]
    assert running_keys(headers) == {("某某区人民政府办公室第#页", 10)}


def _unruled_table():
    """The geometry of a LibreOffice PDF of a task table whose borders were dropped: header words at
    the column edges, each cell's text wrapped inside its column, the 序号 centred beside its row."""
    rows = [
        (115.4, [("序号", 58.2), ("工作任务", 86.8), ("牵头单位", 215.1), ("责任单位", 283.4)]),
        (137.3, [("推动中小学校舍标准化建", 86.8), ("区商贸旅游", 215.1), ("市发展改革委、县农业农村局、", 283.4)]),
        (147.0, [("1", 58.2)]),
        (155.8, [("设", 86.8), ("局", 215.1), ("省工信委", 283.4)]),
        (177.8, [("推进老旧小区改造提升工", 86.8)]),
        (186.9, [("2", 58.2), ("华东服装城", 215.1), ("省发改委", 283.4)]),
        (196.3, [("程", 86.8)]),
        (230.0, [("二、保障措施", 56.8)]),
    ]
    return [ch for top, cells in rows for text, x0 in cells for ch in _glyphs(text, x0=x0, top=top, size=11.0)]


def test_an_unruled_table_is_read_by_its_header_columns_and_serials():
    from policyparse.ingest.pdf import borderless
    from policyparse.ingest.pdf.layout import chars_to_lines
    from policyparse.ingest.pdf.tables import rows_to_lines

    tables = borderless.find_tables(chars_to_lines(_unruled_table(), 0), 0)
    assert [text for text, _ in rows_to_lines(tables[0])] == [
        "序号 | 工作任务 | 牵头单位 | 责任单位 |",
        "1 | 推动中小学校舍标准化建设 | 区商贸旅游局 | 市发展改革委、县农业农村局、省工信委 |",
        "2 | 推进老旧小区改造提升工程 | 华东服装城 | 省发改委 |",
    ]
    assert not tables[0].holds(_glyphs("二", x0=56.8, top=230.0, size=11.0)[0])  # the heading after it is text


def test_a_line_of_column_words_without_a_serial_column_is_no_table():
    from policyparse.ingest.pdf import borderless
    from policyparse.ingest.pdf.layout import chars_to_lines

    chars = [ch for x0, text in ((60.0, "工作任务"), (200.0, "牵头单位"), (300.0, "责任单位")) for ch in _glyphs(text, x0=x0, size=11.0)]
    assert borderless.find_tables(chars_to_lines(chars, 0), 0) == ()
