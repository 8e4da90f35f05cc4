"""Scanned PDFs, run by hand: OCR scores and seconds per page beside the text-layer parse.

    python benchmarks/bench_ocr.py [--dpi 150 200] [--limit N] [--workdir /tmp/policyparse-ocr]
                                   [--variants upright reskew turn90 turn180 turn270 rotate90 two-up]

Takes the dev corpus PDFs of tests/golden_pdf/ (NAME.pdf with NAME.gold.json; never the locked
split), makes each an image-only scan with tests/scans.py at each --dpi (slight rotation,
±0.6°, JPEG q70, a red seal over the signature on the last page), and scores in the same run:

  text   ``policyparse eval`` on the text-layer PDFs (the baseline)
  scanN  ``policyparse eval`` on the scans at N dpi (OCR on: the ocr extra)

It prints outline F1, units F1, role and field accuracy of each set, the gaps to the text
layer (targets: outline/units within 0.05, fields within 0.08) and the seconds per page of
the parse of each set.  --limit takes the first N documents (sorted by name).

--variants (at the first --dpi) scans what scanners also do (``tests/scans.py``; read upright
by ``ingest/pdf/ocr_views.py``): ``turn90/180/270`` each page's picture turned clockwise,
``rotate90`` an upright picture shown with /Rotate 90, ``two-up`` pages in pairs on landscape
sheets; ``upright`` is the plain scan they are compared with, ``reskew`` the plain scan skewed
the other way (−0.6° on odd pages, +0.6° on even: another picture of the same upright pages,
so its gap to ``upright`` is what OCR noise alone moves).  Beside the scores: the gaps to
``upright`` and the seconds per page of the turn and two-up checks (``ocr_views.page_views``
on each rendered page, timed alone).
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
VARIANTS = {"upright": {}, "reskew": {"angle": -0.6}, "turn90": {"turn": 90}, "turn180": {"turn": 180},
            "turn270": {"turn": 270}, "rotate90": {"rotate": 90}, "two-up": {"pairs": True}}


def pages_of(folder: Path) -> int:
    return sum(pages_of_pdf(pdf) for pdf in folder.glob("*.pdf"))


def pages_of_pdf(pdf: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    count = len(doc)
    doc.close()
    return count


def score(folder: Path) -> tuple[dict[str, float], float]:
    from policyparse.eval.score import evaluate_dir

    start = time.perf_counter()
    report = evaluate_dir(folder, ".pdf")
    elapsed = time.perf_counter() - start
    totals = report.metrics()  # micro-averaged, as policyparse eval's TOTAL row
    return {m: totals[m] or 0.0 for m in METRICS}, elapsed


def detection_seconds(folder: Path) -> tuple[float, int]:
    """Seconds per page of ``ocr_views.page_views`` (turn and two-up checks) on every page of
    the folder's PDFs as the reader renders them, and the pages."""
    import pypdfium2 as pdfium

    from policyparse.ingest.pdf import ocr, ocr_views
    from policyparse.ingest.pdf.reader import PDFIUM_LOCK

    spent, pages = 0.0, 0
    for pdf in sorted(folder.glob("*.pdf")):
        with PDFIUM_LOCK:
            doc = pdfium.PdfDocument(pdf)
            shown = [(doc[i].render(scale=ocr.DPI / 72, rev_byteorder=True).to_numpy(), doc[i].get_rotation())
                     for i in range(len(doc))]
            doc.close()
        for k, (image, rotate) in enumerate(shown):
            start = time.perf_counter()
            ocr_views.page_views(image, ocr.DPI, k, rotate)
            spent += time.perf_counter() - start
            pages += 1
    return spent / max(pages, 1), pages


def run_variants(names: list[str], variants: list[str], dpi: int, workdir: Path) -> None:
    """Each variant's scores beside the plain scan's, and the seconds of its checks."""
    from tests.scans import scan_pdf

    results = {}
    for variant in variants:
        folder = workdir / variant
        folder.mkdir()
        for name in names:
            (folder / f"{name}.pdf").write_bytes(scan_pdf((GOLDEN / f"{name}.pdf").read_bytes(), dpi=dpi,
                                                          **VARIANTS[variant]))
            shutil.copy(GOLDEN / f"{name}.gold.json", folder)
        metrics, elapsed = score(folder)
        detect, sheets = detection_seconds(folder)
        results[variant] = (metrics, elapsed, detect, sheets)
        print(f"{variant:9} done ({elapsed:.0f} s)", flush=True)
    base = results.get("upright", next(iter(results.values())))[0]
    pages = sum(pages_of_pdf(GOLDEN / f"{name}.pdf") for name in names)
    print(f"{len(names)} documents, {pages} pages, at {dpi} dpi (s/page: the parse; detect: the checks alone)")
    print(f"{'variant':9} {'outline':>8} {'units':>8} {'roles':>8} {'fields':>8} {'s/page':>8} {'detect':>8} {'sheets':>6}"
          "  gaps to upright (outline units roles fields)")
    for variant, (metrics, elapsed, detect, sheets) in results.items():
        gaps = " ".join(f"{metrics[m] - base[m]:+.3f}" for m in METRICS)
        print(f"{variant:9} " + " ".join(f"{metrics[m]:8.3f}" for m in METRICS)
              + f" {elapsed / pages:8.2f} {detect:8.3f} {sheets:6d}  {gaps}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dpi", type=int, nargs="+", default=[150, 200])
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/policyparse-ocr"))
    parser.add_argument("--variants", nargs="*", choices=sorted(VARIANTS), default=None,
                        help="score these scan variants at the first --dpi instead of text and plain scans")
    args = parser.parse_args()
    from tests.scans import scan_pdf

    names = sorted(p.stem for p in GOLDEN.glob("*.pdf") if p.with_name(p.stem + ".gold.json").exists())
    names = names[: args.limit] if args.limit else names
    if args.variants is not None:
        shutil.rmtree(args.workdir, ignore_errors=True)
        args.workdir.mkdir(parents=True)
        os.environ["POLICYPARSE_OCR"] = "1"
        run_variants(names, args.variants or list(VARIANTS), args.dpi[0], args.workdir)
        return
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
