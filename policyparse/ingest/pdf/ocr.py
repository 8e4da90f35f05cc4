"""OCR of PDF pages without a text layer (the ``ocr`` extra: ``pip install "policyparse[ocr]"``).

A page is rendered with pypdfium2 (by the reader, under ``PDFIUM_LOCK``) at ``DPI``, turned
upright and a two-up sheet cut in two (``ocr_views.py``, each view recognised here); red ink
(seals, red 版头) is whitened, print seen through it kept (``remove_red``); RapidOCR (PP-OCRv4 detection + recognition, ONNX models shipped
in its wheel, no download) gives text lines with quadrilateral boxes, a confidence and the
position of each character (its CTC column).  The page's skew is measured from the boxes' top
edges and undone.  Each line becomes glyphs with the boxes a text layer gives (``ocr_glyphs.py``:
advance cells on the line's character pitch, the page's font sizes, punctuation width and
spaces as measured, line ends on the text column), so that the lines go into the same layout
stage as a text layer (``layout.chars_to_lines`` and on).  Repairs of the recogniser's
confusions are one character for one and grammar-driven: 丶 for 、, 丨 for |, a dot between two
unit names (、) or elsewhere (。), a 发文字号's brackets by their ink (``doc_number_brackets``), a
text table's bars by theirs (``bars``), a closing bracket in its opener's form
(``paired_brackets``), a 、 dropped between two unit names (``list_marks``).  Text the page's
detection missed is read again in crops: in table cells, alone on a line (``reread_missed``),
past a line's end (``end_marks``).  The engine's 0/180 line classifier is not used: the page is
upright already (``ocr_views``), and it turned lines of upright print over.

The engine is created once per process (a batch worker loads the models once).

Over 400 lines: the page's recognition and the repairs that go back to its image (missed
text read again in cells, on lone lines and past line ends; bars, brackets by their ink) share
the deskewed page, the engine and the result-line form; each is a function of its own.
"""
from __future__ import annotations

import importlib.util
import math
import os
import re
import threading
from dataclasses import dataclass

from policyparse.grammar.characters import WIDTH_FOLD
from policyparse.grammar.unitnames import ends_like_unit, looks_like_unit
from policyparse.ingest.pdf import layout as lay
from policyparse.ingest.pdf import ocr_glyphs as og
from policyparse.ingest.pdf import ocr_rulings as rulings
from policyparse.ingest.pdf import ocr_second

