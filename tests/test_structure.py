"""Numbering grammar and outline building: one golden case per rule (case tables first)."""
import pytest

import policyparse
from policyparse.normalize import text_from_string
from policyparse.structure.outline import find_markers

# marker text -> (style, number): every row of structure.MARKERS / LINE_MARKERS.
MARKER_CASES = [
    ("一、指导思想", "cn_dun", 1),
    ("十二、其他", "cn_dun", 12),
    ("一,全面推进", "cn_dun", 1),  # d29: a comma after the numeral at a line start
    ("（三）重点任务", "cn_paren", 3),
    ("(三)重点任务", "cn_paren", 3),
    ("㈡完善机制", "cn_paren", 2),
    ("三）完善机制", "cn_paren", 3),  # right bracket only, at a line start
    ("1.加大力度", "ar_dot", 1),
    ("12．加大力度", "ar_dot", 12),
    ("3、加大力度", "ar_dot", 3),
    ("4﹒加大力度", "ar_dot", 4),
    ("⒌加大力度", "ar_dot", 5),
    ("2*.开展企业住所标准化登记", "ar_dot", 2),  # n106: a starred item
    ("1* .开展改革", "ar_dot", 1),
    ("（2）加大力度", "ar_paren", 2),
    ("⑶加大力度", "ar_paren", 3),
    ("2）加大力度", "ar_paren", 2),
    ("④加大力度", "circled", 4),
    ("第一章 总则", "chapter", 1),
    ("第二节 任务", "section", 2),
    ("第十五条 本办法", "article", 15),
    ("第3条 本办法", "article", 3),
    ("● 二、优化环境", "cn_dun", 2),  # a bullet before the marker
    ("第二部分 主要任务", "part", 2),
]


@pytest.mark.parametrize("line,style,num", MARKER_CASES)
def test_marker_grammar(line, style, num):
    t = text_from_string(line)
    found = find_markers(t.fold, 0, len(t.fold))
    assert found, line
    assert (found[0].style, found[0].num) == (style, num)


# Text that must not start an item.
NOT_MARKERS = ["增长6.2%左右", "到2025年，实现1.5倍", "十九届二中、三中全会", "第75次常务会议"]


@pytest.mark.parametrize("line", NOT_MARKERS)
def test_not_markers(line):
    doc = policyparse.parse("前言。\n" + line + "\n")
    assert doc.sections == []


def outline(text: str) -> list[tuple[str, str, str]]:
    doc = policyparse.parse(text)
    out = []

    def walk(nodes):
        for n in nodes:
            out.append((n.path, n.marker, n.title))
            walk(n.children)

    walk(doc.sections)
    return out


def test_levels_by_grammar_and_continuous_numbering():
    # d02: 一、 1.–2. then 二、（一） with numbering that continues: 3. is 2.1.3
    text = "一、目标\n1.增长8%。\n2.增长9%。\n二、工作\n（一）做强引擎\n3.启动建设。\n"
    assert [p for p, _, _ in outline(text)] == ["1", "1.1", "1.2", "2", "2.1", "2.1.3"]


def test_skipped_level():
    # d25: （三） then 7. directly (the TOC-like mirror left items out)
    assert [p for p, _, _ in outline("三、措施\n（三）激活主体。\n7.鼓励创业。内容。\n")] == ["3", "3.3", "3.3.7"]


def test_orphans_get_the_missing_parent_number():
    # d37: a fragment starting at (4) under a 3、 that is not in the text
    text = "(4)限期完成治理。\n(5)加强管理。\n4、区政府负责:\n(1)集中整治。\n"
    assert [p for p, _, _ in outline(text)] == ["3.4", "3.5", "4", "4.1"]


def test_items_run_together_on_one_line():
    # d05/d34: a whole document on one line
    text = "现提出以下意见:一、工作目标全面落实降低制造业企业成本的各项政策措施,进一步激发企业活力,提升竞争力。二、工作措施(一)降低税负。1.严格执行标准。2.执行办法。"
    assert outline(text) == [
        ("1", "一、", "工作目标"),
        ("2", "二、", "工作措施"),
        ("2.1", "(一)", "降低税负"),
        ("2.1.1", "1.", "严格执行标准"),
        ("2.1.2", "2.", "执行办法"),
    ]


def test_titles_heading_line_vs_lead_sentence():
    text = "一、指导思想\n以习近平新时代中国特色社会主义思想为指导。\n二、任务\n1.加大扶持力度。顺应规律，扎实开展协作。\n"
    assert [t for _, _, t in outline(text)] == ["指导思想", "任务", "加大扶持力度"]


