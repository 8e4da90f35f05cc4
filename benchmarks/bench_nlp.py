"""Cost of the running-text stage (run by hand: ``python benchmarks/bench_nlp.py``).

1. Parse every tests/golden/*.txt without and with ``Options(nlp=True)`` (models loaded first,
   so this is the steady-state cost): chars/s both ways and the ratio.
2. Cold start of ``policyparse parse samples/wujiang_silk_2021.txt`` (no nlp) as a subprocess:
   best wall time of 5 runs; the budget is 0.8 s.
"""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import policyparse

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT / "tests" / "golden").glob("*.txt"))
BUDGET = 0.8


def chars_per_second(nlp: bool, rounds: int = 3) -> float:
    texts = [p.read_bytes() for p in CORPUS]  # bytes: a one-line text is never taken for a path
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for text in texts:
            policyparse.parse(text, policyparse.Options(nlp=nlp))
        best = min(best, time.perf_counter() - start)
    return sum(len(t.decode("utf-8", "replace")) for t in texts) / best


def cold_start(runs: int = 5) -> float:
    cmd = [sys.executable, "-m", "policyparse", "parse", "samples/wujiang_silk_2021.txt"]
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    start = time.perf_counter()
    policyparse.parse(CORPUS[0].read_bytes(), policyparse.Options(nlp=True))
    load = time.perf_counter() - start
    plain, nlp = chars_per_second(False), chars_per_second(True)
    cold = cold_start()
    print(f"corpus: {len(CORPUS)} files")
    print(f"nlp model load (first document): {load:.2f} s")
    print(f"parse without nlp: {plain:,.0f} chars/s")
    print(f"parse with nlp:    {nlp:,.0f} chars/s  (x{plain / nlp:.1f} slower)")
    print(f"cold start `policyparse parse` (no nlp): {cold:.2f} s (budget {BUDGET} s) {'ok' if cold <= BUDGET else 'OVER'}")


if __name__ == "__main__":
    main()
