"""Assemble: draft outline + assignments -> validated ``PolicyDocument``.

Maps fold offsets to raw offsets (and pages), slices surface values from the raw text,
and derives the small task facts (section role, deadline date, targets).
"""
from __future__ import annotations

import calendar
import re

from policyparse._models import model_record
from policyparse._version import __version__
from policyparse.errors import Warn, Warnings, warn
from policyparse.grammar.characters import join_lines, squash
from policyparse.grammar.envelope import org_names
from policyparse.grammar.numerals import DEADLINE_ONGOING
from policyparse.ingest import Source
from policyparse.normalize import Text, fold_string
from policyparse.schema import Deadline, Issue, Meta, ModelInfo, Node, Notice, PolicyDocument, SourceInfo, Span, Target, Unit
from policyparse.structure.draft import Assignments, Draft, DraftNode, FSpan, NodeUnits
from policyparse.units.lexicon import describe_units

# Section roles: (role, pattern over the folded title).  First match wins.
SECTION_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (role, re.compile(pat))
    for role, pat in (
        ("指导思想", r"^(总体要求|指导思想)"),        # 一、指导思想
        ("基本原则", r"^(基本|工作|主要)?原则"),       # 二、工作原则
        ("目标", r"(目标|预期目标)$|^(工作|发展|主要|行动|总体)目标"),  # 三、行动目标
        ("重点任务", r"^(重点|主要|工作)(任务|工作|措施)|^政策措施"),  # 四、重点任务
        ("保障措施", r"^(保障措施|组织(保障|实施|领导)|工作要求|实施保障)"),  # 五、保障措施
    )
)

# Deadline → ISO date.  ``2021年底前`` -> 2021-12-31; ``2023年6月底前`` -> 2023-06-30.
DEADLINE_DATE = re.compile(r"(?P<y>(19|20)\d{2})年(?:(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日)?)?(?P<end>底|末)?")
# A standing task: 长期坚持, 持续推进, 常态化推进.
ONGOING = re.compile(DEADLINE_ONGOING)
# Quantitative targets: ``2个占地500亩以上``, ``增长7%以上``, ``6800个``.
TARGET = re.compile(r"\d+(?:\.\d+)?(?:%|％|个|家|所|亩|万元|亿元|万人次|人次|公里|座|场|户|条|吨|万千瓦|千瓦时|万吨)(?:以上|左右|以内)?")


MODELS = ("t2s.tsv", "units.tsv")  # read by every parse: the folded view and the unit lexicon


def build_document(src: Source, text: Text, draft: Draft, assigned: Assignments, name: str | None) -> PolicyDocument:
    builder = _Builder(text)
    notice = builder.notice(draft) if draft.envelope.present else None
    env = draft.envelope
    sections = builder.tree(draft.nodes, assigned)
    warnings = [builder.issue(w) for w in (*src.warnings, *draft.warnings, *assigned.warnings)]
    meta, model_warnings = models_meta(MODELS)
    return PolicyDocument(
        parser_version=__version__,
        source=SourceInfo(path=name or src.name, sha256=src.sha256, format=src.format, pages=src.pages, encoding=src.encoding),
        notice=notice,
        title=builder.value(env.doc_title) if env.doc_title else None,
        title_span=builder.span(env.doc_title.span) if env.doc_title else None,
        sections=sections,
        warnings=warnings + model_warnings,
        meta=meta,
        text=text.raw,
    )


def models_meta(names: tuple[str, ...], meta: Meta | None = None) -> tuple[Meta, list[Issue]]:
    """``meta`` with the model files ``names`` added, and a W601 for each that differs from
    models/manifest.json (a lexicon edited or rebuilt without its manifest)."""
    models = dict(meta.models) if meta else {}
    warnings = []
    for name in names:
        version, sha, expected = model_record(name)
        models[name] = ModelInfo(version=version, sha256=sha)
        if expected != sha:
            mismatch = warn(Warnings.MODEL_MISMATCH, name=name, sha=sha[:12], expected=(expected or "nothing")[:12])
            warnings.append(Issue(code=mismatch.code, message=mismatch.message))
    return Meta(models=models), warnings




