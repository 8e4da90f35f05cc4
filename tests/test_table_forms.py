"""Task tables in every text form, filled with real unit names and task texts: each header x
form gives every row its units in the right columns.  Forms: ``cell | cell |`` rows (with and
without a leading ``|``, or with ``|`` between cells only), tab- and space-separated columns, and one cell a line ending `` |``.
Task texts that end in a unit word (…运营中心) and unit names the grammar does not know
(商贸物流园) are drawn on purpose: a positional record must not need the cells' looks."""
from __future__ import annotations

import itertools
import random

import pytest

import policyparse
from policyparse.export.json import to_gold
from tests.conftest import corpus_unit_names

ALL, KNOWN = corpus_unit_names()

TASKS = ["推进老旧小区改造提升工程", "加快建设智慧城市运营中心", "完善农村饮水安全保障体系", "实施重点企业技术改造项目",
         "开展营商环境专项整治行动", "建设区域性物流集散中心", "推动中小学校舍标准化建设", "提升基层医疗卫生服务能力"]
HEADERS = [
    ("序号", "重点任务", "牵头单位", "配合单位"),
    ("序号", "工作任务", "牵头单位", "责任单位"),
    ("序号", "主要任务", "责任单位", "完成时限"),
    ("序号", "重点工作", "牵头单位", "配合单位", "完成时限"),
    ("序号", "任务内容", "责任领导", "牵头单位", "配合单位"),
    ("序号", "工作事项", "具体措施", "牵头部门", "协同部门"),
    ("序号", "办理事项", "主办单位", "协办单位"),           # a 人大建议 交办 list: 主办 leads, 协办 supports
]
STYLES = {
    "pipes": lambda rows: "\n".join(" | ".join(r) + " |" for r in rows),
    "pipes_leading": lambda rows: "\n".join("| " + " | ".join(r) + " |" for r in rows),
    "pipes_inner": lambda rows: "\n".join(" | ".join(r) for r in rows),  # no outer |: the 序号 of row 1 is no header word
    "pipes_tight": lambda rows: "\n".join("|".join(r) for r in rows),
    "tabs": lambda rows: "\n".join("\t".join(r) for r in rows),
    "spaces": lambda rows: "\n".join("  ".join(r) for r in rows),
    "cell_lines": lambda rows: "\n".join(c + " |" for r in rows for c in r),
}
TASK_COLUMNS = {"重点任务", "工作任务", "主要任务", "重点工作", "任务内容", "工作事项", "办理事项"}


def _row(header: tuple[str, ...], k: int, task: str, lead: str, others: list[str]):
    cells, want = [], {"lead": [], "responsible": [], "supporting": []}
    for column in header:
        if column == "序号":
            cells.append(str(k))
        elif column in TASK_COLUMNS:
            cells.append(task)
        elif column == "具体措施":
            cells.append("按计划推进,确保按期完成")
        elif column == "责任领导":
            cells.append("张伟")
        elif column in ("牵头单位", "牵头部门", "主办单位"):
            cells.append(lead)
            want["lead"] = [lead]
        elif column in ("配合单位", "协同部门", "协办单位"):
            cells.append("、".join(others))
            want["supporting"] = others
        elif column == "责任单位":
            listed = others if "牵头单位" in header else [lead, *others]
            cells.append("、".join(listed))
            want["responsible"] = listed
        elif column == "完成时限":
            cells.append("2024年底前")
    return cells, want


def _cases():
    rng = random.Random(4)
    for header, (style, fmt) in itertools.product(HEADERS, STYLES.items()):
        for trial in range(3):
            rows, wants = [list(header)], []
            for k in range(1, 4):
                lead, *others = rng.sample(ALL, 3)
                cells, want = _row(header, k, rng.choice(TASKS), lead, others)
                rows.append(cells)
                wants.append(want)
            yield pytest.param(fmt(rows), wants, id=f"{style}-{'/'.join(header)}-{trial}")


@pytest.mark.parametrize("table, wants", list(_cases()))
def test_a_task_table_in_every_form(table, wants):
    got = {a["path"]: a for a in to_gold(policyparse.parse(f"某某区2024年重点工作任务分解表\n一、重点任务\n{table}\n"))["assignments"]}
    for k, want in enumerate(wants, 1):
        row = got.get(f"1.{k}")
        assert row is not None, f"row {k}: no assignment"
        assert {r: row[r] for r in want} == want, f"row {k}"


