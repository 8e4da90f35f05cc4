"""Unit-list grammar: one golden case per rule of units.py (brackets, labels, verbs, conventions)."""
import pytest

import policyparse
from policyparse.schema import walk


def units_of(text: str, path: str = "1") -> tuple[list[tuple[str, str]], str | None]:
    doc = policyparse.parse(text)

    def find(nodes):
        for n in nodes:
            if n.path == path:
                return n
            got = find(n.children)
            if got:
                return got
        return None

    node = find(doc.sections)
    assert node is not None, [n.path for n in doc.sections]
    return [(u.name, u.role[0]) for u in node.units], node.deadline.text if node.deadline else None


# (item text, expected [(unit, role initial)], expected deadline)
CASES = [
    # 主办 leads, 协办 supports (n312)
    ("1.公共财政收入增长13%左右。(省财政厅主办,省国税局、地税局协办)", [("省财政厅", "l"), ("省国税局", "s"), ("地税局", "s")], None),
    # a closing sentence after a unit bracket also counts; people (总工, names before 副厅长) are dropped (n011)
    ("1.治理。(牵头单位:区环保厅)。由鲁国会、郑忠安副厅长分别负责,环境监测处、环境影响评价处和农村环境监督管理处分别落实。",
     [("区环保厅", "l"), ("环境监测处", "r"), ("环境影响评价处", "r"), ("农村环境监督管理处", "r")], None),
    # a closing sentence: a person (总工) dropped, 落实 is responsible (n011)
    ("1.削减排放。(牵头单位:区环保厅)。由金国兴总工负责,污染物排放总量控制处落实。",
     [("区环保厅", "l"), ("污染物排放总量控制处", "r")], None),
    # a collective of places is a unit, and 和/及 split before it (n306)
    ("1.统筹开发。(自治区能源开发局牵头,自治区发展改革委、环保厅和内蒙古电力监管办及相关盟市配合)",
     [("自治区能源开发局", "l"), ("自治区发展改革委", "s"), ("环保厅", "s"), ("内蒙古电力监管办", "s"), ("相关盟市", "s")], None),
    # unmarked square bracket, nested parentheses kept (wujiang)
    ("1.加大力度。内容。[区发改委、财政局，吴江高新区（盛泽镇）、震泽镇]",
     [("区发改委", "r"), ("财政局", "r"), ("吴江高新区（盛泽镇）", "r"), ("震泽镇", "r")], None),
    # labelled roles in round brackets; person labels dropped (d02)
    ("1.增长8%。(责任领导:杜新国;牵头单位:区发改局;责任单位:区财政局、区税务局)",
     [("区发改局", "l"), ("区财政局", "r"), ("区税务局", "r")], None),
    # role verbs: X、Y牵头，A、B参加 (d05)
    ("1.坚持优先。(市发展改革委、市人社局牵头,市委组织部、市教育局参加)",
     [("市发展改革委", "l"), ("市人社局", "l"), ("市委组织部", "s"), ("市教育局", "s")], None),
    # 按职责分工负责 (d06) and tortoise-shell brackets with 配合 (d14)
    ("1.坚持规划。〔省文物局牵头,各市(区)政府配合〕", [("省文物局", "l"), ("各市(区)政府", "s")], None),
    ("1.规划引领。(省工信厅牵头,各地级以上市人民政府按职责分工负责)",
     [("省工信厅", "l"), ("各地级以上市人民政府", "r")], None),
    # 等部门 trimmed, leading 联合 dropped (d09)
    ("1.谋划储备。(区发改局牵头,区财政局等部门,区国投公司配合)",
     [("区发改局", "l"), ("区财政局", "s"), ("区国投公司", "s")], None),
    # traditional script labels, 及 between two units, deadline inside the bracket (d19)
    ("1.加大力度。(牽頭單位:州行政審批服務局;責任單位:州司法局、州委編辦及州直相關單位,6月底完成)",
     [("州行政審批服務局", "l"), ("州司法局", "r"), ("州委編辦", "r"), ("州直相關單位", "r")], "6月底完成"),
    # 和 inside a name is not a split point
    ("1.推进。[区文体广电和旅游局、自然资源和规划局]", [("区文体广电和旅游局", "r"), ("自然资源和规划局", "r")], None),
    # label lines under the item (d11): 牵头责任单位 / 协同责任单位 …等
    ("1﹒增长7%。\n牵头负责领导:刘惠。\n牵头责任单位:省发展改革委。\n协同责任单位:省财政厅、省税务局等。",
     [("省发展改革委", "l"), ("省财政厅", "s"), ("省税务局", "s")], None),
    # 部门分工 label with verbs inside (d08)
    ("1.增长6%。\n分管省领导:林克庆\n部门分工:省发展改革委牵头,各地、各部门配合。",
     [("省发展改革委", "l"), ("各地", "s"), ("各部门", "s")], None),
    # a standing instruction after the list is not a unit (d13)
    ("1.深化改革。(牵头单位:市审批局;责任单位:市直有关部门、单位。以下任务均需各区落实,不再一一列出)",
     [("市审批局", "l"), ("市直有关部门", "r"), ("单位", "r")], None),
    # 【label】 form and an inline label after a sentence end
    ("1.推行帮办。【牵头单位】市政务服务局【配合单位】各县（市、区）",
     [("市政务服务局", "l"), ("各县（市、区）", "s")], None),
    ("1.完善平台。责任单位：市大数据局。", [("市大数据局", "r")], None),
    # deadline label inside the bracket
    ("1.推进。（牵头单位：市政务服务局；完成时限：2024年12月底前）", [("市政务服务局", "l")], "2024年12月底前"),
    # unit-led heading (d37)
    ("1、市经委负责:对焦化企业实施管理。", [("市经委", "r")], None),
    # 分别牵头 (d17) and 按照职责分工牵头 under a 牵头部门 label (d29)
    ("1.城乡收入。\n责任单位:市人力社保局、市农业农村局分别牵头", [("市人力社保局", "l"), ("市农业农村局", "l")], None),
    ("1.优化审批。(牵头部门:市住建局,市营商局按照职责分工牵头;责任单位:区县市政府)",
     [("市住建局", "l"), ("市营商局", "l"), ("区县市政府", "r")], None),
    # a labelled bracket ending a sentence, text going on after it
    ("1.推进改革（市发改委牵头）。具体内容如下，加强协调。", [("市发改委", "l")], None),
    # the item's last sentence is only units with role verbs
    ("1.推进改革。加强协调，形成合力。市发改委牵头，市财政局、市商务局配合。",
     [("市发改委", "l"), ("市财政局", "s"), ("市商务局", "s")], None),
    # compound role verbs: 牵头抓总, 协同配合
    ("1.推进。（市发改委牵头抓总，市财政局、市商务局协同配合）", [("市发改委", "l"), ("市财政局", "s"), ("市商务局", "s")], None),
    # bare header words 牵头 / 配合 name unit columns
    ("序号 | 任务 | 牵头 | 配合 |\n1 | 建设。 | 市发改委 | 市财政局 |\n", [("市发改委", "l"), ("市财政局", "s")], None),
    # label lists run together on one line end at their 。 (d11 with its lines joined)
    ("1﹒增长7%。 牵头负责领导:刘惠。 牵头责任单位:省发展改革委。 协同责任单位:省财政厅、省税务局等。",
     [("省发展改革委", "l"), ("省财政厅", "s"), ("省税务局", "s")], None),
    # people by title are not units
    ("1.推进。（牵头单位：市发改委、分管副市长；配合单位：市财政局）", [("市发改委", "l"), ("市财政局", "s")], None),
    # space-joined cell lines: 县水务局 县住建局; a space inside one name is kept
    ("序号 | 任务 | 责任单位 |\n1 | 建设。 | 县水务局 县住建局 |\n", [("县水务局", "r"), ("县住建局", "r")], None),
]