DPI = 150  # render resolution: enough for 3号 and 小四 text, and half the time of 200
# What the recogniser confuses on Chinese print: 丶 (U+4E36) for 、; a full stop read as a middle
# dot or degree sign between CJK characters or at a line end; — N — page numbers read with 一 (either side).
OCR_FIXES = (
    (re.compile("丶"), "、"),
    (re.compile(r"(?<=[\u4e00-\u9fff”）)%])[·°](?=[\u4e00-\u9fff“（(]|$)"), lambda m: _dot(m)),
    (re.compile(r"^[一—-](\s*\d{1,3}\s*)[一—-]$"), r"—\1—"),  # 一6— too
    (re.compile("丨"), "|"),  # the radical U+4E28 for a vertical bar (a text table's | cell |)
)
RED_CONTRAST = 5  # grey levels per level of red channel below the seal's red (print seen through a seal)
RED_NOISE = 12  # levels of red channel below the seal's red that are ink density and JPEG noise
# A 发文字号's year in brackets of any kind the recogniser reads for 〔〕 (group 1: the brackets and year).
DOC_NUMBER = re.compile(r"(?<=[\u4e00-\u9fff])([〔【\[［(（]\s*(?:19|20)\d{2}\s*[〕】\]］)）])(?=\s*\d{1,4}\s*[号號])")
BLACK_BRACKET = 0.8  # a bracket with this share of the line's ideographs' ink is a solid 【】
END_MARKS = frozenset("、。，；：,;:）)”")  # marks the detector cuts off a line's end
LEADING_MARKS = frozenset("、，。")  # ... off its start (Word sets 、 at a line's start)
END_ROOM = 0.8  # ems of room a line is recognised again with
END_PIECE = 12  # glyphs of a line's end (start) read again for a mark cut off it
END_PAD = 1.0  # ems of white on either side of such a piece
END_MATCH = 3  # the line's end (start) characters the reading again must agree on beside the mark
BAR_READS = frozenset("|｜1lI」!")  # what the recogniser reads for a vertical bar |
BAR_WIDTH = 0.2  # em: a bar's ink is one stroke no wider than this ...
BAR_HEIGHT = 0.95  # ... and at least this share of the line's ideographs' height (a 1 or l is ~0.8)
BAR_REACH = 1.0  # em either side of a glyph's cell where its bar's ink is looked for
GLYPH_INK = 0.3  # em: a blot this tall or wide is a glyph's ink, not a speck or a neighbour's edge
IDEOGRAPH_INK = 0.9  # em: the height of an ideograph's ink (a line without any: 2 | 3 |)
BAR_BAND = 0.15  # em above and below a line's glyph boxes where a bar's ink is looked for
# Brackets by family (round, square): a closer takes the form of the opener it closes.
CLOSING_OF = {"(": ")", "（": "）", "[": "]", "［": "］", "【": "】", "〔": "〕"}
FAMILY = {**{ch: "round" for ch in "(（)）"}, **{ch: "square" for ch in "[［【〔]］】〕"}}
MIN_SCORE = 0.5  # lines recognised with less confidence are left out
LONE_MAX = 1.5  # ems: the tallest (widest) blot of missed ink read again outside tables (no rule, no picture)
LONE_GAP = 1.0  # ems between two blots of one run of missed ink
LONE_RUN = 6.0  # ems: the longest such run (a row's number, a short word; not a missed paragraph's worth)
LONE_CLEAR = 3.0  # ems beside such a run where no glyph of the page stands (it is a line of its own)
LONE_ROOM = 0.2  # ems of the page around such a run cut out with it
LONE_SCORE = 0.8  # the confidence a missed run must be read with
DASH_MIN, DASH_THICK = 0.5, 0.2  # ems: a blot at least this long and at most this thick is a dash —
ENGINE_MODULE = "rapidocr_onnxruntime"
PIP_LINE = 'pip install "policyparse[ocr]"'
_engine = None
_engine_lock = threading.Lock()


@dataclass(frozen=True)
class OcrPage:
    """What OCR made of one page: glyphs (points, top-down), mean confidence, skew in degrees,
    the cell grids of its ruled tables (``ocr_rulings``, the glyphs' frame), and whether its
    lines were read by the second recogniser too (``ocr_second``)."""

    chars: list[lay.Char]
    confidence: float
    skew: float
    grids: tuple[rulings.Grid, ...] = ()
    second: bool = True


SWITCH = "POLICYPARSE_OCR"  # set to 0 to leave image-only pages unread even with the extra installed


def available() -> bool:
    """The ocr extra is installed."""
    return importlib.util.find_spec(ENGINE_MODULE) is not None


def enabled() -> bool:
    return os.environ.get(SWITCH, "1") != "0" and available()


def hint() -> str:
    """What to do about pages left unread (the end of the no-text-layer error)."""
    if not available():
        return f"OCR them with the ocr extra: {PIP_LINE}"
    if not enabled():
        return f"OCR is switched off ({SWITCH}=0)"
    return "OCR found no text on them"


def engine():
    """The RapidOCR engine of this process (created on first use); its recogniser reads the
    page's lines a second time with PP-OCRv5 where that model is installed (``ocr_second``)."""
    global _engine
    with _engine_lock:
        if _engine is None:
            from rapidocr_onnxruntime import RapidOCR

            _engine = RapidOCR()
            second = ocr_second.recogniser(_engine.text_rec)
            if second is not None:  # the page's lines read by both (traditional characters, tone marks)
                _engine.text_rec = ocr_second.TwoReadings(_engine.text_rec, second)
        return _engine


def remove_red(image):
    """Red and pink ink (seals, red headers) to white, keeping the black print under it.

    Red ink passes red light, so a pixel's red channel shows what lies under the ink: where a
    seal covers paper it is as bright as the seal's own red (the median red pixel), where it
    covers print it is darker.  A red pixel becomes a grey as dark as its red channel is below
    the seal's (RED_CONTRAST times), so strokes seen through the seal stay strokes."""
    import numpy as np

    r = image[:, :, 0].astype(np.int16)
    red = red_mask(image)
    out = image[:, :, :3].copy()
    if red.any():
        seal = int(np.median(r[red]))
        grey = np.clip(255 - RED_CONTRAST * (seal - RED_NOISE - r[red]), 0, 255)
        out[red] = np.where(r[red] < seal - RED_NOISE, grey, 255).astype(np.uint8)[:, None]
    return out


