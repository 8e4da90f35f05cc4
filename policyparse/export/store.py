"""The SQLite store (``--db FILE``, stdlib ``sqlite3``): documents, tasks, units.

Tables:
    documents  one row per document content: sha256 (key), source_path, doc_number, title,
               issuer, date, parser_version, schema_version, json (the whole result)
    tasks      one row per ledger task (``ledger.is_task``), ``seq`` numbered per document
    units      one row per task × unit, with role and names

History: every revision of a document is kept (issue 14).  Rows are keyed by content hash,
and each belongs to a document key (``doc_key``) with a revision number 1, 2, …:
    same sha256, same parser version      -> no-op ("unchanged"), whatever the path
    same sha256, other parser version     -> the row's tasks and units are rebuilt ("updated"),
                                             key and revision kept
    new sha256                            -> a new revision ("revised", or "inserted" when it is
                                             the key's first) of the key chosen by, in order: a
                                             stated key (``add(doc, key=…)``); the key of the
                                             same source path; the key of a document with the
                                             same title once digits are removed (2023年 / 2024年
                                             versions) and the same issuer; else the source path.
The views ``latest_documents`` and ``latest_tasks`` hold the last revision of every key.
**Duplicates**: a document whose content is stored already under another source path (two
identical files at two paths) is stored once; ``Store.duplicates`` lists each such
``(source path, stored path)`` so that batch and export can say so (the ledgers keep a row per
input, the store a row per content).
A database made before history (no ``doc_key``) is migrated when opened: every row becomes
revision 1 of the key of its source path.
The task and unit rows are the ledger's rows, so their counts match the JSON ledgers.
"""
from __future__ import annotations

import re
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
    doc_key TEXT, revision INTEGER,
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
HISTORY = """
CREATE INDEX IF NOT EXISTS documents_key ON documents(doc_key, revision);
CREATE VIEW IF NOT EXISTS latest_documents AS
    SELECT d.* FROM documents d
    WHERE d.revision = (SELECT MAX(revision) FROM documents e WHERE e.doc_key = d.doc_key);
CREATE VIEW IF NOT EXISTS latest_tasks AS
    SELECT t.* FROM tasks t JOIN latest_documents d ON d.sha256 = t.document_sha256;
"""
DOCUMENT_COLUMNS = ("sha256", "source_path", "doc_key", "revision", "doc_number", "title", "issuer", "date",
                    "parser_version", "schema_version", "json")
_DIGITS = re.compile(r"[0-9０-９〇零一二三四五六七八九十]+年?|\s+")
TASK_FIELDS = ("seq", "path", "section", "title", "text", "lead", "responsible", "supporting",
               "deadline", "deadline_date", "page")


class Store:
    """A SQLite file of documents, tasks and units; use as a context manager (commits on success)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.conn: sqlite3.Connection | None = None
        self.actions = {"inserted": 0, "revised": 0, "updated": 0, "unchanged": 0}
        self.closed_counts: dict[str, int] | None = None
        self.duplicates: list[tuple[str, str]] = []  # (source path, path it is stored under), in order

    def __enter__(self) -> Store:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(self.path)
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.executescript(SCHEMA)
        migrate(self.conn)
        self.conn.executescript(HISTORY)
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

    def add(self, doc: PolicyDocument, key: str | None = None) -> str:
        """Store one document as a revision (rules in the module docstring); returns what happened."""
        conn = self._connection()
        sha = doc.source.sha256
        known = conn.execute("SELECT parser_version, doc_key, revision, source_path FROM documents WHERE sha256 = ?",
                             (sha,)).fetchone()
        if known is not None and known[3] != doc.source.path:
            self.duplicates.append((doc.source.path, known[3]))
        if known is not None and known[0] == doc.parser_version:
            action = "unchanged"
        elif known is not None:
            conn.execute("DELETE FROM documents WHERE sha256 = ?", (sha,))
            self._insert(conn, doc, known[1], known[2])
            action = "updated"
        else:
            doc_key = key or self._key_for(conn, doc)
            last = conn.execute("SELECT MAX(revision) FROM documents WHERE doc_key = ?", (doc_key,)).fetchone()[0]
            self._insert(conn, doc, doc_key, (last or 0) + 1)
            action = "revised" if last else "inserted"
        self.actions[action] += 1
        return action

    def _key_for(self, conn: sqlite3.Connection, doc: PolicyDocument) -> str:
        same_path = conn.execute("SELECT doc_key FROM documents WHERE source_path = ? ORDER BY revision DESC LIMIT 1",
                                 (doc.source.path,)).fetchone()
        if same_path:
            return same_path[0]
        shared = document_fields(doc)
        title = title_key(doc.title or (doc.notice.title if doc.notice else None))
        if title:
            for doc_key, other, issuer in conn.execute("SELECT doc_key, title, issuer FROM documents ORDER BY doc_key, revision"):
                if title_key(other) == title and issuer == shared["issuer"]:
                    return doc_key
        return doc.source.path

    def keys(self) -> list[tuple[str, int, str | None, str | None]]:
        """(key, revisions, latest title, latest date) of every document key, sorted by key."""
        return self._connection().execute(
            "SELECT doc_key, (SELECT COUNT(*) FROM documents e WHERE e.doc_key = d.doc_key), title, date "
            "FROM latest_documents d ORDER BY doc_key").fetchall()

    def revisions(self, key: str) -> list[tuple[int, str, str, str | None, str | None, int]]:
        """(revision, sha256, source path, title, date, tasks) of one key, oldest first."""
        return self._connection().execute(
            "SELECT revision, sha256, source_path, title, date, "
            "(SELECT COUNT(*) FROM tasks t WHERE t.document_sha256 = d.sha256) "
            "FROM documents d WHERE doc_key = ? ORDER BY revision", (key,)).fetchall()

    def document(self, key: str, revision: int) -> PolicyDocument | None:
        """One stored revision as a document (None when the store has no such revision)."""
        row = self._connection().execute("SELECT json FROM documents WHERE doc_key = ? AND revision = ?",
                                         (key, revision)).fetchone()
        return PolicyDocument.model_validate_json(row[0]) if row else None

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

    def _insert(self, conn: sqlite3.Connection, doc: PolicyDocument, doc_key: str, revision: int) -> None:
        shared = document_fields(doc)
        conn.execute(
            f"INSERT INTO documents ({', '.join(DOCUMENT_COLUMNS)}) VALUES ({', '.join('?' * len(DOCUMENT_COLUMNS))})",
            (doc.source.sha256, doc.source.path, doc_key, revision, shared["doc_number"], shared["document"],
             shared["issuer"], shared["date"], doc.parser_version, doc.schema_version, to_json(doc, indent=None)),
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


def migrate(conn: sqlite3.Connection) -> None:
    """A store made before history: add ``doc_key`` and ``revision``, each row revision 1 of its path."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(documents)")}
    if "doc_key" not in columns:
        conn.execute("ALTER TABLE documents ADD COLUMN doc_key TEXT")
        conn.execute("ALTER TABLE documents ADD COLUMN revision INTEGER")
        conn.execute("UPDATE documents SET doc_key = source_path, revision = 1")


def title_key(title: str | None) -> str | None:
    """A title with years and numbers taken out, so that the 2023 and 2024 versions meet."""
    if not title:
        return None
    return _DIGITS.sub("", title) or None
