"""The output contract: the committed JSON Schema is fresh, output is deterministic and valid."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import policyparse
from policyparse.export.json import schema_json, to_gold, to_json
from policyparse.schema import PolicyDocument

ROOT = Path(__file__).parent.parent
SCHEMA_FILE = ROOT / "models" / "schema.json"
SAMPLE = Path(__file__).parent / "golden" / "wujiang_silk_2021.txt"


def test_committed_schema_is_fresh() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_json(), (
        "models/schema.json is stale: regenerate it with `python tools/build_schema.py` and commit it"
    )


def test_schema_is_sorted_and_ends_with_newline() -> None:
    text = schema_json()
    assert text.endswith("}\n")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def test_same_input_gives_identical_json() -> None:
    assert to_json(policyparse.parse(SAMPLE)) == to_json(policyparse.parse(SAMPLE))


def test_output_does_not_depend_on_hash_seed() -> None:
    """Two processes with different PYTHONHASHSEED (set ordering) print the same bytes."""
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        cmd = [sys.executable, "-m", "policyparse", "parse", str(SAMPLE)]
        outputs.append(subprocess.run(cmd, env=env, capture_output=True, check=True).stdout)
    assert outputs[0] == outputs[1]


def test_output_round_trips_through_the_model() -> None:
    doc = policyparse.parse(SAMPLE)
    text = to_json(doc)
    again = PolicyDocument.model_validate_json(text)
    assert again == doc
    assert to_json(again) == text


def test_output_validates_against_the_committed_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(to_json(policyparse.parse(SAMPLE))), schema)


def test_hand_built_document_validates_against_the_schema(sample_doc) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(to_json(sample_doc)), schema)
    assert PolicyDocument.model_validate_json(to_json(sample_doc)) == sample_doc


def test_to_json_keeps_chinese_and_model_order(sample_doc) -> None:
    text = to_json(sample_doc)
    assert "丝绸行动计划" in text and "\\u" not in text
    assert text.endswith("}\n")
    assert list(json.loads(text)) == list(PolicyDocument.model_fields)
    assert to_json(sample_doc, indent=None).count("\n") == 1


def test_gold_view_has_no_spans(sample_doc) -> None:
    assert "span" not in json.dumps(to_gold(sample_doc))
