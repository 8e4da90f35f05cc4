#!/usr/bin/env python3
"""What OCR broke: a scan's result diffed against the text-layer result of the same PDF.

    python tools/ocr_diff.py [NAME ...] [--dpi 150] [--cache /tmp/policyparse-ocr-cache] [--text] [--limit N]

For each dev PDF of tests/golden_pdf/ (all with a gold file, or the NAMEs given), makes the
image-only scan of tests/scans.py at --dpi, parses the text-layer PDF and the scan, and lists
the differences of the scan from the text layer (the text layer is the reference here, not the
gold: this shows what OCR broke, not what the parser gets wrong anyway), then both scores
against the gold.  --text also prints a diff of the paragraphs (Source.text).

The scans and the engine's raw results (keyed by the rendered page's bytes) are cached in
--cache, so that a change after the recogniser (layout, text repairs) is re-measured in seconds;
remove the folder after changing the rendering or the engine's options.  A development tool.
"""
from __future__ import annotations

import argparse
import difflib
import hashlib
import os
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
GOLDEN = ROOT / "tests" / "golden_pdf"


class CachedEngine:
    """A stand-in for the RapidOCR engine that keeps the results of its calls on disk; its
    parts (``text_det``, ``text_cls``, ``text_rec``, used by ocr_views) are the real ones."""

    def __init__(self, cache: Path, real):
        self.cache, self.real = cache, real

    def __getattr__(self, name):
        return getattr(self.real(), name)

    def __call__(self, image, *args, **kwargs):
        key = hashlib.sha1(image.tobytes() + repr((image.shape, args, sorted(kwargs.items()))).encode()).hexdigest()
        path = self.cache / "engine" / f"{key}.pickle"
        if path.exists():
            return pickle.loads(path.read_bytes())
        result = self.real()(image, *args, **kwargs)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(result))
        return result


def scan_of(name: str, dpi: int, cache: Path) -> bytes:
    from tests.scans import scan_pdf

    path = cache / f"scan{dpi}" / f"{name}.pdf"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(scan_pdf((GOLDEN / f"{name}.pdf").read_bytes(), dpi=dpi))
    return path.read_bytes()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("names", nargs="*")
    parser.add_argument("--dpi", type=int, default=150)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/policyparse-ocr-cache"))
    parser.add_argument("--text", action="store_true", help="print the paragraph diff too")
    parser.add_argument("--quiet", action="store_true", help="scores only")
    args = parser.parse_args()
    os.environ["POLICYPARSE_OCR"] = "1"
    import policyparse
    from policyparse.eval.gold import load_gold
    from policyparse.eval.score import score_document
    from policyparse.export.json import to_gold
    from policyparse.ingest.pdf import ocr

    real = ocr.engine
    cached = CachedEngine(args.cache, real)
    ocr.engine = lambda: cached
    names = args.names or sorted(p.stem for p in GOLDEN.glob("*.pdf") if p.with_name(p.stem + ".gold.json").exists())
    names = names[: args.limit] if args.limit else names
    totals: dict[str, list] = {"text": [], "scan": []}
    for name in names:
        gold = load_gold(GOLDEN / f"{name}.gold.json")
        text_doc, text_src = policyparse.api.parse_with_source(GOLDEN / f"{name}.pdf")
        scan_doc, scan_src = policyparse.api.parse_with_source(scan_of(name, args.dpi, args.cache),
                                                               policyparse.Options(source_name=f"{name}.pdf"))
        text_pred, scan_pred = to_gold(text_doc), to_gold(scan_doc)
        against_text = score_document(name, text_pred, scan_pred)
        by_gold = {label: score_document(name, gold, pred) for label, pred in (("text", text_pred), ("scan", scan_pred))}
        for label, s in by_gold.items():
            totals[label].append(s)
        m_t, m_s = by_gold["text"].metrics(), by_gold["scan"].metrics()
        print(f"== {name}: text {fmt(m_t)} | scan {fmt(m_s)}")
        if args.quiet:
            continue
        for miss in against_text.misses:
            print(f"   {miss}")
        if args.text:
            for line in difflib.unified_diff(text_src.text.splitlines(), scan_src.text.splitlines(),
                                             "text", "scan", n=0, lineterm=""):
                print(f"   | {line}")
    from policyparse.eval.score import Report

    for label, docs in totals.items():
        print(f"TOTAL {label}: {fmt(Report(tuple(docs)).metrics())}")


def fmt(metrics: dict) -> str:
    return " ".join(f"{k.split('_')[0]} {'—' if v is None else f'{v:.3f}'}" for k, v in metrics.items()
                    if k != "deadline_acc")


if __name__ == "__main__":
    main()
