"""Evaluate: score the parser against gold annotations (``NAME.gold.json``, corpus/README.md).

Metrics (issue 2):
  outline   P/R/F1 on the multiset of (scope, path, title with all whitespace removed)
  units     micro P/R/F1 on (scope, path, unit name), counted over the gold outline nodes only:
            a predicted unit on a gold node without that unit is a false positive; units on
            predicted nodes that are not gold nodes are ignored here (already outline misses)
  roles     accuracy over matched units (same scope, path, name): share with the same role
  fields    accuracy over notice title/doc_number/issuer/date/public_note/addressees and the
            document title (7 per document; a null notice makes every notice field null)
  deadlines accuracy over matched assignments (same scope, path) — an extra column

``evaluate_dir`` returns a ``Report``; nothing here prints.  Gold files are read and checked by
``goldfile``.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from policyparse import api
from policyparse.errors import InputNotFound
from policyparse.eval.counts import Counts
from policyparse.eval.gold import GoldError, gold_key, load_gold
from policyparse.export.json import to_gold
from policyparse.grammar.characters import squash as chars_squash
from policyparse.schema import ROLES

EXTENSIONS = (".txt", ".pdf", ".docx", ".html", ".doc", ".ofd")
METRICS = ("outline_f1", "units_f1", "role_acc", "field_acc", "deadline_acc")
EMPTY_PREDICTION: dict[str, Any] = {"notice": None, "document_title": None, "outline": [], "assignments": []}


# --------------------------------------------------------------------------- counts


@dataclass(frozen=True)
class Ratio:
    """``correct`` out of ``total``; ``value`` is None when there was nothing to judge."""

    correct: int = 0
    total: int = 0

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.correct + other.correct, self.total + other.total)

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None


@dataclass(frozen=True)
class Miss:
    """One difference between gold and prediction.

    kind: outline-missing | outline-extra | unit-missing | unit-extra | role | field | deadline | error
    """

    kind: str
    where: str
    gold: Any = None
    got: Any = None

    def __str__(self) -> str:
        if self.kind in ("outline-missing", "unit-missing"):
            return f"{self.kind:<15} {self.where}  {self.gold}"
        if self.kind in ("outline-extra", "unit-extra"):
            return f"{self.kind:<15} {self.where}  {self.got}"
        if self.kind == "error":
            return f"{self.kind:<15} {self.got}"
        return f"{self.kind:<15} {self.where}  gold {_show(self.gold)}  got {_show(self.got)}"


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


@dataclass(frozen=True)
class DocScore:
    """The scores of one document."""

    name: str
    outline: Counts = Counts()
    units: Counts = Counts()
    roles: Ratio = Ratio()
    fields: Ratio = Ratio()
    deadlines: Ratio = Ratio()
    misses: tuple[Miss, ...] = ()
    error: str | None = None

    def metrics(self) -> dict[str, float | None]:
        return _metrics(self.outline, self.units, self.roles, self.fields, self.deadlines)


def _metrics(outline: Counts, units: Counts, roles: Ratio, fields: Ratio, deadlines: Ratio) -> dict[str, float | None]:
    values = (outline.f1, units.f1, roles.value, fields.value, deadlines.value)
    return dict(zip(METRICS, values, strict=True))


@dataclass(frozen=True)
class Report:
    """Per-document scores and their micro-averaged totals."""

    documents: tuple[DocScore, ...] = field(default=())
    without_twin: int = 0  # gold files of the folder with no NAME{ext} twin, not scored

    def total(self, attr: str) -> Any:
        """Sum of one score (``outline``, ``units``, ``roles``, ``fields``, ``deadlines``)."""
        parts = [getattr(doc, attr) for doc in self.documents]
        return sum(parts[1:], parts[0]) if parts else type(getattr(DocScore(""), attr))()

    def metrics(self) -> dict[str, float | None]:
        return _metrics(*(self.total(attr) for attr in ("outline", "units", "roles", "fields", "deadlines")))

    @property
    def misses(self) -> dict[str, list[Miss]]:
        return {doc.name: list(doc.misses) for doc in self.documents if doc.misses}

    @property
    def errors(self) -> dict[str, str]:
        return {doc.name: doc.error for doc in self.documents if doc.error}

    def table(self) -> str:
        """The scores as a text table: one row per document, then the totals."""
        return format_table(self)

    def miss_lines(self) -> list[str]:
        """Every miss, grouped under its document's name."""
        lines: list[str] = []
        for name, misses in self.misses.items():
            lines.append(f"{name}:")
            lines.extend(f"  {miss}" for miss in misses)
        return lines


# --------------------------------------------------------------------------- files


def evaluate_dir(path: str | Path, ext: str = ".txt") -> Report:
    """Score the parser on every ``NAME.gold.json`` in ``path`` that has a ``NAME{ext}`` twin.

    The twin lives beside the gold file or in a sub-folder named after the format
    (``pdf/NAME.pdf``, the corpus layout).  Gold files are validated before anything is parsed.
    """
    pairs = find_pairs(Path(path), ext)
    golds = [(name, load_gold(gold_path), twin) for name, gold_path, twin in pairs]
    without = len(list(Path(path).glob("*.gold.json"))) - len(pairs)
    return Report(tuple(evaluate_file(name, gold, twin) for name, gold, twin in golds), without_twin=without)


