"""Every pydantic model of policyparse's output (the output contract of DESIGN.md).

Field names here are what trackers rely on: changing one bumps ``SCHEMA_VERSION``.
All models are frozen and forbid unknown fields.  Offsets in ``Span`` are character
offsets into ``PolicyDocument.text`` (the normalized text), ``end`` exclusive.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

Role = Literal["lead", "responsible", "supporting"]
ROLES: tuple[str, ...] = get_args(Role)  # in this order everywhere: ledgers, views, the gold format
Scope = Literal["notice", "document"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Span(_Model):
    """Where a value comes from: ``text[start:end]``, and the PDF page (1-based) if known."""

    start: int
    end: int
    page: int | None = None


class Unit(_Model):
    """A responsible unit (责任单位) as written, with its role in the task."""

    name: str = Field(description="surface form exactly as written")
    role: Role
    resolved: str | None = Field(None, description="name with the group's prefix inherited")
    canonical: str | None = Field(None, description="full official name, when known")
    alias: str | None = Field(None, description="second name in brackets, e.g. 人才办 of 区委组织部（人才办）")
    kind: str | None = None
    span: Span


class Deadline(_Model):
    """完成时限: the deadline as written; ``date`` is an ISO date when it names a year, or
    ``ongoing`` for a standing task (长期坚持)."""

    text: str
    date: str | None = None
    span: Span


class Target(_Model):
    """A quantitative target named in a task (``2个占地500亩以上``)."""

    text: str
    span: Span


class Mention(_Model):
    """A unit named in running text without being assigned the task (成立…领导小组, 会同市财政局)."""

    name: str
    canonical: str | None = None
    kind: str | None = None
    span: Span


class Node(_Model):
    """A numbered heading or item of the outline (一、 （一） 1. （1） ① 第一条, table rows)."""

    scope: Scope
    path: str = Field(description="numbers as written of the item and its numbered ancestors, dotted")
    marker: str = Field(description="the marker exactly as written, e.g. （一）")
    level: int = Field(description="depth in the tree, 1 = top")
    title: str
    text: str = Field(description="the item's own text after the marker, children excluded")
    role: str | None = Field(None, description="section role: 指导思想, 基本原则, 目标, 重点任务, 保障措施 …")
    units: list[Unit] = []
    deadline: Deadline | None = None
    targets: list[Target] = []
    mentions: list[Mention] = Field([], description="units named in the text but not assigned (needs Options(nlp=True))")
    keywords: list[str] = Field([], description="task keywords (needs Options(nlp=True))")
    children: list[Node] = []
    span: Span


class Issue(_Model):
    """A coded warning: something odd that the parser noticed and did not silently drop."""

    code: str
    message: str
    span: Span | None = None


class Notice(_Model):
    """The envelope of a covering official document (公文要素, GB/T 9704)."""

    title: str | None = None
    doc_number: str | None = Field(None, description="发文字号, e.g. 粤府〔2021〕22号")
    issuer: str | None = Field(None, description="发文机关署名")
    date: str | None = Field(None, description="成文日期, YYYY-MM-DD")
    addressees: list[Unit] = Field([], description="主送机关, split into units")
    public_note: str | None = Field(None, description="附注, e.g. 此件公开发布")
    attachments: list[str] = []
    cc: list[Unit] = Field([], description="抄送")
    printed_by: str | None = Field(None, description="印发机关和日期")
    spans: dict[str, Span] = Field({}, description="provenance of each string field above")


class SourceInfo(_Model):
    path: str
    sha256: str
    format: Literal["txt", "pdf", "docx", "html", "ofd", "doc"]
    pages: int | None = None
    encoding: str | None = None


class ModelInfo(_Model):
    """A model file a parse used: its version and sha256 (as read, see ``W601``)."""

    version: str | None = None
    sha256: str


class Meta(_Model):
    """How the result was made, besides ``parser_version``."""

    models: dict[str, ModelInfo] = Field({}, description="model files read, by name (models/)")


class PolicyDocument(_Model):
    """What ``policyparse.parse`` returns."""

    schema_version: str = SCHEMA_VERSION
    parser_version: str
    source: SourceInfo
    notice: Notice | None = None
    title: str | None = Field(None, description="title of the main (attached) document")
    title_span: Span | None = None
    sections: list[Node] = []
    warnings: list[Issue] = []
    meta: Meta = Meta()
    text: str = Field(description="the normalized text that every span points into")


STATEMENT_ROLES = frozenset({"指导思想", "基本原则"})


def is_task(node: Node, ancestors: tuple[Node, ...]) -> bool:
    """What a task is (ledgers, the store, ``diff``): a numbered node that names units (any scope),
    or a leaf of the document's own outline outside the 指导思想/基本原则 sections."""
    if node.units:
        return True
    if node.children or node.scope != "document":
        return False
    return not any(n.role in STATEMENT_ROLES for n in (*ancestors, node))


