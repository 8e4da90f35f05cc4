"""The grammar of unit names (单位名称): suffix tables and small helpers shared by stages."""
from __future__ import annotations

import re

from policyparse.grammar.unittokens import ZONE_WORDS

# Endings of a unit name (folded text).  Longest first inside the alternation.
UNIT_SUFFIX = (
    "人民政府|政府|办事处|管委会|管理委员会|委员会|领导小组|工作专班|专班|指挥部|办公室|办公厅|"
    "中心|集团|公司|协会|学会|联合会|总工会|工会|妇联|团委|残联|科协|侨联|"
    "局|委|办|厅|署|部|院|所|站|队|处|科|股|室|馆|会|社|行|关|团|校|台|"
    "单位|部门|机构|街道|镇|乡|村|社区|园区|开发区|新区|高新区|度假区|分局|支行|自治州"
)
UNIT_END = re.compile(rf"(?:{UNIT_SUFFIX})(?:\([^()]*\))?$")
# Words that make a list part a unit wherever they stand: 区人民政府各部门, 市直有关单位.
UNIT_WORD = re.compile(r"政府|部门|单位|机构")


# A collective of places, a unit in a list: 相关盟市, 有关县区, 所在乡镇 (各… is one anyway).
# 各县市区 / 各县(市、区) after 及 too (市直有关部门及各县市区, 国务院相关部门及各地区).
COLLECTIVE_PLACE = re.compile(r"(?:有关|相关|所在|属地|各)(?:省|市|县|区|州|盟|旗|乡|镇|街道|地区)+(?:\([^()]*\))?$")


def ends_like_unit(s: str) -> bool:
    """Does ``s`` end as a unit name does (a unit ending, or a collective of places)?"""
    return bool(UNIT_END.search(s) or COLLECTIVE_PLACE.search(s))


def looks_like_unit(s: str) -> bool:
    """A list part that names a unit: 各… (a collective), a unit ending, a unit word, or a
    collective of places (相关盟市)."""
    return (s.startswith("各") or bool(UNIT_END.search(s)) or bool(UNIT_WORD.search(s))
            or bool(COLLECTIVE_PLACE.search(s)) or bool(ZONE_END.search(s)))


# A list part the unit grammar does not know that may still name a body where its place says so (a
# role-closed bracket, a unit column): Chinese characters only, none of prose's particles (华东服装城, 商贸物流园).
NAME_SHAPED = re.compile(r"(?:(?![的了着把被将对以于其之这该])[\u4e00-\u9fff]){2,12}")


# Level words of a place set: 各县、市、区人民政府 (the parts a list wrote once).
LEVEL = r"(?:自治区|直辖市|特区|自治州|县级市|省|县|市|区|州|盟|旗|乡|镇|街道)"
# 各 carried to one level organ after a 各 set (各盟行政公署、市人民政府 -> 各市人民政府): not to 省, 自治区, 直辖市 or
# 自治州, which name the issuer's own region there (各市、县党委和人民政府,自治区党委 keeps 自治区党委, n523).
SINGLE_LEVEL = r"(?:特区|县|市|区|州|旗|乡|镇|街道)"
# 各 carried over every level word of one run written out (各省、自治区、直辖市人民政府 -> 各自治区人民政府).
RUN_LEVEL = LEVEL
# Town-level words that name a body by themselves (各街道 = the sub-district offices): they take
# a shared government tail (各乡、镇人民政府) but no department's (各街道、市国有公司 stays two units).
TOWN_LEVEL = re.compile(r"^各?(?:乡镇|街道|镇|乡)(?:\([^()]*\))?$")
GOVERNMENT_TAIL = re.compile(r"^(?:人民政府|政府|办事处|党委|党工委)$")
# Zone words (one list: the lexicon's patterns and the token grammar's ZONE_WORDS): 济宁高新区, 贵安新区.
ZONE_WORD = "(?:" + "|".join(sorted(ZONE_WORDS, key=lambda w: (-len(w), w))) + ")"
# A zone named alone stands for its 管委会 in a list (咸宁鄂南大竹海生态风景区, 华彬金桂湖低碳经济示范区, n107).
ZONE_END = re.compile(rf"[\u4e00-\u9fff]{{2,}}{ZONE_WORD}(?:\([^()]*\))?$")