# What real tables add (issue 9, 2.1): columns that are not units (分管领导, 推进情况, a target per year, an
# empty 说明), category rows between the numbered ones, 序号 that continue (31, 32 …), header words split
# over two lines, and lines holding only ``|`` between the rows.
MORE_HEADERS = [
    ["序号", "工作任务", "分管领导", "牵头单位", "责任单位", "推进情况"],
    ["序号", "主要任务", "2023年目标", "2024年目标", "责任单位", "说明"],
    ["序号", "重点工作", "牵头责任部门", "配合单位", "完成时限"],
]
FILL = {"分管领导": "张伟", "推进情况": "正在推进", "2023年目标": "完成80%", "2024年目标": "全部完成", "说明": "",
        "完成时限": "2024年底前"}
SHAPES = ["plain", "category", "continued", "split_header", "pipe_lines"]


def _more_cases():
    rng = random.Random(6)
    for header, shape in itertools.product(MORE_HEADERS, SHAPES):
        first = 31 if shape == "continued" else 1
        lines, wants = [], []
        for k in range(first, first + 4):
            lead, *others = rng.sample(ALL, 3)
            by = {"序号": str(k), header[1]: rng.choice(TASKS), "牵头单位": lead, "牵头责任部门": lead,
                  "配合单位": "、".join(others), "责任单位": "、".join(others)}
            if shape == "category" and k - first in (0, 2):
                lines.append(f"{'一二'[(k - first) // 2]} | {'产业发展方面' if k == first else '民生保障方面'} |")
            lines.append(" | ".join(by.get(c, FILL.get(c, "")) for c in header) + " |")
            wants.append((str(k), {"lead": [lead] if {"牵头单位", "牵头责任部门"} & set(header) else [],
                                   "responsible": others if "责任单位" in header else [],
                                   "supporting": others if "配合单位" in header else []}))
        head = " | ".join(header) + " |"
        if shape == "split_header":
            head = " | ".join(c[:2] for c in header) + " |\n" + " | ".join(c[2:] for c in header) + " |"
        table = ("\n|\n" if shape == "pipe_lines" else "\n").join([head, *lines])
        yield pytest.param(table, wants, id=f"{shape}-{'/'.join(header)}")


def _assert_rows(text: str, wants: list) -> None:
    """Each (序号, {role: units}) of ``wants`` is the assignment of the row numbered so (its path's last part)."""
    got = {a["path"].rsplit(".", 1)[-1]: a for a in to_gold(policyparse.parse(text))["assignments"]}
    for serial, want in wants:
        assert serial in got, f"row {serial}: no assignment"
        assert {r: got[serial][r] for r in want} == want, f"row {serial}"


@pytest.mark.parametrize("table, wants", list(_more_cases()))
def test_a_task_table_with_the_columns_and_rows_real_ones_add(table, wants):
    _assert_rows(f"某某区2024年重点工作任务分解表\n一、重点任务\n{table}\n", wants)


# A table copied from a web page with merged cells (rowspan): in one cell a line, the 类别 cell stands only
# in the first row of its group and an empty cell leaves no line, so a row has fewer cells than columns.
# Names the unit grammar knows: in a short row an unknown name (华东服装城) after a task text is the
# task text of a row whose category is merged as well as it is a unit (a limit, not tested).
MERGED_HEADERS = [
    ("序号", "类别", "重点任务", "牵头单位", "配合单位", "完成时限"),
    ("类别", "序号", "重点任务", "牵头单位", "配合单位", "完成时限"),
    ("序号", "领域", "工作任务", "牵头部门", "协同部门"),
]


def _merged_cases():
    rng = random.Random(8)
    for header, end in itertools.product(MERGED_HEADERS, ("", " |")):
        lines, wants = [f"{c}{end}" for c in header], []
        for k in range(1, 5):
            lead, *others = rng.sample(KNOWN, 3)
            empty = k == 4  # its 配合 cell empty
            by = {"序号": str(k), "类别": "产业发展" if k < 3 else "民生保障", "领域": "城市建设" if k < 3 else "社会事业",
                  "重点任务": rng.choice(TASKS), "工作任务": rng.choice(TASKS), "牵头单位": lead, "牵头部门": lead,
                  "配合单位": "" if empty else "、".join(others), "协同部门": "" if empty else "、".join(others),
                  "完成时限": "2024年底前"}
            for c in header:
                if by[c] and not (c in ("类别", "领域") and k in (2, 4)):
                    lines.append(f"{by[c]}{end}")
            wants.append((str(k), {"lead": [lead], "supporting": [] if empty else others}))
        yield pytest.param("\n".join(lines), wants, id=f"{'/'.join(header)}-{end.strip() or 'bare'}")


