"""Character folding that matching relies on: full-width ASCII and odd forms of marker punctuation.

The folded view of ``normalize`` is this table plus traditional → simplified (models/t2s.tsv);
stages before normalize (the PDF reader) fold with this table alone.  One character to one
character, so offsets never move.
"""
from __future__ import annotations

# Characters folded besides full-width ASCII: small/odd forms of marker punctuation.
EXTRA_FOLD = {"\u3000": " ", "\ufe52": ".", "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u200b": " ",
              "\u3007": "〇", "○": "〇", "\uff5f": "(", "\uff60": ")"}
WIDTH_FOLD: dict[int, str] = {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)} | {
    ord(k): v for k, v in EXTRA_FOLD.items()}

def squash(text: str) -> str:
    """All white space removed (half- and full-width): how titles and names are compared."""
    return "".join(text.split())


def join_lines(text: str) -> str:
    """A value wrapped over lines made one line: each break and the spaces around it dropped.
    (What ``re.sub(r"\\s*\\n\\s*", "", text)`` does, without its quadratic time on a long run of
    blanks that does not end in a line break: issue 11.)"""
    if "\n" not in text:
        return text
    parts = text.split("\n")
    return parts[0].rstrip() + "".join(p.strip() for p in parts[1:-1]) + parts[-1].lstrip()
