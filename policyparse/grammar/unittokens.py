"""The unit-name grammar over jieba tokens (单位名称): token kinds, Matcher patterns, span checks.

Pure data and small functions, no jieba or spaCy import: ``nlp/pipeline.py`` gives every token a kind
(from the lexicon, jieba's dictionary tag and the tables below) and runs the patterns; a match is
kept only when ``valid_span`` accepts its kinds.  A unit is

    start  mid*  end  [ "(" alias ")" [end] ]

    区 / 稳增长 促 发展 工作 / 领导小组        level, names, head
    钱江 / 海关                                    place, head
    各 / 有关 / 单位    市政府 / 各 / 部门          collective: 各/有关 + a collective head
    五台 / 工业园区 ( 湖北工业园 )                        alias in brackets
"""
from __future__ import annotations

import re

# Level words that open (or, for towns, end) a unit name: 区发改委, 市直各单位, 震泽镇.
LEVELS = frozenset("省 市 区 县 州 镇 乡 旗 自治州 特区 自治区 街道 乡镇 县市 区县 县区 市县 "
                   "区级 县级 市级 省级 州级 市直 县直 区直 州直 省直".split())
TOWN_LEVELS = frozenset("镇 乡 街道 特区".split())  # may also end a name: 各县、特区、区人民政府
# Government and party organs used as a prefix or alone: 省政府, 县政府督查室, 市委.
GOV_UNITS = frozenset("省政府 市政府 区政府 县政府 州政府 镇政府 乡政府 市府 省委 市委 区委 县委 州委 国务院".split())
# 各 + a place set: 各区, 各县市, 各地 (a unit alone); 各 / 各级 open a collective name.
# 各区县
EACH_PLACE = re.compile(r"^各(?:地|[省市区县州镇乡]{1,3}|乡镇|街道|街镇|区县|县区|县市|地市)$")
EACH = frozenset({"各", "各级", "各有关", "各相关"})
SET_WORDS = frozenset({"有关", "相关", "直属", "所属", "下属"})
# Heads of a collective name (need 各/有关/a level before them): 各有关单位, 区级相关部门.
COLLECTIVE_HEADS = frozenset("单位 部门 机构 工作部门 事业单位 成员单位 直属机构 厅委 局委 委办局 部门单位 责任单位".split())
# Head words that never make a unit alone (need a prefix): 政府, 办公室 (区政府办公室 is fine).
GENERIC_HEADS = frozenset("政府 人民政府 委员会 办公室 办公厅 管委会 管委 中心 领导小组 专班 工作专班 指挥部 办事处 "
                          "机关 分局 支队 大队 总队 协会 学会 公司 集团 分行 支行".split())
# Words with a unit ending that are not units: 格局, 掌上办, 党代会.
NOT_HEADS = frozenset("格局 布局 当局 结局 大局 全局 掌上办 主办 承办 协办 督办 举办 创办 兴办 申办 帮办 代办 "
                      "党代会 常务会 大会 社会 机会 博览会 展销会 展会 内部 全部 西部 中西部 东部 中部 外部 干部 "
                      "基层 院所 场所 住所 学院 剧院 医院 法院 研究所 会所 城市 小镇 城镇 村镇 集镇 区镇 县镇 部署 网站 门户网站 "
                      "科研院所 城乡 社区 辖区 城区 市区 山区 地区 景区 片区 小区 街区 湾区 "
                      "都市 超市 全市 全区 全县 全省 本市 本区 我市 我区".split())
NOT_HEAD_ENDS = tuple(w for w in NOT_HEADS if len(w) == 2 and w[-1] in "局部会办所院")
# Frame verbs: they end a unit name and start what the unit does (市商务局/会同/市市场监督管理局).
FRAME_VERBS = frozenset("会同 牵头 负责 配合 协助 参加 参与 联合 协同 成立 设立 设在 印发 同意 报送 转发 组织 指导 督促 "
                        "会商 审议 通过 研究 制定 开展 推进 加快 落实 完成 实施 发布 对接 做好 抓好 确保".split())
# Zone words: a head after a name (济宁/高新区, 贵安/新区/管委会) but no unit alone (开发区污水处理厂).
ZONE_WORDS = frozenset("开发区 高新区 经开区 园区 新区 度假区 工业园 工业园区 新城 集聚区 综保区 保税区 风景名胜区 "
                       "示范区 风景区 保护区 管理区 新港区 物流区 物流园 高新园 产业园".split())