@pytest.mark.parametrize("table, wants", list(_merged_cases()))
def test_a_table_with_merged_cells_one_cell_a_line(table, wants):
    gold = to_gold(policyparse.parse(f"某某区2024年重点工作任务分解表\n{table}\n"))
    got = {a["path"].rsplit(".", 1)[-1]: a for a in gold["assignments"]}
    titles = {o["path"].rsplit(".", 1)[-1]: o["title"] for o in gold["outline"]}
    for serial, want in wants:
        assert serial in got, f"row {serial}: no assignment"
        assert {r: got[serial][r] for r in want} == want, f"row {serial}"
        assert titles[serial] in TASKS, f"row {serial}: title {titles[serial]}"


def test_a_one_cell_a_line_table_with_section_rows_and_shared_government_heads():
    """n586's shapes: a category row that is a sentence before the first section, a section marker alone in its
    cell with its title in the next, and unit cells whose places share one 政府 written at the end."""
    cells = ["序号", "重点工作", "分管领导", "牵头单位", "配合单位", "备注", "强化科技创新支撑能力。",
             "(一)", "加强战略科技力量建设。",
             "1", "加快建设科技创新轴。", "王 东", "市科技局", "黄埔区、南沙区政府",
             "2", "做好国家实验室筹建保障服务工作。", "王 东", "市科技局", "市财政局、市卫生健康委,荔湾区、黄埔区政府"]
    gold = to_gold(policyparse.parse("2021年市政府工作报告部署工作责任分工\n" + "\n\n".join(cells) + "\n"))
    assert [(o["path"], o["title"]) for o in gold["outline"]] == [
        ("1", "加强战略科技力量建设"), ("1.1", "加快建设科技创新轴"), ("1.2", "做好国家实验室筹建保障服务工作")]
    got = {a["path"]: (a["lead"], a["supporting"]) for a in gold["assignments"]}
    assert got == {"1.1": (["市科技局"], ["黄埔区", "南沙区政府"]),
                   "1.2": (["市科技局"], ["市财政局", "市卫生健康委", "荔湾区", "黄埔区政府"])}


def test_a_pipe_table_that_numbers_its_rows_in_their_first_cell_with_continuation_lines():
    """n592's shapes: no 序号 column, each row's number in its first cell, sub-task lines whose first columns a
    merged cell spans (their cells fill the last columns: 2021.8 | 城投集团), and the list going on after the table."""
    table = "\n".join([
        "项目名称 | 工作任务 | 计划完成时间 | 牵头单位 |",
        "1.城市人居环境提升项目 | 对城区道路进行综合提升改造; | 11月 | 建设局 |",
        "2021.8 | 城投集团 | ||",
        "对重点区域进行绿化亮化提档升级; | 2021.12 | 城投集团 | |",
        "2021年11月 | 经开区 | ||",
        "2.生态公墓建设项目 | 新建生态公益性墓地15处。 | 10月底 | 民政局 |",
        "计划10月底完成新增墓地建设 | 公共服务集团 | ||",
        "3.农村道路改造提升项目 | 提升改造低等级公路40公里。 | 10月 | 交通运输局 |",
        "4.老年",
    ])
    gold = to_gold(policyparse.parse("2021年民生实事进展情况登记表\n" + table))
    assert [o["path"] for o in gold["outline"]] == ["1", "2", "3", "4"]
    got = {a["path"]: (a["lead"], a["deadline"]) for a in gold["assignments"]}
    assert got == {"1": (["建设局", "城投集团", "经开区"], "11月"), "2": (["民政局", "公共服务集团"], "10月底"),
                   "3": (["交通运输局"], "10月")}


