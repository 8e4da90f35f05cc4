"""Chinese numerals and dates: 一 … 九十九, 二〇〇九, 2021年1月20日 -> ISO."""
from __future__ import annotations

import re

CN_NUMERALS = "一二三四五六七八九十"  # the numerals of 一、 and （一） markers
_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "0": 0, "O": 0, "o": 0}  # 二00八: 〇 typed as 0 / O


def cn_number(s: str) -> int | None:
    """Chinese numeral (一 … 九十九, also digit-by-digit 二〇〇九) or ASCII digits -> int."""
    s = s.strip()
    if s.isdigit():
        return int(s)
    if not s or any(c not in _CN_DIGIT and c not in "十百" for c in s):
        return None
    if "十" not in s and "百" not in s:
        return int("".join(str(_CN_DIGIT[c]) for c in s))
    total, cur = 0, 0
    for c in s:
        if c == "百":
            total += (cur or 1) * 100
            cur = 0
        elif c == "十":
            total += (cur or 1) * 10
            cur = 0
        else:
            cur = _CN_DIGIT[c]
    return total + cur


def iso_date(m: re.Match[str]) -> str | None:
    y, mo, d = cn_number(m["y"]), cn_number(m["m"]), cn_number(m["d"])
    if y is None or mo is None or d is None or not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


# A deadline as tasks state it (one grammar for unit lists, table cells and bracket lead-ins):
# 6月底前, 2023年底前, 2023年12月底前完成, 年内, 2024年上半年, 第三季度, 长期坚持, 持续推进.
_YEAR = r"(?:(?:19|20)\d{2}\s*年\s*)"
DEADLINE_PERIOD = (
    rf"{_YEAR}?(?:\d{{1,2}}\s*月(?:\s*\d{{1,2}}\s*日)?(?:底|末|中旬|上旬|下旬|初)?|上半年|下半年|第?[一二三四1-4]季度)"
    rf"|{_YEAR}(?:底|末|内)|年底|年内|年末|全年"
    r"|(?:19|20)\d{2}[./-](?:1[0-2]|0?[1-9])(?![\d%])"  # 2021.8, 2021.12: a table's time cell
)
DEADLINE_ONGOING = r"长期|持续|常态化|每[年月季]"
DEADLINE_START = re.compile(rf"(?:{DEADLINE_PERIOD}|{DEADLINE_ONGOING})")
