"""Documentation: every CLI command and option has help, and every command is in README.md."""
from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from policyparse.cli import cli

README = Path(__file__).parent.parent / "README.md"
COMMANDS = sorted(cli.commands)


def test_group_has_help() -> None:
    assert cli.help


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help(name: str) -> None:
    command = cli.commands[name]
    assert command.help, f"command {name!r} has no help text"
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"option {param.opts} of {name!r} has no help text"


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_documented_in_readme(name: str) -> None:
    if not README.exists():
        pytest.skip("README.md does not exist yet (the lead writes it)")
    text = README.read_text(encoding="utf-8")
    assert re.search(rf"policyparse\s+{re.escape(name)}\b", text), (
        f"README.md never shows `policyparse {name}`: document the command with an example"
    )


def test_readme_python_example_is_true(monkeypatch):
    """Run the README's Python block from the project root; every `expr  # value` must hold."""
    import ast

    readme = README.read_text(encoding="utf-8")
    block = readme.split("```python", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(README.parent)
    ns: dict = {}
    for line in block.splitlines():
        code, _, comment = line.partition("#")
        code = code.strip()
        if not code:
            continue
        exec(code, ns)  # noqa: S102 - the README's own example
        value = comment.strip()
        if value and value[0] in "'[(\"" and "=" not in code:
            assert eval(code, ns) == ast.literal_eval(value), line  # noqa: S307


MARKDOWN = sorted(p for p in README.parent.rglob("*.md")
                  if not {".git", "build", ".venv-ci", ".venv-plain"} & set(p.relative_to(README.parent).parts))


@pytest.mark.parametrize("doc", MARKDOWN, ids=lambda p: str(p.relative_to(README.parent)))
def test_no_merge_conflict_markers(doc):
    bad = [n for n, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), 1)
           if re.match(r"(?:<{7}|>{7}|={7})(?: |$)", line)]
    assert not bad, f"{doc.name}: conflict markers at lines {bad}"