def test_unclosed_unit_bracket_is_parsed_with_a_warning():
    doc = policyparse.parse("1.推进改革。（牵头单位：市发改委；配合单位：市财政局\n2.加强保障。")
    assert [(u.name, u.role) for u in doc.sections[0].units] == [("市发改委", "lead"), ("市财政局", "supporting")]
    assert [w.code for w in doc.warnings] == ["W301"]


@pytest.mark.parametrize("text,units,deadline", CASES)
def test_unit_grammar(text, units, deadline):
    assert units_of(text) == (units, deadline)


def test_convention_applies_from_where_it_is_stated():
    text = ("1.甲。(市发改委、市财政局负责)\n"
            "2.乙。(市发改委、市财政局等负责,列第一位者为牵头单位,下同)\n"
            "3.丙。(市商务局、市农业局等负责)\n")
    assert units_of(text, "1")[0] == [("市发改委", "r"), ("市财政局", "r")]
    assert units_of(text, "2")[0] == [("市发改委", "l"), ("市财政局", "r")]
    assert units_of(text, "3")[0] == [("市商务局", "l"), ("市农业局", "r")]


def test_convention_note_glued_to_the_last_unit_is_dropped():
    # d17: 责任单位:A、B(除标注“分别牵头”外,列第一位为牵头或汇总单位,下同)
    text = "4.投资增长10%。\n责任单位:市发改委、市卫生健康委(除标注“分别牵头”外,列第一位为牵头或汇总单位,下同)"
    assert units_of(text, "4")[0] == [("市发改委", "l"), ("市卫生健康委", "r")]


