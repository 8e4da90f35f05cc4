"""Planning a batch: the inputs (files, folders, globs) in their order, each hashed and matched
against ``OUTDIR/_manifest.jsonl`` so that a re-run parses only what is new or changed
(the rules are in ``run.py``'s docstring and the README)."""
from __future__ import annotations

import glob
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from policyparse._version import __version__
from policyparse.batch.worker import TRANSIENT_ERRORS, Job
from policyparse.errors import BatchError, PolicyParseError
from policyparse.ingest import Limits, check_regular_file
from policyparse.ingest.limits import check_size
from policyparse.ingest.sniff import sniff_file

RUN_MANIFEST = "_manifest.jsonl"
GLOB_MAGIC = re.compile(r"[*?\[]")  # docs/**/*.pdf, d0?.txt, d[12].txt
HASH_CHUNK = 1 << 20


@dataclass(frozen=True)
class BatchOptions:
    """What a batch run does.

    outdir: where results, error records, the manifest and the summary go.
    jobs: worker processes (None: all cores).  timeout: seconds per input.
    force: re-parse inputs that already have a result.  scheduler: a dask.distributed address
    (``tcp://host:8786``) to run on instead of the local pool.  formats: ledger feeds to write
    (json, jsonl, csv, xlsx).  db: SQLite store to upsert into.  columns: a column map file.
    limits: the size bounds of every input (``ingest.Limits``; an input beyond them is an error record).
    nlp: run the parser's NLP stage (``Options.nlp``); results with and without it differ, so
    the manifest records it and a change re-parses.
    """

    outdir: Path
    jobs: int | None = None
    force: bool = False
    timeout: float = 120.0
    scheduler: str | None = None
    formats: tuple[str, ...] = ()
    db: Path | None = None
    columns: Path | None = None
    nlp: bool = False
    limits: Limits = Limits()


@dataclass(frozen=True)
class Input:
    """One input file and its output key (a relative POSIX path)."""

    rel: str
    path: Path


