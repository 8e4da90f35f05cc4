"""Envelope words (公文要素): 发文字号, document-type words, portal furniture, signature lines."""
from __future__ import annotations

import re

from policyparse.grammar.unitnames import UNIT_END

# 发文字号: 粤府〔2021〕22号, 津政办规[2023]4号, 黔府办发〔2012〕34号 (folded: 號->号).
# Golden cases by the bracket of the year (None: waiting for a real line).
DOC_NUMBER_CASES = {"〔": "d01:7", "[": "d40:1", "【": "n419:3", "(": "n405:15"}
DOC_NUMBER_BODY = r"[\u4e00-\u9fff]{1,10}\s*[〔\[【(]\s*(?:19|20)\d{2}\s*[〕\]】)]\s*\d{1,4}"  # 咸安政发〔2019〕1 (a line that lost 号)
# …and one whose closing bracket a page dropped, the year run into the number: 安〔20231号 (n654:11), its 号
# too (渝北府发〔20211, n670:7; the number alone on its line then, as the pattern's users read it)
DOC_NUMBER_CUT = r"[\u4e00-\u9fff]{1,10}\s*〔\s*(?:19|20)\d{2}\d{1,4}(?:\s*号|(?=\s*$))"
DOC_NUMBER_CUT_CASE = "n654:11"
DOC_NUMBER_TEXT = rf"(?:{DOC_NUMBER_BODY}\s*号|{DOC_NUMBER_CUT})"
# The last word of a document title: …的通知 / …实施方案 / …任务分解表: (word, golden case).
DOC_TYPE_TABLE: tuple[tuple[str, str | None], ...] = (
    ("通知", "d01:1"),
    ("分解表", "d10:32"),
    ("一览表", "n411:3"),
    ("通报", "n223:8"),
    ("意见", "d06:1"),
    ("决定", "n433:1"),
    ("办法", "d04:4"),
    ("规定", "n229:20"),
    ("细则", "n128:2"),
    ("方案", "d01:25"),
    ("计划", "d19:6"),
    ("要点", "d13:1"),
    ("清单", "d23:1"),
    ("报告", "n120:12"),
    ("批复", "n431:1"),
    ("函", "n432:2"),
    ("公告", "n419:1"),
    ("通告", "n436:1"),
    ("措施", "d14:6"),
    ("规划", "n332:20"),
    ("纲要", "n332:40"),
    ("条例", "n403:4"),
    ("规则", "n203:3"),
    ("预案", "n428:15"),
)
# An attachment that is a form to fill in and send back, not a transmitted document (n434: 附件:
# 1.2018年度全省学会活动计划表): a notice with only such attachments is self-contained.  A task table
# (…任务分解表, …分工表, …清单) is the transmitted document itself.
FORM_ATTACHMENT = re.compile(r"(?:报名|申报|登记|汇总|统计|推荐|反馈|信息|活动计划|需求|意见征求|征求意见|申请|备案)表$|回执$|名单$")
FORM_ATTACHMENT_CASE = "n433:7"  # 附件:丹东市 2007年度…优胜乡镇和先进工作者名单 (a 决定's list of names: it transmits nothing)
# Words that make a line title-like without ending a title: …任务分解 | …主要工作安排 | …情况表.
TITLE_WORDS = "分解|安排|表|情况|举措|政策|任务"
DOC_TYPE_WORDS = "|".join(word for word, _ in DOC_TYPE_TABLE)
# A sentence end after which a space stands where a line break was (lines run together).
RUN_ON_ENDS = "。;!?:"


