"""Envelope words (公文要素): 发文字号, document-type words, portal furniture, signature lines."""
from __future__ import annotations

import re

from policyparse.grammar.unitnames import UNIT_END

# 发文字号: 粤府〔2021〕22号, 津政办规[2023]4号, 黔府办发〔2012〕34号 (folded: 號->号).
DOC_NUMBER_TEXT = r"[\u4e00-\u9fff]{1,10}\s*[〔\[【(]\s*(?:19|20)\d{2}\s*[〕\]】)]\s*\d{1,4}\s*号"
# The last word of a document title: …的通知 / …实施方案 / …任务分解表.
DOC_TYPE_WORDS = "通知|分解表|一览表|通报|意见|决定|办法|规定|细则|方案|计划|要点|清单|报告|批复|函|公告|通告|措施|规划|纲要|条例"
# A sentence end after which a space stands where a line break was (lines run together).
RUN_ON_ENDS = "。;!?:"


# Portal furniture and navigation that is never part of a document (folded text).
BOILERPLATE = re.compile(
    r"""^\s*(?:
        (?:来源|发布(?:时间|日期|机构|单位|部门)|时间|浏览(?:量|次数)|点击数|访问次数|编辑|作者|字号|字体|
           索\s*引\s*号|主题分类|信息来源|更新时间|发表日期|人气|摘要|核心提示|有效性|文档介绍|当前位置|分享到|
           所属分类|责任部门|公开(?:方式|时限|范围)|效力状态|政策文号|发布文号)\s*[:|]   # 来源:… 发布日期:…
      | 当前位置 | 首页 | 今天是 | 扫一扫 | 【\s*(?:打印|关闭|字体)  | 分享到 | [•·>]  # navigation
      | 设为首页 | 加入收藏 | 无障碍 | 长者版 | 智能问答 | 上一篇 | 下一篇 | 相关链接
    )""",
    re.VERBOSE,
)

# A date as signed under a notice: 2021年1月20日 / 二〇〇九年五月十四日.
SIGN_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*"
    r"(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
)


# Organisation names as they stand alone on a signature line (folded).
_ORG_LINE = re.compile(r"^[\u4e00-\u9fff()（）]{3,40}$")


def is_org_line(s: str) -> bool:
    s = s.strip()
    return bool(_ORG_LINE.match(s)) and bool(UNIT_END.search(s))