def find_pairs(root: Path, ext: str) -> list[tuple[str, Path, Path]]:
    """(name, gold file, twin) for every gold file with a twin, sorted by name."""
    if ext not in EXTENSIONS:
        raise GoldError(f"{ext}: expected one of {'/'.join(EXTENSIONS)}")
    if not root.exists():
        raise InputNotFound(f"{root}: no such directory")
    if not root.is_dir():
        raise GoldError(f"{root}: is a file, expected a directory of NAME.gold.json files")
    pairs = []
    for gold in sorted(root.glob("*.gold.json")):
        name = gold.name[: -len(".gold.json")]
        twin = _twin(root, name, ext)
        if twin is not None:
            pairs.append((name, gold, twin))
    if not pairs:
        raise GoldError(f"{root}: no NAME.gold.json with a NAME{ext} twin")
    return pairs


def _twin(root: Path, name: str, ext: str) -> Path | None:
    for folder in (root, root / ext.lstrip(".")):
        candidate = folder / f"{name}{ext}"
        if candidate.is_file():
            return candidate
    return None


def evaluate_file(name: str, gold: dict[str, Any], twin: Path) -> DocScore:
    """Parse one document and score it.  A parser failure scores the document as all-missed."""
    try:
        prediction = to_gold(api.parse(twin))
    # The scorer is a boundary like the CLI: one document that crashes the parser must not
    # hide the scores of the others.  The error is recorded in the report, not swallowed.
    except Exception as exc:  # noqa: BLE001
        return error_score(name, gold, f"{type(exc).__name__}: {exc}")
    return score_document(name, gold, prediction)


def error_score(name: str, gold: dict[str, Any], message: str) -> DocScore:
    """All-missed: nothing predicted, every field wrong, the error as the only listed miss."""
    empty = score_document(name, gold, EMPTY_PREDICTION)
    fields = Ratio(0, empty.fields.total)
    return replace(empty, fields=fields, misses=(Miss("error", name, got=message),), error=message)


# --------------------------------------------------------------------------- scoring


def score_document(name: str, gold: dict[str, Any], pred: dict[str, Any]) -> DocScore:
    """Score a prediction given in gold format (``export.to_gold``) against a gold annotation."""
    outline, outline_misses = score_outline(gold["outline"], pred["outline"])
    units, roles, unit_misses = score_units(gold, pred)
    fields, field_misses = score_fields(gold, pred)
    deadlines, deadline_misses = score_deadlines(gold["assignments"], pred["assignments"])
    misses = (*outline_misses, *unit_misses, *field_misses, *deadline_misses)
    return DocScore(name, outline, units, roles, fields, deadlines, misses)


def squash(text: str | None) -> str | None:
    """Remove all whitespace (half- and full-width); a blank string becomes None."""
    return None if text is None else chars_squash(text) or None


def _where(key: tuple[str, ...]) -> str:
    return f"{key[0]} {key[1]}"


def score_outline(gold: list[dict], pred: list[dict]) -> tuple[Counts, list[Miss]]:
    """P/R/F1 over the multiset of (scope, path, squashed title)."""
    def triple(entry: dict) -> tuple[str, str, str | None]:
        return (*gold_key(entry), squash(entry["title"]))

    missing = _unmatched(gold, pred, triple)
    extra = _unmatched(pred, gold, triple)
    misses = [Miss("outline-missing", _where(gold_key(e)), gold=e["title"]) for e in missing]
    misses += [Miss("outline-extra", _where(gold_key(e)), got=e["title"]) for e in extra]
    tp = len(gold) - len(missing)
    return Counts(tp, len(extra), len(missing)), misses


def _unmatched(items: list, others: list, key: Callable[[Any], Any]) -> list:
    """Items of ``items`` left over after matching them one-to-one with ``others`` by key."""
    pool = Counter(key(other) for other in others)
    left = []
    for item in items:
        if pool[key(item)] > 0:
            pool[key(item)] -= 1
        else:
            left.append(item)
    return left


def _units(assignments: list[dict], nodes: set[tuple[str, str]] | None = None) -> list[tuple[str, str, str, str]]:
    """(scope, path, name, role) of every unit, optionally only on the given nodes."""
    units = []
    for entry in assignments:
        if nodes is None or gold_key(entry) in nodes:
            units += [(*gold_key(entry), name, role) for role in ROLES for name in entry[role]]
    return units


def score_units(gold: dict, pred: dict) -> tuple[Counts, Ratio, list[Miss]]:
    """Units P/R/F1 on (scope, path, name) over the gold outline nodes, and role accuracy."""
    gold_nodes = {gold_key(entry) for entry in gold["outline"]}
    gold_units = _units(gold["assignments"])
    pred_units = _units(pred["assignments"], gold_nodes)
    def name_key(unit: tuple) -> tuple:
        return unit[:3]

    missing = _unmatched(gold_units, pred_units, name_key)
    extra = _unmatched(pred_units, gold_units, name_key)
    misses = [Miss("unit-missing", _where(u), gold=f"{u[2]} ({u[3]})") for u in missing]
    misses += [Miss("unit-extra", _where(u), got=f"{u[2]} ({u[3]})") for u in extra]
    roles, role_misses = score_roles(gold_units, pred_units)
    counts = Counts(len(gold_units) - len(missing), len(extra), len(missing))
    return counts, roles, misses + role_misses


