"""Score unit finding in running text against the hand-labelled sentences.

Gold: ``tests/golden/running_text_units.jsonl`` — one sentence per line from the corpus (task
bodies, 保障措施, notice bodies, label lines, page furniture as negatives) plus a few marked
``"source": "constructed"`` for 会同/由…牵头 patterns the corpus lacks, each with its unit mentions
(surface as written + character offsets) and a fixed split (every 4th sentence is ``test``).

Labelling guide: a unit is a named body — government, department, party organ, court,
vertical agency, town/street, development zone or its 管委会, temporary body (领导小组/专班/指挥部)
named specifically, mass organisation — with its level/place prefix and alias bracket; collective
scopes (各有关单位, 市政府各部门, 区级相关部门) count; list items are units as written (各县、特区、
区人民政府 -> 各县 / 特区 / 区人民政府).  Not units: persons, places without a body word (济宁,
湘西州), facilities and projects (幼儿园, 研究院 to be built), websites, documents (政府工作报告),
generic nouns (有关部门, 责任单位, 行业协会, 工作专班 without a name).

Score: precision / recall / F1 on exact (start, end) spans, micro over sentences.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from policyparse.eval.counts import Counts

Finder = Callable[[str], list[tuple[int, int]]]


@dataclass(frozen=True)
class Sentence:
    id: str
    source: str
    split: str
    text: str
    units: tuple[tuple[int, int], ...]


def load_gold(path: Path) -> list[Sentence]:
    """The labelled sentences, checked loudly: every span must slice its surface."""
    out = []
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        row = json.loads(line)
        for u in row["units"]:
            if row["text"][u["start"]:u["end"]] != u["text"]:
                raise ValueError(f"{path.name}:{no}: span {u['start']}:{u['end']} is not {u['text']!r}")
        spans = tuple((u["start"], u["end"]) for u in row["units"])
        out.append(Sentence(row["id"], row["source"], row["split"], row["text"], spans))
    return out


def score(finder: Finder, sentences: Iterable[Sentence]) -> Counts:
    tp = fp = fn = 0
    for s in sentences:
        pred, gold = set(map(tuple, finder(s.text))), set(s.units)
        tp, fp, fn = tp + len(pred & gold), fp + len(pred - gold), fn + len(gold - pred)
    return Counts(tp, fp, fn)


def split(sentences: list[Sentence], name: str) -> list[Sentence]:
    return [s for s in sentences if s.split == name]


def misses(finder: Finder, sentences: Iterable[Sentence]) -> list[str]:
    """One line per sentence where the finder and the gold disagree."""
    lines = []
    for s in sentences:
        pred, gold = set(map(tuple, finder(s.text))), set(s.units)
        if pred != gold:
            fps = [s.text[a:b] for a, b in sorted(pred - gold)]
            fns = [s.text[a:b] for a, b in sorted(gold - pred)]
            lines.append(f"{s.id} extra={fps} missed={fns}")
    return lines
