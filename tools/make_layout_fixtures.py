#!/usr/bin/env python3
"""Build tests/golden_layouts/: the sample notice in layouts the parser was not written against.

    python tools/make_layout_fixtures.py

* ``wujiang_table.txt``: the sample with its 四、重点任务 items as a task table
  (``序号 | 重点任务 | 主要内容 | 责任单位 |``) under the heading: its gold is the sample's own
  (items 4.1–4.7, the same units);
* ``wujiang_table_word.pdf`` / ``wujiang_table_letter.pdf``: that text drawn by
  tools/render_layouts.py (our renderer) as a ruled table, in the ``word`` and ``letter`` layouts;
* ``wujiang_letter.pdf``: the plain sample in the ``letter`` layout (block paragraphs, justified,
  left-aligned title);
* ``wujiang_table_office.pdf``: the table text printed by LibreOffice (tools/render_engines.py), which
  drops the table's borders: an unruled table whose rows go on over a page break, the 序号 centred.
Each PDF and text gets the sample's gold as ``NAME.gold.json``.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "golden_layouts"
SAMPLE = ROOT / "samples" / "wujiang_silk_2021.txt"
GOLD = ROOT / "tests" / "golden" / "wujiang_silk_2021.gold.json"
ITEM = re.compile(r"(\d+)\.([^。]+)。(.*)\[(.*)\]$")  # 1.加大基地扶持力度。顺应…[区发改委、…]


def table_text() -> str:
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    start, end = lines.index("四、重点任务"), lines.index("五、保障措施")
    rows = [m.groups() for ln in lines[start + 1:end] if (m := ITEM.match(ln))]
    table = ["四、重点任务", "序号 | 重点任务 | 主要内容 | 责任单位 |"]
    table += [f"{n} | {title} | {body} | {units} |" for n, title, body, units in rows]
    return "\n".join(lines[:start] + table + lines[end:])


def main() -> None:
    OUT.mkdir(exist_ok=True)
    (OUT / "wujiang_table.txt").write_text(table_text(), encoding="utf-8")
    renders = {"wujiang_table_word": ("wujiang_table.txt", "word"),
               "wujiang_table_letter": ("wujiang_table.txt", "letter"),
               "wujiang_letter": (SAMPLE, "letter")}
    for name, (source, layout) in renders.items():
        subprocess.run([sys.executable, str(ROOT / "tools" / "render_layouts.py"), str(OUT / source),
                        str(OUT / f"{name}.pdf"), "--layout", layout], check=True)
    sys.path.insert(0, str(ROOT / "tools"))
    from render_engines import render  # noqa: PLC0415 (a tool beside this one, needing LibreOffice)

    render(OUT / "wujiang_table.txt", OUT / "wujiang_table_office.pdf", "office")
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    for name in ("wujiang_table", *renders, "wujiang_table_office"):
        (OUT / f"{name}.gold.json").write_text(json.dumps({**gold, "id": name}, ensure_ascii=False, indent=2) + "\n",
                                               encoding="utf-8")


if __name__ == "__main__":
    main()
