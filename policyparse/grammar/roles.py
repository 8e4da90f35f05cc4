"""Role grammar (职责分工): labels, verbs, the first-listed convention and table column words.

Each row carries a golden case: a real line of a named dev-corpus document (``ID:LINE``) in
which the row's pattern matches, checked by ``tests/test_grammar.py``; ``None`` marks a row that
still waits for one (the test pins which).  All matched on folded text (half-width punctuation,
simplified script).
"""
from __future__ import annotations

import re

_BODY = r"(?:单位|部门|处室|科室|股室)"

# Role labels before a colon, or in 【】: (pattern, role, golden).  "person" labels introduce
# people, never units, and "oversight" labels the bodies that check the work (not its units);
# None (部门分工) is a label whose list carries its own role verbs.
LABEL_TABLE: tuple[tuple[str, str | None, str | None], ...] = (
    (rf"牵头(?:责任|考核)?{_BODY}|牵头", "lead", "d02:5"),                             # 牵头单位：  牵头考核单位：
    (rf"主责{_BODY}|主办{_BODY}|主办|主责", "lead", None),                            # 主责单位：  主办：  主责：
    (rf"协同责任{_BODY}|(?:协同|配合|协助|协办|参与|参加|协作|支持|指导|(?:数据)?提供){_BODY}|配合|协办|参与",
     "supporting", "d04:7"),                                                           # 配合单位：  参与：
    (rf"(?:主要)?责任{_BODY}(?:与协同单位)?|责任主体|(?:负责|承办|实施|落实|执行){_BODY}|责任", "responsible",
     "d01:31"),                                                                        # 责任单位：
    (r"(?:部门)?分工", None, "d08:24"),                                               # 部门分工：X牵头，Y配合
    (r"(?:牵头)?负责领导|分管(?:省|市|区|县)?领导|责任领导|联系领导|牵头领导|责任人", "person", "d02:5"),  # 责任领导：张三
    (r"完成时限|时间节点|完成时间|时限要求|时限", "deadline", "n487:33"),               # 完成时限：2023年6月底前  时限要求：持续推进
    (rf"(?:督办|督查|督导|监督){_BODY}", "oversight", None),                           # 督办单位：市政府督查室 (checks the work)
)
# The label roles whose lists name no unit of the task: people, and the bodies that check the work.
NO_UNIT_ROLES = frozenset({"person", "oversight"})
# Role verbs ending a run of units: (X、Y牵头，A、B配合), (…按职责分工负责): (pattern, role, golden).
ROLE_VERB_TABLE: tuple[tuple[str, str, str | None], ...] = (
    (r"按照?职责分工(?:分别)?牵头|分别牵头|共同牵头|总牵头|牵头抓总|牵头负责|牵头落实|牵头|主办|承办", "lead", "d05:8"),  # X、Y牵头  X承办
    (r"按照?职责分工(?:分别)?(?:负责|落实)|分工负责|分别负责|负责落实|具体负责|负总责|各负其责|负责|分别落实|落实", "responsible",
     "d06:13"),                                                                        # X负责
    (r"按照?职责分工配合|(?:协同|协助|积极)?配合(?:落实)?|参加|参与|协助|协办|协同|指导", "supporting", "d08:24"),  # A、B配合
)
# A stated convention: (列第一位者为牵头单位，下同), (排在首位的为牵头单位，下同).
CONVENTION_PATTERN = (
    r"(?:除标注“[^”]*”外,?)?(?:列|排)(?:在)?(?:第一位|首位)(?:的|者)?(?:为|是)(?:工作)?牵头(?:单位|部门)?(?:或汇总单位)?"
    r"(?:,?下同)?|首位(?:单位)?为牵头(?:单位|部门)"
    r"|(?:排名)?第一(?:位)?(?:的)?(?:责任)?(?:单位|部门)(?:为|是)(?:工作)?牵头(?:单位|部门)(?:,?下同)?"  # n487:31, n010
    r"|由(?:排名|排在|列)(?:首位|第一位?)的(?:部门|单位)牵头(?:负责)?"  # 原则上由排名首位的部门牵头负责 (n610)
)
CONVENTION_GOLDEN = "d17:22"
# Table header word -> column kind, first match wins (spaces removed): (kind, pattern, golden).
COLUMN_TABLE: tuple[tuple[str, str, str | None], ...] = (
    ("serial", r"^序号$", "d15:1"),                                                   # 序号
    # a person column where a person word is in the header (牵头领导, 牵头负责领导, 牵头单位负责人), except a
    # unit column that adds its head (牵头单位及主要负责人: 市民政局 伍泽国, the name dropped)
    ("lead", r"^(?:牵头|主责|主办)(?:(?:单位|部门)(?:及|和|、)|(?!.*(?:领导|负责人|责任人)))", "n115:1"),  # 牵头单位, 主办单位
    ("supporting", r"^(?:配合|协办|协同|协助|参与|指导)", "d27:4"),                         # 配合单位
    ("unit", r"(?:责任|负责|承办|实施|落实|办理)(?:单位|部门|股室|处室|科室)|(?:责任|实施)主体|^(?:单位|责任)$", "d10:38"),  # 责任单位
    ("person", r"领导|负责人|责任人|^主要领", "d15:5"),                                 # 责任领导, 牵头区领导
    ("deadline", r"时限|完成时间|时间节点|截止", "d15:4"),                             # 完成时限
    ("category", r"指标|类别|领域|类型|板块|^名称$", "d15:2"),                          # 指标; 名称 alone (财政收入, 服务业: n613)
    ("task", r"任务|重点工作|实事项目|项目名称|民生实事|实事名称|工作内容|事项|名称", "d15:3"),  # 重点工作
    ("detail", r"要求|举措|计划|内容|措施|进展|备注|情况|安排", "d15:8"),               # 具体要求
)
# Words that make a header or heading bracket a unit list: 一、强化科技创新(区科技局牵头).
ROLE_WORDS_PATTERN = r"牵头|配合|负责|协助"
# The start of a label line, loosely (a line-wrap join never crosses one): 牵头单位：  责任领导：
LABEL_START_PATTERN = r"(?:牵头|责任|配合|协同|协助|参与|主责|承办|分管|部门分工|完成时限)\S{0,6}:"
# A label cut before its colon at the end of a text: (牵头单 / (责任 / (配合部
LABEL_CUT_PATTERN = r"(?:牵头|责任|配合|协同|协助|参与|主责|主办|协办)[单部处科股]?"