def red_mask(image):
    """The pixels of red and pink ink (a boolean array)."""
    import numpy as np

    rgb = image[:, :, :3].astype(np.int16)
    r, g, b = rgb[:, :, 0], rgb[:, :, 1], rgb[:, :, 2]
    return (r > 120) & (r - g > 50) & (r - b > 40)


def recognise(image, dpi: float) -> OcrPage:
    """OCR one rendered page (an RGB numpy array at ``dpi``).

    The skew comes from the text lines' top edges, refined by the page's long ruling lines
    where it has any (a rule is straight to a pixel, a line box to a CTC column)."""
    cleaned = remove_red(image)
    result, _ = engine()(cleaned, return_word_box=True, use_cls=False)  # upright already (ocr_views)
    found = [line for entry in (result or []) if (line := _entry(entry)) is not None]
    second = isinstance(getattr(engine(), "text_rec", None), ocr_second.TwoReadings)
    if not found:
        return OcrPage([], 0.0, 0.0, second=second)
    centre = (image.shape[1] / 2, image.shape[0] / 2)
    scale = 72.0 / dpi
    angle = skew([(box, text, score) for box, text, score, _ in found])
    em = og.median(og.page_sizes([_deskewed(box, text, points, angle, centre, scale) for box, text, _, points in found]))
    red = red_mask(image)
    ink = rulings.ruling_ink(image, red)
    angle = rulings.rule_skew(ink, angle, centre, em / scale)
    lines = [_deskewed(box, text, points, angle, centre, scale) for box, text, _, points in found]
    sizes = og.page_sizes(lines)
    forms = og.page_forms(lines, sizes)
    glyphs = og.snap_edges([og.vertical_glyphs(line) if og.is_vertical(line) else og.line_glyphs(line, em, forms)
                            for line, em in zip(lines, sizes)])
    meter = _ink_meter(cleaned, angle, centre, dpi)
    grids = rulings.page_grids(ink, angle, centre, dpi, og.median(sizes))
    level = rulings.deskewed(cleaned, angle, centre, fill=255)
    chars = [ch for line in paired_brackets([end_marks(list_marks(bars(doc_number_brackets(line, meter), level, dpi)),
                                                       level, dpi) for line in glyphs]) for ch in line]
    if grids:
        chars = reread_cells(chars, grids, level, dpi)
    chars = reread_missed(chars, grids, level, dpi, rulings.deskewed(red.astype("uint8"), angle, centre))
    return OcrPage(chars, sum(score for _, _, score, _ in found) / len(found), math.degrees(angle), tuple(grids), second)


def reread_cells(chars: list[lay.Char], grids, level, dpi: float) -> list[lay.Char]:
    """Glyphs the page's recognition missed in table cells, recognised in the cell alone.

    The text detector loses a short text standing alone by the rules (the 序号 ``1`` of a
    row, a 单 of a column header set one character a line).  A cell with ink that no glyph
    box covers (``ocr_rulings.missed_ink``) is cut out of the deskewed page (``level``) and
    recognised by itself; its glyphs that stand on that ink are added."""
    added: list[lay.Char] = []
    for box in {box for grid in grids for row in grid for box in row if box is not None}:
        inside = [ch for ch in chars if rulings.centre_in(ch, box)]
        em = og.median([ch.size for ch in inside]) if inside else og.median([ch.size for ch in chars])
        missed = rulings.missed_ink(level, box, inside, dpi, em)
        if missed:
            added += _read_alone(box, inside, missed, level, dpi, em)
    return chars + sorted(added, key=lambda ch: (ch.top, ch.x0))


