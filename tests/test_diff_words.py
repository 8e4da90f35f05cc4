"""The parts of ``policyparse diff`` that replaced heavy imports (issue 14, cold start): the
word-level diff without a dictionary and the assignment without SciPy; a diff loads neither jieba
nor SciPy."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("rapidfuzz")
np = pytest.importorskip("numpy")

from policyparse.diff.assignment import best_assignment  # noqa: E402
from policyparse.diff.wording import atoms, word_diff  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def shown(old: str, new: str) -> str:
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    return "".join(marks[w.op].format(w.text) for w in word_diff(old, new))


@pytest.mark.parametrize("old, new, expected", [
    # a rewritten phrase is one deletion and one insertion, not 加 强 化 interleaved
    ("加强组织领导", "强化组织领导", "[-加强-]{+强化+}组织领导"),
    # a number with its decimals and sign is one atom
    ("地区生产总值增长5%以上。", "地区生产总值增长5.5%左右。", "地区生产总值增长[-5%以上-]{+5.5%左右+}。"),
    # a kept word between two small changes stays kept
    ("推进重点项目建设", "推动重点项目落地", "推[-进-]{+动+}重点项目[-建设-]{+落地+}"),
    ("开工建设县老年养护楼。", "开工打造县老年养护楼。", "开工[-建设-]{+打造+}县老年养护楼。"),
    # the same words in traditional script, with glosses or a PDF's spaces are unchanged
    ("實施耕地保護與建設行動", "实施耕地保护与建 设行动", "實施耕地保護與建設行動"),
    ("自治區(qū)農(nóng)牧廳", "自治区农牧厅、财政厅", "自治區(qū)農(nóng)牧廳{+、财政厅+}"),
])
def test_word_diff_reads_as_chinese_words(old: str, new: str, expected: str) -> None:
    assert shown(old, new) == expected


def test_word_diff_gives_both_texts_back() -> None:
    old = "规上工业增加值增长12%以上  责任单位:区科技和经信局"
    new = "规上工业增加值增长10%左右。责任单位:区科经局，定期通报进展情况。"
    ops = word_diff(old, new)
    assert "".join(w.text for w in ops if w.op != "insert") == old
    assert "".join(w.text for w in ops if w.op != "delete") == new
    assert all(a.op != b.op for a, b in zip(ops, ops[1:]))  # runs joined
    assert "".join(atoms(old)) == old and atoms("安排 110 亿元發(fā)") == ["安", "排 ", "110 ", "亿", "元", "發(fā)"]


def test_word_diff_is_linear_enough_on_long_texts() -> None:
    old = "加强协调推进工作。" * 800
    new = old.replace("推进", "推动")
    ops = word_diff(old, new)
    assert "".join(w.text for w in ops if w.op != "delete") == new


@pytest.mark.parametrize("seed", range(4))
def test_the_assignment_is_optimal_like_scipys(seed: int) -> None:
    scipy_optimize = pytest.importorskip("scipy.optimize")
    rng = np.random.default_rng(seed)
    for case in range(300):
        rows, cols = (int(x) for x in rng.integers(1, 13, size=2))
        score = [rng.random((rows, cols)), rng.integers(0, 3, (rows, cols)).astype(float),
                 np.round(rng.random((rows, cols)), 1)][case % 3]
        r, c = best_assignment(score)
        sr, sc = scipy_optimize.linear_sum_assignment(score, maximize=True)
        assert len(r) == len(sr) == min(rows, cols) and r == sorted(r)
        assert len(set(r)) == len(r) and len(set(c)) == len(c)
        assert score[r, c].sum() == pytest.approx(score[sr, sc].sum())


def test_the_assignment_of_empty_and_bad_matrices() -> None:
    assert best_assignment(np.zeros((0, 3))) == ([], [])
    assert best_assignment(np.array([[0.2, 0.9], [0.8, 0.1], [0.5, 0.5]])) == ([0, 1], [1, 0])
    with pytest.raises(ValueError):
        best_assignment(np.array([[np.nan]]))


def test_a_diff_loads_neither_jieba_nor_scipy() -> None:
    code = ("import sys, policyparse; "
            "a = policyparse.parse('一、任务\\n1.加强组织领导。（牵头单位：区发改委）\\n2.推进项目建设。（牵头单位：区财政局）\\n'); "
            "b = policyparse.parse('一、任务\\n1.强化组织领导。（牵头单位：区发改委）\\n2.推进项目建设。（牵头单位：区商务局）\\n'); "
            "plan = policyparse.diff(a, b); assert plan.counts['reworded'] == plan.counts['reassigned'] == 1, plan.counts; "
            "assert not {'jieba', 'scipy'} & {m.split('.')[0] for m in sys.modules}, 'heavy import'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