def test_brackets_that_are_not_unit_lists():
    assert units_of("1.建设项目(二期)。内容(涉及水土保持项目)。")[0] == []


def test_table_columns_give_roles_and_deadline():
    text = "序号 | 重点工作 | 牵头单位 | 配合单位 | 完成时限 |\n1 | 建成中心。 | 县民政局 | 县财政局、县住建局 | 12月底前 |\n"
    assert units_of(text) == ([("县民政局", "l"), ("县财政局", "s"), ("县住建局", "s")], "12月底前")


# One cell per line, as read from a PDF whose table cells wrap: a 建设地点 column of place names
# beside the unit column, content wrapped over three lines (the last starting with 、).
WRAPPED_TABLE = ("序号\n项目名称\n建设地点\n建设内容\n责任单位\n"
                 "1\n老旧小区改造\n洋州街道\n实施西苑小区、金鑫小区房屋功能改善\n和周边配套基础设施\n、绿化提升。\n县住建局\n"
                 "2\n农村公路工程\n龙亭镇\n实施生命防护工程。\n县交通局\n")


def test_wrapped_cells_of_a_one_cell_per_line_table_are_joined():
    doc = policyparse.parse(WRAPPED_TABLE)
    first, second = doc.sections
    assert [(u.name, u.role) for u in first.units] == [("县住建局", "responsible")]
    assert "和周边配套基础设施、绿化提升" in first.text.replace("\n", "")
    assert [u.name for u in second.units] == ["县交通局"]


def test_a_wrapped_cell_is_joined_even_when_the_line_count_matches_the_columns():
    # 备注 is empty, so the extra line of the task makes up the count: positional mapping would put
    # "19年…活动。" under 完成时限; the cut number (策划20 / 19年) says it is one cell
    text = ("序号\n类别\n工作任务\n完成时限\n责任领导\n责任单位\n备注\n"
            "1\n旅游\n完善观景平台建设,精心策划20\n19年观花活动。\n5月底\n周斐\n旅游股\n")
    assert units_of(text) == ([("旅游股", "r")], "5月底")


def test_a_merged_unit_cell_repeated_in_a_continuation_row_counts_once():
    # a reader filled the merged 序号 and 责任单位 cells into both rows the task spans
    text = "序号 | 重点工作 | 责任单位 | 完成时限 |\n5 | 开工建设养护楼。 | 县民政局 | 5月底前 |\n5 | 开工建设老年大学。 | 县民政局 | 12月底前 |\n"
    assert units_of(text, "5")[0] == [("县民政局", "r")]


def test_space_separated_rows_with_the_serial_glued_to_the_first_cell():
    # a PDF reader dropped the space after the 序号 (CJK–Latin spacing); 10月… is not row 10
    text = ("序号 重点工作 责任单位 进度安排\n1完成主要预期目标。 县发改局 全年\n2 推进项目建设。 县住建局 年底前\n"
            "3加快园区建设。 县经信局 全年\n10月底前完成验收。\n")
    doc = policyparse.parse(text)
    assert [(n.path, n.title, [u.name for u in n.units]) for n in doc.sections] == [
        ("1", "完成主要预期目标", ["县发改局"]), ("2", "推进项目建设", ["县住建局"]), ("3", "加快园区建设", ["县经信局"])]