def reread_missed(chars: list[lay.Char], grids, level, dpi: float, red=None) -> list[lay.Char]:
    """Short texts the page's text detector left out outside any table (a row's number ``4``
    alone on its line, as a table printed one cell a line has it): blots of ink that no glyph
    box comes near (``ocr_rulings.missed_ink`` over the page), no taller than LONE_MAX ems,
    not on red ink (``red``: a seal's mask, deskewed), grouped into runs on one line (LONE_GAP
    em apart at most), each run no longer than LONE_RUN ems and alone on its line (no glyph
    beside it within LONE_CLEAR ems) recognised by itself; its glyphs read with LONE_SCORE
    that stand on that ink are added."""
    if not chars:
        return chars
    em = og.median([ch.size for ch in chars])
    px = dpi / 72.0
    page = (0.0, 0.0, level.shape[1] / px, level.shape[0] / px)
    cells = [box for grid in grids for row in grid for box in row if box is not None]
    blots = [b for b in rulings.missed_ink(level, page, chars, dpi, em)
             if b[3] - b[1] <= LONE_MAX * em and b[2] - b[0] <= LONE_MAX * em
             and not any(box[0] <= (b[0] + b[2]) / 2 < box[2] and box[1] <= (b[1] + b[3]) / 2 < box[3] for box in cells)
             and (red is None or not red[int(b[1] * px):int(b[3] * px) + 1, int(b[0] * px):int(b[2] * px) + 1].any())]
    added: list[lay.Char] = []
    for run in _runs_of(blots, em):
        box = (min(b[0] for b in run), min(b[1] for b in run), max(b[2] for b in run), max(b[3] for b in run))
        clear = LONE_CLEAR * em
        if box[2] - box[0] > LONE_RUN * em or any(
                ch.top < box[3] and box[1] < ch.bottom and ch.x0 < box[2] + clear and box[0] - clear < ch.x1
                for ch in chars if ch.text.strip()):
            continue
        room = rulings.RULE_MAX_PT + LONE_ROOM * em  # cell_image leaves a cell's rules out
        read = _read_alone((box[0] - room, box[1] - room, box[2] + room, box[3] + room), [], run,
                           level, dpi, em, LONE_SCORE)
        if read:  # dashes the detector left out beside what it read (a page number's — 1 —)
            size = og.median([ch.size for ch in read])
            read += [lay.Char("—", b[0], b[2], read[0].top, read[0].bottom, size) for b in run
                     if b[2] - b[0] >= DASH_MIN * size and b[3] - b[1] <= DASH_THICK * size
                     and not any(ch.x0 < b[2] and b[0] < ch.x1 for ch in read)]
        added += read
    return chars + sorted(added, key=lambda ch: (ch.top, ch.x0))


def _runs_of(blots: list, em: float) -> list[list]:
    """Blots grouped into runs: on one line (their middles within half an em) and at most
    LONE_GAP em apart."""
    runs: list[list] = []
    for b in sorted(blots, key=lambda b: b[0]):
        for run in runs:
            last = run[-1]
            if abs((b[1] + b[3]) / 2 - (last[1] + last[3]) / 2) <= em / 2 and b[0] - last[2] <= LONE_GAP * em:
                run.append(b)
                break
        else:
            runs.append([b])
    return runs


def _read_alone(box, inside: list[lay.Char], missed: list, level, dpi: float, em: float,
                min_score: float = MIN_SCORE) -> list[lay.Char]:
    """The glyphs of ``box`` of the deskewed page recognised by itself that stand on the
    ``missed`` ink and on no glyph of ``inside``."""
    scale = 72.0 / dpi
    crop, (ox, oy) = rulings.cell_image(level, box, dpi, em)
    result, _ = engine()(crop, return_word_box=True, use_cls=False)
    found = [line for entry in (result or []) if (line := _entry(entry)) is not None and line[2] >= min_score]
    lines = [_deskewed(b, text, points, 0.0, (0.0, 0.0), scale) for b, text, _, points in _shifted(found, ox, oy)]
    sizes = og.page_sizes(lines) if lines else []
    added = []
    for line, size in zip(lines, sizes):
        glyphs = og.vertical_glyphs(line) if og.is_vertical(line) else og.line_glyphs(line, size)
        added += [ch for ch in glyphs if ch.text.strip() and rulings.on_ink(ch, missed)
                  and not any(rulings.centre_in(ch, (o.x0, o.top, o.x1, o.bottom)) for o in inside)]
    return added


