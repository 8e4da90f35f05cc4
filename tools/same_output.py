#!/usr/bin/env python3
"""Is ``policyparse parse`` output byte-identical between two source trees?

    python tools/same_output.py BEFORE_TREE [AFTER_TREE] [--inputs DIR ...] [--keep DIR]

Each tree (a checkout, e.g. ``git worktree add /tmp/v020 <commit>``) is installed with
``pip install --no-deps --target`` into a scratch folder, so neither sees the other or an
editable install; then, in a fresh interpreter per tree, the click command ``parse FILE`` runs
in-process (click's CliRunner) on every .txt/.pdf/.docx/.html/.htm file under the input folders
(default: samples/ and tests/ of this checkout).  Exit code, stdout and stderr are compared byte
for byte; every file that differs is listed.  AFTER_TREE defaults to this checkout.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = {".txt", ".pdf", ".docx", ".html", ".htm"}
# Documents still being collected are not parsed before their split is fixed (tests/golden/README.md).
SKIP = {"corpus_incoming", ".pytest_cache", "__pycache__"}

CHILD = r"""
import json, sys
from click.testing import CliRunner
from policyparse.cli import cli
runner = CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else CliRunner()
out = {}
for path in json.load(open(sys.argv[1])):
    r = runner.invoke(cli, ["parse", path])
    out[path] = [r.exit_code, r.stdout_bytes.decode("utf-8", "replace"), (r.stderr_bytes or b"").decode("utf-8", "replace")]
json.dump(out, open(sys.argv[2], "w"), ensure_ascii=False, sort_keys=True)
"""


def inputs(folders: list[Path]) -> list[str]:
    files = (p for folder in folders for p in folder.resolve().rglob("*") if p.is_file())  # the child runs elsewhere
    return sorted(str(p) for p in files if p.suffix.lower() in SUFFIXES and not SKIP & set(p.parts))


def outputs(tree: Path, files: list[str], scratch: Path) -> dict[str, list]:
    os.environ.setdefault("PIP_ROOT_USER_ACTION", "ignore")
    target = scratch / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--disable-pip-version-check", "--quiet", "--no-deps",
                    "--target", str(target), str(tree)], check=True)
    listing, result = scratch / "inputs.json", scratch / "out.json"
    listing.write_text(json.dumps(files), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(target)}
    subprocess.run([sys.executable, "-c", CHILD, str(listing), str(result)], check=True, env=env, cwd=scratch)
    return json.loads(result.read_text(encoding="utf-8"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path, nargs="?", default=ROOT)
    ap.add_argument("--inputs", type=Path, nargs="+", default=[ROOT / "samples", ROOT / "tests"])
    args = ap.parse_args()
    files = inputs(args.inputs)
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        before = outputs(args.before.resolve(), files, Path(a))
        after = outputs(args.after.resolve(), files, Path(b))
    changed = [f for f in files if before[f] != after[f]]
    for f in changed:
        print(f"changed: {os.path.relpath(f, ROOT)}")
    print(f"{len(files) - len(changed)} of {len(files)} inputs byte-identical, {len(changed)} changed")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
