"""Made pairs for judging ``policyparse diff``: revised versions of corpus documents with the
true change list of each (issue 14).

From every corpus document with tasks (``tests/golden/*.txt``, ``tests/golden_new/*.txt``,
``samples/wujiang_silk_2021.txt``; never ``tests/golden_locked``), parsed once, a revision is
made by editing the parsed document itself: its outline tree, task texts, units and deadlines.
Each revision applies one to three edits to distinct leaf tasks, one edit of each of the types:

    removed  added (a task of another corpus document)  reworded (``rewordings.tsv``)
    moved (to another section)  renumbered (two sibling tasks swap places)
    split (one task in two at a sentence break near its middle)  merged (two adjacent siblings)
    reassigned (a lead unit swapped for a unit of another document; a supporting unit added)
    role_changed  deadline_changed

Paths are renumbered as the edits require (siblings after a removed or added task shift), so
tasks after an edit are ``renumbered`` in the true list.  The true list is keyed by (scope,
path) on each side.  This module knows nothing of the differ; ``tools/diff_eval.py`` scores it.
"""
from __future__ import annotations

import difflib
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
REWORDINGS = Path(__file__).with_name("rewordings.tsv")
SOURCES = ("tests/golden/*.txt", "tests/golden_new/*.txt", "samples/wujiang_silk_2021.txt")
EDITS = ("removed", "added", "reworded", "moved", "renumbered", "split", "merged", "lead_swapped",
         "supporting_added", "role_changed", "deadline_changed")
STATEMENT_ROLES = {"指导思想", "基本原则"}
CN_DIGITS = "零一二三四五六七八九"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
SENTENCE_END = re.compile(r"[。；;]")


def load_rewordings() -> tuple[list[tuple[str, str]], list[str]]:
    pairs, clauses = [], []
    for line in REWORDINGS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        a, b = line.split("\t")
        (clauses.append(b) if a == "CLAUSE" else pairs.append((a, b)))
    return pairs, clauses


# --------------------------------------------------------------------------- the tree


def identity(unit: dict) -> str:
    return unit.get("canonical") or unit.get("resolved") or unit["name"]


def is_task(node: dict, ancestors: list[dict]) -> bool:
    """The ledgers' task rule, restated (a numbered node with units, or a document leaf outside
    the statement sections)."""
    if node["units"]:
        return True
    if node["children"] or node["scope"] != "document":
        return False
    return not any(n.get("role") in STATEMENT_ROLES for n in (*ancestors, node))


def walk(nodes: list[dict], ancestors: list[dict] | None = None):
    ancestors = ancestors or []
    for node in nodes:
        yield node, ancestors
        yield from walk(node["children"], [*ancestors, node])


def tasks(sections: list[dict]) -> list[tuple[dict, list[dict]]]:
    return [(n, a) for n, a in walk(sections) if is_task(n, a)]


def key(node: dict) -> tuple[str, str]:
    return (node["scope"], node["path"])


def renumber(siblings: list[dict], first: str | None, parent_path: str | None) -> None:
    """Own numbers 1..n from the list's first original number; paths follow the parent's."""
    start = int(first) if first and first.isdigit() else 1
    for i, node in enumerate(siblings):
        own = str(start + i)
        old_own = node["path"].rsplit(".", 1)[-1]
        node["path"] = f"{parent_path}.{own}" if parent_path else own
        if old_own.isdigit() and own != old_own:
            node["marker"] = _marker(node["marker"], int(old_own), int(own))
        for child in node["children"]:
            repath(child, node["path"])


def repath(node: dict, parent_path: str) -> None:
    own = node["path"].rsplit(".", 1)[-1]
    node["path"] = f"{parent_path}.{own}"
    for child in node["children"]:
        repath(child, node["path"])


def _marker(marker: str, old: int, new: int) -> str:
    if str(old) in marker:
        return marker.replace(str(old), str(new), 1)
    cn_old, cn_new = chinese(old), chinese(new)
    if cn_old in marker:
        return marker.replace(cn_old, cn_new, 1)
    if old <= len(CIRCLED) and CIRCLED[old - 1] in marker and new <= len(CIRCLED):
        return marker.replace(CIRCLED[old - 1], CIRCLED[new - 1])
    return marker


def chinese(n: int) -> str:
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


# --------------------------------------------------------------------------- a revision


@dataclass
class Revision:
    """One made pair: the old document's dump, the new one, and the true change list."""

    name: str
    edits: list[str]
    old: dict[str, Any]
    new: dict[str, Any]
    truth: set[tuple] = field(default_factory=set)