def test_unit_bracket_not_in_heading_title():
    # d16: 一、强化科技创新(区科技局牵头)
    assert outline("一、强化科技创新(区科技局牵头)\n正文。\n")[0][2] == "强化科技创新"


def test_restart_under_new_parent_and_inline_steps_in_a_table_cell():
    # d27: numbered steps inside a table cell are children of the row
    text = ("序号 | 实事项目 | 工作举措 | 责任单位 |\n"
            "1 | 新建学校7所。 | 1.4月底前主体完工。 2.8月底前竣工交付。 | 教育局 |\n"
            "2 | 新增托位500个。 | 1.3月底前新增100个。 | 卫生健康局 |\n")
    assert [(p, t) for p, _, t in outline(text)] == [
        ("1", "新建学校7所"), ("1.1", "4月底前主体完工"), ("1.2", "8月底前竣工交付"),
        ("2", "新增托位500个"), ("2.1", "3月底前新增100个")]


def test_notice_scope_points():
    text = ("关于印发某某方案的通知\n各单位:\n现印发给你们,请认真贯彻执行。\n一、高度重视。\n二、按时报送。\n"
            "某某市人民政府办公室\n2023年1月3日\n某某方案\n一、目标\n")
    doc = policyparse.parse(text)
    assert [(n.scope, n.path) for n in doc.sections] == [("notice", "1"), ("notice", "2"), ("document", "1")]


def test_numbering_gap_is_a_warning():
    doc = policyparse.parse("一、目标\n二、任务\n四、保障\n")
    assert [n.path for n in doc.sections] == ["1", "2", "4"]
    assert any(w.code == "W201" for w in doc.warnings)


def test_section_roles():
    doc = policyparse.parse("一、指导思想\n内容。\n二、基本原则\n内容。\n三、主要目标\n内容。\n四、重点任务\n内容。\n五、保障措施\n内容。\n")
    assert [n.role for n in doc.sections] == ["指导思想", "基本原则", "目标", "重点任务", "保障措施"]


def test_headings_run_together_without_punctuation():
    assert [p for p, _, _ in outline("一、总体要求二、主要任务\n(一)加强领导。\n")] == ["1", "2", "2.1"]


def test_table_continuation_row_without_serial_adds_to_its_row():
    from tests.test_units import units_of

    text = "序号 | 任务 | 责任单位 |\n1. | 建设。 | 市发改委 |\n | | 市财政局 |\n"
    assert units_of(text) == ([("市发改委", "r"), ("市财政局", "r")], None)


def test_hard_wrapped_heading_sentence_is_joined():
    text = ("一、实施就业优先战略\n（一）建立经济发展与扩大就业联动机制和重大项目评估机\n制。将城镇新增就业纳入考核。"
            "[市发展改革委、市人力资源和社\n会保障局]\n（二）发挥小微企业作用\n内容。")
    doc = policyparse.parse(text)
    item = doc.sections[0].children[0]
    assert item.title == "建立经济发展与扩大就业联动机制和重大项目评估机制"
    assert [u.name for u in item.units] == ["市发展改革委", "市人力资源和社会保障局"]


NOTICE_LINES = ["关于印发工作要点的通知", "各镇人民政府：", "现将工作要点印发给你们。", "一、工作任务",
                "（一）推进政务服务标准化规范化便利化，年底", "前实现一网通办全覆盖，企业和群众办事只进一", "扇门。",
                "（二）加强监管。", "二、保障措施", "（一）加强领导。"]


@pytest.mark.parametrize("lines,widths", [
    # a short notice: two lines cut at one width and none longer (a third comes from the title row)
    (NOTICE_LINES + ["（二）强化督查，每季度通报一次进展情况，年底"], (21, 23)),
    # many short lines beside six cut at 18 (one longer table-like line is tolerated)
    (["责任单位：市发改委"] * 20 + ["加快推进重点项目建设，确保按期完工投"] * 6 + ["甲" * 30], (18, 20)),
    # paragraphs that were never wrapped: lengths spread, no common edge
    (["一、总体要求", "甲" * 45 + "。", "乙" * 80 + "。", "丙" * 23 + "。", "丁" * 61 + "。", "二、主要任务", "戊" * 37 + "。", "己" * 52 + "。"], None),
])
def test_wrap_width(lines, widths):
    from policyparse.normalize import wrap_width

    got = wrap_width(lines)
    assert got == widths if widths is None else widths[0] <= got <= widths[1]


