"""Find the data files of ``models/`` (shipped as package data ``policyparse.models``)."""
from __future__ import annotations

import hashlib
import json
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

MODEL_MANIFEST = "manifest.json"


def model_file(name: str) -> Path:
    """Path of a file in models/, installed (wheel or editable) or in a source checkout."""
    try:
        path = Path(str(resources.files("policyparse.models").joinpath(name)))
    except ModuleNotFoundError:  # running from a checkout that was never installed
        path = Path(__file__).resolve().parent.parent / "models" / name
    return path


@cache
def model_record(name: str) -> tuple[str | None, str, str | None]:
    """(version, sha256 of the file, sha256 that models/manifest.json records) of a model file,
    read once per process."""
    entry = manifest().get(name, {})
    sha = hashlib.sha256(model_file(name).read_bytes()).hexdigest()
    return entry.get("version"), sha, entry.get("sha256")


@lru_cache(maxsize=1)
def manifest() -> dict[str, dict[str, str]]:
    """models/manifest.json: version and sha256 of each model file."""
    return json.loads(model_file(MODEL_MANIFEST).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def t2s_map() -> dict[int, str]:
    """Traditional -> simplified characters, loaded once (models/t2s.tsv): the folded view of
    ``normalize`` (with the width folding), and how OCR's two readings are compared
    (``ingest.pdf.ocr_second``)."""
    table: dict[int, str] = {}
    data = model_file("t2s.tsv").read_text(encoding="utf-8")
    for line in data.splitlines():
        if line and not line.startswith("#"):
            trad, simp = line.split("\t")
            table[ord(trad)] = simp
    return table
