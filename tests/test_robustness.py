"""The parser must not depend on surface details of the dev corpus: each transformation below
changes how the golden texts look (line ends, indentation, width of punctuation, portal
furniture around them, lines hard-wrapped at a fixed width) but not what a perfect parser extracts, so the scores must stay
within 0.02 of the untouched corpus."""
import json
import sys
from pathlib import Path

import pytest

from policyparse.eval.score import evaluate_dir

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import variants_eval  # noqa: E402  (the one hard-wrap of the tools and the tests)

GOLDEN = Path(__file__).parent / "golden"
TOLERANCE = 0.02
METRICS = ("outline_f1", "units_f1", "role_acc", "field_acc")
HALF_TO_FULL = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）"})
NAV_HEAD = "首页 > 政务公开 > 政策文件\n来源：市人民政府办公室  发布时间：2024-01-05 09:30\n【字体：大 中 小】\n"
NAV_FOOT = "\n【打印本页】【关闭窗口】\n扫一扫在手机打开当前页\n"


def _gold_strings(obj, fn):
    if isinstance(obj, str):
        return fn(obj)
    if isinstance(obj, list):
        return [_gold_strings(x, fn) for x in obj]
    if isinstance(obj, dict):
        return {k: (v if k in ("id", "source", "scope", "path", "truncated") else _gold_strings(v, fn))
                for k, v in obj.items()}
    return obj


def hard_wrap(text: str, width: float = 30) -> str:
    """Every line but table rows cut at ``width`` display cells, as a fixed-width text export or
    a PDF's visual lines would be (a full-width character is one cell, ASCII half)."""
    out = []
    for line in text.split("\n"):
        if "|" in line:
            out.append(line)
            continue
        out.extend(variants_eval.wrap_line(line, width))
    return "\n".join(out)


TRANSFORMS = {
    "crlf": (lambda t, g: t.replace("\n", "\r\n"), None),
    "ideographic_indent": (lambda t, g: "\n".join("\u3000\u3000" + ln if ln.strip() else ln for ln in t.split("\n")), None),
    "full_width_punctuation": (lambda t, g: t.translate(HALF_TO_FULL), lambda s: s.translate(HALF_TO_FULL)),
    "portal_header": (lambda t, g: NAV_HEAD + t, None),
    "portal_footer": (lambda t, g: t if g["truncated"] else t + NAV_FOOT, None),
    "hard_wrapped_30": (lambda t, g: hard_wrap(t, 30), None),
    "hard_wrapped_40": (lambda t, g: hard_wrap(t, 40), None),
}


@pytest.fixture(scope="module")
def baseline():
    return evaluate_dir(GOLDEN).metrics()


@pytest.mark.parametrize("name", sorted(TRANSFORMS))
def test_scores_survive_transformation(tmp_path, baseline, name):
    text_fn, gold_fn = TRANSFORMS[name]
    for gold_path in sorted(GOLDEN.glob("*.gold.json")):
        stem = gold_path.name[: -len(".gold.json")]
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (GOLDEN / f"{stem}.txt").read_text(encoding="utf-8")
        (tmp_path / f"{stem}.txt").write_text(text_fn(text, gold), encoding="utf-8", newline="")
        if gold_fn:
            gold = _gold_strings(gold, gold_fn)
        (tmp_path / gold_path.name).write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    got = evaluate_dir(tmp_path).metrics()
    drops = {m: (baseline[m], got[m]) for m in METRICS if got[m] < baseline[m] - TOLERANCE}
    assert not drops, f"{name}: {drops}"


# Every line break replaced by a space (a copied page that lost them): not a surface detail any
# more -- table rows and the envelope are harder to find -- so floors instead of the tolerance.
RUN_TOGETHER_FLOORS = {"outline_f1": 0.92, "units_f1": 0.92, "role_acc": 0.99, "field_acc": 0.87}


def test_scores_with_lines_run_together(tmp_path):
    for gold_path in sorted(GOLDEN.glob("*.gold.json")):
        stem = gold_path.name[: -len(".gold.json")]
        text = (GOLDEN / f"{stem}.txt").read_text(encoding="utf-8")
        (tmp_path / f"{stem}.txt").write_text(" ".join(text.split("\n")), encoding="utf-8")
        (tmp_path / gold_path.name).write_bytes(gold_path.read_bytes())
    got = evaluate_dir(tmp_path).metrics()
    low = {m: (floor, got[m]) for m, floor in RUN_TOGETHER_FLOORS.items() if got[m] < floor}
    assert not low, low
