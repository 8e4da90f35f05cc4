"""Build the DOCX fixtures from corpus texts:  python tests/golden_docx/make_fixtures.py [CORPUS_DIR]

Each fixture NAME.docx is written next to copies of the corpus' NAME.txt and NAME.gold.json,
so the tests can check that reading NAME.docx gives NAME.txt's paragraphs.

- wujiang_silk_2021: outline typed with Word's automatic numbering — ``一、`` (chineseCounting,
  "%1、") and ``1.`` (decimal, "%1.", restarting under each ``一、``); page header and footer
  that the reader must ignore.
- d17: three levels — ``一、`` through a numbered paragraph *style*, ``(一)`` (chineseCounting,
  "(%1)") and ``1.`` with lvlRestart=0, so it continues across sections (9. → 二、 → (一) → 10.).
- d13: markers typed by hand, no list numbering (the reader must leave them alone).
- d10: the 任务分解表 as a real Word table, item 5's second task in a row whose 序号 and
  责任单位 cells are vertically merged into the row above.

A typed marker becomes automatic numbering only where the number Word would show equals the
typed one; anything else stays typed, so the .docx always shows exactly the .txt.
"""
from __future__ import annotations

import re
import shutil
import sys
import zipfile
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import qn

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/: the shared fixture helpers
from fixture_cells import DEADLINE_CELL, group_rows  # noqa: E402

DEFAULT_CORPUS = HERE.parents[2] / "shared" / "corpus"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
FIXED_ZIP_TIME = (2024, 1, 1, 0, 0, 0)

CN = "一二三四五六七八九十"
# A typed marker at the start of a line: "一、", "(一)", "（一）", "1." with its number.
MARKERS = {
    "cn_dun": re.compile(rf"^(?P<num>[{CN}]+)、"),  # 一、指导思想
    "cn_paren": re.compile(rf"^[(（](?P<num>[{CN}]+)[)）]"),  # (一)提升政务服务效能
    "decimal": re.compile(r"^(?P<num>\d+)\."),  # 1.生态绿色创新发展
}
# Level table per fixture: marker kind → (ilvl, numFmt, lvlText, lvlRestart or None).
# In lvlText, %k is the counter of level k-1: a second level showing its own number says "%2.".
WUJIANG_LEVELS = {"cn_dun": (0, "chineseCounting", "%1、", None), "decimal": (1, "decimal", "%2.", None)}
D17_LEVELS = {
    "cn_dun": (0, "chineseCounting", "%1、", None),
    "cn_paren": (1, "chineseCounting", "(%2)", None),
    "decimal": (2, "decimal", "%3.", 0),
}
NUMBERED_STYLE = "PolicyHeading1"


