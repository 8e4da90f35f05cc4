"""Build the PDF fixtures of tests/golden_pdf/ (run by hand, then commit the output).

    python tests/golden_pdf/make_fixtures.py [--shared ../shared]

Each fixture is NAME.pdf with its text twin NAME.txt and NAME.gold.json (copied from
shared/corpus, the gold's ``id`` set to NAME):

* copied from shared/corpus/pdf (GB/T 9704 layout): wujiang_silk_2021, wujiang_silk_2021_redhead,
  d10 (bare numbers at page edges, stacked titles), d23;
* d35_redhead: shared/tools/render_gbt9704.py with a red 版头, 发文字号 and a seal;
* RENDERED (``NAME_gbt``): other corpus texts through the same tool -- d15, a one-cell-per-line
  table whose 序号 cells 3, 10 and 16 end pages 1-3 at one height;
* drawn here with reportlab in other layouts:
  - d02_word:   A5, 13 pt 黑体, ragged right, 1.5 line spacing, text set with ``1 Tf`` and a
                scaled text matrix (Word style), fake bold by overprinting headings, CJK-Latin
                auto-spacing (``2023 年``), running header with a rule, ``第 1 页 共 N 页``;
  - d17_mirror: mirrored margins, 14 pt 仿宋 justified, a space character between every two
                CJK characters, bare page numbers on the outer side;
  - MORE: the sample notice in the Word layout, d19/d21/d35 in the mirrored one;
  - d27_table:  a ruled task table (序号 | 实事项目 | … | 配合单位) whose rows go on across page
                breaks with the header row repeated, ``- 1 -`` page numbers.

* printed by LibreOffice from the text file (OFFICE: ``NAME_office``): A4, ragged right, one
  paragraph per text line, spaces kept as glyphs -- the PDF a user makes by printing a .txt;
  and from the DOCX fixture of tests/golden_docx (OFFICE_DOCX: ``NAME_docx``): a ruled table
  whose cells hold one unit per line and whose merged cells span rows.

Needs: reportlab, fonttools and the fonts of shared/tools/README.md; ``soffice`` (LibreOffice)
for OFFICE.  Same input, same bytes, except the creation date LibreOffice writes.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas

HERE = Path(__file__).resolve().parent
COPIED = ("wujiang_silk_2021", "wujiang_silk_2021_redhead", "d10", "d23")
FONTS = {"hei": "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "song": "/usr/share/fonts/truetype/arphic/uming.ttc"}
NO_START = set("，。、；：？！）》」』”’】〕〉…—·%‰,.;:?!)]}")


# More documents drawn in the layouts above: fixture name -> (corpus document, layout).
MORE = {
    "wujiang_silk_2021_word": ("wujiang_silk_2021", "d02_word"),
    "d19_mirror": ("d19", "d17_mirror"),
    "d21_mirror": ("d21", "d17_mirror"),
    "d35_mirror": ("d35", "d17_mirror"),
    "d27_word": ("d27", "d02_word"),  # a task table going on over three pages, header repeated
}


RENDERED = ("d15",)  # GB/T 9704 by shared/tools/render_gbt9704.py

# Printed to PDF by LibreOffice: items run together after spaces (d05), one cell per line with
# a single wrapped line (d15), bar-separated rows wrapped over lines (d27), ragged right with
# wrapped paragraphs (d33).
OFFICE = ("d05", "d15", "d27", "d33")
OFFICE_DOCX = ("d10",)  # a task table: 县水务局 / 县住建局 on lines of one cell, 序号 and 责任单位 merged over rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(HERE.parents[2] / "shared"), help="the shared/ folder")
    shared = Path(ap.parse_args().shared)
    corpus = shared / "corpus"
    sys.path.insert(0, str(shared / "tools"))
    for name in COPIED:
        shutil.copyfile(corpus / "pdf" / f"{name}.pdf", HERE / f"{name}.pdf")
        twin(corpus, name.replace("_redhead", ""), name)
    twin(corpus, "d35", "d35_redhead")
    subprocess.run([sys.executable, str(shared / "tools" / "render_gbt9704.py"), str(HERE / "d35_redhead.txt"),
                    str(HERE / "d35_redhead.pdf"), "--red-header", "西平县人民政府办公室文件", "--seal"], check=True)
    for source in RENDERED:
        twin(corpus, source, f"{source}_gbt")
        subprocess.run([sys.executable, str(shared / "tools" / "render_gbt9704.py"), str(HERE / f"{source}_gbt.txt"),
                        str(HERE / f"{source}_gbt.pdf")], check=True)
    for name, layout in LAYOUTS.items():
        source = name.split("_")[0]
        twin(corpus, source, name)
        draw(HERE / f"{name}.txt", HERE / f"{name}.pdf", layout)
    for name, (source, layout) in MORE.items():  # other documents in the same layouts
        twin(corpus, source, name)
        draw(HERE / f"{name}.txt", HERE / f"{name}.pdf", LAYOUTS[layout])
    for source in OFFICE:
        twin(corpus, source, f"{source}_office")
        office_pdf(HERE / f"{source}_office.txt", HERE / f"{source}_office.pdf", text=True)
    for source in OFFICE_DOCX:
        twin(corpus, source, f"{source}_docx")
        office_pdf(HERE.parent / "golden_docx" / f"{source}.docx", HERE / f"{source}_docx.pdf")
    return 0


def office_pdf(source: Path, target: Path, text: bool = False) -> None:
    """TXT (LibreOffice's text import, UTF-8) or DOCX -> PDF in LibreOffice's default page style."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["soffice", "--headless", *(["--infilter=Text (encoded):UTF8,LF,,,"] if text else []),
                        "--convert-to", "pdf", "--outdir", tmp, str(source)], check=True, capture_output=True)
        shutil.copyfile(Path(tmp) / f"{source.stem}.pdf", target)


