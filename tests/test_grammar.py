"""Every row of the grammar tables has a golden case: a real line of a named corpus document that
the row must match.  Rows still waiting for a real line are pinned by name, so a new row without
a case fails here."""
from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from policyparse.grammar import envelope as env_grammar
from policyparse.grammar import roles, unitnames, unittokens
from policyparse.grammar.markers import DECIMAL_TABLE, LINE_MARKER_TABLE, MARKER_TABLE
from policyparse.normalize import text_from_string
from policyparse.structure.outline import find_markers

TESTS = Path(__file__).parent
CORPUS_DIRS = [TESTS / "golden", TESTS / "golden_new"]
# No document of the dev corpus has these forms yet (the locked split is not read for cases).
WAITING_FOR_A_REAL_LINE = {("cn_paren", True), ("ar_paren", True)}
LABELS_WAITING = {"lead:主责", "oversight"}   # 主责单位： as a label line; 督办单位：
COLUMNS_WAITING: set[str] = set()

ROWS = [(style, case, False) for style, _, _, case in MARKER_TABLE] + \
       [(style, case, True) for style, _, _, case in LINE_MARKER_TABLE]


def corpus_line(case: str) -> str:
    doc, number = case.split(":")
    path = next((d / f"{doc}.txt" for d in CORPUS_DIRS if (d / f"{doc}.txt").exists()), None)
    assert path is not None, f"{doc}.txt is in none of {[d.name for d in CORPUS_DIRS]}"
    return path.read_text(encoding="utf-8").splitlines()[int(number) - 1]


@pytest.mark.parametrize("style,case,line_only", [r for r in ROWS if r[1]], ids=lambda v: str(v))
def test_marker_row_matches_its_corpus_line(style, case, line_only):
    text = text_from_string(corpus_line(case))
    found = find_markers(text.fold, 0, len(text.fold))
    assert found and found[0].style == style and text.fold[:found[0].start].strip() == "", (case, found[:1])


@pytest.mark.parametrize("style,pattern,case", [(s, p, c) for s, _, p, c in DECIMAL_TABLE], ids=lambda v: str(v)[:12])
def test_decimal_row_matches_its_corpus_line(style, pattern, case):
    line = _fold(case)
    found = re.compile(pattern).match(line, len(line) - len(line.lstrip()))
    assert found, case
    markers = find_markers(line, 0, len(line)) if style == "decimal" else []
    assert style != "decimal" or (markers and markers[0].digits == found["d"]), case


def test_rows_without_a_golden_case_are_the_pinned_ones():
    assert {(style, line_only) for style, case, line_only in ROWS if not case} == WAITING_FOR_A_REAL_LINE


def _fold(case: str) -> str:
    return text_from_string(corpus_line(case)).fold


def _label_name(pattern: str, role: str | None) -> str:
    return f"lead:{pattern[:2]}" if role == "lead" and not pattern.startswith("牵头") else str(role)


@pytest.mark.parametrize("pattern,role,case", [r for r in roles.LABEL_TABLE if r[2]], ids=lambda v: str(v)[:12])
def test_role_label_row_matches_its_corpus_line(pattern, role, case):
    found = re.search(rf"(?:【\s*(?P<b>{pattern})\s*】|(?P<l>{pattern})\s*:)", _fold(case))
    assert found and roles.label_role(found["b"] or found["l"]) == role, case


@pytest.mark.parametrize("pattern,role,case", roles.ROLE_VERB_TABLE, ids=lambda v: str(v)[:12])
def test_role_verb_row_matches_its_corpus_line(pattern, role, case):
    assert re.search(rf"(?:{pattern})(?=\s*(?:[,;。、)]|$))", _fold(case)), case


def test_convention_matches_its_corpus_line():
    assert roles.CONVENTION.search(_fold(roles.CONVENTION_GOLDEN))