# Portal furniture that is never part of a document (folded text), at a line start: (name,
# pattern, golden case).  Labels stand before ':' or '|' (来源:… 发布日期:…), or two label-value pairs stand
# to a line without a separator (所属分类 为民办实事 效力状态 有效); navigation alone.
FURNITURE_LABELS: tuple[tuple[str, str, str | None], ...] = (
    ("来源", r"来源", "d08:3"),
    ("发布时间", r"发布时间", "d34:4"),
    ("发布日期", r"发布日期", "d08:11"),
    ("发布机构", r"发布机构", "n001:2"),
    ("发布单位", r"发布单位", "d08:7"),
    ("发布部门", r"发布部门", "d34:3"),
    ("时间", r"时间", "d08:2"),
    ("浏览量", r"浏览量", "d30:3"),
    ("浏览次数", r"浏览次数", "d17:4"),
    ("点击数", r"点击数", "d10:4"),
    ("访问次数", r"访问次数", "n401:38"),
    ("编辑", r"编辑", "d36:9"),
    ("作者", r"作者", "n206:5"),
    ("字号", r"字号", "d31:14"),
    ("字体", r"字体", "d18:6"),
    ("索引号", r"索\s*引\s*号", "d27:1"),
    ("主题分类", r"主题分类", "n018:5"),
    ("信息来源", r"信息来源", "n401:36"),
    ("更新时间", r"更新时间", "d13:2"),
    ("发表日期", r"发表日期", "d33:6"),
    ("人气", r"人气", "d40:3"),
    ("摘要", r"摘要", "d40:4"),
    ("核心提示", r"核心提示", "d08:4"),
    ("有效性", r"有效性", "d34:6"),
    ("文档介绍", r"文档介绍", "d28:1"),
    ("当前位置", r"当前位置", "d17:1"),
    ("分享到", r"分享到", "d10:136"),
    ("所属分类", r"所属分类", "d31:5"),
    ("责任部门", r"责任部门", "d31:6"),
    ("公开方式", r"公开方式", "d27:1"),
    ("公开时限", r"公开时限", "d27:2"),
    ("公开范围", r"公开范围", "d27:2"),
    ("效力状态", r"效力状态", "d31:5"),
    ("政策文号", r"政策文号", "d34:5"),
    ("发布文号", r"发布文号", "d08:10"),
)
# A portal's site footer (its 网站标识码 / ICP备 line, and the 主办单位: / 联系电话: lines beside it, n409:1-3): page
# furniture wherever the copy put it, never a task's unit label line.
SITE_FOOTER = re.compile(r"网站标识码|ICP\s*备|公网安备|版权所有|Copyright|©|技术支持\s*[:|]|网站地图|政府网站找错")
SITE_FOOTER_CASE = "n409:3"
FOOTER_CONTACT = re.compile(
    r"^\s*(?:主办|承办|协办|主管|维护|运维|管理)(?:单位)?\s*[:|]|联系电话|联系方式|地址\s*[:|]|邮编|传真|电话\s*[:|]")
FOOTER_CONTACT_CASE = "n409:1"
FURNITURE_NAVIGATION: tuple[tuple[str, str, str | None], ...] = (
    ("当前位置", r"当前位置", "d17:1"),
    ("首页", r"首页", "d05:1"),
    ("今天是", r"今天是", "d36:1"),
    ("扫一扫", r"扫一扫", "d31:46"),
    ("【打印", r"【\s*打印", "d31:12"),
    ("【关闭", r"【\s*关闭", "n443:9"),
    ("【字体", r"【\s*字体", "d18:6"),
    ("分享到", r"分享到", "d10:136"),
    ("•·>", r"[•·>]", "d03:1"),
    ("设为首页", r"设为首页", "d03:1"),
    ("加入收藏", r"加入收藏", "d36:3"),
    ("无障碍", r"无障碍", "n023:1"),
    ("长者版", r"长者版", "d03:4"),
    ("智能问答", r"智能问答", "d33:1"),
    ("上一篇", r"上一篇", "n413:13"),
    ("下一篇", r"下一篇", "n413:14"),
    ("相关链接", r"相关链接", None),
    ("由会员分享", r"《[^》\n]{1,120}》由会员分享", "n005:2"),  # a doc-sharing site's header: 《X.docx》由会员分享,可在线阅读…
)
# A download link's file name: its suffix ends the line (17.内蒙古…政策清单.docx, n320:1); never an outline item.
DOWNLOAD_SUFFIX = r"\.(?:docx?|wps|pdf|xlsx?|ofd|zip|rar)"
DOWNLOAD_LINE = re.compile(rf"{DOWNLOAD_SUFFIX}[ \t]*$", re.MULTILINE)
DOWNLOAD_CASE = "n320:1"
_FURNITURE_LABEL = "|".join(p for _, p, _ in FURNITURE_LABELS)
# A label and its value set out in columns without a separator, two pairs to a line (d31:
# 所属分类 为民办实事 效力状态 有效 / 责任部门 西夏区文化旅游体育广电局 公开方式 主动公开): a label, one or two
# words of value, and a second label.
FURNITURE_PAIRS = rf"(?:{_FURNITURE_LABEL})\s+[^\s:|]+(?:\s+[^\s:|]+)?\s+(?:{_FURNITURE_LABEL})(?=\s|$)"
BOILERPLATE = re.compile(
    rf"^\s*(?:(?:{_FURNITURE_LABEL})\s*[:|]|{FURNITURE_PAIRS}|"
    + "|".join(p for _, p, _ in FURNITURE_NAVIGATION) + ")"
)