def test_a_row_whose_merged_unit_cell_the_page_left_out_gets_no_unit_from_the_next_column():
    """n595: four cells under five columns and an empty field at the end, so the 落实情况 text falls under
    牵头单位 by position — it is no unit (a row's head's name after its unit still is: 市民政局 伍泽国)."""
    table = "\n".join([
        "序号 | 项目内容 | 月度工作计划 | 牵头单位 | 落实情况 |",
        "1 | 为老年人免费接种流感疫苗。 | 4月:制定工作方案。 | 县卫生健康局 | 已完成。 已下发方案。 |",
        "2 | 免费开展结直肠癌筛查。 | 4月:完成筛查人数1480人。 | 已完成。 完成筛查人数3495人。 | |",
        "3 | 培训应急救护人员235人。 | 4月:完成培训65人。 | 县红十字会 伍泽国 | 已完成。 |",
    ])
    got = {a["path"]: a["lead"] for a in to_gold(policyparse.parse("民生实事项目进展情况汇总表\n" + table + "\n"))["assignments"]}
    assert got == {"1": ["县卫生健康局"], "3": ["县红十字会"]}


def test_a_table_one_cell_a_line_with_a_blank_line_after_every_cell():
    """n596: a web page's cells, each followed by a blank line; a cell that ends in ; (or is cut over two
    lines with no blank between) is still one cell, and the unit cell after it its own."""
    cells = ["序号", "内容与要求", "进展情况", "责任单位",
             "1", "加强数据监测，确保地区生产总值增长7%左右。", "主要经济指标完成情况良好。", "市发改委",
             "2", "编制新兴产业新三年行动计划。", "启动研究报告招投标相关前期工作;1-2月,新兴产业增加值比重为46.3%;", "市发改委",
             "3", "深入推进军民融合示范区建设，\n取得军工资质8本以上。", "目前已有10家企业提出申办需求。", "市工信局"]
    gold = to_gold(policyparse.parse("市政府2020年重点工作进展情况表\n\n" + "\n\n".join(cells) + "\n"))
    got = {a["path"]: a["responsible"] for a in gold["assignments"]}
    assert got == {"1": ["市发改委"], "2": ["市发改委"], "3": ["市工信局"]}
    assert next(o["title"] for o in gold["outline"] if o["path"] == "3") == "深入推进军民融合示范区建设，取得军工资质8本以上"


def test_a_table_whose_name_column_holds_short_indicator_names():
    """n613: 序号 / 名称 / 工作任务 / 主要责任单位, 名称 cells of two to four characters (财政收入, 投资) that look
    like a person's name: the row keeps its units, and its title is the 工作任务 cell (名称 alone is a category)."""
    cells = ["序号", "名称", "工作任务", "主要责任单位",
             "1", "地区生产总值", "地区生产总值增长12%", "市发改委、统计局",
             "2", "财政收入", "地方财政一般预算收入增长12%以上", "市财政局、国税局、地税局",
             "3", "投资", "全社会固定资产投资增长15%", "市发改委、统计局"]
    gold = to_gold(policyparse.parse("苏州市2011年政府工作任务分解表\n" + "\n".join(cells) + "\n"))
    assert {o["path"]: o["title"] for o in gold["outline"]} == {
        "1": "地区生产总值增长12%", "2": "地方财政一般预算收入增长12%以上", "3": "全社会固定资产投资增长15%"}
    assert {a["path"]: a["responsible"] for a in gold["assignments"]} == {
        "1": ["市发改委", "统计局"], "2": ["市财政局", "国税局", "地税局"], "3": ["市发改委", "统计局"]}


# Found by a generator of random tables (every column set x form x numbering): 责任部门 is also a portal metadata
# label (责任部门: X is page furniture), rows may be numbered from 31 on in every form, a tab-separated row keeps
# its empty cells in place, and tab rows of like widths are no hard-wrapped prose.
ODD_HEADERS = [("序号", "工作内容", "牵头单位", "责任部门"), ("序号", "工作事项", "责任部门", "备注"),
               ("序号", "重点任务", "责任领导", "完成时限", "主责单位")]
ODD_FILL = {"工作内容": None, "工作事项": None, "重点任务": None, "备注": "", "责任领导": "张伟", "完成时限": "6月底前"}


