"""Normalize: ``Source`` -> ``Text``.

The normalized text ``Text.raw`` is the source text with line ends unified and nothing
else changed: every span of the output points into it, and every surface value (unit
names, titles, markers) is sliced from it, so values stay exactly as written.

Rules match against ``Text.fold``, a folded view for matching only:
  * traditional characters -> simplified, one character for one (models/t2s.tsv),
  * full-width ASCII forms -> ASCII (``（``->``(``, ``：``->``:``, ``１``->``1``), U+3000 -> space,
  * pinyin glosses that mirrors insert after characters dropped (``發(fā)`` -> ``发``),
  * HTML entities left in the text folded to their character (``&nbsp;`` -> space),
  * a text whose every line break is doubled (a blank line after each line, as pages that put each
    line in its own paragraph) has its breaks halved (``halve_breaks``), so that a blank line means
    a new paragraph in it as it does elsewhere,
  * hard-wrapped lines joined (``unwrap``: a common right edge), and lines run together into
    one very long line cut again after their sentences (``rewrap``).
``Text.to_raw`` maps fold offsets back to raw offsets.
"""
from __future__ import annotations

import bisect
import html
import re
from array import array
from dataclasses import dataclass
from functools import lru_cache

from policyparse._models import t2s_map
from policyparse.grammar.characters import WIDTH_FOLD
from policyparse.grammar.envelope import DOC_NUMBER_TEXT, DOC_TYPE_WORDS, RUN_ON_ENDS, SIGN_DATE
from policyparse.grammar.markers import ITEM_START
from policyparse.grammar.roles import LABEL_START_PATTERN
from policyparse.ingest import Source

# A pinyin gloss inserted by some mirrors after a character: 發(fā), 區(qū).  At least one
# tone-marked vowel, so ordinary bracketed Latin such as (APP) is kept.  A PDF of justified text
# may space its letters out (`(nón g)`): one blank between letters is part of the gloss.
PINYIN_GLOSS = re.compile(r"[(（](?:[a-zü] ?)*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ](?: ?[a-zü])*[)）]")

# HTML character references left in scraped text: &nbsp; &amp; &#12288;
HTML_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,6}|#\d{2,6}|#x[0-9a-fA-F]{2,5});")
# Markup a page's copy left in its text (a law database's export: <p style="…"> 山西省人民政府</p>): a block tag
# is a line break, an inline one nothing.
BLOCK_TAG = r"</?(?i:p|br|div|li|ul|ol|tr|table|tbody|h[1-6]|section|article|blockquote)(?:\s[^<>\n]{0,200})?\s*/?>"
INLINE_TAG = r"</?(?i:span|strong|b|i|em|font|u|a|td|th|sup|sub|center|o:p)(?:\s[^<>\n]{0,200})?\s*/?>"
# A page number left on its own line by a text export of a paged document (- 3 -, 第 3 页 共 8 页): the fold
# drops the line, so a list or sentence it cut in two goes on.
PAGE_NUMBER_LINE = r"(?m:^[ \t]*(?:[-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d{1,4}\s*页\s*[/,，、]?\s*共\s*\d{1,4}\s*页)[ \t]*\n)"
# Runs of raw text the fold drops (glosses, inline tags, page numbers) or turns into one character (entities,
# block tags).
FOLDED_RUNS = re.compile(f"(?P<gloss>{PINYIN_GLOSS.pattern})|(?P<entity>{HTML_ENTITY.pattern})"
                         f"|(?P<block>{BLOCK_TAG})|(?P<inline>{INLINE_TAG})|(?P<page>{PAGE_NUMBER_LINE})")

# What starts a new block after a line: a numbering marker, a role label, a bracket.
NEW_BLOCK = re.compile(rf"\s*(?:{ITEM_START.pattern}|{LABEL_START_PATTERN}|附件|抄送|[(\[【〔]?此件)")

@lru_cache(maxsize=1)
def t2s_table() -> dict[int, str]:
    """Traditional -> simplified character table (models/t2s.tsv), and the width folding."""
    return t2s_map() | WIDTH_FOLD  # full-width ASCII, odd forms of marker punctuation


