"""The numbering grammar (编号): one row per marker style, matched on folded text.

Each row is (style, rank, pattern, golden case).  Rank orders the levels: 第一部分/篇 above 第一章
above 第一节 above 第一条 above 一、 above （一） above 1. above （1） above ①.  The golden case
is a real line from a named corpus document (``ID:LINE``, in tests/golden or tests/golden_new)
that the row must match at its start; ``tests/test_grammar.py`` checks every row, and names the
rows that still wait for a real line (no corpus document has one yet).
"""
from __future__ import annotations

import re

from policyparse.grammar.numerals import CN_NUMERALS

_CN = CN_NUMERALS
_N = rf"[{_CN}百零〇\d]{{1,4}}"  # the number of 第…章/节/条: 一 … 九十九, 百, 12
SERIAL_NUMBER = r"\d{1,3}"  # an arabic item number or a table's 序号: 1 … 999
ARABIC_MARK = r"[.、]"  # what follows it in 1. / 1、 (folded, １．and 1﹒ are 1.)

# (style, rank, pattern, golden case "ID:LINE" or None)
MARKER_TABLE: tuple[tuple[str, float, str, str | None], ...] = (
    ("part", -0.5, rf"第(?P<n>{_N})(?:部分|篇|编)", "n316:1"),                    # 第一部分  第一篇  第一编
    ("chapter", 0, rf"第(?P<n>{_N})章", "d39:54"),                                 # 第一章
    ("section", 1, rf"第(?P<n>{_N})节", "n332:49"),                                # 第一节
    ("article", 2, rf"第(?P<n>{_N})条", "n130:32"),                                # 第一条
    ("cn_dun", 3, rf"(?P<n>[{_CN}]{{1,3}})\s?[、,.](?![{_CN}])", "d01:14"),         # 一、  一,
    ("cn_paren", 4, rf"\(\s?(?P<n>[{_CN}]{{1,3}})\s?\)|(?P<c>[㈠-㈩])", "d01:29"),   # （一） ㈠
    ("ar_dot", 5, rf"(?P<n>{SERIAL_NUMBER})(?:\*\s?)?\s?{ARABIC_MARK}(?!\d+(?:\.\d+)?\s*(?:%|‰|倍|万|亿|元|个百分点))|(?P<c>[⒈-⒛])",
     "d03:25"),                                                                    # 1. 1、 1﹒ ⒈ 1*.(a starred item, n106)
    ("ar_paren", 6, r"\(\s?(?P<n>\d{1,3})\s?\)|(?P<c>[⑴-⒇])", "d37:1"),           # （1） ⑴
    ("circled", 7, r"(?P<c>[①-⑳])", "n446:5"),                                     # ①
)
# Forms accepted only at the start of a line, as the style they stand for: 一） 1）
LINE_MARKER_TABLE: tuple[tuple[str, float, str, str | None], ...] = (
    ("cn_paren", 4, rf"(?P<n>[{_CN}]{{1,3}})\)", None),                            # 一）
    ("ar_paren", 6, r"(?P<n>\d{1,3})\)", None),                                    # 1）
)

# Decimal numbering (应急预案, standards, some 方案): 1.1 / 1.1.1 / 1.2.3.4, its path the numbers as
# written.  The top level of that scheme is a bare number before a heading line (`1 总则`), accepted
# only at a line start and only where a `1.1` follows it (structure/outline).  Tried before 1. at
# a position, so `1.1编制目的` is not item 1 titled `1编制目的`.  Not a decimal quantity (`1.5倍`).
QUANTITY_AFTER = r"%|‰|倍|万|亿|元|个百分点"
# What follows a number that is a quantity or a date, not a heading: 1.4月底前  2.5公里  3.2亿元
MEASURE_AFTER = (QUANTITY_AFTER + r"|个|月(?!度)|日(?!常)|年(?!度)|号|小时|岁|辆|米|公里|千米|吨|亩|公顷|平方|立方|千瓦|"
                 r"斤|克|升")
