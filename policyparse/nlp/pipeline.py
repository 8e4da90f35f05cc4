"""Running text (opt-in NLP stage): units named in an item's text, role clauses, task keywords.

    PolicyDocument -> PolicyDocument   (``annotate_document``; pure, returns a new document)

Models load lazily, once per process, never at import (``Options(nlp=True)`` imports this module):
  * one ``jieba.Tokenizer`` instance with the unit lexicon ``models/jieba_user.txt`` loaded on it
    (never the global ``jieba.dt``; no ``add_word``), its cache in the user cache folder;
  * a blank spaCy ``zh`` pipeline whose tokenizer wraps that instance (``Tokenizer.tokenize`` spans
    -> ``Doc(vocab, words, spaces)``, so character offsets are the text's), and a ``unit_ruler``
    component: the unit-name grammar of ``unitgrammar.py`` as Matcher patterns, label ``ORG_UNIT``;
  * a jieba TF-IDF keyword extractor wired to the same instance.
Everything runs on the folded view of a node's text (``normalize``); spans map back to raw offsets.
"""
from __future__ import annotations

import logging
import os
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jieba
import jieba.posseg
import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans

from policyparse._models import model_file
from policyparse.assemble import models_meta
from policyparse.grammar import unittokens as unitgrammar
from policyparse.grammar.roles import ROLE_VERBS
from policyparse.normalize import Text, text_from_string
from policyparse.schema import Mention, Node, PolicyDocument, Span, Unit
from policyparse.units.lexicon import describe_units, lexicon

ENTITY_LABEL = "ORG_UNIT"
USER_DICT = "jieba_user.txt"
KEYWORDS = 5
# Words too common in policy texts to tell one task from another (keyword stop list).
KEYWORD_STOP = frozenset("加强 推进 推动 加快 积极 进一步 开展 提升 实施 工作 发展 建设 支持 完善 强化 落实 做好 "
                         "鼓励 促进 深入 全面 有关 相关 单位 部门 责任 牵头 配合 负责 提高 坚持 统筹 确保".split())
KEYWORD_POS = ("n", "nz", "vn", "v", "l", "j", "an")
# The role clause of a sentence, units replaced by U: 由U牵头 | U、U配合 | U按职责分工负责.
_VERBS = "|".join(f"(?P<v{i}>{p})" for i, (p, _) in enumerate(ROLE_VERBS))
ROLE_CLAUSE = re.compile(rf"^(?:由|请)?U(?:[、和及与]U)*(?:等(?:有关|相关)?(?:部门|单位)?)?(?:{_VERBS})(?:实施|推进)?$")
CLAUSE_SEP = re.compile(r"[,;]")  # folded text: ，；-> , ;
SENTENCE_BREAK = re.compile(r"[。!?\n]")

logging.getLogger(__name__).addHandler(logging.NullHandler())


# --- loading (once per process) -----------------------------------------------------------

@lru_cache(maxsize=1)
def jieba_tokenizer() -> jieba.Tokenizer:
    """Our own jieba instance with the unit lexicon loaded; quiet, cache outside site-packages."""
    _silence_jieba()
    tok = jieba.Tokenizer()
    tok.tmp_dir = str(_cache_dir())
    with model_file(USER_DICT).open("rb") as f:  # jieba leaves a path it opens unclosed
        tok.load_userdict(f)
    return tok


@lru_cache(maxsize=1)
def pos_tokenizer() -> jieba.posseg.POSTokenizer:
    """jieba's POS tagger over our instance (word tags from the dictionary and the lexicon)."""
    pos = jieba.posseg.POSTokenizer(jieba_tokenizer())
    pos.makesure_userdict_loaded()
    return pos


@lru_cache(maxsize=1)
def pipeline() -> Language:
    """Blank ``zh`` spaCy pipeline: our jieba tokenizer + the ``unit_ruler`` component."""
    nlp = spacy.blank("zh")
    nlp.tokenizer = JiebaTokenizer(nlp.vocab)
    nlp.add_pipe("policyparse_unit_ruler", name="unit_ruler")
    return nlp


@lru_cache(maxsize=1)
def keyword_extractor():
    """jieba's TF-IDF extractor with our instance as tokenizer and POS tokenizer (never ``jieba.dt``)."""
    from jieba.analyse.tfidf import TFIDF

    ext = TFIDF()
    ext.tokenizer = jieba_tokenizer()
    ext.postokenizer = pos_tokenizer()
    ext.stop_words = ext.stop_words | KEYWORD_STOP
    return ext


