"""The spot-check report (issue 12): boxes in the right place, the text view, the batch index.

Boxes are checked against pdfplumber (an independent reader of the PDF): each of the sample's
25 items and 58 units has a box on its page where pdfplumber finds the characters of its text.
The browser tests are ``tests/test_report_browser.py``."""
from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pdfplumber
import pytest
from click.testing import CliRunner

from policyparse.cli import cli
from policyparse.schema import walk

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_PDF = ROOT / "samples" / "wujiang_silk_2021.pdf"
SAMPLE_TXT = ROOT / "samples" / "wujiang_silk_2021.txt"
TOLERANCE = 2.5  # points, vertically: pypdfium2's loose boxes and pdfplumber's font boxes differ by a little
# Horizontally within one em: on the sample's justified lines pdfplumber places glyphs up to 10 pt
# off (its 吴 of page 7, line 5 at x=426.9; the ink of the rendered page, and pdfium, at 437.4-438.5).
EM = 16.0


def write_report(path: Path, out: Path) -> Path:
    res = CliRunner().invoke(cli, ["report", str(path), "-o", str(out)])
    assert res.exit_code == 0, res.output
    pages = list(out.rglob("*.html"))
    assert len(pages) == 1
    return pages[0]


def boxes_by_id(html_path: Path) -> dict[str, list[tuple[int, float, float, float, float]]]:
    """id -> (page, left, top, right, bottom) in points (from the boxes' percentages)."""
    tree = lxml.html.parse(str(html_path)).getroot()
    out: dict[str, list] = {}
    with pdfplumber.open(SAMPLE_PDF) as pdf:
        sizes = [(p.width, p.height) for p in pdf.pages]
    for page in tree.xpath('//div[@class="page"]'):
        number = int(page.get("data-page"))
        width, height = sizes[number - 1]
        for box in page.xpath('.//a[contains(@class, "box")]'):
            style = dict(part.split(":") for part in box.get("style").split(";") if part)
            left, top = float(style["left"][:-1]) * width / 100, float(style["top"][:-1]) * height / 100
            right, bottom = left + float(style["width"][:-1]) * width / 100, top + float(style["height"][:-1]) * height / 100
            for ident in box.get("data-ids").split():
                out.setdefault(ident, []).append((number, left, top, right, bottom))
    return out


def plumber_occurrences(page, text: str) -> list[tuple[float, float, float, float]]:
    """Bounding boxes (x0, top, x1, bottom) of the first line of each occurrence of ``text``
    among pdfplumber's characters of the page (spaces left out)."""
    chars = [c for c in page.chars if c["text"].strip()]
    stream = "".join(c["text"] for c in chars)
    wanted = re.sub(r"\s", "", text)
    out = []
    for m in re.finditer(re.escape(wanted), stream):
        run = chars[m.start():m.end()]
        first = [c for c in run if abs(c["top"] - run[0]["top"]) < 3]
        out.append((min(c["x0"] for c in first), min(c["top"] for c in first),
                    max(c["x1"] for c in first), max(c["bottom"] for c in first)))
    return out


def close(a, b) -> bool:
    """(x, top) pairs: the same line (top within TOLERANCE) and within an em horizontally."""
    return abs(a[1] - b[1]) <= TOLERANCE and abs(a[0] - b[0]) < EM


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory):
    import policyparse

    out = tmp_path_factory.mktemp("report")
    return policyparse.parse(SAMPLE_PDF), write_report(SAMPLE_PDF, out)


def test_every_item_and_unit_has_its_box_where_pdfplumber_finds_its_text(sample_report):
    doc, html_path = sample_report
    boxes = boxes_by_id(html_path)
    items = list(walk(doc.sections))
    units = [u for node, _ in items for u in node.units]
    assert (len(items), len(units)) == (25, 58)
    misplaced = []
    with pdfplumber.open(SAMPLE_PDF) as pdf:
        k = 0
        for n, (node, _) in enumerate(items):
            values = [(f"n{n}", node.span, (node.marker + node.title)[:12])]
            for unit in node.units:
                values.append((f"u{k}", unit.span, unit.name))
                k += 1
            for ident, span, text in values:
                found = boxes.get(ident)
                if not found:
                    misplaced.append(f"{ident} {text}: no box")
                    continue
                page, *first = found[0]
                if page != span.page:
                    misplaced.append(f"{ident} {text}: box on page {page}, span on {span.page}")
                    continue
                candidates = plumber_occurrences(pdf.pages[page - 1], text)
                # the box's first line starts where pdfplumber's occurrence starts
                if not any(close((first[0], first[1]), (c[0], c[1])) and first[2] >= c[0] for c in candidates):
                    misplaced.append(f"{ident} {text}: box {first} not at any of {candidates}")
    assert not misplaced, "\n".join(misplaced)