# The province-level places (reference data, not grammar rows): a name that starts with one is placed
# already and inherits no level prefix from its list (省商务厅、河南银保监局 -> 河南银保监局, n328).
PROVINCES = ("北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽",
             "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南",
             "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆", "台湾", "香港", "澳门")
PROVINCE_START = "(?:" + "|".join(PROVINCES) + ")"

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
    ("development_zone", rf"{ZONE_WORD}(?:管委会?|管理委员会)?(?:办公室|办)?$|(?<!城)管委会$"),   # 济宁高新区, 综保区管委, 长白山管委会
    ("town_street", r"(?:镇|乡|街道|办事处|街办)(?:人民政府|政府)?$"),             # 震泽镇, 老街办
    ("court_procuratorate", r"(?:法院|检察院)$"),                                 # 区人民法院
    ("vertical_agency", r"(?:海关|调查队|银保监局|银保监分局|银监局|证监局|保监局)$"),  # 合肥海关, 河南银保监局
    ("government", r"(?:人民政府|政府)(?:办公室|办公厅)?$"),                       # 茄子河区政府
    ("enterprise", r"(?:集团|公司|银行|支行|分行|供电局|(?<!国家)铁路局)$"),       # 区经发集团, 中国银行X支行, 安康供电局
    ("public_institution", r"(?:中心|馆|学校|医院|学院|大学|研究院|研究所|管理处|电视台|报社)$"),  # 县代建中心
    # 自治区党委, 县委 (not 团市委), 省委军民融合办 (a party committee's office)
    ("party_organ", r"(?:党委|党工委|党组)$|(?<!团)[省市县区州旗盟]委$|^(?:自治区|[省市县区州旗盟])委(?!员会)\w{1,12}办$"),
    ("department", r"(?:局|委|办|厅|署|部)$"),                                    # 规划建设局, 招商工作部
    ("other", r"(?:股|科|室|队|会)$"),                                            # 财务科, 执法大队
))


# A second name in brackets: 区委组织部（人才办）, X高新区（Y镇）管委会.
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


# Regular short forms of a whole unit name, expanded in ``canonical`` when the lexicon has no
# entry: (pattern on the folded name, full form, kind).  Only forms whose full name is certain.
# A zone named by its type alone (高新区管委会, 市经济开发区管委会): no full name to give (rule 20).
ZONE_TYPE_ONLY = re.compile(
    r"^(?:省|市|区|县|州|旗)?(?:经济技术开发区|经济开发区|高新技术产业开发区|高新区|经开区|开发区|工业园区|产业园区|园区|新区|示范区"
    r"|综合保税区|保税区)(?:管委会?|管理委员会)$")
SHORT_FORMS: tuple[tuple[re.Pattern[str], str, str], ...] = tuple((re.compile(p), full, kind) for p, full, kind in (
    (r"^(?P<p>[^各]*?)经开区管委会?$", r"\g<p>经济技术开发区管理委员会", "development_zone"),   # 济宁经开区管委会
    (r"^(?P<p>[^各]*?)高新区管委会?$", r"\g<p>高新技术产业开发区管理委员会", "development_zone"),  # 咸宁高新区管委会
    (r"^(?P<p>[^各]{2,}?(?:开发区|园区|新区|示范区))管委会?$", r"\g<p>管理委员会", "development_zone"),  # 临港经济开发区管委会
    (r"^(?P<p>[^各]*?[省市区县州旗])府办$", r"\g<p>人民政府办公室", "government"),              # 区府办
    (r"^(?P<p>[^各]*?[省市区县州旗])政府办$", r"\g<p>人民政府办公室", "government"),            # 县政府办
))


