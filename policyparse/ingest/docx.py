"""DOCX reader: body paragraphs and tables in order, Word's automatic numbering made visible.

Stages: ``bytes_to_document`` (python-docx; bad packages raise ``CorruptInput``) →
``body_to_blocks`` (``w:p`` / ``w:tbl`` in body order, content controls unwrapped) →
``paragraph_to_line`` (run text, with the list label rendered by ``Numbering``) and
``table_to_rows`` (``cell | cell |`` rows).  Headers, footers, comments and deleted text are
not read.  Auto-numbered paragraphs get their label (``一、``, ``（一）``, ``1.``) computed from
numbering.xml (numId → abstractNum → lvl: numFmt, lvlText, start, lvlRestart, startOverride),
so a numbered outline typed with Word's list feature reads like the same text typed by hand.

Over 400 lines: the numbering model (numbering.xml levels, overrides, restarts) is one job with
the paragraph walk that advances it; split apart, each half would need the other's state.
"""
from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from policyparse.errors import CorruptInput, EmptyInput, UnsupportedFormat
from policyparse.grammar.markers import ENCLOSED_PAREN_CN
from policyparse.ingest.source import Source

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W_NS}
MAX_GRID_COLUMNS = 63  # Word's own limit on table columns: w:gridSpan / w:gridBefore beyond it are damage
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: encrypted .docx or legacy .doc

# zipfile's KeyError: "There is no item named 'word/document.xml' in the archive"
MISSING_MEMBER = re.compile(r"named\s'(?P<part>[^']+)'", re.VERBOSE)
# %1 … %9 placeholders inside a level's text: "（%1）" → "（一）", "%1.%2." → "1.2."
LEVEL_PLACEHOLDER = re.compile(r"%([1-9])")
# A label that already ends in punctuation is followed directly by the text: "一、" + "指导思想".
LABEL_ENDS_IN_PUNCTUATION = re.compile(r"[、.．:：)）\]】〕]$")

_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PARENTHESIZED = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_FULLSTOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_IDEOGRAPH_PAREN = ENCLOSED_PAREN_CN  # ㈠ … ㈩
_IDEOGRAPH_CIRCLE = "㊀㊁㊂㊃㊄㊅㊆㊇㊈㊉"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _val(element: etree._Element | None, default: str | None = None) -> str | None:
    """The ``w:val`` attribute of ``element`` (None-safe)."""
    if element is None:
        return default
    return element.get(_w("val"), default)


# ---------------------------------------------------------------------------- number formats
def _int(value: str | None, default):
    """A numeric attribute as Word reads it: a value that is no number counts as absent."""
    try:
        return int(value) if value else default
    except ValueError:
        return default


def chinese_counting(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 21 → 二十一, 105 → 一百零五, 110 → 一百一十 (chineseCounting)."""
    if not 0 < n < 1000:
        return str(n)
    hundreds, tens, ones = n // 100, n // 10 % 10, n % 10
    out = _CN_DIGITS[hundreds] + "百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else _CN_DIGITS[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    return out + (_CN_DIGITS[ones] if ones else "")


def _from_table(table: str, n: int) -> str:
    return table[n - 1] if 1 <= n <= len(table) else str(n)


def _letters(n: int) -> str:
    """Word's letter lists repeat the letter: 1 → a, 26 → z, 27 → aa."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _roman(n: int) -> str:
    out = []
    for value, numeral in _ROMAN:
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


NUMBER_FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    "decimalHalfWidth": str,
    "chineseCounting": chinese_counting,
    "chineseCountingThousand": chinese_counting,
    "japaneseCounting": chinese_counting,
    "taiwaneseCounting": chinese_counting,
    "ideographDigital": lambda n: "".join(_CN_DIGITS[int(d)] for d in str(n)),
    "taiwaneseDigital": lambda n: "".join(_CN_DIGITS[int(d)] for d in str(n)),
    "chineseLegalSimplified": lambda n: "".join(_CN_LEGAL[int(d)] for d in str(n)),
    "ideographTraditional": lambda n: _from_table(_HEAVENLY_STEMS, n),
    "ideographZodiac": lambda n: _from_table(_EARTHLY_BRANCHES, n),
    "decimalEnclosedCircle": lambda n: _from_table(_CIRCLED, n),
    "decimalEnclosedCircleChinese": lambda n: _from_table(_CIRCLED, n),
    "decimalEnclosedParen": lambda n: _from_table(_PARENTHESIZED, n),
    "decimalEnclosedFullstop": lambda n: _from_table(_FULLSTOP, n),
    "ideographEnclosedCircle": lambda n: _from_table(_IDEOGRAPH_CIRCLE, n),
    "ideographParenthesized": lambda n: _from_table(_IDEOGRAPH_PAREN, n),
    "lowerLetter": _letters,
    "upperLetter": lambda n: _letters(n).upper(),
    "lowerRoman": _roman,
    "upperRoman": lambda n: _roman(n).upper(),
    "none": lambda n: "",
}