@dataclass(frozen=True)
class Text:
    """Normalized text plus its folded view for matching."""

    raw: str
    fold: str
    fold_map: array  # fold index -> raw index (typecode "q"); one extra entry = len(raw)
    page_starts: tuple[int, ...] = ()
    # raw spans of page furniture the fold dropped (a page number's line, markup), with what stands for
    # each in a surface string (a line break for a block tag): a value never shows them
    furniture: tuple[tuple[int, int, str], ...] = ()

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a fold span to the raw span it came from."""
        if end <= start:
            return self.fold_map[start], self.fold_map[start]
        a, b = self.fold_map[start], self.fold_map[end - 1] + 1
        nxt = self.fold_map[end]
        if nxt > b and PINYIN_GLOSS.fullmatch(self.raw, b, nxt):
            b = nxt  # 部門(mén): the gloss belongs to the character before it
        return a, b

    def surface(self, start: int, end: int) -> str:
        """The raw text behind a fold span, exactly as written (page furniture the fold dropped left out)."""
        a, b = self.to_raw(start, end)
        if not self.furniture:
            return self.raw[a:b]
        out, pos = [], a
        first = max(0, bisect.bisect_left(self.furniture, (a, -1, "")) - 1)  # a run that starts before a may reach past it
        for s, e, stand_in in self.furniture[first:]:
            if s >= b:
                break
            if e <= pos:
                continue
            out += [self.raw[pos:max(s, pos)], stand_in]
            pos = e
        out.append(self.raw[pos:b] if pos < b else "")
        return "".join(out)

    def page_of(self, raw_offset: int) -> int | None:
        """1-based page of a raw offset, or None for sources without pages."""
        if not self.page_starts:
            return None
        return max(1, bisect.bisect_right(self.page_starts, raw_offset))


def source_to_text(source: Source) -> Text:
    return text_from_string(source.text, source.page_starts)


def text_from_string(raw: str, page_starts: tuple[int, ...] = ()) -> Text:
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    fold, fmap, furniture = _folded(raw)
    fold, fmap = unwrap(*halve_breaks(fold, fmap), raw)
    return Text(raw=raw, fold=rewrap(fold), fold_map=fmap, page_starts=page_starts, furniture=furniture)


def name_text(s: str) -> Text:
    """The folded view of one name or short phrase (one line): characters and glosses folded, no
    line-level passes (those leave a line this short as it is)."""
    fold, fmap, furniture = _folded(s)
    return Text(raw=s, fold=fold, fold_map=fmap, furniture=furniture)


def _folded(raw: str) -> tuple[str, array, tuple[tuple[int, int, str], ...]]:
    """Fold characters one for one (runs such as a pinyin gloss or an HTML entity as one) with the
    map from folded to raw offsets, and the raw spans of the page furniture it dropped."""
    table = t2s_table()
    out: list[str] = []  # chunks of the folded view (one character for one, but where runs fold)
    fmap = array("q")
    furniture: list[tuple[int, int, str]] = []
    pos = 0
    for m in FOLDED_RUNS.finditer(raw):
        _fold_chars(raw, pos, m.start(), table, out, fmap)
        if m.lastgroup == "entity":  # &nbsp; -> one character, mapped to the entity's start
            char = html.unescape(m.group())
            out.append(table.get(ord(char), char) if len(char) == 1 else " ")
            fmap.append(m.start())
        elif m.lastgroup == "block":  # </p><p> -> a line break, mapped to the tag's start
            out.append("\n")
            fmap.append(m.start())
            furniture.append((m.start(), m.end(), "\n"))
        elif m.lastgroup in ("inline", "page"):
            furniture.append((m.start(), m.end(), ""))
        pos = m.end()
    _fold_chars(raw, pos, len(raw), table, out, fmap)
    fmap.append(len(raw))
    return "".join(out), fmap, tuple(furniture)


def rewrap(fold: str) -> str:
    """Lines run together (a copied page whose line breaks became spaces): in a line longer
    than ``RUN_TOGETHER`` characters, whitespace after the end of a sentence becomes a line
    break in the folded view (same length: offsets and the raw text are unchanged), as does
    whitespace around a 文号 (``…的通知 哈政办规〔2022〕7号 各区,…``); from a table header run
    into the line (``序号 项目 责任单位 … 1 …``) on, every gap does (one cell a line)."""
    if not any(len(line) > RUN_TOGETHER for line in fold.split("\n")):
        return fold
    out = []
    for line in fold.split("\n"):
        if len(line) > RUN_TOGETHER:
            table = TABLE_RUN.search(line)
            head, rest = (line[:table.start()], line[table.start():]) if table else (line, "")
            head = _break_after_titles(DOC_NUMBER_GAP.sub(_break, SENTENCE_GAP.sub(_break, head)))
            head = DATE_GAP.sub(_break, head)  # …落实。 二○○六年五月十一日 《…》: the signature date stands alone
            line = head + GAP.sub(_break, rest)
        out.append(line)
    return "\n".join(out)


def _break_after_titles(text: str) -> str:
    """A gap right after a title standing on its own (``…实施意见 为加快…``: a short run since the
    last line break, no sentence punctuation, ending in a document-type word) becomes a break."""
    chars = list(text)
    for m in GAP.finditer(text):
        segment = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
        if len(segment) <= TITLE_MAX and TITLE_END.search(segment) and not re.search(r"[。;!?:,]", segment):
            chars[m.start()] = "\n"
    return "".join(chars)


def _break(m: re.Match[str]) -> str:
    """The matched gap with its first character turned into a line break (the rest kept, so
    the text keeps its length); a group ``keep`` before the gap stays as it is."""
    keep = m.groupdict().get("keep") or ""
    return keep + "\n" + m[0][len(keep) + 1:]


def halve_breaks(fold: str, fmap: array) -> tuple[str, array]:
    """Divide the line breaks of a text in which every break between two filled lines holds at
    least ``k`` blank lines (``k`` >= 1, over ``HALVE_MIN_BREAKS`` breaks or more) by ``k + 1``:
    a break of ``b`` blank lines keeps ``ceil((b + 1) / (k + 1)) - 1`` (doubled text: one blank line
    goes, three become one).  The raw text keeps its lines."""
    lines = fold.split("\n")
    filled = [k for k, line in enumerate(lines) if line.strip()]
    if len(filled) <= HALVE_MIN_BREAKS:
        return fold, fmap
    k = min(b - a - 1 for a, b in zip(filled, filled[1:]))
    if k < 1:
        return fold, fmap
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    dropped: list[tuple[int, int]] = []  # fold spans [a, b) to leave out: blank lines with their line end
    for a, b in zip(filled, filled[1:]):
        keep = -(-(b - a) // (k + 1)) - 1  # b - a line breaks, divided by k + 1, rounded up
        first = a + 1 + keep
        if first < b:
            dropped.append((starts[first], starts[b]))
    pieces, kept, pos = [], array("q"), 0
    for a, b in dropped:
        pieces.append(fold[pos:a])
        kept.extend(fmap[pos:a])
        pos = b
    pieces.append(fold[pos:])
    kept.extend(fmap[pos:])  # fmap's extra final entry comes with the last piece
    return "".join(pieces), kept


HALVE_MIN_BREAKS = 4  # breaks between filled lines: a text of fewer says nothing by its spacing


def unwrap(fold: str, fmap: array, raw: str) -> tuple[str, array]:
    """Join hard-wrapped lines in the folded view (the raw text keeps its line breaks).

    Text cut into lines of one width (a PDF's visual lines, a fixed-width export) is detected
    by that width recurring; a line that fills it and does not end a sentence goes on in the
    next line unless that line starts a new block (a marker, a label, a table row)."""
    lines = fold.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    shown = [raw[fmap[a]:fmap[a + len(ln)]] if ln else "" for a, ln in zip(starts, lines)]  # as printed, glosses too
    width = wrap_width(shown)
    if width is None:
        return fold, fmap
    drop = set()
    for k, (line, nxt) in enumerate(zip(shown, lines[1:])):
        if _fills(line, width) and nxt.strip() and not NEW_BLOCK.match(nxt) and not _table_row(line) and not _table_row(nxt):
            drop.add(starts[k + 1] - 1)
    cuts = [-1, *sorted(drop), len(fold)]
    pieces = [(a + 1, b) for a, b in zip(cuts, cuts[1:])]
    kept = array("q")
    for a, b in pieces:
        kept.extend(fmap[a:b])
    kept.append(fmap[-1])
    return "".join(fold[a:b] for a, b in pieces), kept


def wrap_width(lines: list[str]) -> float | None:
    """The width lines are cut at, if the text is hard-wrapped (else None): at least
    ``WRAP_MIN_LINES`` lines end within 2 cells of it and hardly any line is longer, or a few
    (``WRAP_FEW_LINES``) do and none is longer (table rows left out); below ``WRAP_NARROW`` cells,
    only where a good share of the lines reach it.  Paragraphs that were never wrapped have no such
    edge: their lengths spread."""
    widths = [display_width(ln.strip()) for ln in lines if ln.strip() and not _table_row(ln)]
    if len(widths) < 8:
        return None
    numbers = sum(1 for ln in lines if ROW_NUMBER_LINE.fullmatch(ln))  # 1 / 2 / …: a table one cell a line
    top = max(round(w) for w in widths)
    widths.sort()  # counted by bisection: time linear in the lines, not lines x widest line
    for w in range(int(top), 14, -1):
        upto = bisect.bisect_right(widths, w + 0.5)
        near = upto - bisect.bisect_left(widths, w - 2)
        longer = len(widths) - upto
        if w < WRAP_NARROW and near < WRAP_NARROW_SHARE * len(widths):
            continue  # a narrow edge that few lines reach: a table copied one cell a line, not a wrap
        if numbers >= near:
            continue  # no more lines at the edge than rows numbered alone on their lines: its long cells, not a wrap
        if (near >= WRAP_MIN_LINES and longer <= max(2, 0.1 * near)) or (near >= WRAP_FEW_LINES and not longer):
            return float(w)
    return None


RUN_TOGETHER = 300  # characters: a line this long that holds "。 " holds several lines
TABLE_RUN = re.compile(r"(?:^|(?<![ \t])[ \t]+)序\s?号(?:[ \t]+[^\s\d]{2,10}){2,}[ \t]+1[ \t]")  # 序号 指标 工作任务 … 1 …
GAP = re.compile(r"[ \t\u3000]+")
TITLE_END = re.compile(rf"(?:{DOC_TYPE_WORDS})(?:[(（]\S{{1,12}}[)）])?$")
TITLE_MAX = 60  # characters: a title run into the next text is no longer than this
# the gaps around a 文号 standing alone between title and addressees: …的通知 哈政办规〔2022〕7号 各区,…
DOC_NUMBER_GAP = re.compile(rf"(?<![ \t\u3000])[ \t\u3000]+(?={DOC_NUMBER_TEXT}(?:\s|$))|(?P<keep>{DOC_NUMBER_TEXT})[ \t\u3000]+")
DATE_GAP = re.compile(rf"(?<=\n)(?P<keep>{SIGN_DATE.pattern})[ \t\u3000]+(?=\S)")  # a date opening its line, text after a gap
SENTENCE_GAP = re.compile(rf"(?P<keep>[{RUN_ON_ENDS}])[ \t\u3000]+(?=\S)")
WRAP_MIN_LINES = 6
ROW_NUMBER_LINE = re.compile(r"[ \t]*\d{1,3}[ \t]*\|?[ \t]*")  # a table row's 序号 alone on its line
NARROW_CHAR = re.compile(r"[\x00-\u2e7f]")  # what display_width counts as half a cell
CLAUSE_MARK = re.compile(r"[,，;；]")  # running text's clause marks, which a title line does not hold
# cells: below this width a wrap must cut a good share of the lines (a table copied one cell a line
# has a few long cells of like width, a text wrapped on a phone most lines at its width)
WRAP_NARROW = 20
WRAP_NARROW_SHARE = 0.3
WRAP_FEW_LINES = 3
FILL_SLACK = 2.5  # cells a wrapped line may fall short of the width (a character pushed down, half-width text)


def _table_row(line: str) -> bool:
    """A line of a table copied as text (cells between ``|`` or tabs): never a wrapped line of prose."""
    return "|" in line or "\t" in line.strip()


def display_width(s: str) -> float:
    """Width in CJK character cells: a full-width character is 1, ASCII half."""
    return len(s) - 0.5 * NARROW_CHAR.subn("", s)[1]


def _fills(line: str, width: float) -> bool:
    """A line that reaches the wrap width and ends no sentence, label line or title (…的通知 over the
    addressee line: a few lines of one length in a short text look wrapped by chance; a line with a
    comma is running text, whose 报告 / 方案 may fall at the line's end)."""
    s = line.strip()
    return (display_width(s) >= width - FILL_SLACK and not s.endswith(("。", "!", "?", ":", "："))
            and not (TITLE_END.search(s) and not CLAUSE_MARK.search(s)))


def _fold_chars(raw: str, a: int, b: int, table: dict[int, str], out: list[str], fmap: array) -> None:
    out.append(raw[a:b].translate(table))
    fmap.extend(range(a, b))


def fold_string(s: str) -> str:
    """The folded view of a short string, without an offset map (unit names, labels)."""
    return FOLDED_RUNS.sub(_folded_run, s).translate(t2s_table())


def _folded_run(m: re.Match[str]) -> str:
    if m.lastgroup in ("gloss", "inline", "page"):
        return ""
    if m.lastgroup == "block":
        return "\n"
    char = html.unescape(m.group())
    return char if len(char) == 1 else " "
