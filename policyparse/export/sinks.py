"""Feeding results to their sinks: ledgers (``ledger.Ledger``) and the SQLite store.

``batch_sinks`` names the sinks of a batch run, ``feed_documents`` hands every result JSON to each
of them once, and ``export_results`` is ``policyparse export``: a ledger or a store from existing
results.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from policyparse.errors import BatchError
from policyparse.export.ledger import BATCH_NAMES, TABLES, ColumnMap, Ledger
from policyparse.export.store import Store
from policyparse.schema import PolicyDocument


def batch_sinks(outdir: Path, formats: Iterable[str], columns: ColumnMap | None, db: Path | None) -> list[Any]:
    """The sinks of a batch run: ``OUTDIR/_tasks.FMT`` + ``_task_units.FMT`` (``_ledger.xlsx``), the store."""
    sinks: list[Any] = []
    for fmt in dict.fromkeys(formats):
        if fmt == "xlsx":
            paths = {table: outdir / "_ledger.xlsx" for table in TABLES}
        else:
            paths = {table: outdir / f"{name}.{fmt}" for table, name in BATCH_NAMES.items()}
        sinks.append(Ledger(fmt, paths, columns))
    if db is not None:
        sinks.append(Store(db))
    return sinks


def feed_documents(results: Iterable[Path], sinks: list[Any]) -> int:
    """Load each result JSON once and hand it to every sink; returns the number of documents."""
    count = 0
    with ExitStack() as stack:
        for sink in sinks:
            stack.enter_context(sink)
        for path in results:
            doc = load_result(path)
            for sink in sinks:
                sink.add(doc)
            count += 1
    return count


def load_result(path: Path) -> PolicyDocument:
    """A result JSON written by ``policyparse parse`` or ``batch``."""
    try:
        return PolicyDocument.model_validate_json(path.read_bytes())
    except ValidationError as exc:
        raise BatchError(f"{path}: not a policyparse result ({exc.error_count()} schema errors)") from exc
    except OSError as exc:
        raise BatchError(f"{path}: {exc.strerror or exc}") from exc


def result_files(specs: Iterable[str]) -> Iterator[Path]:
    """Result JSONs named or found in folders (sorted; error records and ``_*.json`` run files left out)."""
    for spec in specs:
        path = Path(spec)
        if path.is_dir():
            found = (p for p in path.rglob("*.json") if _is_result_name(p.relative_to(path)))
            yield from sorted(found, key=lambda p: p.parts)  # the order of batch inputs
        elif path.exists():
            yield path
        else:
            raise BatchError(f"{spec}: no such file or folder")


def _is_result_name(rel: Path) -> bool:
    """Not hidden, not an error record, not a run file of the folder's top (``_summary.json``)."""
    if any(part.startswith(".") for part in rel.parts) or rel.name.endswith(".error.json"):
        return False
    return not (len(rel.parts) == 1 and rel.name.startswith("_"))


EXPORT_SUFFIXES = {".json": "json", ".jsonl": "jsonl", ".csv": "csv", ".xlsx": "xlsx",
                   ".db": "sqlite", ".sqlite": "sqlite", ".sqlite3": "sqlite"}


def export_format(out: Path, fmt: str | None) -> str:
    """The format asked for, or the one the output's suffix names."""
    if fmt:
        return fmt
    try:
        return EXPORT_SUFFIXES[out.suffix.lower()]
    except KeyError:
        raise BatchError(f"{out}: cannot tell the format from the suffix; give --format") from None


def export_results(specs: Iterable[str], out: Path, fmt: str, table: str = "tasks",
                   columns: ColumnMap | None = None,
                   duplicates: list[tuple[str, str]] | None = None) -> dict[str, int]:
    """Build a ledger (or fill a SQLite store) from existing result JSONs; returns row counts.

    csv/json/jsonl hold one table (``table``: tasks or units); xlsx holds both as sheets.  A store
    also counts its ``duplicates`` (results whose content it holds under another path) and, when
    a list is given, appends them to it as (source path, stored path).
    """
    files = list(result_files(specs))
    if fmt == "sqlite":
        sink: Any = Store(out)
    else:
        tables = TABLES if fmt == "xlsx" else {table: None}
        sink = Ledger(fmt, {name: out for name in tables}, columns)
    documents = feed_documents(files, [sink])
    counts = {"documents": documents, **sink.counts()}
    if isinstance(sink, Store):
        counts["duplicates"] = len(sink.duplicates)
        if duplicates is not None:
            duplicates.extend(sink.duplicates)
    return counts
