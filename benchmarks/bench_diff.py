"""Cost of ``policyparse diff`` against parsing (run by hand: ``python benchmarks/bench_diff.py``).

Builds two versions of a 200-task plan (10 sections × 20 tasks whose texts are the leaf tasks of
the tests/golden and tests/golden_new corpus, with unit lists; the second version rewords every
7th task, drops every 11th, adds 8 and swaps a lead unit in every 13th), writes them as text files
and as the result JSONs of ``policyparse parse``, then measures in one run:

* cold, best of 5, each command in a fresh interpreter (what a user's command costs, start-up
  and imports included; the commands take turns, round by round): ``policyparse diff`` of the
  two result JSONs and of the two text files, against ``policyparse parse`` of the two text
  files (two commands, as the JSONs were made) and against one interpreter parsing both through
  the library (no second start-up: the stricter baseline);
* warm, best of 3, in this process: ``policyparse.diff`` of the two parsed documents against
  ``policyparse.parse`` of both texts.

Prints the times and the ratios diff / parse.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import policyparse
from policyparse.schema import is_task, walk

ROOT = Path(__file__).resolve().parent.parent
CN = "一二三四五六七八九十"
UNITS = ["区发改委", "区财政局", "区工信局", "区商务局", "区人社局", "区住建局", "区交通运输局", "区农业农村局"]


def corpus_sentences() -> list[str]:
    seen: dict[str, None] = {}
    for pattern in ("tests/golden/*.txt", "tests/golden_new/*.txt"):
        for path in sorted(ROOT.glob(pattern)):
            for node, ancestors in walk(policyparse.parse(path).sections):
                title = node.title.replace("\n", "").strip()
                if is_task(node, ancestors) and not node.children and 12 <= len(title) <= 80:
                    seen.setdefault(title.rstrip("。") + "。")
    return list(seen)


def plan_text(tasks: list[tuple[str, str]]) -> str:
    lines = ["吴江区重点工作任务分工方案"]
    for s in range(10):
        lines.append(f"{CN[s]}、第{CN[s]}部分重点任务")
        for i, (text, lead) in enumerate(tasks[s * 20:(s + 1) * 20], 1):
            lines.append(f"{i}．{text}（牵头单位：{lead}；配合单位：区财政局）")
    return "\n".join(lines) + "\n"


def versions() -> tuple[str, str]:
    sentences = corpus_sentences()
    old = [(sentences[i], UNITS[i % len(UNITS)]) for i in range(200)]
    new = []
    for i, (text, lead) in enumerate(old):
        if i % 11 == 5:
            continue
        if i % 7 == 3:
            text = text.replace("加强", "强化").replace("推进", "推动").rstrip("。") + "，确保取得实效。"
        if i % 13 == 4:
            lead = "区审计局"
        new.append((text, lead))
    new[40:40] = [(s, "区统计局") for s in sentences[200:208]]
    return plan_text(old), plan_text(new[:200])


def best(fn, rounds: int = 3) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def cold(commands: dict[str, list[str]], rounds: int = 5) -> dict[str, float]:
    """Best wall time of each ``python ARGS``, a fresh interpreter each time; the commands take
    turns round by round, so a burst of load on a shared machine falls on all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, args in commands.items():
            start = time.perf_counter()
            subprocess.run([sys.executable, *args], check=True, stdout=subprocess.DEVNULL)
            times[name].append(time.perf_counter() - start)
    return {name: min(t) for name, t in times.items()}


def main() -> None:
    old_text, new_text = versions()
    old, new = policyparse.parse(old_text), policyparse.parse(new_text)
    counts = [sum(1 for n, a in walk(d.sections) if is_task(n, a)) for d in (old, new)]
    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        for side, text in (("old", old_text), ("new", new_text)):
            files[f"{side}.txt"] = path = Path(tmp, f"{side}.txt")
            path.write_text(text, encoding="utf-8")
            files[f"{side}.json"] = Path(tmp, f"{side}.json")
            subprocess.run([sys.executable, "-m", "policyparse", "parse", str(path), "-o", str(files[f"{side}.json"])],
                           check=True)
        txt = [str(files["old.txt"]), str(files["new.txt"])]
        out = str(Path(tmp, "out.json"))
        t = cold({
            "start-up": ["-m", "policyparse", "--version"],
            "parse old": ["-m", "policyparse", "parse", txt[0], "-o", out],
            "parse new": ["-m", "policyparse", "parse", txt[1], "-o", out],
            "parse one": ["-c", "import sys, policyparse; [policyparse.parse(f) for f in sys.argv[1:]]", *txt],
            "diff json": ["-m", "policyparse", "diff", str(files["old.json"]), str(files["new.json"])],
            "diff txt": ["-m", "policyparse", "diff", *txt],
        })
    start_up, parse_one, diff_json, diff_txt = t["start-up"], t["parse one"], t["diff json"], t["diff txt"]
    parse_cli = t["parse old"] + t["parse new"]
    plan = policyparse.diff(old, new)
    parse_time = best(lambda: (policyparse.parse(old_text), policyparse.parse(new_text)))
    diff_time = best(lambda: policyparse.diff(old, new))
    print(f"tasks: {counts[0]} old, {counts[1]} new; changes: "
          + ", ".join(f"{n} {k}" for k, n in plan.counts.items() if n))
    print(f"cold (fresh interpreter; start-up alone, policyparse --version: {start_up * 1000:.0f} ms)")
    print(f"  parse both, two commands: {parse_cli * 1000:.0f} ms   one interpreter: {parse_one * 1000:.0f} ms")
    print(f"  diff of the JSONs: {diff_json * 1000:.0f} ms   diff of the texts: {diff_txt * 1000:.0f} ms")
    print(f"  diff JSONs / parse (two commands) = {diff_json / parse_cli:.2f}   "
          f"diff texts / parse (two commands) = {diff_txt / parse_cli:.2f}")
    print(f"  diff JSONs / parse (one interpreter) = {diff_json / parse_one:.2f}")
    print(f"warm (this process): parse both {parse_time * 1000:.0f} ms   diff {diff_time * 1000:.0f} ms   "
          f"diff / parse = {diff_time / parse_time:.2f}")


if __name__ == "__main__":
    main()