def end_marks(glyphs: list[lay.Char], level, dpi: float) -> list[lay.Char]:
    """A mark the text detector cut off a line's end (学、 / 街道) / a 、 set at a line's start):
    where ink no glyph covers stands just past the line's first or last glyph
    (``ocr_rulings.end_blots``), that end of the line (END_PIECE glyphs) is recognised again
    with the room and a mark it then reads there (END_MARKS), beside the same END_MATCH
    characters of the line's end (start), is added, one em cell.  A piece, not the whole
    line: read in one go, a long line loses a small mark at its end (…区)政府、)."""
    ink = [ch for ch in glyphs if ch.text.strip()]
    if not ink:
        return glyphs
    first, last = ink[0], ink[-1]
    em = first.size
    out = list(glyphs)
    if rulings.end_blots(level, last, dpi, leftwards=False):
        piece = ink[-END_PIECE:]
        read = _read_piece(piece, piece[0].x0, last.x1 + END_ROOM * em, level, dpi)
        if len(read) >= 2 and read[-1] in END_MARKS and _folded(read[:-1]).endswith(_folded(_text(piece))[-END_MATCH:]):
            tail = read[-1]
            out.append(last._replace(text=tail, x0=last.x1, x1=last.x1 + (em if lay.is_wide(tail) else em / 2)))
    if rulings.end_blots(level, first, dpi, leftwards=True):
        piece = ink[:END_PIECE]
        read = _read_piece(piece, first.x0 - END_ROOM * em, piece[-1].x1, level, dpi)
        if len(read) >= 2 and read[0] in LEADING_MARKS and _folded(read[1:]).startswith(_folded(_text(piece))[:END_MATCH]):
            out.insert(0, first._replace(text=read[0], x0=first.x0 - em, x1=first.x0))
    return out


def _text(glyphs: list[lay.Char]) -> str:
    return "".join(ch.text for ch in glyphs)


def _read_piece(piece: list[lay.Char], x0: float, x1: float, level, dpi: float) -> str:
    """The text the recogniser reads in ``x0``..``x1`` of the glyphs' band (spaces left out), on
    END_PAD em of white either side (without it a mark at the crop's end comes and goes)."""
    import numpy as np

    crop = rulings.line_image(level, (x0, min(ch.top for ch in piece), x1, max(ch.bottom for ch in piece)), dpi)
    pad = int(END_PAD * piece[0].size * dpi / 72.0)
    crop = np.pad(crop, ((0, 0), (pad, pad), (0, 0)), constant_values=255)
    result, _ = engine()(crop, use_det=False, use_cls=False, use_rec=True)
    return fix_text(result[0][0]).replace(" ", "") if result else ""


def _folded(text: str) -> str:
    """Text as compared with a line read again: half-width forms, no spaces (the glyphs carry
    the widths measured on the page, a fresh reading the recogniser's own)."""
    return text.translate(WIDTH_FOLD).replace(" ", "")


def _shifted(found: list[tuple], ox: float, oy: float) -> list[tuple]:
    """Result lines of a crop in the page's pixels (the crop's origin at ``ox, oy``)."""
    out = []
    for box, text, score, centres in found:
        box = [(x + ox, y + oy) for x, y in box]
        centres = [(x + ox, y + oy) for x, y in centres] if centres is not None else None
        out.append((box, text, score, centres))
    return out


def _entry(entry) -> tuple | None:
    """(box, text, score, character centres or None) of one result line, text repaired; None
    for a line left out (blank, or recognised with less than MIN_SCORE)."""
    box, text, score = entry[0], entry[1], float(entry[2])
    if score < MIN_SCORE or not text.strip():
        return None
    centres = None
    if len(entry) >= 5 and len(entry[3]) == len(text) and "".join(entry[4]) == text:
        centres = sorted((sum(p[0] for p in quad) / len(quad), sum(p[1] for p in quad) / len(quad)) for quad in entry[3])
    text = fix_text(text)
    stripped = len(text) - len(text.lstrip())
    kept = [k for k in range(stripped, stripped + len(text.strip()))]
    text = text.strip()
    if centres is not None:
        centres = [centres[k] for k in kept]
    return box, text, score, centres


def _deskewed(box, text: str, points, angle: float, centre, scale: float) -> og.OcrLine:
    corners = [rotate(p, -angle, centre) for p in box]
    xs, ys = [p[0] * scale for p in corners], [p[1] * scale for p in corners]
    centres = tuple(rotate(p, -angle, centre)[0] * scale for p in points) if points is not None else None
    return og.OcrLine(text, min(xs), max(xs), min(ys), max(ys), centres)