# Golden cases: each row of the tables above -> (ID:LINE, a unit of that line it names), or None
# while no dev-corpus line has one.  tests/test_grammar.py checks them and pins the Nones.
UNIT_SUFFIX_CASES: dict[str, tuple[str, str] | None] = {
    '人民政府': ('d01:10', '乡人民政府'),
    '政府': ('d12:5', '县(市)政府'),
    '办事处': ('d10:8', '街道办事处'),
    '管委会': ('d17:50', '丽水开发区管委会'),
    '管理委员会': ('n117:6', '开发区管理委员会'),
    '委员会': ('n015:4', '忠县发展和改革委员会'),
    '领导小组': ('wujiang_silk_2021:61', '区丝绸产业行动计划工作领导小组'),
    '自治州': ('n321:20', '伊犁哈萨克自治州'),
    '工作专班': None,
    '专班': ('n007:29', '全区经济运行各专班'),
    '指挥部': ('d10:50', '县护城河指挥部'),
    '办公室': ('d35:12', '县政府办公室'),
    '办公厅': ('d14:4', '陕西省人民政府办公厅'),
    '中心': ('d03:25', '区招商服务中心'),
    '集团': ('d02:33', '区经发集团'),
    '公司': ('d03:25', '长乐投资有限公司'),
    '协会': ('d06:7', '纺织服装各省级行业协会'),
    '学会': ('n434:1', '各全省学会'),
    '联合会': ('n404:11', '常州市残疾人联合会'),
    '总工会': ('wujiang_silk_2021:49', '区总工会'),
    '工会': ('wujiang_silk_2021:49', '区总工会'),
    '妇联': ('d27:6', '妇联'),
    '团委': ('n435:1', '各市(杨凌示范区、韩城市)团委'),
    '残联': ('d10:76', '县残联'),
    '科协': ('n434:1', '省直管县(市)科协'),
    '侨联': ('n413:11', '洞头县侨联'),
    '局': ('d01:31', '区发展和改革局'),
    '委': ('d04:7', '发改委'),
    '办': ('d09:3', '区审改办'),
    '厅': ('d06:3', '省工业和信息化厅'),
    '署': ('n317:5', '盟行政公署'),
    '部': ('d05:8', '市委组织部'),
    '院': ('n020:13', '莆田学院'),
    '所': ('n310:5', '各站所'),
    '站': ('n407:4', '内蒙古出入境边防检查总站'),
    '队': ('d05:8', '国家统计局济宁调查队'),
    '处': ('n011:9', '污染物排放总量控制处'),
    '科': ('d26:2', '财务科'),
    '股': ('d15:14', '文化宣传股'),
    '室': ('d15:77', '各股室'),
    '馆': ('d15:15', '文化馆'),
    '会': ('d15:30', '羌研会'),
    '社': ('n448:1', '市供销社'),
    '行': ('d12:5', '中国人民银行浙江省分行'),
    '关': ('d11:20', '合肥海关'),
    '团': ('d02:33', '区经发集团'),
    '校': ('d05:8', '各高等院校'),
    '台': ('n332:1', '前郭尔罗斯蒙古族自治县广播电视台'),
    '单位': ('d15:77', '委属部门单位'),
    '部门': ('d08:15', '各部门'),
    '机构': ('d11:8', '各直属机构'),
    '街道': ('d27:5', '锦城街道'),
    '镇': ('d27:5', '昌化镇'),
    '乡': ('n107:7', '各乡'),
    '村': ('n310:5', '各村'),
    '社区': ('n445:15', '利字街社区'),
    '园区': ('d03:7', '长乐山工业园区'),
    '开发区': ('wujiang_silk_2021:5', '吴江开发区'),
    '新区': ('d05:8', '太白湖新区'),
    '高新区': ('d05:8', '济宁高新区'),
    '度假区': ('wujiang_silk_2021:53', '东太湖度假区'),
    '分局': ('d02:25', '市生态环境局咸安分局'),
    '支行': ('d11:24', '人行合肥中心支行'),
}
ZONE_WORD_CASES: dict[str, tuple[str, str] | None] = {
    '保税区': ('n449:3', '张家港保税区党工委'),
    '园区': ('d03:7', '长乐山工业园区'),
    '工业园': ('d04:1', '湖北工业园'),
    '工业园区': ('d03:7', '长乐山工业园区'),
    '度假区': ('wujiang_silk_2021:53', '东太湖度假区'),
    '开发区': ('wujiang_silk_2021:5', '吴江开发区'),
    '新区': ('d05:8', '太白湖新区'),
    '新城': ('wujiang_silk_2021:53', '太湖新城'),
    '经开区': ('n005:3', '经开区'),
    '综保区': ('d13:7', '综保区管委'),
    '集聚区': ('d35:5', '产业集聚区管委会'),
    '风景名胜区': ('d04:1', '赛里木湖风景名胜区'),
    '高新区': ('d05:8', '济宁高新区'),
    '示范区': ('n107:7', '华彬金桂湖低碳经济示范区'),
    '风景区': ('n107:7', '咸宁鄂南大竹海生态风景区'),
    '保护区': ('n018:11', '保护区'),
    '管理区': ('n205:10', '屈原管理区'),
    '新港区': ('n205:10', '城陵矶新港区'),
    '物流区': ('n107:7', '咸安商贸物流区'),
    '高新园': ('n005:3', '高新园(邹区镇)'),
    '产业园': ('n474:20', '新材料产业园'),
    '物流园': ('n474:20', '商贸物流园'),
}
KIND_CASES: dict[str, tuple[str, str] | None] = {
    'temporary_body': ('d10:50', '县护城河指挥部'),
    'development_zone': ('d17:50', '丽水开发区管委会'),
    'town_street': ('d03:25', '老街办'),
    'court_procuratorate': ('n410:1', '人民檢察院'),
    'vertical_agency': ('d05:8', '国家统计局济宁调查队'),
    'government': ('d12:5', '县(市)政府'),
    'enterprise': ('d02:33', '区经发集团'),
    'public_institution': ('d03:25', '区招商服务中心'),
    'party_organ': ('n523:2', '自治区党委'),
    'department': ('d01:31', '区发展和改革局'),
    'other': ('d15:14', '文化宣传股'),
}
COLLECTIVE_CASES: dict[str, tuple[str, str] | None] = {
    '各': ('d07:9', '各区县市'),
    '有关|相关': ('d02:33', '相关乡镇办'),
    '(?:单位|部门|机构|科室|股室)$': ('d15:77', '委属部门单位'),
    '^(?:区县市|县市区|县区市|区县|县区|县市|市县)[^局委办厅部]{0,4}$': ('d29:18', '区县市月博'),
}


