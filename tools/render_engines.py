#!/usr/bin/env python3
"""Render a policy text as a PDF through another producer's layout engine, for test measures.

    python tools/render_engines.py IN.txt OUT.pdf --engine browser|office

The text becomes one HTML page (a portal page as users print it): the first line an ``<h1>``, one
``<p>`` a line, ``cell | cell |`` lines whose first row starts with 序号 a ruled ``<table>``, the
signature block (the first date line and the line above it) right-aligned.  Then:

* ``browser``: Chromium headless prints it (``--print-to-pdf``; Skia's PDF backend, A4 and
  Chromium's own margins, fonts from fontconfig);
* ``office``:  LibreOffice Writer converts it (``soffice --headless --convert-to pdf``).

They read the text as ``render_layouts.py`` does (its table and signature rules) and share no code with
../shared/tools;
what they measure is how the PDF reader copes with PDF producers it was not written against.
Needs ``chromium`` and ``libreoffice-writer`` (Debian) on PATH; not run in CI.
"""
from __future__ import annotations

import argparse
import html
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from render_layouts import cells, signature_lines  # noqa: E402  (the same reading of the text)

ENGINES = ("browser", "office")
STYLE = """
body { font-family: "AR PL UMing CN", "WenQuanYi Zen Hei", serif; font-size: 14pt; line-height: 1.6; }
h1 { font-family: "WenQuanYi Zen Hei", sans-serif; font-size: 20pt; text-align: center; }
p { margin: 0.2em 0; text-indent: 2em; }
p.sign { text-align: right; text-indent: 0; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; font-size: 11pt; }
"""


def page_html(text: str) -> str:
    lines = text.split("\n")
    sign = signature_lines(lines)
    out, k, first = [], 0, True
    while k < len(lines):
        line = lines[k].strip()
        if line.startswith("序号") and "|" in line:
            end = k
            while end < len(lines) and lines[end].strip().endswith("|"):
                end += 1
            out.append(_table([cells(row) for row in lines[k:end]]))
            k = end
            continue
        if line:
            if first:
                out.append(f"<h1>{html.escape(line)}</h1>")
                first = False
            else:
                cls = ' class="sign"' if k in sign else ""
                out.append(f"<p{cls}>{html.escape(line)}</p>")
        k += 1
    return ('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>' + STYLE
            + "</style></head><body>\n" + "\n".join(out) + "\n</body></html>\n")


def _table(rows: list[list[str]]) -> str:
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table>{body}</table>"


def render(txt: Path, out: Path, engine: str, timeout: float = 120) -> None:
    """Print ``txt`` (as :func:`page_html`) to ``out`` with ``engine``."""
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / f"{out.stem}.html"
        page.write_text(page_html(txt.read_text(encoding="utf-8")), encoding="utf-8")
        if engine == "browser":
            cmd = [shutil.which("chromium") or "chromium", "--headless", "--no-sandbox", "--disable-gpu",
                   "--no-pdf-header-footer", f"--print-to-pdf={out}", page.as_uri()]
            subprocess.run(cmd, check=True, timeout=timeout, capture_output=True)
        elif engine == "office":
            profile = Path(tmp) / "profile"
            # imported as a Writer document: Writer/Web's own export put the first paragraph on a page of its own
            cmd = ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--infilter=HTML (StarWriter)",
                   "--convert-to", "pdf:writer_pdf_Export", "--outdir", tmp, str(page)]
            subprocess.run(cmd, check=True, timeout=timeout, capture_output=True)
            shutil.move(str(Path(tmp) / f"{out.stem}.pdf"), out)
        else:
            raise ValueError(engine)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("txt", type=Path)
    ap.add_argument("pdf", type=Path)
    ap.add_argument("--engine", choices=ENGINES, default="browser")
    args = ap.parse_args()
    render(args.txt, args.pdf.resolve(), args.engine)


if __name__ == "__main__":
    main()