# A date as signed under a notice: 2021年1月20日 / 二〇〇九年五月十四日 (golden cases by numerals).
# 二00八年三月二十日: a page that wrote the 〇 of a Chinese year as an ASCII 0 (or the letter O).
SIGN_DATE_CASES = {"arabic": "d01:22", "chinese": "n011:5", "chinese_ascii_zero": "n601:19"}
SIGN_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2}|(?:一九|二[〇零0Oo])[〇零一二三四五六七八九0Oo]{2})\s*年\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*"
    r"(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
)


# A signature date whose 年/月/日 a page dropped (2022526, 2019116, 2021910: n015:28, n487:13, n488:14, n401:51):
# the year, then the month and day; of two readings (116: 1-16 or 11-6) the one-digit month is taken.
DIGITS_DATE_CASES = ("n015:28", "n487:13", "n488:14", "n401:51")
DIGITS_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})(?P<md>\d{2,4})")


# A signature date whose last 日 a page dropped (2021年2月22, n645:22).
CUT_DATE_CASE = "n645:22"
CUT_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})")


# A signature date written with numbers only (2023-06-26, as n401:18 writes its 成文日期; 2023.6.26, 2023/6/26).
NUMERIC_DATE_CASE = "n401:18"
NUMERIC_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*(?P<sep>[-./])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})")


def digits_date(s: str) -> str | None:
    """ISO form of a signature date that lost its marks (2022526 -> 2022-05-26, 2021年2月22 ->
    2021-02-22) or is written in numbers (2023-06-26, 2023.6.26), or None."""
    cut = CUT_DATE.fullmatch(s.strip()) or NUMERIC_DATE.fullmatch(s.strip())
    if cut:
        y, mo, d = int(cut["y"]), int(cut["m"]), int(cut["d"])
        return f"{y}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else None
    m = DIGITS_DATE.fullmatch(s.strip())
    if not m:
        return None
    md = m["md"]
    splits = [(md[:1], md[1:])] if len(md) == 2 else [(md[:2], md[2:])] if len(md) == 4 else [(md[:1], md[1:]), (md[:2], md[2:])]
    for mo, d in splits:
        if 1 <= int(mo) <= 12 and 1 <= int(d) <= 31:
            return f"{m['y']}-{int(mo):02d}-{int(d):02d}"
    return None


# Organisation names as they stand alone on a signature line (folded).
_ORG_LINE = re.compile(r"^[\u4e00-\u9fff()（）]{3,40}$")


def is_org_line(s: str) -> bool:
    s = s.strip()
    return bool(_ORG_LINE.match(s)) and bool(UNIT_END.search(s))