def twin(corpus: Path, source: str, name: str) -> None:
    """Copy the text and gold of a corpus document as NAME.txt / NAME.gold.json."""
    shutil.copyfile(corpus / f"{source}.txt", HERE / f"{name}.txt")
    gold = json.loads((corpus / f"{source}.gold.json").read_text(encoding="utf-8"))
    gold["id"] = name
    (HERE / f"{name}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


# --- a small layout engine ------------------------------------------------------------------


@dataclass
class Layout:
    page: tuple[float, float]
    top: float
    bottom: float
    inner: float
    outer: float
    size: float
    pitch: float
    font: str = "hei"
    justify: bool = True
    mirrored: bool = False
    scaled_tf: bool = False  # '1 Tf' + size in the text matrix
    spaced: bool = False  # a space glyph between CJK characters
    autospace: bool = False  # a space and a quarter em between CJK and Latin/digits
    fake_bold: bool = False  # headings overprinted 0.4 pt to the right
    header: str | None = None
    number: str = "bare"  # bare | dash | of
    table_size: float = 10.5


@dataclass
class Glyph:
    ch: str
    x: float
    bold: bool = False


@dataclass
class Page:
    lines: list[tuple[float, float, list[Glyph]]] = field(default_factory=list)  # (y, size, glyphs)
    rules: list[tuple[float, float, float, float]] = field(default_factory=list)


class Composer:
    """Lays blocks out into pages of positioned glyphs, then draws them."""

    def __init__(self, layout: Layout):
        self.lay = layout
        for role, path in FONTS.items():
            pdfmetrics.registerFont(TTFont(f"fx-{role}", path, subfontIndex=0))
        self.pages: list[Page] = []
        self.y = 0.0
        self.new_page()

    @property
    def left(self) -> float:
        odd = len(self.pages) % 2 == 1
        return self.lay.inner if (odd or not self.lay.mirrored) else self.lay.outer

    @property
    def right(self) -> float:
        odd = len(self.pages) % 2 == 1
        margin = self.lay.outer if (odd or not self.lay.mirrored) else self.lay.inner
        return self.lay.page[0] - margin

    def new_page(self) -> None:
        self.pages.append(Page())
        self.y = self.lay.page[1] - self.lay.top

    def width(self, ch: str, size: float) -> float:
        return pdfmetrics.stringWidth(ch, f"fx-{self.lay.font}", size)

    def wrap(self, text: str, size: float, first: float, avail: float, strict: bool = False) -> list[str]:
        lines, cur, w = [], "", first
        for ch in text:
            cw = self.width(ch, size)
            if cur and w + cw > avail + 0.01 and (strict or ch not in NO_START):
                lines.append(cur)
                cur, w = "", 0.0
            cur += ch
            w += cw
        return lines + [cur] if cur else lines

    def paragraph(self, text: str, size: float, align: str = "justify", indent: float = 2.0, bold: bool = False) -> None:
        avail = self.right - self.left
        lines = self.wrap(text, size, indent * size if align == "justify" else 0.0, avail)
        for k, line in enumerate(lines):
            if self.y - self.lay.pitch < self.lay.bottom:
                self.new_page()
            self.y -= self.lay.pitch * size / self.lay.size
            x0 = self.left + (indent * size if k == 0 and align == "justify" else 0.0)
            self.pages[-1].lines.append((self.y, size, self.place(line, size, x0, align, k == len(lines) - 1, bold)))

    def place(self, line: str, size: float, x0: float, align: str, last: bool, bold: bool) -> list[Glyph]:
        widths = [self.width(ch, size) for ch in line]
        room = self.right - x0 - sum(widths)
        if align == "center":
            x0 += room / 2
        elif align == "right":
            x0 = self.right - 4 * size - sum(widths)
        extra = room / max(len(line) - 1, 1) if (align == "justify" and self.lay.justify and not last) else 0.0
        glyphs, x = [], x0
        for ch, w in zip(line, widths):
            glyphs.append(Glyph(ch, x, bold))
            x += w + extra
        return glyphs

    def skip(self, lines: float) -> None:
        self.y -= lines * self.lay.pitch

    # -- tables ------------------------------------------------------------------------------
    def table(self, rows: list[list[str]]) -> None:
        size, lay = self.lay.table_size, self.lay
        ncol = max(len(r) for r in rows)
        rows = [r + [""] * (ncol - len(r)) for r in rows]
        weights = [min(max(len(r[j]) for r in rows), 40) + 4 for j in range(ncol)]
        total = self.right - self.left
        xs = [self.left]
        for wgt in weights:
            xs.append(xs[-1] + total * wgt / sum(weights))
        pitch, pad = size * 1.5, 3.0
        cells = [[self.wrap(cell, size, 0.0, xs[j + 1] - xs[j] - 2 * pad, strict=True) for j, cell in enumerate(r)] for r in rows]
        header = cells[0] if ncol > 3 else None
        self.skip(0.5)
        for r, row in enumerate(cells):
            k = 0
            while k < max(len(c) for c in row) or k == 0:
                fit = int((self.y - lay.bottom - 2 * pad) // pitch)
                if fit < 1:
                    self.new_page()
                    if header is not None and r > 0:
                        self.table_row(header, xs, 0, pitch, pad, size)
                    continue
                k = self.table_row(row, xs, k, pitch, pad, size, fit)
        self.skip(0.5)

    def table_row(self, row: list[list[str]], xs: list[float], start: int, pitch: float, pad: float, size: float,
                  fit: int = 999) -> int:
        """Draw lines start..start+fit of a row (ruled); return the next line to draw."""
        end = min(max(len(c) for c in row), start + fit)
        top = self.y
        for j, lines in enumerate(row):
            for i, text in enumerate(lines[start:end]):
                y = top - pad - (i + 1) * pitch + 0.3 * pitch
                self.pages[-1].lines.append((y, size, [Glyph(ch, x) for ch, x in self.cell_xs(text, xs[j] + pad, size)]))
        bottom = top - 2 * pad - max(end - start, 1) * pitch
        page = self.pages[-1]
        page.rules += [(xs[0], top, xs[-1], top), (xs[0], bottom, xs[-1], bottom)]
        page.rules += [(x, top, x, bottom) for x in xs]
        self.y = bottom
        return max(end, 1)

    def cell_xs(self, text: str, x: float, size: float):
        for ch in text:
            yield ch, x
            x += self.width(ch, size)

    # -- drawing -----------------------------------------------------------------------------
    def save(self, path: Path) -> None:
        c = rl_canvas.Canvas(str(path), pagesize=self.lay.page, invariant=1, pageCompression=1)
        total = len(self.pages)
        for n, page in enumerate(self.pages, 1):
            for y, size, glyphs in page.lines:
                self.draw_line(c, y, size, glyphs)
            c.setLineWidth(0.6)
            for x0, y0, x1, y1 in page.rules:
                c.line(x0, y0, x1, y1)
            self.furniture(c, n, total)
            c.showPage()
        c.save()

    def draw_line(self, c, y: float, size: float, glyphs: list[Glyph]) -> None:
        font = f"fx-{self.lay.font}"
        t = c.beginText()
        for g, nxt in zip(glyphs, glyphs[1:] + [None]):
            for dx in ((0.0, 0.4) if g.bold and self.lay.fake_bold else (0.0,)):
                self.glyph(t, font, size, g.x + dx, y, g.ch)
            if nxt is not None and self.gap_char(g.ch, nxt.ch):
                self.glyph(t, font, size, (g.x + self.width(g.ch, size) + nxt.x) / 2 - 0.1, y, " ")
        c.drawText(t)

    def gap_char(self, a: str, b: str) -> bool:
        wide_a, wide_b = ord(a) >= 0x2000, ord(b) >= 0x2000
        return (self.lay.spaced and wide_a and wide_b) or (self.lay.autospace and wide_a != wide_b
                                                          and (a.isalnum() and b.isalnum()))

    def glyph(self, t, font: str, size: float, x: float, y: float, ch: str) -> None:
        if self.lay.scaled_tf:
            t.setFont(font, 1)
            t.setTextTransform(size, 0, 0, size, x, y)
        else:
            t.setFont(font, size)
            t.setTextOrigin(x, y)
        t.textOut(ch)

    def furniture(self, c, n: int, total: int) -> None:
        lay, w = self.lay, self.lay.page[0]
        c.setFont(f"fx-{lay.font}", 10.5)
        if lay.header:
            y = lay.page[1] - lay.top + 14
            c.drawCentredString(w / 2, y, lay.header)
            c.line(lay.inner, y - 4, w - lay.outer, y - 4)
        text = {"bare": str(n), "dash": f"- {n} -", "of": f"第 {n} 页 共 {total} 页"}[lay.number]
        y = lay.bottom - 24
        if lay.mirrored:
            x = w - lay.outer - 10 if n % 2 else lay.outer + 10
            c.drawString(x, y, text)
        else:
            c.drawCentredString(w / 2, y, text)


def draw(txt: Path, out: Path, layout: Layout) -> None:
    from policy_blocks import classify  # shared/tools

    lines = txt.read_text(encoding="utf-8").splitlines()
    table_rows = [ln for ln in lines if "|" in ln]
    comp = Composer(layout)
    if table_rows:
        draw_tables(comp, table_rows)
    else:
        draw_blocks(comp, classify(txt.read_text(encoding="utf-8"), None, None))
    comp.save(out)


def draw_blocks(comp: Composer, blocks) -> None:
    size = comp.lay.size
    for b in blocks:
        kind = b.kind
        if kind in ("title", "doc_title"):
            comp.paragraph(b.text, size * 1.4, align="center", indent=0)
        elif kind in ("signature", "date"):
            comp.paragraph(b.text, size, align="right", indent=0)
        elif kind in ("addressee", "attach_label"):
            comp.paragraph(b.text, size, indent=0)
        else:
            comp.paragraph(b.text, size, bold=kind in ("h1", "h2"))


def draw_tables(comp: Composer, rows: list[str]) -> None:
    """Consecutive pipe rows with the same number of cells make one ruled table."""
    split = [[c.strip() for c in row.rstrip().rstrip("|").split("|")] for row in rows]
    groups: list[list[list[str]]] = []
    for cells in split:
        if groups and (len(cells) == len(groups[-1][0]) or len(cells) < len(groups[-1][0]) and len(groups[-1]) > 1):
            groups[-1].append(cells)
        else:
            groups.append([cells])
    for group in groups:
        comp.table(group)


LAYOUTS = {
    "d02_word": Layout(A5, top=22 * mm, bottom=20 * mm, inner=18 * mm, outer=18 * mm, size=13, pitch=19.5,
                       font="hei", justify=False, scaled_tf=True, autospace=True, fake_bold=True,
                       header="咸安区人民政府办公室", number="of"),
    "d17_mirror": Layout(A4, top=30 * mm, bottom=28 * mm, inner=32 * mm, outer=20 * mm, size=14, pitch=26,
                         font="song", mirrored=True, spaced=True, number="bare"),
    "d27_table": Layout(A5, top=18 * mm, bottom=18 * mm, inner=12 * mm, outer=12 * mm, size=12, pitch=20,
                        font="song", number="dash", table_size=10.5),
}


if __name__ == "__main__":
    sys.exit(main())