class Reviser:
    """Edits one document's tree; ids (``_id``) tie every task to its old self."""

    def __init__(self, doc: dict, rng: random.Random, donors: list[dict], donor_units: list[dict],
                 rewordings: tuple[list[tuple[str, str]], list[str]]) -> None:
        self.old = doc
        self.new = _copy(doc)
        for i, (node, _) in enumerate(walk(self.old["sections"])):
            node["_id"] = i
        for i, (node, _) in enumerate(walk(self.new["sections"])):
            node["_id"] = i
        self.rng, self.donors, self.donor_units, self.rewordings = rng, donors, donor_units, rewordings
        self.used: set[Any] = set()
        self.kinds: dict[Any, set[str]] = {}
        self.splits: dict[Any, list[Any]] = {}
        self.merges: dict[Any, list[Any]] = {}
        self.added: list[Any] = []
        self.removed: list[Any] = []
        self.moved: set[Any] = set()
        self.touched: dict[int, tuple[list[dict], str | None, str | None]] = {}
        self.next_id = 10_000

    # ---- helpers
    def leaves(self) -> list[tuple[dict, list[dict]]]:
        """Leaf tasks not edited yet, whose siblings list stays non-empty after a removal."""
        return [(n, a) for n, a in tasks(self.new["sections"])
                if not n["children"] and n["_id"] not in self.used and isinstance(n["_id"], int)]

    def siblings(self, ancestors: list[dict]) -> list[dict]:
        return ancestors[-1]["children"] if ancestors else self.new["sections"]

    def touch(self, ancestors: list[dict]) -> None:
        sibs = self.siblings(ancestors)
        if id(sibs) not in self.touched:
            first = sibs[0]["path"].rsplit(".", 1)[-1] if sibs else "1"
            self.touched[id(sibs)] = (sibs, first, ancestors[-1]["path"] if ancestors else None)

    def pick(self, want=lambda n, a: True) -> tuple[dict, list[dict]] | None:
        options = [(n, a) for n, a in self.leaves() if want(n, a)]
        return self.rng.choice(options) if options else None

    def new_id(self) -> int:
        self.next_id += 1
        return -self.next_id  # negative: not an old task

    # ---- edits (each returns False when the document offers no task for it)
    def removed_edit(self) -> bool:
        got = self.pick(lambda n, a: len(self.siblings(a)) >= 2)
        if not got:
            return False
        node, anc = got
        self.touch(anc)
        self.siblings(anc).remove(node)
        self.used.add(node["_id"])
        self.removed.append(node["_id"])
        return True

    def added_edit(self) -> bool:
        got = self.pick(lambda n, a: n["scope"] == "document")
        if not got or not self.donors:
            return False
        node, anc = got
        olds = [n["title"] + n["text"] for n, _ in tasks(self.old["sections"])]
        donors = [d for d in self.donors if all(difflib.SequenceMatcher(None, d["title"] + d["text"], o).ratio() < 0.4
                                                for o in olds)]
        if not donors:
            return False
        donor = _copy(self.rng.choice(donors))
        donor["_id"] = self.new_id()
        donor["children"] = []
        sibs = self.siblings(anc)
        self.touch(anc)
        sibs.insert(sibs.index(node) + self.rng.randint(0, 1), donor)
        donor["path"] = sibs[0]["path"]  # renumbered below
        self.added.append(donor["_id"])
        self.used.add(node["_id"])  # its neighbour keeps its own content
        return True

    def reworded_edit(self) -> bool:
        pairs, clauses = self.rewordings
        got = self.pick(lambda n, a: _letters(n["text"]) >= 10)
        if not got:
            return False
        node, _ = got
        protected = [u["name"] for u in node["units"]] + ([node["deadline"]["text"]] if node["deadline"] else [])
        usable = [(a, b) for a, b in pairs if a in _unprotected(node["title"] + node["text"], protected)]
        self.rng.shuffle(usable)
        chosen = usable[:2]
        for a, b in chosen:
            node["title"] = _replace(node["title"], a, b, protected)
            node["text"] = _replace(node["text"], a, b, protected)
        if not chosen:
            node["text"] = node["text"].rstrip("。") + self.rng.choice(clauses) + "。"
        self._mark(node, "reworded")
        return True

    def moved_edit(self) -> bool:
        sections = [n for n, a in walk(self.new["sections"]) if n["children"] and n["scope"] == "document"
                    and not any(x.get("role") in STATEMENT_ROLES for x in (*a, n))
                    and any(is_task(c, [*a, n]) and not c["children"] for c in n["children"])]
        got = self.pick(lambda n, a: bool(a) and len(a[-1]["children"]) >= 2 and n["scope"] == "document"
                        and not any(x.get("role") in STATEMENT_ROLES for x in a))
        if not got:
            return False
        node, anc = got
        targets = [s for s in sections if s is not anc[-1] and s not in anc and s["title"] != anc[-1]["title"]]
        if not targets:
            return False
        target = self.rng.choice(targets)
        target_anc = next(a for n, a in walk(self.new["sections"]) if n is target)
        self.touch(anc)
        self.touch([*target_anc, target])
        anc[-1]["children"].remove(node)
        target["children"].append(node)
        self.moved.add(node["_id"])
        self._mark(node, "moved")
        return True

    def renumbered_edit(self) -> bool:
        got = self.pick(lambda n, a: self._next_leaf(n, a) is not None)
        if not got:
            return False
        node, anc = got
        other = self._next_leaf(node, anc)
        sibs = self.siblings(anc)
        i, j = sibs.index(node), sibs.index(other)
        self.touch(anc)
        sibs[i], sibs[j] = other, node
        self.used.update({node["_id"], other["_id"]})
        return True

    def split_edit(self) -> bool:
        got = self.pick(lambda n, a: _split_point(n) is not None)
        if not got:
            return False
        node, anc = got
        at = _split_point(node)
        first, second = _copy(node), _copy(node)
        first["text"], second["text"] = node["text"][:at], node["text"][at:].lstrip()
        if node["text"].startswith(node["title"]) and not first["text"].startswith(node["title"]):
            first["title"] = _lead(first["text"])  # the lead sentence was cut: the piece's own
        second["title"] = _lead(second["text"])
        first["_id"], second["_id"] = self.new_id(), self.new_id()
        sibs = self.siblings(anc)
        self.touch(anc)
        i = sibs.index(node)
        sibs[i:i + 1] = [first, second]
        self.splits[node["_id"]] = [first["_id"], second["_id"]]
        self.used.add(node["_id"])
        return True

    def merged_edit(self) -> bool:
        got = self.pick(lambda n, a: self._next_leaf(n, a) is not None and _balanced(n, self._next_leaf(n, a)))
        if not got:
            return False
        node, anc = got
        other = self._next_leaf(node, anc)
        merged = _copy(node)
        tail = other["text"] if other["text"].startswith(other["title"]) else other["title"] + other["text"]
        merged["text"] = node["text"].rstrip() + tail
        have = {identity(u) for u in node["units"]}
        merged["units"] = node["units"] + [u for u in other["units"] if identity(u) not in have]
        merged["deadline"] = node["deadline"] or other["deadline"]
        merged["_id"] = self.new_id()
        sibs = self.siblings(anc)
        self.touch(anc)
        i = sibs.index(node)
        sibs[i] = merged
        sibs.remove(other)
        self.merges[merged["_id"]] = [node["_id"], other["_id"]]
        self.used.update({node["_id"], other["_id"]})
        return True

    def lead_swapped_edit(self) -> bool:
        got = self.pick(lambda n, a: bool(n["units"]) and len({identity(u) for u in n["units"]}) == len(n["units"]))
        if not got:
            return False
        node, _ = got
        leads = [i for i, u in enumerate(node["units"]) if u["role"] == "lead"] or [0]
        i = leads[0]
        old_unit = node["units"][i]
        donor = self._donor_unit(node)
        if donor is None:
            return False
        unit = {**donor, "role": old_unit["role"], "span": old_unit["span"]}
        node["units"] = [*node["units"][:i], unit, *node["units"][i + 1:]]
        node["text"] = node["text"].replace(old_unit["name"], unit["name"])
        node["title"] = node["title"].replace(old_unit["name"], unit["name"])
        self._mark(node, "reassigned")
        return True

    def supporting_added_edit(self) -> bool:
        got = self.pick(lambda n, a: bool(n["units"]))
        if not got:
            return False
        node, _ = got
        donor = self._donor_unit(node)
        if donor is None:
            return False
        unit = {**donor, "role": "supporting", "span": node["span"]}
        node["units"] = [*node["units"], unit]
        node["text"] = node["text"].rstrip() + f"（{unit['name']}配合）"
        self._mark(node, "reassigned")
        return True

    def role_changed_edit(self) -> bool:
        got = self.pick(lambda n, a: bool(n["units"]) and len({identity(u) for u in n["units"]}) == len(n["units"]))
        if not got:
            return False
        node, _ = got
        units = [dict(u) for u in node["units"]]
        lead = next((u for u in units if u["role"] == "lead"), None)
        other = next((u for u in units if u["role"] != "lead"), None)
        if lead and other:
            lead["role"], other["role"] = other["role"], "lead"
        else:
            units[0]["role"] = "responsible" if units[0]["role"] == "lead" else "lead"
        node["units"] = units
        self._mark(node, "role_changed")
        return True

    def deadline_changed_edit(self) -> bool:
        got = self.pick()
        if not got:
            return False
        node, _ = got
        old = node["deadline"]
        if old and old.get("date") and re.match(r"\d{4}", old["date"]) and re.search(old["date"][:4], old["text"]):
            year = old["date"][:4]
            later = str(int(year) + 1)
            text = old["text"].replace(year, later)
            new = {**old, "text": text, "date": later + old["date"][4:]}
            node["text"] = node["text"].replace(old["text"], text)
        elif old:
            return False
        else:
            new = {"text": "2025年12月底前", "date": "2025-12-31", "span": node["span"]}
            node["text"] = node["text"].rstrip() + "，2025年12月底前"
        node["deadline"] = new
        self._mark(node, "deadline_changed")
        return True

    def _mark(self, node: dict, kind: str) -> None:
        self.kinds.setdefault(node["_id"], set()).add(kind)
        self.used.add(node["_id"])

    def _next_leaf(self, node: dict, anc: list[dict]) -> dict | None:
        sibs = self.siblings(anc)
        i = sibs.index(node)
        if i + 1 >= len(sibs):
            return None
        other = sibs[i + 1]
        leaf_tasks = {id(n) for n, _ in self.leaves()}
        return other if id(other) in leaf_tasks else None

    def _donor_unit(self, node: dict) -> dict | None:
        have = {identity(u) for u in node["units"]}
        options = [u for u in self.donor_units if identity(u) not in have and u["name"] not in node["text"]]
        return dict(self.rng.choice(options)) if options else None

    # ---- the result
    def finish(self) -> tuple[dict, set[tuple] | None]:
        """The new document and the true change list (None: an edit made a task stop being one)."""
        for sibs, first, parent_path in self.touched.values():
            renumber(sibs, first, parent_path)
        old_tasks = {n["_id"]: (n, a) for n, a in tasks(self.old["sections"])}
        new_tasks = {n["_id"]: (n, a) for n, a in tasks(self.new["sections"])}
        truth = self._truth(old_tasks, new_tasks)
        for node, _ in walk(self.new["sections"]):
            node.pop("_id", None)
        for node, _ in walk(self.old["sections"]):
            node.pop("_id", None)
        old_keys, new_keys = [key(n) for n, _ in tasks(self.old["sections"])], [key(n) for n, _ in tasks(self.new["sections"])]
        if len(set(old_keys)) < len(old_keys) or len(set(new_keys)) < len(new_keys):
            truth = None  # two tasks at one path: the list cannot be keyed by path
        return self.new, truth

    def _truth(self, old_tasks: dict, new_tasks: dict) -> set[tuple] | None:
        wanted = [*self.added, *(p for ps in self.splits.values() for p in ps), *self.merges]
        if any(i not in new_tasks for i in wanted) or any(i not in old_tasks for i in
                                                          [*self.removed, *self.splits, *(p for ps in self.merges.values() for p in ps)]):
            return None
        kept_old = set(old_tasks) - set(self.removed) - set(self.splits) - {p for ps in self.merges.values() for p in ps}
        if any(i not in new_tasks for i in kept_old):
            return None
        truth: set[tuple] = set()
        for i in self.removed:
            truth.add(("removed", key(old_tasks[i][0]), None))
        for i in self.added:
            truth.add(("added", None, key(new_tasks[i][0])))
        for old_id, parts in self.splits.items():
            truth.add(("split", key(old_tasks[old_id][0]), tuple(sorted(key(new_tasks[p][0]) for p in parts))))
        for new_id, parts in self.merges.items():
            truth.add(("merged", tuple(sorted(key(old_tasks[p][0]) for p in parts)), key(new_tasks[new_id][0])))
        for i, (node, _anc) in new_tasks.items():
            if i not in old_tasks:
                continue
            old_node, old_anc = old_tasks[i]
            a, b = key(old_node), key(node)
            truth.add(("matched", a, b))
            for kind in self.kinds.get(i, ()):
                truth.add((kind, a, b))
            if i not in self.moved and old_node["path"] != node["path"]:
                truth.add(("renumbered", a, b))
        return truth