@pytest.mark.parametrize("kind,pattern,case", [r for r in roles.COLUMN_TABLE if r[2]], ids=lambda v: str(v)[:12])
def test_column_row_names_a_header_cell_of_its_corpus_line(kind, pattern, case):
    cells = [re.sub(r"\s+", "", c) for c in _fold(case).split("|")]
    kinds = [next((k for k, p in roles.COLUMN_KINDS if p.search(c)), None) for c in cells if c]
    assert kind in kinds, (case, kinds)


def test_role_rows_without_a_golden_case_are_the_pinned_ones():
    assert {_label_name(p, r) for p, r, case in roles.LABEL_TABLE if not case} == LABELS_WAITING
    assert {k for k, _, case in roles.COLUMN_TABLE if not case} == COLUMNS_WAITING
    assert all(case for _, _, case in roles.ROLE_VERB_TABLE)


# --------------------------------------------------------------------------- envelope and unit words

FURNITURE = [(name, rf"(?:{p})(?:\s*[:|]|\s+\S)", case) for name, p, case in env_grammar.FURNITURE_LABELS] + \
            [(name, p, case) for name, p, case in env_grammar.FURNITURE_NAVIGATION]


@pytest.mark.parametrize("word,case", [r for r in env_grammar.DOC_TYPE_TABLE if r[1]], ids=lambda v: str(v))
def test_document_type_word_ends_a_title_part_of_its_corpus_line(word, case):
    assert word in _fold(case), case


@pytest.mark.parametrize("notice_type", env_grammar.NOTICE_TYPES)
def test_notice_type_ends_with_a_document_type_word_of_the_table(notice_type):
    """A 关于…的X notice type is a document-type word or a longer form of one (实施意见 → 意见), so the
    table row's golden case covers it."""
    assert any(notice_type.endswith(word) for word, case in env_grammar.DOC_TYPE_TABLE if case), notice_type


@pytest.mark.parametrize("name,pattern,case", [r for r in FURNITURE if r[2]], ids=lambda v: str(v))
def test_furniture_row_stands_in_a_furniture_line_of_its_corpus(name, pattern, case):
    """Page furniture stands several to a line (`来源:… 浏览次数: 字体:[ ]`, `• 设为首页`): a row's
    case is a real line of page furniture holding it, a line that BOILERPLATE tells by its start."""
    line = _fold(case)
    assert re.search(pattern, line) and env_grammar.BOILERPLATE.match(line), (case, line[:30])


@pytest.mark.parametrize("bracket,case", [(k, v) for k, v in env_grammar.DOC_NUMBER_CASES.items() if v])
def test_doc_number_form_in_its_corpus_line(bracket, case):
    found = re.search(env_grammar.DOC_NUMBER_TEXT, _fold(case))
    assert found and bracket in found.group(0), case


@pytest.mark.parametrize("numerals,case", env_grammar.SIGN_DATE_CASES.items())
def test_sign_date_form_in_its_corpus_line(numerals, case):
    found = env_grammar.SIGN_DATE.search(_fold(case))
    assert found and found["y"].isdigit() == (numerals == "arabic"), case


@pytest.mark.parametrize("case", env_grammar.DIGITS_DATE_CASES)
def test_digits_only_date_form_in_its_corpus_line(case):
    assert env_grammar.digits_date(_fold(case)), case


def test_digits_only_date_readings():
    assert env_grammar.digits_date("2022526") == "2022-05-26"
    assert env_grammar.digits_date("2019116") == "2019-01-16"  # 1-16 before 11-6
    assert env_grammar.digits_date("20211231") == "2021-12-31"
    assert env_grammar.digits_date("2021991") is None and env_grammar.digits_date("12345") is None


def test_a_signature_date_without_its_last_mark_reads_its_corpus_line():
    assert env_grammar.digits_date(_fold(env_grammar.CUT_DATE_CASE)) == "2021-02-22"
    assert env_grammar.digits_date("2021年13月2") is None
    assert env_grammar.digits_date(_fold(env_grammar.NUMERIC_DATE_CASE)) == "2023-06-26"
    assert env_grammar.digits_date("2023.6.26") == env_grammar.digits_date("2023/6/26") == "2023-06-26"