DECIMAL_TABLE: tuple[tuple[str, float, str, str | None], ...] = (
    ("decimal", 5, rf"(?P<d>\d{{1,2}}(?:\.\d{{1,2}}){{1,3}})(?![\d.])(?!\s*(?:{MEASURE_AFTER}))\s?(?=[\u4e00-\u9fff(《“])",
     "n428:21"),                                                                   # 1.1 编制目的  1.3.1以人为本
    ("decimal_top", 5, r"(?P<n>\d{1,2})(?=[ \t]*[\u4e00-\u9fff])", "n428:19"),        # 1 总则, 1总则 (line start)
)
DECIMAL = re.compile(DECIMAL_TABLE[0][2])
DECIMAL_TOP = re.compile(DECIMAL_TABLE[1][2])

MARKERS: tuple[tuple[str, float, re.Pattern[str]], ...] = tuple(
    (style, rank, re.compile(pattern)) for style, rank, pattern, _ in MARKER_TABLE)
LINE_MARKERS: tuple[tuple[str, float, re.Pattern[str]], ...] = tuple(
    (style, rank, re.compile(pattern)) for style, rank, pattern, _ in LINE_MARKER_TABLE)
# First code point of each run of enclosed numerals: ㈠=1, ⒈=1, ⑴=1, ①=1.
ENCLOSED_BASES = (0x3220, 0x2488, 0x2474, 0x2460)
# Bullets and decorations before a marker at a line start: ● 一、  ■（一）
BULLETS = "●◆■□▪•★☆◇►▶※-—"


def _ungrouped(pattern: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


def style_pattern(*styles: str) -> str:
    """The markers of the named styles as one pattern (no named groups), e.g. a section row."""
    return "|".join(f"(?:{_ungrouped(p)})" for s, _, p, _ in MARKER_TABLE if s in styles)


# A section heading spanning a task table: 一、优化政务服务 | | |   （二）…   第二部分
SECTION_START = re.compile(style_pattern("cn_dun", "cn_paren", "part"))
# The first item of a body (its envelope ends above it): 一、  第一章  第一条, or a table's 序号 header.
FIRST_ITEM = re.compile(r"^\s*(?:一\s*[、,.]|第一[章条]|序\s*号)")
# Any numbering marker at the start of a (folded) line, derived from the two tables above: the
# one "an item starts here" test of the stages that cannot run the outline grammar (the PDF
# paragraph rules, line-wrap joining).
ITEM_START = re.compile("|".join(f"(?:{_ungrouped(p)})" for _, _, p, _ in (*MARKER_TABLE, *LINE_MARKER_TABLE)))


# Forms of the arabic number outside the outline, from the same parts:
SERIAL_CELL = re.compile(rf"^{SERIAL_NUMBER}{ARABIC_MARK}?$")                 # a 序号 cell: 1  1.  1、
SPACED_SERIAL = re.compile(rf"^\s*{SERIAL_NUMBER}\s")                        # a row's 序号 before a space: 1 完成…
GLUED_SERIAL = re.compile(rf"\s*({SERIAL_NUMBER})(?=[\u4e00-\u9fff])")       # glued to its first cell: 1完成…
SERIAL_ROW_START = re.compile(rf"^\s*{SERIAL_NUMBER}\s*\|")                  # 2 | … (a bar-separated row)
CELL_ROW_START = re.compile(rf"^\s*(?:{SERIAL_NUMBER}\s*)?\|")               # 2 | … or | …
LIST_ENTRY = re.compile(rf"\s*\d{{1,2}}\s*{ARABIC_MARK}\s*(?P<entry>[^\n]{{2,80}}?)\s*(?:\n|$)")  # 附件：1.甲方案
# The enclosed numerals as characters: ㈠ … ㈩ (Word's ideographEnclosedCircle list format too).
ENCLOSED_PAREN_CN = "".join(chr(ENCLOSED_BASES[0] + k) for k in range(10))