# 及/和/与/并 split two units only where both sides end like unit names: 州委编办及州直相关单位.
JOINER = re.compile(r"[及和与并]")


EACH_SET_MAX = 10  # characters of a 各… set joined after a unit (各人民团体, 各直属机构)


def split_joiners(fold: str, a: int, b: int) -> list[tuple[int, int]]:
    """Spans of ``fold[a:b]`` split at 及/和/与/并 only where both sides end like unit names."""
    for m in JOINER.finditer(fold, a, b):
        left, right = fold[a:m.start()], fold[m.end():b]
        etc = left.endswith("等")  # 省发展改革委、财政厅等和各省级人民政府: the 等 closes the first list
        left = left[:-1] if etc else left
        unit_left = ((UNIT_END.search(left) and len(left) >= 3) or COLLECTIVE_PLACE.search(left)  # 各市及省直有关部门
                     or (len(left) == 1 and UNIT_END.search(left) and right.startswith("各")))  # 省政府各厅、委和各直属机构
        right_unit = ((ends_like_unit(right) and len(right) >= 3) or (etc and BARE_PLACE.match(right))  # …等和各市、县人民政府
                      or (right.startswith("各") and 3 <= len(right) <= EACH_SET_MAX))  # 市政府各委办局及各人民团体 (n660)
        if depth_zero(left) and unit_left and right_unit:
            return [(a, m.start() - etc), *split_joiners(fold, m.end(), b)]
    return [(a, b)]


