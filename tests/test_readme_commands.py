"""Every concrete command the README shows runs as written (issue 11): from a scratch folder
that holds the project's samples/ and tests/ (and docs/ + more/ for the examples that name
them), each one exits 0.  The synopsis lines (FILE|-, [options]) are left out; the install
commands are run by .ci/run in fresh virtual environments.  The Dask block runs against a
scheduler and a worker this test starts and stops, on a free local port instead of HOST:8786."""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
SYNOPSIS = re.compile(r"FILE\||INPUT\.\.\.|RESULTS|OLD NEW|DB \[|DIR \[|\[-|…")
INSTALL = re.compile(r"pip install")


def readme_commands() -> list[str]:
    found = []
    for line in README.read_text(encoding="utf-8").splitlines():
        if re.match(r"^    (policyparse|python|dask|pip|find) ", line):
            found.append(re.split(r"\s{2,}#", line[4:])[0].strip())
    return found


COMMANDS = readme_commands()
PLAIN = [c for c in COMMANDS if not SYNOPSIS.search(c) and not INSTALL.search(c)
         and "HOST" not in c and not c.startswith("dask ")]
BIN = Path(sys.executable).parent


@pytest.fixture()
def scratch(tmp_path: Path) -> Path:
    for name in ("samples", "tests"):
        (tmp_path / name).symlink_to(ROOT / name)
    for name in ("docs", "more"):
        (tmp_path / name).mkdir()
        for pdf in sorted((ROOT / "samples").glob("*.pdf")):
            shutil.copy(pdf, tmp_path / name / f"{name}_{pdf.name}")
    return tmp_path


def _run(command: str, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(command, shell=True, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def test_the_readme_shows_the_commands_this_test_runs() -> None:
    assert len(PLAIN) >= 8 and any("--scheduler" in c for c in COMMANDS)
    assert "python -m pip install . && policyparse parse samples/wujiang_silk_2021.txt" in COMMANDS


@pytest.mark.parametrize("command", PLAIN)
def test_readme_command_runs_as_written(command: str, scratch: Path) -> None:
    if "--format xlsx" in command:
        pytest.importorskip("openpyxl", reason="the xlsx extra is not installed")
    if "python -m pytest" in command:
        pytest.skip("the test command itself (CI runs it)")
    result = _run(command, scratch)
    assert result.returncode == 0, f"{command}\n{result.stderr[-2000:]}"
    assert "Traceback" not in result.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_readme_dask_commands_run_against_a_scheduler_and_worker_they_start(scratch: Path) -> None:
    pytest.importorskip("distributed", reason="dask.distributed is not installed (extra 'dask')")
    dask_lines = [c for c in COMMANDS if c.startswith("dask ") or "--scheduler" in c]
    scheduler_cmd = next(c for c in dask_lines if c.startswith("dask scheduler"))
    worker_cmd = next(c for c in dask_lines if c.startswith("dask worker"))
    batch_cmd = next(c for c in dask_lines if "--scheduler" in c)
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    started = []
    try:
        started.append(subprocess.Popen(f"{scheduler_cmd} --host 127.0.0.1 --port {port} --no-dashboard", shell=True,
                                        cwd=scratch, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        start_new_session=True))
        worker = worker_cmd.replace("tcp://HOST:8786", address).replace("--nworkers 4", "--nworkers 1")
        started.append(subprocess.Popen(f"{worker} --no-dashboard", shell=True, cwd=scratch, env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True))
        from distributed import Client

        deadline = time.monotonic() + 60
        while True:
            try:
                with Client(address, timeout=5) as client:
                    if client.scheduler_info()["workers"]:
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the README's scheduler and worker did not come up"
            time.sleep(0.5)
        result = _run(batch_cmd.replace("tcp://HOST:8786", address), scratch)
        assert result.returncode == 0, result.stderr[-2000:]
        assert len(list((scratch / "out" / "docs").glob("*.pdf.json"))) == len(list((scratch / "docs").glob("*.pdf")))
    finally:
        for proc in started:
            try:
                os.killpg(proc.pid, 15)
            except ProcessLookupError:
                pass
            proc.wait(timeout=30)
