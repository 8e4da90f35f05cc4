"""Cost of ``policyparse diff`` against parsing (run by hand: ``python benchmarks/bench_diff.py``).

Builds two versions of a 200-task plan (10 sections × 20 tasks whose texts are the leaf tasks of
the tests/golden and tests/golden_new corpus, with unit lists; the second version rewords every
7th task, drops every 11th, adds 8 and swaps a lead unit in every 13th), then in one run: the
best of 3 of parsing both texts, and of diffing the two parsed documents (the first diff of the
process, which loads jieba for the word-level diff, is timed on its own).  Prints diff / parse.
"""
from __future__ import annotations

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


def main() -> None:
    old_text, new_text = versions()
    old, new = policyparse.parse(old_text), policyparse.parse(new_text)
    counts = [sum(1 for n, a in walk(d.sections) if is_task(n, a)) for d in (old, new)]
    start = time.perf_counter()
    plan = policyparse.diff(old, new)
    first = time.perf_counter() - start
    parse_time = best(lambda: (policyparse.parse(old_text), policyparse.parse(new_text)))
    diff_time = best(lambda: policyparse.diff(old, new))
    print(f"tasks: {counts[0]} old, {counts[1]} new; changes: "
          + ", ".join(f"{n} {k}" for k, n in plan.counts.items() if n))
    print(f"parse both: {parse_time * 1000:.0f} ms   diff: {diff_time * 1000:.0f} ms   "
          f"(first diff of the process, jieba loading: {first * 1000:.0f} ms)")
    print(f"diff / parse = {diff_time / parse_time:.2f}   first diff / parse = {first / parse_time:.2f}")


if __name__ == "__main__":
    main()