def test_a_wrapped_line_ending_in_a_gloss_still_fills_the_width():
    """The width of a line is that of its printed text, a folded-away gloss (jiǎn) included."""
    text = ("第一条 为规范和加强省级财政专项资金管理提高使\n用效益，制定本办法。\n"
            "第二条 本辦法所稱省級財政專項資金(以下簡(jiǎn)\n稱“專項資金”)是指省級財政性資金安排的資金。\n"
            "第三条 本办法适用于与省级财政部门直接发生预算拨\n款关系的部门和单位。\n"
            "第四条 专项资金实行统一管理、分级负责、绩效评\n价的原则。\n")
    doc = policyparse.parse(text)
    assert [n.title[:8] for n in doc.sections] == ["为规范和加强省级", "本辦法所稱省級財", "本办法适用于与省", "专项资金实行统一"]
    assert "稱“專項資金”)是指" in doc.sections[1].title.replace("\n", "")


def test_lines_run_together_after_a_sentence_and_a_space():
    """Line breaks lost (a copied web page): a marker after 。 and a space starts an item as a
    line would, 一, included, and the fragment's orphan numbering is kept."""
    text = ("提出如下实施意见。 一,全面推进设施建设 (一)优化审批手续。将流程整合为四个阶段。 (二)加快消防审验。"
            "内容。 4、茄子河区政府负责: (1)整治锅炉。 (2)完成煤气改造。 5、市经委负责:实施管理。")
    got = [(p, t[:6]) for p, _, t in outline(text)]
    assert got[:3] == [("1", "全面推进设施"), ("1.1", "优化审批手续"), ("1.2", "加快消防审验")]
    assert [p for p, _ in got[3:]] == ["1.2.4", "1.2.4.1", "1.2.4.2", "1.2.5"]  # 4、 without 1、-3、 (a fragment)


def test_a_long_run_together_line_is_cut_after_its_sentences():
    from policyparse.normalize import text_from_string

    body = "各区县人民政府,市政府各部门: 为加快推进养老服务发展,提出如下意见。 一,全面推进设施建设 " + "内容。" * 100
    t = text_from_string(body)
    assert t.fold.split("\n")[:3] == ["各区县人民政府,市政府各部门:", "为加快推进养老服务发展,提出如下意见。", "一,全面推进设施建设 " + "内容。" * 100]
    assert len(t.fold) == len(body) and t.raw == body  # same offsets; the raw text is untouched
    noticed = "关于全面推进养老服务发展的实施意见 哈政办规〔2022〕7号 各区,县(市)人民政府: " + "内容。" * 100
    assert text_from_string(noticed).fold.split("\n")[:3] == ["关于全面推进养老服务发展的实施意见", "哈政办规〔2022〕7号", "各区,县(市)人民政府:"]
    titled = "现印发给你们,请认真贯彻执行。 杭州市推进“互联网+”行动实施意见 为贯彻落实国务院部署,制定本意见。 " + "内容。" * 100
    assert text_from_string(titled).fold.split("\n")[1:3] == ["杭州市推进“互联网+”行动实施意见", "为贯彻落实国务院部署,制定本意见。"]
    short = "时间: 2023-02-21 来源: 市政府。 一、总体要求"
    assert text_from_string(short).fold == short  # a short line is left alone


def test_heading_run_into_text_after_a_space():
    assert outline("三、行动目标 到2025年，力争实现以下目标：\n1.培育企业。\n")[0] == ("3", "三、", "行动目标")


def test_html_entities_and_glosses_are_folded_for_matching():
    doc = policyparse.parse("&nbsp;&nbsp;一、發(fā)展目標\n内容。\n&emsp;二、措施\n")
    assert [(n.path, n.title) for n in doc.sections] == [("1", "發(fā)展目標"), ("2", "措施")]


def test_section_rows_of_a_task_table_nest_its_rows():
    text = ("序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 |\n一、优化政务服务 | | | | |\n"
            "1 | 推行一网通办。 | 市政务服务局 | 市大数据局 | 2024年6月 |\n2 | 推行帮办代办。 | 市政务服务局 | | 长期 |\n"
            "二、优化市场环境 | | | | |\n3 | 加强信用监管。 | 市发展改革委 | 市市场监管局 | 2024年12月 |\n")
    assert [(p, t) for p, _, t in outline(text)] == [
        ("1", "优化政务服务"), ("1.1", "推行一网通办"), ("1.2", "推行帮办代办"), ("2", "优化市场环境"), ("2.3", "加强信用监管")]


