"""Intermediate (draft) types passed between the structure and units stages.

Offsets here are into ``Text.fold``; ``assemble`` maps them to raw offsets for the output.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from policyparse.errors import Warn

FSpan = tuple[int, int]  # (start, end) in Text.fold


@dataclass(frozen=True)
class FieldValue:
    """An envelope value with its fold span; ``value`` may differ from the surface (a date in ISO)."""

    value: str
    span: FSpan


@dataclass(frozen=True)
class Envelope:
    """公文要素 found around the main document."""

    title: FieldValue | None = None
    doc_number: FieldValue | None = None
    issuer: FieldValue | None = None
    date: FieldValue | None = None
    addressees: tuple[FSpan, ...] = ()
    public_note: FieldValue | None = None
    attachments: tuple[FieldValue, ...] = ()
    cc: tuple[FSpan, ...] = ()
    printed_by: FieldValue | None = None
    doc_title: FieldValue | None = None
    # Where the covering notice's body is (its numbered points are scope "notice") and
    # where the main document starts.
    notice_body: FSpan | None = None
    document_start: int = 0
    # Where a second transmitted document starts (its own title line), if the text goes on to it.
    second_document: FieldValue | None = None
    skip: tuple[FSpan, ...] = ()  # never outline items: 附件：1.…  2.…, a site footer
    present: bool = False


@dataclass(frozen=True)
class TableCells:
    """Cells of one table row, by column kind (task, unit, lead, supporting, deadline, …)."""

    by_kind: dict[str, tuple[FSpan, ...]]


@dataclass(frozen=True)
class DraftNode:
    scope: str
    path: str
    marker: FSpan
    level: int
    title: FSpan
    body: FSpan  # the item's own text after the marker, children excluded
    parent: int | None
    style: str
    cells: TableCells | None = None


@dataclass(frozen=True)
class Draft:
    envelope: Envelope
    nodes: tuple[DraftNode, ...]
    warnings: tuple[Warn, ...] = ()


@dataclass(frozen=True)
class DraftUnit:
    span: FSpan
    role: str
    name: str | None = None  # only when the name is not the plain surface of span


@dataclass(frozen=True)
class NodeUnits:
    units: tuple[DraftUnit, ...] = ()
    deadline: FSpan | None = None


@dataclass(frozen=True)
class Assignments:
    by_node: dict[int, NodeUnits] = field(default_factory=dict)
    dropped: frozenset[int] = frozenset()
    warnings: tuple[Warn, ...] = ()
