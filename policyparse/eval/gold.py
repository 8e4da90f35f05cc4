"""Gold annotation files (``NAME.gold.json``, the format of tests/golden/README.md): read and check.

``load_gold`` reads one file and raises ``GoldError`` naming the file and the first problem;
``gold_problem`` returns that problem (or None) for an already-parsed annotation.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from policyparse.errors import PolicyParseError
from policyparse.schema import ROLES

TOP_KEYS = ("notice", "document_title", "outline", "assignments")
NOTICE_KEYS = ("title", "doc_number", "issuer", "date", "addressees", "public_note")
OUTLINE_KEYS = ("scope", "path", "marker", "title")
ASSIGNMENT_KEYS = ("scope", "path", "lead", "responsible", "supporting", "deadline")
SCOPES = ("notice", "document")


class GoldError(PolicyParseError):
    """A gold annotation file that does not follow the corpus/README.md format."""


def gold_key(entry: dict[str, Any]) -> tuple[str, str]:
    """(scope, path): how outline entries and assignments refer to a node."""
    return entry["scope"], entry["path"]


def load_gold(path: Path) -> dict[str, Any]:
    """Read and validate one gold file; a ``GoldError`` names the file and what is wrong."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path}: not valid UTF-8 JSON ({exc})") from exc
    problem = gold_problem(gold)
    if problem:
        raise GoldError(f"{path}: {problem}")
    return gold


def gold_problem(gold: Any) -> str | None:
    """The first thing wrong with a gold annotation, or None when it is valid."""
    if not isinstance(gold, dict):
        return "expected a JSON object"
    checks: tuple[Callable[[], str | None], ...] = (
        lambda: _missing(gold, TOP_KEYS, "gold file"),
        lambda: _notice_problem(gold["notice"]),
        lambda: _optional_str(gold, "document_title", "document_title"),
        lambda: _list_problem(gold, "outline", _outline_problem),
        lambda: _list_problem(gold, "assignments", _assignment_problem),
        lambda: _dangling_assignment(gold),
    )
    return next((problem for problem in (check() for check in checks) if problem), None)


def _missing(entry: dict, keys: tuple[str, ...], where: str) -> str | None:
    absent = [key for key in keys if key not in entry]
    return f"{where}: missing key {', '.join(map(repr, absent))}" if absent else None


def _optional_str(entry: dict, key: str, where: str) -> str | None:
    value = entry.get(key)
    return None if value is None or isinstance(value, str) else f"{where}: expected a string or null"


def _str_list(value: Any, where: str) -> str | None:
    ok = isinstance(value, list) and all(isinstance(item, str) for item in value)
    return None if ok else f"{where}: expected a list of strings"


def _notice_problem(notice: Any) -> str | None:
    if notice is None:
        return None
    if not isinstance(notice, dict):
        return "notice: expected an object or null"
    checks = [_missing(notice, NOTICE_KEYS, "notice")]
    checks += [_optional_str(notice, key, f"notice.{key}") for key in NOTICE_KEYS if key != "addressees"]
    checks.append(_str_list(notice.get("addressees", []), "notice.addressees"))
    return next((problem for problem in checks if problem), None)


def _list_problem(gold: dict, key: str, check: Callable[[Any, str], str | None]) -> str | None:
    entries = gold.get(key)
    if not isinstance(entries, list):
        return f"{key}: expected a list"
    problems = (check(entry, f"{key}[{i}]") for i, entry in enumerate(entries))
    return next((problem for problem in problems if problem), None)


def _node_problem(entry: Any, where: str, keys: tuple[str, ...]) -> str | None:
    if not isinstance(entry, dict):
        return f"{where}: expected an object"
    missing = _missing(entry, keys, where)
    if missing:
        return missing
    if entry["scope"] not in SCOPES:
        return f"{where}: scope must be 'notice' or 'document', found {entry['scope']!r}"
    return None if isinstance(entry["path"], str) else f"{where}: path must be a string"


def _outline_problem(entry: Any, where: str) -> str | None:
    problem = _node_problem(entry, where, OUTLINE_KEYS)
    return problem or (None if isinstance(entry["title"], str) else f"{where}: title must be a string")


def _assignment_problem(entry: Any, where: str) -> str | None:
    checks = [_node_problem(entry, where, ASSIGNMENT_KEYS)]
    if not checks[0]:
        checks += [_str_list(entry[role], f"{where}.{role}") for role in ROLES]
        checks.append(_optional_str(entry, "deadline", f"{where}.deadline"))
    return next((problem for problem in checks if problem), None)


def _dangling_assignment(gold: dict) -> str | None:
    nodes = {gold_key(entry) for entry in gold["outline"]}
    for i, entry in enumerate(gold["assignments"]):
        if gold_key(entry) not in nodes:
            return f"assignments[{i}]: {entry['scope']} {entry['path']} is not in the outline"
    return None