# A place name jieba does not know, ending in a level: 茄子河区.
PLACE_LIKE = re.compile(r"^[\u4e00-\u9fff]{2,5}[省市区县州旗]$")
# A unit ending (token text): 财政局, 审改办, 调查队, 经开区, 谢村镇.
HEAD_END = re.compile(r"(?:局|委|办|厅|署|部|处|室|队|站|所|院|班|政府|委员会|管委会|管委|中心|领导小组|专班|指挥部|"
                      r"办事处|海关|集团|公司|总工会|工会|残联|妇联|团委|科协|侨联|协会|分行|支行|联合会|"
                      r"高新区|开发区|经开区|度假区|新区|园区|工业园|新城|风景名胜区|集聚区|综保区|镇|乡|街道)$")
TOWN_END = re.compile(r"(?:镇|乡|街道|高新区|开发区|经开区|度假区|新区|工业园区?|新城|风景名胜区)$")  # 谢村镇, 济宁高新区
# Tokens that follow a government name inside a non-unit compound: 安徽省人民政府网, 区政府工作报告.
FOLLOW_STOP = frozenset("网 网站 门户网站 工作报告".split())
# A document number after the run: 国发〔2015〕23号 (国发 is an issuer code, not a unit).
DOC_NUMBER_AFTER = re.compile(r"\s*[〔\[(]\s*(?:19|20)\d\d")
# jieba dictionary tags of words that may sit inside a unit name.
NOMINAL_TAGS = frozenset("n nz nt ns nr j l vn an ng b nrt nrfg eng".split())
# Single characters that never sit inside a unit name (function words, verbs of the frame).
FUNCTION_CHARS = frozenset("由对将在要把和及与或等的了是为向请报会同按以从于至并也都已被让使给其该本我你他各全一二三四五六七八九十两")
# Tags of words that never sit inside a unit name: prepositions, conjunctions, particles, adverbs …
FUNCTION_TAGS = frozenset("p c u uj ul uz ud ug uv d r m q f t x zg y e o w".split())
INNER_WORDS = frozenset({"以上"})
OPEN, CLOSE, SEP = frozenset("([〔【"), frozenset(")]〕】"), frozenset("、")
CJK_WORD = re.compile(r"^[\u4e00-\u9fff]+$")

START = ("level", "place", "gov", "each", "eachplace", "head", "strong", "town", "name", "set")
MID = ("level", "place", "gov", "set", "each", "head", "strong", "town", "coll", "name", "and", "verb")
END = ("head", "strong", "gov", "coll", "town", "eachplace", "level")
INNER = ("level", "place", "name", "head", "strong", "town", "sep")  # inside brackets: (谢村镇) (市、区、特区)


def token_kind(word: str, tag: str, lexicon_words: frozenset[str]) -> str:
    """The grammar class of one token (first rule that applies)."""
    if word in OPEN or word in CLOSE or word in SEP:
        return "open" if word in OPEN else "close" if word in CLOSE else "sep"
    if word in GOV_UNITS:
        return "gov"
    if word in EACH:
        return "each"
    if EACH_PLACE.match(word):
        return "eachplace"
    if word in LEVELS:
        return "level"
    if word in SET_WORDS:
        return "set"
    if word in COLLECTIVE_HEADS:
        return "coll"
    if word in NOT_HEADS or not CJK_WORD.match(word) or word.endswith(NOT_HEAD_ENDS):
        return "o"  # 格局, 新格局, 东中西部
    return _content_kind(word, tag, lexicon_words)


def _content_kind(word: str, tag: str, lexicon_words: frozenset[str]) -> str:
    if word in FRAME_VERBS:
        return "o"
    if word in GENERIC_HEADS or word in ZONE_WORDS:
        return "head"   # 政府, 管委会, 领导小组, 新区: end a name, never a unit alone
    if word in lexicon_words or tag == "nt":
        return "strong"  # 发改委, 商务部, 财政局: a unit by itself
    if len(word) > 1 and TOWN_END.search(word) and not tag.startswith("v") and tag not in FUNCTION_TAGS:
        return "town"   # 谢村镇 (not 下乡)
    if HEAD_END.search(word) and (len(word) == 1 or tag not in FUNCTION_TAGS):
        return "head"   # 督查室, 调查队, 办 (区审改办 split by jieba)
    if tag == "ns" or PLACE_LIKE.match(word):
        return "place"  # 贵安, 济宁市, 茄子河区
    if word == "和":
        return "and"    # 工业和信息化厅 split by jieba
    if word in INNER_WORDS:
        return "name"   # 各地级/以上/市人民政府
    if len(word) > 1 and tag.startswith("v"):
        return "verb"   # 乡村/振兴/工作领导小组: inside a name only
    if (len(word) > 1 and tag not in FUNCTION_TAGS) or (len(word) == 1 and word not in FUNCTION_CHARS):
        return "name"
    return "o"