def depth_zero(s: str) -> bool:
    return sum(s.count(c) for c in OPEN) == sum(s.count(c) for c in CLOSE)


# --- shared parts of one unit list (units/lexicon restores them) ------------------------------
# A part that is only place words, its suffix left to a later part: 各县 / 市 / 县(市) / 各区县市.
BARE_PLACE = re.compile(rf"^(?:各|有关|相关)?{LEVEL}+(?:\([^()]*\))?$")  # 相关市、县政府 too (rule 18)
# The part that carries the shared suffix: 区人民政府, 县(市)政府 -> head + tail.
LEVEL_TAIL = re.compile(rf"^(?P<head>{LEVEL}+(?:\([^()]*\))?)(?P<tail>[^各()]+(?:\([^()]*\))?)$")
SINGLE_HEAD = re.compile(rf"^{RUN_LEVEL}(?:\([^()]*\))?")
# Zone names before one 管委会: 济宁高新区、太白湖新区、济宁经济技术开发区管委会.
ZONE_NAME = re.compile(rf"^[^各]+{ZONE_WORD}(?:\([^()]*\))?$")
ZONE_TAIL = re.compile(rf"^[^各]+{ZONE_WORD}(?:\([^()]*\))?(?P<tail>管委会|管理委员会)(?P<note>\([^()]*\))?$")
# 各 carried forward over bare town words: 各乡镇人民政府、街道办事处 -> 各街道办事处.
EACH_TOWN = re.compile(r"^各(?:乡镇|乡|镇|街道)")
# An organ named by its level alone, or bare, after a 各 set (its places shared): 市人民政府 / 人民政府 / 办事处
LEVEL_ORGAN = re.compile(rf"^{SINGLE_LEVEL}+(?:\([^()]*\))?(?:人民政府|政府|党委|管委会)$")
# A 各 set of places or bodies (各盟行政公署, 各县市区委, 各镇党委), not of kinds (各有关部门, 各大企业).
EACH_SET = re.compile(r"^各(?!有关|相关|大|类|级|部门|单位|直属|委|办|厅|局)")
BARE_ORGAN = re.compile(r"^(?:人民政府|政府|办事处|管委会|党委|党工委)$")
EACH_PLACES = re.compile(r"^各(?P<p>[^各()]{1,6}?(?:\([^()]*\))?)(?:党工委|党委|委|人民政府|政府)$")
BARE_TOWN = re.compile(r"^(?:乡镇|乡|镇|街道)(?:\([^()]*\))?(?:人民政府|政府|办事处)$")
# One bare level word sharing the suffix of a later part in a task's list: 各县、市、区政府 (市 is 市政府);
# unlike BARE_PLACE it takes 省 and 盟 (省、市有关部门) and no 各.
BARE_LEVEL = re.compile(rf"^(?:省|盟|{SINGLE_LEVEL})(?:\([^()]*\))?$")
# A place named bare before the government it shares in a task's list (哈尔滨、黑河、绥芬河市政府, n520): two to
# four characters, no unit ending; and that government: a place, its level word or none, 人民政府/政府.
BARE_PLACE_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
_PLACE = r"(?:(?!人民)[\u4e00-\u9fff]){2,4}?"  # 绥芬河, 抚远 (not 区人民 of 区人民政府)
PLACE_GOVERNMENT = re.compile(rf"{_PLACE}{LEVEL}?(?:人民政府|政府)")
PLACE_TAIL = re.compile(rf"^{_PLACE}(?P<tail>(?P<level>{LEVEL})?(?:人民政府|政府))$")
# A bare generic tail takes the stem of the part before: 市政府有关委、办、局 -> 市政府有关办.
BARE_TAILS = frozenset({"委", "办", "局", "厅", "室", "单位", "部门"})   # 市委各部、委、室 -> 市委各室 (n653)
GENERIC_END = re.compile(r"(?:部门|单位|委|办|局|厅|部|室)$")
SET_WORD = re.compile(r"各|有关|相关")

