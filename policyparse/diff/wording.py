"""The word-level diff of a reworded task, without a dictionary (``word_diff(old, new)``).

Chinese has no spaces, and a segmenter's dictionary costs a second to load (jieba's, for the
first diff of every process), far more than comparing two plans.  The diff is made in three steps
that need no data at all:

1. Atoms: a number with its decimals and unit sign (``5.5%``, ``2024``, ``10‰``), a run of Latin
   letters (``OFD``), else one character with a mirror's pinyin gloss after it (``發(fā)``) — a CJK
   character is the smallest unit of meaning, and a number changed from 5 to 5.5 reads as one
   change, not as an inserted ``.5``.  Spaces after an atom belong to it.
2. One longest-common-subsequence alignment of the atoms (rapidfuzz's ``Indel.opcodes``), each
   atom compared in the parser's folded script without its spaces (``normalize.fold_string``),
   so a text republished in traditional script or with a PDF's spaces inside words is unchanged.
3. Semantic clean-up (as Google's diff-match-patch ``diff_cleanupSemantic``): a kept run no longer
   than the changes on both sides of it is folded into them, until none is left.  So a rewritten
   phrase reads as one deletion and one insertion (``[-加强-]{+强化+}``, not
   ``[-加-]强{+化+}``), while a kept word between two small changes stays kept.

Runs of the same operation are joined; in a changed stretch the deletion comes first.  Kept and
deleted runs are the old text as written, inserted runs the new text as written.
"""
from __future__ import annotations

import re

from policyparse.normalize import PINYIN_GLOSS, fold_string
from policyparse.schema import WordOp

# A number (ASCII or full-width digits, decimals, a trailing percent or per-mille sign), a Latin
# word, else one character and its gloss; then the spaces after it.
_ATOM = re.compile(r"(?:[0-9０-９]+(?:[.．][0-9０-９]+)*[%％‰]?|[A-Za-zＡ-Ｚａ-ｚ]+|.(?:"
                   + PINYIN_GLOSS.pattern + r")?)\s*", re.S)


def atoms(text: str) -> list[str]:
    """The atoms of ``text`` (module docstring, step 1); joined they give ``text`` back."""
    return _ATOM.findall(text)


def _key(atom: str) -> str:
    return "".join(fold_string(atom).split()) or atom


def word_diff(old: str, new: str) -> list[WordOp]:
    """Kept, deleted and inserted runs turning ``old`` into ``new`` (module docstring)."""
    from rapidfuzz.distance import Indel

    a, b = atoms(old), atoms(new)
    runs: list[list] = []  # [op, text] with op in equal / delete / insert
    for tag, i1, i2, j1, j2 in Indel.opcodes([_key(x) for x in a], [_key(x) for x in b]).as_list():
        if tag == "equal":
            runs.append(["equal", "".join(a[i1:i2])])
        if tag in ("delete", "replace"):
            runs.append(["delete", "".join(a[i1:i2])])
        if tag in ("insert", "replace"):
            runs.append(["insert", "".join(b[j1:j2])])
    blocks = _fold(_blocks(runs))
    ops: list[WordOp] = []
    for block in blocks:
        if block[0] == "equal":
            _append(ops, "equal", block[1])
            continue
        deleted, inserted = block[1], block[2]
        kept = _common_spaces(deleted, inserted)  # spaces both sides end with are kept, not changed
        _append(ops, "delete", deleted[:len(deleted) - kept])
        _append(ops, "insert", inserted[:len(inserted) - kept])
        _append(ops, "equal", deleted[len(deleted) - kept:])
    return ops


def _common_spaces(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n] and a[-1 - n].isspace():
        n += 1
    return n


def _blocks(runs: list[list]) -> list[list]:
    """Alternating kept runs ``["equal", text]`` and changed stretches ``["change", deleted, inserted]``."""
    blocks: list[list] = []
    for op, text in runs:
        if not text:
            continue
        if op == "equal":
            if blocks and blocks[-1][0] == "equal":
                blocks[-1][1] += text
            else:
                blocks.append(["equal", text])
            continue
        if not blocks or blocks[-1][0] != "change":
            blocks.append(["change", "", ""])
        blocks[-1][1 if op == "delete" else 2] += text
    return blocks


def _fold(blocks: list[list]) -> list[list]:
    """Fold every kept run that is no longer than the change on each side of it (step 3); after
    a fold the kept run before it is looked at again, as its neighbour has grown."""
    i = 1
    while i < len(blocks) - 1:
        before, kept, after = blocks[i - 1], blocks[i], blocks[i + 1]
        size = len(kept[1])
        if kept[0] == "equal" and size <= max(len(before[1]), len(before[2])) \
                and size <= max(len(after[1]), len(after[2])):
            blocks[i - 1:i + 2] = [["change", before[1] + kept[1] + after[1], before[2] + kept[1] + after[2]]]
            i = max(i - 2, 1)
        else:
            i += 1
    return blocks


def _append(ops: list[WordOp], op: str, text: str) -> None:
    if not text:
        return
    if ops and ops[-1].op == op:
        ops[-1] = WordOp(op=op, text=ops[-1].text + text)
    else:
        ops.append(WordOp(op=op, text=text))
