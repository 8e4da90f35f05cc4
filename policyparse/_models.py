"""Find the data files of ``models/`` (shipped as package data ``policyparse.models``)."""
from __future__ import annotations

from importlib import resources
from pathlib import Path


def model_file(name: str) -> Path:
    """Path of a file in models/, installed (wheel or editable) or in a source checkout."""
    try:
        path = Path(str(resources.files("policyparse.models").joinpath(name)))
    except ModuleNotFoundError:  # running from a checkout that was never installed
        path = Path(__file__).resolve().parent.parent / "models" / name
    return path
