"""The envelope (公文要素) and text decoding: one golden case per rule."""
import codecs

import pytest

import policyparse
from policyparse.errors import DecodeError, EmptyInput

NOTICE = """XX省人民政府办公厅文件
皖政办发〔2024〕3号
安徽省人民政府办公厅
关于印发安徽省2024年优化营商环境重点任务分工方案的
通知
各市、县人民政府，省政府各部门、各直属机构：
《安徽省2024年优化营商环境重点任务分工方案》已经省政府同意，现印发给你们，请认真贯彻执行。
附件：安徽省2024年优化营商环境重点任务分工方案
安徽省人民政府办公厅
二〇二四年三月五日
（此件公开发布）
安徽省2024年优化营商环境重点任务分工方案
一、提升政务服务效能
抄送：省委办公厅，省人大常委会办公厅。
安徽省人民政府办公厅 2024年3月6日印发
"""


def test_full_envelope():
    doc = policyparse.parse(NOTICE)
    n = doc.notice
    assert n.title == "安徽省人民政府办公厅关于印发安徽省2024年优化营商环境重点任务分工方案的通知"
    assert n.doc_number == "皖政办发〔2024〕3号"
    assert n.issuer == "安徽省人民政府办公厅"
    assert n.date == "2024-03-05"  # Chinese numerals
    assert [u.name for u in n.addressees] == ["各市", "县人民政府", "省政府各部门", "各直属机构"]
    assert n.public_note == "此件公开发布"
    assert n.attachments == ["安徽省2024年优化营商环境重点任务分工方案"]
    assert [u.name for u in n.cc] == ["省委办公厅", "省人大常委会办公厅"]
    assert n.printed_by == "安徽省人民政府办公厅 2024年3月6日印发"
    assert doc.title == "安徽省2024年优化营商环境重点任务分工方案"
    assert n.spans["doc_number"].start == doc.text.index("皖政办发")


# (text, field, expected) — one row per envelope rule.
FIELD_CASES = [
    # doc number from portal metadata, not from a citation in the body (d01, d05)
    ("发布机构 区政府办公室 文    号 蔡政办〔2023〕1号\n各街道办事处:\n依据《意见》(国发〔2015〕23号)制定。", "doc_number", "蔡政办〔2023〕1号"),
    ("发布机构区人民政府办公室文号蔡政办〔2023〕1号\n各街道办事处:\n现印发给你们。", "doc_number", "蔡政办〔2023〕1号"),
    ("各县人民政府:\n为贯彻《意见》(国发〔2015〕23号),提出意见:\n一、目标", "doc_number", None),
    # a doc number glued to the title in a page title: (粤府〔2021〕22号)
    ("广东省人民政府关于印发分工方案的通知 (粤府〔2021〕22号)\n各市人民政府:\n现印发给你们。", "doc_number", "粤府〔2021〕22号"),
    ("广东省人民政府关于印发分工方案的通知 (粤府〔2021〕22号)\n各市人民政府:\n现印发给你们。", "title",
     "广东省人民政府关于印发分工方案的通知"),
    # the 发文机关 line above a title that starts with 关于 (d35)
    ("西政办〔2020〕20号\n西平县人民政府办公室\n关于印发工作安排的通知\n各乡镇人民政府:\n现印发给你们。", "title",
     "西平县人民政府办公室关于印发工作安排的通知"),
    # a title without 关于 is not joined to the 文号 or 版头 line above it
    ("XX省人民政府文件\n皖政发〔2024〕3号\n安徽省人民政府印发安徽省优化营商环境条例实施细则的通知\n各市人民政府:\n现印发给你们。",
     "title", "安徽省人民政府印发安徽省优化营商环境条例实施细则的通知"),
    # a news sentence is not a title (d11, d16)
    ("近日,省政府发布关于重点工作的通知。\n一、目标", "title", None),
    # addressees: a colon after a time is not an addressee line (d18)
    ("中国东莞政府门户网站      2021-09-10 17:17:08  来源: 东莞市人民政府\n东府〔2021〕54号\n各镇人民政府(街道办事处),市府直属各单位:\n提出如下意见:",
     "doc_number", "东府〔2021〕54号"),
    # date only, no issuer line (d03)
    ("关于印发任务分解的通知\n各街办:\n现印发给你们。\n\n          2022年12月27日\n", "date", "2022-12-27"),
    ("关于印发任务分解的通知\n各街办:\n现印发给你们。\n\n          2022年12月27日\n", "issuer", None),
    # traditional script and pinyin glosses kept as written (d39)
    ("黔府辦發(fā)〔2012〕34號\n各市、自治州人民政府,省政府各部門(mén):\n現印發給你們。", "doc_number", "黔府辦發(fā)〔2012〕34號"),
]


@pytest.mark.parametrize("text,field,expected", FIELD_CASES)
def test_envelope_fields(text, field, expected):
    doc = policyparse.parse(text)
    got = getattr(doc.notice, field) if doc.notice else None
    assert got == expected


def test_gloss_stays_with_its_unit():
    doc = policyparse.parse(FIELD_CASES[-1][0])
    assert [u.name for u in doc.notice.addressees][-1] == "省政府各部門(mén)"


def test_transmitted_title_from_quotes_when_the_body_title_is_cut():
    # d32: the main title in the page is cut; the notice's 《X》 names it
    text = ("吉首市人民政府关于印发《吉首市稳住经济一揽子政策措施实施方案》的通知\n各乡镇人民政府:\n现印发给你们。\n"
            "吉首市人民政府\n2022年8月7日\n吉首市稳住经济一揽子政策\n为深入贯彻。\n一、落实财税政策\n")
    assert policyparse.parse(text).title == "吉首市稳住经济一揽子政策措施实施方案"


# The document's heading wrapped after a place or organ that opens it (n120, n306, n128); a line above
# that is a site name, a category or a title of its own is not joined.
HEAD_LINE_CASES = [
    ("木洞镇人民政府关于印发2024年政府工作报告的通知\n各村民委员会:\n现印发给你们。\n木洞镇人民政府\n2024年2月22日\n"
     "重庆市巴南区木洞镇人民政府\n2024年政府工作报告\n各位代表:\n", "重庆市巴南区木洞镇人民政府2024年政府工作报告"),
    ("内蒙古自治区贯彻落实国家\n\n  《呼包银榆经济区发展规划》重点工作分工方案\n为认真贯彻落实,制定本方案。\n一、目标\n",
     "内蒙古自治区贯彻落实国家《呼包银榆经济区发展规划》重点工作分工方案"),
    ("馬鞍山市\n關于進一步激發民營企業創業熱情的實施細則\n爲深入貫徹落實。\n一、目标\n", "馬鞍山市關于進一步激發民營企業創業熱情的實施細則"),
    ("郑州市人民政府网\n郑州市优化营商环境实施方案\n为深入贯彻落实。\n一、目标\n", "郑州市优化营商环境实施方案"),
    ("郑州市政策文件\n郑州市优化营商环境实施方案\n为深入贯彻落实。\n一、目标\n", "郑州市优化营商环境实施方案"),
    ("郑州市人民政府文件\n郑州市优化营商环境实施方案\n为深入贯彻落实。\n一、目标\n", "郑州市优化营商环境实施方案"),
]


