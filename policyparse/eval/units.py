"""Score unit normalisation (``lexicon.describe_units``) against hand-made gold.

Gold file (tests/golden/units_gold.tsv): one row per unit mention, tab-separated, header
``doc context index name resolved canonical alias kind``; empty canonical/alias = null.  The
rows of one (doc, context) are one list, in order (index 0, 1, …), so each list is described
as a whole, exactly as the parser does.  The sample notice's rows are also scored apart.
"""
from __future__ import annotations

import csv
from pathlib import Path

from policyparse.units.lexicon import describe_units

UNITS_GOLD_COLUMNS = ["doc", "context", "index", "name", "resolved", "canonical", "alias", "kind"]
FIELDS = ("resolved", "canonical", "alias", "kind")
SAMPLE = "wujiang_silk_2021"


def read_gold(path: str | Path) -> dict[tuple[str, str], list[dict[str, str]]]:
    """Gold rows grouped by list; raises ValueError naming the file and row when malformed."""
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        if reader.fieldnames != UNITS_GOLD_COLUMNS:
            raise ValueError(f"{path}: expected columns {UNITS_GOLD_COLUMNS}, found {reader.fieldnames}")
        groups: dict[tuple[str, str], list[dict[str, str]]] = {}
        for row in reader:
            group = groups.setdefault((row["doc"], row["context"]), [])
            if row["index"] != str(len(group)) or not row["name"] or not row["kind"]:
                raise ValueError(f"{path}: row {row} out of order or missing name/kind")
            group.append(row)
    return groups


def score_units_gold(path: str | Path) -> dict:
    """Accuracy of resolved / canonical / alias / kind over all rows and over the sample notice."""
    tallies = {scope: {f: 0 for f in ("rows", *FIELDS, "given", "given_right", "named", "named_given")}
               for scope in ("all", "sample")}
    misses = []
    for (doc, context), rows in sorted(read_gold(path).items()):
        infos = describe_units([r["name"] for r in rows], addressees=context == "addressees")
        for row, info in zip(rows, infos):
            got = {"resolved": info.resolved, "canonical": info.canonical or "", "alias": info.alias or "", "kind": info.kind}
            for scope in ("all", "sample") if doc == SAMPLE else ("all",):
                tallies[scope]["rows"] += 1
                for f in FIELDS:
                    tallies[scope][f] += got[f] == row[f]
                tallies[scope]["given"] += bool(got["canonical"])
                tallies[scope]["given_right"] += bool(got["canonical"]) and got["canonical"] == row["canonical"]
                tallies[scope]["named"] += bool(row["canonical"])  # a unit that has a full name (gold)
                tallies[scope]["named_given"] += bool(row["canonical"]) and bool(got["canonical"])
            misses += [(doc, context, row["name"], f, row[f], got[f]) for f in FIELDS if got[f] != row[f]]
    return {scope: _accuracies(t) for scope, t in tallies.items()} | {"misses": misses}


def _accuracies(tally: dict[str, int]) -> dict:
    """Accuracy of each field, and for canonical also how often one is given (``given``: a
    share of all rows), how often a given one is right (``given_right``: of those given) and how
    often a unit that has a full name gets one (``coverage``: of the rows whose gold names one;
    collectives such as 各市人民政府 have none)."""
    n, given, named = tally["rows"], tally["given"], tally["named"]
    return ({"rows": n} | {f: round(tally[f] / n, 4) if n else 0.0 for f in FIELDS}
            | {"given": round(given / n, 4) if n else 0.0, "given_right": round(tally["given_right"] / given, 4) if given else 0.0,
               "coverage": round(tally["named_given"] / named, 4) if named else 0.0})


def units_gold_lines(report: dict, verbose: bool = False) -> list[str]:
    """The report as table lines for ``policyparse eval --units-gold``; misses too when verbose."""
    columns = (*FIELDS, "given", "given_right", "coverage")
    lines = [f"{'units gold':<18}{'rows':>6}" + "".join(f"{f:>12}" for f in columns)]
    for scope in ("all", "sample"):
        r = report[scope]
        lines.append(f"{scope:<18}{r['rows']:>6}" + "".join(f"{r[f]:>12.4f}" for f in columns))
    lines.append("(given: canonical names given, of all rows; given_right: right, of those given; coverage: given, of the "
                 "rows whose gold has a full name)")
    if verbose:
        lines += [f"  {doc} {ctx} {name}: {field} gold={want!r} got={got!r}" for doc, ctx, name, field, want, got in report["misses"]]
    return lines
