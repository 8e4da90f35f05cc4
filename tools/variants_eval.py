"""Score the parser on text variants of a gold corpus: the same documents as other sites write them.

Portal copies of one document differ in ways that carry no meaning: a mirror in traditional
script, ASCII punctuation where the original has full-width (or the reverse), a full-width indent
before every paragraph, a blank line between paragraphs, Windows line ends.  A parser that reads
the document should score the same on each (so should one whose every line ends in spaces, or
whose spaces are no-break spaces).  This tool rewrites every ``NAME.txt`` of a gold
directory (and the strings of its gold the same way, where the variant changes characters) into a
temporary directory, scores it with ``policyparse eval``'s scorer, and prints each variant's totals
beside the unchanged corpus.  A drop names a brittle rule, not a document: read it with ``-v``.

    python tools/variants_eval.py tests/golden_new [--variant traditional] [-v]

Development sets only: never run it on the locked split (its totals come from tests/test_eval.py).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from policyparse.eval.score import evaluate_dir, format_table  # noqa: E402

HALF = dict(zip("（）：；，！？０１２３４５６７８９", "():;,!?0123456789"))
FULL = {v: k for k, v in HALF.items()}
KEEP = {"id", "source", "date", "scope", "path", "truncated"}  # gold keys whose values are not text


def traditional_table(corpus: list[Path]) -> dict[str, str]:
    """Simplified -> traditional as the corpus's own traditional-script texts write it: of a
    simplified character's forms (itself and its traditional forms in models/t2s.tsv), the one
    those texts use most; a character they never show stays as it is (局 is 局, not 侷)."""
    forms: dict[str, list[str]] = {}
    for line in (ROOT / "models" / "t2s.tsv").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 2 and len(parts[0]) == len(parts[1]) == 1 and not line.startswith("#"):
            forms.setdefault(parts[1], []).append(parts[0])
    traditional = {t for ts in forms.values() for t in ts}
    seen: Counter[str] = Counter()
    for path in corpus:
        text = path.read_text(encoding="utf-8")
        if sum(c in traditional for c in text) > 0.05 * len(text):  # a traditional-script mirror
            seen.update(text)
    table = {}
    for simple, ts in forms.items():
        best = max([simple, *ts], key=lambda c: (seen[c], c == simple))
        if best != simple:
            table[simple] = best
    return table


def char_map(table: dict[str, str]) -> Callable[[str], str]:
    trans = str.maketrans(table)
    return lambda s: s.translate(trans)


def per_line(edit: Callable[[str], str]) -> Callable[[str], str]:
    return lambda text: "\n".join(edit(line) if line.strip() else line for line in text.split("\n"))


def hard_wrap(width: float) -> Callable[[str], str]:
    """A text cut into lines of ``width`` cells (a PDF's lines copied as text), where it was not
    wrapped already; table rows (with ``|`` or tabs) stay whole."""
    from policyparse.normalize import wrap_width

    def edit(text: str) -> str:
        if wrap_width(text.split("\n")) is not None:
            return text
        out = []
        for line in text.split("\n"):
            if "|" in line or "\t" in line:
                out.append(line)
                continue
            out.extend(wrap_line(line, width))
        return "\n".join(out)
    return edit


def wrap_line(line: str, width: float) -> list[str]:
    """One line cut into lines of ``width`` cells (a full-width character is one cell, ASCII half)."""
    from policyparse.normalize import display_width
    out, cur, w = [], "", 0.0
    for ch in line:
        cw = display_width(ch)
        if w + cw > width:
            out.append(cur)
            cur, w = "", 0.0
        cur, w = cur + ch, w + cw
    out.append(cur)
    return out


# Variants that must score as the corpus does (tests/test_variants.py), and the hard wraps, reported
# (tests/test_variants.py holds them to a floor): a 28-cell wrap (a PDF's lines) or a 16-cell one (a
# phone's) also cuts metadata rows and signature lines that a real page keeps whole.
# name -> (text edit, gold-string edit or None when the gold keeps its strings)
VARIANTS: dict[str, tuple[Callable[[str], str], Callable[[str], str] | None]] = {
    "halfwidth": (char_map(HALF), char_map(HALF)),
    "fullwidth": (char_map(FULL), char_map(FULL)),
    "indent": (per_line(lambda line: "\u3000\u3000" + line.lstrip()), None),
    "blank": (lambda text: "\n\n".join(text.split("\n")), None),
    "crlf": (lambda text: text.replace("\n", "\r\n"), None),
    "nbsp": (char_map({"\u3000": "\u00a0", " ": "\u00a0"}), char_map({"\u3000": "\u00a0", " ": "\u00a0"})),
    "trailing": (per_line(lambda line: line.rstrip() + " \u3000"), None),
    "pagenums": (lambda text: page_numbers(text, PAGE_LINES), None),
    "portal": (lambda text: PORTAL_HEAD + text, None),
}


# A portal page's head before the document: its navigation path and widgets (each a furniture row).
PORTAL_HEAD = "首页 > 政务公开 > 政策文件\n字号：大 中 小  打印本页  关闭窗口\n扫一扫在手机打开当前页\n"
PAGE_LINES = 20  # lines to a page of a paged document exported as text


def page_numbers(text: str, every: int) -> str:
    """A paged document's text export: a page number (``- 2 -``) on a line of its own every ``every`` lines."""
    lines = text.split("\n")
    out = []
    for k, line in enumerate(lines):
        if k and k % every == 0:
            out.append(f"- {k // every + 1} -")
        out.append(line)
    return "\n".join(out)


def all_variants() -> dict[str, tuple[Callable[[str], str], Callable[[str], str] | None]]:
    """The fixed variants and traditional script (its table read from the development texts;
    the locked split is never read)."""
    texts = sorted(p for p in ROOT.glob("tests/golden*/*.txt") if "locked" not in p.parent.name)
    to_traditional = char_map(traditional_table(texts))
    return {**VARIANTS, "traditional": (to_traditional, to_traditional)}


REPORTED = {"wrap16": (hard_wrap(16), None), "wrap28": (hard_wrap(28), None)}


def rewrite_gold(value, edit: Callable[[str], str], key: str = ""):
    if isinstance(value, str):
        return value if key in KEEP else edit(value)
    if isinstance(value, list):
        return [rewrite_gold(v, edit, key) for v in value]
    if isinstance(value, dict):
        return {k: rewrite_gold(v, edit, k) for k, v in value.items()}
    return value


def make_variant(src: Path, dst: Path, text_edit, gold_edit) -> None:
    for gold in sorted(src.glob("*.gold.json")):
        name = gold.name[: -len(".gold.json")]
        txt = src / f"{name}.txt"
        if not txt.exists():
            continue
        text = txt.read_text(encoding="utf-8")
        (dst / txt.name).write_bytes(text_edit(text).encode("utf-8"))
        data = json.loads(gold.read_text(encoding="utf-8"))
        if gold_edit is not None:
            data = rewrite_gold(data, gold_edit)
        (dst / gold.name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _total_line(report) -> str:
    for line in format_table(report).splitlines():
        if line.startswith("TOTAL"):
            return line
    return "TOTAL ?"


def main() -> int:
    variants = {**all_variants(), **REPORTED}
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold_dir", type=Path)
    parser.add_argument("--variant", action="append", choices=sorted(variants), help="default: all")
    parser.add_argument("-v", "--verbose", action="store_true", help="every document whose scores move")
    args = parser.parse_args()
    if "locked" in args.gold_dir.name:
        print("Error: the locked split is scored only by tests/test_eval.py", file=sys.stderr)
        return 2
    base = evaluate_dir(args.gold_dir)
    print(f"{'variant':12} {format_table(base).splitlines()[0][8:]}")
    print(f"{'(as is)':12} {_total_line(base)[5:]}")
    base_docs = {d.name: d for d in base.documents}
    for name in args.variant or sorted(variants):
        text_edit, gold_edit = variants[name]
        with tempfile.TemporaryDirectory() as tmp:
            make_variant(args.gold_dir, Path(tmp), text_edit, gold_edit)
            report = evaluate_dir(tmp)
        print(f"{name:12} {_total_line(report)[5:]}")
        if args.verbose:
            for doc in report.documents:
                before = base_docs.get(doc.name)
                if before is not None and doc.metrics() != before.metrics():
                    print(f"    {doc.name}: {before.metrics()} -> {doc.metrics()}")
                    for miss in doc.misses:
                        if miss not in before.misses:
                            print(f"        {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
