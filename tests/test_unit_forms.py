"""Unit lists in every written form, filled with real unit names: each form x bracket x separator
is read with the right units and roles (24 forms: role verbs, labels, marks, 会同, 等, deadlines,
closing sentences and label lines).  The names are the development corpus's own
(tests/golden_new/units_gold.tsv), drawn with a fixed seed, so the cases are real names in
combinations no document had: a rule that only fits the names it was written for fails here."""
from __future__ import annotations

import itertools
import random

import pytest

import policyparse
from policyparse.export.json import to_gold
from tests.conftest import corpus_unit_names

BRACKETS = [("（", "）"), ("(", ")"), ("[", "]"), ("【", "】"), ("〔", "〕")]
SEPARATORS = ["，", ",", "；"]
SAMPLES = 6


ALL, KNOWN = corpus_unit_names()

J = "、".join

# Forms inside a closing bracket: form -> (names it may use, builder(lead, others, sep) ->
# (text, lead, responsible, supporting)).  The unit grammar must know every name of a list
# without a role word (bare) or after 会同, where a guessed name would cost precision.
BRACKETED = {
    "lead_supporting": (ALL, lambda L, S, sep: (f"{L}牵头{sep}{J(S)}配合", [L], [], S)),
    "responsible": (ALL, lambda L, S, sep: (f"{J([L, *S])}负责", [], [L, *S], [])),
    "lead_by_duty": (ALL, lambda L, S, sep: (f"{L}牵头{sep}{J(S)}按职责分工负责", [L], S, [])),
    "by_duty": (ALL, lambda L, S, sep: (f"{J([L, *S])}按职责分工负责", [], [L, *S], [])),
    "responsible_supporting": (ALL, lambda L, S, sep: (f"{L}负责{sep}{J(S)}配合", [], [L], S)),
    "participate": (ALL, lambda L, S, sep: (f"{L}牵头{sep}{J(S)}参与", [L], [], S)),
    "assist": (ALL, lambda L, S, sep: (f"{L}牵头{sep}{J(S)}协助", [L], [], S)),
    "two_leads": (ALL, lambda L, S, sep: (f"{L}、{S[0]}牵头{sep}{J(S[1:])}配合", [L, S[0]], [], S[1:])),
    "deng": (ALL, lambda L, S, sep: (f"{L}牵头{sep}{J(S)}等部门配合", [L], [], S)),
    "spaced_list": (ALL, lambda L, S, sep: (f"{L}牵头{sep}{'、 '.join(S)}配合", [L], [], S)),
    "deadline": (ALL, lambda L, S, sep: (f"{L}牵头{sep}{J(S)}配合{sep}2024年底前完成", [L], [], S)),
    "huitong": (KNOWN, lambda L, S, sep: (f"{L}会同{J(S)}负责", [], [L], S)),  # all after 会同 support
    "labels": (ALL, lambda L, S, sep: (f"牵头单位:{L}{sep}配合单位:{J(S)}", [L], [], S)),
    "labels_space": (ALL, lambda L, S, sep: (f"牵头单位:{L} 配合单位:{J(S)}", [L], [], S)),
    "lead_responsible_labels": (ALL, lambda L, S, sep: (f"牵头单位:{L}{sep}责任单位:{J(S)}", [L], S, [])),
    "lenticular_labels": (ALL, lambda L, S, sep: (f"【牵头单位】{L}【配合单位】{J(S)}", [L], [], S)),
    "label_responsible": (ALL, lambda L, S, sep: (f"责任单位:{J([L, *S])}", [], [L, *S], [])),
    "lead_mark": (ALL, lambda L, S, sep: (f"责任单位:{L}(牵头)、{J(S)}", [L], S, [])),  # marked lead: lead only (rule 5)
    "bare": (KNOWN, lambda L, S, sep: (J([L, *S]), [], [L, *S], [])),
}
# Forms after the task, outside brackets: a closing sentence (known names only: running text is
# read strictly) and label lines of their own.
TRAILING = {
    "sentence": (KNOWN, lambda L, S, sep: (f"{L}牵头{sep}{J(S)}配合。", [L], [], S)),
    "you_sentence": (KNOWN, lambda L, S, sep: (f"由{L}牵头{sep}{J(S)}配合。", [L], [], S)),
    "huitong_clause": (KNOWN, lambda L, S, sep: (f"由{L}会同{J(S)}等部门研究提出落实意见。", [], [L], S)),
    "label_lines": (ALL, lambda L, S, sep: (f"\n牵头单位:{L}\n配合单位:{J(S)}", [L], [], S)),
    "label_line_responsible": (ALL, lambda L, S, sep: (f"\n责任单位:{J([L, *S])}", [], [L, *S], [])),
    "lenticular_label_lines": (ALL, lambda L, S, sep: (f"\n【牵头单位】{L}\n【配合单位】{J(S)}", [L], [], S)),
}


