"""Time and memory against input size, and the bounds of ``ingest.limits``, in one run.

    python benchmarks/bench_scaling.py [--repeat 3]

Each case runs in a fresh interpreter (models loaded by a warm-up parse outside the clock) and
reports the parse time and the child's peak resident memory.  Prints:
  * time per MB of a 10 MB text against a 1 MB text (the dev corpus texts repeated): target <= 1.2;
  * the peak memory of the 10 MB text: target < 1 GB;
  * a line of 1,000,000 spaces against a line of 1,000,000 ordinary characters: target <= 2;
  * 100,000 numbered items against 10,000 (time per item): target <= 1.2;
  * a DOCX whose document.xml expands to 300 MB: refused (TooLarge), time and peak memory.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHILD = r"""
import json, sys, time
import policyparse
policyparse.parse("关于做好测试工作的通知\n一、工作任务\n（一）做好测试。[区发改委、财政局]\n")
path = sys.argv[1]
start = time.perf_counter()
try:
    policyparse.parse(path)
    error = None
except policyparse.PolicyParseError as exc:
    error = type(exc).__name__
elapsed = time.perf_counter() - start
# VmHWM: this process image's peak (ru_maxrss would carry the parent's peak across exec)
peak = int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) / 1024
print(json.dumps({"seconds": elapsed, "peak_mb": peak, "error": error}))
"""


def measure(path: Path, repeat: int) -> dict:
    runs = [json.loads(subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True,
                                      check=True).stdout) for _ in range(repeat)]
    return min(runs, key=lambda r: r["seconds"])


def corpus_text(mb: float) -> str:
    texts = [p.read_text(encoding="utf-8") for d in ("tests/golden", "tests/golden_new") for p in sorted((ROOT / d).glob("*.txt"))]
    blob, out, size = "\n".join(texts), [], 0
    while size < mb * 2**20:
        out.append(blob)
        size += len(blob.encode())
    return "\n".join(out).encode()[: int(mb * 2**20)].decode(errors="ignore")


def items(n: int) -> str:
    return "一、任务\n" + "".join(f"（{k % 999 + 1}）第{k}项任务：推进工作。（牵头单位：市发改委）\n" for k in range(n))


def docx_bomb(path: Path, mb: int) -> None:
    source = next((ROOT / "tests" / "golden_docx").glob("*.docx"))
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b"<w:p/>" * (mb * 2**20 // 6), 1)
            zout.writestr(item, data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        cases = {"1mb.txt": corpus_text(1), "10mb.txt": corpus_text(10),
                 "spaces.txt": "一、总体要求\n" + " " * 1_000_000 + "测试\n",
                 "chars.txt": "一、总体要求\n" + "测" * 1_000_000 + "\n",
                 "items10k.txt": items(10_000), "items100k.txt": items(100_000)}
        for name, text in cases.items():
            (tmp / name).write_text(text, encoding="utf-8")
        docx_bomb(tmp / "bomb.docx", 300)
        r = {name: measure(tmp / name, args.repeat) for name in [*cases, "bomb.docx"]}
    per_mb = (r["10mb.txt"]["seconds"] / 10) / r["1mb.txt"]["seconds"]
    print(f"text 1 MB: {r['1mb.txt']['seconds']:.2f} s, {r['1mb.txt']['peak_mb']:.0f} MB peak")
    print(f"text 10 MB: {r['10mb.txt']['seconds']:.2f} s, {r['10mb.txt']['peak_mb']:.0f} MB peak")
    print(f"  time per MB, 10 MB / 1 MB: {per_mb:.2f} (target <= 1.2); peak at 10 MB < 1024 MB: "
          f"{r['10mb.txt']['peak_mb'] < 1024}")
    ratio = r["spaces.txt"]["seconds"] / r["chars.txt"]["seconds"]
    print(f"1,000,000 spaces {r['spaces.txt']['seconds']:.2f} s / 1,000,000 characters {r['chars.txt']['seconds']:.2f} s"
          f" = {ratio:.2f} (target <= 2)")
    per_item = (r["items100k.txt"]["seconds"] / 10) / r["items10k.txt"]["seconds"]
    print(f"items 10k {r['items10k.txt']['seconds']:.2f} s, 100k {r['items100k.txt']['seconds']:.2f} s: "
          f"time per item {per_item:.2f} (target <= 1.2)")
    bomb = r["bomb.docx"]
    print(f"DOCX expanding to 300 MB: {bomb['error']} in {bomb['seconds']:.2f} s, {bomb['peak_mb']:.0f} MB peak")


if __name__ == "__main__":
    main()