def test_a_one_cell_per_line_table_run_together_on_one_line():
    # every line break became a space: header, 序号 and cells on one long line
    rows = " ".join(f"{k} 新建第{k}座人行天桥并投入使用。 县住建局 12月底前" for k in range(1, 9))
    text = "大竹县2016年民生实事分解表 序号 民生实事 责任单位 完成时限 " + rows + " " + "分享到:" + "。" * 40
    doc = policyparse.parse(text)
    assert [n.path for n in doc.sections] == [str(k) for k in range(1, 9)]
    assert units_of(text, "8") == ([("县住建局", "r")], "12月底前")


def test_one_unit_per_line_is_not_taken_for_a_wrapped_cell():
    text = "序号\n指标\n工作任务\n完成时限\n责任单位\n1\n公共文化\n开放服务增长15%。\n12月底前\n文化股\n文化馆\n图书馆\n"
    assert units_of(text) == ([("文化股", "r"), ("文化馆", "r"), ("图书馆", "r")], "12月底前")


def test_unit_list_cut_off_at_the_end_drops_the_item_with_a_warning():
    doc = policyparse.parse("(一)增长7%\n\n责任单位:区发展和改革局\n\n(二)工业投资增长12%\n\n责任单位:区")
    assert [n.path for n in doc.sections] == ["1"]
    assert [w.code for w in doc.warnings] == ["W304"]


# The text cut inside a person's line (牵头领导:, 牵头负责领导:) cut no unit list: the item stays (n325);
# cut after it, in a label that has begun (牵头责…, d11), it is left out.
@pytest.mark.parametrize("tail,paths", [
    ("5.社会消费品零售总额增长8%。\n  牵头领导:靳国", ["1", "1.4", "1.5"]),
    ("5.社会消费品零售总额增长8%。\n  牵头单位:省商务厅\n  牵头领导:靳国", ["1", "1.4", "1.5"]),
    ("5.社会消费品零售总额增长8%。\n  牵头领导:靳国。\n  牵头责", ["1", "1.4"]),
    ("5.社会消费品零售总额增长8%。\n  牵头单位:省商务厅\n  完成时限:2023年6月底前", ["1", "1.4", "1.5"]),
    ("5.社会消费品零售总额增长8%。\n  牵头单位:省商", ["1", "1.4"]),
    ("5.推进产业园建设。(市发", ["1", "1.4"]),  # the closing bracket cut inside its first name (n486)
])
def test_a_cut_in_a_person_line_keeps_the_last_item(tail, paths):
    doc = policyparse.parse("一、目标\n  4.固定资产投资增长10%。\n  牵头单位:省发展改革委\n  " + tail)
    assert [n.path for n, _ in walk(doc.sections)] == paths


# The last item's bracket never closes (n306, n318, n329): cut inside its unit list, so left out,
# however whole its last unit looks and whatever brackets close inside it.
CUT_BRACKETS = [
    "1.修编整体规划。(牵头单",                                  # n474: cut inside the label itself
    "1.建设生态屏障。(自治区发展改革委牵头,自治区国土资源厅、水利厅、林业厅、财政厅及相关盟市",
    "1.加快重大项目建设。〔省委军民融合办、省发展改革委、省数据局(省营商局)",
    "1.实施保护性耕作。〔责任单位:自治区农牧厅(乡村振兴局)、发",
]


@pytest.mark.parametrize("last", CUT_BRACKETS)
def test_an_unclosed_unit_bracket_at_the_end_drops_the_last_item(last):
    doc = policyparse.parse("一、目标\n" + last)
    assert [n.path for n in doc.sections] == ["1"] and [w.code for w in doc.warnings] == ["W304"]


def test_a_label_with_no_unit_is_a_warning_not_a_silent_drop():
    doc = policyparse.parse("1.推进改革。\n责任单位：。\n2.加强保障。")
    assert [w.code for w in doc.warnings] == ["W302"]


@pytest.mark.parametrize("text,date", [
    ("2021年底前", "2021-12-31"), ("2023年6月底前", "2023-06-30"), ("2024年3月5日", "2024-03-05"),
    ("长期坚持", "ongoing"), ("持续推进", "ongoing"), ("12月底前", None),
])
def test_deadline_dates(text, date):
    from policyparse.assemble import deadline_date

    assert deadline_date(text) == date