def test_a_doc_number_without_its_closing_bracket_reads_its_corpus_line():
    assert env_grammar.DOC_NUMBER.search(_fold(env_grammar.DOC_NUMBER_CUT_CASE))["num"] == "安〔20231号"


def test_an_attachment_named_in_the_body_reads_its_corpus_line():
    assert env_grammar.ATTACHMENT_MENTION.search(_fold(env_grammar.ATTACHMENT_MENTION_CASE))


def test_an_organs_title_without_guanyu_reads_its_corpus_line():
    assert env_grammar.ORGAN_TITLE.fullmatch(_fold(env_grammar.ORGAN_TITLE_CASE).strip())


def test_the_site_footer_patterns_read_their_corpus_lines():
    assert env_grammar.SITE_FOOTER.search(_fold(env_grammar.SITE_FOOTER_CASE))
    assert env_grammar.FOOTER_CONTACT.search(_fold(env_grammar.FOOTER_CONTACT_CASE))


def test_a_form_attachment_reads_its_corpus_line():
    name = _fold(env_grammar.FORM_ATTACHMENT_CASE).split(":", 1)[1].strip()
    assert env_grammar.FORM_ATTACHMENT.search(name), name


def test_a_title_line_cut_after_its_verb_reads_its_corpus_line():
    assert env_grammar.TITLE_CUT_AT_VERB.search(_fold(env_grammar.TITLE_CUT_AT_VERB_CASE).strip())


def _unit_in_line(case: tuple[str, str]) -> str:
    where, unit = case
    folded = text_from_string(unit).fold
    assert folded in _fold(where), case
    return folded


@pytest.mark.parametrize("suffix,case", [(k, v) for k, v in unitnames.UNIT_SUFFIX_CASES.items() if v])
def test_unit_suffix_ends_a_unit_of_its_corpus_line(suffix, case):
    assert _unit_in_line(case).endswith(suffix), case


@pytest.mark.parametrize("word,case", [(k, v) for k, v in unitnames.ZONE_WORD_CASES.items() if v])
def test_zone_word_in_a_unit_of_its_corpus_line(word, case):
    assert word in _unit_in_line(case), case


@pytest.mark.parametrize("kind,case", [(k, v) for k, v in unitnames.KIND_CASES.items() if v])
def test_kind_ending_names_a_unit_of_its_corpus_line(kind, case):
    pattern = dict(unitnames.KIND_PATTERNS)[kind]
    assert pattern.search(_unit_in_line(case)), case


@pytest.mark.parametrize("pattern,case", [(k, v) for k, v in unitnames.COLLECTIVE_CASES.items() if v])
def test_collective_pattern_names_a_unit_of_its_corpus_line(pattern, case):
    assert re.search(pattern, _unit_in_line(case)), case


@pytest.mark.parametrize("name,case", unitnames.SHARED_PART_CASES.items())
def test_shared_part_pattern_reads_a_unit_of_its_corpus_line(name, case):
    where, unit, part = case
    assert part in _unit_in_line((where, unit)), case
    assert getattr(unitnames, name).search(part), case


def test_every_shared_part_pattern_has_a_case():
    """The patterns of the shared-parts section (from BARE_PLACE on) each have a golden case."""
    source = inspect.getsource(unitnames)
    section = source[source.index("# --- shared parts of one unit list"):]
    compiled = set(re.findall(r"^([A-Z_]+) = re\.compile", section, re.MULTILINE))
    assert compiled == set(unitnames.SHARED_PART_CASES), compiled ^ set(unitnames.SHARED_PART_CASES)


UNIT_LIST_WAITING = {"LEAD_MARK"}   # 市发改委(牵头) / 市发改委*: no dev line yet


