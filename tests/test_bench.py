"""bench/stages.py still runs: its stage table, and a side-by-side run against another tree
(two worker processes speaking its line protocol). Its figures are not asserted: speed is
measured by the benchmark, not by tests."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT


def test_the_stage_table_and_a_side_by_side_run_are_printed():
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("--against needs a git checkout of gailint")
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "stages.py"), "--repeat", "1", "--against", "HEAD"],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    rows = [line.split()[0] for line in done.stdout.splitlines() if re.search(r"\d\.\d{3}$", line)]
    assert rows[:5] == ["decode", "lex", "tables", "parse", "recognise"], done.stdout
    assert re.search(r"^whole check \(decode→rules\) +\d+\.\d{3} +target ≤ 2\.0 ms: (ok|MISSED)$", done.stdout, re.M)
    assert re.search(r"^throughput per core +\d+\.\d\d MB/s target ≥ 5\.0 MB/s: (ok|MISSED)$", done.stdout, re.M)
    assert re.search(r"^  HEAD +\d+\.\d{3}\n  this tree +\d+\.\d{3}\n  this tree / HEAD: \d\.\d{3}\n"
                     r"  paired rounds: median \d\.\d{3}, quartiles \d\.\d{3}–\d\.\d{3}$", done.stdout, re.M), done.stdout


def test_the_levers_still_apply_and_are_measured():
    """bench/levers.py patches this tree's source for each lever (and compiles two modules with
    mypyc): a patch that no longer applies to the code fails here, not silently in the bench."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("bench/levers.py needs a git checkout of gailint")
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "levers.py"), "--rounds", "1"],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    for name in ("this tree", "mutable", "no-gai605", "mypyc", "all"):
        assert re.search(rf"^  {name} +best +\d+\.\d{{3}} +paired median \d\.\d{{3}} +target ≤ 0\.357", done.stdout,
                         re.M), done.stdout
