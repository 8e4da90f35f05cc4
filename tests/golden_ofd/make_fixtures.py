"""Build the OFD fixtures from corpus texts:  python tests/golden_ofd/make_fixtures.py [--shared ../shared]

No library writes OFD here without PyMuPDF, so this script writes the packages itself, to the
structure of GB/T 33190-2016 (OFD.xml -> Doc_0/Document.xml -> Pages/Page_N/Content.xml,
PublicRes.xml with the fonts), from ``tests/golden/NAME.txt``.  It shares no code with the
reader (``policyparse/ingest/ofd.py``): it lays the text out itself in a GB/T 9704-like page
(A4, 版心 156 x 225 mm, 3号 body with a two-character first-line indent, 2号 centred titles,
right-set signature and date, ``— N —`` page numbers), one ``TextObject`` a visual line, the
glyph advances in ``DeltaX`` (with the ``g N D`` run form).  Block kinds come from
``shared/tools/policy_blocks.py`` (as for the PDF fixtures).  Titles are set with ``Size="1"``
and a scaling ``CTM`` so that the reader's matrix handling is exercised; the sample notice's
pages carry its running footer through a template page (``TemplatePage``).

Same input, same bytes (fixed zip times).  Writes NAME.ofd next to copies of NAME.txt and
NAME.gold.json.
"""
from __future__ import annotations

import argparse
import io
import shutil
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
GOLDEN = HERE.parent / "golden"
DOCS = ("wujiang_silk_2021", "d01", "d05", "d10", "d12", "d17", "d23", "d27")
NS = "http://www.ofdspec.org/2016"
ZIP_TIME = (2024, 1, 1, 0, 0, 0)
PT = 25.4 / 72  # mm per point

PAGE_W, PAGE_H = 210.0, 297.0
LEFT, TOP, WIDTH, HEIGHT = 28.0, 37.0, 156.0, 225.0
BODY = 16 * PT  # 3号
TITLE = 22 * PT  # 2号
PITCH = HEIGHT / 22  # 22 lines a page
NO_START = set("，。、；：？！）》」』”’】〕〉…—·%‰,.;:?!)]}")


def advance(ch: str, size: float) -> float:
    """A fixed-pitch font: CJK and full-width forms one em, the rest half an em."""
    return size if ord(ch) >= 0x2000 else size / 2


def wrap(text: str, size: float, first: float, width: float) -> list[str]:
    lines, cur, used = [], "", first
    for ch in text:
        w = advance(ch, size)
        if cur and used + w > width + 1e-6 and ch not in NO_START:
            lines.append(cur)
            cur, used = "", 0.0
        cur += ch
        used += w
    return lines + [cur] if cur else lines


class Writer:
    """Positions lines on pages: (x of the first glyph, baseline y, size, text, glyph advances)."""

    def __init__(self) -> None:
        self.pages: list[list[tuple[float, float, float, str, list[float]]]] = [[]]
        self.y = TOP

    def line(self, x: float, size: float, text: str, steps: list[float], pitch: float) -> None:
        if self.y + pitch > TOP + HEIGHT + 0.01:
            self.pages.append([])
            self.y = TOP
        self.y += pitch
        self.pages[-1].append((x, self.y - 0.25 * pitch, size, text, steps))

    def paragraph(self, text: str, size: float, align: str = "justify", indent: int = 2) -> None:
        first = indent * size if align == "justify" else 0.0
        lines = wrap(text, size, first, WIDTH)
        for k, line in enumerate(lines):
            widths = [advance(ch, size) for ch in line]
            x = LEFT + (first if k == 0 else 0.0)
            room = LEFT + WIDTH - x - sum(widths)
            if align == "center":
                x += room / 2
            elif align == "right":
                x = LEFT + WIDTH - 4 * size - sum(widths)
            extra = room / max(len(line) - 1, 1) if align == "justify" and k < len(lines) - 1 else 0.0
            steps = [w + extra for w in widths[:-1]]
            self.line(x, size, line, steps, PITCH * max(1.0, size / BODY))

    def skip(self) -> None:
        self.y += PITCH / 2


def delta_x(steps: list[float]) -> str:
    """Advances as OFD writes them: a run of equal steps as ``g N D``."""
    out, i = [], 0
    while i < len(steps):
        j = i
        while j < len(steps) and abs(steps[j] - steps[i]) < 1e-6:
            j += 1
        out.append(f"g {j - i} {steps[i]:.4f}" if j - i > 2 else " ".join(f"{s:.4f}" for s in steps[i:j]))
        i = j
    return " ".join(out)


