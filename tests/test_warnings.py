"""The warning catalogue (errors.Warnings): every kind has a catalogued code and a template whose
fields its call sites fill; the output keeps code and message."""
from __future__ import annotations

import string

import pytest

from policyparse.errors import CODES, At, Kind, Warnings, warn

KINDS = {name: kind for name, kind in vars(Warnings).items() if isinstance(kind, Kind)}


@pytest.mark.parametrize("name", sorted(KINDS))
def test_every_kind_has_a_catalogued_code_and_a_template(name):
    kind = KINDS[name]
    assert kind.code in CODES
    fields = {f for _, f, _, _ in string.Formatter().parse(kind.template) if f}
    assert warn(kind, None, **dict.fromkeys(fields, "X")).message.count("X") >= len(fields)


def test_every_code_has_a_kind():
    assert {kind.code for kind in KINDS.values()} == set(CODES)


def test_a_warning_says_which_view_its_span_indexes():
    w = warn(Warnings.NUMBERING_GAP, At("fold", 3, 5), prev=2, num=4)
    assert (w.code, w.message, w.span.view) == ("W201", "numbering jumps from 2 to 4", "fold")
    with pytest.raises(KeyError):
        _ = warn(Warnings.NUMBERING_GAP).message  # a template value left out is a bug, not a blank