def _odd_cases():
    rng = random.Random(10)
    forms = {"cell_lines": STYLES["cell_lines"], "tabs": STYLES["tabs"], "pipes": STYLES["pipes"]}
    for header, first, (style, fmt) in itertools.product(ODD_HEADERS, (1, 31), forms.items()):
        rows, wants = [list(header)], []
        for k, task in zip(range(first, first + 4), rng.sample(TASKS, 4)):
            lead, *others = rng.sample(KNOWN, 3)
            led = "牵头单位" in header or "主责单位" in header
            lists = {"牵头单位": [lead], "主责单位": [lead], "责任部门": others if led else [lead, *others]}
            rows.append([str(k) if c == "序号" else "、".join(lists[c]) if c in lists else
                         task if ODD_FILL[c] is None else ODD_FILL[c] for c in header])
            wants.append((str(k), {"lead": [lead] if led else [],
                                   "responsible": lists["责任部门"] if "责任部门" in header else []}))
        yield pytest.param(fmt(rows), wants, id=f"{style}-{first}-{'/'.join(header)}")


@pytest.mark.parametrize("table, wants", list(_odd_cases()))
def test_a_table_with_a_metadata_word_header_continued_numbers_or_empty_tab_cells(table, wants):
    _assert_rows(f"某某区2024年重点工作任务分解表\n{table}\n", wants)


def test_unit_cells_with_a_bare_zone_or_a_district_among_units():
    """A unit cell that is a zone by its type alone (经开区, n592) is no person's name, and a district among
    units (市卫生健康委、黄埔区) is its government: both stay in their unit column when a row's 备注 is empty."""
    cells = ["序号 |", "工作事项 |", "责任部门 |", "备注 |",
             "1 |", "提升基层医疗卫生服务能力 |", "市卫生健康委、黄埔区 |", " |",
             "2 |", "实施重点企业技术改造项目 |", "经开区 |", " |",
             "3 |", "建设区域性物流集散中心 |", "市商务局 |", " |"]
    gold = to_gold(policyparse.parse("某某区2024年重点工作任务分解表\n" + "\n".join(cells) + "\n"))
    assert {a["path"]: a["responsible"] for a in gold["assignments"]} == {
        "1": ["市卫生健康委", "黄埔区"], "2": ["经开区"], "3": ["市商务局"]}


def test_a_one_cell_a_line_table_of_long_cells_with_sections_and_numbers_going_on_is_no_wrapped_text():
    """Three task cells of the same width and none longer look like a hard-wrapped text to the unwrapper,
    which joined each to the unit cell below it: rows numbered alone on their lines say it is a table.  The
    numbering goes on from 31 after a section row."""
    cells = ["序号", "工作任务", "牵头单位", "责任领导", "配合单位", "一、产业发展",
             "31", "加大招商引资力度，全年引进亿元以上项目20个", "咸宁高新区管委会", "李明", "河南银保监局、住建局",
             "32", "深入实施乡村振兴战略，推进农业农村现代化", "市经信委", "李明", "市法院", "二、民生保障",
             "33", "开展营商环境专项整治行动", "市公安局", "张伟", "市发展改革委",
             "34", "完善农村饮水安全保障体系、全面提高农村供水保障水平", "市规划局", "张伟", "市财政局"]
    gold = to_gold(policyparse.parse("某某区2024年重点工作任务分解表\n" + "\n".join(cells) + "\n"))
    assert {a["path"]: (a["lead"], a["supporting"]) for a in gold["assignments"]} == {
        "1.31": (["咸宁高新区管委会"], ["河南银保监局", "住建局"]), "1.32": (["市经信委"], ["市法院"]),
        "2.33": (["市公安局"], ["市发展改革委"]), "2.34": (["市规划局"], ["市财政局"])}


def test_a_tab_separated_table_whose_first_column_comes_before_the_serial():
    """n115's table copied from a sheet (tabs for bars): 大类 before 序号, the category cell only in its group's first row."""
    rows = ["大类\t序号\t工作任务\t分管市领导\t牵头单位\t落实进展情况",
            "一、继续提高底线民生保障水平\t1\t将城镇低保人均最低补差水平提高到每人每月609元\t张伟\t市民政局\t已完成",
            "2\t特困供养人员基本生活标准不低于当地最低生活保障标准的1.6倍\t张伟\t市民政局\t已完成",
            "二、提升教育服务水平\t3\t新建改扩建中小学校10所\t李明\t市教育局\t推进中"]
    gold = to_gold(policyparse.parse("2023年十件民生实事任务分解表\n" + "\n".join(rows) + "\n"))
    assert {a["path"]: a["lead"] for a in gold["assignments"]} == {"1.1": ["市民政局"], "1.2": ["市民政局"], "2.3": ["市教育局"]}