def test_section_cells_in_a_one_cell_per_line_table():
    text = "序号\n任务\n责任单位\n一、民生工程\n1\n新建天桥。\n县住建局\n2\n新建学校。\n县教育局\n二、生态工程\n3\n治理河道。\n县水务局\n"
    assert [p for p, _, _ in outline(text)] == ["1", "1.1", "1.2", "2", "2.3"]


@pytest.mark.parametrize("text", [
    "一、总体要求\n实行统一、规范、高效的管理。\n",
    "一、总体要求\n坚持标准、实行统一、规范。其二、加强管理。\n",
    "第一条 为了规范管理。按照第三条规定执行。\n第二条 本办法。\n",
])
def test_words_that_look_like_markers_inside_sentences(text):
    assert len(outline(text)) == (2 if "第二条" in text else 1)


def test_table_of_contents_lines_are_not_items():
    text = "目  录\n一、总体要求………………1\n二、主要任务………………3\n一、总体要求\n内容。\n二、主要任务\n内容。\n"
    assert [p for p, _, _ in outline(text)] == ["1", "2"]


def test_table_rows_are_items_whatever_their_numbers():
    text = "序号 | 任务 | 责任单位 |\n1 | 甲。 | 县水务局 |\n9 | 乙。 | 县住建局 |\n3 | 丙。 | 县教育局 |\n"
    assert [p for p, _, _ in outline(text)] == ["1", "9", "3"]


# Decimal numbering (n232, n310, n428: 应急预案): path = the number as written; its top level is a
# bare number before a heading only where a `N.x` follows; quantities and dates are no markers.
DECIMAL_CASES = [
    ("1 总则\n1.1 编制目的\n为提高能力，制定本预案。\n1.2 编制依据\n依据法律。\n2 组织体系\n2.1 指挥机构\n",
     [("1", "1", "总则"), ("1.1", "1.1", "编制目的"), ("1.2", "1.2", "编制依据"), ("2", "2", "组织体系"),
      ("2.1", "2.1", "指挥机构")]),
    ("1.总则 1.1目的依据 提高能力,维护稳定。\n1.2现状特点 山福镇地处西北部,灾害时有发生。\n1.3工作原则 (1)以人为本。坚持预防。\n",
     [("1", "1.", "总则"), ("1.1", "1.1", "目的依据"), ("1.2", "1.2", "现状特点"), ("1.3", "1.3", "工作原则"),
      ("1.3.1", "(1)", "以人为本")]),
    ("一、保障\n1.1.1 建立机制\n内容。\n1.1.2 完善制度\n", [("1", "一、", "保障"), ("1.1.1", "1.1.1", "建立机制"),
                                                   ("1.1.2", "1.1.2", "完善制度")]),
    ("1 完成任务\n2 推进工作\n", []),  # bare numbers without a 1.x below are not this scheme
    ("一、目标\n1.4月底前完工。\n2.5亿元用于建设。\n", [("1", "一、", "目标"), ("1.1", "1.", "4月底前完工")]),
]


@pytest.mark.parametrize("text,expected", DECIMAL_CASES)
def test_decimal_numbering(text, expected):
    assert outline(text)[:len(expected) or None] == expected if expected else outline(text) == []


# A table of contents is never outline: with dot leaders, or (n232, n428) bare headings that come
# again, in the same order, right below.
TOC_CASES = [
    ("目  录\n1 总则\n1.1 编制目的\n1.2 编制依据\n2 组织\n1 总则\n1.1 编制目的\n内容。\n1.2 编制依据\n内容。\n",
     ["1", "1.1", "1.2"]),
    ("总则\n1.1 编制目的\n1.2 编制依据\n组织\n2.1 指挥机构\n1 总则\n1.1 编制目的\n内容。\n1.2 编制依据\n内容。\n"
     "2 组织\n2.1 指挥机构\n", ["1", "1.1", "1.2", "2", "2.1"]),
    ("一、总体要求……………3\n二、主要任务……………5\n一、总体要求\n内容。\n二、主要任务\n内容。\n", ["1", "2"]),
    # headings that do not come again are an outline, however short their lines
    ("一、目标\n二、任务\n三、保障\n四、要求\n", ["1", "2", "3", "4"]),
]


@pytest.mark.parametrize("text,paths", TOC_CASES)
def test_table_of_contents_is_not_outline(text, paths):
    assert [p for p, _, _ in outline(text)] == paths


