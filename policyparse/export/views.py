"""Views for people: the terminal tree of ``show``, the responsibility matrix (unit x tasks) and
displaCy HTML of units in the text.  Styles are ANSI via ``click.style`` (the CLI strips them when
stdout is not a terminal); nothing here prints."""
from __future__ import annotations

import csv
import html
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

import click

from policyparse.schema import ROLES, Issue, Node, Notice, PolicyDocument, Unit, walk

ROLE_COLOURS = {"lead": "red", "responsible": "green", "supporting": "cyan"}
# displaCy labels and colours: units by role, mentions.
DISPLACY_COLOURS = {"LEAD": "#f4a6a6", "RESPONSIBLE": "#a6e3a6", "SUPPORTING": "#a6d8f4", "MENTION": "#e0e0e0"}


@dataclass
class UnitRow:
    """One unit (canonical name when known, else as resolved/written) and its tasks by role."""

    unit: str
    tasks: dict[str, list[str]] = field(default_factory=lambda: {r: [] for r in ROLES})

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.tasks.values())


def responsibility_matrix(doc: PolicyDocument) -> list[UnitRow]:
    """Units x tasks, sorted by lead load, then total, then name (deterministic)."""
    rows: dict[str, UnitRow] = {}
    for node, _ in walk(doc.sections):
        for unit in node.units:
            key = unit.canonical or unit.resolved or unit.name
            row = rows.setdefault(key, UnitRow(key))
            task = task_label(node)
            if task not in row.tasks[unit.role]:
                row.tasks[unit.role].append(task)
    return sorted(rows.values(), key=lambda r: (-len(r.tasks["lead"]), -r.total, r.unit))


NOTICE_PREFIX = "通知"  # a task of the notice's own numbered items (scope notice): 通知2; document tasks: 4.1


def task_label(node: Node) -> str:
    """A task's path as the matrix shows it: ``4.1`` in the document, ``通知2`` in the notice
    that issues it (the two outlines number from 1 each)."""
    return node.path if node.scope == "document" else f"{NOTICE_PREFIX}{node.path}"


# The units CSV: Chinese headers like the ledgers (ledger.ROLE_NAMES), task paths joined with 、
MATRIX_HEADERS = ("单位", "牵头任务数", "责任任务数", "配合任务数", "任务总数", "牵头任务", "责任任务", "配合任务")
TASK_SEPARATOR = "、"


