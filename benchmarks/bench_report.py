"""Report build time of a 100-page PDF against its parse time, in one run (issue 12: < 2x).

    python benchmarks/bench_report.py [--workdir /tmp/policyparse-bench-report] [--rounds 5]

Builds a 100-page PDF from the sample notice's pages (repeated; pypdfium2, cached in
--workdir), warms up (models loaded, one parse, one report), then in this process, round after
round, times ``policyparse.parse`` of it and ``report_file`` of it (the ``policyparse report``
command's work: parse, page images rendered meanwhile, boxes, HTML and image files written).
Prints each round's parse, report and their ratio (and the CPU time of each: the report's in
this process and in its page workers), then the median and best ratio of the run, the load
average before and after and the CPU time other processes took during the rounds (the machine
is shared: a busy second core shows as a higher ratio), and the page images' resolution and size.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "wujiang_silk_2021.pdf"
PAGES = 100
TARGET = 2.0


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


def children_cpu() -> float:
    """CPU seconds of this process's finished children (the page workers, once joined)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def own_cpu() -> float:
    """CPU seconds of this process and its finished children."""
    return time.process_time() + children_cpu()


def machine_busy() -> float | None:
    """CPU seconds the whole machine has been busy (Linux ``/proc/stat``), None elsewhere."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(f) for f in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "policyparse-bench-report"))
    ap.add_argument("--rounds", type=int, default=5, help="parse + report rounds (default 5)")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    import policyparse
    from policyparse.report.build import report_file

    pdf = build_pdf(Path(args.workdir) / f"notice_{PAGES}p.pdf")
    html = Path(args.workdir) / "out" / f"{pdf.name}.html"
    policyparse.parse(SAMPLE)  # warm up: models, imports
    report_file(SAMPLE, Path(args.workdir) / "warm" / "s.html")
    before, busy, ours = load(), machine_busy(), own_cpu()
    wall = time.perf_counter()
    ratios = []
    for k in range(args.rounds):
        start, cpu = time.perf_counter(), time.process_time()
        doc = policyparse.parse(pdf)
        parse, parse_cpu = time.perf_counter() - start, time.process_time() - cpu
        children = children_cpu()
        start, cpu = time.perf_counter(), time.process_time()
        entry = report_file(pdf, html)
        report, report_cpu = time.perf_counter() - start, time.process_time() - cpu
        workers = children_cpu() - children
        ratios.append(report / parse)
        print(f"round {k + 1}: parse {parse:.3f} s  report {report:.3f} s  ratio {report / parse:.2f}x   "
              f"(cpu: parse {parse_cpu:.3f} s; report {report_cpu:.3f} s + page workers {workers:.3f} s)")
    images = sorted(html.with_name(html.name.removesuffix(".html") + ".files").glob("*.jpg"))
    from PIL import Image

    with Image.open(images[0]) as first:
        pixels = first.size
    size = sum(p.stat().st_size for p in images)
    print(f"{PAGES}-page PDF ({doc.source.pages} pages, {entry.tasks} tasks, {entry.units} units); "
          f"{len(images)} page images {pixels[0]}x{pixels[1]} px, {size / 1e6:.1f} MB")
    wall, others = time.perf_counter() - wall, None
    if busy is not None:
        others = max(0.0, machine_busy() - busy - (own_cpu() - ours))
    print(f"load average before {before}, after {load()} ({os.cpu_count()} cores)"
          + (f"; other processes used {others:.1f} of the {wall * (os.cpu_count() or 1):.1f} CPU-seconds "
             f"of the rounds ({100 * others / (wall * (os.cpu_count() or 1)):.0f}%)" if others is not None else ""))
    median, best = statistics.median(ratios), min(ratios)
    print(f"ratio median {median:.2f}x  best {best:.2f}x  over {len(ratios)} rounds  "
          f"(report / parse, target < {TARGET:g}x): {'met' if median < TARGET else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