@dataclass(frozen=True)
class Entry:
    """The current outcome of one input: a result (``error`` None) or an error record."""

    input: str
    sha256: str
    parser_version: str
    error: str | None = None
    message: str | None = None
    warnings: int = 0
    nlp: bool = False
    warning_codes: dict[str, int] = field(default_factory=dict)  # which warnings: code -> count
    skipped: bool = field(default=False, compare=False)

    @property
    def ok(self) -> bool:
        return self.error is None

    def manifest_line(self) -> str:
        data = asdict(self)
        del data["skipped"]
        return json.dumps(data, ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class Plan:
    """Inputs in order, the jobs to parse, and the entries settled without parsing."""

    options: BatchOptions
    inputs: list[Input]
    todo: list[Job]
    settled: list[Entry]


# --------------------------------------------------------------------------- inputs


def collect_inputs(specs: Iterable[str], outdir: Path | None = None) -> list[Input]:
    """Expand files, folders and globs into inputs in a deterministic order (see module doc)."""
    seen: dict[str, Path] = {}
    inputs = []
    for spec in specs:
        for path, base in _expand(spec, outdir):
            item = Input(_rel(path, base), path)
            if _unique(item, seen):
                inputs.append(item)
    if not inputs:
        raise BatchError(f"no input files found in {', '.join(specs) or 'the arguments'}")
    return inputs


def _expand(spec: str, outdir: Path | None) -> Iterator[tuple[Path, Path]]:
    """(file, argument it came from) pairs of one argument."""
    path = Path(spec)
    if path.is_dir():
        yield from ((file, path) for file in _walk(path, outdir))
    elif GLOB_MAGIC.search(spec) and not path.exists():
        for match in sorted(glob.glob(spec, recursive=True)):
            yield from _expand(match, outdir)
    else:
        yield path, path


def _walk(root: Path, outdir: Path | None) -> list[Path]:
    """Every non-hidden file below ``root``, sorted as paths (``sorted(rglob)``), OUTDIR left out.

    Symbolic links to folders are followed, each real folder once (no cycles); a link whose
    target is gone, and anything that is not a regular file (a FIFO, a socket, a link to
    /dev/zero), is listed, so that it gets an error record instead of vanishing or hanging."""
    skip = os.path.realpath(outdir) if outdir is not None else None
    seen = {os.path.realpath(root)}
    found = []
    for folder, dirs, files in os.walk(root, followlinks=True):
        kept = []
        for d in dirs:
            real = os.path.realpath(os.path.join(folder, d))
            if not d.startswith(".") and real != skip and real not in seen:
                seen.add(real)
                kept.append(d)
        dirs[:] = kept
        found.extend(Path(folder, name) for name in files if not name.startswith("."))
    return sorted(found, key=lambda file: file.parts)  # FIFOs, sockets, devices too: each gets an error record


def _rel(path: Path, base: Path) -> str:
    """Output key: relative to the current directory, else to the argument's parent folder."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return absolute.relative_to(Path(os.path.abspath(base)).parent).as_posix()


def _unique(item: Input, seen: dict[str, Path]) -> bool:
    """False for a file already listed; BatchError when two files would share one output."""
    other = seen.setdefault(item.rel, item.path)
    if other is item.path:
        return True
    if os.path.realpath(other) == os.path.realpath(item.path):
        return False
    raise BatchError(f"{other} and {item.path} would both be written to {item.rel}.json")


# --------------------------------------------------------------------------- plan


def plan_batch(inputs: list[Input], options: BatchOptions) -> Plan:
    """Hash every input and decide: parse it, skip it (known result), or record why it can't be read."""
    manifest = {} if options.force else load_manifest(options.outdir)
    todo, settled = [], []
    for item in inputs:
        decision = _decide(item, manifest, options)
        (todo if isinstance(decision, Job) else settled).append(decision)
    return Plan(options, inputs, todo, settled)


def _decide(item: Input, manifest: dict[str, Entry], options: BatchOptions) -> Job | Entry:
    try:  # only regular files are opened: a FIFO would hang the hashing, /dev/zero never end
        check_regular_file(item.path, str(item.path))
        check_size(str(item.path), item.path.stat().st_size, options.limits)
        sniff_file(item.path, str(item.path))  # the same detection as parse(): content first, then suffix
        sha = file_sha256(item.path)
    except PolicyParseError as exc:
        return _error(item.rel, "", type(exc).__name__, str(exc))
    except OSError as exc:
        return _error(item.rel, "", type(exc).__name__, f"{item.path}: {exc.strerror or exc}")
    known_entry = manifest.get(item.rel)
    if known_entry is not None and _still_valid(known_entry, sha, options):
        return replace(known_entry, skipped=True)
    return Job(item.rel, str(item.path), sha, options.nlp, limits=options.limits)


def _error(rel: str, sha: str, error: str, message: str) -> Entry:
    return Entry(rel, sha, __version__, error, message)


def _still_valid(entry: Entry, sha: str, options: BatchOptions) -> bool:
    """A manifest entry stands for this input when hash, parser version, options and output match."""
    if entry.sha256 != sha or entry.parser_version != __version__ or entry.nlp != options.nlp:
        return False
    return entry.error not in TRANSIENT_ERRORS and output_path(options.outdir, entry.input, entry.ok).exists()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def load_manifest(outdir: Path) -> dict[str, Entry]:
    """The last entry of each input in ``_manifest.jsonl`` (a line cut off by a kill is ignored)."""
    entries: dict[str, Entry] = {}
    path = outdir / RUN_MANIFEST
    if not path.exists():
        return entries
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            entry = Entry(**json.loads(line))
        except (ValueError, TypeError):
            continue
        entries[entry.input] = entry
    return entries


def output_path(outdir: Path, rel: str, ok: bool) -> Path:
    """``OUTDIR/KEY.json`` for a result, ``OUTDIR/KEY.error.json`` for an error record."""
    return outdir / (rel + (".json" if ok else ".error.json"))