class _Builder:
    def __init__(self, text: Text):
        self.text = text

    def span(self, fspan: FSpan) -> Span:
        a, b = self.text.to_raw(*fspan)
        return Span(start=a, end=b, page=self.text.page_of(a))

    def value(self, fv) -> str:
        """An envelope value as written: the raw surface of its span, lines joined."""
        return join_lines(self.surface(fv.span)).strip()

    def surface(self, fspan: FSpan) -> str:
        return self.text.surface(*fspan)

    def issue(self, w: Warn) -> Issue:
        """The output's ``Issue``: a fold span mapped to the raw text, a page to where it starts."""
        at = w.span
        if at is not None and at.view == "page" and self.text.page_starts:
            start = self.text.page_starts[at.start - 1]
            return Issue(code=w.code, message=w.message, span=Span(start=start, end=start, page=self.text.page_of(start)))
        if at is not None and at.view == "fold":
            return Issue(code=w.code, message=w.message, span=self.span((at.start, at.end)))
        return Issue(code=w.code, message=w.message)

    def units(self, items: list[tuple[FSpan, str, str | None]], addressees: bool = False) -> list[Unit]:
        """One list of units (a node's, 主送机关, 抄送) as (span, role, name), normalised together."""
        names = [name or join_lines(self.surface(fspan)) for fspan, _, name in items]  # a name wrapped over two lines
        infos = describe_units(names, addressees=addressees)
        return [Unit(name=n, role=role, resolved=i.resolved, canonical=i.canonical, alias=i.alias, kind=i.kind,
                     span=self.span(fspan)) for (fspan, role, _), n, i in zip(items, names, infos)]

    def notice(self, draft: Draft) -> Notice:
        env = draft.envelope
        fields = {k: getattr(env, k) for k in ("title", "doc_number", "issuer", "date", "public_note", "printed_by")}
        values = {k: (v.value if k == "date" else self.value(v)) if v else None for k, v in fields.items()}
        if env.issuer:  # joint issuers, one a line or side by side: 中共岳阳市委办公室、岳阳市人民政府办公室
            lines = [part.strip() for part in self.surface(env.issuer.span).split("\n") if part.strip()]
            values["issuer"] = "、".join(name for line in lines for name in side_by_side(line))
        spans = {k: self.span(v.span) for k, v in fields.items() if v}
        return Notice(
            **values,
            addressees=self.units([(s, "responsible", None) for s in env.addressees], addressees=True),
            attachments=[self.value(a) for a in env.attachments],
            cc=self.units([(s, "responsible", None) for s in env.cc]),
            spans=spans,
        )

    def tree(self, nodes: tuple[DraftNode, ...], assigned: Assignments) -> list[Node]:
        kids: dict[int | None, list[int]] = {}
        for i, n in enumerate(nodes):
            if i not in assigned.dropped:
                kids.setdefault(n.parent, []).append(i)

        def make(i: int) -> Node:
            n = nodes[i]
            got = assigned.by_node.get(i, NodeUnits())
            return self.node(n, got, [make(c) for c in kids.get(i, [])])

        return [make(i) for i in kids.get(None, [])]

    def node(self, n: DraftNode, got: NodeUnits, children: list[Node]) -> Node:
        title = clean_title(self.surface(unit_bracket_cut(self.text.fold, n.title, got)))
        body = self.surface(n.body).strip()
        deadline = None
        if got.deadline:
            dtext = self.surface(got.deadline)
            deadline = Deadline(text=dtext, date=deadline_date(self.text.fold[got.deadline[0]:got.deadline[1]]),
                                span=self.span(got.deadline))
        return Node(
            scope=n.scope, path=n.path, marker=self.surface(n.marker), level=n.level, title=title,
            text=body, role=section_role(self.text.fold[n.title[0]:n.title[1]]) if n.level == 1 else None,
            units=self.units([(u.span, u.role, u.name) for u in got.units]), deadline=deadline,
            targets=self.targets(n.body), children=children,
            span=self.span((n.marker[0], n.body[1])),
        )

    def targets(self, body: FSpan) -> list[Target]:
        fold = self.text.fold[body[0]:body[1]]
        return [Target(text=self.surface((body[0] + m.start(), body[0] + m.end())),
                       span=self.span((body[0] + m.start(), body[0] + m.end()))) for m in TARGET.finditer(fold)]


