"""Build the .doc fixtures from corpus texts with LibreOffice:  python tests/golden_doc/make_fixtures.py

For each NAME of ``DOCS``: ``tests/golden/NAME.txt`` (UTF-8) -> DOCX (LibreOffice's text import,
one paragraph a line) -> ``NAME.doc`` (LibreOffice's "MS Word 97" filter), written here next to
copies of NAME.txt and NAME.gold.json, so that ``policyparse eval tests/golden_doc --ext .doc``
scores the .doc files against the same gold as their text twins.  The route (text import, Word
97 export) shares no code with the reader, which converts back with ``--convert-to docx``.
Needs ``soffice`` on PATH (Debian: apt-get install libreoffice-writer-nogui).
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLDEN = HERE.parent / "golden"
DOCS = ("wujiang_silk_2021", "d01", "d05", "d10", "d12", "d17", "d23", "d27")


def soffice(args: list[str], profile: Path) -> None:
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", *args],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)


def main() -> None:
    if shutil.which("soffice") is None:
        sys.exit("soffice not found: apt-get install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory() as tmp:
        work, profile = Path(tmp), Path(tmp) / "profile"
        for name in DOCS:
            shutil.copy(GOLDEN / f"{name}.txt", HERE / f"{name}.txt")
            shutil.copy(GOLDEN / f"{name}.gold.json", HERE / f"{name}.gold.json")
            shutil.copy(GOLDEN / f"{name}.txt", work / f"{name}.txt")
            soffice(["--infilter=Text (encoded):UTF8,LF,,,", "--convert-to", "docx:MS Word 2007 XML",
                     "--outdir", str(work / "docx"), str(work / f"{name}.txt")], profile)
            soffice(["--convert-to", "doc:MS Word 97", "--outdir", str(HERE), str(work / "docx" / f"{name}.docx")], profile)
            print(f"wrote {HERE / name}.doc")


if __name__ == "__main__":
    main()
