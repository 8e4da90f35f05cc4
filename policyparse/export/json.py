"""Export: ``PolicyDocument`` -> JSON, the gold annotation view, and the JSON Schema.

Every function here is deterministic: the same document gives the same bytes (key order
follows the model's field order, non-ASCII is written as is, output ends with a newline).
"""
from __future__ import annotations

import json
from typing import Any

from policyparse.schema import ROLES, Node, PolicyDocument, walk

# Notice fields copied as they are into the gold view (addressees are mapped to names).
NOTICE_GOLD_FIELDS = ("title", "doc_number", "issuer", "date", "public_note")
NODE_GOLD_FIELDS = {"scope", "path", "marker", "title"}


def to_json(doc: PolicyDocument, *, indent: int | None = 2) -> str:
    """The whole document as JSON text (UTF-8 characters kept, trailing newline).  Serialised by
    pydantic directly: no dict of the whole document in between (the same bytes as ``json.dumps``
    of ``model_dump``, at a fraction of the memory on long documents; the schema has no floats)."""
    if indent is None:  # one line (the store): json.dumps's ", " and ": " separators, kept as they were
        return _dumps(doc.model_dump(mode="json"), indent=None)
    return doc.model_dump_json(indent=indent) + "\n"


def to_gold(doc: PolicyDocument) -> dict[str, Any]:
    """Map a document onto the gold annotation format of ``tests/golden/README.md``.

    ``{notice, document_title, outline, assignments}``; spans and everything the gold
    format does not annotate are left out.
    """
    nodes = [node for node, _ in walk(doc.sections)]
    return {
        "notice": notice_to_gold(doc),
        "document_title": doc.title,
        "outline": [node.model_dump(include=NODE_GOLD_FIELDS) for node in nodes],
        "assignments": [node_to_assignment(node) for node in nodes if node.units],
    }


def to_gold_json(doc: PolicyDocument, *, indent: int | None = 2) -> str:
    """The gold view as JSON text, keys in the order of the annotation format."""
    return _dumps(to_gold(doc), indent=indent)


def schema_json() -> str:
    """The JSON Schema of ``PolicyDocument`` (what ``models/schema.json`` holds)."""
    return json.dumps(PolicyDocument.model_json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def notice_to_gold(doc: PolicyDocument) -> dict[str, Any] | None:
    """The envelope (公文要素) in gold form: unit objects become their names."""
    if doc.notice is None:
        return None
    fields = doc.notice.model_dump(include=set(NOTICE_GOLD_FIELDS))
    gold = {key: fields[key] for key in NOTICE_GOLD_FIELDS[:4]}
    gold["addressees"] = [unit.name for unit in doc.notice.addressees]
    gold["public_note"] = fields["public_note"]
    return gold


def node_to_assignment(node: Node) -> dict[str, Any]:
    """One gold assignment: the node's units grouped by role, in the order written."""
    entry: dict[str, Any] = {"scope": node.scope, "path": node.path}
    for role in ROLES:
        entry[role] = [unit.name for unit in node.units if unit.role == role]
    entry["deadline"] = node.deadline.text if node.deadline else None
    return entry


def _dumps(data: Any, *, indent: int | None) -> str:
    return json.dumps(data, ensure_ascii=False, indent=indent) + "\n"
