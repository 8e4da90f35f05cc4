"""Judge ``policyparse diff`` on made pairs (issue 14): precision and recall per change type.

    python tools/diff_eval.py [--per-document N] [--seed S] [-v]

Makes revised versions of every corpus document with tasks (``tools/diffgen/make_pairs.py``:
the true change list of each is known), runs ``policyparse.diff`` on every pair and scores the
change list item by item: (type, old task, new task(s)), tasks keyed by (scope, path).  Prints a
table of P / R / F1 per type and checks that pairs whose only change is renumbering report no
added, removed, reworded or moved task.  ``-v`` lists the misses.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from diffgen.make_pairs import corpus_documents, make_pairs  # noqa: E402

import policyparse  # noqa: E402
from policyparse.schema import CHANGE_KINDS, PlanDiff, PolicyDocument  # noqa: E402

TYPES = ("added", "removed", "matched", *CHANGE_KINDS, "split", "merged")


def ref_key(ref) -> tuple[str, str]:
    return (ref.scope, ref.path)


def reported(plan: PlanDiff) -> set[tuple]:
    """The change list as scoreable items."""
    items: set[tuple] = set()
    items |= {("added", None, ref_key(r)) for r in plan.added}
    items |= {("removed", ref_key(r), None) for r in plan.removed}
    for m in plan.matched:
        a, b = ref_key(m.old), ref_key(m.new)
        items.add(("matched", a, b))
        items |= {(kind, a, b) for kind in m.changes}
    items |= {("split", ref_key(s.old), tuple(sorted(ref_key(r) for r in s.new))) for s in plan.split}
    items |= {("merged", tuple(sorted(ref_key(r) for r in m.old)), ref_key(m.new)) for m in plan.merged}
    return items


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-document", type=int, default=6)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--real", action="store_true", help="score the real pairs of tests/diff_pairs/ instead")
    args = ap.parse_args(argv)
    if args.real:
        return real_pairs(args.verbose)
    docs = corpus_documents()
    pairs = make_pairs(docs, args.per_document, args.seed)
    tp, fp, fn = Counter(), Counter(), Counter()
    misses: list[str] = []
    renumbering_only = bad_renumbering = 0
    for pair in pairs:
        plan = policyparse.diff(PolicyDocument.model_validate(pair.old), PolicyDocument.model_validate(pair.new))
        got = reported(plan)
        for item in got & pair.truth:
            tp[item[0]] += 1
        for item in got - pair.truth:
            fp[item[0]] += 1
            misses.append(f"{pair.name} {'+'.join(pair.edits)}: false {item}")
        for item in pair.truth - got:
            fn[item[0]] += 1
            misses.append(f"{pair.name} {'+'.join(pair.edits)}: missed {item}")
        if pair.edits == ["renumbered"]:
            renumbering_only += 1
            bad_renumbering += bool(plan.added or plan.removed or any(
                {"reworded", "moved"} & set(m.changes) for m in plan.matched))
    print(f"{len(pairs)} made pairs from {len(docs)} corpus documents (seed {args.seed})")
    print(f"{'type':<18}{'true':>6}{'found':>7}{'P':>7}{'R':>7}{'F1':>7}")
    worst = 1.0
    for kind in TYPES:
        t, f, n = tp[kind], fp[kind], fn[kind]
        p = t / (t + f) if t + f else 1.0
        r = t / (t + n) if t + n else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        worst = min(worst, p, r)
        print(f"{kind:<18}{t + n:>6}{t + f:>7}{p:>7.3f}{r:>7.3f}{f1:>7.3f}")
    print(f"renumbering alone: {renumbering_only} pairs, {bad_renumbering} reported an added, removed, "
          f"reworded or moved task")
    print(f"lowest P or R: {worst:.3f}")
    if args.verbose:
        print("\n".join(misses) or "no misses")
    return 0


def real_pairs(verbose: bool) -> int:
    """The hand-written change lists of tests/diff_pairs/*.gold.json (keys: paths, scope document)."""
    import json

    root = Path(__file__).resolve().parents[1]
    tp, fp, fn = Counter(), Counter(), Counter()
    misses = []
    golds = sorted((root / "tests" / "diff_pairs").glob("*.gold.json"))
    for path in golds:
        gold = json.loads(path.read_text(encoding="utf-8"))
        plan = policyparse.diff(root / gold["old"], root / gold["new"])

        def keys(side):
            return tuple(sorted(side)) if isinstance(side, list) else side

        truth = {(t, keys(a), keys(b)) for t, a, b in gold["changes"]}
        got = set()
        for kind, a, b in reported(plan):
            a2 = tuple(sorted(k[1] for k in a)) if isinstance(a, tuple) and a and isinstance(a[0], tuple) else (a[1] if a else None)
            b2 = tuple(sorted(k[1] for k in b)) if isinstance(b, tuple) and b and isinstance(b[0], tuple) else (b[1] if b else None)
            if a2 in gold["ignore_old"] or b2 in gold["ignore_new"]:
                continue
            got.add((kind, a2, b2))
        for item in got & truth:
            tp[item[0]] += 1
        for item in got - truth:
            fp[item[0]] += 1
            misses.append(f"{path.name}: false {item}")
        for item in truth - got:
            fn[item[0]] += 1
            misses.append(f"{path.name}: missed {item}")
    print(f"{len(golds)} real pairs (tests/diff_pairs)")
    print(f"{'type':<18}{'true':>6}{'found':>7}{'P':>7}{'R':>7}")
    for kind in TYPES:
        t, f, n = tp[kind], fp[kind], fn[kind]
        if t + f + n:
            print(f"{kind:<18}{t + n:>6}{t + f:>7}{(t / (t + f) if t + f else 1):>7.3f}{(t / (t + n) if t + n else 1):>7.3f}")
    if verbose:
        print("\n".join(misses) or "no misses")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
