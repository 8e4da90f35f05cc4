"""The command line: a thin click layer over ``policyparse.parse``, ``export`` and ``evaluate``.

This is the only module that echoes, and the only place where exceptions become messages
and exit codes: bad input gives one ``Error: …`` line on stderr and exit status 1.

Over 400 lines: eleven commands, each its options, help and error mapping, and nothing else
(the work is in the library; the show/units/changes views are in ``export``).
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from policyparse._version import __version__
from policyparse.api import Options, load_side, parse, parse_with_source
from policyparse.batch import run as batch
from policyparse.errors import Interrupted, PolicyParseError
from policyparse.eval.score import EXTENSIONS, evaluate_dir
from policyparse.eval.units import score_units_gold, units_gold_lines
from policyparse.export import changes, ledger, sinks, views
from policyparse.export import json as export
from policyparse.export.atomic import write_text_atomic
from policyparse.export.store import Store
from policyparse.ingest.limits import DEFAULT_LIMITS, MB, Limits


@contextmanager
def _errors(name: str) -> Iterator[None]:
    """Turn bad input (``PolicyParseError``, unreadable files) into one clean error line."""
    try:
        yield
    except PolicyParseError as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        raise click.ClickException(f"{name}: {exc.strerror or exc}") from exc


EXIT_INTERRUPTED = 130  # 128 + SIGINT, the shell's convention


# What each extra brings: the modules checked before any work starts (not a traceback at the end).
EXTRAS = {"nlp": ("jieba", "spacy"), "xlsx": ("openpyxl",), "dask": ("distributed",),
          "diff": ("rapidfuzz", "numpy"), "ocr": ("rapidocr_onnxruntime",)}


def require_extra(extra: str) -> None:
    """Stop with one ``Error:`` line naming the install command when an extra is missing."""
    missing = [m for m in EXTRAS[extra] if importlib.util.find_spec(m) is None]
    if missing:
        raise click.ClickException(f"this needs the {extra} extra ({', '.join(missing)} not installed): "
                                   f'pip install "policyparse[{extra}]"')


class _TimedOut(BaseException):
    """Raised by the alarm of ``--timeout`` (a BaseException, so no reader's handler swallows it)."""


@contextmanager
def _time_limit(seconds: float | None, name: str) -> Iterator[None]:
    """Stop the parse after ``seconds`` with one ``Error:`` line (Unix alarm signal)."""
    if not seconds or not hasattr(signal, "setitimer"):
        yield
        return

    def alarm(signum, frame):
        raise _TimedOut

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _TimedOut:
        raise click.ClickException(f"{name}: not parsed within {seconds:g} s (raise it with --timeout)") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _load(file: str, strict: bool = False, nlp: bool = False, limits: Limits = DEFAULT_LIMITS,
          timeout: float | None = None, with_source: bool = False):
    """Parse FILE (recorded as given), or stdin bytes for ``-``; with ``with_source``, the
    document and the ``Source`` read (for the report)."""
    if nlp:
        require_extra("nlp")
    run = parse_with_source if with_source else parse
    with _errors(file), _time_limit(timeout, file):
        if file == "-":
            data = sys.stdin.buffer.read(limits.max_bytes + 1)
            return run(data, Options(strict=strict, source_name="<stdin>", nlp=nlp, limits=limits))
        return run(Path(file), Options(strict=strict, source_name=str(Path(file)), nlp=nlp, limits=limits))


def limit_options(fn):
    """--max-size / --max-unzipped: the bounds of ``ingest.Limits``, in MB."""
    fn = click.option("--max-unzipped", type=click.IntRange(min=1), default=DEFAULT_LIMITS.max_unzipped // MB,
                      show_default=True, metavar="MB",
                      help="Largest total that the parts of a .docx package may unpack to.")(fn)
    fn = click.option("--max-text", type=click.IntRange(min=1), default=DEFAULT_LIMITS.max_chars,
                      show_default=True, metavar="CHARS", help="Longest text an input may hold.")(fn)
    return click.option("--max-size", type=click.IntRange(min=1), default=DEFAULT_LIMITS.max_bytes // MB,
                        show_default=True, metavar="MB", help="Largest input file.")(fn)


def _limits(max_size: int, max_text: int, max_unzipped: int) -> Limits:
    return Limits(max_bytes=max_size * MB, max_chars=max_text, max_unzipped=max_unzipped * MB)


def timeout_option(fn):
    return click.option("--timeout", type=click.FloatRange(min=0, min_open=True), metavar="S",
                        help="Give up on the input after S seconds (default: no limit).")(fn)


def nlp_option(fn):
    """--nlp: the running-text stage (jieba + spaCy, the nlp extra)."""
    return click.option("--nlp", is_flag=True, help="Also find units in running text, mentions and keywords (needs the nlp extra).")(fn)


def input_argument(fn):
    """The FILE|- argument shared by parse and show."""
    return click.argument("file", metavar="FILE|-")(fn)


class _Group(click.Group):
    """Exit codes: 0 done; 1 an input failed or could not be read; 2 a usage error (click's);
    130 interrupted (Ctrl-C), with one ``Error:`` line instead of click's ``Aborted!``."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("Error: interrupted", err=True)
            ctx.exit(EXIT_INTERRUPTED)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="policyparse")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Turn Chinese government policy documents (通知, 行动计划, 实施方案) into validated JSON."""
    if os.environ.get("NO_COLOR"):  # https://no-color.org: no ANSI styles, even on a terminal
        ctx.color = False


@cli.command("parse")
@input_argument
@click.option("-o", "--output", metavar="FILE", help="Write the JSON to FILE instead of stdout.")
@click.option("--gold", is_flag=True, help="Print the gold annotation view (notice, outline, assignments).")
@click.option("--strict", is_flag=True, help="Fail on the first parser warning instead of reporting it.")
@nlp_option
@timeout_option
@limit_options
def parse_command(file: str, output: str | None, gold: bool, strict: bool, nlp: bool, timeout: float | None,
                  max_size: int, max_text: int, max_unzipped: int) -> None:
    """Parse FILE (.txt/.pdf/.docx/.html/.ofd/.doc/.wps, or - for stdin; format by content) and print it as JSON."""
    doc = _load(file, strict, nlp, _limits(max_size, max_text, max_unzipped), timeout)
    _emit(export.to_gold_json(doc) if gold else export.to_json(doc), output)


@cli.command("show")
@input_argument
@nlp_option
@click.option("--html", metavar="OUT.html", help="Also write the report page of FILE (as `report --inline`), one file.")
@click.option("--displacy", metavar="OUT.html", help="Also write displaCy HTML of the units and NLP mentions (implies --nlp).")
@timeout_option
@limit_options
def show_command(file: str, nlp: bool, html: str | None, displacy: str | None, timeout: float | None,
                 max_size: int, max_text: int, max_unzipped: int) -> None:
    """Print FILE as a readable tree: envelope, title, sections with units, warnings."""
    report_pages = html is not None and file != "-"  # the report of a file needs the Source read
    loaded = _load(file, nlp=nlp or displacy is not None, limits=_limits(max_size, max_text, max_unzipped),
                   timeout=timeout, with_source=report_pages)
    doc, source = loaded if report_pages else (loaded, None)
    width = shutil.get_terminal_size().columns
    for line in views.show_lines(doc, width):
        click.echo(line)
    if html:
        from policyparse.report import build as report

        with _errors(html):
            if file == "-":  # no file to render pages from: the text view
                Path(html).write_text(report.document_html(doc), encoding="utf-8")
            else:  # the report of the file, page images inline (one file), as `report FILE --inline`
                report.report_parsed(Path(file), doc, source, Path(html), inline=True)
    if displacy:
        with _errors(displacy):
            Path(displacy).write_text(views.displacy_html(doc), encoding="utf-8")


@cli.command("report")
@click.argument("inputs", nargs=-1, required=True, metavar="FILE|RESULTS...")
@click.option("-o", "--output", "outdir", metavar="DIR", help="Folder for the pages (default: OUTDIR/_report for one batch OUTDIR).")
@click.option("--inline", is_flag=True, help="Page images inside the HTML: one self-contained file to mail.")
def report_command(inputs: tuple[str, ...], outdir: str | None, inline: bool) -> None:
    """Spot-check report: the source (PDF pages with boxes, or the text) beside the extraction, one
    HTML page per document in DIR; with batch results (OUTDIR, .json) also DIR/index.html, suspicious first."""
    from policyparse.report import build as report  # jinja2 loaded only for this command

    folders = [Path(i) for i in inputs if Path(i).is_dir()]
    if outdir is None:
        if len(inputs) != 1 or not folders:
            raise click.UsageError("give -o DIR (only one batch OUTDIR defaults to OUTDIR/_report)")
        outdir = str(folders[0] / "_report")
    out = Path(outdir)
    todo: list[tuple[str, Path, str]] = []  # (name, path, kind: file | result | error)
    for spec in inputs:
        path = Path(spec)
        if path.is_dir():
            todo += [(name, p, "error" if p.name.endswith(report.ERROR_SUFFIX) else "result")
                     for name, p in report.batch_files(path)]
        elif report.is_result(path) or path.name.endswith(report.ERROR_SUFFIX):
            todo.append((path.name.removesuffix(".json").removesuffix(".error"), path,
                         "error" if path.name.endswith(report.ERROR_SUFFIX) else "result"))
        else:
            todo.append((path.name if path.is_absolute() or spec.startswith("..") else spec, path, "file"))
    if inline and len(todo) != 1:
        raise click.UsageError("--inline writes one self-contained file: give one document")
    index = out / report.INDEX if len(todo) > 1 or folders else None
    entries = []
    for name, path, kind in todo:
        html = out / report.html_name(name)
        if kind == "error":
            with _errors(str(path)):
                entries.append(report.read_error_record(name, path))
            continue
        try:
            with _errors(str(path)):
                if kind == "file":
                    if not path.is_file():
                        raise click.ClickException(f"{path}: no such file" if not path.exists() else f"{path}: not a file")
                    entries.append(report.report_file(path, html, inline, index))
                else:
                    entries.append(report.report_result(path, html, inline, index))
        except click.ClickException as exc:
            if index is None:
                raise
            entries.append(report.error_entry(name, "Error", exc.message))
    if index is not None:
        with _errors(str(index)):
            report.write_index(entries, index, f"policyparse report: {', '.join(inputs)}")
    _echo_tty(f"{len(entries)} documents -> {index or out / report.html_name(todo[0][0])}")
    failed = [e for e, (_, _, kind) in zip(entries, todo) if e.status == "error" and kind == "file"]
    if failed:
        raise click.ClickException(f"{len(failed)} of {len(todo)} documents failed: {', '.join(e.name for e in failed)}")


@cli.command("units")
@input_argument
@click.option("--csv", "as_csv", is_flag=True, help="Write CSV instead of a table.")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of stdout.")
@nlp_option
@timeout_option
@limit_options
def units_command(file: str, as_csv: bool, output: str | None, nlp: bool, timeout: float | None,
                  max_size: int, max_text: int, max_unzipped: int) -> None:
    """Print the responsibility matrix of FILE: each unit, the tasks it leads / is responsible for / supports."""
    rows = views.responsibility_matrix(_load(file, nlp=nlp, limits=_limits(max_size, max_text, max_unzipped), timeout=timeout))
    _emit(views.matrix_csv(rows) if as_csv else views.terminal_safe(views.matrix_table(rows)), output, bom=as_csv)


def _emit(text: str, output: str | None, bom: bool = False) -> None:
    """Text to stdout, or to the file OUTPUT (``bom``: a CSV file starts with a UTF-8 BOM, as the
    ledgers do, so that Excel reads Chinese; stdout never gets one, as ``export -o -``)."""
    if output is None:
        click.echo(text, nl=False)
        return
    with _errors(output):
        Path(output).write_text(text, encoding="utf-8-sig" if bom else "utf-8")


@cli.command("eval")
@click.argument("directory", metavar="DIR")
@click.option("--ext", type=click.Choice(EXTENSIONS), default=".txt", show_default=True,
              help="Score the NAME.EXT twin of each NAME.gold.json.")
@click.option("-v", "--verbose", is_flag=True, help="List every miss of every document.")
@click.option("--units-gold", type=click.Path(exists=True, dir_okay=False),
              help="Also score unit normalisation against this TSV (tests/golden/units_gold.tsv).")
def eval_command(directory: str, ext: str, verbose: bool, units_gold: str | None) -> None:
    """Score the parser against the NAME.gold.json files in DIR."""
    with _errors(directory):
        report = evaluate_dir(directory, ext)
    click.echo(report.table())
    if report.without_twin:
        click.echo(f"({len(report.documents)} documents scored; {report.without_twin} gold files have no {ext} twin)")
    if units_gold:
        with _errors(units_gold):
            click.echo("\n" + "\n".join(units_gold_lines(score_units_gold(units_gold), verbose)))
    if verbose:
        click.echo("\n" + "\n".join(report.miss_lines() or ["no misses"]))
    if report.errors:
        raise click.ClickException(f"{len(report.errors)} document(s) failed to parse: {', '.join(report.errors)}")


@cli.command("schema")
@click.option("--diff", "of_diff", is_flag=True, help="The schema of the change list of diff (PlanDiff) instead.")
def schema_command(of_diff: bool) -> None:
    """Print the JSON Schema of the output (PolicyDocument, or PlanDiff with --diff)."""
    click.echo(changes.diff_schema_json() if of_diff else export.schema_json(), nl=False)


@cli.command("batch")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", "outdir", required=True, metavar="OUTDIR", help="Folder for results, error records and the summary.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes (default: all cores).")
@click.option("--force", is_flag=True, help="Re-parse inputs that already have a result.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=120.0, show_default=True,
              help="Seconds one input may take before it becomes an error record.")
@click.option("--format", "formats", multiple=True, type=click.Choice(ledger.LEDGER_FORMATS),
              help="Also write the task ledger and unit sheet in this format (repeatable).")
@click.option("--db", metavar="FILE", help="Upsert the results into this SQLite store.")
@click.option("--scheduler", metavar="ADDRESS", help="Run on a dask.distributed cluster (tcp://host:8786).")
@click.option("--columns", metavar="MAP", help="Column map (.json, or .yaml with PyYAML) for the ledgers.")
@click.option("--nlp", is_flag=True, help="Also run the NLP stage (needs the nlp extra): unit mentions, keywords.")
@limit_options
def batch_command(inputs: tuple[str, ...], outdir: str, jobs: int | None, force: bool, timeout: float,
                  formats: tuple[str, ...], db: str | None, scheduler: str | None, columns: str | None,
                  nlp: bool, max_size: int, max_text: int, max_unzipped: int) -> None:
    """Parse every INPUT (files, folders, globs; - reads paths from stdin) into OUTDIR.

    Resumable: inputs whose content and parser version already have a result are skipped.
    Exits 1 when any input has an error record (listed in OUTDIR/_summary.json).
    """
    for extra, wanted in (("nlp", nlp), ("xlsx", "xlsx" in formats), ("dask", scheduler is not None)):
        if wanted:
            require_extra(extra)
    options = batch.BatchOptions(Path(outdir), jobs, force, timeout, scheduler, formats,
                                 Path(db) if db else None, Path(columns) if columns else None, nlp,
                                 _limits(max_size, max_text, max_unzipped))
    with _errors(outdir):
        plan = batch.plan_batch(batch.collect_inputs(_batch_specs(inputs), options.outdir), options)
        with _Progress(len(plan.inputs), len(plan.settled)) as bar:
            try:
                summary = batch.run_batch(plan, bar.update)
            except Interrupted as stop:
                bar.close()
                _echo_summary(stop.summary, outdir)
                click.echo(f"Error: {stop}", err=True)
                sys.exit(EXIT_INTERRUPTED)
    _echo_summary(summary, outdir)
    if summary.failed:
        raise click.ClickException(f"{summary.failed} of {summary.inputs} inputs failed; see {Path(outdir) / batch.SUMMARY}")


@cli.command("export")
@click.argument("results", nargs=-1, required=True, metavar="RESULTS_DIR_OR_JSON...")
@click.option("-o", "--output", required=True, metavar="FILE", help="Ledger file (.csv .xlsx .json .jsonl) or SQLite store (.db).")
@click.option("--format", "fmt", type=click.Choice((*ledger.LEDGER_FORMATS, "sqlite")), help="Output format (default: from the suffix).")
@click.option("--table", type=click.Choice(tuple(ledger.TABLES)), default="tasks", show_default=True,
              help="Which table a csv/json/jsonl file holds (xlsx holds both).")
@click.option("--columns", metavar="MAP", help="Column map (.json, or .yaml with PyYAML): select, order, rename.")
def export_command(results: tuple[str, ...], output: str, fmt: str | None, table: str, columns: str | None) -> None:
    """Build the task ledger (or the SQLite store) from result JSONs of parse or batch; ``-o -``
    writes a csv/json/jsonl ledger to stdout."""
    if output == "-" and fmt not in ("csv", "json", "jsonl"):
        raise click.UsageError("-o - (stdout) needs --format csv, json or jsonl")
    if fmt == "xlsx" or output.lower().endswith(".xlsx"):
        require_extra("xlsx")
    with _errors(output), tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / f"ledger.{fmt}" if output == "-" else Path(output)
        column_map = ledger.load_column_map(columns) if columns else None
        duplicates: list[tuple[str, str]] = []
        counts = sinks.export_results(results, out, sinks.export_format(out, fmt), table, column_map, duplicates)
        if output == "-":
            click.echo(out.read_text(encoding="utf-8-sig" if fmt == "csv" else "utf-8"), nl=False)
    _echo_tty(", ".join(f"{n} {name}" for name, n in counts.items()) + f" -> {output}")
    _echo_duplicates(duplicates)


def diff_options(fn):
    """--json / -o LEDGER / --columns / --html, shared by diff and history --diff."""
    fn = click.option("--html", metavar="OUT.html",
                      help="Also write the change list as an HTML page (the report's changes view).")(fn)
    fn = click.option("--columns", metavar="MAP",
                      help="Column map (.json, or .yaml with PyYAML) for the change ledger (table 'changes').")(fn)
    fn = click.option("-o", "--output", metavar="FILE",
                      help="Also write the change ledger (变更台账) to FILE (.csv .xlsx .json .jsonl).")(fn)
    return click.option("--json", "as_json", is_flag=True, help="Print the change list as JSON instead of the readable view.")(fn)


@cli.command("diff")
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@diff_options
def diff_command(old: str, new: str, as_json: bool, output: str | None, columns: str | None, html: str | None) -> None:
    """What changed between two versions of a plan; each side any input format or a result JSON."""
    require_extra("diff")
    sides = []
    for side in (old, new):
        with _errors(side):
            if not Path(side).is_file():
                raise click.ClickException(f"{side}: no such file")
            sides.append(load_side(Path(side)))
    from policyparse.api import diff

    _emit_diff(diff(*sides), as_json, output, columns, html)


@cli.command("history")
@click.argument("db", metavar="DB")
@click.argument("key", required=False, metavar="[KEY]")
@click.argument("revisions", nargs=-1, type=int, metavar="[REV_A REV_B]")
@click.option("--diff", "show_diff", is_flag=True, help="Compare two revisions of KEY (the last two by default).")
@diff_options
def history_command(db: str, key: str | None, revisions: tuple[int, ...], show_diff: bool, as_json: bool,
                    output: str | None, columns: str | None, html: str | None) -> None:
    """List the documents of a store and their revisions, or compare two revisions of one."""
    if not Path(db).is_file():
        raise click.ClickException(f"{db}: no such store")
    with _errors(db), Store(db) as store:
        if key is None:
            for doc_key, count, title, date in store.keys():
                click.echo(f"{changes.clean(doc_key)}\t{count} revision(s)\t{changes.clean(title)}\t{date or '—'}")
            return
        rows = store.revisions(key)
        if not rows:
            raise click.ClickException(f"{db}: no document with key {key!r}")
        if not show_diff:
            for rev, sha, path, title, date, tasks in rows:
                click.echo(f"{rev}\t{sha[:12]}\t{changes.clean(path)}\t{changes.clean(title)}\t{date or '—'}\t{tasks} tasks")
            return
        pair = revisions or tuple(r[0] for r in rows[-2:])
        if len(pair) != 2:
            raise click.ClickException(f"{key}: --diff needs two revisions (the store has {len(rows)})")
        docs = [store.document(key, rev) for rev in pair]
    if None in docs:
        raise click.ClickException(f"{key}: no revision {pair[docs.index(None)]} (revisions: {', '.join(str(r[0]) for r in rows)})")
    require_extra("diff")
    from policyparse.api import diff

    _emit_diff(diff(*docs), as_json, output, columns, html)


def _emit_diff(plan, as_json: bool, output: str | None, columns: str | None, html: str | None = None) -> None:
    if html:
        from policyparse.report.changes import diff_html

        with _errors(html):
            write_text_atomic(Path(html), diff_html(plan))
    if output:
        fmt = sinks.export_format(Path(output), None) if Path(output).suffix else None
        if fmt not in ledger.LEDGER_FORMATS:
            raise click.ClickException(f"{output}: the change ledger is .csv, .xlsx, .json or .jsonl")
        if fmt == "xlsx":
            require_extra("xlsx")
        with _errors(output):
            column_map = ledger.load_column_map(columns) if columns else None
            changes.write_changes(plan, Path(output), fmt, column_map)
    if as_json:
        click.echo(changes.diff_json(plan), nl=False)
    else:
        for line in changes.diff_lines(plan):
            click.echo(line)


def _batch_specs(inputs: tuple[str, ...]) -> list[str]:
    """The INPUT arguments, with ``-`` replaced by the paths listed on stdin (one per line)."""
    specs: list[str] = []
    for spec in inputs:
        if spec == "-":
            specs.extend(line.strip() for line in sys.stdin if line.strip())
        else:
            specs.append(spec)
    return specs


def _stderr_is_tty() -> bool:
    return sys.stderr.isatty()


def _echo_tty(message: str) -> None:
    """Quiet unless a person is watching (stderr is a terminal)."""
    if _stderr_is_tty():
        click.echo(message, err=True)


FAILURES_SHOWN = 20  # failing inputs named on screen; all of them are in _summary.json


def _echo_summary(summary: batch.Summary, outdir: str) -> None:
    """The counts (on a terminal), then every failing input by name (always, on stderr)."""
    _echo_tty(f"{summary.inputs} inputs: {summary.ok} ok, {summary.failed} failed "
              f"({summary.parsed} parsed, {summary.skipped} skipped, {summary.warnings} warnings"
              f"{f' in {len(summary.warnings_by_input)} inputs' if summary.warnings_by_input else ''}) "
              f"in {summary.elapsed:.1f} s -> {outdir}")
    for failure in summary.failures[:FAILURES_SHOWN]:
        click.echo(f"  failed: {views.terminal_safe(failure['message'] or failure['input'])}", err=True)
    if len(summary.failures) > FAILURES_SHOWN:
        click.echo(f"  … and {len(summary.failures) - FAILURES_SHOWN} more in {Path(outdir) / batch.SUMMARY}", err=True)
    _echo_duplicates([(d["input"], d["same_as"]) for d in summary.duplicates], Path(outdir) / batch.SUMMARY)


DUPLICATES_SHOWN = 5  # pairs named in the one line about the store's duplicates


def _echo_duplicates(duplicates: list[tuple[str, str]], listed: Path | None = None) -> None:
    """One line (always, on stderr) when the store kept one document for several inputs."""
    if not duplicates:
        return
    pairs = "; ".join(f"{views.terminal_safe(path)} = {views.terminal_safe(stored)}"
                      for path, stored in duplicates[:DUPLICATES_SHOWN])
    more = len(duplicates) - DUPLICATES_SHOWN
    rest = f"; … and {more} more" + (f" in {listed}" if listed else "") if more > 0 else ""
    inputs = "input has" if len(duplicates) == 1 else "inputs have"
    click.echo(f"  store: {len(duplicates)} {inputs} the same content as a stored document and "
               f"{'is' if len(duplicates) == 1 else 'are'} stored once: {pairs}{rest}", err=True)


class _Progress:
    """A click progress bar on a terminal (no extra dependency), nothing otherwise."""

    def __init__(self, total: int, settled: int = 0) -> None:
        """``total``: every input (as the summary counts them); ``settled``: those decided without
        parsing (known results, error records of planning), counted from the start."""
        show = total > 0 and _stderr_is_tty()
        self.settled = settled
        self.bar = click.progressbar(length=total, label="inputs", file=sys.stderr,
                                     show_pos=True, show_eta=True) if show else None

    def __enter__(self) -> _Progress:
        if self.bar is not None:
            self.bar.__enter__()
            self.bar.update(self.settled)
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None

    def update(self, entry: batch.Entry, done: int, total: int) -> None:
        if self.bar is not None:
            self.bar.update(1)


if __name__ == "__main__":  # python -m policyparse.cli
    cli()
