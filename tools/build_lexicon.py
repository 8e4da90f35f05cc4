"""Rebuild models/units.tsv, models/jieba_user.txt and models/manifest.json: the unit lexicon.

Source data: the hand-written tables in ``models/lexicon_source/`` (departments.tsv,
party_organs.tsv, other_bodies.tsv, central_bodies.tsv: name -> full name, kind, inherit; name_prefixes.tsv:
abbreviated leading parts such as 人行 -> 中国人民银行).  Output rows are sorted, so the files
only change when the tables do.  No third-party packages needed.
Run: ``python tools/build_lexicon.py`` (tests/test_lexicon.py fails while the files are stale).
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent / "models"  # the artifacts this script writes
SOURCE = HERE / "lexicon_source"
NAME_TABLES = ("departments.tsv", "party_organs.tsv", "other_bodies.tsv", "central_bodies.tsv")
PREFIX_TABLE = "name_prefixes.tsv"
LEXICON_VERSION = "1.0"
KINDS = {
    "party_organ", "government", "department", "town_street", "development_zone", "mass_organisation",
    "court_procuratorate", "vertical_agency", "enterprise", "temporary_body", "collective_scope",
    "public_institution", "other",
}
# jieba user dictionary: every name and full name as one word, tagged nt (机构团体).
JIEBA_FREQ = 50000
JIEBA_TAG = "nt"


def read_table(path: Path, width: int) -> list[list[str]]:
    """Rows of a tab-separated source table, comments and blank lines skipped, checked loudly."""
    rows = []
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != width or not cells[0] or cells[2] not in KINDS:
            raise ValueError(f"{path.name}:{no}: expected {width} columns and a known kind, got {cells!r}")
        rows.append(cells)
    return rows


def lexicon_rows() -> list[str]:
    names: dict[str, list[str]] = {}
    for table in NAME_TABLES:
        for name, full, kind, inherit in read_table(SOURCE / table, 4):
            if name in names:
                raise ValueError(f"{table}: {name} listed twice")
            names[name] = ["name", name, full, kind, inherit]
    prefixes = [["prefix", p, full, kind, "n"] for p, full, kind in read_table(SOURCE / PREFIX_TABLE, 3)]
    return ["\t".join(r) for r in sorted(names.values()) + sorted(prefixes)]


def jieba_lines(rows: list[str]) -> list[str]:
    words = set()
    for row in rows:
        _, name, full, _, _ = row.split("\t")
        words.update(w for w in (name, full) if len(w) > 1)
    return [f"{w} {JIEBA_FREQ} {JIEBA_TAG}" for w in sorted(words)]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def update_manifest(entries: dict[str, dict[str, str]]) -> None:
    """Set these files' entries in models/manifest.json, keeping the others (t2s.tsv …)."""
    path = HERE / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    manifest.update(entries)
    path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def main() -> None:
    rows = lexicon_rows()
    header = "# type\tname\tfull\tkind\tinherit — built by models/build_lexicon.py from models/lexicon_source/\n"
    (HERE / "units.tsv").write_text(header + "".join(r + "\n" for r in rows), encoding="utf-8")
    (HERE / "jieba_user.txt").write_text("".join(w + "\n" for w in jieba_lines(rows)), encoding="utf-8")
    update_manifest({name: {"version": LEXICON_VERSION, "sha256": sha256(HERE / name)} for name in ("jieba_user.txt", "units.tsv")})
    print(f"wrote {len(rows)} lexicon rows to {HERE / 'units.tsv'}")  # a build script, not the library


if __name__ == "__main__":
    main()