@pytest.mark.parametrize("text,title", HEAD_LINE_CASES)
def test_a_heading_wrapped_after_its_opening_place(text, title):
    assert policyparse.parse(text).title == title


def test_a_notice_that_calls_itself_a_tongao():
    # n436: a 通告 whose title has no 关于…的, signed and dated; it says 现通告如下
    text = ("偃师市第九届运动会开幕式交通管制通告\n为保障活动的顺利进行,现通告如下:\n一、交通管制时间及措施\n"
            "1、5月18日6:30,对商都路实行交通管制。\n请广大市民给予理解支持。\n偃师市公安局交通警察大队\n2019年5月15日\n")
    n = policyparse.parse(text).notice
    assert (n.title, n.issuer, n.date) == ("偃师市第九届运动会开幕式交通管制通告", "偃师市公安局交通警察大队", "2019-05-15")
    # a news headline naming a 通告 is no notice of its own
    news = "我市发布运动会交通管制通告\n近日,市公安局发布通告,对部分道路实行交通管制。\n一、管制时间\n"
    assert policyparse.parse(news).notice is None


def test_a_title_line_is_not_taken_for_a_wrapped_line():
    # a short page with three lines of one length looks hard-wrapped; its title and addressee
    # lines still stand alone
    text = ("发布机构:河南省人民政府办公厅\n成文日期:2023年02月10日\n文号:豫政办〔2023〕8号\n"
            "标题:河南省人民政府办公厅关于印发河南省加快建设方案的通知\n河南省人民政府办公厅关于印发河南省加快建设方案的通知\n"
            "各省辖市人民政府,省人民政府各部门:\n现将《河南省加快建设方案》印发给你们,请认真贯彻落实。\n"
            "河南省人民政府办公厅\n2023年2月10日\n河南省加快建设方案\n一、目标\n")
    n = policyparse.parse(text).notice
    assert n.title == "河南省人民政府办公厅关于印发河南省加快建设方案的通知"
    assert [u.name for u in n.addressees] == ["各省辖市人民政府", "省人民政府各部门"]


# n471, n482: an addressee line of bare places sharing one tail; a 文号 line under an empty metadata
# field; a metadata title's category column (【保基本民生】).
@pytest.mark.parametrize("text,field,expected", [
    ("宣城市民生工作领导小组办公室关于2024年实施47项民生实事的通知\n县、市、区人民政府,市直有关单位:\n现将有关事项通知如下。\n",
     "addressees", ["县", "市", "区人民政府", "市直有关单位"]),
    ("甘肃省人民政府关于批转重点工作意见的通知\n  • 时间:2012-04-28\n  • 来源:\n\n甘政发〔2012〕53号\n\n"
     "各市、自治州人民政府:\n省政府同意。\n", "doc_number", "甘政发〔2012〕53号"),
    ("名称: 【保基本民生】宣城市民生工作领导小组办公室关于2024年实施47项民生实事的通知\n索引号: 11341700\n"
     "为进一步做好民生工作,现将有关事项通知如下。\n一、目标\n", "title", "宣城市民生工作领导小组办公室关于2024年实施47项民生实事的通知"),
])
def test_addressees_of_shared_places_and_metadata_leftovers(text, field, expected):
    n = policyparse.parse(text).notice
    got = getattr(n, field)
    assert ([u.name for u in got] if field == "addressees" else got) == expected


def test_an_addressee_line_wrapped_inside_a_name():
    # a PDF line break inside 企事业单位: the short rest with its colon finishes the line above
    text = ("各街道(功能区)办事处(管委会),区政府各部门,区属各企事\n业单位:\n《重点任务分工方案》已经区政府同意,现印发给你们。\n"
            "济南市钢城区人民政府办公室\n2021年4月10日\n")
    n = policyparse.parse(text).notice
    assert [u.name for u in n.addressees] == ["各街道(功能区)办事处(管委会)", "区政府各部门", "区属各企事业单位"]
    assert n.date == "2021-04-10"


def test_an_addressee_line_wrapped_inside_a_name_with_a_long_rest_and_a_blank_line():
    # n321: a double-spaced page wraps inside 自治区人民政府各部门; the rest is long, the line above a list
    text = ("关于印发《某某实施意见》的通知\n\n伊犁哈萨克自治州,各州、市、县(市)人民政府,各行政公署,自治\n\n"
            "区人民政府各部门、各直属机构:\n\n《某某实施意见》已经自治区人民政府同意,现印发给你们。\n")
    n = policyparse.parse(text).notice
    assert [u.name for u in n.addressees] == ["伊犁哈萨克自治州", "各州", "市", "县(市)人民政府", "各行政公署",
                                              "自治区人民政府各部门", "各直属机构"]


def test_a_list_line_above_a_complete_addressee_line_is_not_joined():
    text = ("关于印发《某某方案》的通知\n甲、乙、丙三项工作安排\n各县(市、区)人民政府,市政府各部门:\n现印发给你们。\n")
    n = policyparse.parse(text).notice
    assert [u.name for u in n.addressees] == ["各县(市、区)人民政府", "市政府各部门"]


def test_a_signature_date_that_lost_its_year_month_day_characters():
    # n401/n487: the page dropped 年月日 (常山县人民政府办公室 / 2023626); a footer's contact labels are no addressees
    text = ("单位地址: 联系电话:\n关于印发《某某办法》的通知\n各乡(镇)人民政府,县级机关各单位:\n现印发给你们,请认真组织实施。\n"
            "常山县人民政府办公室\n\n2023626\n")
    n = policyparse.parse(text).notice
    assert (n.issuer, n.date) == ("常山县人民政府办公室", "2023-06-26")
    assert [u.name for u in n.addressees] == ["各乡(镇)人民政府", "县级机关各单位"]


def test_a_document_heading_wrapped_over_two_lines_beats_the_notice_titles_name():
    # n487: the notice title names the plan without 厦门市 and 的; the heading present, over two lines, wins
    text = ("厦门市人民政府办公厅关于印发聚焦企业关切进一步落实优化营商环境政策若干措施的通知\n各区人民政府:\n现印发给你们。\n"
            "厦门市人民政府办公厅\n2019年1月16日\n\n厦门市聚焦企业关切进一步落实\n\n优化营商环境政策的若干措施\n\n"
            "为全面贯彻落实…,制定本措施。\n一、坚决破除各种不合理门槛\n")
    assert policyparse.parse(text).title == "厦门市聚焦企业关切进一步落实优化营商环境政策的若干措施"


