#!/usr/bin/env python3
"""Score a corpus split as PDFs in layouts of our own, beside its text (issue 9's PDF measure).

    python tools/eval_layouts.py tests/golden_new [--layouts word letter] [--workdir /tmp/policyparse-layouts]

Each ``NAME.txt`` with a ``NAME.gold.json`` is rendered by ``tools/render_layouts.py`` (our own
renderer; it shares no code with the GB/T tool of ../shared/tools; layouts ``word``, ``letter``) or,
with ``--layouts browser office``, printed by Chromium / LibreOffice (``tools/render_engines.py``) into WORKDIR/CORPUS/LAYOUT/NAME.pdf
with its gold beside it, then all sets are scored by ``policyparse.eval`` in one run and the
totals printed with the gap to the text.  A rendering is reused while its .txt is older.  Needs
reportlab and the fonts fonts-wqy-zenhei / fonts-arphic-uming (Debian); not run in CI.
Use it on the dev split; the locked split's totals only at milestones.
"""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from render_engines import ENGINES  # noqa: E402
from render_engines import render as render_engine  # noqa: E402
from render_layouts import LAYOUTS, render  # noqa: E402

from policyparse.eval.score import METRICS as ALL_METRICS  # noqa: E402
from policyparse.eval.score import evaluate_dir  # noqa: E402

METRICS = ALL_METRICS[:4]  # outline, units, roles, fields


def rendered(corpus: Path, workdir: Path, layout: str) -> Path:
    out = workdir / corpus.resolve().name / layout  # one folder per corpus and layout
    out.mkdir(parents=True, exist_ok=True)
    for gold in sorted(corpus.glob("*.gold.json")):
        name = gold.name[: -len(".gold.json")]
        txt = corpus / f"{name}.txt"
        pdf = out / f"{name}.pdf"
        if not txt.exists():
            continue
        if not pdf.exists() or pdf.stat().st_mtime < txt.stat().st_mtime:
            if layout in ENGINES:
                render_engine(txt, pdf.resolve(), layout)
            else:
                render(txt, pdf, layout)
        shutil.copyfile(gold, out / gold.name)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--layouts", nargs="+", default=sorted(LAYOUTS), choices=sorted(LAYOUTS) + list(ENGINES))
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/policyparse-layouts"))
    args = ap.parse_args()
    sets = [("text", args.corpus, ".txt")] + [(lay, rendered(args.corpus, args.workdir, lay), ".pdf")
                                             for lay in args.layouts]
    rows = [(label, evaluate_dir(path, ext).metrics()) for label, path, ext in sets]
    base = rows[0][1]
    print(f"{'set':<8}" + "".join(f"{m:>12}" for m in METRICS) + "   gap to text")
    for label, totals in rows:
        cells = "".join(f"{totals.get(m) or 0:>12.3f}" for m in METRICS)
        gap = " ".join(f"{(totals.get(m) or 0) - (base.get(m) or 0):+.3f}" for m in METRICS)
        print(f"{label:<8}{cells}   {gap if label != 'text' else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