def test_category_rows_numbered_in_their_own_cell():
    # issue 9: `二 | 生态环境保护方面` interleaved with the numbered rows; 序号 that continue across groups
    text = ("序号 | 类别 | 重点任务 | 责任单位 |\n一 | 生态环境保护方面 |\n1 | 治水 | 推进治水 | 市水利局 |\n"
            "二 | 民生方面 |\n2 | 就业 | 稳定就业 | 市人社局 |\n")
    assert [(p, m, t) for p, m, t in outline(text)] == [
        ("1", "一", "生态环境保护方面"), ("1.1", "1", "推进治水"), ("2", "二", "民生方面"), ("2.2", "2", "稳定就业")]


# Under a heading the table's numbered category rows nest one level down (no path used twice);
# a category that goes on with the heading's own numbers (二 after 一、) stays its sibling.
@pytest.mark.parametrize("text,paths", [
    ("一、重点任务\n序号 | 任务 | 责任单位 |\n一 | 产业发展 |\n1 | 推进数据共享 | 市发改委 |\n二 | 民生保障 |\n"
     "2 | 扩大就业 | 市人社局 |\n", ["1", "1.1", "1.1.1", "1.2", "1.2.2"]),
    ("一、重点任务\n序号\t任务\t责任单位\n一\t产业发展\n1\t推进数据共享\t市发改委\n二\t民生保障\n2\t扩大就业\t市人社局\n",
     ["1", "1.1", "1.1.1", "1.2", "1.2.2"]),  # tab-separated, the category row with one cell fewer
    ("一、总体要求\n为推进工作,制定本方案。\n序号 | 任务 | 责任单位 |\n二 | 民生保障 |\n1 | 扩大就业 | 市人社局 |\n",
     ["1", "2", "2.1"]),
])
def test_category_rows_under_a_heading(text, paths):
    assert [p for p, _, _ in outline(text)] == paths


def test_the_colon_of_a_ratio_starts_no_item():
    """`床人比不低于1:1.6,医护比不低于1:1.2` (n576): 1:1.6 is a ratio, not `1:` then an item `1.`."""
    import policyparse
    from policyparse.export.json import to_gold
    text = "某市卫生健康事业发展规划\n一、总体要求\n(一)工作目标。到2025年,公立医院床人比不低于1:1.6,医护比不低于1:1.2,服务能力明显增强。\n(二)基本原则。坚持公益性。\n"
    assert [o["path"] for o in to_gold(policyparse.parse(text))["outline"]] == ["1", "1.1", "1.2"]


@pytest.mark.parametrize("footer", [
    "主办单位：某市人民政府办公室  承办单位：某市大数据中心\n网站标识码：1234567890  备案号：京ICP备12345678号\n联系电话：0551-1234567\n",
    "扫一扫在手机打开当前页\n上一篇：关于做好安全工作的通知\n主办：某市人民政府办公室\n版权所有：某市人民政府 技术支持：某公司\n",
])
def test_a_site_footer_after_the_last_item_is_neither_its_units_nor_a_cut(footer):
    """A portal page copied whole ends with its site footer (n409 has one at its top): its 主办单位: line is no
    unit list of the last item, and the item is not taken for one cut inside its units (it was dropped)."""
    from policyparse.export.json import to_gold
    text = ("某市2024年重点工作任务分解方案\n一、推动经济发展\n1.加快项目建设。推进重大项目落地。(责任单位:市发改委、市财政局)\n"
            "2.加强监督检查。(市审计局负责)\n" + footer)
    gold = to_gold(policyparse.parse(text))
    assert {a["path"]: a["responsible"] for a in gold["assignments"]} == {"1.1": ["市发改委", "市财政局"], "1.2": ["市审计局"]}


def test_a_site_footers_label_does_not_make_a_notices_own_points_its_documents():
    """A notice whose points follow its transmittal sentence keeps them in notice scope; the 主办单位: of the
    page's footer below them is no role label that would make them the transmitted task list."""
    from policyparse.export.json import to_gold
    text = ("某市人民政府办公厅关于印发2020年市《政府工作报告》确定的主要目标任务责任分解方案的通知\n某政办〔2020〕1号\n"
            "各区人民政府,市人民政府各部门:\n现将《2020年市〈政府工作报告〉确定的主要目标任务责任分解方案》印发给你们,"
            "请认真组织实施。\n一、层层压实责任,积极推进落实\n各单位要高度重视。\n"
            "二、加强工作统筹,科学制订落实方案\n各单位要制定方案。\n"
            "主办单位:某市人民政府办公室  承办单位:某市大数据中心\n网站标识码:1234567890  京ICP备12345678号\n")
    assert [(o["scope"], o["path"]) for o in to_gold(policyparse.parse(text))["outline"]] == [("notice", "1"), ("notice", "2")]