def _copy(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _copy(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_copy(v) for v in data]
    return data


def _unprotected(text: str, protected: list[str]) -> str:
    for name in protected:
        text = text.replace(name, "\0")
    return text


def _replace(text: str, a: str, b: str, protected: list[str]) -> str:
    """Replace a by b outside the protected names (units, deadline)."""
    pieces = re.split("(" + "|".join(re.escape(p) for p in sorted(protected, key=len, reverse=True)) + ")", text) \
        if protected else [text]
    return "".join(p if p in protected else p.replace(a, b) for p in pieces)


def _body_end(node: dict) -> int:
    """Where the unit list begins in the text (the first unit name), else its end."""
    spots = [node["text"].find(u["name"]) for u in node["units"] if u["name"] in node["text"]]
    spots += [m.start() for m in re.finditer("\n", node["text"]) if _letters(node["text"][:m.start()]) >= 10][:1]
    return min(spots) if spots else len(node["text"])  # a label line (牵头领导：) is not the body


def _split_point(node: dict) -> int | None:
    """A sentence break near the middle of the task's body (before its unit list)."""
    end = _body_end(node)
    body = node["text"][:end]
    if len(body) < 24:
        return None
    breaks = [m.end() for m in SENTENCE_END.finditer(body) if 0.3 * len(body) <= m.end() <= 0.7 * len(body)]
    if not breaks:
        breaks = [m.end() for m in re.finditer("[，,]", body) if 0.35 * len(body) <= m.end() <= 0.65 * len(body)]
    breaks = [b for b in breaks if min(_letters(body[:b]), _letters(body[b:])) >= 10]  # two real sentences
    return min(breaks, key=lambda b: abs(b - len(body) / 2)) if breaks else None


def _letters(text: str) -> int:
    return sum(1 for c in text if c.isalnum())


def _balanced(a: dict, b: dict) -> bool:
    la, lb = _letters(a["text"]), _letters(b["text"])
    return la >= 12 and lb >= 12 and min(la, lb) / (la + lb) >= 0.25


def _lead(text: str) -> str:
    m = SENTENCE_END.search(text)
    return (text[:m.start()] if m else text).strip()[:60]


# --------------------------------------------------------------------------- the corpus


def corpus_documents() -> list[dict]:
    """Every corpus document (as dumps) with at least three leaf tasks."""
    import policyparse

    docs = []
    for pattern in SOURCES:
        for path in sorted(ROOT.glob(pattern)):
            doc = policyparse.parse(path).model_dump(mode="json")
            doc["source"]["path"] = str(path.relative_to(ROOT))
            if sum(1 for n, _ in tasks(doc["sections"]) if not n["children"]) >= 3:
                docs.append(doc)
    return docs


def make_pairs(docs: list[dict], per_document: int = 6, seed: int = 14) -> list[Revision]:
    """``per_document`` revisions of each document; edit types in turn so every type is made."""
    rewordings = load_rewordings()
    rng = random.Random(seed)
    pairs: list[Revision] = []
    turn = 0
    for d, doc in enumerate(docs):
        donors = [n for o, other in enumerate(docs) if o != d for n, _ in tasks(other["sections"]) if not n["children"]]
        donor_units = [u for o, other in enumerate(docs) if o != d for n, _ in walk(other["sections"]) for u in n["units"]]
        for r in range(per_document):
            reviser = Reviser(doc, rng, donors, donor_units, rewordings)
            done = []
            count = 1 + (r % 3)
            attempts = 0
            while len(done) < count and attempts < 3 * len(EDITS):
                edit = EDITS[turn % len(EDITS)]
                turn += 1
                attempts += 1
                if getattr(reviser, f"{edit}_edit")():
                    done.append(edit)
            new, truth = reviser.finish()
            if done and truth is not None:
                pairs.append(Revision(f"{doc['source']['path']}#{r}", done, _copy(reviser.old), new, truth))
        pairs.append(_renumbering_only(doc, rng, donors, donor_units, rewordings))
    return [p for p in pairs if p is not None]


def _renumbering_only(doc, rng, donors, donor_units, rewordings) -> Revision | None:
    """A revision whose only change is the order of sibling tasks (so: renumbered alone)."""
    reviser = Reviser(doc, rng, donors, donor_units, rewordings)
    if not reviser.renumbered_edit():
        return None
    new, truth = reviser.finish()
    if truth is None:
        return None
    return Revision(f"{doc['source']['path']}#renumbering", ["renumbered"], _copy(reviser.old), new, truth)
