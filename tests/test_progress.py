"""The progress bar of long runs: its line, when it shows, and a real run on a pseudo-terminal."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import re
import select
import shutil
import struct
import subprocess
import tempfile
import termios
import time

from gailint.output import display_width
from gailint.progress import DELAY, INTERVAL, Progress

from .conftest import SEEDS, gailint_executable


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_line_shows_done_total_rate_and_eta():
    bar = Progress(1000, Terminal())
    assert bar.line(370, "archive/2024/淮安市.txt", 2.43, 100) == (
        " 37% ███████████░░░░░░░░░░░░░░░░░░░  370/1000  152.3/s  ETA 0:04  archive/2024/淮安市.txt")
    assert bar.line(0, "a.txt", 0.0, 100).startswith("  0% ░░░░") and "ETA --:--" in bar.line(0, "a", 0.0, 100)
    assert bar.line(1000, "", 100.0, 100) == "100% ██████████████████████████████  1000/1000  10.0/s  ETA 0:00"
    assert "ETA 1:02:03" in Progress(10_000, Terminal()).line(1, "", 0.3723, 100)
    # never wider than the terminal (less one column, so it never wraps), the path cut from the left
    for columns in (20, 40, 60, 80, 120):
        line = bar.line(370, "/very/long/path/" + "目录/" * 40 + "报告.txt", 2.43, columns)
        assert display_width(line) <= columns - 1, (columns, line)
    wide = bar.line(370, "/very/long/path/" + "目录/" * 40 + "报告.txt", 2.43, 120)
    assert "ETA 0:04  …" in wide and wide.endswith("目录/目录/报告.txt") and display_width(wide) >= 117


def test_shown_only_on_a_terminal_after_the_delay_and_throttled():
    clock, terminal = Clock(), Terminal()
    bar = Progress(50, terminal, clock=clock)
    bar.update(1, "a.txt")
    assert terminal.getvalue() == ""                      # a short run never shows a bar
    clock.now += DELAY
    bar.update(2, "b.txt")
    assert terminal.getvalue().startswith("\r\033[K  4% ") and "2/50" in terminal.getvalue()
    clock.now += INTERVAL / 2
    bar.update(3, "c.txt")
    assert "3/50" not in terminal.getvalue()              # redrawn at most every INTERVAL
    bar.update(50, "z.txt")
    assert "50/50" in terminal.getvalue()                 # but the last file always shows
    bar.done()
    assert terminal.getvalue().endswith("\r\033[K") and not bar.shown
    piped = io.StringIO()
    silent = Progress(50, piped, clock=clock)
    clock.now += 10
    silent.update(10, "a.txt")
    silent.done()
    assert piped.getvalue() == "" and not silent.enabled


def run_on_pty(*args: str, columns: int = 100) -> tuple[int, bytes, bytes]:
    """Run gailint with stderr on a pseudo-terminal of `columns` columns (stdout to a pipe);
    returns the exit status, what the terminal received, and stdout."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, columns, 0, 0))
    with tempfile.TemporaryFile() as stdout:   # a file, not a pipe: nobody drains a pipe while the pty is read
        proc = subprocess.Popen([gailint_executable(), *args], stdin=subprocess.DEVNULL, stdout=stdout, stderr=slave)
        os.close(slave)
        screen = read_terminal(master, proc)
        status = proc.wait(timeout=60)
        os.close(master)
        stdout.seek(0)
        return status, screen, stdout.read()


def read_terminal(master: int, proc: subprocess.Popen, seconds: float = 300) -> bytes:
    """Everything written to a pseudo-terminal until `proc` closes it (or ends, or `seconds` pass)."""
    screen = bytearray()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 1.0)
        if not ready:
            if proc.poll() is not None:
                break
            continue
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        screen += chunk
    return bytes(screen)


def _batch(tmp_path, copies: int = 80):
    for n in range(copies):
        for name, seed in SEEDS.items():
            shutil.copy(seed, tmp_path / f"{n:04d}_{name}.txt")
    return copies * len(SEEDS)


def test_a_long_run_on_a_terminal_shows_the_bar(tmp_path):
    total = _batch(tmp_path)
    started = time.monotonic()
    status, screen, out = run_on_pty("check", "--no-cache", "-j", "1", "--output-format", "concise", str(tmp_path))
    took = time.monotonic() - started
    assert status == 1 and out.count(b"GAI003") == 23 * 80   # the diagnostics went to stdout, whole
    text = screen.decode("utf-8")
    frames = [f for f in text.split("\r\033[K") if f]
    assert took > DELAY + 0.2 and frames, f"no bar in a {took:.1f} s run: {text!r}"
    for frame in frames:
        match = re.fullmatch(r"\s*(\d+)% [█░]{30}  (\d+)/(\d+)  ([\d.]+)/s  ETA (\d+:\d\d)(  \S.*)?", frame)
        assert match, frame
        assert int(match.group(3)) == total and 0 < int(match.group(2)) <= total
        assert display_width(frame) <= 99
    done = [int(re.search(r"(\d+)/", f).group(1)) for f in frames]
    assert done == sorted(done)                          # files done only grows
    assert text.endswith("\r\033[K")                     # the bar is erased at the end


def test_no_bar_with_q_or_off_a_terminal(tmp_path):
    _batch(tmp_path, 40)
    status, screen, out = run_on_pty("check", "--no-cache", "-j", "1", "-q", "--output-format", "concise",
                                     str(tmp_path))
    assert status == 1 and screen == b"" and out.count(b"GAI003") == 23 * 40
    proc = subprocess.run([gailint_executable(), "check", "--no-cache", "-j", "1", "--output-format", "concise", str(tmp_path)],
                          capture_output=True, timeout=120)
    assert proc.returncode == 1 and proc.stderr == b""
