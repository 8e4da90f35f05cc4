"""Gold annotation files (``NAME.gold.json``, the format of tests/golden/README.md): read and check.

The format is pydantic models with ``extra="forbid"`` (a misspelt key is an error, not a silent
miss).  ``load_gold`` reads one file and raises ``GoldError`` naming the file and the first
problem; ``gold_problem`` returns that problem (or None) for an already-parsed annotation.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from policyparse.errors import PolicyParseError
from policyparse.schema import ROLES

Scope = Literal["notice", "document"]


class GoldError(PolicyParseError):
    """A gold annotation file that does not follow the corpus/README.md format."""


class _Gold(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class GoldNotice(_Gold):
    title: str | None
    doc_number: str | None
    issuer: str | None
    date: str | None
    addressees: list[str]
    public_note: str | None


class GoldNode(_Gold):
    scope: Scope
    path: str
    marker: str
    title: str


class GoldAssignment(_Gold):
    scope: Scope
    path: str
    lead: list[str]
    responsible: list[str]
    supporting: list[str]
    deadline: str | None


class GoldFile(_Gold):
    id: str | None = None
    source: str | None = None
    truncated: bool | None = None
    notice: GoldNotice | None
    document_title: str | None
    outline: list[GoldNode]
    assignments: list[GoldAssignment]

    @model_validator(mode="after")
    def _assignments_name_outline_items(self) -> GoldFile:
        nodes = {(n.scope, n.path) for n in self.outline}
        for i, a in enumerate(self.assignments):
            if (a.scope, a.path) not in nodes:
                raise ValueError(f"assignments[{i}]: {a.scope} {a.path} is not in the outline")
        return self


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
    try:
        GoldFile.model_validate(gold)
    except ValidationError as exc:
        return _describe(exc.errors()[0])
    return None


def _describe(error: dict[str, Any]) -> str:
    """One pydantic error as the format's words: ``outline[0]: missing key 'title'``."""
    loc = list(error["loc"])
    where = _where(loc[:-1]) if loc else "gold file"
    field = loc[-1] if loc else None
    kind = error["type"]
    if kind == "missing":
        return f"{where or 'gold file'}: missing key {field!r}"
    if kind == "extra_forbidden":
        return f"{where or 'gold file'}: unknown key {field!r}"
    if kind == "literal_error" and field == "scope":
        return f"{_where(loc)}: scope must be 'notice' or 'document', found {error['input']!r}"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    lists = [k for k, part in enumerate(loc) if part in (*ROLES, "addressees")]
    if lists:  # assignments[0].lead, notice.addressees[2]
        return f"{_where(loc[:lists[-1] + 1])}: expected a list of strings"
    if kind == "list_type":
        return f"{_where(loc)}: expected a list"
    return f"{_where(loc)}: {error['msg'].lower()}"


def _where(loc: list) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
