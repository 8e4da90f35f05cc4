"""PDF speed and memory, run by hand: our reader (and whole parse) against pdfplumber.

    python benchmarks/bench_pdf.py [--shared ../shared] [--workdir /tmp/policyparse-bench] [--repeat 3]

Builds (once, cached in --workdir) a long GB/T 9704 PDF from the golden texts of
tests/golden_pdf/ with shared/tools/render_gbt9704.py, cuts 50- and 80-page PDFs from it,
then times in fresh subprocesses, in the same run:

  plumber  pdfplumber ``page.extract_text()`` over every page (the baseline)
  read     ``policyparse.ingest.read_path`` (pypdfium2 text path + pdfplumber on ruled pages)
  parse    ``policyparse.parse`` (ingest + structure + units + assemble)

and prints each time (best of --repeat), its ratio to plumber, and peak RSS (ru_maxrss of
the subprocess, interpreter and imports included).  Targets: read/parse <= 0.3x plumber,
peak RSS <= 250 MB at 80 pages, time linear in pages.
"""
from __future__ import annotations

import argparse
import math
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden_pdf"
SIZES = (50, 80)
KINDS = ("plumber", "read", "parse")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--workdir", default="/tmp/policyparse-bench")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--measure", nargs=2, metavar=("KIND", "PDF"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        return measure(*args.measure)
    work = Path(args.workdir)
    pdfs = build_pdfs(work, Path(args.shared))
    print(f"{'pages':>5} {'kind':>8} {'seconds':>8} {'ratio':>6} {'peak RSS MB':>11}")
    for pages, pdf in pdfs.items():
        base = None
        for kind in KINDS:
            seconds, rss = best_of(kind, pdf, args.repeat)
            base = base or seconds
            ratio = "n/a" if math.isnan(seconds) else f"{seconds / base:.3f}"
            print(f"{pages:>5} {kind:>8} {seconds:>8.3f} {ratio:>6} {rss / 1024:>11.1f}")
    return 0


def build_pdfs(work: Path, shared: Path) -> dict[int, Path]:
    """The 50- and 80-page PDFs, cut from one long rendering (cached)."""
    work.mkdir(parents=True, exist_ok=True)
    wanted = {n: work / f"gbt_{n}p.pdf" for n in SIZES}
    if all(p.exists() for p in wanted.values()):
        return wanted
    long_txt, long_pdf = work / "long.txt", work / "long.pdf"
    texts = [p.read_text(encoding="utf-8") for p in sorted(GOLDEN.glob("*.txt")) if "_" not in p.stem]
    texts.append((GOLDEN / "wujiang_silk_2021.txt").read_text(encoding="utf-8"))
    long_txt.write_text("\f".join(texts * 8), encoding="utf-8")
    subprocess.run([sys.executable, str(shared / "tools" / "render_gbt9704.py"), str(long_txt), str(long_pdf)],
                   check=True)
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(long_pdf))
    if len(src) < max(SIZES):
        sys.exit(f"bench_pdf: long rendering has only {len(src)} pages")
    for n, path in wanted.items():
        out = pdfium.PdfDocument.new()
        out.import_pages(src, list(range(n)))
        out.save(str(path))
        out.close()
    src.close()
    return wanted


def best_of(kind: str, pdf: Path, repeat: int) -> tuple[float, float]:
    """(best seconds, peak RSS KB) of ``repeat`` fresh subprocesses."""
    runs = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, __file__, "--measure", kind, str(pdf)],
                             capture_output=True, text=True, check=False)
        if out.returncode != 0:
            return float("nan"), float("nan")
        seconds, rss = out.stdout.split()
        runs.append((float(seconds), float(rss)))
    return min(r[0] for r in runs), max(r[1] for r in runs)


def measure(kind: str, pdf: str) -> int:
    """In a fresh process: import first, then time only the work."""
    if kind == "plumber":
        import pdfplumber

        def work() -> None:
            with pdfplumber.open(pdf) as doc:
                for page in doc.pages:
                    page.extract_text()
                    page.close()
    elif kind == "read":
        from policyparse.ingest import read_path

        def work() -> None:
            read_path(pdf)
    else:
        import policyparse

        def work() -> None:
            policyparse.parse(Path(pdf))
    start = time.perf_counter()
    work()
    seconds = time.perf_counter() - start
    print(seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
