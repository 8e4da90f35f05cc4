"""A document read from PDF, DOCX or HTML parses to the same outline and units as its .txt twin."""
from pathlib import Path

import pytest

import policyparse
from policyparse.schema import walk

HERE = Path(__file__).parent
TWINS = sorted(p for d in ("golden_pdf", "golden_docx", "golden_html") for p in (HERE / d).iterdir()
               if p.suffix in (".pdf", ".docx", ".html") and p.with_suffix(".txt").exists())


def outline(path: Path) -> list[tuple]:
    doc = policyparse.parse(path)
    return [(n.scope, n.path, n.marker, "".join(n.title.split()), tuple((u.name, u.role) for u in n.units))
            for n, _ in walk(doc.sections)]  # titles compared without whitespace (PDF spacing)


@pytest.mark.parametrize("path", TWINS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_same_outline_and_units_as_the_text_twin(path):
    assert outline(path) == outline(path.with_suffix(".txt"))
