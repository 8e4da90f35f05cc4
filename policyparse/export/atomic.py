"""Atomic file output: write to a hidden temporary file beside the target, then ``os.replace``.

A kill at any moment leaves either the old file or the new one, never half of one; a stray
``.NAME.*.tmp`` file may remain and is ignored by ``batch`` (hidden files are skipped).  The file
gets the mode an ordinary ``open`` would give it (0666 less the umask), not mkstemp's 0600.
"""
from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``path``, on failure it is removed.

    A symbolic link is written through: the file it points to is replaced (atomically, beside
    it), the link stays.  A character device or a FIFO (``/dev/stdout``) is written to directly."""
    if path.is_symlink() or path.exists():
        path = Path(os.path.realpath(path))
        if path.exists() and not stat.S_ISREG(path.stat().st_mode) and not path.is_dir():
            yield path
            return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    os.chmod(tmp, _file_mode())
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def staged_path(path: Path, tag: str) -> Path:
    """A hidden name beside ``path`` (``.NAME.TAG.tmp``) for a file written now and moved over
    ``path`` later by ``move_into`` (a page image written by a worker process, kept once the
    report is done); ``tag`` tells one writer's files from another's."""
    return path.with_name(f".{path.name}.{tag}.tmp")


def move_into(tmp: Path, path: Path) -> None:
    """The file ``tmp`` (written beside ``path``) replaces ``path`` as if written through
    ``atomic_path``: through a symbolic link, directly into a FIFO or character device."""
    if path.is_symlink() or path.exists():
        real = Path(os.path.realpath(path))
        if real.parent != path.parent or (real.exists() and not stat.S_ISREG(real.stat().st_mode) and not real.is_dir()):
            with atomic_path(real) as target:  # elsewhere (another file system, perhaps), or not a file
                target.write_bytes(tmp.read_bytes())
            tmp.unlink()
            return
        path = real
    os.replace(tmp, path)


def write_text_atomic(path: Path, text: str) -> None:
    """Write UTF-8 text to ``path`` atomically."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


@cache
def _file_mode() -> int:
    """0666 less the process umask (read once: os.umask can only be read by setting it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask
