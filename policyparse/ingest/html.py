"""HTML reader for government portal pages: the article as lines, portal furniture dropped.

Stages: ``bytes_to_text`` (BOM → strict UTF-8 → declared ``<meta charset>`` → charset_normalizer;
GB2312/GBK read as GB18030, their superset) → ``text_to_tree`` (lxml.html) → ``drop_boilerplate``
(scripts, forms, navigation, share/print widgets, breadcrumbs, the 索引号 metadata table,
footers: by tag, by class/id and by text) → ``mark_layout_tables`` → ``find_main``
(readability-style scoring: text blocks credit their container, punctuation-dense CJK text
scores high, link text counts against) → ``element_to_lines`` (block tags end lines, data
tables become ``cell | cell |`` rows with rowspan/colspan kept in their columns) →
``trim_furniture``.  The article's heading (``<h1>`` before the body) is put first when the
body does not start with it.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

import lxml.html
from lxml import etree

from policyparse.errors import EmptyInput, Warnings, warn
from policyparse.grammar.characters import squash
from policyparse.ingest.decode import decode
from policyparse.ingest.source import Source

# <meta charset="gb2312">  /  <meta http-equiv="Content-Type" content="text/html; charset=GBK">
META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*(?P<enc>[\w.:-]+)""", re.IGNORECASE | re.VERBOSE)
# <?xml version="1.0" encoding="utf-8"?> — lxml refuses str input that still declares bytes.
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.VERBOSE)
DOCTYPE_SUBSET = re.compile(r"^\s*<!DOCTYPE[^\[>]*\[.*?\]\s*>", re.IGNORECASE | re.DOTALL)
# class/id words of page furniture: "top-bar", "bdsharebuttonbox", "breadcrumb", "prev-next"
BOILERPLATE_NAME = re.compile(
    r"""share|breadcrumb|crumb|footer|copyright|print|navbar|menu|sidebar|qrcode|search|login
      |(?:^|[\s_-])(?:nav|top|header|foot|bottom|side|tools?|related?|position|location|weizhi
         |dqwz|ewm|links?|prev|next|pager|fontsize|zihao|meta|xgwj|xglj)(?:$|[\s_\d-])""",
    re.IGNORECASE | re.VERBOSE,
)
# short blocks that are page furniture: "当前位置：首页 > …", "【打印本页】", "来源:信息公开办"
FURNITURE_TEXT = re.compile(
    r"""^(当前位置|您(现在)?的?(当前)?位置|分享到|【?(打印|关闭)(本页|此页|窗口)|字号|来源[:：]|信息来源[:：]
      |发布(时间|日期|机构)[:：]|(发布|更新)?时间[:：].*(来源|浏览|点击)|更新时间[:：]|点击(数|量|率)[:：]
      |浏览(次数|量)[:：]|责任编辑|扫一扫|上一篇|下一篇|相关(文件|链接|阅读|新闻)[:：]|网站地图|主办单位
      |承办单位|版权所有|网站标识码|.{0,30}ICP备)""",
    re.VERBOSE,
)
# the 索引号 table of a 信息公开 page (索引号 / 发文日期 / 主题分类 …)
METADATA_TEXT = re.compile(r"索引号|主题分类.*发文日期|发布机构.*(文号|发文日期)", re.VERBOSE | re.DOTALL)
# whitespace run that contains a source line break: dropped next to CJK, else one space
WHITESPACE_RUN = re.compile(r"[ \t\r\n\f\xa0]+")
CJK_CHAR = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’]")
SENTENCE_PUNCTUATION = re.compile(r"[，,。；;、：:]")

NEVER_CONTENT = ("script", "style", "noscript", "template", "iframe", "form", "input", "button", "select",
                 "textarea", "nav", "aside", "object", "embed", "svg", "canvas", "head", "link", "meta", "img")
BLOCK_TAGS = frozenset({"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table",
                        "section", "article", "main", "blockquote", "pre", "dd", "dt", "dl", "center",
                        "header", "footer", "hr", "caption", "address", "figure", "figcaption"})
CONTAINER_TAGS = frozenset({"div", "section", "article", "main", "body", "td", "th", "center", "blockquote"})
TEXT_BLOCK_TAGS = frozenset({"p", "pre", "li", "td", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "div"})
MIN_BLOCK_CHARS = 10  # a CJK block of ten characters is already a sentence
MAX_BOILERPLATE_CHARS = 200  # a furniture-named element holding more text than this is kept
MAX_FURNITURE_CHARS = 100
MAX_DATA_CELL_CHARS = 1000  # a cell longer than this belongs to a layout table
LAYOUT_MARK = "data-policyparse-layout"  # set on layout tables by mark_layout_tables


# Control characters (C0 but tab and line ends, U+FFFE, U+FFFF) are no text of a page and cannot
# be stored in an lxml tree that is edited: form feed and vertical tab become spaces, the rest go.
NOT_XML_CHARS = {c: None for c in (*range(0x00, 0x09), *range(0x0e, 0x20), 0xFFFE, 0xFFFF)} | {0x0b: " ", 0x0c: " "}


# ---------------------------------------------------------------------------- decoding
def bytes_to_text(data: bytes, name: str) -> tuple[str, str, bool]:
    """Return (encoding, text, guessed): the shared decoder, told the page's declared charset."""
    match = META_CHARSET.search(data[:4096])
    declared = match.group("enc").decode("ascii", "replace") if match else None
    decoded = decode(data, name, declared, strict_text=False, expected="an HTML page")
    return decoded.encoding, decoded.text, decoded.guessed


def text_to_tree(text: str, name: str) -> lxml.html.HtmlElement:
    """The page's tree: no depth limit (libxml2 drops what is nested deeper than 255 elements
    unless told ``huge_tree``), a DOCTYPE's internal subset (``<!DOCTYPE html [ … ]>``) left out
    so that its ``]>`` does not become text."""
    text = DOCTYPE_SUBSET.sub("<!DOCTYPE html>", XML_DECLARATION.sub("", text, count=1), count=1)
    text = text.translate(NOT_XML_CHARS)  # lxml refuses them when it edits the tree (drop_tree: ValueError)
    try:
        return lxml.html.document_fromstring(text, parser=lxml.html.HTMLParser(huge_tree=True))  # one per call: parsers are per thread
    except (etree.ParserError, ValueError) as err:
        raise EmptyInput(f"{name}: no HTML content ({err})") from None


