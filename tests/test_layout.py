"""The layout stays true: stages import only earlier stages, grammar/ imports nothing of ours,
no import cycle, and ``import policyparse`` loads no eval, NLP or batch module.

Imports inside functions count as much as those at the top of a module."""
from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "policyparse"

# Pipeline order: a module may import modules of its own stage, of earlier stages, and the base.
STAGES = ["grammar", "ingest", "normalize", "structure", "units", "assemble", "nlp", "diff",
          "export", "report", "eval", "batch", "api", "cli"]
BASE = {"errors", "schema", "_version", "_models"}   # read by every stage, import only grammar
# api is the orchestrator: parse() runs the stages in order.  eval scores parse() (api) and batch
# runs it, and report parses the documents it is given as files (then shows them beside the
# result, as export does), so those three come after api; cli is the top.
AFTER_API = {"eval", "batch", "report"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every policyparse module that ``path`` imports, at any depth of the code."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("policyparse")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            if base.startswith("policyparse"):
                found |= {f"{base}.{a.name}" for a in node.names} | {base}
    modules = {module_name(p) for p in PACKAGE.rglob("*.py")}
    return {m for m in found if m in modules}


def stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def rank(name: str) -> int:
    if name in BASE:
        return 0
    if name in ("__init__", "__main__"):
        return len(STAGES) + 1
    order = [s for s in STAGES if s not in AFTER_API and s not in ("api", "cli")] + ["api", *sorted(AFTER_API), "cli"]
    return order.index(name) + 1


GRAPH = {module_name(p): imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def test_every_module_has_a_stage():
    assert all(stage(m) in (*STAGES, *BASE, "__init__", "__main__") for m in GRAPH), sorted(GRAPH)


def test_no_stage_imports_a_later_stage():
    backwards = []
    for module, targets in GRAPH.items():
        for target in targets:
            a, b = stage(module), stage(target)
            if a == b or target == "policyparse":
                continue
            if rank(b) > rank(a) or (a in BASE and b not in ("grammar", *BASE)):
                backwards.append(f"{module} -> {target}")
    assert not backwards, "\n".join(backwards)


def test_grammar_imports_nothing_of_ours():
    leaks = [f"{m} -> {t}" for m, ts in GRAPH.items() if stage(m) == "grammar" for t in ts if stage(t) != "grammar"]
    assert not leaks, leaks


def test_no_import_cycle():
    state: dict[str, int] = {}
    cycles: list[str] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(GRAPH.get(node, ())):
            if nxt == "policyparse" or nxt == node:
                continue
            if state.get(nxt) == 1:
                cycles.append(" -> ".join(trail[trail.index(nxt):] + [nxt]) if nxt in trail else f"{node} -> {nxt}")
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])
    assert not cycles, "\n".join(cycles)


def test_importing_the_package_loads_no_eval_nlp_or_batch_module():
    code = "import sys, policyparse; print('\\n'.join(sorted(sys.modules)))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    heavy = [m for m in loaded if m.startswith(("policyparse.eval", "policyparse.nlp", "policyparse.batch",
                                                "policyparse.report", "jieba", "spacy", "dask", "distributed",
                                                "jinja2", "rapidfuzz", "scipy", "numpy", "policyparse.diff."))]
    assert not heavy, heavy


REASON = re.compile(r"(?:Over|About)\s+(\d+)\s+lines")


def test_every_long_module_says_why_at_its_top():
    """A module over 400 lines says why in its docstring (``Over 400 lines: …`` or ``About N lines: …``),
    and an ``About N`` figure stays within 15 % of the truth."""
    for path in sorted(PACKAGE.rglob("*.py")):
        size = len(path.read_text(encoding="utf-8").splitlines())
        if size <= 400:
            continue
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        said = REASON.search(doc)
        assert said, f"{path.relative_to(PACKAGE.parent)}: {size} lines and no reason at its top"
        if doc[said.start():].startswith("About"):
            assert abs(int(said.group(1)) - size) <= 0.15 * size, f"{path.name}: says {said.group(0)}, has {size}"