def score_roles(gold_units: list[tuple], pred_units: list[tuple]) -> tuple[Ratio, list[Miss]]:
    """Over units matched by (scope, path, name): how many carry the gold role."""
    gold_roles = _roles_by_unit(gold_units)
    pred_roles = _roles_by_unit(pred_units)
    ratio, misses = Ratio(), []
    for key, wanted in gold_roles.items():
        got = pred_roles.get(key, [])
        matched = min(len(wanted), len(got))
        same = sum((Counter(wanted) & Counter(got)).values())
        ratio += Ratio(min(matched, same), matched)
        if same < matched:
            misses.append(Miss("role", f"{_where(key)} {key[2]}", gold="/".join(wanted), got="/".join(got)))
    return ratio, misses


def _roles_by_unit(units: list[tuple]) -> dict[tuple, list[str]]:
    roles: dict[tuple, list[str]] = {}
    for unit in units:
        roles.setdefault(unit[:3], []).append(unit[3])
    return roles


def _field_values(entry: dict) -> dict[str, Any]:
    """The 7 scored fields of one annotation, normalised for comparison."""
    notice = entry["notice"] or {}
    values: dict[str, Any] = {
        "notice.title": squash(notice.get("title")),
        **{f"notice.{key}": _clean(notice.get(key)) for key in ("doc_number", "issuer", "date", "public_note")},
        "notice.addressees": list(notice.get("addressees") or []) or None,
        "document_title": squash(entry["document_title"]),
    }
    return values


def _clean(value: str | None) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else value


def score_fields(gold: dict, pred: dict) -> tuple[Ratio, list[Miss]]:
    """Field accuracy: 7 envelope/title fields per document, compared after normalising."""
    wanted, got = _field_values(gold), _field_values(pred)
    misses = [Miss("field", key, gold=wanted[key], got=got[key]) for key in wanted if wanted[key] != got[key]]
    return Ratio(len(wanted) - len(misses), len(wanted)), misses


def score_deadlines(gold: list[dict], pred: list[dict]) -> tuple[Ratio, list[Miss]]:
    """Over assignments present in both (same scope, path): same deadline text (squashed)."""
    predicted: dict[tuple[str, str], dict] = {}
    for entry in pred:
        predicted.setdefault(gold_key(entry), entry)
    ratio, misses = Ratio(), []
    for entry in gold:
        other = predicted.get(gold_key(entry))
        if other is None:
            continue
        same = squash(entry["deadline"]) == squash(other["deadline"])
        ratio += Ratio(int(same), 1)
        if not same:
            misses.append(Miss("deadline", _where(gold_key(entry)), gold=entry["deadline"], got=other["deadline"]))
    return ratio, misses


# --------------------------------------------------------------------------- table


# (column title, metric) of the table; totals add P/R and counts below it.
TABLE_COLUMNS = (
    ("outline", "outline_f1"), ("units", "units_f1"), ("roles", "role_acc"),
    ("fields", "field_acc"), ("deadline", "deadline_acc"),
)
RATIO_LINES = (("roles", "roles"), ("fields", "fields"), ("deadline", "deadlines"))


def _cell(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _row(label: str, metrics: dict[str, float | None], width: int, note: str = "") -> str:
    cells = "".join(f"{_cell(metrics[key]):>10}" for _, key in TABLE_COLUMNS)
    return f"{label:<{width}}{cells}{note}".rstrip()


def format_table(report: Report) -> str:
    """Per-document F1 and accuracies, then the totals with P/R and counts."""
    width = max([len("TOTAL"), *(len(doc.name) for doc in report.documents)]) + 2
    lines = [f"{'document':<{width}}" + "".join(f"{title:>10}" for title, _ in TABLE_COLUMNS)]
    for doc in report.documents:
        lines.append(_row(doc.name, doc.metrics(), width, "  ERROR" if doc.error else ""))
    lines.append(_row("TOTAL", report.metrics(), width))
    lines.append("")
    lines += [_counts_line(attr, report.total(attr)) for attr in ("outline", "units")]
    lines += [_ratio_line(label, report.total(attr)) for label, attr in RATIO_LINES]
    lines += [f"error     {name}: {message}" for name, message in report.errors.items()]
    return "\n".join(lines)


def _counts_line(label: str, counts: Counts) -> str:
    scores = f"P {counts.precision:.3f}  R {counts.recall:.3f}  F1 {counts.f1:.3f}"
    return f"{label:<10}{scores}  (tp {counts.tp}, fp {counts.fp}, fn {counts.fn})"


def _ratio_line(label: str, ratio: Ratio) -> str:
    return f"{label:<10}{_cell(ratio.value)}  ({ratio.correct}/{ratio.total})"
