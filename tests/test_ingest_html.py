"""HTML reader: charset found, article kept, portal furniture dropped, tables as pipe rows.

Fixtures in tests/golden_html/ are portal pages built by make_fixtures.py around corpus texts;
each NAME.html must read as its NAME.txt twin without the twin's own furniture lines.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from policyparse.errors import DecodeError, EmptyInput
from policyparse.ingest import read_bytes, read_path
from policyparse.ingest.html import bytes_to_text
from tests.conftest import assert_twins_present

GOLDEN = Path(__file__).parent / "golden_html"
FIXTURES = sorted(GOLDEN.glob("*.html"))
# Lines of the .txt twins that are portal furniture (the page shows them outside the article).
TWIN_FURNITURE = {
    "d10": ["来源:信息公开办", "发布日期:2016-03-01", "点击数:人次", "分享到:"],
    "d13": ["来源:电子政务网 更新时间:2023-09-04"],
    "d17": ["当前位置:首页", ">> 专题专栏 >> 归档专题 >> 2023市政府重点工作(已归档)",
            "时间:2023-07-11 17:01 浏览次数: 信息来源: 丽水市政府"],
}
# Text that only the page chrome carries: navigation, metadata table, widgets, footer, scripts.
CHROME = ["无障碍浏览", "互动交流", "请输入关键字", "当前位置", "索引号", "主题分类", "[大]", "分享到", "微博",
          "打印本页", "关闭窗口", "上一篇", "相关文件", "热点专题", "扫一扫", "网站地图", "主办单位", "版权所有",
          "ICP备", "统计代码", "font-family", "_hmt"]
ENCODINGS = {"wujiang_silk_2021": ("utf-8", False), "d10": ("gb18030", False), "d13": ("gb18030", True),
             "d17": ("utf-8-sig", False)}


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def twin_lines(path: Path) -> list[str]:
    furniture = TWIN_FURNITURE.get(path.stem, [])
    lines = path.with_suffix(".txt").read_text(encoding="utf-8").splitlines()
    return [squash(line) for line in lines if line.strip() and line.strip() not in furniture]


def page(body: str, head: str = "<meta charset='utf-8'>") -> bytes:
    return f"<!DOCTYPE html><html><head>{head}<title>t</title></head><body>{body}</body></html>".encode()


ARTICLE = "<p>为深入贯彻落实有关文件精神，结合我市实际，制定本方案。</p><p>一、总体要求</p><p>（一）工作目标。到2025年，基本建成。</p>"
NAV = "<div class='nav'><ul><li><a href='/'>首页</a></li><li><a href='/a'>政务公开</a></li><li><a href='/b'>互动交流</a></li></ul></div>"


# ---------------------------------------------------------------------------- golden fixtures
def test_fixtures_present():
    assert_twins_present(FIXTURES, {"wujiang_silk_2021", "d10", "d13", "d17"})


@pytest.mark.parametrize("path", [p for p in FIXTURES if p.stem != "d10"], ids=lambda p: p.stem)
def test_page_reads_as_its_text_twin(path):
    source = read_path(path)
    assert source.format == "html"
    assert [squash(line) for line in source.text.splitlines() if line.strip()] == twin_lines(path)


def test_table_page_has_the_twins_text_in_order():
    source = read_path(GOLDEN / "d10.html")
    assert squash(source.text.replace("|", "")) == "".join(twin_lines(GOLDEN / "d10.html"))


def test_table_rows_keep_rowspan_columns():
    lines = read_path(GOLDEN / "d10.html").text.splitlines()
    assert "序号 | 民生实事 | 责任单位 | 完成时限 |" in lines
    row5 = lines.index("5 | 开工建设县老年养护楼。 | 县民政局 | 5月底前动工 |")
    assert [cell.strip() for cell in lines[row5 + 1].split("|")] == ["", "开工建设老年大学。", "", "12月底前", ""]
    assert lines[row5 + 2] == "6 | 迁建县政务服务中心。 | 县政务服务中心 县代建中心 | 12月底前 |"


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_page_chrome_is_dropped(path):
    text = read_path(path).text
    assert [word for word in CHROME if word in text] == []


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_charset_detected(path):
    source = read_path(path)
    encoding, guessed = ENCODINGS[path.stem]
    assert source.encoding == encoding
    assert any(w.code == "W101" for w in source.warnings) is guessed


# ---------------------------------------------------------------------------- structure
def test_layout_table_page_finds_the_article():
    body = (f"<table width='980'><tr><td>{NAV}</td></tr><tr><td class='content'>{ARTICLE}</td></tr>"
            "<tr><td>版权所有：某市人民政府 网站标识码 1234</td></tr></table>")
    lines = read_bytes(page(body), "layout.html").text.splitlines()
    assert lines == ["为深入贯彻落实有关文件精神，结合我市实际，制定本方案。", "一、总体要求", "（一）工作目标。到2025年，基本建成。"]


def test_colspan_and_rowspan_keep_cells_under_their_columns():
    table = ("<table><tr><td rowspan='2'>序号</td><td rowspan='2'>任务</td><td colspan='2'>责任单位</td></tr>"
             "<tr><td>牵头</td><td>配合</td></tr>"
             "<tr><td>1</td><td>建设数字政府。</td><td>市大数据局</td><td>市财政局，各区政府</td></tr></table>")
    lines = read_bytes(page(ARTICLE + table), "spans.html").text.splitlines()
    assert lines[-3:] == ["序号 | 任务 | 责任单位 |  |", " |  | 牵头 | 配合 |", "1 | 建设数字政府。 | 市大数据局 | 市财政局，各区政府 |"]


def test_br_lines_nbsp_indent_and_source_line_breaks():
    body = ("<div id='zoom'>&nbsp;&nbsp;&nbsp;&nbsp;一、总体要求<br>　　为深入贯彻落实\n有关文件精神，结合我市实际，"
            "制定本方案。<br><br>（一）工作目标。到2025年\n基本建成 Smart\nCity 平台。</div>")
    lines = read_bytes(page(body), "br.html").text.splitlines()
    assert lines == ["一、总体要求", "为深入贯彻落实有关文件精神，结合我市实际，制定本方案。", "", "（一）工作目标。到2025年基本建成 Smart City 平台。"]


def test_heading_before_the_body_comes_first_once():
    with_title = f"<div class='article'><h1>某市数字政府建设实施方案</h1><div class='info'>来源：市政府办公室</div><div id='zoom'>{ARTICLE}</div></div>"
    lines = read_bytes(page(with_title), "title.html").text.splitlines()
    assert lines[:2] == ["某市数字政府建设实施方案", "为深入贯彻落实有关文件精神，结合我市实际，制定本方案。"]
    repeated = with_title.replace("<div id='zoom'>", "<div id='zoom'><p>某市数字政府建设实施方案</p>")
    assert read_bytes(page(repeated), "title.html").text.splitlines().count("某市数字政府建设实施方案") == 1


def test_title_block_named_like_furniture_is_kept():
    body = (f"<div class='con-top'><h1>某市数字政府建设实施方案</h1><div>发布时间：2023-01-01 来源：市政府</div></div>"
            f"<div class='TRS_UEDITOR'>{ARTICLE}</div><div class='con-bottom'><a href='#'>【打印本页】</a></div>")
    lines = read_bytes(page(body), "top.html").text.splitlines()
    assert lines[0] == "某市数字政府建设实施方案" and lines[-1] == "（一）工作目标。到2025年，基本建成。"
    assert len(lines) == 4


def test_xhtml_with_xml_declaration():
    data = ("<?xml version='1.0' encoding='utf-8'?><html xmlns='http://www.w3.org/1999/xhtml'><body>"
            f"{ARTICLE}</body></html>").encode()
    assert read_bytes(data, "x.html").text.startswith("为深入贯彻落实")


def test_utf8_page_that_declares_gb2312_is_read_as_utf8_with_warning():
    source = read_bytes(page(ARTICLE, head="<meta charset='gb2312'>"), "w.html")
    assert source.encoding == "utf-8" and "制定本方案" in source.text
    assert [w.code for w in source.warnings] == ["W101"]


def test_undeclared_gbk_page_is_detected():
    data = page(ARTICLE * 3, head="").decode("utf-8").encode("gbk")
    source = read_bytes(data, "gbk.html")
    assert source.encoding == "gb18030" and "结合我市实际" in source.text


# ---------------------------------------------------------------------------- bad input
BAD_INPUTS = [
    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), DecodeError, "expected an HTML page"),
    ("navigation-only", page(NAV + "<script>var a = '很长的脚本文本很长的脚本文本';</script><div class='footer'>版权所有</div>"),
     EmptyInput, "no article text"),
    ("no-body", b"<html><head><title>x</title></head></html>", EmptyInput, "no article text"),
    ("blank", b"   \n ", EmptyInput, "empty"),
]


@pytest.mark.parametrize("label, data, error, fragment", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_html_raises_one_line_error(label, data, error, fragment):
    with pytest.raises(error) as caught:
        read_bytes(data, f"{label}.html")
    message = str(caught.value)
    assert message.startswith(f"{label}.html: ") and fragment in message and "\n" not in message


def test_bytes_to_text_prefers_the_declared_charset():
    data = page(ARTICLE, head="<meta http-equiv='Content-Type' content='text/html; charset=GBK'>")
    gbk = data.decode("utf-8").encode("gb18030")
    assert bytes_to_text(gbk, "g.html")[:1] == ("gb18030",)