# ---------------------------------------------------------------------------- boilerplate
def drop_boilerplate(root: lxml.html.HtmlElement) -> None:
    """Remove page furniture in place (this tree is the reader's own copy)."""
    etree.strip_elements(root, *NEVER_CONTENT, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    for element in list(root.iter(etree.Element)):
        if element.getparent() is not None and _is_boilerplate(element):
            element.drop_tree()


def _is_boilerplate(element: lxml.html.HtmlElement) -> bool:
    if element.tag in ("body", "html"):
        return False
    text = squash(element.text_content())
    if element.tag == "table" and METADATA_TEXT.search(text) and len(text) < 600:
        return True
    if len(text) <= MAX_FURNITURE_CHARS and FURNITURE_TEXT.match(text):
        return True
    names = f"{element.get('class', '')} {element.get('id', '')}"
    if element.tag in ("header", "footer") or BOILERPLATE_NAME.search(names):
        if _link_density(element) > 0.5:
            return True
        return len(text) <= MAX_BOILERPLATE_CHARS and element.find(".//h1") is None  # "con-top" holding the title
    return False


def _link_density(element: lxml.html.HtmlElement) -> float:
    total = len(squash(element.text_content()))
    linked = sum(len(squash(a.text_content())) for a in element.iter("a"))
    return linked / total if total else 1.0


# ---------------------------------------------------------------------------- main content
def find_main(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The container with the most sentence-like text, readability style."""
    scores: dict[lxml.html.HtmlElement, float] = {}
    for block in _text_blocks(root):
        text = squash(_own_text(block))
        points = 1 + len(SENTENCE_PUNCTUATION.findall(text)) + min(len(text) / 100, 3)
        for share, container in zip((1.0, 0.5), _containers(block)):
            scores[container] = scores.get(container, 0.0) + points * share
    if not scores:
        return root.find("body") if root.find("body") is not None else root
    return max(scores, key=lambda el: scores[el] * (1 - _link_density(el)))


def _text_blocks(root: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    for element in root.iter(*TEXT_BLOCK_TAGS):
        if element.tag == "td" and not _is_layout_table(_table_of(element)):
            continue  # data cells credit the table's container through their rows' text
        if len(squash(_own_text(element))) >= MIN_BLOCK_CHARS:
            yield element


def _own_text(element: lxml.html.HtmlElement) -> str:
    """Text of the element outside its block children ("<div>a<br>b<p>c</p></div>" → "ab")."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in BLOCK_TAGS:
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return "".join(parts)


def _containers(block: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    """Ancestors that can hold an article, skipping the cells of data tables."""
    for ancestor in block.iterancestors(*CONTAINER_TAGS):
        if ancestor.tag in ("td", "th") and not _is_layout_table(_table_of(ancestor)):
            continue
        yield ancestor


def _table_of(cell: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    return next(cell.iterancestors("table"), None)


def mark_layout_tables(root: lxml.html.HtmlElement) -> None:
    """Tag tables used for page layout (one column, tables in cells, or a page-long cell):
    their cells are containers, not data.  Marked once, so later stages stay linear."""
    for table in root.iter("table"):
        rows = _table_rows(table)
        cells = [cell for row in rows for cell in _row_cells(row)]
        single_column = max((len(_row_cells(row)) for row in rows), default=0) <= 1
        if single_column or any(c.find(".//table") is not None or len(squash(c.text_content())) > MAX_DATA_CELL_CHARS
                                for c in cells):
            table.set(LAYOUT_MARK, "1")


def _is_layout_table(table: lxml.html.HtmlElement | None) -> bool:
    return table is not None and table.get(LAYOUT_MARK) == "1"


def _table_rows(table: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    return table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")


def _row_cells(row: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    return [cell for cell in row if cell.tag in ("td", "th")]


def title_for(main: lxml.html.HtmlElement) -> str:
    """The article heading just before ``main`` (h1–h3 or class/id "title"), within 3 ancestors."""
    order = {el: i for i, el in enumerate(main.getroottree().iter(etree.Element))}
    ancestors = set(main.iterancestors())
    for depth, ancestor in enumerate(main.iterancestors()):
        if depth >= 3:
            break
        before = [el for el in ancestor.iter(etree.Element)
                  if order[el] < order[main] and el not in ancestors and _is_heading(el)]
        if before:
            return _normalize_line(before[-1].text_content())
    return ""


def _is_heading(element: lxml.html.HtmlElement) -> bool:
    names = f"{element.get('class', '')} {element.get('id', '')}".lower()
    return element.tag in ("h1", "h2", "h3") or ("title" in names and element.tag in BLOCK_TAGS)


# ---------------------------------------------------------------------------- lines
def element_to_lines(element: lxml.html.HtmlElement) -> list[str]:
    """Block structure as lines: blocks and <br> end lines, data tables become pipe rows."""
    lines: list[str] = []
    buffer: list[str] = []
    _walk(element, lines, buffer)
    _flush(lines, buffer)
    out: list[str] = []
    for line in lines:  # at most one blank line in a row, none first
        if line or (out and out[-1]):
            out.append(line)
    return out


def _walk(element: lxml.html.HtmlElement, lines: list[str], buffer: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "br":
        _flush(lines, buffer, keep_blank=True)
    elif tag == "table" and not _is_layout_table(element):
        _flush(lines, buffer)
        lines.extend(table_to_rows(element))
    else:
        is_block = tag in BLOCK_TAGS
        if is_block:
            _flush(lines, buffer)
        buffer.append(element.text or "")
        for child in element:
            _walk(child, lines, buffer)
            buffer.append(child.tail or "")
        if is_block:
            _flush(lines, buffer, keep_blank=tag in ("p", "div"))


def _flush(lines: list[str], buffer: list[str], keep_blank: bool = False) -> None:
    line = _normalize_line("".join(buffer))
    buffer.clear()
    if line or keep_blank:
        lines.append(line)


def _normalize_line(raw: str) -> str:
    def space(match: re.Match[str]) -> str:
        before, after = raw[match.start() - 1: match.start()], raw[match.end(): match.end() + 1]
        if "\n" in match.group() and (CJK_CHAR.match(before or " ") or CJK_CHAR.match(after or " ")):
            return ""
        return " "

    return WHITESPACE_RUN.sub(space, raw).strip(" \u3000")


def trim_furniture(lines: list[str]) -> list[str]:
    """Blank lines and furniture lines ("【打印本页】", "来源：…") cut from both ends."""
    out = list(lines)
    while out and (not out[0] or FURNITURE_TEXT.match(out[0])):
        out.pop(0)
    while out and (not out[-1] or FURNITURE_TEXT.match(out[-1])):
        out.pop()
    return out


def table_to_rows(table: lxml.html.HtmlElement) -> list[str]:
    """``cell | cell |`` per row.  A rowspan leaves an empty cell in the rows it covers and a
    colspan is followed by empty cells, so every cell stays under its column header."""
    pending: dict[int, int] = {}  # column → rows still covered by a rowspan from above
    rows = []
    for tr in _table_rows(table):
        cells: list[str] = []
        for td in _row_cells(tr):
            _fill_spanned(cells, pending)
            rowspan, colspan = _span(td, "rowspan"), _span(td, "colspan")
            for offset in range(colspan):
                if rowspan > 1:
                    pending[len(cells) + offset] = rowspan - 1
            cells.extend([_cell_text(td)] + [""] * (colspan - 1))
        _fill_spanned(cells, pending, trailing=True)
        if any(cells):
            rows.append("".join(f"{cell} | " for cell in cells).rstrip(" "))
    return rows


def _fill_spanned(cells: list[str], pending: dict[int, int], trailing: bool = False) -> None:
    while pending.get(len(cells), 0) > 0 or (trailing and any(c >= len(cells) for c, n in pending.items() if n)):
        column = len(cells)
        if pending.get(column, 0) > 0:
            pending[column] -= 1
        cells.append("")


def _span(cell: lxml.html.HtmlElement, attribute: str) -> int:
    value = re.sub(r"\D", "", cell.get(attribute, "1") or "1")
    return max(1, min(int(value or 1), 100))


def _cell_text(cell: lxml.html.HtmlElement) -> str:
    return " ".join(line for line in element_to_lines(cell) if line).replace("|", "｜")


# ---------------------------------------------------------------------------- reader
def read_html(data: bytes, name: str, sha256: str) -> Source:
    """Read a portal page into a ``Source`` holding the article's lines."""
    encoding, text, guessed = bytes_to_text(data, name)
    root = text_to_tree(text, name)
    drop_boilerplate(root)
    mark_layout_tables(root)
    main = find_main(root)
    lines = trim_furniture(element_to_lines(main))
    title = title_for(main)
    if title and not (lines and squash(lines[0]).startswith(squash(title))):
        lines.insert(0, title)
    if not any(line.strip() for line in lines):
        raise EmptyInput(f"{name}: no article text found in the HTML page")
    warnings = (warn(Warnings.ENCODING_GUESSED, name=name, encoding=encoding),) if guessed else ()
    return Source(name=name, sha256=sha256, format="html", text="\n".join(lines), encoding=encoding,
                  warnings=warnings)
