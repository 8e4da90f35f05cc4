"""Word 97-2003 ``.doc`` and WPS ``.wps`` (OLE2 compound files): converted to DOCX by LibreOffice,
then read by the DOCX reader.

``soffice --headless --convert-to docx`` runs in a temporary folder of its own, with its own
user profile (``-env:UserInstallation``) so that parallel conversions (batch workers) do not
share LibreOffice's profile lock, and within ``CONVERT_TIMEOUT`` seconds (the whole process
group is killed after that).  Without LibreOffice on PATH the error says how to install it.
LibreOffice cannot write ``.wps``, so the project has no ``.wps`` fixture: such files take the
same route untested.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

from policyparse.errors import CorruptInput, UnsupportedFormat
from policyparse.ingest.source import Source

CONVERT_TIMEOUT = 120.0  # seconds for one conversion (a first start of LibreOffice takes ~5 s)
SOFFICE_NAMES = ("soffice", "libreoffice")
INSTALL_HINT = ("install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui; "
                "or from libreoffice.org) so that `soffice` is on PATH")


def find_soffice() -> str | None:
    """LibreOffice's command line program, or None when it is not installed."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def read_doc(data: bytes, name: str, sha256: str) -> Source:
    """A .doc/.wps file through LibreOffice and the DOCX reader; the Source says ``doc``."""
    from policyparse.ingest.docx import read_docx

    docx = convert_to_docx(data, name)
    return replace(read_docx(docx, name, sha256), format="doc")


def convert_to_docx(data: bytes, name: str, timeout: float = CONVERT_TIMEOUT) -> bytes:
    """The DOCX LibreOffice makes of ``data``; ``UnsupportedFormat`` without LibreOffice,
    ``CorruptInput`` when it cannot convert the file (or takes longer than ``timeout``)."""
    soffice = find_soffice()
    if soffice is None:
        raise UnsupportedFormat(f"{name}: reading Word 97-2003/WPS files needs LibreOffice: {INSTALL_HINT}")
    suffix = ".wps" if name.lower().endswith(".wps") else ".doc"
    with tempfile.TemporaryDirectory(prefix="policyparse-soffice-") as tmp:
        folder = Path(tmp)
        source = folder / f"input{suffix}"
        source.write_bytes(data)
        # .doc: Word's import filter only (LibreOffice would take a damaged file for text);
        # .wps: detected by LibreOffice (WPS Office's Word-like files, or Microsoft Works)
        in_filter = [] if suffix == ".wps" else ["--infilter=MS Word 97"]
        command = [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore",
                   *in_filter, "--convert-to", "docx", "--outdir", str(folder / "out"), str(source)]
        _run(command, name, timeout)
        result = folder / "out" / "input.docx"
        if not result.is_file() or result.stat().st_size == 0:
            raise CorruptInput(f"{name}: LibreOffice could not convert it to DOCX (damaged or not a Word/WPS document?)")
        return result.read_bytes()


def _run(command: list[str], name: str, timeout: float) -> None:
    """Run LibreOffice in a process group of its own, killed whole at the time limit."""
    env = {**os.environ, "HOME": os.environ.get("HOME", tempfile.gettempdir())}
    with subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          start_new_session=True, env=env) as proc:
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise CorruptInput(f"{name}: LibreOffice did not convert it within {timeout:.0f} s") from None