# What links a label to its list: a colon, or 为 in a sentence (牵头单位为市发改委，配合单位为市财政局。),
# not where a role word follows (第一责任单位为牵头单位: a convention, no list).
LABEL_LINK_PATTERN = r":|为(?![\s,;:。、]|牵头|责任|配合|协办|主办|参与|第一)"

# --- words of a unit list and of the headings that lead one (units/assign) ----------------------
# A unit marked as the lead inside a list: 市发改委(牵头), 市发改委*, 市发改委(牵头单位)
LEAD_MARK = re.compile(r"(?:\*|\(牵头(?:单位|部门)?\))\s*$")
# Words trimmed from a unit: leading 由/联合 (and the work named before 由: 此项工作由X牵头), trailing
# 等/等部门/等单位.
LEADING = re.compile(r"(?:(?:此项|该项|本项|这项|上述|以上|各项)(?:工作|任务|事项)?由|由|联合|请)")
# …等有关部门和单位, and a scope before it: …等国务院相关部门, …等省有关部门 (rule 7).
TRAILING = re.compile(r"(?:等(?:[\u4e00-\u9fff]{0,6}?(?:有关|相关))?(?:部门和单位|单位和部门|部门|单位)|等)$")
# A bare generic noun after an 等 tail is no unit: the 单位 of `…等部门、单位` (n441); after a
# unit it shares that unit's modifier and stays (`市直有关部门、单位`, d13).
BARE_GENERIC = re.compile(r"^(?:单位|部门|机构)$")
# A person by title, never a unit: 分管副市长, 王副区长, 区委书记.
PERSON_TITLE = re.compile(
    r"(?:副)?(?:省长|市长|区长|县长|州长|镇长|乡长|书记|秘书长|主任|局长|厅长|部长|主席|总工程师|总经济师|总会计师|总工)$")