def _ink_meter(image, angle: float, centre, dpi: float):
    """The share of dark pixels in a glyph's cell (points, deskewed) of the page image."""
    import numpy as np

    grey = image.mean(axis=2) < 128
    scale = dpi / 72.0

    def ink(ch: lay.Char) -> float:
        x, y = rotate(((ch.x0 + ch.x1) / 2 * scale, (ch.top + ch.bottom) / 2 * scale), angle, centre)
        half_w, half_h = (ch.x1 - ch.x0) / 2 * scale, (ch.bottom - ch.top) / 2 * scale
        box = grey[max(0, int(y - half_h)):int(y + half_h) + 1, max(0, int(x - half_w)):int(x + half_w) + 1]
        return float(np.mean(box)) if box.size else 0.0
    return ink


def doc_number_brackets(glyphs: list[lay.Char], ink) -> list[lay.Char]:
    """The year brackets of a 发文字号 (粤府〔2021〕22号) as printed: the recogniser mixes up 〔 【 [
    (〔2023】, 【2023]).  A bracket inked as solidly as the line's ideographs (BLACK_BRACKET of
    their median) is 【】, a thin one 〔〕 when a full em wide, [] when half."""
    text = "".join(ch.text for ch in glyphs)
    found = list(DOC_NUMBER.finditer(text))
    if not found:
        return glyphs
    ideographs = sorted(ink(ch) for ch in glyphs if og.is_ideograph(ch.text))
    if not ideographs:
        return glyphs
    solid = BLACK_BRACKET * ideographs[len(ideographs) // 2]
    out = list(glyphs)
    for match in found:
        for k, closing in ((match.start(1), False), (match.end(1) - 1, True)):
            ch = out[k]
            if ink(ch) >= solid:
                form = "】" if closing else "【"
            elif ch.x1 - ch.x0 >= og.HALF_MAX * ch.size:
                form = "〕" if closing else "〔"
            else:
                form = "]" if closing else "["
            out[k] = ch._replace(text=form)
    return out


def bars(glyphs: list[lay.Char], level, dpi: float) -> list[lay.Char]:
    """A vertical bar ``|`` (the cell rule of a table printed as text: ``序号 | 实事项目 |``) as
    printed: the recogniser reads it as 1, l, 」 and the like.  A glyph read so whose ink is one
    stroke at most BAR_WIDTH of an em wide and as tall as the line's ideographs (BAR_HEIGHT of
    their median ink height; a digit or Latin letter stands a fifth lower) is ``|``."""
    if not any(ch.text in BAR_READS for ch in glyphs):
        return glyphs
    em = og.median([ch.size for ch in glyphs])
    top = min(ch.top for ch in glyphs) - BAR_BAND * em
    bottom = max(ch.bottom for ch in glyphs) + BAR_BAND * em

    def is_bar(k: int) -> bool:
        """Glyph ``k``'s cell holds a thin blot of ink as tall as the line's ideographs (and no
        other ink of a glyph's size), or, where it holds no such ink (the recogniser's position
        of a bar is loose: ``作。 1卫``), one stands within BAR_REACH em of it that no other
        glyph's cell holds.  Blots that run out of the line's band are a table's rules."""
        ch = glyphs[k]
        blots = rulings.blots_in(level, (ch.x0 - BAR_REACH * em, top, ch.x1 + BAR_REACH * em, bottom), dpi, within=True)
        bars = [b for b in blots if b[2] - b[0] <= BAR_WIDTH * em and b[3] - b[1] >= tall]
        own = [b for b in blots if ch.x0 <= (b[0] + b[2]) / 2 < ch.x1 and max(b[2] - b[0], b[3] - b[1]) >= GLYPH_INK * em]
        if own:
            return all(b in bars for b in own)
        return any(not any(o.text.strip() and o.x0 <= (b[0] + b[2]) / 2 < o.x1 for j, o in enumerate(glyphs) if j != k)
                   for b in bars)

    def height(ch: lay.Char) -> float | None:
        """The height of all the ink in the glyph's box (an ideograph is several blots)."""
        blots = rulings.blots_in(level, (ch.x0, ch.top, ch.x1, ch.bottom), dpi)
        return max(b[3] for b in blots) - min(b[1] for b in blots) if blots else None

    heights = [h for ch in glyphs if og.is_ideograph(ch.text) and (h := height(ch)) is not None]
    tall = BAR_HEIGHT * (og.median(heights) if heights else IDEOGRAPH_INK * em)
    out = list(glyphs)
    for k, ch in enumerate(glyphs):
        if ch.text in BAR_READS and is_bar(k):
            out[k] = ch._replace(text="|")
    return out


def paired_brackets(lines: list[list[lay.Char]]) -> list[list[lay.Char]]:
    """A closing bracket in the form of the one it closes, of its family (round: ( （; square:
    [ ［ 【 〔), the page's lines in order.  The room a closer has is squeezed where Word sets a
    mark after it (``（盛泽镇）、`` prints ``）`` in half an em, measured half-width), the
    recogniser mixes the square forms (``［区商务局…平望镇]``), and a pair is set in one form."""
    opened: list[str] = []
    out = []
    for glyphs in lines:
        glyphs = list(glyphs)
        for k, ch in enumerate(glyphs):
            if ch.text in CLOSING_OF:
                opened.append(ch.text)
            elif ch.text in FAMILY and opened and FAMILY[opened[-1]] == FAMILY[ch.text]:
                glyphs[k] = ch._replace(text=CLOSING_OF[opened.pop()])
        out.append(glyphs)
    return out


def list_marks(glyphs: list[lay.Char]) -> list[lay.Char]:
    """A 、 the recogniser dropped between two unit names: a space glyph a full em wide (the
    room of a full-width mark) between text that ends as a unit name and text that reads as
    one (the unit grammar) is that 、 (吴江高新区（盛泽镇） 震泽镇)."""
    text = "".join(ch.text for ch in glyphs)
    out = list(glyphs)
    for k, ch in enumerate(glyphs):
        if ch.text != " " or ch.x1 - ch.x0 < og.FULL_MIN * ch.size:
            continue
        before = re.split(r"[，。、；：,;:\s]", text[:k])[-1]
        after = re.split(r"[，。、；：,;:\s]", text[k + 1:])[0]
        if before and after and ends_like_unit(before.translate(WIDTH_FOLD)) and looks_like_unit(after):
            out[k] = ch._replace(text="、")
    return out


def _dot(match: re.Match) -> str:
    """A dot the recogniser saw between CJK characters: 、 between two unit names (the unit
    grammar: 省政府各部门·各直属机构), else 。 (a full stop read small)."""
    text, at = match.string, match.start()
    before = re.split(r"[，。、；：,;:\s]", text[:at])[-1]
    after = re.split(r"[，。、；：,;:\s]", text[at + 1:])[0]
    units = before and after and ends_like_unit(before.translate(WIDTH_FOLD)) and looks_like_unit(after.translate(WIDTH_FOLD))
    return "、" if units else "。"


def fix_text(text: str) -> str:
    """The recogniser's confusions repaired, one character for one (positions stay)."""
    for pattern, replacement in OCR_FIXES:
        text = pattern.sub(replacement, text)
    return text


def skew(lines) -> float:
    """The page's rotation (radians): the median slope of the long lines' top edges."""
    slopes = sorted(math.atan2(box[1][1] - box[0][1], box[1][0] - box[0][0])
                    for box, text, _ in lines if len(text) >= 6 and box[1][0] - box[0][0] > 0)
    return slopes[len(slopes) // 2] if slopes else 0.0


def rotate(point, angle: float, centre: tuple[float, float]) -> tuple[float, float]:
    x, y = point[0] - centre[0], point[1] - centre[1]
    cos, sin = math.cos(angle), math.sin(angle)
    return centre[0] + x * cos - y * sin, centre[1] + x * sin + y * cos


def split_line(text: str, points, scale: float) -> list[lay.Char]:
    """Per-glyph boxes for a line box without character positions: split by advances."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    line = og.OcrLine(text, min(xs) * scale, max(xs) * scale, min(ys) * scale, max(ys) * scale)
    units = sum(1.0 if lay.is_wide(ch) else 0.5 for ch in text) or 1.0
    height = line.bottom - line.top
    size = min(height * 0.92, (line.x1 - line.x0) / units * 1.15) if units >= 4 else height * 0.92
    return og.even_split(line, size)