def cn_number(text: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20 (enough for the corpus)."""
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + CN.index(text[1]) + 1
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (CN.index(tens) + 1) * 10 + (CN.index(ones) + 1 if ones else 0)
    return CN.index(text) + 1


# ---------------------------------------------------------------------------- numbering XML
def abstract_num_xml(abstract_id: int, levels: dict) -> str:
    lvls = []
    for ilvl, fmt, text, restart in sorted(levels.values()):
        restart_xml = f'<w:lvlRestart w:val="{restart}"/>' if restart is not None else ""
        lvls.append(
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{restart_xml}'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:suff w:val="nothing"/>'
            f'<w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl>'
        )
    return f'<w:abstractNum {W} w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="multilevel"/>{"".join(lvls)}</w:abstractNum>'


def add_numbering(document, levels: dict) -> str:
    """Add an abstractNum + num for ``levels``; return the new numId."""
    numbering = document.part.numbering_part.element
    abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    num_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    abstract_id, num_id = max(abstract_ids, default=0) + 1, max(num_ids, default=0) + 1
    abstract = parse_xml(abstract_num_xml(abstract_id, levels))
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'))
    return str(num_id)


def add_numbered_style(document, num_id: str) -> None:
    """A paragraph style whose own pPr carries numPr: paragraphs get numbered by style alone."""
    styles = document.styles.element
    styles.append(parse_xml(
        f'<w:style {W} w:type="paragraph" w:customStyle="1" w:styleId="{NUMBERED_STYLE}">'
        f'<w:name w:val="Policy Heading 1"/><w:basedOn w:val="Normal"/>'
        f'<w:pPr><w:numPr><w:numId w:val="{num_id}"/></w:numPr></w:pPr></w:style>'
    ))


def set_num_pr(paragraph, num_id: str, ilvl: int) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.append(parse_xml(f'<w:numPr {W}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


# ---------------------------------------------------------------------------- documents
class Counters:
    """What Word will show next at each level (a model independent of the reader)."""

    def __init__(self, levels: dict):
        self.levels = levels
        self.count: dict[int, int] = {}

    def next_matches(self, kind: str, typed: int) -> bool:
        ilvl = self.levels[kind][0]
        if self.count.get(ilvl, 0) + 1 != typed:
            return False
        self.count[ilvl] = typed
        for deeper, _, _, deeper_restart in self.levels.values():
            if deeper > ilvl and deeper_restart != 0:
                self.count.pop(deeper, None)
        return True


def split_marker(line: str, levels: dict) -> tuple[str, str, int] | None:
    for kind in levels:
        match = MARKERS[kind].match(line)
        if match:
            num = match.group("num")
            return kind, line[match.end():], int(num) if num.isdigit() else cn_number(num)
    return None


def write_auto_numbered(lines: list[str], levels: dict, style_level0: bool = False):
    document = docx.Document()
    num_id = add_numbering(document, levels)
    if style_level0:
        add_numbered_style(document, num_id)
    counters = Counters(levels)
    for line in lines:
        found = split_marker(line, levels)
        if found and counters.next_matches(found[0], found[2]):
            kind, rest, _ = found
            ilvl = levels[kind][0]
            if style_level0 and ilvl == 0:
                document.add_paragraph(rest, style=document.styles["Policy Heading 1"])
            else:
                set_num_pr(document.add_paragraph(rest), num_id, ilvl)
        else:
            document.add_paragraph(line)
    return document


def write_plain(lines: list[str]):
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    return document


def add_header_footer(document, header: str, footer: str) -> None:
    section = document.sections[0]
    section.header.paragraphs[0].text = header
    section.footer.paragraphs[0].text = footer


# ---------------------------------------------------------------------------- d10's table
TABLE_HEADER = ["序号", "民生实事", "责任单位", "完成时限"]


def write_with_table(lines: list[str]):
    """Paragraphs before the table header, the table, then what follows the last row."""
    stripped = [line.strip() for line in lines]
    start = stripped.index(TABLE_HEADER[0])
    end = next(i for i in range(len(stripped) - 1, 0, -1) if DEADLINE_CELL.search(stripped[i])) + 1
    cells = [c for c in stripped[start:end] if c]
    assert cells[: len(TABLE_HEADER)] == TABLE_HEADER, cells[:4]
    cells = cells[len(TABLE_HEADER):]
    document = write_plain(lines[:start])
    rows = group_rows(cells)
    table = document.add_table(rows=1 + len(rows), cols=4)
    table.style = document.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, TABLE_HEADER):
        cell.text = text
    for r, (number, task, units, deadline) in enumerate(rows, start=1):
        fill_row(table, r, number, task, units, deadline)
    for line in lines[end:]:
        document.add_paragraph(line)
    return document


def fill_row(table, r: int, number: str, task: str, units: list[str], deadline: str) -> None:
    cells = table.rows[r].cells
    if number:
        cells[0].text = number
    else:  # continuation: 序号 and 责任单位 merged with the row above
        table.cell(r - 1, 0).merge(table.cell(r, 0))
        table.cell(r - 1, 2).merge(table.cell(r, 2))
    cells[1].text = task
    if units:
        cells[2].text = units[0]
        for unit in units[1:]:
            cells[2].add_paragraph(unit)
    cells[3].text = deadline


# ---------------------------------------------------------------------------- output
def save_deterministic(document, path: Path) -> None:
    """Save, then rewrite the zip with fixed timestamps so reruns give identical bytes."""
    tmp = path.with_suffix(".tmp")
    document.save(tmp)
    with zipfile.ZipFile(tmp) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(item.filename))
    tmp.unlink()


def build(corpus: Path, name: str, make) -> None:
    lines = (corpus / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    save_deterministic(make(lines), HERE / f"{name}.docx")
    for suffix in (".txt", ".gold.json"):
        shutil.copyfile(corpus / f"{name}{suffix}", HERE / f"{name}{suffix}")


def make_wujiang(lines: list[str]):
    document = write_auto_numbered(lines, WUJIANG_LEVELS)
    add_header_footer(document, "苏州市吴江区人民政府办公室文件", "— 1 —")
    return document


def main(argv: list[str]) -> None:
    corpus = Path(argv[1]) if len(argv) > 1 else DEFAULT_CORPUS
    build(corpus, "wujiang_silk_2021", make_wujiang)
    build(corpus, "d17", lambda lines: write_auto_numbered(lines, D17_LEVELS, style_level0=True))
    build(corpus, "d13", write_plain)
    build(corpus, "d10", write_with_table)


if __name__ == "__main__":
    main(sys.argv)