def patterns() -> list[list[dict]]:
    """spaCy Matcher patterns over the ``pp_kind`` token extension: bare, aliased, alias-then-head."""
    def k(kinds, op=None):
        d = {"_": {"pp_kind": {"IN": list(kinds)}}}
        return {**d, "OP": op} if op else d
    core = [k(START), k(MID, "*"), k(END)]
    single = [k(END)]
    alias = [k(("open",)), k(INNER, "+"), k(("close",))]
    out = [single, core, single + alias, core + alias, single + alias + [k(END)], core + alias + [k(END)]]
    collective_bracket = [k(("each", "eachplace", "level", "gov")), k(("level", "eachplace")), *alias, k(END)]
    out.append(collective_bracket)  # 各县(市、区、特区)人民政府, 各区(市)县政府
    out.append([k(("eachplace",)), *alias, k(END)])
    return out


def valid_span(kinds: list[str], words: list[str], strong_single: bool, following: str) -> bool:
    """Is a matched token run a unit name?  ``strong_single``: a lone token that names a unit;
    ``following``: the text right after the run."""
    if following.startswith(tuple(FOLLOW_STOP)) or DOC_NUMBER_AFTER.match(following) or len(kinds) > 14:
        return False
    core = [k for k in kinds if k not in ("open", "close", "sep")]
    cwords = [w for w, k in zip(words, kinds) if k not in ("open", "close", "sep")]
    if len(kinds) == 1:
        if kinds[0] == "strong":
            return strong_single and bool(HEAD_END.search(words[0]))  # not 公共财政, 社团组织
        return kinds[0] in ("gov", "eachplace", "town") or words[0] == "特区"
    if not _joins_ok(core, cwords) or (words[-1] == "班" and words[-2] != "专"):
        return False
    if kinds[-1] == "level" and kinds[0] != "eachplace" and (words[-1] not in TOWN_LEVELS or core[-2] not in ("name", "place")):
        return False  # 平望/镇, 各区/县/市; not 区/镇
    if kinds[-1] == "coll" and not set(core) & {"each", "eachplace", "set", "level", "gov"}:
        return False  # 责任单位, 事业单位 alone: generic
    if kinds[0] == "set" and words[0] not in ("直属", "所属"):
        return False  # 有关部门 alone: generic
    if core[0] == "name":
        return _valid_named(core, cwords)
    return not (core[0] == "head" and core[-1] == "head" and len(core) == 2 and len(cwords[-1]) == 1)


def _joins_ok(core: list[str], words: list[str]) -> bool:
    """和 and verbs only inside a name, never right after a complete unit (区财政局/制定 …)."""
    for i, k in enumerate(core):
        after_unit = i == 0 or core[i - 1] in ("strong", "gov", "coll", "town", "head")
        if k == "and" and after_unit:
            return False
        if k == "verb" and after_unit and not (i + 1 < len(core) and core[i + 1] == "head" and len(words[i + 1]) == 1):
            return False  # 区财政局/制定…, but 县政府/督查/室
        if k == "and" and (i + 1 == len(core) or core[i + 1] not in ("name", "place", "verb")):
            return False
    return sum(k == "verb" for k in core) <= 2


def _valid_named(core: list[str], words: list[str]) -> bool:
    """A name without a level prefix: 国家统计局济宁调查队, 纺织服装各省级行业协会, 经开区管委会办."""
    if "each" in core or "and" in core:
        return True  # 纺织服装各省级行业协会, 工业和信息化部
    body = core[:-1] if words[-1] in TOWN_LEVELS else core
    first_level = next((i for i, k in enumerate(body) if k in ("level", "place", "gov")), None)
    if first_level is not None:  # 径向/省工业和信息化厅: the words before a level are not the name …
        zone = words[first_level] == "区" and first_level <= 3 and first_level + 1 < len(words) \
            and words[first_level + 1] in ("管委会", "管委", "管理委员会")
        return zone  # … except a zone name split by jieba: 产业/集聚/区/管委会
    if words[-1] in TOWN_LEVELS:
        return len(core) <= 3  # 平望/镇
    if words[-1] in GENERIC_HEADS and any(w in ZONE_WORDS for w in words[:-1]):
        return True  # 贵/安/新区/管委会, 国家级/开发区/管委
    return core[-1] in ("strong", "town") and len(core) <= 4