def matrix_csv(rows: list[UnitRow]) -> str:
    """The matrix as CSV text (the CLI writes a file with a BOM, as the ledgers)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(MATRIX_HEADERS)
    for r in rows:
        writer.writerow([r.unit, *(len(r.tasks[k]) for k in ROLES), r.total,
                         *(TASK_SEPARATOR.join(r.tasks[k]) for k in ROLES)])
    return out.getvalue()


def matrix_table(rows: list[UnitRow]) -> str:
    """A plain-text table: unit, counts by role, task paths (``task_label``: 4.1, 通知2)."""
    width = max([4, *(_width(r.unit) for r in rows)])
    lines = [f"{_pad('unit', width)}  lead  resp  supp  tasks"]
    for r in rows:
        tasks = "; ".join(f"{k[:4]} " + " ".join(r.tasks[k]) for k in ROLES if r.tasks[k])
        lines.append(f"{_pad(r.unit, width)}  {len(r.tasks['lead']):>4}  {len(r.tasks['responsible']):>4}  "
                     f"{len(r.tasks['supporting']):>4}  {tasks}")
    return "\n".join(lines) + "\n"


def displacy_html(doc: PolicyDocument) -> str:
    """displaCy 'ent' HTML of the document text: units coloured by role, mentions in grey."""
    from spacy import displacy  # the nlp extra; only this view needs it

    ents = []
    for node, _ in walk(doc.sections):
        ents += [(u.span.start, u.span.end, u.role.upper()) for u in node.units]
        ents += [(m.span.start, m.span.end, "MENTION") for m in node.mentions]
    ents = _non_overlapping(sorted(set(ents)))
    # displaCy writes text and title into its HTML as they are: escape them first (issue 11),
    # moving the entity offsets with the text
    pieces = [html.escape(c) for c in doc.text]
    at = [0]
    for piece in pieces:
        at.append(at[-1] + len(piece))
    data = {"text": "".join(pieces), "ents": [{"start": at[s], "end": at[e], "label": k} for s, e, k in ents],
            "title": html.escape(doc.title or doc.source.path)}
    return displacy.render(data, style="ent", manual=True, page=True, options={"colors": DISPLACY_COLOURS})


def _non_overlapping(ents: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for s, e, k in ents:
        if not out or s >= out[-1][1]:
            out.append((s, e, k))
    return out


# C0 and C1 control characters and DEL, but line breaks and tabs: a document must not drive the
# terminal (ESC/OSC sequences set the window title, clear the screen, restyle the text).
_CONTROL = {c: f"\\x{c:02x}" for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)] if c not in (0x09, 0x0A)}


def terminal_safe(s: str) -> str:
    """A document-supplied value made harmless for a terminal: control characters as ``\\xNN``."""
    return s.translate(_CONTROL)


def _width(s: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _pad(s: str, width: int) -> str:
    return s + " " * (width - _width(s))


# --------------------------------------------------------------------------- show (the terminal tree)


def show_lines(doc: PolicyDocument, width: int | None = None) -> Iterator[str]:
    """The spot-check view (styles are stripped by click.echo when stdout is not a tty);
    ``units:`` lines wrapped at ``width`` columns."""
    yield from _notice_lines(doc.notice)
    yield _label("document", terminal_safe(doc.title or "—"))
    yield _label("sections", "" if doc.sections else "—")
    scope = None
    for node in doc.sections:
        if node.scope != scope:
            scope = node.scope
            yield click.style(f"  [{scope}]", dim=True)
        yield from _node_lines(node, 2, width)
    yield from _warning_lines(doc.warnings)


def _label(name: str, value: str = "") -> str:
    return click.style(f"{name}:", bold=True) + (f" {value}" if value else "")


def _notice_lines(notice: Notice | None) -> Iterator[str]:
    if notice is None:
        yield _label("notice", "—")
        return
    yield _label("notice")
    names = {"addressees": "、".join(unit.name for unit in notice.addressees), "attachments": "；".join(notice.attachments)}
    for key in ("title", "doc_number", "issuer", "date", "addressees", "public_note", "attachments"):
        value = names.get(key, getattr(notice, key))
        yield f"  {key + ':':<13}{terminal_safe(str(value or '—'))}"


def _node_lines(node: Node, depth: int, width: int | None = None) -> Iterator[str]:
    indent = "  " * depth
    role = click.style(f"  [{node.role}]", fg="magenta") if node.role else ""
    title = terminal_safe(f"{node.marker}{node.title}")
    yield f"{indent}{click.style(terminal_safe(node.path), bold=True)} {title}{role}"
    if node.units:
        yield from wrap_items(f"{indent}    units: ", [_unit_text(unit) for unit in node.units], width)
    if node.deadline:
        date = f" ({node.deadline.date})" if node.deadline.date else ""
        yield f"{indent}    deadline: {terminal_safe(node.deadline.text)}{date}"
    if node.mentions:
        yield f"{indent}    mentions: " + terminal_safe("、".join(m.name for m in node.mentions))
    if node.keywords:
        yield f"{indent}    keywords: " + terminal_safe(" ".join(node.keywords))
    for child in node.children:
        yield from _node_lines(child, depth + 1, width)


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def wrap_items(prefix: str, items: list[str], width: int | None, sep: str = ", ") -> Iterator[str]:
    """``prefix`` and the items joined by ``sep``, broken between items so that no line is wider
    than ``width`` display columns (CJK counts two, ANSI styles none); continuation lines are
    indented under the first item.  An item wider than the line stands alone on its line."""
    if width is None or not items:
        yield prefix + sep.join(items)
        return
    hang = " " * _width(prefix)
    line, used = prefix, _width(prefix)
    first = True
    for item in items:
        size = _width(ANSI.sub("", item))
        if not first and used + len(sep) + size > width:
            yield line + sep.rstrip()
            line, used = hang + item, len(hang) + size
        else:
            line, used = (line + item, used + size) if first else (line + sep + item, used + len(sep) + size)
        first = False
    yield line


def _unit_text(unit: Unit) -> str:
    full = f" = {terminal_safe(unit.canonical)}" if unit.canonical and unit.canonical != unit.name else ""
    return click.style(f"{terminal_safe(unit.name)} ({unit.role})", fg=ROLE_COLOURS[unit.role]) + full


def _warning_lines(warnings: list[Issue]) -> Iterator[str]:
    yield _label("warnings", "" if warnings else "none")
    for issue in warnings:
        at = f" (at {issue.span.start})" if issue.span else ""
        yield click.style(f"  {issue.code} {terminal_safe(issue.message)}{at}", fg="yellow")
