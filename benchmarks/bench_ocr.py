"""Scanned PDFs, run by hand: OCR scores and seconds per page beside the text-layer parse.

    python benchmarks/bench_ocr.py [--dpi 150 200] [--limit N] [--workdir /tmp/policyparse-ocr]

Takes the dev corpus PDFs of tests/golden_pdf/ (NAME.pdf with NAME.gold.json; never the locked
split), makes each an image-only scan with tests/scans.py at each --dpi (slight rotation,
±0.6°, JPEG q70, a red seal over the signature on the last page), and scores in the same run:

  text   ``policyparse eval`` on the text-layer PDFs (the baseline)
  scanN  ``policyparse eval`` on the scans at N dpi (OCR on: the ocr extra)

It prints outline F1, units F1, role and field accuracy of each set, the gaps to the text
layer (targets: outline/units within 0.05, fields within 0.08) and the seconds per page of
the parse of each set.  --limit takes the first N documents (sorted by name).
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
GOLDEN = ROOT / "tests" / "golden_pdf"
METRICS = ("outline_f1", "units_f1", "role_acc", "field_acc")


def pages_of(folder: Path) -> int:
    import pypdfium2 as pdfium

    total = 0
    for pdf in folder.glob("*.pdf"):
        doc = pdfium.PdfDocument(pdf)
        total += len(doc)
        doc.close()
    return total


def score(folder: Path) -> tuple[dict[str, float], float]:
    from policyparse.eval.score import evaluate_dir

    start = time.perf_counter()
    report = evaluate_dir(folder, ".pdf")
    elapsed = time.perf_counter() - start
    totals = report.metrics()  # micro-averaged, as policyparse eval's TOTAL row
    return {m: totals[m] or 0.0 for m in METRICS}, elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dpi", type=int, nargs="+", default=[150, 200])
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/policyparse-ocr"))
    args = parser.parse_args()
    from tests.scans import scan_pdf

    names = sorted(p.stem for p in GOLDEN.glob("*.pdf") if p.with_name(p.stem + ".gold.json").exists())
    names = names[: args.limit] if args.limit else names
    text_dir = args.workdir / "text"
    shutil.rmtree(args.workdir, ignore_errors=True)
    text_dir.mkdir(parents=True)
    for name in names:
        shutil.copy(GOLDEN / f"{name}.pdf", text_dir)
        shutil.copy(GOLDEN / f"{name}.gold.json", text_dir)
    sets = {"text": text_dir}
    for dpi in args.dpi:
        folder = args.workdir / f"scan{dpi}"
        folder.mkdir()
        for name in names:
            (folder / f"{name}.pdf").write_bytes(scan_pdf((GOLDEN / f"{name}.pdf").read_bytes(), dpi=dpi))
            shutil.copy(GOLDEN / f"{name}.gold.json", folder)
        sets[f"scan{dpi}"] = folder
    os.environ["POLICYPARSE_OCR"] = "1"
    results = {label: score(folder) for label, folder in sets.items()}
    pages = pages_of(text_dir)
    base = results["text"][0]
    print(f"{len(names)} documents, {pages} pages")
    print(f"{'set':8} {'outline':>8} {'units':>8} {'roles':>8} {'fields':>8} {'s/page':>8}  gaps to text (outline units fields)")
    for label, (metrics, elapsed) in results.items():
        gaps = " ".join(f"{metrics[m] - base[m]:+.3f}" for m in ("outline_f1", "units_f1", "field_acc"))
        print(f"{label:8} " + " ".join(f"{metrics[m]:8.3f}" for m in METRICS) + f" {elapsed / pages:8.2f}  {gaps}")


if __name__ == "__main__":
    main()