def test_a_metadata_headline_alone_is_no_notice():
    # n443: a news item on a 政府信息公开 page; its 标题 names no notice-type document
    text = ("索引号 | xcb/2019-0000105 | 发布机构 | 高新区统战工作办公室 |\n成文日期 | 2019-12-16 | 效力状态 | 生效中 |\n"
            "标题 | 大力开拓高新区文旅行业领域新征程 |\n今年以来,高新区文化旅游行业领域的发展取得了一定的进步。\n")
    doc = policyparse.parse(text)
    assert doc.notice is None and doc.title == "大力开拓高新区文旅行业领域新征程"
    notice = text.replace("大力开拓高新区文旅行业领域新征程", "高新区关于印发文旅发展实施方案的通知")
    assert policyparse.parse(notice).notice is not None


def test_no_envelope():
    doc = policyparse.parse("杭州市推进行动实施意见\n(征求意见稿)\n为贯彻落实,特制订以下意见。\n一、工作目标\n")
    assert doc.notice is None
    assert doc.title == "杭州市推进行动实施意见"


TEXT = "关于印发方案的通知\n各单位：\n现印发给你们。\n一、目标\n"


@pytest.mark.parametrize("encoding,detected", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030"), ("gbk", "gb18030"), ("utf-16", "utf-16")])
def test_text_encodings(tmp_path, encoding, detected):
    p = tmp_path / "a.txt"
    p.write_bytes(TEXT.encode(encoding))
    doc = policyparse.parse(p)
    assert doc.notice.title == "关于印发方案的通知"
    assert doc.source.encoding == detected


def test_utf16_be_bom(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"))
    assert policyparse.parse(p).sections[0].title == "目标"


def test_crlf_and_one_line_documents():
    assert policyparse.parse(TEXT.replace("\n", "\r\n")).notice.title == "关于印发方案的通知"


def test_bad_text_inputs(tmp_path):
    (tmp_path / "e.txt").write_bytes(b"  \n")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(EmptyInput):
        policyparse.parse(tmp_path / "e.txt")
    with pytest.raises(DecodeError):
        policyparse.parse(tmp_path / "b.txt")


def test_numbered_attachment_list_is_not_outline():
    text = ("关于印发甲方案和乙清单的通知\n各单位：\n现将甲方案、乙清单印发给你们。\n一、高度重视。\n"
            "附件：1.甲方案\n      2.乙清单\n某某市人民政府办公室\n2024年1月2日\n甲方案\n一、目标\n")
    doc = policyparse.parse(text)
    assert doc.notice.attachments == ["甲方案", "乙清单"]
    assert [(n.scope, n.path) for n in doc.sections] == [("notice", "1"), ("document", "1")]


def test_a_long_single_line_text_is_text_not_a_path():
    doc = policyparse.parse("一、目标。" * 200)
    assert doc.source.format == "txt"


# --- a portal's metadata block (structure/metadata.py): one case per form -------------------
BODY = "各县（市）人民政府，州级有关部门：\n现将《2020年重点任务分工方案》印发给你们，请认真贯彻执行。\n一、总体要求\n"
METADATA_CASES = [
    # (metadata lines, field -> expected)
    ("索 引 号:009050039/2020-00253\n发文机关:州政府办公室\n成文日期:2020-06-16\n"
     "标  题:凉山州人民政府办公室关于印发2020年重点任务分工方案的通知\n发文字号:凉府办发〔2020〕20号\n发布日期:2020-06-19\n",
     {"issuer": "州政府办公室", "date": "2020-06-16", "doc_number": "凉府办发〔2020〕20号",
      "title": "凉山州人民政府办公室关于印发2020年重点任务分工方案的通知"}),                 # one key a line
    ("索引号: 11341729003257952H/202301-00044 组配分类: 年度重点工作\n发布机构: 泾县人民政府(办公室) 主题分类: 综合政务\n"
     "名称: 泾县人民政府关于分解落实政府工作报告目标任务的通知 文号: 泾政〔2023〕1号\n",
     {"issuer": "泾县人民政府(办公室)", "doc_number": "泾政〔2023〕1号", "date": None}),          # several a line
    ("发布机构: 泾县人民政府(办公室) 主题分类: 综合政务\n名称: 泾县人民政府关于分解落实政府工作报告目标任务的通知 文号:泾政\n"
     "〔2023〕1号\n发布日期: 2023-01-30 08:56\n",
     {"issuer": "泾县人民政府(办公室)", "doc_number": "泾政〔2023〕1号"}),                        # a 文号 wrapped (n004 as a PDF)
    ("索 引 号: | 000014349/2023-91150 | 信息分类: | |\n发布机构: | 生成日期: | 2022-12-02 08:54:33 | |\n"
     "文 号: | 六盘水府办发〔2022〕10号 | 是否有效: | |\n",
     {"issuer": None, "date": None, "doc_number": "六盘水府办发〔2022〕10号"}),                # | cells, empty values
    ("∙【制定机关】武汉市人民政府办公厅\n∙【公布日期】2020.01.16\n",
     {"issuer": "武汉市人民政府办公厅", "date": None}),                                         # 【key】value; a publish date is no date
    ("发布部门:信息补充中\n发文日期: 2022年3月12日 公开方式: 主动公开\n",
     {"issuer": None, "date": "2022-03-12"}),                                                    # a placeholder is no issuer
]


@pytest.mark.parametrize("head,expected", METADATA_CASES)
def test_metadata_block_feeds_the_envelope(head, expected):
    n = policyparse.parse(head + BODY).notice
    for key, value in expected.items():
        assert getattr(n, key) == value, key
    assert [u.name for u in n.addressees] == ["各县（市）人民政府", "州级有关部门"]  # metadata keys are never addressees


def test_a_signature_wins_over_metadata():
    text = "发文机关:州政府办公室\n成文日期:2020-06-16\n" + BODY + "凉山州人民政府办公室\n2020年6月18日\n"
    n = policyparse.parse(text).notice
    assert (n.issuer, n.date) == ("凉山州人民政府办公室", "2020-06-18")


UNSIGNED_NOTICE = ("县人民政府办公室关于印发2021年县政府重点工作任务分解的通知\n各乡镇人民政府、县直各单位:\n"
                   "《2021年县政府重点工作任务分解》已经县人民政府同意,现印发给你们,请认真抓好贯彻落实。\n")


@pytest.mark.parametrize("after,scope", [
    ("一、强化责任落实。各单位要牵头抓总。\n二、细化工作方案。\n", "notice"),          # the notice's own points (a fragment)
    ("2021年县政府重点工作任务分解\n一、经济发展\n二、民生保障\n", "document"),         # the attached document, by its title
])
def test_points_after_an_unsigned_transmittal(after, scope):
    doc = policyparse.parse(UNSIGNED_NOTICE + after)
    assert [n.scope for n in doc.sections] == [scope, scope]


def test_points_a_task_division_notice_announces_are_its_own():
    text = ("县人民政府关于分解落实2022年县政府重点工作任务的通知\n各乡镇人民政府,县政府各部门:\n"
            "2022年县政府工作报告已经审议通过。现将重点任务分解落实有关事项通知如下:\n"
            "一、提高政治站位,加强组织领导\n二、不断改进作风,狠抓工作落实\n")
    assert [n.scope for n in policyparse.parse(text).sections] == ["notice", "notice"]


@pytest.mark.parametrize("line,units", [
    ("各乡镇人民政府,街道办事处,政府各部门并有关单位:", ["各乡镇人民政府", "街道办事处", "政府各部门", "有关单位"]),  # 并 between units
    ("(鄂州政办发〔2010〕10号) 各区人民政府,开发区管委会:", ["各区人民政府", "开发区管委会"]),              # a 文号 before
    ("<p>各市、县人民政府,省人民政府各委、办、厅、局:", ["各市", "县人民政府", "省人民政府各委", "办", "厅", "局"]),  # a tag
])
def test_addressee_line_forms(line, units):
    text = "市人民政府关于印发重点工作任务分工方案的通知\n" + line + "\n现将《重点工作任务分工方案》印发给你们。\n"
    assert [u.name for u in policyparse.parse(text).notice.addressees] == units


@pytest.mark.parametrize("title_lines", [
    "懷化市貫徹落實《關于打好經濟增長主動仗\n\n實現經濟運行整體好轉的若干政策\n\n措施》實施方案",  # over lines, blank between
    "懷化市貫徹落實《關于打好經濟增長主動仗實現經濟運行整體好轉的若干政策措施》實施方案.docx",      # a file suffix
])
def test_the_transmitted_title_is_its_own_title_line(title_lines):
    text = ("懷化市人民政府辦公室關于印發《懷化市貫徹落實〈關于打好經濟增長主動仗實現經濟運行整體好轉的若干政策措施〉"
            "實施方案》的通知\n各縣市區人民政府:\n現將《懷化市貫徹落實〈關于打好經濟增長主動仗實現經濟運行整體好轉的若干"
            "政策措施〉實施方案》印發給你們,請認真組織實施。\n懷化市人民政府辦公室\n2023年3月1日\n" + title_lines + "\n一、總體要求\n")
    assert policyparse.parse(text).title == "懷化市貫徹落實《關于打好經濟增長主動仗實現經濟運行整體好轉的若干政策措施》實施方案"


TWO_DOCUMENTS = ("区政府办公室关于印发两个方案的通知\n各镇人民政府:\n现将《甲方案》《乙清单》印发给你们。\n附件：\n1.甲方案\n"
                 "2.乙清单\n区政府办公室\n2021年1月1日\n甲方案\n一、总体要求\n（一）加强领导（区发改委负责）\n乙清单\n一、任务\n"
                 "（一）做好工作（区财政局负责）\n")


def test_a_second_transmitted_document_ends_the_outline_with_a_warning():
    doc = policyparse.parse(TWO_DOCUMENTS)
    assert doc.notice.attachments == ["甲方案", "乙清单"]
    assert [(n.path, n.title) for n in doc.sections] == [("1", "总体要求")]  # paths never collide with 乙清单's
    assert [w.code for w in doc.warnings] == ["W203"]


def test_an_attachment_named_on_the_line_under_its_label():
    text = TWO_DOCUMENTS.replace("附件：\n1.甲方案\n2.乙清单\n", "附件：\n甲方案\n").replace("《乙清单》", "")
    assert policyparse.parse(text).notice.attachments == ["甲方案"]


def test_joint_issuers_one_a_line_are_joined():
    text = ("关于印发《岳阳市重点工作任务分工方案》的通知\n各县市区委、人民政府:\n现将《岳阳市重点工作任务分工方案》印发给你们。\n"
            "中共岳阳市委办公室\n\n岳阳市人民政府办公室\n2018年3月27日\n")
    n = policyparse.parse(text).notice
    assert (n.issuer, n.date) == ("中共岳阳市委办公室、岳阳市人民政府办公室", "2018-03-27")


def test_government_order_title_and_the_rules_it_publishes():
    # issue 9: titles like 政府令（第8号）; 《X》已经…通过，现予公布 publishes X
    doc = policyparse.parse("某某市人民政府令(第8号)\n《某某市管理办法》已经市政府常务会议通过,现予公布。\n市长 张三\n"
                            "2023年1月1日\n某某市管理办法\n第一条 为了规范管理。\n第二条 本办法适用于本市。\n")
    assert (doc.notice.title, doc.notice.date, doc.title) == ("某某市人民政府令(第8号)", "2023-01-01", "某某市管理办法")
    assert [(n.scope, n.path) for n in doc.sections] == [("document", "1"), ("document", "2")]


# issue 9: a site's name before the title is no addressee; 各成员单位: is one (not a 责任单位: label)
PORTAL_LINES = [
    ("各盟行政公署、市人民政府,各大企业、\n事业单位:\n现将《某清单》印发给你们。\n", None,
     ["各盟行政公署", "市人民政府", "各大企业", "事业单位"]),  # an addressee line wrapped after 、
    ("某某网站:关于印发某方案的通知\n各县区人民政府:\n现将《某方案》印发给你们。\n", "关于印发某方案的通知", ["各县区人民政府"]),
    ("关于印发某方案的通知\n各成员单位:\n现将《某方案》印发给你们。\n", "关于印发某方案的通知", ["各成员单位"]),
]


@pytest.mark.parametrize("text,title,addressees", PORTAL_LINES)
def test_site_name_prefix_and_member_addressees(text, title, addressees):
    doc = policyparse.parse(text)
    assert (doc.notice.title, [a.name for a in doc.notice.addressees]) == (title, addressees)


def test_a_title_alone_over_a_self_contained_text_is_no_envelope():
    """n219, n560: 关于…的实施意见 (with or without its 文号) over its own numbered text, nothing addressed,
    signed or transmitted: no covering notice, the title is the document's.  A 通知 with its own 文号 is
    an envelope by its form even when its addressees and signature are out of the text (n328)."""
    doc = policyparse.parse("关于推进人才集聚工程的实施意见\n为加快建设人才高地，提出如下意见。\n一、总体要求\n（一）指导思想。坚持人才优先。\n")
    assert doc.notice is None and doc.title == "关于推进人才集聚工程的实施意见"
    doc = policyparse.parse("河南省人民政府关于明确2023年重点工作责任单位的通知\n豫政〔2023〕5号\n一、经济运行\n1.地区生产总值增长6%。（省发展改革委）\n")
    assert doc.notice is not None and doc.notice.doc_number == "豫政〔2023〕5号"


def test_a_download_link_is_no_outline_item():
    """n320: 17.内蒙古…政策清单.docx above the text is the page's download link."""
    doc = policyparse.parse("17.内蒙古自治区2023年政策清单.docx\n内蒙古自治区2023年政策清单\n一、总体要求\n二、主要任务\n")
    assert [n.title for n in doc.sections] == ["总体要求", "主要任务"]


def _scopes(text: str) -> set[str]:
    import policyparse
    from policyparse.export.json import to_gold
    return {o["scope"] for o in to_gold(policyparse.parse(text))["outline"]}


def test_points_right_after_the_transmittal_that_carry_role_lines_are_the_transmitted_list():
    """No heading between: …现印发给你们，请认真抓好落实。 / 一、… / 1.… / 责任单位:… is the task list (n600)."""
    head = "某市人民政府办公室关于印发重点工作任务的通知\n各镇人民政府，市府各部门：\n《重点工作任务》已经市政府同意，现印发给你们，请认真抓好落实。\n"
    listed = "一、突出转型升级\n1.推进总部中心建设。\n责任领导:张三;责任单位:总部办、科技局;配合单位:经贸局。\n"
    own = "一、加强组织领导。各单位要落实责任。\n二、强化督查考核。市督查室要定期督查。\n"
    assert _scopes(head + listed) == {"document"}
    assert _scopes(head + own) == {"notice"}


def test_points_the_transmittal_announces_are_the_notices_after_a_preamble():
    """…现印发给你们，并就有关事项通知如下，请认真贯彻执行。 / a paragraph / 一、… are the notice's points (n599)."""
    text = ("区人民政府办公室关于印发任务责任分解方案的通知\n各街道办事处，区人民政府各部门：\n"
            "《任务责任分解方案》已经区人民政府同意，现印发给你们，并就有关事项通知如下，请认真贯彻执行。\n"
            "今年是开局之年，做好各项工作意义重大。\n一、层层压实责任。各牵头单位要加强组织领导。\n二、加强工作统筹。各责任单位要制订方案。\n")
    assert _scopes(text) == {"notice"}
    assert _scopes(text.replace("，并就有关事项通知如下", "")) == {"document"}


def test_the_bodys_quoted_name_goes_before_the_unquoted_words_of_the_notice_title():
    """Rule 22's order: 关于印发2008年重点工作的通知 / 现将《合肥市人民政府2008年重点工作》印发给你们 / heading
    合肥市人民政府2008年重点工作 — the heading the body names whole; a date whose 〇 is typed 0 (二00八年) signs it."""
    import policyparse
    from policyparse.export.json import to_gold
    text = ("合肥市人民政府关于印发2008年重点工作的通知\n各县、区人民政府，市政府各部门：\n"
            "现将《合肥市人民政府2008年重点工作》印发给你们，请认真贯彻落实。\n合肥市人民政府\n二00八年三月二十日\n"
            "合肥市人民政府2008年重点工作\n一、加快工业发展\n（一）推进项目建设。（牵头单位：市发改委）\n")
    gold = to_gold(policyparse.parse(text))
    assert gold["document_title"] == "合肥市人民政府2008年重点工作"
    assert gold["notice"]["date"] == "2008-03-20"
    quoted = text.replace("合肥市人民政府2008年重点工作\n一、", "《合肥市人民政府2008年重点工作》\n一、")
    assert to_gold(policyparse.parse(quoted))["document_title"] == "合肥市人民政府2008年重点工作"


def test_the_attached_title_after_the_banji_lines_and_with_its_edition_below():
    """n578: 抄送 / …办公室 2015年11月23日印发 (the 版记) stand between the signature and the attached title,
    whose edition note is on the line below: …实施方案 / (2016版)."""
    import policyparse
    from policyparse.export.json import to_gold
    text = ("明卫计〔2015〕69号\n各乡镇人民政府，市直各相关部门：\n现将《明光市新型农村合作医疗统筹补偿实施方案》印发给你们，请认真贯彻执行。\n"
            "明光市卫生和计划生育委员会\n2015年11月23日\n抄送:省卫生计生委、财政厅\n明光市卫计委办公室 2015年11月23日印发\n"
            "明光市新型农村合作医疗统筹补偿实施方案\n(2016版)\n一、指导思想\n二、基本原则\n")
    assert to_gold(policyparse.parse(text))["document_title"] == "明光市新型农村合作医疗统筹补偿实施方案(2016版)"


def test_a_document_the_body_says_it_drew_up_and_transmits():
    """n590: no title line; …研究制定了《X》,经局领导同意,现印发给你们 names the document."""
    import policyparse
    from policyparse.export.json import to_gold
    text = ("机关各处室、局属各单位:\n为贯彻落实市政府工作部署,局办公室研究制定了《广州市农业农村局2021年政务公开工作要点分工方案》,"
            "经局领导同意,现印发给你们,请认真执行。\n广州市农业农村局办公室\n2021年7月16日\n")
    assert to_gold(policyparse.parse(text))["document_title"] == "广州市农业农村局2021年政务公开工作要点分工方案"


def test_a_one_unit_addressee_line_and_a_placeholder_metadata_organ():
    """n610: 市政府各部门: alone is the addressee line (a collective, not a label such as 责任部门:), and a law
    database's 【发布部门】 湖北省黄冈市其他机构 names no organ."""
    import policyparse
    from policyparse.export.json import to_gold
    text = ("某市人民政府办公室关于分解落实《政府工作报告》的通知\n【发布部门】 湖北省黄冈市其他机构\n【发文字号】 黄政办发〔2007〕9号\n"
            "某市人民政府办公室关于分解落实《政府工作报告》的通知\n市政府各部门:\n  现将《政府工作报告》确定的工作任务分解如下,请认真落实。\n"
            "二○○七年二月八日\n")
    notice = to_gold(policyparse.parse(text))["notice"]
    assert notice["addressees"] == ["市政府各部门"]
    assert notice["issuer"] is None


def test_a_metadata_table_whose_rows_open_with_a_bar():
    """n617: | 发布机构: | 南京市人民政府 | 生成日期: | … | — the block is metadata (its 文号 a field), never the
    addressee line."""
    import policyparse
    from policyparse.export.json import to_gold
    text = ("| 索 引 号: | 012947031/2026-12388 | 信息分类: | 综合政务 |\n| 发布机构: | 南京市人民政府 | 生成日期: | 2026-02-08 |\n"
            "| 信息名称: | 市政府关于印发《工作目标任务分解落实方案》的通知 | ||\n| 文 号: | 宁政发〔2026〕16号 | 关 键 词: | 通知 |\n"
            "市政府关于印发《工作目标任务分解落实方案》的通知\n各区人民政府,江北新区管委会,市府各委办局:\n现将《工作目标任务分解落实方案》印发给你们。\n"
            "南京市人民政府\n2026年2月8日\n")
    notice = to_gold(policyparse.parse(text))["notice"]
    assert notice["addressees"] == ["各区人民政府", "江北新区管委会", "市府各委办局"]
    assert notice["doc_number"] == "宁政发〔2026〕16号"


def test_a_self_announced_bulletin_signed_without_a_date():
    """n620: a 通报's own title line (…进度通报, no 关于/的), its body saying 现将…通报如下, and the office's name
    alone on its last line before the page's furniture: an envelope of title and issuer (no date)."""
    import policyparse
    from policyparse.export.json import to_gold
    text = ("六安市1至9月份民生工程实施进度通报\n为扎实推进民生工程,现将1至9月份实施进度通报如下:\n一、各县区实施进度综合排名\n"
            "1、金寨县;2、裕安区。\n二、部分项目进展情况\n1、技能培训提升,牵头单位:市退役军人局。\n六安市民生办\n扫一扫在手机打开当前页\n")
    notice = to_gold(policyparse.parse(text))["notice"]
    assert (notice["title"], notice["issuer"], notice["date"]) == ("六安市1至9月份民生工程实施进度通报", "六安市民生办", None)


def test_a_notice_title_that_names_its_document_unquoted_goes_on_to_its_own_end():
    """n622: 山西省人民政府印发关于…纲要的报告工作目标责任分解的通知 — the 报告 is the transmitted document's name;
    the title ends at 的通知; and the colon after 第一部分 is no part of its title."""
    import policyparse
    from policyparse.export.json import to_gold
    text = ("山西省人民政府印发关于山西省国民经济和社会发展第十一个五年规划纲要的报告工作目标责任分解的通知\n晋政发〔2006〕10号\n"
            "各市、县人民政府,省人民政府各委、厅,各直属机构:\n《关于山西省国民经济和社会发展第十一个五年规划纲要的报告》工作目标责任分解已经省人民政府同意,"
            "现印发给你们,请认真贯彻落实。\n二○○六年五月十一日\n《关于山西省国民经济和社会发展第十一个五年规划纲要的报告》工作目标责任分解\n"
            "第一部分:“十一五”期间主要工作任务的责任分解\n一、于幼军省长负责的工作\n")
    gold = to_gold(policyparse.parse(text))
    assert gold["notice"]["title"].endswith("纲要的报告工作目标责任分解的通知")
    assert gold["outline"][0]["title"] == "“十一五”期间主要工作任务的责任分解"


def test_a_page_run_together_on_one_line_keeps_its_signature_date():
    """n622: paragraphs joined by one blank each in a line of thousands of characters; the date after the
    transmittal sentence stands before a blank and the attached title: it is the notice's date."""
    import policyparse
    from policyparse.export.json import to_gold
    body = "强化审计监督,依法开展审计工作,维护财政经济秩序,促进廉政建设。 " * 8
    text = ("山西省人民政府关于下达工作目标责任分解的通知 晋政发〔2006〕10号 各市、县人民政府,省人民政府各委、厅,各直属机构: "
            "《工作目标责任分解》已经省人民政府同意,现印发给你们,请认真贯彻落实。 二○○六年五月十一日 《工作目标责任分解》 "
            "一、省审计厅牵头的工作 " + body + "\n")
    assert to_gold(policyparse.parse(text))["notice"]["date"] == "2006-05-11"


def test_a_government_order_set_as_gbt_9704_sets_it():
    """Rule 26: 某某市人民政府令 alone on its line, 第8号 under it, 现予公布, signed 市长 张三: the 令 line is the
    title, 第8号 the number, no issuer (a person signs), the 办法 after the signature the document."""
    import policyparse
    from policyparse.export.json import to_gold
    text = ("某市人民政府令\n第8号\n《某市城市供水管理办法》已经2023年3月1日市人民政府第10次常务会议通过,现予公布,自2023年5月1日起施行。\n"
            "市长  张三\n2023年3月10日\n某市城市供水管理办法\n第一章 总则\n第一条 为了加强城市供水管理,制定本办法。\n")
    gold = to_gold(policyparse.parse(text))
    n = gold["notice"]
    assert (n["title"], n["doc_number"], n["issuer"], n["date"]) == ("某市人民政府令", "第8号", None, "2023-03-10")
    assert gold["document_title"] == "某市城市供水管理办法"


def test_a_forwarding_notice_whose_attachments_name_their_issuers_takes_the_document_present():
    """n640: 附件 names two documents as 省农业厅、省财政厅《关于…的通知》 and the excerpt holds only the second,
    its heading wrapped over three lines under its two issuers: that heading is the document's title, with the
    organ lines stacked above it (rule 33) and without the marks (the first is named in the body and list only)."""
    import policyparse
    from policyparse.export.json import to_gold
    text = ("各镇政府、各街道办事处:\n省农业厅、省财政厅联合下发了《关于做好特色农业促进项目申报工作的通知》和《关于做好产业兴村强县"
            "示范行动项目申报工作的通知》,现转发给你们,请认真做好申报工作。\n附件:1、省农业厅、省财政厅《关于做好特色农业促进项目申报工作的通知》\n"
            "2、省农业厅、省财政厅《关于做好产业兴村强县示范行动项目申报工作的通知》\n某县农业局 某县财政局\n2018年6月22日\n"
            "山东省农业厅\n山东省财政厅\n关于做好产业兴村强县\n示范行动项目\n申报工作的通知\n各市农业局、各市财政局:\n一、总体要求\n"
            "(一)指导思想。深入贯彻落实乡村振兴战略。\n")
    assert to_gold(policyparse.parse(text))["document_title"] == "山东省农业厅山东省财政厅关于做好产业兴村强县示范行动项目申报工作的通知"


def test_a_signature_date_whose_last_mark_the_page_dropped():
    """n645: 金乡县人民政府 / 2021年2月22 (no 日): still the signature, so the issuer is the signing organ."""
    import policyparse
    from policyparse.export.json import to_gold
    text = ("金乡县人民政府关于下达2021年计划的通知\n金政发〔2021〕3号\n各镇政府,县政府各部门:\n现将2021年计划下达给你们,请认真组织实施。\n"
            "金乡县人民政府\n2021年2月22\n金乡县2021年计划\n一、主要目标\n")
    n = to_gold(policyparse.parse(text))["notice"]
    assert (n["issuer"], n["date"]) == ("金乡县人民政府", "2021-02-22")


@pytest.mark.parametrize("second", ["《关于加快发展养老服务业的实施意见》的通知", "关于加快发展养老服务业的实施意见的通知"])
def test_a_title_wrapped_after_its_verb_before_a_name_that_opens_with_guanyu(second):
    """Found by a generator of random envelopes: 某市人民政府关于印发 / 《关于…的实施意见》的通知 — the second line is
    a whole 关于…的通知 by itself, yet the title begins on the line above, whose verb has no object."""
    from policyparse.export.json import to_gold
    text = (f"黄冈市人民政府关于印发\n{second}\n黄政发〔2024〕3号\n各县(市、区)人民政府,市政府各部门:\n"
            "现将《关于加快发展养老服务业的实施意见》印发给你们,请认真贯彻执行。\n黄冈市人民政府\n2024年3月1日\n"
            "关于加快发展养老服务业的实施意见\n一、总体要求\n")
    assert to_gold(policyparse.parse(text))["notice"]["title"] == "黄冈市人民政府关于印发" + second


def test_a_transmitted_document_named_with_others_takes_the_first_heading_present():
    """n121, n206 (rule 11): 关于印发A和B的通知, 关于印发A等制度的通知 — A's heading stands in the text, so it is the
    document's title, not the title's collective name; 研究确定了《X》,现印发给你们 names X in the body (n474)."""
    from policyparse.export.json import to_gold
    head = "某市卫生计生委关于印发2016年工作总结和2017年工作要点的通知\n各区、县卫生计生局:\n"
    text = head + ("《2016年工作总结》和《2017年工作要点》已经委主任办公会议通过,现予以下发,请贯彻执行。\n某市卫生计生委\n"
                   "2017年2月22日\n2016年工作总结\n一、主要成绩\n")
    assert to_gold(policyparse.parse(text))["document_title"] == "2016年工作总结"
    text = ("各镇政府,县政府各部门:\n为全面完成各项任务,县政府研究确定了《2025年金乡县政府重要工作事项责任分工》,现印发给你们,"
            "请认真落实。\n金乡县人民政府\n2025年2月28日\n一、经济发展\n")
    assert to_gold(policyparse.parse(text))["document_title"] == "2025年金乡县政府重要工作事项责任分工"


@pytest.mark.parametrize("page, headline", [
    ("点击进入侨情管理信息系统\n\n某县将侨联基层组织建设纳入乡镇街道年度目标考核\n\n2013-05-17 10:11:36\n\n"
     "某县将侨联基层组织建设纳入乡镇街道年度目标考核\n\n  某县是侨资源比较匮乏的县,全县现有侨眷755人。\n",
     "某县将侨联基层组织建设纳入乡镇街道年度目标考核"),
    ("你所在的位置: 某市侨联 > 侨联动态\n\n某县侨联以创先争优为抓手 构筑张弛有度的网络\n\n2013年01月05日 14:55:58来源:某市侨联字体:\n"
     "  2012年,某县侨联紧抓区划调整后的契机,开展基层侨联组织建设。\n", "某县侨联以创先争优为抓手 构筑张弛有度的网络"),
    ("发布机构: 某街办 生成日期: 2022-10-24\n某街道开展“洁净千万家 喜迎二十大”环境卫生大扫除行动\n  • 浏览量:\n\n"
     "某街道开展洁净千万家 喜迎二十大环境卫生大扫除行动\n\n为迎接党的二十大胜利召开,营造干净整洁的环境。\n",
     "某街道开展洁净千万家 喜迎二十大环境卫生大扫除行动"),
])
def test_a_news_page_without_a_document_type_word_is_titled_by_its_headline(page, headline):
    """Rule 11 (n413, n414, n445): a portal news page names no document type; its headline is the line the page
    repeats as its heading (the later one) or the line above its date and time."""
    from policyparse.export.json import to_gold
    gold = to_gold(policyparse.parse(page))
    assert (gold["notice"], gold["document_title"]) == (None, headline)


def test_a_text_export_that_kept_its_page_markup_reads_as_its_lines():
    """n211: a law database's text export keeps the page's tags (<p style="text-align: right;"> 山西省人民政府</p>):
    block tags are line breaks and inline ones nothing, so the addressees, signature, note and title are found."""
    from policyparse.export.json import to_gold
    text = ("发文机关:山西省人民政府\n文号 :晋政发〔2018〕13号\n<p>各市、县人民政府,省人民政府各委、办、厅、局:</p><p> 现将《山西省"
            "激发重点群体活力带动城乡居民增收的实施方案》印发给你们,请认真组织实施。</p><p style=\"text-align: right;\"> 山西省人民政府"
            "</p><p style=\"text-align: right;\"> 2018年3月27日</p><p style=\"text-align: right;\"> (此件公开发布)</p><p><br/></p>"
            "<p style=\"text-align: center;\"><strong>山西省激发重点群体活力带动城乡居民增收的实施方案</strong></p><p><br/></p>"
            "<p><strong> 一、总体要求</strong></p><p> 到2020年,城镇就业规模逐步扩大。</p>\n")
    gold = to_gold(policyparse.parse(text))
    n = gold["notice"]
    assert (n["issuer"], n["date"], n["public_note"]) == ("山西省人民政府", "2018-03-27", "此件公开发布")
    assert n["addressees"][:2] == ["各市", "县人民政府"]
    assert gold["document_title"] == "山西省激发重点群体活力带动城乡居民增收的实施方案"
    assert [(o["path"], o["title"]) for o in gold["outline"]] == [("1", "总体要求")]


def test_a_decision_whose_attachment_is_a_list_of_names_transmits_nothing():
    """n433: a 决定 with 附件: …先进工作者名单 is self-contained: its own title is the document's (a 名单 is no document
    it sends, as a form to fill in is none)."""
    from policyparse.export.json import to_gold
    text = ("某市人民政府关于表彰2007年度先进工作者的决定\n(某政发[2008]37号)\n各县(市)区人民政府,市政府各部门:\n"
            "为表彰先进,市政府决定对先进工作者予以表彰。\n附件:某市2007年度先进工作者名单\n二○○八年九月十一日\n附件:\n"
            "某市2007年度先进工作者名单\n一、优胜乡镇\n")
    assert to_gold(policyparse.parse(text))["document_title"] == "某市人民政府关于表彰2007年度先进工作者的决定"


def test_a_notice_whose_title_names_a_package_takes_the_first_document_its_body_names_and_the_text_heads():
    """n425 (rule 11): 印发《…“五个全覆盖”工作方案》 over 现将《A》《B》…印发给你们 and A's heading below: A."""
    from policyparse.export.json import to_gold
    text = ("于府办发〔2022〕33号\n于都县人民政府办公室\n关于印发《于都县应急管理工作“五个全覆盖”工作方案》的通知\n"
            "各乡(镇)人民政府,县政府有关部门:\n经县政府研究同意,现将《于都县应急责任落实全覆盖工作方案》《于都县安全风险识别全覆盖工作方案》"
            "印发给你们,请认真贯彻执行。\n2022年4月26日\n于都县应急责任落实全覆盖工作方案\n一、工作目标\n")
    assert to_gold(policyparse.parse(text))["document_title"] == "于都县应急责任落实全覆盖工作方案"


def test_a_notice_that_lays_out_its_own_tasks_is_the_document():
    """n472: 关于2024年重点工作及责任分解的通知 with its tasks right under the addressees (nothing sent, no heading of
    its own): the notice's title is the document's; a body mention of 《政府工作报告》 is no heading (n411)."""
    from policyparse.export.json import to_gold
    text = ("滁州市人民政府关于2024年重点工作及责任分解的通知\n信息来源:滁州市人民政府办公室| 发布时间:2024-02-02 17:50|\n\n"
            "各县、市、区人民政府,市政府各部门、各直属机构:\n\n一、经济社会发展的主要预期目标\n\n1. 地区生产总值增长7.5%。\n\n"
            "牵头责任领导:邓继敢。\n\n牵头单位:市发展改革委。\n")
    assert to_gold(policyparse.parse(text))["document_title"] == "滁州市人民政府关于2024年重点工作及责任分解的通知"


@pytest.mark.parametrize("date", ["2024-03-01", "2024.3.1", "2024/3/1"])
def test_a_signature_dated_in_numbers(date):
    """A copy that writes the signature date in numbers (as portals write a 成文日期, n401:18) keeps its signature."""
    from policyparse.export.json import to_gold
    text = ("某市人民政府办公室关于印发某市优化营商环境行动方案的通知\n某政办发〔2024〕5号\n各县(市、区)人民政府,市政府各部门:\n"
            f"现将《某市优化营商环境行动方案》印发给你们,请认真组织实施。\n某市人民政府办公室\n{date}\n某市优化营商环境行动方案\n一、总体要求\n")
    n = to_gold(policyparse.parse(text))["notice"]
    assert (n["issuer"], n["date"]) == ("某市人民政府办公室", "2024-03-01")


def test_joint_issuers_side_by_side_over_the_title_and_a_note_set_left_of_the_date():
    """n653: 中共珲春市委办公室 珲春市人民政府办公室 / 关于印发…的通知 (two organs on one line over the title), the
    signature's organs one a line, and (此件发至乡) on the date's line left of it: title, joint issuer, date, note."""
    from policyparse.export.json import to_gold
    text = ("中共某市委办公室 某市人民政府办公室\n\n关于印发《某市河(湖)长制工作实施方案》的通知\n\n某办发〔2017〕19号\n\n"
            "各乡(镇)党委、人民政府,各人民团体:\n\n《某市河(湖)长制工作实施方案》已经市委、市政府同意,现印发给你们。\n\n"
            "中共某市委办公室\n某市人民政府办公室\n\n(此件发至乡)                  2017年6月13日\n\n某市河(湖)长制工作实施方案\n一、总体要求\n")
    n = to_gold(policyparse.parse(text))["notice"]
    assert n["title"].startswith("中共某市委办公室") and n["title"].endswith("关于印发《某市河(湖)长制工作实施方案》的通知")
    assert (n["issuer"], n["date"], n["public_note"]) == ("中共某市委办公室、某市人民政府办公室", "2017-06-13", "此件发至乡")


def test_addressees_joined_by_ji_before_a_set_and_a_body_sentence_opening_with_the_documents_name():
    """n660: 市政府各委办局及各人民团体 is two addressees; with no signature, a body sentence that opens with the
    transmitted name's words (市五届二次人代会《政府工作报告》确定的…) is no title line: the points stay the notice's."""
    from policyparse.export.json import to_gold
    text = ("某市人民政府办公室关于印发《市五届二次人代会〈政府工作报告〉重点任务分工方案》的通知\n"
            "各旗县市区人民政府、开发区管委会,市政府各委办局及各人民团体:\n"
            "经市人民政府同意,现将《市五届二次人代会〈政府工作报告〉重点任务分工方案》印发给你们,并提出如下要求,请一并抓好贯彻落实。\n"
            "一、加强领导,落实责任\n市五届二次人代会《政府工作报告》确定的各项重点任务是做好今年政府工作的总抓手,各部门要负总责。\n"
            "二、强化调度,协调推进\n市政府负责领导要抓好工作调度。\n")
    gold = to_gold(policyparse.parse(text))
    assert gold["notice"]["addressees"] == ["各旗县市区人民政府", "开发区管委会", "市政府各委办局", "各人民团体"]
    assert [(o["scope"], o["path"]) for o in gold["outline"]] == [("notice", "1"), ("notice", "2")]


@pytest.mark.parametrize("number", ["渝北府发〔20211", "南兴府办函〔202058"])
def test_a_doc_number_that_lost_its_closing_bracket_and_hao(number):
    """n670:7, n665:10: a page dropped 〕 and 号 of its 文号 (and 年月日 of its date: 202091)."""
    from policyparse.export.json import to_gold
    text = (f"某区人民政府办公室关于印发某区优化营商环境实施方案的通知\n{number}\n各镇人民政府,各街道办事处:\n"
            "经区人民政府同意,现将某区优化营商环境实施方案》印发给你们,请结合实际,认真组织实施\n某区人民政府办公室\n202091\n")
    n = to_gold(policyparse.parse(text))["notice"]
    assert (n["doc_number"], n["issuer"], n["date"]) == (number, "某区人民政府办公室", "2020-09-01")


def test_an_attachment_the_body_names_by_its_number_is_the_document():
    """n666: no 附件: list; a point of the notice says 要认真对照《2025年〈政府工作报告〉主要目标分解表》(附件1)和…"""
    from policyparse.export.json import to_gold
    text = ("某省人民政府办公厅关于做好2025年《政府工作报告》重点工作落实的通知\n各市人民政府,省政府各部门:\n"
            "为抓好《政府工作报告》落实,现就有关事项通知如下:\n一、提高站位抓落实。各地各部门要高度重视。\n"
            "二、守土尽责抓推进。要认真对照《2025年〈政府工作报告〉主要目标分解表》(附件1)和《2025年〈政府工作报告〉重点工作分工方案》"
            "(附件2),逐项抓好落实。\n")
    assert to_gold(policyparse.parse(text))["document_title"] == "2025年〈政府工作报告〉主要目标分解表"


def test_a_heading_that_sets_its_organ_before_the_name_its_notice_gives():
    """n670: 关于印发《政府工作报告》的通知 over the heading 重庆市渝北区人民政府工作报告: the heading, organ and all."""
    from policyparse.export.json import to_gold
    text = ("重庆市渝北区人民政府关于印发《政府工作报告》的通知\n渝北府发〔2021〕1号\n各镇人民政府,各街道办事处:\n"
            "现将《政府工作报告》印发给你们,请认真贯彻落实。\n重庆市渝北区人民政府\n2021年1月20日\n"
            "重庆市渝北区人民政府工作报告\n一、2020年工作回顾\n")
    assert to_gold(policyparse.parse(text))["document_title"] == "重庆市渝北区人民政府工作报告"


def test_a_labelled_public_note_under_the_signature_date():
    """n665 (rule 37): 公开方式:主动公开 on the line under the date, where other notices write (此件公开发布)."""
    from policyparse.export.json import to_gold
    text = ("某区人民政府办公室关于印发某区优化营商环境实施方案的通知\n某府办函〔2020〕58号\n各镇人民政府,各街道办事处:\n"
            "经区人民政府同意,现将《某区优化营商环境实施方案》印发给你们,请认真组织实施。\n某区人民政府办公室\n2020年9月1日\n"
            "公开方式:主动公开\n某区优化营商环境实施方案\n一、总体要求\n")
    assert to_gold(policyparse.parse(text))["notice"]["public_note"] == "公开方式:主动公开"


def test_a_law_databases_title_line_that_opens_with_its_organ():
    """n668 (rule 37): 山西省人民政府2004年政府工作要点及责任分解 / (晋政发〔2004〕9号) / the addressees: the line over the
    bracketed 文号 is the notice's title though it has no 关于, and the metadata rows above it are no part of it."""
    from pathlib import Path

    from policyparse.export.json import to_gold
    n = to_gold(policyparse.parse(Path(__file__).parent / "golden_new" / "n668.txt"))["notice"]
    assert (n["title"], n["doc_number"]) == ("山西省人民政府2004年政府工作要点及责任分解", "晋政发〔2004〕9号")
