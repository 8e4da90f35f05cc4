"""The grammar of unit names (单位名称): suffix tables and small helpers shared by stages."""
from __future__ import annotations

import re

from policyparse.grammar.unittokens import ZONE_WORDS

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


# Level words of a place set: 各县、市、区人民政府 (the parts a list wrote once).
LEVEL = r"(?:特区|自治州|县|市|区|州|乡|镇|街道)"
SINGLE_LEVEL = r"(?:特区|县|市|区|州|乡|镇|街道)"  # 各 is carried to these, not to 自治州 (a name)
# Zone words (one list: the lexicon's patterns and the token grammar's ZONE_WORDS): 济宁高新区, 贵安新区.
ZONE_WORD = "(?:" + "|".join(sorted(ZONE_WORDS, key=lambda w: (-len(w), w))) + ")"

# Collective scopes (tested on the folded resolved name), first match wins.
COLLECTIVE: tuple[re.Pattern[str], ...] = tuple(re.compile(p) for p in (
    r"各",                      # 各有关单位, 区政府各部门, 纺织服装各省级行业协会
    r"有关|相关",               # 市直有关部门, 区级相关部门, 相关乡镇办
    r"(?:单位|部门|机构|科室|股室)$",  # 直属事业单位, 市管单位
    r"^(?:区县市|县市区|县区市|区县|县区|县市|市县)[^局委办厅部]{0,4}$",  # 区县市政府
))

# Kind by the ending of the folded name (alias brackets removed) when the lexicon has no entry.
KIND_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((k, re.compile(p)) for k, p in (
    ("temporary_body", r"(?:领导小组|工作专班|专班|指挥部|联席会议|工作组)(?:办公室)?$"),  # 县护城河指挥部
    ("development_zone", rf"{ZONE_WORD}(?:管委会?|管理委员会)?(?:办公室|办)?$"),   # 济宁高新区, 综保区管委
    ("town_street", r"(?:镇|乡|街道|办事处|街办)(?:人民政府|政府)?$"),             # 震泽镇, 老街办
    ("court_procuratorate", r"(?:法院|检察院)$"),                                 # 区人民法院
    ("vertical_agency", r"(?:海关|调查队)$"),                                     # 合肥海关
    ("government", r"(?:人民政府|政府)(?:办公室|办公厅)?$"),                       # 茄子河区政府
    ("enterprise", r"(?:集团|公司|银行|支行|分行)$"),                             # 区经发集团, 中国银行X支行
    ("public_institution", r"(?:中心|馆|学校|医院|学院|大学|研究院|研究所|管理处)$"),  # 县代建中心
    ("department", r"(?:局|委|办|厅|署|部)$"),                                    # 规划建设局, 招商工作部
    ("other", r"(?:股|科|室|队|会)$"),                                            # 财务科, 执法大队
))


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