def org_names(s: str) -> list[str] | None:
    """The organisations of a signature line: one (乐山市人民政府办公室), or joint issuers side by
    side (湖北省人民政府 湖北省人民检察院, n410); None when the line is not only organisations."""
    s = s.strip()
    if is_org_line(s):
        return [s]
    parts = s.split()
    return parts if len(parts) >= 2 and all(is_org_line(p) for p in parts) else None


# A portal's metadata block (索引号 / 发布机构 / 成文日期 / 文号 …): ``key: value`` pairs, several to a
# line, ``key: | value |`` table rows, ``【key】value`` or ``[ key ] | value |``.  (key, the envelope field it feeds or
# None, golden case).  Keys may be spaced out (索 引 号, 标  题); matched on folded text.
METADATA_KEYS: tuple[tuple[str, str | None, str | None], ...] = (
    ("文号", "doc_number", "d29:5"),
    ("发文字号", "doc_number", "n031:15"),
    ("文件编号", "doc_number", "n445:5"),
    ("发布文号", "doc_number", "d08:10"),
    ("政策文号", "doc_number", "d34:5"),
    ("字号", None, "d31:14"),  # 文字号 in law databases, but also the font-size widget (字号：大 中 小)
    ("发文机关", "issuer", "n031:9"),
    ("发布机构", "issuer", "n001:2"),
    ("发布单位", "issuer", "d08:7"),
    ("发布部门", "issuer", "d34:3"),
    ("发文单位", "issuer", "n018:5"),
    ("发文部门", "issuer", "n131:25"),
    ("发文机构", "issuer", "n231:3"),
    ("制定机关", "issuer", "n002:2"),
    ("颁发部门", "issuer", "n591:6"),
    ("成文日期", "date", "n014:2"),
    ("发文日期", "date", "d27:3"),
    ("发文时间", "date", "n131:26"),
    ("名称", "title", "n001:4"),
    ("标题", "title", "n031:13"),
    ("文件名称", "title", "n483:1"),
    ("索引号", None, "d27:1"),
    ("信息分类", None, "n001:1"),
    ("主题分类", None, "d29:3"),
    ("组配分类", None, "n004:4"),
    ("体裁分类", None, "n120:2"),
    ("生成日期", None, "n001:2"),
    ("发布日期", None, "d08:11"),
    ("发布时间", None, "d12:1"),
    ("公开日期", None, "n104:5"),
    ("生效日期", None, "d08:11"),
    ("实施日期", None, "n601:8"),
    ("颁发时间", None, "n591:10"),  # a placeholder date on the page (1970-08-22), never the 成文日期
    ("是否有效", None, "n001:3"),
    ("有效性", None, "d34:6"),
    ("效力状态", None, "n440:17"),
    ("时效性", None, "n002:7"),
    ("公开方式", None, "d27:1"),
    ("公开范围", None, "d27:2"),
    ("公开时限", None, "d27:2"),
    ("主题词", None, "n106:10"),
    ("关键词", None, "n414:12"),
    ("信息来源", None, "d17:4"),
    ("来源", None, "d06:3"),
    ("所属主题", None, "n122:3"),
    ("公开目录", None, "n483:2"),
    ("公开责任部门", None, "n483:3"),
    ("公开形式", None, "n483:3"),
    ("内容概述", None, "n483:6"),
)
METADATA_KEY_PATTERN = "|".join(
    r"\s*".join(key) for key, _, _ in sorted(METADATA_KEYS, key=lambda row: -len(row[0])))
# One key and its separator: 文号:  发布机构 |  【制定机关】  [ 体裁分类 ] | 公文 |  (a bracketed key closes
# with the bracket it opened with: 【…】 or […]), or a key that ends its line, its value on the line below
# (效力状态 / 有效, n440)
METADATA_KEY = re.compile(
    rf"(?:(?:(?P<lenticular>【)|\[)\s*(?P<bkey>{METADATA_KEY_PATTERN})\s*(?(lenticular)】|\])"
    rf"|(?P<key>{METADATA_KEY_PATTERN})\s*[:|]|(?P<lkey>{METADATA_KEY_PATTERN})\s*$)")