@pytest.mark.parametrize("name,case", [(k, v) for k, v in roles.UNIT_LIST_CASES.items() if v])
def test_unit_list_pattern_reads_its_corpus_line(name, case):
    where, part = case
    assert part in _fold(where), case
    assert getattr(roles, name).search(part), case


def test_every_unit_list_pattern_has_a_case_or_waits_where_pinned():
    source = inspect.getsource(roles)
    section = source[source.index("# --- words of a unit list"):source.index("UNIT_LIST_CASES:")]
    compiled = set(re.findall(r"^([A-Z_]+) = re\.compile", section, re.MULTILINE))
    assert compiled == set(roles.UNIT_LIST_CASES), compiled ^ set(roles.UNIT_LIST_CASES)
    assert {k for k, v in roles.UNIT_LIST_CASES.items() if not v} == UNIT_LIST_WAITING


# Rows no dev-corpus line shows yet (checked against the tables, so a new row without a case fails).
WAITING = {
    "document types": set(),
    "furniture": {"相关链接"},
    "doc numbers": set(),
    "unit suffixes": {"工作专班"},
    "zone words": set(),
    "kinds": set(),
}


def test_envelope_and_unit_rows_cover_their_tables_and_wait_only_where_pinned():
    assert set(unitnames.UNIT_SUFFIX_CASES) == set(unitnames.UNIT_SUFFIX.split("|"))
    assert set(unitnames.ZONE_WORD_CASES) == set(unittokens.ZONE_WORDS)
    assert set(unitnames.KIND_CASES) == {k for k, _ in unitnames.KIND_PATTERNS}
    assert set(unitnames.COLLECTIVE_CASES) == {p.pattern for p in unitnames.COLLECTIVE}
    assert {w for w, c in env_grammar.DOC_TYPE_TABLE if not c} == WAITING["document types"]
    assert {n for n, _, c in FURNITURE if not c} == WAITING["furniture"]
    assert {k for k, c in env_grammar.DOC_NUMBER_CASES.items() if not c} == WAITING["doc numbers"]
    assert {k for k, c in unitnames.UNIT_SUFFIX_CASES.items() if not c} == WAITING["unit suffixes"]
    assert {k for k, c in unitnames.ZONE_WORD_CASES.items() if not c} == WAITING["zone words"]
    assert {k for k, c in unitnames.KIND_CASES.items() if not c} == WAITING["kinds"]


@pytest.mark.parametrize("key,field,case", [r for r in env_grammar.METADATA_KEYS if r[2]], ids=lambda v: str(v))
def test_metadata_key_labels_a_value_in_its_corpus_line(key, field, case):
    line = _fold(case)
    found = [re.sub(r"\s+", "", m["key"] or m["bkey"] or m["lkey"]) for m in env_grammar.METADATA_KEY.finditer(line)]
    spaced = env_grammar.METADATA_KEY_SPACED.match(line, len(line) - len(line.lstrip()))  # 文件名称 石泉县…
    assert key in found or (spaced and re.sub(r"\s+", "", spaced["skey"]) == key), case


@pytest.mark.parametrize("pattern,case", [r for r in env_grammar.TRANSMIT_TABLE if r[1]], ids=lambda v: str(v))
def test_transmittal_words_match_their_corpus_line(pattern, case):
    assert re.search(pattern, _fold(case)), case


def test_transmittal_words_waiting_for_a_real_line_are_pinned():
    assert {p for p, c in env_grammar.TRANSMIT_TABLE if not c} == {"印送给你们", "现予(?:公布|发布)"}


def test_metadata_keys_waiting_for_a_real_line_are_pinned():
    assert {k for k, _, c in env_grammar.METADATA_KEYS if not c} == set()


def test_download_line_matches_its_corpus_line():
    assert env_grammar.DOWNLOAD_LINE.search(corpus_line(env_grammar.DOWNLOAD_CASE))
