"""What changed in a matched pair of tasks: moved / renumbered, reworded, reassigned,
role_changed, deadline_changed (``schema.ChangeKind``).

``moved``: the task's section is not the section its old section became.  Sections are matched
like tasks (the letters of their titles in the folded script, one optimal assignment), so a section renumbered by a section added
before it is still the same section.  ``renumbered``: the path changed and the section did not —
tasks added or removed before it; not a change of content.
"""
from __future__ import annotations

from policyparse.diff.content import Task, letters, unit_identity
from policyparse.diff.match import assign, similarity_matrix
from policyparse.diff.wording import word_diff
from policyparse.schema import ChangeKind, Node, RoleChange, TaskMatch, WordOp

SECTION_THRESHOLD = 0.5


def match_sections(old: list[Node], new: list[Node]) -> dict[int, int]:
    """id(old section) -> id(new section) for the sections that are the same section."""
    sim = similarity_matrix([letters(s.title) for s in old], [letters(s.title) for s in new])
    pairs = assign(sim)
    return {id(old[o]): id(new[n]) for o, n, s in pairs if s >= SECTION_THRESHOLD}


def compare_pair(old: Task, new: Task, score: float, sections: dict[int, int]) -> TaskMatch:
    """The change kinds of one matched pair, with the unit, role and word details."""
    changes: list[ChangeKind] = []
    if _moved(old, new, sections):
        changes.append("moved")
    elif old.node.path != new.node.path:
        changes.append("renumbered")
    words: list[WordOp] = []
    if old.content != new.content:
        changes.append("reworded")
        words = word_diff(old.node.text, new.node.text)
    before = {unit_identity(u): u.role for u in old.node.units}
    after = {unit_identity(u): u.role for u in new.node.units}
    added = [u for u in after if u not in before]
    removed = [u for u in before if u not in after]
    if added or removed:
        changes.append("reassigned")
    roles = [RoleChange(unit=u, old=before[u], new=after[u]) for u in before if u in after and before[u] != after[u]]
    if roles:
        changes.append("role_changed")
    if _deadline(old.node) != _deadline(new.node):
        changes.append("deadline_changed")
    return TaskMatch(old=old.ref, new=new.ref, score=round(score, 4), changes=changes, words=words,
                     units_added=added, units_removed=removed, roles=roles)


def _moved(old: Task, new: Task, sections: dict[int, int]) -> bool:
    if old.section is None or new.section is None:
        return (old.section is None) != (new.section is None)
    return sections.get(id(old.section)) != id(new.section)


def _deadline(node: Node) -> tuple[str | None, str | None]:
    if node.deadline is None:
        return (None, None)
    return (node.deadline.date, None) if node.deadline.date else (None, node.deadline.text)
