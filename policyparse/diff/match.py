"""Matching tasks by content, not by position.

1. Similarity: rapidfuzz's normalised Indel similarity (``fuzz.ratio``) of the content texts
   (``content.content_text``), for every old × new pair at once (``process.cdist``).
2. One optimal one-to-one assignment (``assignment.best_assignment``, the algorithm of SciPy's
   ``linear_sum_assignment`` without SciPy's import cost) over that matrix;
   a pair is kept when its similarity is at least ``MATCH_THRESHOLD``.  Tiny bonuses break ties
   between identical texts deterministically — the same units first, then the same relative
   position; they never outweigh a difference of content.
3. Splits and merges, in a second pass over what the assignment left: a new task that is a part
   of an old task (``fuzz.partial_ratio`` ≥ ``PART_THRESHOLD`` and clearly shorter) is a piece of
   it; an old task with two or more pieces — its one-to-one match among them when that match is
   a piece too — whose pieces put together in reading order read like it (``fuzz.ratio`` ≥
   ``WHOLE_THRESHOLD``) was split.  Merges are the same with old and new swapped.
"""
from __future__ import annotations

from dataclasses import dataclass

from policyparse.diff.assignment import best_assignment
from policyparse.diff.content import Task

MATCH_THRESHOLD = 0.55    # below this two tasks are different tasks (added + removed)
PART_THRESHOLD = 0.90     # a piece's words must be found (nearly) verbatim in the whole
PART_MAX_SHARE = 0.85     # ... and a piece is clearly shorter than the whole
WHOLE_THRESHOLD = 0.80    # the pieces together read like the whole
MIN_PIECE = 6             # content characters: shorter texts are too common to be pieces
POSITION_BONUS = 1e-4
UNITS_BONUS = 2e-4        # the same units (by identity): the same text in two places is told apart


@dataclass(frozen=True)
class Matching:
    pairs: list[tuple[int, int, float]]          # (old index, new index, similarity)
    splits: list[tuple[int, list[int], float]]   # old index -> new indices
    merges: list[tuple[list[int], int, float]]   # old indices -> new index


def similarity_matrix(old: list[str], new: list[str]):
    """Similarities 0..1 of every old × new content text (a NumPy array)."""
    import numpy as np
    from rapidfuzz import fuzz, process

    if not old or not new:
        return np.zeros((len(old), len(new)))
    return process.cdist(old, new, scorer=fuzz.ratio, dtype=np.float64, workers=1) / 100.0


def assign(sim, same_units=None) -> list[tuple[int, int, float]]:
    """The optimal one-to-one assignment, pairs under ``MATCH_THRESHOLD`` dropped."""
    import numpy as np

    n_old, n_new = sim.shape
    if not n_old or not n_new:
        return []
    where_old = np.arange(n_old)[:, None] / max(n_old - 1, 1)
    where_new = np.arange(n_new)[None, :] / max(n_new - 1, 1)
    score = sim + POSITION_BONUS * (1.0 - np.abs(where_old - where_new))
    if same_units is not None:
        score = score + UNITS_BONUS * same_units
    rows, cols = best_assignment(score)
    return sorted((int(r), int(c), float(sim[r, c])) for r, c in zip(rows, cols) if sim[r, c] >= MATCH_THRESHOLD)


def match_tasks(old: list[Task], new: list[Task]) -> Matching:
    """Pairs, splits and merges of two task lists (module docstring)."""
    sim = similarity_matrix([t.content for t in old], [t.content for t in new])
    pairs = assign(sim, _same_units(old, new))
    splits = _pieces(old, new, pairs)
    used_old = {o for o, _, _ in splits}
    used_new = {n for _, ns, _ in splits for n in ns}
    left = [p for p in pairs if p[0] not in used_old and p[1] not in used_new]
    merges = [(os_, n, s) for n, os_, s in _pieces(new, old, [(b, a, s) for a, b, s in left],
                                                      taken=used_new, taken_other=used_old)]
    used_old |= {o for os_, _, _ in merges for o in os_}
    used_new |= {n for _, n, _ in merges}
    pairs = [p for p in pairs if p[0] not in used_old and p[1] not in used_new]
    return Matching(pairs, splits, merges)


def _same_units(old: list[Task], new: list[Task]):
    """1 where two tasks have the same set of units (by identity), else 0 (a NumPy array)."""
    import numpy as np

    keys: dict[frozenset, int] = {}
    ids = [[keys.setdefault(frozenset(u.unit for u in t.ref.units), len(keys)) for t in side] for side in (old, new)]
    return (np.array(ids[0])[:, None] == np.array(ids[1])[None, :]).astype(np.float64)


def _pieces(wholes: list[Task], parts: list[Task], pairs: list[tuple[int, int, float]],
            taken: set[int] = frozenset(), taken_other: set[int] = frozenset()) -> list[tuple[int, list[int], float]]:
    """Wholes that became two or more parts: (whole index, part indices in reading order, score)."""
    from rapidfuzz import fuzz

    matched_part = {w: p for w, p, _ in pairs}
    matched_whole = {p: w for w, p, _ in pairs}
    free_parts = [p for p in range(len(parts)) if p not in matched_whole and p not in taken_other]
    found: list[tuple[int, list[int], float]] = []
    claimed: set[int] = set()
    for w, whole in enumerate(wholes):
        if w in taken or len(whole.content) < 2 * MIN_PIECE:
            continue
        candidates = [p for p in free_parts if p not in claimed]
        if w in matched_part:
            candidates.append(matched_part[w])
        pieces = sorted(p for p in candidates if _is_piece(parts[p].content, whole.content, fuzz))
        if len(pieces) < 2:
            continue
        joined = "".join(parts[p].content for p in pieces)
        score = fuzz.ratio(joined, whole.content) / 100.0
        if score >= WHOLE_THRESHOLD:
            found.append((w, pieces, score))
            claimed.update(pieces)
    return found


def _is_piece(part: str, whole: str, fuzz) -> bool:
    if len(part) < MIN_PIECE or len(part) > PART_MAX_SHARE * len(whole):
        return False
    return fuzz.partial_ratio(part, whole) / 100.0 >= PART_THRESHOLD
