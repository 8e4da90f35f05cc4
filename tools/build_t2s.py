"""Rebuild models/t2s.tsv: the one-character traditional -> simplified table used to fold text.

Source data: OpenCC's character dictionary (``pip install opencc``; the ``build`` extra).
Only characters that convert to exactly one different character are kept, so folding
never changes text length.  Run: ``python tools/build_t2s.py``.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from build_lexicon import update_manifest  # a sibling build script (run as tools/build_t2s.py)

T2S_VERSION = "1.0"
RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


def build() -> list[tuple[str, str]]:
    import opencc

    conv = opencc.OpenCC("t2s")
    pairs = []
    for lo, hi in RANGES:
        for code in range(lo, hi + 1):
            ch = chr(code)
            out = conv.convert(ch)
            if len(out) == 1 and out != ch:
                pairs.append((ch, out))
    return pairs


def main() -> None:
    import opencc

    target = Path(__file__).resolve().parent.parent / "models" / "t2s.tsv"
    pairs = build()
    header = f"# traditional\tsimplified — built by models/build_t2s.py from OpenCC {getattr(opencc, '__version__', '?')} t2s\n"
    target.write_text(header + "".join(f"{a}\t{b}\n" for a, b in pairs), encoding="utf-8")
    update_manifest({target.name: {"version": T2S_VERSION, "sha256": hashlib.sha256(target.read_bytes()).hexdigest()}})
    print(f"wrote {len(pairs)} pairs to {target}")


if __name__ == "__main__":
    main()
