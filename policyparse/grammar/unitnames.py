"""The grammar of unit names (单位名称): suffix tables and small helpers shared by stages."""
from __future__ import annotations

import re

# Endings of a unit name (folded text).  Longest first inside the alternation.
UNIT_SUFFIX = (
    "人民政府|政府|办事处|管委会|管理委员会|委员会|领导小组|工作专班|专班|指挥部|办公室|办公厅|"
    "中心|集团|公司|协会|学会|联合会|总工会|工会|妇联|团委|残联|科协|侨联|"
    "局|委|办|厅|署|部|院|所|站|队|处|科|股|室|馆|会|社|行|关|团|校|台|"
    "单位|部门|机构|街道|镇|乡|村|社区|园区|开发区|新区|高新区|度假区|分局|支行"
)
UNIT_END = re.compile(rf"(?:{UNIT_SUFFIX})(?:\([^()]*\))?$")
# Words that make a list part a unit wherever they stand: 区人民政府各部门, 市直有关单位.
UNIT_WORD = re.compile(r"政府|部门|单位|机构")


def looks_like_unit(s: str) -> bool:
    """A list part that names a unit: 各… (a collective), a unit ending, or a unit word."""
    return s.startswith("各") or bool(UNIT_END.search(s)) or bool(UNIT_WORD.search(s))


# A second name in brackets: 区委组织部（人才办）, 吴江高新区（盛泽镇）管委会.
_ALIAS = re.compile(r"^(?P<head>[^（(]+?)[（(](?P<alias>[^（）()、，,]+)[）)](?:管委会|管理委员会)?$")
ALIAS_END = re.compile(r"(?:新城|工业园)$")


def split_alias(name: str) -> str | None:
    """Second name of a 区镇合一 / 挂牌 unit: ``区委组织部（人才办）`` -> ``人才办``; not for 各 sets."""
    m = _ALIAS.match(name)
    if not m or name.startswith("各"):
        return None
    alias = m["alias"]
    if (UNIT_END.search(alias) or ALIAS_END.search(alias)) and not alias.startswith(("含", "不含", "以下")):
        return alias
    return None


OPEN = "([{【〔《〈“"
CLOSE = ")]}】〕》〉”"
SEPARATORS = "、,;，；"


def split_list(seg: str, offset: int = 0, seps: str = SEPARATORS) -> list[tuple[int, int]]:
    """Spans (offset-based) of the parts of a list, split at separators outside brackets.

    ``各县(市、区)人民政府,市政府各部门`` -> [各县(市、区)人民政府, 市政府各部门]; parts are
    stripped of surrounding spaces and empty parts dropped.
    """
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(seg):
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(0, depth - 1)
        elif ch in seps and depth == 0:
            parts.append((start, i))
            start = i + 1
    parts.append((start, len(seg)))
    out = []
    for a, b in parts:
        while a < b and seg[a].isspace():
            a += 1
        while b > a and seg[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((offset + a, offset + b))
    return out
