"""The command line: a thin click layer over ``policyparse.parse``, ``export`` and ``evaluate``.

This is the only module that echoes, and the only place where exceptions become messages
and exit codes: bad input gives one ``Error: …`` line on stderr and exit status 1.
"""
from __future__ import annotations

import importlib.util
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from policyparse._version import __version__
from policyparse.api import Options, parse
from policyparse.batch import run as batch
from policyparse.errors import PolicyParseError
from policyparse.eval.score import EXTENSIONS, evaluate_dir
from policyparse.eval.units import score_units_gold, units_gold_lines
from policyparse.export import json as export
from policyparse.export import ledger, sinks, views
from policyparse.schema import PolicyDocument


@contextmanager
def _errors(name: str) -> Iterator[None]:
    """Turn bad input (``PolicyParseError``, unreadable files) into one clean error line."""
    try:
        yield
    except PolicyParseError as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        raise click.ClickException(f"{name}: {exc.strerror or exc}") from exc


# What each extra brings: the modules checked before any work starts (not a traceback at the end).
EXTRAS = {"nlp": ("jieba", "spacy"), "xlsx": ("openpyxl",), "dask": ("distributed",), "ocr": ("rapidocr_onnxruntime",)}


def require_extra(extra: str) -> None:
    """Stop with one ``Error:`` line naming the install command when an extra is missing."""
    missing = [m for m in EXTRAS[extra] if importlib.util.find_spec(m) is None]
    if missing:
        raise click.ClickException(f"this needs the {extra} extra ({', '.join(missing)} not installed): "
                                   f'pip install "policyparse[{extra}]"')


def _load(file: str, strict: bool = False, nlp: bool = False) -> PolicyDocument:
    """Parse FILE, or stdin bytes for ``-``."""
    if nlp:
        require_extra("nlp")
    with _errors(file):
        if file == "-":
            data = sys.stdin.buffer.read()
            return parse(data, Options(strict=strict, source_name="<stdin>", nlp=nlp))
        return parse(Path(file), Options(strict=strict, nlp=nlp))


def nlp_option(fn):
    """--nlp: the running-text stage (jieba + spaCy, the nlp extra)."""
    return click.option("--nlp", is_flag=True, help="Also find units in running text, mentions and keywords (needs the nlp extra).")(fn)


def input_argument(fn):
    """The FILE|- argument shared by parse and show."""
    return click.argument("file", metavar="FILE|-")(fn)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
def parse_command(file: str, output: str | None, gold: bool, strict: bool, nlp: bool) -> None:
    """Parse FILE (.txt/.pdf/.docx/.html/.ofd/.doc/.wps, or - for stdin; format by content) and print it as JSON."""
    doc = _load(file, strict, nlp)
    _emit(export.to_gold_json(doc) if gold else export.to_json(doc), output)


@cli.command("show")
@input_argument
@nlp_option
@click.option("--html", metavar="OUT.html", help="Also write displaCy HTML with the units highlighted (implies --nlp).")
def show_command(file: str, nlp: bool, html: str | None) -> None:
    """Print FILE as a readable tree: envelope, title, sections with units, warnings."""
    doc = _load(file, nlp=nlp or html is not None)
    for line in views.show_lines(doc):
        click.echo(line)
    if html:
        with _errors(html):
            Path(html).write_text(views.displacy_html(doc), encoding="utf-8")


@cli.command("units")
@input_argument
@click.option("--csv", "as_csv", is_flag=True, help="Write CSV instead of a table.")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of stdout.")
@nlp_option
def units_command(file: str, as_csv: bool, output: str | None, nlp: bool) -> None:
    """Print the responsibility matrix of FILE: each unit, the tasks it leads / is responsible for / supports."""
    rows = views.responsibility_matrix(_load(file, nlp=nlp))
    _emit(views.matrix_csv(rows) if as_csv else views.matrix_table(rows), output)


def _emit(text: str, output: str | None) -> None:
    """Text to stdout, or to the file OUTPUT."""
    if output is None:
        click.echo(text, nl=False)
        return
    with _errors(output):
        Path(output).write_text(text, encoding="utf-8")


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
def schema_command() -> None:
    """Print the JSON Schema of the output (PolicyDocument)."""
    click.echo(export.schema_json(), nl=False)


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
def batch_command(inputs: tuple[str, ...], outdir: str, jobs: int | None, force: bool, timeout: float,
                  formats: tuple[str, ...], db: str | None, scheduler: str | None, columns: str | None,
                  nlp: bool) -> None:
    """Parse every INPUT (files, folders, globs; - reads paths from stdin) into OUTDIR.

    Resumable: inputs whose content and parser version already have a result are skipped.
    Exits 1 when any input has an error record (listed in OUTDIR/_summary.json).
    """
    for extra, wanted in (("nlp", nlp), ("xlsx", "xlsx" in formats), ("dask", scheduler is not None)):
        if wanted:
            require_extra(extra)
    options = batch.BatchOptions(Path(outdir), jobs, force, timeout, scheduler, formats,
                                 Path(db) if db else None, Path(columns) if columns else None, nlp)
    with _errors(outdir):
        plan = batch.plan_batch(batch.collect_inputs(_batch_specs(inputs), options.outdir), options)
        with _Progress(len(plan.todo)) as bar:
            summary = batch.run_batch(plan, bar.update)
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
        counts = sinks.export_results(results, out, sinks.export_format(out, fmt), table, column_map)
        if output == "-":
            click.echo(out.read_text(encoding="utf-8-sig" if fmt == "csv" else "utf-8"), nl=False)
    _echo_tty(", ".join(f"{n} {name}" for name, n in counts.items()) + f" -> {output}")


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


def _echo_summary(summary: batch.Summary, outdir: str) -> None:
    _echo_tty(f"{summary.inputs} inputs: {summary.ok} ok, {summary.failed} failed "
              f"({summary.parsed} parsed, {summary.skipped} skipped, {summary.warnings} warnings) "
              f"in {summary.elapsed:.1f} s -> {outdir}")


class _Progress:
    """A click progress bar on a terminal (no extra dependency), nothing otherwise."""

    def __init__(self, total: int) -> None:
        show = total > 0 and _stderr_is_tty()
        self.bar = click.progressbar(length=total, label="parsing", file=sys.stderr,
                                     show_pos=True, show_eta=True) if show else None

    def __enter__(self) -> _Progress:
        if self.bar is not None:
            self.bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)

    def update(self, entry: batch.Entry, done: int, total: int) -> None:
        if self.bar is not None:
            self.bar.update(1)