def test_unit_cells_of_a_table_flattened_one_cell_per_line_without_serials():
    """n223's form: header cells on their own lines (no 序号), items in the first column, a unit
    cell line under each item; 各县、市、区政府 splits with the bare 市 kept."""
    text = ("重点工作\n主要\n任务\n工作措施\n责任单位\n备注\n一、加大财政金融支持力度\n(一)加强对防疫重点企业财税支持\n"
            "市税务局等,各县、市、区政府,咸宁高新区管委会\n2020年12月\n"
            "2.纳入工信部支持的重点企业,省财政给予补贴\n市经信局、市财政局等,各县、市、区政府\n")
    doc = policyparse.parse(text)
    item = doc.sections[0].children[0]
    assert [u.name for u in item.units] == ["市税务局", "各县", "市", "区政府", "咸宁高新区管委会"]
    assert [u.name for u in item.children[0].units] == ["市经信局", "市财政局", "各县", "市", "区政府"]


# An item's closing clause of unit names and a role verb is its assignment (rule 6 of the corpus
# format: `由A、B共同…负责。`); prose about units after a comma is not.
CLOSING_CLAUSES = [
    ("1.推进改革,由市发改委负责。", [("市发改委", "responsible")]),
    ("1.加强保障,市财政局、市商务局负责落实。", [("市财政局", "responsible"), ("市商务局", "responsible")]),
    ("1.明确责任,其他各有关单位要全力予以协助配合。", []),
    ("1.市发改委负责统筹协调,市财政局负责资金保障。", []),
]


@pytest.mark.parametrize("item,expected", CLOSING_CLAUSES)
def test_closing_clause_of_units_and_a_role_verb(item, expected):
    doc = policyparse.parse("一、任务\n" + item + "\n")
    assert [(u.name, u.role) for u in doc.sections[0].children[0].units] == expected


# Unit lists in real prose (the forms issue 9 quotes from unseen documents; no dev document has them yet).
PROSE_FORMS = [
    ("1.推进改革。(市发改委会同有关部门负责)", [("市发改委", "responsible"), ("有关部门", "supporting")]),  # 会同
    ("1.推进改革(9月底前取得阶段性成效,牵头考核单位:市数据局)", [("市数据局", "lead")]),  # a label after a target
    ("1.推进改革。(省发展改革委、财政厅等和各省级人民政府负责)",
     [("省发展改革委", "responsible"), ("财政厅", "responsible"), ("各省级人民政府", "responsible")]),  # 等和
    ("1.推进改革。(市发改委、市财政局等有关部门和单位负责)", [("市发改委", "responsible"), ("市财政局", "responsible")]),
    ("1.推进改革。\n责任单位:\n市发改委、市财政局", [("市发改委", "responsible"), ("市财政局", "responsible")]),  # list below
    ("1.推进改革。(责任单位:市发改委(牵头)、市财政局)", [("市发改委", "lead"), ("市财政局", "responsible")]),  # (牵头)
    ("1.推进改革。(市发改委*、市财政局)", [("市发改委", "lead"), ("市财政局", "responsible")]),  # * marks the lead
    ("1.推进改革。(主办:市发改委;协办:市财政局)", [("市发改委", "lead"), ("市财政局", "supporting")]),
    # a scope between 等 and 有关部门 (rule 7; n102 `能源局等省有关部门`), and each side of 及 trimmed
    ("1.推进改革。(市发改委、市财政局等省有关部门按职责分工负责)", [("市发改委", "responsible"), ("市财政局", "responsible")]),
    # a clause with 由 opening the item (rule 18; n521), and 承办/协办
    ("1.由省经贸委负责,省农业厅、环保局配合,加快无公害基地建设。", [("省经贸委", "responsible"), ("省农业厅", "supporting"),
                                                        ("环保局", "supporting")]),
    ("1.治理畜牧业产品污染\n由省经贸委承办,省农业厅、卫生厅协办。治理工作目标:实行定点屠宰。",
     [("省经贸委", "lead"), ("省农业厅", "supporting"), ("卫生厅", "supporting")]),
    ("1.市发改委负责统筹协调,市财政局负责资金保障。", []),  # running text naming units: no assignment
    ("1.市发改委牵头,市财政局配合,加快项目建设。", [("市发改委", "lead"), ("市财政局", "supporting")]),
    # bare place names sharing the government that ends their run (n520)
    ("1.推进机场建设。(机场扩建指挥部、哈尔滨、黑河、绥芬河市政府负责)",
     [("机场扩建指挥部", "responsible"), ("哈尔滨", "responsible"), ("黑河", "responsible"), ("绥芬河市政府", "responsible")]),
    ("1.推进改革。(财政部、税务总局等国务院相关部门及各地区按职责分工负责)",
     [("财政部", "responsible"), ("税务总局", "responsible"), ("各地区", "responsible")]),
]


