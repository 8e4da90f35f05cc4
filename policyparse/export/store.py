"""The SQLite store (``--db FILE``, stdlib ``sqlite3``): documents, tasks, units.

Tables:
    documents  one row per document content: sha256 (key), source_path, doc_number, title,
               issuer, date, parser_version, schema_version, json (the whole result)
    tasks      one row per ledger task (``ledger.is_task``), ``seq`` numbered per document
    units      one row per task × unit, with role and names

Upserts are keyed by content hash:
    same sha256, same parser version      -> no-op ("unchanged"), whatever the path
    same sha256, other parser version     -> the document's rows are replaced ("updated")
    new sha256 at a source path the store already has -> that path's old document (and its
                                             tasks and units) is replaced ("updated")
    new sha256 at a new path              -> inserted ("inserted")
so re-ingesting a revised plan under the same name updates it instead of adding a duplicate.
A path's old document is removed even when its new content is already stored under another
path (one row per content: that row keeps the path it was first stored under).
The task and unit rows are the ledger's rows, so their counts match the JSON ledgers.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from policyparse.export.json import to_json
from policyparse.export.ledger import document_fields, document_rows
from policyparse.schema import PolicyDocument

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    sha256 TEXT PRIMARY KEY,
    source_path TEXT NOT NULL,
    doc_number TEXT, title TEXT, issuer TEXT, date TEXT,
    parser_version TEXT NOT NULL,
    schema_version TEXT NOT NULL,
    json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_source_path ON documents(source_path);
CREATE TABLE IF NOT EXISTS tasks (
    id INTEGER PRIMARY KEY,
    document_sha256 TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
    seq INTEGER NOT NULL, scope TEXT NOT NULL, path TEXT NOT NULL, section TEXT, title TEXT, text TEXT,
    lead TEXT, responsible TEXT, supporting TEXT, deadline TEXT, deadline_date TEXT, page INTEGER,
    UNIQUE (document_sha256, seq)
);
CREATE TABLE IF NOT EXISTS units (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    document_sha256 TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
    name TEXT NOT NULL, unit TEXT NOT NULL, role TEXT NOT NULL,
    resolved TEXT, canonical TEXT, alias TEXT, kind TEXT
);
CREATE INDEX IF NOT EXISTS units_task ON units(task_id);
CREATE INDEX IF NOT EXISTS tasks_document ON tasks(document_sha256);
"""
TASK_FIELDS = ("seq", "path", "section", "title", "text", "lead", "responsible", "supporting",
               "deadline", "deadline_date", "page")


class Store:
    """A SQLite file of documents, tasks and units; use as a context manager (commits on success)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.conn: sqlite3.Connection | None = None
        self.actions = {"inserted": 0, "updated": 0, "unchanged": 0}
        self.closed_counts: dict[str, int] | None = None

    def __enter__(self) -> Store:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(self.path)
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.executescript(SCHEMA)
        return self

    def __exit__(self, *exc: Any) -> None:
        assert self.conn is not None
        if exc[0] is None:
            self.conn.commit()
            self.closed_counts = self.counts()  # what ``counts`` reports once the store is closed
        else:
            self.conn.rollback()
        self.conn.close()
        self.conn = None

    def add(self, doc: PolicyDocument) -> str:
        """Upsert one document (rules in the module docstring); returns what happened."""
        conn = self._connection()
        sha, path = doc.source.sha256, doc.source.path
        stale = conn.execute("DELETE FROM documents WHERE source_path = ? AND sha256 != ?", (path, sha)).rowcount
        known = conn.execute("SELECT parser_version FROM documents WHERE sha256 = ?", (sha,)).fetchone()
        if known is not None and known[0] == doc.parser_version:
            action = "updated" if stale else "unchanged"
        else:
            stale += conn.execute("DELETE FROM documents WHERE sha256 = ?", (sha,)).rowcount
            self._insert(conn, doc)
            action = "updated" if stale else "inserted"
        self.actions[action] += 1
        return action

    def counts(self) -> dict[str, int]:
        """Rows in each table (after the with-block: as committed)."""
        if self.conn is None and self.closed_counts is not None:
            return dict(self.closed_counts)
        conn = self._connection()
        return {table: conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: S608 (fixed names)
                for table in ("documents", "tasks", "units")}

    def _connection(self) -> sqlite3.Connection:
        if self.conn is None:
            raise RuntimeError("Store used outside its with-block")
        return self.conn

    def _insert(self, conn: sqlite3.Connection, doc: PolicyDocument) -> None:
        shared = document_fields(doc)
        conn.execute(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc.source.sha256, doc.source.path, shared["doc_number"], shared["document"], shared["issuer"],
             shared["date"], doc.parser_version, doc.schema_version, to_json(doc, indent=None)),
        )
        for task, units, node in document_rows(doc):
            values = [task[key] for key in TASK_FIELDS]
            cursor = conn.execute(
                f"INSERT INTO tasks (document_sha256, scope, {', '.join(TASK_FIELDS)}) "
                f"VALUES (?, ?, {', '.join('?' * len(TASK_FIELDS))})",
                (doc.source.sha256, node.scope, *values),
            )
            conn.executemany(
                "INSERT INTO units (task_id, document_sha256, name, unit, role, resolved, canonical, alias, kind) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(cursor.lastrowid, doc.source.sha256, unit.name, row["unit"], unit.role, unit.resolved,
                  unit.canonical, unit.alias, unit.kind) for unit, row in zip(node.units, units)],
            )