# ---------------------------------------------------------------------------- numbering
@dataclass(frozen=True)
class Level:
    """One ``w:lvl`` of an abstract numbering definition."""

    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: int | None = None  # lvlRestart: 0 = never, k = after any level < k is used
    legal: bool = False  # isLgl: every placeholder rendered as decimal ("1.2.")
    style: str | None = None  # pStyle: the paragraph style bound to this level (Heading2 → ilvl 1)

    @classmethod
    def from_xml(cls, lvl: etree._Element) -> Level:
        restart, legal = _val(lvl.find("w:lvlRestart", NS)), lvl.find("w:isLgl", NS)
        return cls(
            fmt=_val(lvl.find("w:numFmt", NS), "decimal") or "decimal",
            text=_val(lvl.find("w:lvlText", NS), "") or "",
            start=_int(_val(lvl.find("w:start", NS)), 1),
            restart=_int(restart, None),
            legal=legal is not None and _val(legal, "1") not in ("0", "false"),
            style=_val(lvl.find("w:pStyle", NS)),
        )

    def restarts_after(self, used: int, own: int) -> bool:
        """Does using level ``used`` reset this level (which sits at ``own``)?"""
        return used < (own if self.restart is None else self.restart)


@dataclass
class Numbering:
    """Renders list labels from numbering.xml, keeping Word's counters as the body is read.

    Counters are kept per abstract definition, so two ``w:num`` that share one continue each
    other, unless a ``w:num`` carries a ``w:startOverride`` (then it restarts on first use).
    An abstractNum that only links to a numbering style (``w:numStyleLink``) uses the
    definition behind that style.
    """

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)  # abstractNumId → ilvl → Level
    nums: dict[str, str] = field(default_factory=dict)  # numId → abstractNumId
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId → ilvl → start
    style_nums: dict[str, tuple[str, int | None]] = field(default_factory=dict)  # styleId → (numId, ilvl)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    @classmethod
    def from_xml(cls, numbering: etree._Element | None, styles: etree._Element | None) -> Numbering:
        self = cls()
        links = self._read_definitions(numbering) if numbering is not None else {}
        self.style_nums = _style_numbering(styles) if styles is not None else {}
        for abstract_id, style_id in links.items():
            target = self.nums.get(self.style_nums.get(style_id, ("", None))[0], "")
            if target in self.levels and target != abstract_id:
                self.nums = {n: target if a == abstract_id else a for n, a in self.nums.items()}
        return self

    def _read_definitions(self, numbering: etree._Element) -> dict[str, str]:
        """Read abstractNum and num elements; return abstractNumId → numStyleLink."""
        links = {}
        for abstract in numbering.iterfind("w:abstractNum", NS):
            abstract_id = abstract.get(_w("abstractNumId"), "")
            self.levels[abstract_id] = {_int(lvl.get(_w("ilvl")), 0): Level.from_xml(lvl)
                                        for lvl in abstract.iterfind("w:lvl", NS)}
            link = _val(abstract.find("w:numStyleLink", NS))
            if link:
                links[abstract_id] = link
        for num in numbering.iterfind("w:num", NS):
            num_id = num.get(_w("numId"), "")
            self.nums[num_id] = _val(num.find("w:abstractNumId", NS), "") or ""
            self.overrides[num_id] = {
                _int(o.get(_w("ilvl")), 0): _int(_val(o.find("w:startOverride", NS)), 1)
                for o in num.iterfind("w:lvlOverride", NS) if o.find("w:startOverride", NS) is not None
            }
        return links

    def label(self, paragraph: etree._Element) -> str:
        """The rendered list label of ``paragraph`` ('' when it is not auto-numbered)."""
        num_id, ilvl, style_id = self._num_pr(paragraph)
        abstract_id = self.nums.get(num_id or "", "")
        levels = self.levels.get(abstract_id, {})
        if ilvl is None:  # level bound to the paragraph's style, else the first
            ilvl = next((i for i, level in levels.items() if style_id and level.style == style_id), 0)
        if ilvl not in levels:
            return ""
        self._advance(num_id or "", abstract_id, ilvl)
        return self._render(levels, self.counters[abstract_id], ilvl)

    def _num_pr(self, paragraph: etree._Element) -> tuple[str | None, int | None, str | None]:
        """(numId, ilvl, styleId) from the paragraph's own numPr, else from its style."""
        num_pr = paragraph.find("w:pPr/w:numPr", NS)
        style_id = _val(paragraph.find("w:pPr/w:pStyle", NS))
        style_num, style_lvl = self.style_nums.get(style_id or "", (None, None))
        if num_pr is None:
            return style_num, style_lvl, style_id
        num_id = _val(num_pr.find("w:numId", NS), style_num)
        ilvl = _val(num_pr.find("w:ilvl", NS))
        return (None if num_id == "0" else num_id), _int(ilvl, style_lvl), style_id

    def _advance(self, num_id: str, abstract_id: str, ilvl: int) -> None:
        levels = self.levels[abstract_id]
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for level, start in self.overrides.get(num_id, {}).items():
                counters[level] = start - 1
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper, level in levels.items():
            if deeper > ilvl and level.restarts_after(ilvl, deeper):
                counters.pop(deeper, None)

    @staticmethod
    def _render(levels: dict[int, Level], counters: dict[int, int], ilvl: int) -> str:
        own = levels[ilvl]
        if own.fmt == "bullet":
            return ""

        def placeholder(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            level = levels.get(k, Level())
            fmt = "decimal" if own.legal else level.fmt
            return NUMBER_FORMATS.get(fmt, str)(counters.get(k, level.start))

        return LEVEL_PLACEHOLDER.sub(placeholder, own.text)


def _style_numbering(styles: etree._Element) -> dict[str, tuple[str, int | None]]:
    """styleId → (numId, ilvl or None) for styles that carry numbering, following basedOn."""
    own: dict[str, tuple[str | None, int | None]] = {}
    based_on: dict[str, str] = {}
    for style in styles.iterfind("w:style", NS):
        style_id = style.get(_w("styleId"), "")
        num_pr = style.find("w:pPr/w:numPr", NS)
        if num_pr is not None:
            ilvl = _val(num_pr.find("w:ilvl", NS))
            own[style_id] = (_val(num_pr.find("w:numId", NS)), _int(ilvl, None))
        based_on[style_id] = _val(style.find("w:basedOn", NS)) or ""
    resolved = {}
    for style_id in own.keys() | based_on.keys():
        num_id, ilvl, seen, current = None, None, set(), style_id
        while current and current not in seen:
            seen.add(current)
            c_num, c_lvl = own.get(current, (None, None))
            num_id, ilvl = (num_id if num_id is not None else c_num), (ilvl if ilvl is not None else c_lvl)
            current = based_on.get(current, "")
        if num_id and num_id != "0":
            resolved[style_id] = (num_id, ilvl)
    return resolved


# ---------------------------------------------------------------------------- body
# elements whose children are read as if they stood in their parent's place
_BLOCK_CONTAINERS = {_w(t) for t in ("sdt", "sdtContent", "customXml")}
_RUN_CONTAINERS = {_w(t) for t in ("hyperlink", "ins", "smartTag", "fldSimple", "customXml", "moveTo", "dir", "bdo",
                                   "sdt", "sdtContent")}
_ROW_CELLS = etree.XPath("./w:tc | ./w:sdt/w:sdtContent/w:tc | ./w:customXml/w:tc", namespaces=NS)
_RUN_TEXT = {_w("t"): None, _w("tab"): "\t", _w("br"): "\n", _w("cr"): "\n", _w("noBreakHyphen"): "-"}


def bytes_to_document(data: bytes, name: str):  # -> docx.document.Document
    """Open the package with python-docx, turning every way it can be broken into CorruptInput."""
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:
        raise UnsupportedFormat(f"{name}: reading .docx needs python-docx (pip install 'policyparse[docx]')") from None

    if data.startswith(_OLE_MAGIC):
        raise CorruptInput(f"{name}: expected a .docx (zip) package, found an OLE file (encrypted .docx or legacy .doc)")
    try:
        return docx.Document(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise CorruptInput(f"{name}: expected a .docx (zip) package, found bytes that are not a (complete) zip archive") from None
    except KeyError as err:
        missing = MISSING_MEMBER.search(str(err))
        part = missing.group("part") if missing else _first_line(err)
        raise CorruptInput(f"{name}: expected a Word package, found a zip without {part}") from None
    except (ValueError, PackageNotFoundError) as err:
        raise CorruptInput(f"{name}: not a Word document ({_first_line(err)})") from None
    except etree.XMLSyntaxError as err:
        raise CorruptInput(f"{name}: corrupt XML in the .docx package ({_first_line(err)})") from None
    except (zlib.error, EOFError, OSError) as err:
        raise CorruptInput(f"{name}: truncated or damaged .docx package ({_first_line(err)})") from None
    except (AttributeError, TypeError) as err:  # python-docx on a part that is not what its name says
        raise CorruptInput(f"{name}: not a Word document (a damaged package part: {_first_line(err)})") from None
    except NotImplementedError as err:  # zipfile: an unknown zip version or compression method
        raise CorruptInput(f"{name}: the .docx package uses a zip feature that cannot be read ({_first_line(err)})") from None


def _first_line(err: BaseException) -> str:
    text = str(err).strip().strip("\"'") or type(err).__name__
    return text.splitlines()[0]


def body_to_blocks(body: etree._Element) -> Iterator[etree._Element]:
    """``w:p`` and ``w:tbl`` children in body order, looking inside content controls."""
    for child in body:
        if child.tag in (_w("p"), _w("tbl")):
            yield child
        elif child.tag in _BLOCK_CONTAINERS:
            yield from body_to_blocks(child)


def paragraph_runs_text(element: etree._Element) -> str:
    """Visible text of a paragraph: runs, also inside hyperlinks/insertions; deletions skipped."""
    parts: list[str] = []
    for child in element:
        if child.tag == _w("r"):
            parts.append(_run_text(child))
        elif child.tag in _RUN_CONTAINERS:
            parts.append(paragraph_runs_text(child))
    return "".join(parts)


def _run_text(run: etree._Element) -> str:
    """w:t text, tabs and line breaks of a run (page and column breaks are layout, not text)."""
    return "".join(
        (child.text or "") if _RUN_TEXT[child.tag] is None else _RUN_TEXT[child.tag]
        for child in run
        if child.tag in _RUN_TEXT and child.get(_w("type")) not in ("page", "column")
    )


def paragraph_to_line(paragraph: etree._Element, numbering: Numbering) -> str:
    """The paragraph's text, preceded by its rendered auto-number label if it has one."""
    text = paragraph_runs_text(paragraph)
    label = numbering.label(paragraph)
    if not label:
        return text
    if LABEL_ENDS_IN_PUNCTUATION.search(label) or _val(paragraph.find("w:pPr/w:numPr/w:suff", NS)) == "nothing":
        return label + text.lstrip()
    return f"{label} {text.lstrip()}"


def table_to_rows(table: etree._Element, numbering: Numbering) -> list[str]:
    """One ``cell | cell |`` line per row, every cell under its column.

    A horizontally merged cell (gridSpan) is followed by empty cells for the columns it spans,
    and a vertically continued cell (``w:vMerge`` without ``restart``) appears empty, so a row
    that continues the item above (a second 任务 under the same 序号) keeps its columns without
    repeating the number.  Cell paragraphs are joined with a space, as are a nested table's rows.
    """
    rows = []
    for tr in table.iterfind("w:tr", NS):
        cells = [""] * min(_int(_val(tr.find("w:trPr/w:gridBefore", NS)), 0), MAX_GRID_COLUMNS)
        for tc in _row_cells(tr):
            span = min(_int(_val(tc.find("w:tcPr/w:gridSpan", NS)), 1), MAX_GRID_COLUMNS)
            cells.extend([_cell_text(tc, numbering)] + [""] * (span - 1))
        if any(cells):
            rows.append("".join(f"{cell} | " for cell in cells).rstrip(" "))
    return rows


def _row_cells(tr: etree._Element) -> list[etree._Element]:
    return _ROW_CELLS(tr)


def _cell_text(tc: etree._Element, numbering: Numbering) -> str:
    v_merge = tc.find("w:tcPr/w:vMerge", NS)
    if v_merge is not None and _val(v_merge) != "restart":
        return ""
    pieces = []
    for block in body_to_blocks(tc):
        if block.tag == _w("p"):
            pieces.append(paragraph_to_line(block, numbering).strip())
        else:
            pieces.extend(row.rstrip(" |") for row in table_to_rows(block, numbering))
    return " ".join(p for p in pieces if p).replace("|", "｜").replace("\n", " ")


def read_docx(data: bytes, name: str, sha256: str) -> Source:
    """Read a .docx package into a ``Source`` (one paragraph or table row per line)."""
    document = bytes_to_document(data, name)
    numbering = Numbering.from_xml(_part_element(document, "numbering", name), _part_element(document, "styles", name))
    lines: list[str] = []
    body = getattr(document.element, "body", None)  # None: the main part's root is no w:document
    if body is None:
        raise CorruptInput(f"{name}: not a Word document (its main part has no w:body)")
    for block in body_to_blocks(body):
        if block.tag == _w("p"):
            lines.append(paragraph_to_line(block, numbering))
        else:
            lines.extend(table_to_rows(block, numbering))
    text = "\n".join(lines)
    if not text.strip():
        raise EmptyInput(f"{name}: the .docx body has no text")
    return Source(name=name, sha256=sha256, format="docx", text=text, encoding="utf-8")


def _part_element(document, kind: str, name: str) -> etree._Element | None:
    """numbering.xml / styles.xml root, or None when the package has no such part."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    reltype = RT.NUMBERING if kind == "numbering" else RT.STYLES
    try:
        part = document.part.part_related_by(reltype)
    except KeyError:
        return None
    element = getattr(part, "element", None)  # a part of another content type is a plain Part: parse its XML
    if element is None:
        try:
            element = etree.fromstring(part.blob, etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError:
            return None
    return element
