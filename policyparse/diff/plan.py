"""The change list of two versions of a plan: ``diff_documents(old, new) -> PlanDiff``.

    tasks of each side (content.document_tasks)
    -> matches, splits, merges (match.match_tasks: similarity + one optimal assignment + a pass
       for splits and merges)
    -> the change kinds of each match (compare.compare_pair), sections matched for ``moved``
    -> PlanDiff (schema), every list in reading order.
"""
from __future__ import annotations

from collections import Counter

from policyparse._version import __version__
from policyparse.diff.compare import compare_pair, match_sections
from policyparse.diff.content import document_tasks, section_nodes
from policyparse.diff.match import match_tasks
from policyparse.schema import CHANGE_KINDS, DocumentRef, PlanDiff, PolicyDocument, TaskMerge, TaskSplit

COUNT_KEYS = ("added", "removed", "matched", "split", "merged", *CHANGE_KINDS)


def diff_documents(old: PolicyDocument, new: PolicyDocument) -> PlanDiff:
    """What changed from ``old`` to ``new`` (module docstring)."""
    old_tasks, new_tasks = document_tasks(old), document_tasks(new)
    found = match_tasks(old_tasks, new_tasks)
    sections = match_sections(section_nodes(old), section_nodes(new))
    matched = [compare_pair(old_tasks[o], new_tasks[n], s, sections) for o, n, s in found.pairs]
    splits = [TaskSplit(old=old_tasks[o].ref, new=[new_tasks[n].ref for n in ns], score=round(s, 4))
              for o, ns, s in found.splits]
    merges = [TaskMerge(old=[old_tasks[o].ref for o in os_], new=new_tasks[n].ref, score=round(s, 4))
              for os_, n, s in sorted(found.merges, key=lambda m: m[1])]
    seen_old = {o for o, _, _ in found.pairs} | {o for o, _, _ in found.splits} | {o for os_, _, _ in found.merges for o in os_}
    seen_new = {n for _, n, _ in found.pairs} | {n for _, ns, _ in found.splits for n in ns} | {n for _, n, _ in found.merges}
    added = [t.ref for t in new_tasks if t.index not in seen_new]
    removed = [t.ref for t in old_tasks if t.index not in seen_old]
    kinds = Counter(kind for m in matched for kind in m.changes)
    counts = {"added": len(added), "removed": len(removed), "matched": len(matched), "split": len(splits),
              "merged": len(merges), **{k: kinds[k] for k in CHANGE_KINDS}}
    return PlanDiff(parser_version=__version__, old=document_ref(old), new=document_ref(new), added=added,
                    removed=removed, matched=matched, split=splits, merged=merges,
                    counts={k: counts[k] for k in COUNT_KEYS})


def document_ref(doc: PolicyDocument) -> DocumentRef:
    notice = doc.notice
    return DocumentRef(path=doc.source.path, sha256=doc.source.sha256,
                       title=doc.title or (notice.title if notice else None),
                       doc_number=notice.doc_number if notice else None, date=notice.date if notice else None)