# A key that opens its line with only spaces before its value, in a block of two columns whose second
# key has a colon (n483: 文件名称 石泉县…的通知 / 文号 石政办函〔2021〕12号 成文日期: 2021年04月23日).
# On such a line, later keys may stand between spaces too (d01: 发布机构 区人民政府办公室 文    号 蔡政办〔2023〕1号).
METADATA_KEY_SPACED = re.compile(rf"(?P<skey>{METADATA_KEY_PATTERN})[ \t\u3000]+(?=\S)")
METADATA_KEY_SPACED_LATER = re.compile(rf"(?<=\s)(?P<skey>{METADATA_KEY_PATTERN})[ \t\u3000]+(?=\S)")


# ---- lines of a covering notice (used by structure/envelope)
DOC_NUMBER = re.compile(f"(?P<num>{DOC_NUMBER_TEXT})")  # 粤府〔2021〕22号
DOC_NUMBER_NO_HAO = re.compile(DOC_NUMBER_BODY)
# Words glued before a doc number that are not part of it: …的通知粤府〔…, 文号蔡政办〔…
DOC_NUMBER_BEFORE = ("通知", "》", "介绍", "文号", "字号")
# Label before a doc number in portal metadata: 文号: / 文    号 / 发布文号 | / 政策文号:
DOC_NUMBER_LABEL = re.compile(r"文\s*号\s*[:|]?\s*$")
# A notice-type title: …关于…的通知 / …的意见 / …的函.  The types a covering notice's 关于…的X title ends
# with: each ends with a word of DOC_TYPE_TABLE, whose golden case it shares.
NOTICE_TYPES = ("通知", "实施意见", "若干意见", "意见", "决定", "函", "通报", "批复", "报告", "实施办法", "规定", "公告",
                "通告")
NOTICE_TITLE = re.compile(r"关于[^。\n]{2,150}?的(?:" + "|".join(NOTICE_TYPES) + ")")
# The types that are a covering document by their form: a 通知 is an envelope even with its addressees
# and signature out of the text (n328: title and 文号 only), an 意见 or 方案 with its title alone is not (n219).
COVERING_TITLE_END = re.compile(r"的(?:通知|通报|函|批复)$")
NOTICE_TITLE_END = re.compile(r"的(?:" + "|".join(NOTICE_TYPES) + ")$")
# A 通告 / 公告 that says so (现通告如下, 特此公告): its title line needs no 关于…的 (…交通管制通告, n436).
SELF_ANNOUNCED = re.compile(r"(?:现|特此|现将有关事项)(?P<w>通告|公告)|(?:现将[^。\n]{0,40}?|特此)(?P<w2>通报)(?:如下|。)")
# A government order's title line: 某某市人民政府令(第8号) / 省政府令 第12号
ORDER_TITLE = re.compile(r"[\u4e00-\u9fff]{2,30}令\s*[(]?\s*第\s*[\d〇零一二三四五六七八九十百]+\s*号\s*[)]?")
# The same order as GB/T 9704 sets it: the 令 alone on its line, its number on the next (rule 26):
# 某某市人民政府令 / 第8号.
ORDER_HEAD = re.compile(r"[\u4e00-\u9fff]{2,30}令")
ORDER_NUMBER = re.compile(r"第\s*[\d〇零一二三四五六七八九十百]+\s*号")
# A title line that lost its 的通知 (…关于印发X工作方案) or never had 的 (关于2012年…实施意见).
LOOSE_TITLE = re.compile(rf"(?:^\s*[\u4e00-\u9fff]{{2,30}}?)?关于[^。\n]{{2,150}}?(?:{DOC_TYPE_WORDS})\s*$")
# A title that opens with its organ, no 关于 (山西省人民政府2004年政府工作要点及责任分解, n668:25): an organ, then a
# document-type or title word at its end.
ORGAN_TITLE = re.compile(rf"[\u4e00-\u9fff]{{2,12}}?(?:人民政府|政府|办公厅|办公室|委员会)(?:办公厅|办公室)?"
                         rf"\S{{2,60}}?(?:{DOC_TYPE_WORDS}|{TITLE_WORDS})")
