"""What ``diff`` compares of a task: its content text, its units by identity, its deadline.

The content text is the task's title and text with what ``diff`` reports separately taken out:
the names of its units (as written), its deadline as written, the role words of unit lists
(牵头单位：, 配合), person labels with their names (责任领导：张三) and every character that
is not a letter or digit, in the parser's folded script (``normalize.fold_string``: traditional
characters as simplified, mirrors' pinyin glosses dropped).  So a swapped lead unit or a
moved deadline is ``reassigned`` / ``deadline_changed``, not ``reworded``, and the same task
republished in traditional script is the same task.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from policyparse.grammar.roles import LABELS, ROLE_VERBS
from policyparse.normalize import fold_string
from policyparse.schema import Node, PolicyDocument, TaskRef, TaskUnit, Unit, is_task, walk

# Role labels and verbs of the role grammar: 牵头单位： 配合.
_ROLE_WORDS = re.compile("|".join(f"(?:{p})" for p, _ in (*LABELS, *ROLE_VERBS)))
# A person label and its names up to the end of the clause (牵头领导：王 健；): people are not content.
_PERSON = re.compile("(?:" + "|".join(p for p, role in LABELS if role == "person") + r")\s*[:：][^;；\n)）]*")
_LETTER = ("L", "N")  # unicode categories kept in the content text (letters, digits, CJK)


def unit_identity(unit: Unit) -> str:
    """One unit whatever its short form: canonical name, else resolved, else as written; in the
    folded script without spaces (区发改委 and 区发展和改革委员会 are one unit when the lexicon
    knows both; 自治區(qū)農(nóng)牧廳 and ``自治 区农牧厅`` always are)."""
    return "".join(fold_string(unit.canonical or unit.resolved or unit.name).split())


@dataclass(frozen=True)
class Task:
    """A task of one side with what matching needs: the node, its section, its content text."""

    index: int
    node: Node
    section: Node | None
    content: str
    ref: TaskRef


def document_tasks(doc: PolicyDocument) -> list[Task]:
    """The document's tasks (``schema.is_task``) in reading order."""
    tasks = []
    for node, ancestors in walk(doc.sections):
        if is_task(node, ancestors):
            section = ancestors[-1] if ancestors else None
            tasks.append(Task(len(tasks), node, section, content_text(node), task_ref(node, section)))
    return tasks


def section_nodes(doc: PolicyDocument) -> list[Node]:
    """Every node with children (the sections tasks sit in), in reading order."""
    return [node for node, _ in walk(doc.sections) if node.children]


def content_text(node: Node) -> str:
    """Title and text without unit names, deadline, role words and punctuation (module docstring)."""
    text = node.text if node.text.startswith(node.title) else f"{node.title}{node.text}"
    for name in sorted({u.name for u in node.units}, key=len, reverse=True):
        text = text.replace(name, " ")
    if node.deadline is not None and node.deadline.text:
        text = text.replace(node.deadline.text, " ")
    return letters(_ROLE_WORDS.sub(" ", _PERSON.sub(" ", fold_string(text))))


def letters(text: str) -> str:
    """The letters and digits of ``text`` in the folded script (what similarity compares)."""
    return "".join(c for c in fold_string(text) if unicodedata.category(c)[0] in _LETTER)


def task_ref(node: Node, section: Node | None) -> TaskRef:
    return TaskRef(
        scope=node.scope, path=node.path, title=node.title, text=node.text,
        section=section.title if section is not None else None,
        units=[TaskUnit(unit=unit_identity(u), name=u.name, role=u.role) for u in node.units],
        deadline=node.deadline.text if node.deadline else None,
        deadline_date=node.deadline.date if node.deadline else None,
    )
