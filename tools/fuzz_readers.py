"""Seeded mutation fuzzing of the readers (issue 11).

    python tools/fuzz_readers.py --reader pdf|docx|html|txt [--cases N] [--seed S] [--jobs J]
                                 [--timeout 10] [--save-dir tests/fuzz_crashers] [--no-save]

Each case is a real file of ``tests/golden*`` (not ``tests/golden_locked``), ``tests/bad_pdf`` or
``samples/`` of the reader's format, mutated by byte flips, random bytes, truncation, splices of
another seed, deletions, duplications and inserted format markers (for DOCX, half the cases
mutate one XML part inside the zip and pack it again).  Case ``i`` depends only on
``(seed, reader, i)``, so a campaign is reproducible whatever ``--jobs`` is.

Every case goes through ``policyparse.parse(bytes, Options(source_name="x.EXT"))`` in a worker
process.  A crash is an exception that is not a ``PolicyParseError``, a worker that dies (a
native crash) or a case over ``--timeout`` seconds; a crashed worker is replaced and the run goes
on.  Every crasher is saved as ``SAVE_DIR/READER/<sha256[:16]>.EXT``.  Printed: cases, outcomes,
crashes by type, the ``CorruptInput`` errors that came from the catch-all of
``ingest.read_bytes`` (a library failure no reader foresaw) by their cause, and the slowest case.
Exit status 1 when there was a crash.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import multiprocessing as mp
import random
import re
import sys
import threading
import time
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READERS = {"pdf": ("pdf",), "docx": ("docx",), "html": ("html", "htm"), "txt": ("txt",)}
MAX_SEED_BYTES = 160_000  # keeps cases, and so the saved crashers, small
CATCH_ALL = "reader could not read it"

MARKERS = {
    "pdf": [b"obj", b"endobj", b"<<", b">>", b"<< /Type /Page >>", b"/Type /Pages", b"/Kids [", b"/Count -1",
            b"/Count 99999999", b"stream\n", b"endstream", b"xref\n0 1\n", b"trailer", b"startxref\n0\n", b"%%EOF",
            b"/Filter /FlateDecode", b"/Length 999999", b"R", b"0 0 R", b"/Font", b"BT", b"ET", b"Tj", b"TJ",
            b"/Encrypt", b"(\\", b"<FEFF", b"[[[[[[[[[[", b"%PDF-1.7\n"],
    "html": [b"<div>", b"</div>", b"<table><tr><td>", b"</td></tr>", b"<td colspan=99999>", b"<br>", b"<p>",
             b"<script>", b"</script>", b"<style>", b"<!--", b"-->", b"<![CDATA[", b"]]>", b"&#0;", b"&#x10FFFF;",
             b"&#xD800;", b"&nbsp;", b"<meta charset=rot13>", b"<meta charset=utf-16>", b"<meta charset=big5>",
             b'<meta http-equiv="Content-Type" content="text/html; charset=base64">', b'<?xml version="1.0"?>',
             b'<!DOCTYPE html [<!ENTITY e "x">]>', b"<div>" * 300, b"<title>", b"\x00", b"\xff\xfe", b"\xef\xbb\xbf",
             "一、".encode(), "（一）".encode(), "牵头单位：".encode()],
    "txt": [b"\x00", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"\xef\xbb\xbf\xff", b"\xed\xa0\x80", b"\r", b"\r\n",
            b"\x1b]0;x\x07", b" " * 3000, b"\t" * 1000, "\u3000".encode() * 500, "一、".encode(), "（一）".encode(),
            b"1.", "（1）".encode(), "牵头单位：".encode(), "责任单位：".encode(), "、".encode() * 200,
            "一、".encode("gb18030"), "（一）".encode("big5"), "\u202e".encode(), b"\n" * 500],
    "docx": [b"<w:p>", b"</w:p>", b"<w:r><w:t>", b"</w:t></w:r>", b'w:val="x"', b'w:val="-1"',
             b'w:val="99999999999999999999"', b'<w:ilvl w:val="a"/>', b'<w:start w:val="z"/>', b'<w:numId w:val="7"/>',
             b"<w:tbl>", b"<w:tr><w:tc>", b'<w:gridSpan w:val="0"/>', b'<w:vMerge w:val="restart"/>',
             b'<!DOCTYPE d [<!ENTITY e "x">]>', b"&e;", b"&#0;", b"<w:tab/>", b"<w:br/>", b'<?xml version="1.0"?>',
             b"</w:body>", b'r:id="rId999"', b'Target="../../../etc/passwd"', "一、".encode(), "（一）".encode()],
}


ATTRIBUTE = re.compile(rb'\s[\w:]+="([^"]*)"')
ODD_VALUES = (b"", b"x", b"-1", b"0", b"1.5", b"99999999999999999999", b"NaN", b"1e9", b"\xe4\xb8\x80", b"&#0;",
              b"rId999", b"../../x", b"9" * 400)


@dataclass
class Outcome:
    kind: str  # ok | error | crash
    detail: str  # the error/crash class, or "" for ok
    seconds: float
    catch_all: str = ""  # the cause class when the catch-all of read_bytes produced the error


@dataclass
class Report:
    reader: str
    cases: int = 0
    outcomes: Counter = field(default_factory=Counter)
    crashes: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)
    catch_all: Counter = field(default_factory=Counter)
    crashers: list = field(default_factory=list)
    max_seconds: float = 0.0
    slowest: int = -1

    def lines(self) -> list[str]:
        out = [f"reader={self.reader} cases={self.cases} ok={self.outcomes['ok']} errors={self.outcomes['error']} "
               f"crashes={self.outcomes['crash']} max_seconds={self.max_seconds:.2f} (case {self.slowest})"]
        for title, counter in (("crashes", self.crashes), ("errors", self.errors), ("catch-all", self.catch_all)):
            if counter:
                out.append(f"  {title}: " + ", ".join(f"{k}={v}" for k, v in sorted(counter.items())))
        out.extend(f"  crasher: {p}" for p in self.crashers)
        return out


def seed_files(reader: str) -> list[Path]:
    """The real files a campaign starts from, in a fixed order."""
    exts = READERS[reader]
    folders = [d for d in sorted((ROOT / "tests").glob("golden*")) if d.name != "golden_locked"]
    folders += [ROOT / "tests" / "bad_pdf", ROOT / "samples"]
    found = {}
    for folder in folders:
        for path in sorted(folder.iterdir()) if folder.is_dir() else ():
            if path.suffix.lstrip(".").lower() in exts and path.is_file():
                data = path.read_bytes()
                if 0 < len(data) <= MAX_SEED_BYTES:
                    found.setdefault(hashlib.sha256(data).hexdigest(), path)
    return sorted(found.values())


def _mutate_bytes(rng: random.Random, data: bytes, others: list[bytes], markers: list[bytes]) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.choice((1, 1, 2, 3, 5, 10))):
        op = rng.randrange(8)
        n = len(buf)
        pos = rng.randrange(n + 1) if n else 0
        if op == 0 and n:  # bit flips
            for _ in range(rng.randint(1, 16)):
                i = rng.randrange(n)
                buf[i] ^= 1 << rng.randrange(8)
        elif op == 1 and n:  # random bytes
            for _ in range(rng.randint(1, 8)):
                buf[rng.randrange(n)] = rng.randrange(256)
        elif op == 2:  # truncation
            del buf[pos:]
        elif op == 3 and others:  # splice from another seed
            other = rng.choice(others)
            a = rng.randrange(len(other) + 1)
            buf[pos:pos + rng.randint(0, 512)] = other[a:a + rng.randint(1, 2048)]
        elif op == 4 and n:  # deletion
            del buf[pos:pos + rng.randint(1, 256)]
        elif op == 5 and n:  # duplication
            buf[pos:pos] = buf[pos:pos + rng.randint(1, 512)] * rng.randint(1, 4)
        else:  # inserted marker
            buf[pos:pos] = rng.choice(markers)
    return bytes(buf)


def _mutate_docx(rng: random.Random, data: bytes, others: list[bytes], markers: list[bytes]) -> bytes:
    """Mutate one part of the package and zip it again (the zip itself stays valid)."""
    try:
        zin = zipfile.ZipFile(io.BytesIO(data))
        infos = zin.infolist()
        parts = [(info, zin.read(info)) for info in infos]
    except Exception:  # noqa: BLE001 -- a seed that is no zip: mutate its bytes
        return _mutate_bytes(rng, data, others, markers)
    xml = [i for i, (info, _) in enumerate(parts) if info.filename.endswith((".xml", ".rels"))] or list(range(len(parts)))
    target = rng.choice(xml)
    op = rng.randrange(6)
    info, body = parts[target]
    if op == 0 and len(parts) > 1:
        del parts[target]
    elif op == 1 and ATTRIBUTE.search(body):  # odd attribute values in well-formed XML (w:ilvl, w:start, ...)
        values = list(ATTRIBUTE.finditer(body))
        for _ in range(rng.randint(1, 5)):
            m = rng.choice(values)
            body = body[:m.start(1)] + rng.choice(ODD_VALUES) + body[m.end(1):]
            values = list(ATTRIBUTE.finditer(body)) or values
        parts[target] = (info, body)
    else:
        xml_others = [p[1] for p in parts]
        parts[target] = (info, _mutate_bytes(rng, body, xml_others, markers))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zout:
        for info, body in parts:
            zout.writestr(info, body)
    return out.getvalue()


ENCODINGS = ("utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "gb18030", "big5", "gbk")
CHARS = ("\x00", "\x0b", "\x0c", "\x1b[2J", "\u2028", "\u00a0", "\u3000", "\ufeff", "\u200b", "\ufffd", "\U0001f600",
         "\u0301", "\ufe50", "\uff08", "\uff09", "\u3001", "\uff1a", "\uff1b", "<", ">", "&", "\"", "\n\n", "\t")


def _mutate_text(rng: random.Random, data: bytes, markers: list[bytes]) -> bytes:
    """Character-level edits of a seed read as UTF-8, encoded again in a random encoding: the
    text stays decodable, so the cases reach the structure and units stages."""
    text = data.decode("utf-8", "replace")
    lines = text.split("\n")
    for _ in range(rng.choice((1, 2, 3, 5, 8))):
        op = rng.randrange(6)
        i = rng.randrange(len(lines))
        if op == 0:  # a marker or an odd character inside a line
            piece = rng.choice(markers).decode("utf-8", "replace") if rng.random() < 0.5 else rng.choice(CHARS)
            at = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:at] + piece * rng.choice((1, 1, 2, 50)) + lines[i][at:]
        elif op == 1:  # delete lines
            del lines[i:i + rng.randint(1, 5)]
        elif op == 2:  # repeat lines
            lines[i:i] = lines[i:i + rng.randint(1, 5)] * rng.choice((1, 2, 10, 100))
        elif op == 3:  # swap two lines
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 4:  # cut a line
            at = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:at] if rng.random() < 0.5 else lines[i][at:]
        else:  # a random character
            at = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:at] + chr(rng.choice((rng.randrange(0x20, 0x3000), rng.randrange(0x4e00, 0x9fff),
                                                        rng.randrange(0xe000, 0x110000)))) + lines[i][at:]
        if not lines:
            lines = [""]
    encoding = rng.choice(ENCODINGS)
    return "\n".join(lines).encode(encoding, "replace" if encoding not in ("utf-8", "utf-8-sig") else "surrogatepass")


def make_case(reader: str, seeds: list[bytes], seed: int, index: int) -> bytes:
    rng = random.Random(f"{seed}:{reader}:{index}")
    data = rng.choice(seeds)
    markers = MARKERS[reader]
    if reader == "docx" and rng.random() < 0.5:
        return _mutate_docx(rng, data, seeds, markers)
    if reader in ("txt", "html") and rng.random() < 0.6:
        data = _mutate_text(rng, data, markers)
        return _mutate_bytes(rng, data, seeds, markers) if rng.random() < 0.2 else data
    return _mutate_bytes(rng, data, seeds, markers)


def run_one(data: bytes, ext: str) -> Outcome:
    """Parse one case in this process and classify what happened."""
    from policyparse import Options, parse
    from policyparse.errors import PolicyParseError

    start = time.perf_counter()
    try:
        parse(data, Options(source_name=f"x.{ext}"))
    except PolicyParseError as exc:
        cause = exc.__cause__ if CATCH_ALL in str(exc) else None
        return Outcome("error", type(exc).__name__, time.perf_counter() - start,
                       f"{type(cause).__name__} {_where(cause)}" if cause is not None else "")
    except BaseException as exc:  # noqa: BLE001 -- the point: anything else is a crash
        return Outcome("crash", f"{type(exc).__name__} {_where(exc)}", time.perf_counter() - start)
    return Outcome("ok", "", time.perf_counter() - start)


def _where(exc: BaseException) -> str:
    """The innermost frame of ours, else the innermost frame: where to fix it."""
    tb, ours, last = exc.__traceback__, None, None
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        last = f"{Path(name).name}:{tb.tb_lineno}"
        if "/policyparse/" in name:
            ours = f"{Path(name).name}:{tb.tb_lineno}"
        tb = tb.tb_next
    return f"at {ours or last}"


def _worker(conn) -> None:
    import warnings

    warnings.simplefilter("ignore")
    while True:
        job = conn.recv()
        if job is None:
            return
        data, ext = job
        conn.send(run_one(data, ext))


class Runner:
    """One worker process; replaced after a native crash or a timeout."""

    def __init__(self, timeout: float):
        self.timeout = timeout
        self.ctx = mp.get_context("spawn")
        self.proc = None
        self.conn = None

    def _start(self) -> None:
        parent, child = self.ctx.Pipe()
        self.proc = self.ctx.Process(target=_worker, args=(child,), daemon=True)
        self.proc.start()
        child.close()
        self.conn = parent

    def run(self, data: bytes, ext: str) -> Outcome:
        if self.proc is None or not self.proc.is_alive():
            self._start()
        start = time.perf_counter()
        self.conn.send((data, ext))
        try:
            if self.conn.poll(self.timeout):
                return self.conn.recv()
            kind = f"Timeout over {self.timeout:g} s"
        except (EOFError, OSError):
            kind = None
        self._kill()
        if kind is None:
            kind = f"NativeCrash exit {self.proc.exitcode}"
        return Outcome("crash", kind, time.perf_counter() - start)

    def _kill(self) -> None:
        self.proc.kill()
        self.proc.join()
        self.conn.close()

    def close(self) -> None:
        if self.proc is not None and self.proc.is_alive():
            try:
                self.conn.send(None)
                self.proc.join(5)
            except OSError:
                pass
            if self.proc.is_alive():
                self._kill()


def campaign(reader: str, cases: int, seed: int = 0, jobs: int = 1, timeout: float = 10.0,
             save_dir: Path | None = None, progress: bool = False) -> Report:
    seeds = [p.read_bytes() for p in seed_files(reader)]
    if not seeds:
        raise SystemExit(f"no seed files for {reader}")
    ext = READERS[reader][0]
    report = Report(reader)
    lock = threading.Lock()
    counter = iter(range(cases))

    def loop() -> None:
        runner = Runner(timeout)
        try:
            while True:
                with lock:
                    index = next(counter, None)
                if index is None:
                    return
                data = make_case(reader, seeds, seed, index)
                outcome = runner.run(data, ext)
                with lock:
                    _record(report, index, data, outcome, ext, save_dir)
                    if progress and report.cases % 1000 == 0:
                        print(f"  {reader}: {report.cases}/{cases} crashes={report.outcomes['crash']}",
                              file=sys.stderr, flush=True)
        finally:
            runner.close()

    threads = [threading.Thread(target=loop) for _ in range(max(1, jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    report.crashers.sort()
    return report


def _record(report: Report, index: int, data: bytes, outcome: Outcome, ext: str, save_dir: Path | None) -> None:
    report.cases += 1
    report.outcomes[outcome.kind] += 1
    if outcome.seconds > report.max_seconds:
        report.max_seconds, report.slowest = outcome.seconds, index
    if outcome.kind == "error":
        report.errors[outcome.detail] += 1
        if outcome.catch_all:
            report.catch_all[outcome.catch_all] += 1
    elif outcome.kind == "crash":
        report.crashes[outcome.detail] += 1
        name = f"{hashlib.sha256(data).hexdigest()[:16]}.{ext}"
        if save_dir is not None:
            folder = save_dir / report.reader
            folder.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(data)
        report.crashers.append(f"case {index}: {name} ({outcome.detail})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reader", choices=sorted(READERS), required=True)
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=1, help="worker processes (the machine is shared: default 1)")
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds a case may take before it counts as a crash")
    ap.add_argument("--save-dir", type=Path, default=ROOT / "tests" / "fuzz_crashers")
    ap.add_argument("--no-save", action="store_true", help="do not write the crashers")
    args = ap.parse_args(argv)
    start = time.perf_counter()
    report = campaign(args.reader, args.cases, args.seed, args.jobs, args.timeout,
                      None if args.no_save else args.save_dir, progress=True)
    for line in report.lines():
        print(line)
    print(f"  seeds={len(seed_files(args.reader))} seed={args.seed} wall={time.perf_counter() - start:.1f}s")
    return 1 if report.outcomes["crash"] else 0


if __name__ == "__main__":
    sys.exit(main())
