"""Parse speed of this checkout against an older one, measured in the same run.

    python benchmarks/bench_versions.py OLD_TREE [--repeat 5]

OLD_TREE is a checkout of the baseline (``git worktree add /tmp/v020 <commit>``).  Each tree is
installed with ``pip install --no-deps --target`` into a scratch folder; then, alternating old and
new, a fresh interpreter per round parses every .txt and .pdf of tests/golden, tests/golden_new,
tests/golden_pdf and samples/ (models loaded in a warm-up parse first, outside the clock).  Prints
the best time of each tree over --repeat rounds and the ratio new / old (target: <= 1.10).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("tests/golden", "tests/golden_new", "tests/golden_pdf", "samples")
CHILD = r"""
import json, sys, time
import policyparse
files = json.load(open(sys.argv[1]))
policyparse.parse(files[0])
start = time.perf_counter()
for path in files:
    try:
        policyparse.parse(path)
    except policyparse.PolicyParseError:
        pass
print(time.perf_counter() - start)
"""


def install(tree: Path, target: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps",
                    "--target", str(target), str(tree)], check=True, env={**os.environ, "PIP_ROOT_USER_ACTION": "ignore"})


def timed(target: Path, listing: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run([sys.executable, "-c", CHILD, str(listing)], check=True, env=env, cwd=target.parent,
                         capture_output=True, text=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("old", type=Path)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    files = sorted(str(p) for folder in FOLDERS for p in (ROOT / folder).glob("*") if p.suffix in (".txt", ".pdf"))
    with tempfile.TemporaryDirectory() as scratch:
        old, new, listing = Path(scratch) / "old", Path(scratch) / "new", Path(scratch) / "files.json"
        listing.write_text(json.dumps(files), encoding="utf-8")
        install(args.old.resolve(), old)
        install(ROOT, new)
        times: dict[str, list[float]] = {"old": [], "new": []}
        for _ in range(args.repeat):
            for name, target in (("old", old), ("new", new)):
                times[name].append(timed(target, listing))
    best = {name: min(values) for name, values in times.items()}
    print(f"{len(files)} files, best of {args.repeat} rounds each, alternating")
    print(f"old {best['old']:.2f} s   new {best['new']:.2f} s   new/old {best['new'] / best['old']:.3f}  (target <= 1.10)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
