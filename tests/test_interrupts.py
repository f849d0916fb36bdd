"""Issue 15 (part B): ^C and kill -9 with real processes and real signals.

`gailint check -j 2` on 500 reports is started in its own session (as a shell starts a
job); once its two workers run, the test sends SIGINT to the whole process group (what
^C in a terminal does), SIGINT to the parent alone, or SIGKILL to the parent. Before:
a KeyboardInterrupt traceback per worker, 1 run in 18 hung for over 60 s, and after
kill -9 the workers stayed for ≥ 51 s.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import SEEDS, gailint_executable

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc for the worker processes")


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("batch")
    for number in range(100):
        for seed in SEEDS.values():
            shutil.copy(seed, directory / f"{number:03d}-{seed.name}")
    return directory


def children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def alive(pid: int) -> bool:
    """Running (a zombie waiting for its new parent to reap it counts as gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1][0] != "Z"
    except OSError:
        return False


def start(batch: Path) -> tuple[subprocess.Popen, list[int]]:
    exe = gailint_executable()
    proc = subprocess.Popen([exe, "check", "--no-plugins", "--no-cache", "-j", "2", "-q", str(batch)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 30
    while len(children(proc.pid)) < 2:
        assert proc.poll() is None, "gailint ended before its workers started"
        assert time.monotonic() < deadline, "no worker processes after 30 s"
        time.sleep(0.02)
    time.sleep(0.5)  # the workers are checking files now
    assert proc.poll() is None, "the batch is too small: gailint finished before the signal"
    return proc, children(proc.pid)


def gone_within(pids: list[int], seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return [pid for pid in pids if alive(pid)]


@pytest.mark.parametrize("target", ["group", "parent"])
def test_ctrl_c_exits_130_with_one_line(batch, target):
    proc, workers = start(batch)
    if target == "group":
        os.killpg(proc.pid, signal.SIGINT)
    else:
        os.kill(proc.pid, signal.SIGINT)
    try:
        status = proc.wait(timeout=5)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert status == 130
    assert proc.stderr.read().decode() == "gailint: interrupted\n"
    assert gone_within(workers, 3) == []


def test_workers_end_with_a_killed_parent(batch):
    proc, workers = start(batch)
    proc.kill()
    assert proc.wait(timeout=5) == -signal.SIGKILL
    try:
        assert gone_within(workers, 3) == []
    finally:
        for pid in workers:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
