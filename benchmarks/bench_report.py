"""Report build time of a 100-page PDF against its parse time, in one run (issue 12: < 2x).

    python benchmarks/bench_report.py [--workdir /tmp/policyparse-bench-report]

Builds a 100-page PDF from the sample notice's pages (repeated; pypdfium2, cached in
--workdir), warms up (models loaded, one parse), then in this process times ``policyparse.parse``
of it and ``policyparse report`` of it (parse, page images rendered meanwhile, HTML written),
and prints both and their ratio.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "wujiang_silk_2021.pdf"
PAGES = 100


def build_pdf(path: Path) -> Path:
    import pypdfium2 as pdfium

    if path.exists():
        return path
    source, out = pdfium.PdfDocument(str(SAMPLE)), pdfium.PdfDocument.new()
    while len(out) < PAGES:
        out.import_pages(source, pages=list(range(min(len(source), PAGES - len(out)))))
    path.parent.mkdir(parents=True, exist_ok=True)
    out.save(str(path))
    return path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "policyparse-bench-report"))
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    import policyparse
    from policyparse.report.build import report_file

    pdf = build_pdf(Path(args.workdir) / f"notice_{PAGES}p.pdf")
    policyparse.parse(SAMPLE)  # warm up: models, imports
    report_file(SAMPLE, Path(args.workdir) / "warm" / "s.html")
    start = time.perf_counter()
    doc = policyparse.parse(pdf)
    parse = time.perf_counter() - start
    start = time.perf_counter()
    entry = report_file(pdf, Path(args.workdir) / "out" / f"{pdf.name}.html")
    report = time.perf_counter() - start
    print(f"{PAGES}-page PDF ({doc.source.pages} pages, {entry.tasks} tasks, {entry.units} units)")
    print(f"parse   {parse:.3f} s")
    print(f"report  {report:.3f} s  (parse + page images + HTML)")
    print(f"ratio   {report / parse:.2f}x  (target < 2x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
