"""Every PDF fixture scores within 0.02 of its text twin; the sample notice's PDFs score 1.000."""
from pathlib import Path

import pytest

from policyparse.eval.score import evaluate_dir

GOLDEN_PDF = Path(__file__).parent / "golden_pdf"
METRICS = ("outline_f1", "units_f1", "field_acc")


@pytest.fixture(scope="module")
def reports():
    return evaluate_dir(GOLDEN_PDF, ext=".pdf"), evaluate_dir(GOLDEN_PDF, ext=".txt")


def _by_doc(report):
    return {d.name: d for d in report.documents}


def test_every_pdf_has_a_text_twin(reports):
    pdf, txt = reports
    assert sorted(_by_doc(pdf)) == sorted(_by_doc(txt))
    assert len(_by_doc(pdf)) >= 10


def test_pdf_scores_within_002_of_text_twin(reports):
    pdf, txt = (_by_doc(r) for r in reports)
    gaps = []
    for name, doc in pdf.items():
        for metric in METRICS:
            a, b = doc.metrics()[metric], txt[name].metrics()[metric]
            if a is not None and b is not None and abs(a - b) > 0.02:
                gaps.append(f"{name} {metric}: pdf {a:.3f} vs txt {b:.3f}")
    assert not gaps, "\n".join(gaps)


@pytest.mark.parametrize("name", ["wujiang_silk_2021", "wujiang_silk_2021_redhead"])
def test_sample_notice_pdfs_are_perfect(reports, name):
    doc = _by_doc(reports[0])[name]
    assert all(v == 1.0 for k, v in doc.metrics().items() if v is not None), doc.metrics()
