"""The command line: a thin click layer over ``policyparse.parse``, ``export`` and ``evaluate``.

This is the only module that echoes, and the only place where exceptions become messages
and exit codes: bad input gives one ``Error: …`` line on stderr and exit status 1.
"""
from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from . import __version__, export
from .api import Options, parse
from .errors import PolicyParseError
from .evaluate import EXTENSIONS, evaluate_dir
from .schema import Issue, Node, Notice, PolicyDocument

ROLE_COLOURS = {"lead": "red", "responsible": "green", "supporting": "cyan"}


@contextmanager
def _errors(name: str) -> Iterator[None]:
    """Turn bad input (``PolicyParseError``, unreadable files) into one clean error line."""
    try:
        yield
    except PolicyParseError as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        raise click.ClickException(f"{name}: {exc.strerror or exc}") from exc


def _load(file: str, strict: bool = False) -> PolicyDocument:
    """Parse FILE, or stdin bytes for ``-``."""
    with _errors(file):
        if file == "-":
            data = sys.stdin.buffer.read()
            return parse(data, Options(strict=strict, source_name="<stdin>"))
        return parse(Path(file), Options(strict=strict))


def input_argument(fn):
    """The FILE|- argument shared by parse and show."""
    return click.argument("file", metavar="FILE|-")(fn)


@click.group()
@click.version_option(__version__, prog_name="policyparse")
def cli() -> None:
    """Turn Chinese government policy documents (通知, 行动计划, 实施方案) into validated JSON."""


@cli.command("parse")
@input_argument
@click.option("-o", "--output", metavar="FILE", help="Write the JSON to FILE instead of stdout.")
@click.option("--gold", is_flag=True, help="Print the gold annotation view (notice, outline, assignments).")
@click.option("--strict", is_flag=True, help="Fail on the first parser warning instead of reporting it.")
def parse_command(file: str, output: str | None, gold: bool, strict: bool) -> None:
    """Parse FILE (.txt/.pdf/.docx/.html, or - for stdin) and print it as JSON."""
    doc = _load(file, strict)
    text = export.to_gold_json(doc) if gold else export.to_json(doc)
    if output is None:
        click.echo(text, nl=False)
        return
    with _errors(output):
        Path(output).write_text(text, encoding="utf-8")


@cli.command("show")
@input_argument
def show_command(file: str) -> None:
    """Print FILE as a readable tree: envelope, title, sections with units, warnings."""
    doc = _load(file)
    for line in show_lines(doc):
        click.echo(line)


@cli.command("eval")
@click.argument("directory", metavar="DIR")
@click.option("--ext", type=click.Choice(EXTENSIONS), default=".txt", show_default=True,
              help="Score the NAME.EXT twin of each NAME.gold.json.")
@click.option("-v", "--verbose", is_flag=True, help="List every miss of every document.")
def eval_command(directory: str, ext: str, verbose: bool) -> None:
    """Score the parser against the NAME.gold.json files in DIR."""
    with _errors(directory):
        report = evaluate_dir(directory, ext)
    click.echo(report.table())
    if verbose:
        click.echo("\n" + "\n".join(report.miss_lines() or ["no misses"]))
    if report.errors:
        raise click.ClickException(f"{len(report.errors)} document(s) failed to parse: {', '.join(report.errors)}")


@cli.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the output (PolicyDocument)."""
    click.echo(export.schema_json(), nl=False)


# --------------------------------------------------------------------------- show


def show_lines(doc: PolicyDocument) -> Iterator[str]:
    """The spot-check view (styles are stripped by click.echo when stdout is not a tty)."""
    yield from _notice_lines(doc.notice)
    yield _label("document", doc.title or "—")
    yield _label("sections", "" if doc.sections else "—")
    scope = None
    for node in doc.sections:
        if node.scope != scope:
            scope = node.scope
            yield click.style(f"  [{scope}]", dim=True)
        yield from _node_lines(node, 2)
    yield from _warning_lines(doc.warnings)


def _label(name: str, value: str = "") -> str:
    return click.style(f"{name}:", bold=True) + (f" {value}" if value else "")


def _notice_lines(notice: Notice | None) -> Iterator[str]:
    if notice is None:
        yield _label("notice", "—")
        return
    yield _label("notice")
    names = {"addressees": "、".join(unit.name for unit in notice.addressees), "attachments": "；".join(notice.attachments)}
    for key in ("title", "doc_number", "issuer", "date", "addressees", "public_note", "attachments"):
        value = names.get(key, getattr(notice, key))
        yield f"  {key + ':':<13}{value or '—'}"


def _node_lines(node: Node, depth: int) -> Iterator[str]:
    indent = "  " * depth
    role = click.style(f"  [{node.role}]", fg="magenta") if node.role else ""
    yield f"{indent}{click.style(node.path, bold=True)} {node.marker}{node.title}{role}"
    if node.units:
        yield f"{indent}    units: " + ", ".join(_unit_text(unit) for unit in node.units)
    if node.deadline:
        date = f" ({node.deadline.date})" if node.deadline.date else ""
        yield f"{indent}    deadline: {node.deadline.text}{date}"
    for child in node.children:
        yield from _node_lines(child, depth + 1)


def _unit_text(unit) -> str:
    full = f" = {unit.canonical}" if unit.canonical and unit.canonical != unit.name else ""
    return click.style(f"{unit.name} ({unit.role})", fg=ROLE_COLOURS[unit.role]) + full


def _warning_lines(warnings: list[Issue]) -> Iterator[str]:
    yield _label("warnings", "" if warnings else "none")
    for issue in warnings:
        at = f" (at {issue.span.start})" if issue.span else ""
        yield click.style(f"  {issue.code} {issue.message}{at}", fg="yellow")