@pytest.mark.parametrize("item,expected", PROSE_FORMS)
def test_unit_lists_in_real_prose(item, expected):
    doc = policyparse.parse("一、任务\n" + item + "\n")
    assert [(u.name, u.role) for u in doc.sections[0].children[0].units] == expected


# Header words split over lines (issue 9: `牵头责任` / `部门`, `分管 领导`): the column keeps its kind.
SPLIT_HEADERS = [
    "序号\n重点任务\n牵头责任\n部门\n配合单位\n1\n推进改革。\n市发改委\n市财政局\n",
    "序号 | 重点任务 | 牵头责任\n部门 | 分管 领导 | 配合单位 |\n1 | 推进改革 | 市发改委 | 张三 | 市财政局 |\n",
]


@pytest.mark.parametrize("text", SPLIT_HEADERS)
def test_header_split_over_lines(text):
    doc = policyparse.parse(text)
    assert [(u.name, u.role) for u in doc.sections[0].units] == [("市发改委", "lead"), ("市财政局", "supporting")]


# A deadline is one grammar (grammar/numerals.DEADLINE_PERIOD) in unit lists, bracket lead-ins and
# table cells: the year-end forms (2023年底前) too, which a unit list once failed on whole.
@pytest.mark.parametrize("bracket,units,deadline", [
    ("(市发改委负责,2023年底前完成)", [("市发改委", "r")], "2023年底前完成"),
    ("(市发改委,2023年底前)", [("市发改委", "r")], "2023年底前"),
    ("(责任单位:市发改委,2023年底前)", [("市发改委", "r")], "2023年底前"),
    ("(市发改委牵头,市财政局、市统计局等配合,2023年底前完成)", [("市发改委", "l"), ("市财政局", "s"), ("市统计局", "s")],
     "2023年底前完成"),
    ("(2023年底前取得阶段性成效,牵头单位:市数据局)", [("市数据局", "l")], "2023年底前"),
    ("(市发改委,2024年上半年)", [("市发改委", "r")], "2024年上半年"),
    ("(市发改委,第三季度)", [("市发改委", "r")], "第三季度"),
    ("(市发改委,6月底前)", [("市发改委", "r")], "6月底前"),
])
def test_deadline_forms_in_a_unit_bracket(bracket, units, deadline):
    assert units_of("1.推进数据共享。" + bracket + "\n") == (units, deadline)


def test_a_year_end_deadline_cell():
    text = "序号 | 工作任务 | 责任单位 | 完成时限 |\n1 | 推进数据共享 | 市发改委 | 2023年底 |\n"
    assert units_of(text) == ([("市发改委", "r")], "2023年底")


# 及/和 between a unit and a collective of places, either way round; 参与: as a label.
@pytest.mark.parametrize("bracket,units", [
    ("(市发展改革委牵头,市直有关部门及各县市区配合)", [("市发展改革委", "l"), ("市直有关部门", "s"), ("各县市区", "s")]),
    ("(责任单位:市发改委及各县(市、区))", [("市发改委", "r"), ("各县(市、区)", "r")]),
    ("(责任单位:各市及省直有关部门)", [("各市", "r"), ("省直有关部门", "r")]),
    ("(牵头:市发改委;参与:市财政局)", [("市发改委", "l"), ("市财政局", "s")]),
])
def test_joined_collectives_and_a_bare_participation_label(bracket, units):
    assert units_of("1.推进数据共享。" + bracket + "\n")[0] == units


@pytest.mark.parametrize("heading,units", [
    ("一、县示范区管委会牵头工作(8项)", [("县示范区管委会", "l")]),   # n475
    ("一、市发改委负责的任务", [("市发改委", "r")]),
])
def test_a_heading_naming_the_unit_that_leads_its_items(heading, units):
    assert units_of(heading + "\n1.推进数据共享。\n") == (units, None)


def test_a_heading_about_work_names_no_unit():
    assert units_of("一、统筹推进各项工作\n1.推进数据共享。\n") == ([], None)
