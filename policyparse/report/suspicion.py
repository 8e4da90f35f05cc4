"""Which documents of a batch to check first: the signs that an extraction went wrong.

Each sign has a weight; the batch index sorts by the sum, highest first, so that whoever
checks 1,000 documents sees the error records and the likely misses before the rest."""
from __future__ import annotations

import re
from dataclasses import dataclass

from policyparse.export.ledger import iter_tasks
from policyparse.schema import Node, PolicyDocument, walk

# A line that is a table row: cells kept apart by bars or tabs (``1 | 任务 | 区发改委 |``).
CELL_SEPARATORS = re.compile(r"[|\t]")
TABLE_ROWS = 3  # rows of a table at least
TABLE_HEADER = re.compile(r"序\s*号.*(?:责任单位|牵头单位|责任部门|主要任务|工作任务)")
UNKNOWN_SHARE = 0.5  # of the units of a document without a canonical name or a known kind
UNKNOWN_MIN_UNITS = 4
SIBLINGS_MIN = 3  # items of one list
UNITS_SHARE = 2 / 3  # of them with units: the others probably lost theirs


@dataclass(frozen=True)
class Sign:
    code: str
    weight: int
    text: str


ERROR = "error"
WEIGHTS = {ERROR: 100, "table_no_tasks": 50, "tasks_without_units": 30, "unknown_units": 20,
           "numbering_gap": 10, "no_items": 5}


def error_signs(error: str, message: str) -> list[Sign]:
    return [Sign(ERROR, WEIGHTS[ERROR], f"{error}: {message}")]


def document_signs(doc: PolicyDocument) -> list[Sign]:
    """The signs in one result, in a fixed order."""
    signs: list[Sign] = []
    tasks = list(iter_tasks(doc))
    if not tasks and _table_like(doc.text):
        signs.append(Sign("table_no_tasks", WEIGHTS["table_no_tasks"], "table-like text gave no tasks"))
    bare = tasks_without_units(doc)
    if bare:
        signs.append(Sign("tasks_without_units", WEIGHTS["tasks_without_units"],
                          f"{len(bare)} task(s) without units beside tasks with units: {', '.join(bare[:5])}"))
    units = [u for node, _ in walk(doc.sections) for u in node.units]
    unknown = [u for u in units if u.canonical is None and u.kind in (None, "other")]
    if len(units) >= UNKNOWN_MIN_UNITS and len(unknown) >= UNKNOWN_SHARE * len(units):
        signs.append(Sign("unknown_units", WEIGHTS["unknown_units"], f"{len(unknown)} of {len(units)} unit names unknown"))
    gaps = [w for w in doc.warnings if w.code in ("W201", "W202")]
    if gaps:
        signs.append(Sign("numbering_gap", WEIGHTS["numbering_gap"], f"numbering gap: {gaps[0].message}"))
    if not doc.sections and not signs:
        signs.append(Sign("no_items", WEIGHTS["no_items"], "no numbered items"))
    return signs


def _table_like(text: str) -> bool:
    rows = sum(1 for line in text.split("\n") if len(CELL_SEPARATORS.findall(line)) >= 2)
    return rows >= TABLE_ROWS or bool(TABLE_HEADER.search(text))


def tasks_without_units(doc: PolicyDocument) -> list[str]:
    """Paths of leaf items without units among siblings that mostly have units (at least
    ``UNITS_SHARE`` of ``SIBLINGS_MIN`` or more): a list lost its brackets, a table row its unit
    cell.  Sections whose items mostly name no units (保障措施 beside a unit-led heading) are not flagged."""
    out: list[str] = []

    def visit(siblings: list[Node]) -> None:
        with_units = sum(1 for n in siblings if n.units)
        if len(siblings) >= SIBLINGS_MIN and with_units >= UNITS_SHARE * len(siblings) and with_units < len(siblings):
            out.extend(f"{n.path}" for n in siblings if not n.units and not n.children)
        for n in siblings:
            visit(n.children)

    visit(doc.sections)
    return out


def score(signs: list[Sign]) -> int:
    return sum(s.weight for s in signs)