ORGAN_TITLE_CASE = "n668:25"
# What a covering notice says of the document it carries, in its body: (pattern, golden).  Downward
# (现印发给你们 / 现转发) and upward (现随文呈报, a 报告 that submits its plan, rule 21).
TRANSMIT_TABLE: tuple[tuple[str, str | None], ...] = (
    ("印发给你们", "d01:12"),
    ("现印发", "d01:12"),
    ("现转发", "n482:12"),
    ("印发你们", "d04:2"),
    ("印送给你们", None),
    ("予以(?:分解)?印发", "n004:13"),
    ("下达给你们", "n440:23"),
    ("现予(?:公布|发布)", None),
    ("随文呈报|现呈报|现上报|现报送", "n529:2"),
)
TRANSMITS = re.compile("|".join(p for p, _ in TRANSMIT_TABLE))
TITLE_TRANSMITS = re.compile(r"(?:印发|转发|印送|分解落实|分解下达|任务分解|责任分解)")  # 关于分解落实…任务的通知 introduces its task list
# A title line cut after its verb, the transmitted name (关于… too) on the next: 某市人民政府关于印发 / 《关于…的意见》的通知.
TITLE_CUT_AT_VERB = re.compile(r"(?:印发|转发|印送|批转)$")
TITLE_CUT_AT_VERB_CASE = "n332:16"   # 吉林省人民政府关于印发
# 版记: 抄送：区委办，区人大办。 and 印发机关和日期: …办公室 2009年5月14日印发
CC = re.compile(r"抄\s*送\s*:\s*(?P<list>[^。\n]+?)\s*(?:。|\n|$)")
PRINTED_BY = re.compile(r"(?P<org>[\u4e00-\u9fff]{4,30}?(?:办公室|办公厅|政府|委员会|局|厅))\s*" + SIGN_DATE.pattern + r"\s*印发?")
# An attachment named in the body by its number: 《2025年〈政府工作报告〉主要目标分解表》(附件1) (n666:9).
ATTACHMENT_MENTION = re.compile(r"《(?P<x>[^《》\n]{4,80})》\s*\(\s*附件\s*\d{0,2}\s*\)")
ATTACHMENT_MENTION_CASE = "n666:9"
# 附件: and its list (which may start on the next line).
ATTACHMENT = re.compile(r"^\s*附\s*件\s*[:]\s*(?P<list>.*?)\s*$")
# Labels that end with a colon but do not introduce addressees.
NOT_ADDRESSEES = re.compile(
    r"^[\u4e00-\u9fff]{0,4}(?:单位|部门|领导|分工|时限|主题词|抄送|附件|提示|介绍|摘要|来源|标题|目标|原则|要求|如下|措施|任务"
    r"|地址|电话|传真|邮编|邮箱|网址)$|如下$"  # contact labels of a page footer: 单位地址: 联系电话: (n488)
)
# What portals put before a title on its line: 【规范性文件】 / 文档介绍: / 湖政办发〔2017〕33号 / 《.
# That is: a category on its line: a category (【规范性文件】, “党政混合信息公开” and a blank), a label (标题:), a 文号.
TITLE_PREFIX = re.compile(r"\s*(?:【[^】\n]{1,10}】|“[^”\n]{1,10}”(?=\s))?\s*(?:[^:《\s]{1,8}:)?\s*(?:" + DOC_NUMBER.pattern
                          + r")?\s*《?")
# A sentence citing a notice is no title line: 提示:根据2020年12月31日…关于公布…的通知 (n020)
CITATION_LEAD = re.compile(r"\s*(?:根据|依据|按照|遵照|参照)")