def test_a_box_elsewhere_is_caught():
    """The comparison is not a tautology: a box moved by a few points fails it."""
    assert close((100.0, 200.0), (101.0, 201.5))
    assert not close((100.0, 200.0), (100.0, 205.0))  # a line off
    assert not close((100.0, 200.0), (117.0, 200.0))  # a character off


def test_page_images_are_files_beside_the_page_and_lazy(sample_report):
    _, html_path = sample_report
    tree = lxml.html.parse(str(html_path)).getroot()
    images = tree.xpath('//div[@class="page"]/img')
    assert len(images) == 8
    assert all(img.get("loading") == "lazy" for img in images)
    assert all((html_path.parent / img.get("src")).is_file() for img in images)
    assert tree.get("lang") == "zh" and "displaCy" not in tree.findtext(".//title")


def test_inline_report_is_one_file(tmp_path: Path):
    res = CliRunner().invoke(cli, ["report", str(SAMPLE_PDF), "-o", str(tmp_path), "--inline"])
    assert res.exit_code == 0, res.output
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(files) == 1
    html = files[0].read_text(encoding="utf-8")
    assert html.count('src="data:image/jpeg;base64,') == 8


def test_text_report_highlights_every_envelope_field_item_and_unit(tmp_path: Path):
    import policyparse

    doc = policyparse.parse(SAMPLE_TXT)
    html_path = write_report(SAMPLE_TXT, tmp_path)
    tree = lxml.html.parse(str(html_path)).getroot()
    marked = {i for el in tree.xpath('//section[@id="source"]//*[@data-ids]') for i in el.get("data-ids").split()}
    refs = {el.get("data-ref") for el in tree.xpath('//section[@id="extraction"]//*[@data-ref]')}
    items = list(walk(doc.sections))
    wanted = {f"n{k}" for k in range(len(items))} | {f"u{k}" for k in range(58)}
    wanted |= {f"e-{name}" for name in doc.notice.spans}
    assert wanted <= marked, sorted(wanted - marked)
    assert wanted <= refs, sorted(wanted - refs)
    # the unit's highlighted text is the unit as written
    first = [el for el in tree.xpath('//section[@id="source"]//*[@data-ids]') if "u0" in el.get("data-ids").split()]
    assert "".join(el.text_content() for el in first) == doc.sections[3].children[0].units[0].name


PLANTED_OK = SAMPLE_TXT.read_text(encoding="utf-8")
PLANTED = {
    "a_table_no_tasks.txt": "关于印发工作台账的通知\n序号 | 工作任务 | 责任单位 | 完成时限 |\n"
                            "甲 | 推进基地 建设 | 区发改委 | 2021年底 |\n乙 | 加快转型 | 区工信局 | 2022年 |\n丙 | 培养人才 | 区人社局 | 长期 |\n",
    "b_units_lost.txt": PLANTED_OK.replace("[区工信局、科技局、财政局、商务局、市场监管局，吴江高新区（盛泽镇）、震泽镇、平望镇]", ""),
    "c_bad.pdf": "not a pdf",
    "d_ok.txt": PLANTED_OK,
    "e_ok.txt": PLANTED_OK,
}


def planted_batch(tmp_path: Path, monkeypatch) -> Path:
    assert PLANTED["b_units_lost.txt"] != PLANTED_OK  # the defect is really planted
    monkeypatch.chdir(tmp_path)
    for name, text in PLANTED.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    runner = CliRunner()
    runner.invoke(cli, ["batch", *PLANTED, "-o", "out", "-j", "1"])
    res = runner.invoke(cli, ["report", "out"])
    assert res.exit_code == 0, res.output
    return tmp_path / "out" / "_report" / "index.html"


def test_batch_index_puts_the_planted_defects_first(tmp_path: Path, monkeypatch):
    index = planted_batch(tmp_path, monkeypatch)
    rows = lxml.html.parse(str(index)).getroot().xpath('//table[@id="index"]/tbody/tr')
    names = [row.get("data-name") for row in rows]
    assert len(names) == 5
    assert set(names[:3]) == {"c_bad.pdf", "a_table_no_tasks.txt", "b_units_lost.txt"}, names
    assert names[0] == "c_bad.pdf"  # the error record
    signs = {row.get("data-name"): row.get("data-signs") for row in rows}
    assert signs["a_table_no_tasks.txt"] == "table_no_tasks"
    assert "tasks_without_units" in signs["b_units_lost.txt"]
    assert signs["d_ok.txt"] == signs["e_ok.txt"] == ""