def _cases():
    rng = random.Random(9)
    for form, (names, build) in BRACKETED.items():
        for (o, c), sep in itertools.product(BRACKETS, SEPARATORS):
            for _ in range(SAMPLES // 2 if form != "lead_supporting" else SAMPLES):
                lead, *others = rng.sample(names, 4)
                inner, *want = build(lead, others, sep)
                yield pytest.param(f"{o}{inner}{c}", *want, id=f"{form}-{o}{c}-{sep}-{lead}")
    for form, (names, build) in TRAILING.items():
        for sep in SEPARATORS:
            for _ in range(SAMPLES):
                lead, *others = rng.sample(names, 4)
                tail, *want = build(lead, others, sep)
                yield pytest.param(tail, *want, id=f"{form}-{sep}-{lead}")


@pytest.mark.parametrize("tail, lead, responsible, supporting", list(_cases()))
def test_a_unit_list_in_every_form(tail, lead, responsible, supporting):
    text = f"关于印发某工作方案的通知\n一、重点任务\n1.加强某项工作建设,推动某事落实。{tail}\n2.完善另一项机制。(市财政局负责)\n"
    got = next(a for a in to_gold(policyparse.parse(text))["assignments"] if a["path"] == "1.1")
    assert (got["lead"], got["responsible"], got["supporting"]) == (lead, responsible, supporting)


# Forms of issue 9 (2.3) in a whole item: several groups in one paragraph, a label after a target inside
# the bracket, a person label, 会同, 等和, a stated convention in a bracket of its own.
ITEM_CASES = [
    ("(市商务局牵头,市农业农村局配合)推动某事落实。(南京海关负责)", ["市商务局"], ["南京海关"], ["市农业农村局"]),
    ("(市商务局牵头,市农业农村局配合)。推动某事落实。(南京海关负责)。", ["市商务局"], ["南京海关"], ["市农业农村局"]),
    ("(9月底前取得阶段性成效,牵头考核单位:市数据局)", ["市数据局"], [], []),
    ("(牵头负责领导:张三;牵头单位:市数据局;配合单位:市财政局)", ["市数据局"], [], ["市财政局"]),
    ("(市发改委会同有关部门负责)", [], ["市发改委"], ["有关部门"]),
    ("(省发展改革委、财政厅等和各省级人民政府负责)", [], ["省发展改革委", "财政厅", "各省级人民政府"], []),
    ("(协同部门:省政府办公厅、地税局等和各市、县人民政府)", [], [], ["省政府办公厅", "地税局", "各市", "县人民政府"]),  # n622
    ("(列第一位的为牵头单位,下同)(市发改委、市财政局)", ["市发改委"], ["市财政局"], []),
    ("(市发改委指导,各区政府负责)", [], ["各区政府"], ["市发改委"]),
    ("(责任主体:各区政府;指导单位:市农业农村局)", [], ["各区政府"], ["市农业农村局"]),
    ("(牵头单位:市金融办。配合单位:人行市中心支行)", ["市金融办"], [], ["人行市中心支行"]),
    ("牵头单位为市发改委,配合单位为市财政局、市住建局。", ["市发改委"], [], ["市财政局", "市住建局"]),
    ("(责任单位:市农业农村局;督办单位:市政府督查室)", [], ["市农业农村局"], []),
    ("加快项目审批。此项工作由市发改委牵头,市财政局配合。", ["市发改委"], [], ["市财政局"]),
    ("(牵头领导:谢某,牵头单位:市发改委,数据提供单位:市统计局)", ["市发改委"], [], ["市统计局"]),  # n619
    ("(牵头单位:市发改委,督导协调单位:市政府办)", ["市发改委"], ["市政府办"], []),  # a label no table row knows
    ("(由市发改委、统计局负责。一项任务涉及多个部门的,原则上由排名首位的部门牵头负责。下同)", ["市发改委"], ["统计局"], []),  # n610
    ("(责任单位:市发改委、市财政局(第一责任单位为牵头单位,下同))", ["市发改委"], ["市财政局"], []),
]


@pytest.mark.parametrize("tail, lead, responsible, supporting", ITEM_CASES)
def test_an_item_with_the_forms_real_paragraphs_have(tail, lead, responsible, supporting):
    text = f"关于印发某工作方案的通知\n一、重点任务\n1.加强某项工作建设。{tail}\n2.完善另一项机制。(市财政局负责)\n"
    got = next(a for a in to_gold(policyparse.parse(text))["assignments"] if a["path"] == "1.1")
    assert (got["lead"], got["responsible"], got["supporting"]) == (lead, responsible, supporting)


def _unpunctuated_cases():
    rng = random.Random(13)
    for form, (names, build) in BRACKETED.items():
        for o, c in BRACKETS:
            lead, *others = rng.sample(names, 4)
            inner, *want = build(lead, others, rng.choice(SEPARATORS))
            yield pytest.param(f"{o}{inner}{c}", *want, id=f"{form}-{o}{c}-{lead}")


@pytest.mark.parametrize("tail, lead, responsible, supporting", list(_unpunctuated_cases()))
def test_a_unit_bracket_right_after_the_task_is_no_part_of_its_title(tail, lead, responsible, supporting):
    """`1.推进重大项目建设（市发改委、市财政局）`: no 。 before the bracket, and no role word to tell the
    outline that it is the unit list; the title still stops before it, on a heading line as well."""
    text = f"关于印发某工作方案的通知\n一、重点任务{tail}\n1.加强某项工作建设{tail}\n2.完善另一项机制(市财政局负责)\n"
    gold = to_gold(policyparse.parse(text))
    titles = {o["path"]: o["title"] for o in gold["outline"]}
    assert titles == {"1": "重点任务", "1.1": "加强某项工作建设", "1.2": "完善另一项机制"}
    got = {a["path"]: (a["lead"], a["responsible"], a["supporting"]) for a in gold["assignments"]}
    assert got["1.1"] == got["1"] == (lead, responsible, supporting)


@pytest.mark.parametrize("item, title, lead", [
    ("农村道路畅通工程,牵头部门:市交通局。建设进度相对较慢的县区为舒城县。", "农村道路畅通工程", ["市交通局"]),
    ("棚户区改造,牵头单位为市住建委。", "棚户区改造", ["市住建委"]),
    ("加强安全生产,责任单位要落实主体责任。", "加强安全生产,责任单位要落实主体责任", []),  # no list: running text
])
def test_a_label_that_closes_the_lead_sentence_after_a_comma(item, title, lead):
    gold = to_gold(policyparse.parse(f"关于某项工作进展情况的通报\n一、重点工作\n1、{item}\n2、完善另一项机制。(市财政局负责)\n"))
    assert next(o["title"] for o in gold["outline"] if o["path"] == "1.1") == title
    got = [a for a in gold["assignments"] if a["path"] == "1.1"]
    assert (got[0]["lead"] if got else []) == lead


@pytest.mark.parametrize("item", ["全面负责省人民政府工作任务的落实。", "协助省长抓好省人民政府工作任务的落实。"])
def test_a_sentence_about_a_bodys_work_is_no_unit_list(item):
    """n621: …省人民政府工作任务的落实。 ends in a role verb and holds 政府, but names no unit (it ends in 的)."""
    gold = to_gold(policyparse.parse(f"某省政府工作目标责任分解\n一、某省长负责的工作\n{item}\n(一)省监察厅牵头的工作\n加强行政监察工作。\n"))
    assert [a for a in gold["assignments"] if a["path"] == "1"] == []


def test_a_paragraph_that_gives_the_units_of_the_items_above_it():
    """n634: 4项目标的责任单位均为X。 after four items gives each of them X; 该目标责任单位为Y。 the item above."""
    text = ("目标体系\n一、发展目标\n1.地区生产总值增长15%;\n2.第三产业增加值达到1000亿元;\n3.固定资产投资新增200亿元;\n"
            "3项目标的责任单位均为市发展改革委。\n4.规模以上工业销售收入达到3000亿元;\n该目标责任单位为市经委。\n5.财政收入净增50亿元;\n")
    got = {a["path"]: a["responsible"] for a in to_gold(policyparse.parse(text))["assignments"]}
    assert got == {"1.1": ["市发展改革委"], "1.2": ["市发展改革委"], "1.3": ["市发展改革委"], "1.4": ["市经委"]}


def test_a_persons_clause_before_the_units_of_an_opening_sentence():
    """n631: 由杨志武副市长负责,市发改委牵头,相关部门配合,尽快…: the person is dropped, the units read."""
    text = "工作分工\n一、重点工作\n1.推进综合配套改革\n由杨志武副市长负责,市发改委牵头,相关部门配合,尽快完成实施方案。\n2.推进项目建设\n"
    got = {a["path"]: (a["lead"], a["supporting"]) for a in to_gold(policyparse.parse(text))["assignments"]}
    assert got == {"1.1": (["市发改委"], ["相关部门"])}


# Found by a generator of random items (13 unit-list forms x where they stand): every form at the paragraph's end
# was read; in the heading sentence (1.任务(X)。具体…), a bracket of units alone, a 【label】 glued to the task and a
# whole role sentence inside the paragraph were not.
MID_FORMS = {
    "plain_bracket": lambda L, S: (f"（{J([L, *S])}）。", [], [L, *S], []),
    "square_bracket": lambda L, S: (f"[{J([L, *S])}]。", [], [L, *S], []),
    "lenticular_labels": lambda L, S: (f"【牵头单位】{L}【配合单位】{J(S)}。", [L], [], S),
    "role_sentence": lambda L, S: (f"。{L}牵头，{J(S)}配合。", [L], [], S),
}


def _mid_cases():
    rng = random.Random(12)
    for form, build in MID_FORMS.items():
        for trial in range(SAMPLES):
            L, *S = rng.sample(KNOWN, 1 + rng.randint(1, 3))
            yield pytest.param(*build(L, S), id=f"{form}-{trial}")


@pytest.mark.parametrize("clause, lead, responsible, supporting", list(_mid_cases()))
def test_a_unit_list_in_the_heading_sentence_with_more_text_after_it(clause, lead, responsible, supporting):
    text = f"某某区2024年重点工作\n一、重点任务\n1.推进老旧小区改造提升工程{clause}全面落实各项政策措施，确保取得实效。\n"
    gold = to_gold(policyparse.parse(text))
    got = next(a for a in gold["assignments"] if a["path"] == "1.1")
    assert (got["lead"], got["responsible"], got["supporting"]) == (lead, responsible, supporting)
    assert next(o["title"] for o in gold["outline"] if o["path"] == "1.1") == "推进老旧小区改造提升工程"


def test_a_gloss_in_brackets_inside_the_text_is_no_unit_list():
    """报市政府督查室(电子公文平台)。 (n485), 综合体(社区服务中心); (n220): a bracket after a noun inside the
    paragraph, not at the end of the item's heading, names no unit of the item."""
    text = ("某某区2024年重点工作\n一、重点任务\n1.细化任务。各责任单位要制定推进方案,并于3月8日前报市政府督查室(电子公文平台)。"
            "要建立工作台账。\n2.建设社区综合体。建成社区嵌入式服务综合体(社区服务中心);完善服务功能。\n")
    assert to_gold(policyparse.parse(text))["assignments"] == []


@pytest.mark.parametrize("tail, supporting", [
    ("(牵头单位:市发改委;配合单位:\n- 3 -\n市财政局、市自然资源局)", ["市财政局", "市自然资源局"]),   # a text export's page number
    ("\n牵头单位:市发改委\n配合单位:市财政局、\n市自然资源局", ["市财政局", "市自然资源局"]),         # the list wrapped after 、
    ("\n牵头单位:市发改委\n配合单位:市财政局\n市自然资源局\n2.完善政策体系。", ["市财政局", "市自然资源局"]),  # a cell's lines
])
def test_a_labelled_list_that_goes_on_below_its_line(tail, supporting):
    """A list under its label that a page number, a wrap after a separator or a cell's own lines carried onto
    the next line keeps its units (the next item or label still ends it)."""
    gold = to_gold(policyparse.parse(f"某某区2024年重点工作\n一、重点任务\n1.推进老旧小区改造提升工程。全面落实各项政策措施。{tail}\n"))
    got = next(a for a in gold["assignments"] if a["path"] == "1.1")
    assert (got["lead"], got["supporting"]) == (["市发改委"], supporting)


@pytest.mark.parametrize("bracket, lead, responsible, supporting", [
    ("(主责:市发改委;协办:市财政局)", ["市发改委"], [], ["市财政局"]),                  # 主责 alone, as 主办 alone
    ("(责任单位:市发改委;时间:2024年底)", [], ["市发改委"], []),                        # a label the grammar lacks
    ("(责任单位:市发改委;进度:按季度推进)", [], ["市发改委"], []),
])
def test_a_part_with_a_label_the_grammar_does_not_know_is_no_unit_name(bracket, lead, responsible, supporting):
    gold = to_gold(policyparse.parse(f"某某区2024年重点工作\n一、重点任务\n1.推进老旧小区改造提升工程。全面落实各项政策措施。{bracket}\n"))
    got = next(a for a in gold["assignments"] if a["path"] == "1.1")
    assert (got["lead"], got["responsible"], got["supporting"]) == (lead, responsible, supporting)


def test_a_closing_role_sentence_whose_unit_names_hold_brackets():
    """n661: 由市人民政府各相关部门,各县(市)、区人民政府负责落实。 — a bracket inside a unit's name (各县(市)) does not
    make the sentence prose."""
    gold = to_gold(policyparse.parse("某市2007年工作要点\n一、主要目标\n生产总值增长13%。\n由市人民政府各相关部门,各县(市)、区人民政府负责落实。\n"))
    assert next(a for a in gold["assignments"] if a["path"] == "1")["responsible"] == ["市人民政府各相关部门", "各县(市)", "区人民政府"]
