"""Unit normalisation (单位名称规范化): resolved name, canonical full name, alias and kind.

``describe_units`` takes the surface units of ONE list in the order written (a task's unit
list, the 主送机关 line …) and returns, for each, what trackers key on:

* ``resolved`` — shared parts restored: the group's level prefix inherited by bare names
  (``区发改委、财政局`` -> 区财政局), a suffix the list wrote once distributed back
  (``各县、市、区人民政府`` -> 各县人民政府 …, zones before one ``管委会``), ``各`` carried forward
  over bare town words, and a stem carried over bare generic tails (``市政府有关委、办、局``).
* ``canonical`` — full official name from the lexicon (models/units.tsv), the resolved level
  prefix kept (区发改委 -> 区发展和改革委员会); None when the lexicon does not fix it.
* ``alias`` — the second name of a 区镇合一 / 挂牌 unit (``区委组织部（人才办）`` -> 人才办).
* ``kind`` — party_organ, government, department, town_street, development_zone,
  mass_organisation, court_procuratorate, vertical_agency, enterprise, temporary_body,
  collective_scope, public_institution or other.

Rules match the folded name (simplified script, ASCII brackets, pinyin glosses dropped);
``resolved`` keeps the script as written.  The lexicon is read once per process, on first use.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from policyparse._models import model_file
from policyparse.grammar.unitnames import (
    BARE_DEPARTMENT,
    BARE_ORGAN,
    BARE_PLACE,
    BARE_PLACE_NAME,
    BARE_TAILS,
    BARE_TOWN,
    BRANCH,
    COLLECTIVE,
    EACH_PLACES,
    EACH_SET,
    EACH_TOWN,
    GENERIC_END,
    GOV_TAIL,
    GOVERNMENT_TAIL,
    KIND_PATTERNS,
    LEVEL,
    LEVEL_ORGAN,
    LEVEL_PREFIX,
    LEVEL_TAIL,
    PLACE_GOVERNMENT,
    PLACE_PREFIX,
    PLACE_TAIL,
    PREFIXED_DEPARTMENT,
    SET_WORD,
    SHORT_FORMS,
    SINGLE_HEAD,
    TOWN_LEVEL,
    ZONE_END,
    ZONE_NAME,
    ZONE_TAIL,
    ZONE_TYPE_ONLY,
    ends_like_unit,
    split_alias,
)
from policyparse.normalize import PINYIN_GLOSS, fold_string, name_text

BRACKETED_PART = re.compile(r"\([^()]*\)")
CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
TRAILING_BRACKETS = re.compile(r"(?:\([^()]*\))+$")


# Alias in brackets: 区委组织部（人才办）, 五台工业园区(湖北工业园)管委会.


@dataclass(frozen=True)
class Entry:
    """A lexicon name: full official name (None when not fixed), kind, inherits the group prefix."""

    full: str | None
    kind: str
    inherit: bool


@dataclass(frozen=True)
class Lexicon:
    names: dict[str, Entry]
    prefixes: tuple[tuple[str, str, str], ...]  # (abbreviated lead, full lead, kind), longest first
    longest: int


@dataclass(frozen=True)
class Context:
    """What the document says about where it comes from (optional; no rule needs it yet)."""

    issuer: str | None = None
    place: str | None = None


@dataclass(frozen=True)
class UnitInfo:
    resolved: str
    canonical: str | None
    alias: str | None
    kind: str


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The unit lexicon (models/units.tsv), read once per process."""
    names: dict[str, Entry] = {}
    prefixes = []
    for line in model_file("units.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        typ, name, full, kind, inherit = line.split("\t")
        if typ == "name":
            names[name] = Entry(full or None, kind, inherit == "y")
        else:
            prefixes.append((name, full, kind))
    prefixes.sort(key=lambda p: -len(p[0]))
    return Lexicon(names, tuple(prefixes), max(map(len, names)))


def describe_units(names: list[str], context: Context | None = None, addressees: bool = False) -> list[UnitInfo]:
    """Resolved / canonical / alias / kind of each unit of one list, in order.  In a 主送 line
    (``addressees``) an organ named by its level alone (市人民政府, 盟行政公署: no place) addresses
    every body of that level: a collective_scope."""
    names = [PINYIN_GLOSS.sub("", n) for n in names]  # 市能源(néng)局: the gloss is no part of the name
    restored, scoped = restore_shared_parts(names)
    resolved = inherit_prefixes(restored)
    if addressees:
        scoped = set(scoped) | {i for i, r in enumerate(resolved) if PLACELESS_ORGAN.fullmatch(fold(r))}
    infos = [describe(r, n, i in scoped) for i, (r, n) in enumerate(zip(resolved, names))]
    if addressees:  # a place addressed by its name alone (伊犁哈萨克自治州) is its government
        infos = [replace(i, kind="government") if i.kind == "other" and PLACE_ONLY.fullmatch(fold(i.resolved))
                 and not ZONE_END.search(fold(i.resolved)) else i for i in infos]
    return infos


# A place named alone: 伊犁哈萨克自治州, 海东地区, 绥芬河市 (two characters of name at least)
PLACE_ONLY = re.compile(r"[\u4e00-\u9fff]{2,12}?(?:自治州|自治县|自治旗|地区|州|市|县|区|旗|盟)")
# An organ named by level words only, no place: 市人民政府, 县(市)政府, 盟行政公署, 旗委
PLACELESS_ORGAN = re.compile(rf"{LEVEL}+(?:\([^()]*\))?(?:人民政府|政府|行政公署|党委|委)")


def describe(resolved: str, name: str, scoped: bool = False) -> UnitInfo:
    """One unit, its list context already applied to ``resolved``."""
    folded = fold(resolved)
    if scoped or any(p.search(folded) for p in COLLECTIVE):
        return UnitInfo(resolved, None, None, "collective_scope")
    kind, canonical = classify(squeeze(BRACKETED_PART.sub("", folded)))
    kept = TRAILING_BRACKETS.sub("", folded)
    if canonical and "(" in kept:  # 中韩(长春)国际合作示范区管委会: a bracket inside a name is part of it
        full = classify(kept)[1]
        canonical = full if full and "(" in full else canonical
    return UnitInfo(resolved, canonical, split_alias(name), kind)


def classify(head: str) -> tuple[str, str | None]:
    """(kind, canonical) of a folded name without brackets."""
    for lead, full, kind in lexicon().prefixes:
        if head.startswith(lead):  # 人行合肥中心支行 -> 中国人民银行合肥中心支行
            return kind, full + head[len(lead):]
    branch = BRANCH.match(head)
    if branch and (parent := match_entry(branch["parent"])) and clean_prefix(*parent):
        full = canonical_of(*parent)  # 市生态环境局咸安分局: the parent's full name + 咸安分局
        return parent[1].kind, full and full + branch["place"] + "分局"
    match = match_entry(head)
    known = match is not None and clean_prefix(*match)
    if known and (full := canonical_of(*match)):
        return match[1].kind, full
    if ZONE_TYPE_ONLY.match(head):  # 高新区管委会: a zone by its type alone names no one body
        return "development_zone", None
    for pattern, full, kind in SHORT_FORMS:  # 区府办 -> 区人民政府办公室, 经开区管委会 -> …管理委员会
        if pattern.match(head):
            return kind, pattern.sub(full, head)
    if known:  # a lexicon name whose full name is not fixed (管委会 alone)
        return match[1].kind, None
    return next((k for k, p in KIND_PATTERNS if p.search(head)), "other"), None


def match_entry(head: str) -> tuple[str, Entry] | None:
    """(prefix, entry) for the longest lexicon name that ends ``head``: 区发改委 -> (区, 发改委)."""
    names = lexicon().names
    for n in range(min(len(head), lexicon().longest), 0, -1):
        entry = names.get(head[-n:])
        if entry:
            return head[:-n], entry
    return None


def clean_prefix(prefix: str, entry: Entry) -> bool:
    """Is ``prefix`` a level or place (区, 蔡甸区, 区委, 省政府), so the lexicon name is the unit?"""
    if not prefix or LEVEL_PREFIX.match(prefix):
        return True
    return not entry.inherit and bool(PLACE_PREFIX.match(prefix))


def canonical_of(prefix: str, entry: Entry) -> str | None:
    """Full name with the level prefix kept; 政府 in the prefix spelled 人民政府 (省政府金融办)."""
    if entry.full is None:
        return None
    return GOV_TAIL.sub("人民政府", prefix) + entry.full


# --- shared parts of a list ------------------------------------------------------------------

def restore_shared_parts(names: list[str]) -> tuple[list[str], set[int]]:
    """Names with the parts a list wrote once restored, and the indices that form a 各 set."""
    out, scoped = list(names), set()
    distribute_tails(out, scoped)
    carry_each(out, scoped)
    carry_stems(out)
    return out, scoped


def distribute_tails(out: list[str], scoped: set[int]) -> None:
    """各县、市、区人民政府 -> 各县人民政府 …; 济宁高新区、太白湖新区、济宁经济技术开发区管委会 -> each 管委会."""
    i = 0
    while i < len(out):
        j = run_end(out, i)
        tail = shared_tail(out, i, j)
        if tail:
            for k in range(i, j):
                out[k] += _tail_for(out[k], tail)
            if set_word := SET_LEAD.match(fold(out[i])):
                add_each(out, range(i, j + 1), scoped, surface_head(out[i], set_word.end()))  # 相關 as written
        elif j - i >= 2 and _run_pattern(out, i) is BARE_PLACE and (set_word := SET_LEAD.match(fold(out[i]))):
            add_each(out, range(i, j), scoped, surface_head(out[i], set_word.end()))  # 各区、县级市: no tail, 各 carries
        i = max(j, i + 1)


def _tail_for(part: str, tail: str) -> str:
    """A place name that writes its own level takes the government alone: 绥芬河市、抚远县人民政府 -> 绥芬河市人民政府."""
    own = re.match(LEVEL, fold(tail))
    if own and re.search(f"{LEVEL}$", fold(part)) and not BARE_PLACE.match(fold(part)):
        return tail[len(own.group(0)):]
    return tail


SET_LEAD = re.compile(r"各|有关|相关")  # the word that makes a run of level words a set


def run_end(out: list[str], i: int) -> int:
    """End of the run of bare parts starting at ``i`` (all place words, all zone names, or all place names
    before a place's government: 哈尔滨、黑河、绥芬河市政府)."""
    pattern = _run_pattern(out, i)
    j = i
    while j < len(out) and pattern.fullmatch(fold(out[j])):
        j += 1
    return j


def _run_pattern(out: list[str], i: int) -> re.Pattern[str]:
    head = fold(out[i])
    if BARE_PLACE.match(head):
        return BARE_PLACE
    if ZONE_NAME.match(head):
        return ZONE_NAME
    j = i
    while j < len(out) and BARE_PLACE_NAME.fullmatch(fold(out[j])) and not ends_like_unit(fold(out[j])):
        j += 1
    return BARE_PLACE_NAME if j > i and j < len(out) and PLACE_GOVERNMENT.fullmatch(fold(out[j])) else ZONE_NAME


def shared_tail(out: list[str], i: int, j: int) -> str | None:
    """The suffix (as written) that part ``j`` carries for the bare parts ``i:j``."""
    if j == i or j >= len(out):
        return None
    last = fold(out[j])
    pattern = _run_pattern(out, i)
    m = (LEVEL_TAIL if pattern is BARE_PLACE else PLACE_TAIL if pattern is BARE_PLACE_NAME else ZONE_TAIL).match(last)
    if m and not GOVERNMENT_TAIL.match(m["tail"]) and any(TOWN_LEVEL.match(fold(out[k])) for k in range(i, j)):
        return None  # 各街道、市国有公司: a town-level body takes no department's tail
    if not m:
        return None
    tail = surface_tail(out[j], len(last) - m.start("tail"))
    note = m.groupdict().get("note")  # …示范区管委会(推进办公室): the others share 管委会, not the note
    return surface_head(tail, len(m["tail"])) if note else tail


def add_each(out: list[str], indices: range, scoped: set[int], word: str = "各") -> None:
    """The run's set word (各, or 相关/有关: 相关市、县政府 -> 相关县政府) before each of its parts."""
    for k in indices:
        scoped.add(k)
        if not SET_LEAD.match(fold(out[k])) and SINGLE_HEAD.match(fold(out[k])):
            out[k] = word + out[k]


def carry_each(out: list[str], scoped: set[int]) -> None:
    """各乡镇人民政府、街道办事处 -> 各街道办事处 (each town word after a 各 town set); after a 各
    set, an organ named by its level alone shares the 各 (各盟行政公署、市人民政府 -> 各市人民政府),
    and a bare organ the set's places too (各县市区委、人民政府 -> 各县市区人民政府; 各镇党委、政府)."""
    for i in range(1, len(out)):
        prev, cur = fold(out[i - 1]), fold(out[i])
        if (EACH_TOWN.match(prev) or (i - 1 in scoped and prev.startswith("各"))) and BARE_TOWN.match(cur):
            out[i] = "各" + out[i]
            scoped.add(i)
        elif not EACH_SET.match(prev):
            continue
        elif LEVEL_ORGAN.match(cur):
            out[i] = "各" + out[i]
            scoped.add(i)
        elif BARE_ORGAN.match(cur) and (places := EACH_PLACES.match(prev)):
            out[i] = "各" + places["p"] + out[i]
            scoped.add(i)


def carry_stems(out: list[str]) -> None:
    """市政府有关委、办、局 -> 市政府有关办, 市政府有关局; 市政府各部门、单位 -> 市政府各单位; 市各委、办、局(公司)
    -> 市各局(公司)."""
    for i in range(1, len(out)):
        prev = fold(out[i - 1])
        end = GENERIC_END.search(prev)
        if TRAILING_BRACKETS.sub("", fold(out[i])) in BARE_TAILS and end and SET_WORD.search(prev):
            out[i] = surface_head(out[i - 1], end.start()) + out[i]  # also 局(公司): its note in brackets kept


# --- the level prefix of a group -------------------------------------------------------------

# A department's name not in the lexicon, bare (能源局, 环保厅) or after a level (自治区农牧厅).
def inherit_prefixes(names: list[str]) -> list[str]:
    """区发改委、财政局 -> 区财政局: bare lexicon names take the last level prefix of the list."""
    out, group = [], None
    for name in names:
        head = BRACKETED_PART.sub("", fold(name))
        tight = squeeze(head)  # 自治 区农牧厅: the space a wrap left is no part of the name
        match = match_entry(tight)
        if match and match[0] and LEVEL_PREFIX.match(match[0]):
            group = surface_head(squeeze(name), len(match[0]))
        elif not match and (prefixed := PREFIXED_DEPARTMENT.match(tight)):
            group = surface_head(squeeze(name), len(prefixed["p"]))  # 自治区农牧厅 (not in the lexicon) leads the list too
        elif match and not match[0] and match[1].inherit and group and head == fold(name):
            name = adapt_prefix(group, match[1].kind) + name
        elif (not match or (match[0] and not clean_prefix(*match))) and group and head == fold(name) \
                and BARE_DEPARTMENT.match(head) and not PLACE_PREFIX.match(head):
            name = adapt_prefix(group, "department") + name  # 省发改委、能源局 -> 省能源局; 市工信委、城乡建设局 -> 市城乡建设局
        out.append(name)
    return out


def adapt_prefix(group: str, kind: str) -> str:
    """The group prefix as a bare name takes it: 区委 for a party organ, else 区 (区委/省政府 -> 区/省)."""
    folded = fold(group)
    gov = GOV_TAIL.search(folded)
    if gov:
        group, folded = surface_head(group, gov.start()), folded[:gov.start()]
    if kind == "party_organ":
        return group if folded.endswith("委") else group + "委"
    return surface_head(group, len(folded) - 1) if folded.endswith("委") else group


# --- alias and text helpers ------------------------------------------------------------------



def squeeze(s: str) -> str:
    """A name without the spaces a wrapped line or cell left between two ideographs (自治 区农牧厅)."""
    return CJK_GAP.sub("", s)


def fold(s: str) -> str:
    """Matching view of a name: simplified script, ASCII brackets, pinyin glosses dropped."""
    return fold_string(s)


def surface_head(s: str, n: int) -> str:
    """The part of ``s`` as written behind its first ``n`` folded characters."""
    text = name_text(s)
    return s if n >= len(text.fold) else s[:text.fold_map[n]]


def surface_tail(s: str, n: int) -> str:
    """The part of ``s`` as written behind its last ``n`` folded characters."""
    text = name_text(s)
    return s[text.fold_map[len(text.fold) - n]:]