# A level prefix before a lexicon name: 区 / 蔡甸区 / 区委 / 省政府 / 市府 (not 各区, not 规划).
LEVEL_PREFIX = re.compile(r"^(?:[^各有关相局部办厅委府\s]{0,6}?(?:省|市|县|区|州|旗|盟))(?:委|人民政府|政府|府)?$")
# A bare place before a vertical agency that never takes a level prefix: 合肥海关, 钱江海关.
PLACE_PREFIX = re.compile(r"^[^各有关相局部办厅委府省市县区州\s]{2,4}$")
GOV_TAIL = re.compile(r"(?:人民政府|政府|府)$")
# 市生态环境局咸安分局: a department's branch in a district.
BRANCH = re.compile(r"^(?P<parent>.+?局)(?P<place>[^局]{1,4})分局$")

DEPARTMENT_NAME = r"[\u4e00-\u9fff]{2,8}(?:厅|局)"
# A list's lead names its level even when the lexicon does not know it: 自治区农牧厅, 省X改革委.
PREFIXED_DEPARTMENT = re.compile(r"^(?P<p>自治区|省|市|区|县|州|旗|盟)[\u4e00-\u9fff]{2,8}(?:厅|局|委)$")
# A zone named by its type alone, as a unit cell of a table (2021年11月 | 经开区 |: the county's own zone).
BARE_ZONE = re.compile(rf"^(?:省|市|区|县|州|旗)?{ZONE_WORD}(?:\([^()]*\))?$")
BARE_DEPARTMENT = re.compile(rf"^(?!各|有关|相关|国家|中国|中央|全国|省|市|区|县|州|旗|盟|镇|乡|自治|{PROVINCE_START}){DEPARTMENT_NAME}$")

# Golden cases of the shared-part patterns above: name -> (corpus line, the unit as written there, the
# folded part the pattern reads: the whole unit, or the prefix before a lexicon name).
SHARED_PART_CASES: dict[str, tuple[str, str, str]] = {
    "BARE_PLACE": ("n001:5", "特区", "特区"),
    "LEVEL_TAIL": ("n001:5", "区人民政府", "区人民政府"),
    "SINGLE_HEAD": ("n001:5", "区人民政府", "区人民政府"),
    "ZONE_NAME": ("n003:3", "遼東灣新區", "辽东湾新区"),
    "ZONE_TAIL": ("n001:5", "六盘水高新区管委会", "六盘水高新区管委会"),
    "EACH_TOWN": ("n004:11", "各乡镇人民政府", "各乡镇人民政府"),
    "LEVEL_ORGAN": ("n014:5", "縣(市)人民政府", "县(市)人民政府"),
    "EACH_SET": ("n407:4", "各盟行政公署", "各盟行政公署"),
    "BARE_ORGAN": ("n416:2", "政府", "政府"),
    "EACH_PLACES": ("n002:13", "各区人民政府", "各区人民政府"),
    "BARE_TOWN": ("n006:2", "街道办事处", "街道办事处"),
    "BARE_LEVEL": ("n223:20", "市", "市"),
    "BARE_PLACE_NAME": ("n520:14", "黑河", "黑河"),
    "PLACE_GOVERNMENT": ("n520:14", "綏芬河市政府", "绥芬河市政府"),
    "PLACE_TAIL": ("n520:14", "綏芬河市政府", "绥芬河市政府"),
    "GENERIC_END": ("n202:3", "市政府各委", "市政府各委"),
    "SET_WORD": ("n202:3", "市政府各委", "市政府各委"),
    "LEVEL_PREFIX": ("n007:27", "区发改局", "区"),
    "PLACE_PREFIX": ("d11:20", "合肥海关", "合肥"),
    "GOV_TAIL": ("n202:3", "市政府各委", "市政府"),
    "BRANCH": ("d02:25", "市生态环境局咸安分局", "市生态环境局咸安分局"),
    "PREFIXED_DEPARTMENT": ("n007:27", "区发改局", "区发改局"),
    "BARE_DEPARTMENT": ("n005:3", "人社局", "人社局"),
    "BARE_ZONE": ("n592:12", "经开区", "经开区"),
}