# Bracket pairs on the folded view, closer -> opener.
OPENER = {")": "(", "]": "[", "】": "【", "〕": "〔"}


def unit_bracket_cut(fold: str, title: FSpan, got: NodeUnits) -> FSpan:
    """The title without the bracket it ends in when that bracket is the item's unit list:
    `推进重大项目建设(市发改委、市财政局)` (no role word, so the outline could not tell it from a
    bracketed part of the title; the units stage could)."""
    a, b = title
    while b > a and fold[b - 1] in " \t\n。":
        b -= 1
    if b <= a or not got.units:
        return title
    if fold[b - 1] not in OPENER:
        return _label_part_cut(fold, (a, b), got) or title
    depth, i = 0, b - 1
    while i >= a:
        ch = fold[i]
        if ch in OPENER:
            depth += 1
        elif ch in OPENER.values():
            depth -= 1
            if depth == 0:
                break
        i -= 1
    if i <= a or not any(i < u.span[0] and u.span[1] <= b for u in got.units):
        return title
    while i > a and fold[i - 1] in " \t\n":
        i -= 1
    return (a, i)


# A label closing the lead sentence, after its comma (,牵头部门: / ,责任单位为) or in lenticular brackets
# glued to it (…工程【牵头单位】X).
LABEL_PART = re.compile(r"[,;][\u4e00-\u9fff]{2,8}(?::|为)|【[\u4e00-\u9fff]{2,8}】")


def _label_part_cut(fold: str, title: FSpan, got: NodeUnits) -> FSpan | None:
    """The title without a ``,牵头部门:X`` part that ends it when the item's units stand there
    (``农村道路畅通工程,牵头部门:市交通局``), as a unit bracket is left out."""
    a, b = title
    inside = [u.span[0] for u in got.units if a < u.span[0] and u.span[1] <= b]
    if not inside:
        return None
    first = min(inside)
    cut = next((m for m in LABEL_PART.finditer(fold, a, first) if m.end() == first or not fold[m.end():first].strip()), None)
    return (a, cut.start()) if cut and cut.start() > a else None


def clean_title(s: str) -> str:
    """Title as shown: one line, a colon after the marker and trailing sentence punctuation dropped."""
    s = join_lines(s).strip().lstrip(":： \u3000")  # 第一部分:“十一五”期间…: the colon after the marker
    return s.rstrip("。：:；;，,、 \u3000").strip()


def section_role(title: str) -> str | None:
    t = squash(title)
    for role, pat in SECTION_ROLES:
        if pat.search(t):
            return role
    return None


def deadline_date(fold: str) -> str | None:
    """ISO date a deadline names, when it names a year (the end of the period for 年底/月底);
    ``ongoing`` for a standing task (长期坚持, 持续推进)."""
    if ONGOING.search(fold):
        return "ongoing"
    m = DEADLINE_DATE.search(fold)
    if not m:
        return None
    y = int(m["y"])
    if m["m"] is None:
        return f"{y:04d}-12-31" if (m["end"] or "底" in fold[m.end():m.end() + 2]) else None
    mo = int(m["m"])
    if not 1 <= mo <= 12:
        return None
    if m["d"]:
        return f"{y:04d}-{mo:02d}-{int(m['d']):02d}"
    return f"{y:04d}-{mo:02d}-{calendar.monthrange(y, mo)[1]:02d}"


def side_by_side(line: str) -> list[str]:
    """A signature line's organs as written: joint issuers side by side split at their gap, told
    on the folded view (a traditional-script 常州市教育局 常州市財政局 is two organs as well)."""
    parts = line.split()
    found = org_names(fold_string(line))
    return parts if found is not None and len(found) == len(parts) > 1 else [line]
