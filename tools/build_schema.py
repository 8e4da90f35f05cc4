"""Rebuild models/schema.json: the JSON Schema of ``PolicyDocument`` (the output contract).

Source data: ``policyparse/schema.py``.  Sorted keys, indent 2, trailing newline, so the
file only changes when the models do.  Run: ``python tools/build_schema.py``
(tests/test_schema.py fails while the committed file is stale).
"""
from __future__ import annotations

from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "models" / "schema.json"
DIFF_TARGET = TARGET.with_name("diff_schema.json")  # PlanDiff, the change list of ``diff``


def main() -> None:
    from policyparse.export.changes import diff_schema_json
    from policyparse.export.json import schema_json

    TARGET.write_text(schema_json(), encoding="utf-8")
    DIFF_TARGET.write_text(diff_schema_json(), encoding="utf-8")
    print(f"wrote {TARGET} and {DIFF_TARGET}")


if __name__ == "__main__":
    main()