def _silence_jieba() -> None:
    """jieba logs to stderr through its own handler: drop it (the library never prints)."""
    for handler in list(jieba.default_logger.handlers):
        if isinstance(handler, logging.StreamHandler):
            jieba.default_logger.removeHandler(handler)
    jieba.default_logger.addHandler(logging.NullHandler())


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(base) / "policyparse"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:  # read-only home: jieba then rebuilds its prefix dictionary each time
        return Path(os.environ.get("TMPDIR", "/tmp"))
    return path


class JiebaTokenizer:
    """spaCy tokenizer over our jieba instance: one token per ``Tokenizer.tokenize`` span,
    a single space after a word becomes that token's trailing space (so ``doc.text == text``).
    Token tags are the dictionary tags of the words (``nt`` for lexicon names)."""

    def __init__(self, vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        tags = pos_tokenizer().word_tag_tab
        words: list[str] = []
        spaces: list[bool] = []
        for word in _split_frame_verbs(jieba_tokenizer().tokenize(text, HMM=False)):
            if word == " " and words and not spaces[-1]:
                spaces[-1] = True
                continue
            words.append(word)
            spaces.append(False)
        return Doc(self.vocab, words=words, spaces=spaces, tags=[tags.get(w, "x") for w in words])


def _split_frame_verbs(tokens):
    """Words of the dictionary that glue a frame verb to a level: 会同县 -> 会同 县 (…财政局会同县人社局)."""
    for word, _, _ in tokens:
        if len(word) > 2 and word[:-1] in unitgrammar.FRAME_VERBS and word[-1] in unitgrammar.LEVELS:
            yield word[:-1]
            yield word[-1]
        else:
            yield word


# --- the unit ruler ---------------------------------------------------------------------------

if not Token.has_extension("pp_kind"):
    Token.set_extension("pp_kind", default="o")


@Language.factory("policyparse_unit_ruler")
def make_unit_ruler(nlp: Language, name: str) -> UnitRuler:
    return UnitRuler(nlp.vocab)


class UnitRuler:
    """Units by rule: token kinds from the lexicon and jieba tags, the grammar's Matcher patterns,
    each match checked by ``unitgrammar.valid_span``, then the longest non-overlapping ones."""

    def __init__(self, vocab) -> None:
        self.matcher = Matcher(vocab)
        self.matcher.add(ENTITY_LABEL, unitgrammar.patterns())
        self.words = lexicon_words()

    def __call__(self, doc: Doc) -> Doc:
        for tok in doc:
            tok._.pp_kind = unitgrammar.token_kind(tok.text, tok.tag_, self.words)
        spans = [doc[a:b] for _, a, b in self.matcher(doc)]
        keep = [SpacySpan(doc, s.start, s.end, label=ENTITY_LABEL) for s in spans if self._valid(doc, s)]
        doc.ents = filter_spans(keep)
        return doc

    def _valid(self, doc: Doc, span: SpacySpan) -> bool:
        kinds = [t._.pp_kind for t in span]
        words = [t.text for t in span]
        following = doc.text[span.end_char:span.end_char + 6]
        strong = words[0] in self.words or span[0].tag_ == "nt"
        return unitgrammar.valid_span(kinds, words, strong, following)


@lru_cache(maxsize=1)
def lexicon_words() -> frozenset[str]:
    """Every lexicon name and full name (models/units.tsv)."""
    lex = lexicon()
    names = {n for n, e in lex.names.items()} | {e.full for e in lex.names.values() if e.full}
    return frozenset(names | {p for p, _, _ in lex.prefixes})


# --- finding units in a text -------------------------------------------------------------------

def unit_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the units named in ``text`` (as written; folded for matching)."""
    folded = text_from_string(text)
    doc = pipeline()(folded.fold)
    return [folded.to_raw(e.start_char, e.end_char) for e in doc.ents]


@dataclass(frozen=True)
class RoleUnit:
    span: tuple[int, int]  # offsets into the text given
    role: str


def role_clause_units(text: str, spans: list[tuple[int, int]]) -> list[RoleUnit]:
    """Units given a role by the clauses that end the text: ``…，由区发改委牵头，区财政局配合。``"""
    folded = text_from_string(text)
    fold = folded.fold.rstrip()
    fold = fold[:-1] if fold.endswith(("。", ".")) else fold
    start = max((m.end() for m in SENTENCE_BREAK.finditer(fold)), default=0)
    fspans = _fold_spans(folded, spans)
    found: list[RoleUnit] = []
    for a, b in reversed(_clauses(fold, start)):
        inside = [s for s in fspans if a <= s[0] and s[1] <= b]
        role = _clause_role(fold, a, b, inside)
        if role is None:
            break
        found[:0] = [RoleUnit(folded.to_raw(*s), role) for s in inside]
    return found


def _clauses(fold: str, start: int) -> list[tuple[int, int]]:
    cuts = [start, *(m.end() for m in CLAUSE_SEP.finditer(fold, start)), len(fold) + 1]
    return [(cuts[i], cuts[i + 1] - 1) for i in range(len(cuts) - 1) if cuts[i + 1] - 1 > cuts[i]]


def _clause_role(fold: str, a: int, b: int, inside: list[tuple[int, int]]) -> str | None:
    if not inside:
        return None
    shape, pos = [], a
    for s, e in inside:
        shape.append(fold[pos:s] + "U")
        pos = e
    shape.append(fold[pos:b])
    m = ROLE_CLAUSE.match("".join(shape).strip())
    if not m:
        return None
    return next(ROLE_VERBS[i][1] for i in range(len(ROLE_VERBS)) if m.group(f"v{i}"))


def _fold_spans(folded: Text, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [_fold_span(folded, s, e) for s, e in spans]


def _fold_span(folded: Text, s: int, e: int) -> tuple[int, int]:
    """Raw span -> fold span (inverse of ``Text.to_raw`` for spans that start and end on characters)."""
    return bisect_left(folded.fold_map, s), bisect_left(folded.fold_map, e)


# --- the document stage ------------------------------------------------------------------------

def annotate_document(doc: PolicyDocument) -> PolicyDocument:
    """A new document with running-text units, mentions and keywords on every node."""
    sections = [annotate_node(doc.text, node) for node in doc.sections]
    meta, warnings = models_meta((USER_DICT,), doc.meta)
    return doc.model_copy(update={"sections": sections, "meta": meta, "warnings": doc.warnings + warnings})


def annotate_node(text: str, node: Node) -> Node:
    """One node (and its children): role-clause units appended, other units as mentions, keywords."""
    offset = node_text_offset(text, node)
    spans = unit_spans(node.text)
    units = list(node.units) + _role_units(node, offset, spans)
    taken = [(u.span.start, u.span.end) for u in units]
    mentions = [_mention(node.text, offset, s) for s in spans if not _overlaps((offset + s[0], offset + s[1]), taken)]
    children = [annotate_node(text, child) for child in node.children]
    return node.model_copy(update={"units": units, "mentions": mentions, "keywords": keywords(node.text, spans),
                                   "children": children})


def node_text_offset(text: str, node: Node) -> int:
    """Where ``node.text`` starts in the document text (it lies inside the node's span)."""
    region = text[node.span.start:node.span.end]
    at = region.find(node.text)
    return node.span.start + max(at, 0)


def _role_units(node: Node, offset: int, spans: list[tuple[int, int]]) -> list[Unit]:
    taken = [(u.span.start, u.span.end) for u in node.units]
    names_taken = {u.name for u in node.units}
    new = [r for r in role_clause_units(node.text, spans)
           if not _overlaps((offset + r.span[0], offset + r.span[1]), taken) and node.text[slice(*r.span)] not in names_taken]
    names = [node.text[r.span[0]:r.span[1]] for r in new]
    return [Unit(name=n, role=r.role, resolved=i.resolved, canonical=i.canonical, alias=i.alias, kind=i.kind,
                 span=Span(start=offset + r.span[0], end=offset + r.span[1]))
            for n, r, i in zip(names, new, describe_units(names))]


def _mention(node_text: str, offset: int, span: tuple[int, int]) -> Mention:
    name = node_text[span[0]:span[1]]
    info = describe_units([name])[0]
    return Mention(name=name, canonical=info.canonical, kind=info.kind, span=Span(start=offset + span[0], end=offset + span[1]))


def _overlaps(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    return any(span[0] < b and a < span[1] for a, b in others)


def keywords(text: str, unit_spans_: list[tuple[int, int]] = (), k: int = KEYWORDS) -> list[str]:
    """Top-k task keywords (jieba TF-IDF over our tokenizer), unit names left out; ties keep text order."""
    chars = list(text)
    for s, e in unit_spans_:
        chars[s:e] = [" "] * (e - s)
    tags = pos_tokenizer().word_tag_tab  # POS from the dictionary: posseg's HMM tagging costs 90% of the stage
    ranked = keyword_extractor().extract_tags("".join(chars), topK=None)
    return [w for w in ranked if tags.get(w, "x") in KEYWORD_POS][:k]