def walk(nodes: Sequence[Node], ancestors: tuple[Node, ...] = ()) -> Iterator[tuple[Node, tuple[Node, ...]]]:
    """Every node of an outline with its ancestors, in reading order (pre-order)."""
    for node in nodes:
        yield node, ancestors
        yield from walk(node.children, (*ancestors, node))


# --------------------------------------------------------------------------- plan against plan (diff)

ChangeKind = Literal["moved", "renumbered", "reworded", "reassigned", "role_changed", "deadline_changed"]
CHANGE_KINDS: tuple[str, ...] = get_args(ChangeKind)
CONTENT_CHANGES = frozenset(CHANGE_KINDS) - {"renumbered"}  # renumbered is not a change of content


class TaskUnit(_Model):
    """A unit of a task as ``diff`` compares it: ``unit`` is the canonical name, else resolved, else as written."""

    unit: str
    name: str = Field(description="as written")
    role: Role


class TaskRef(_Model):
    """One task of one side of a diff."""

    scope: Scope
    path: str
    title: str
    text: str
    section: str | None = Field(None, description="title of the section the task sits in")
    units: list[TaskUnit] = []
    deadline: str | None = Field(None, description="完成时限 as written")
    deadline_date: str | None = None


class WordOp(_Model):
    """One run of a word-level diff of a task's text: kept, inserted or deleted words."""

    op: Literal["equal", "insert", "delete"]
    text: str


class RoleChange(_Model):
    unit: str
    old: Role
    new: Role


class TaskMatch(_Model):
    """An old task and the new task it became, with what changed (empty ``changes``: the same task)."""

    old: TaskRef
    new: TaskRef
    score: float = Field(description="content similarity, 0..1")
    changes: list[ChangeKind] = []
    words: list[WordOp] = Field([], description="word-level diff of the text, when reworded")
    units_added: list[str] = []
    units_removed: list[str] = []
    roles: list[RoleChange] = []


class TaskSplit(_Model):
    """One old task that became several new ones."""

    old: TaskRef
    new: list[TaskRef]
    score: float


class TaskMerge(_Model):
    """Several old tasks that became one new one."""

    old: list[TaskRef]
    new: TaskRef
    score: float


class DocumentRef(_Model):
    path: str
    sha256: str
    title: str | None = None
    doc_number: str | None = None
    date: str | None = None


class PlanDiff(_Model):
    """What ``policyparse.diff(old, new)`` returns: the change list between two versions of a plan."""

    schema_version: str = SCHEMA_VERSION
    parser_version: str
    old: DocumentRef
    new: DocumentRef
    added: list[TaskRef] = []
    removed: list[TaskRef] = []
    matched: list[TaskMatch] = []
    split: list[TaskSplit] = []
    merged: list[TaskMerge] = []
    counts: dict[str, int] = Field({}, description="tasks per change type (matched: all matches)")