def text_object(oid: int, x: float, y: float, size: float, text: str, steps: list[float], scaled: bool) -> str:
    """One line: Boundary at the line box, the baseline origin inside it."""
    width = sum(steps) + advance(text[-1], size)
    top = y - size
    if scaled:  # Size 1 in object space, scaled up by the CTM (as some producers write titles)
        k = size
        return (f'<ofd:TextObject ID="{oid}" Boundary="{x:.4f} {top:.4f} {width + 1:.4f} {size * 1.3:.4f}" '
                f'Font="2" Size="1" CTM="{k:.4f} 0 0 {k:.4f} 0 0"><ofd:FillColor Value="0 0 0"/>'
                f'<ofd:TextCode X="0" Y="1" DeltaX="{delta_x([s / k for s in steps])}">{escape(text)}</ofd:TextCode>'
                f"</ofd:TextObject>")
    return (f'<ofd:TextObject ID="{oid}" Boundary="{x:.4f} {top:.4f} {width + 1:.4f} {size * 1.3:.4f}" '
            f'Font="1" Size="{size:.4f}"><ofd:FillColor Value="0 0 0"/>'
            f'<ofd:TextCode X="0" Y="{size:.4f}" DeltaX="{delta_x(steps)}">{escape(text)}</ofd:TextCode>'
            f"</ofd:TextObject>")


def page_number_object(oid: int, n: int) -> str:
    text = f"— {n} —"
    size = 14 * PT
    steps = [advance(ch, size) for ch in text[:-1]]
    x = PAGE_W / 2 - (sum(steps) + advance(text[-1], size)) / 2
    return text_object(oid, x, TOP + HEIGHT + 12, size, text, steps, False)


def build(name: str, blocks) -> bytes:
    w = Writer()
    for b in blocks:
        if b.kind in ("title", "doc_title"):
            w.paragraph(b.text, TITLE, align="center", indent=0)
        elif b.kind in ("signature", "date"):
            w.paragraph(b.text, BODY, align="right", indent=0)
        elif b.kind in ("addressee", "attach_label"):
            w.paragraph(b.text, BODY, indent=0)
        else:
            w.paragraph(b.text, BODY)
    template = name == "wujiang_silk_2021"
    files: dict[str, str] = {}
    oid = 10
    pages_xml = []
    for n, lines in enumerate(w.pages):
        objects = []
        for x, y, size, text, steps in lines:
            oid += 1
            objects.append(text_object(oid, x, y, size, text, steps, size > BODY * 1.1))
        if not template:
            oid += 1
            objects.append(page_number_object(oid, n + 1))
        tpl = '<ofd:Template TemplateID="3" ZOrder="Background"/>' if template else ""
        files[f"Doc_0/Pages/Page_{n}/Content.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}">{tpl}'
            f'<ofd:Content><ofd:Layer ID="{oid + 1000}" Type="Body">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>')
        pages_xml.append(f'<ofd:Page ID="{100 + n}" BaseLoc="Pages/Page_{n}/Content.xml"/>')
    template_xml = ""
    if template:  # the running footer line of every page, drawn from a template page
        size = 10.5 * PT
        text = "吴江区人民政府办公室"
        steps = [advance(ch, size) for ch in text[:-1]]
        files["Doc_0/Tpls/Tpl_0/Content.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer ID="5">'
            f"{text_object(6, LEFT, TOP - 6, size, text, steps, False)}</ofd:Layer></ofd:Content></ofd:Page>")
        template_xml = '<ofd:TemplatePage ID="3" BaseLoc="Tpls/Tpl_0/Content.xml"/>'
    files["OFD.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" Version="1.1" DocType="OFD"><ofd:DocBody>'
        f"<ofd:DocInfo><ofd:DocID>{name}</ofd:DocID><ofd:Creator>policyparse tests</ofd:Creator></ofd:DocInfo>"
        "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>")
    files["Doc_0/Document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}"><ofd:CommonData>'
        f"<ofd:MaxUnitID>{oid + 2000}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 {PAGE_W} {PAGE_H}</ofd:PhysicalBox>"
        f"</ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>{template_xml}</ofd:CommonData>"
        f'<ofd:Pages>{"".join(pages_xml)}</ofd:Pages></ofd:Document>')
    files["Doc_0/PublicRes.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:Fonts>'
        '<ofd:Font ID="1" FontName="仿宋" FamilyName="仿宋"/><ofd:Font ID="2" FontName="方正小标宋简体"/>'
        "</ofd:Fonts></ofd:Res>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(files):
            info = zipfile.ZipInfo(path, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, files[path].encode("utf-8"))
    return buf.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=HERE.parents[2] / "shared")
    args = parser.parse_args()
    sys.path.insert(0, str(args.shared / "tools"))
    from policy_blocks import classify

    for name in DOCS:
        shutil.copy(GOLDEN / f"{name}.txt", HERE / f"{name}.txt")
        shutil.copy(GOLDEN / f"{name}.gold.json", HERE / f"{name}.gold.json")
        text = (GOLDEN / f"{name}.txt").read_text(encoding="utf-8")
        (HERE / f"{name}.ofd").write_bytes(build(name, classify(text, None, None)))
        print(f"wrote {HERE / name}.ofd")


if __name__ == "__main__":
    main()