# A unit column's header alone on its line: the cells of a flattened table follow, one a line.
UNIT_COLUMN_HEADER = re.compile(r"^[ \t]*(?:责任单位|牵头单位|责任部门|牵头部门|承办单位)[ \t]*$", re.MULTILINE)
# A unit-led heading: 4、茄子河区政府负责：
UNIT_LED = re.compile(r"(?P<u>[^,，:：;；。]{2,20}?)负责\s*[:]")
# A heading that names the unit leading its items: 一、县示范区管委会牵头工作(8项) (n475)
UNIT_LED_WORK = re.compile(r"\s*(?P<u>[^,:;。()]{2,20}?)(?P<v>牵头|负责)(?:的)?(?:工作|任务|事项)(?:\(\s*\d+\s*项\s*\))?\s*")
# A closing clause that gives a task to one unit with others: 由X会同Y、Z等部门研究提出落实意见 (rule 21: X
# responsible, Y and Z supporting); Y ends at its 等…部门 tail or where the work's verb begins.
# (Y ends at its 等 tail when the clause has one, so that 研究 in 市政府研究室 does not cut it; the work's verb
# is never the start of a name: 研究室, 研究院.)
HUITONG_CLAUSE = re.compile(
    r"(?:^|(?<=[,。;:\s]))由(?P<x>[^,。;:由]{2,40}?)会同"
    r"(?:(?P<y>[^,。;:等]{2,300})等(?:有关|相关)?(?:部门和单位|部门|单位)"
    r"|(?P<y2>[^,。;:]{2,300}?)(?=研究(?!室|院|所|中心)|制定|提出|组织|推进|开展|出台|完善|做好|抓好|加强|共同))")
# A paragraph after a run of items that gives their units at once: 4项目标的责任单位均为市发展改革委。 (the four
# items above it), 该目标责任单位为市经委。 (the item above), n634.
SHARED_UNITS = re.compile(
    r"^[ \t\u3000]*(?:(?:以上|上述)?(?P<n>\d{1,2}|[二三四五六七八九十]{1,2})项|(?P<one>该|此|本)项?)(?:目标|任务|工作|指标|事项)?的?"
    r"(?P<label>责任单位|责任部门|牵头单位|牵头部门)(?:均|都|分别)?为(?P<u>[^。\n]{2,200}?)。?[ \t]*$", re.MULTILINE)
# Golden cases of the unit-list patterns above: name -> (corpus line, the folded text the pattern
# reads there); None waits for a real line (the test pins which).
UNIT_LIST_CASES: dict[str, tuple[str, str] | None] = {
    "LEAD_MARK": None,
    "LEADING": ("n025:1", "由区商贸旅游局"),
    "TRAILING": ("d09:7", "区水务局等部门"),
    "BARE_GENERIC": ("n441:51", "单位"),
    "PERSON_TITLE": ("n014:11", "分管副市长"),
    "UNIT_COLUMN_HEADER": ("d10:38", "责任单位"),
    "UNIT_LED": ("d37:7", "4、茄子河区政府负责:"),
    "UNIT_LED_WORK": ("n475:14", "县示范区管委会牵头工作(8项)"),
    "SHARED_UNITS": ("n634:14", "4项目标的责任单位均为市发展改革委。"),
    "HUITONG_CLAUSE": ("n538:56", ",由发展改革委会同中央农办、农业部、财政部、科技部、国土资源部、水利部、商务部、统计局、粮食局等部门"),
}

LABELS: tuple[tuple[str, str | None], ...] = tuple((p, role) for p, role, _ in LABEL_TABLE)
LABEL_ROLES: tuple[tuple[re.Pattern[str], str | None], ...] = tuple((re.compile(p), role) for p, role in LABELS)
ROLE_VERBS: tuple[tuple[str, str], ...] = tuple((p, role) for p, role, _ in ROLE_VERB_TABLE)
CONVENTION = re.compile(CONVENTION_PATTERN)
COLUMN_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((kind, re.compile(p)) for kind, p, _ in COLUMN_TABLE)
ROLE_WORDS = re.compile(ROLE_WORDS_PATTERN)


def label_role(label: str) -> str | None:
    """The role of a whole label (``牵头单位`` → lead), or None."""
    return next((role for pattern, role in LABEL_ROLES if pattern.fullmatch(label)), None)
