"""Unit lists in every written form, filled with real unit names: each form x bracket x separator
is read with the right units and roles.  The names are the development corpus's own
(tests/golden_new/units_gold.tsv), drawn with a fixed seed, so the cases are real names in
combinations no document had: a rule that only fits the names it was written for fails here."""
from __future__ import annotations

import csv
import itertools
import random
from pathlib import Path

import pytest

import policyparse
from policyparse.export.json import to_gold
from policyparse.grammar.unitnames import looks_like_unit

GOLD = Path(__file__).resolve().parent / "golden_new" / "units_gold.tsv"
BRACKETS = [("（", "）"), ("(", ")"), ("[", "]"), ("【", "】"), ("〔", "〕")]
SEPARATORS = ["，", ",", "；"]
SAMPLES = 6


def _names() -> tuple[list[str], list[str]]:
    """Task units of the corpus, written plainly (no brackets, lists or blanks inside), and those of
    them the unit grammar knows by their form."""
    with GOLD.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    names = sorted({r["name"] for r in rows if r["context"].startswith("d:") and 3 <= len(r["name"]) <= 14
                    and r["kind"] not in ("collective_scope", "other", "")
                    and not any(c in r["name"] for c in "()（）、,， ")})
    return names, [n for n in names if looks_like_unit(n)]


ALL, KNOWN = _names()

# form -> (names it may use, builder(lead, others, sep) -> (text after the task, lead, responsible, supporting))
FORMS = {
    "lead_supporting": (ALL, lambda L, S, sep: (f"{L}牵头{sep}{'、'.join(S)}配合", [L], [], S)),
    "responsible": (ALL, lambda L, S, sep: (f"{'、'.join([L, *S])}负责", [], [L, *S], [])),
    "lead_by_duty": (ALL, lambda L, S, sep: (f"{L}牵头{sep}{'、'.join(S)}按职责分工负责", [L], S, [])),
    "labels": (ALL, lambda L, S, sep: (f"牵头单位:{L}{sep}配合单位:{'、'.join(S)}", [L], [], S)),
    "label_responsible": (ALL, lambda L, S, sep: (f"责任单位:{'、'.join([L, *S])}", [], [L, *S], [])),
    "bare": (KNOWN, lambda L, S, sep: ("、".join([L, *S]), [], [L, *S], [])),
}


def _cases():
    rng = random.Random(9)
    for form, (names, build) in FORMS.items():
        for (o, c), sep in itertools.product(BRACKETS, SEPARATORS):
            for _ in range(SAMPLES):
                lead, *others = rng.sample(names, 4)
                inner, *want = build(lead, others, sep)
                yield pytest.param(f"{o}{inner}{c}", *want, id=f"{form}-{o}{c}-{sep}-{lead}")


@pytest.mark.parametrize("bracket, lead, responsible, supporting", list(_cases()))
def test_a_unit_list_in_every_form(bracket, lead, responsible, supporting):
    text = f"关于印发某工作方案的通知\n一、重点任务\n1.加强某项工作建设,推动某事落实。{bracket}\n2.完善另一项机制。(市财政局负责)\n"
    got = next(a for a in to_gold(policyparse.parse(text))["assignments"] if a["path"] == "1.1")
    assert (got["lead"], got["responsible"], got["supporting"]) == (lead, responsible, supporting)
