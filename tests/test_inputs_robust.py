"""Issue 15 (part B), inputs: each reproducer of the issue, with its exact message, the batch
going on and the exit status. Every test also checks a good report and asserts it was checked.

Run as the caller normally is: with the default result cache and the default ``--jobs``
(all cores), since a cache look-up reads files too. Unreadable directories are made so
for root as well, by starting gailint without the capabilities that let root ignore file
modes (`setpriv`, see tests/test_fix_safety.py).
"""

from __future__ import annotations

import codecs
import json
import os
import subprocess
from pathlib import Path

import pytest

from .conftest import SEEDS, gailint_executable
from .test_fix_safety import without_privilege

GOOD = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t6\t0\t8\n"
SELECT = "GAI0,GAI201"


def good(directory: Path, name: str = "z_good.txt") -> Path:
    path = directory / name
    path.write_text(GOOD, encoding="utf-8")
    return path


def good_line(path: Path | str) -> str:
    return f"{path}:2:30: GAI201 “一、本年新收政府信息公开申请数量”总计应为 7（1+0+0+0+6+0），实为 8"


def run(*args: str, cwd: Path, privileged: bool, timeout: float) -> subprocess.CompletedProcess:
    """`gailint ARGS` as a user runs it (cache on, all cores, no plugins; file modes applying when
    not `privileged`); a hang fails the test."""
    prefix = [] if privileged else without_privilege()
    return subprocess.run([*prefix, gailint_executable(), *args], capture_output=True, cwd=cwd, timeout=timeout)


def check(*paths: str, cwd: Path, privileged: bool = True, timeout: float = 20) -> tuple[int, list[str], str]:
    """`gailint check` on `paths`: (exit status, concise output lines, stderr)."""
    proc = run("check", "--no-plugins", "--select", SELECT, "--output-format", "concise", *paths,
               cwd=cwd, privileged=privileged, timeout=timeout)
    return proc.returncode, proc.stdout.decode().splitlines(), proc.stderr.decode()


# --- things that are not regular files ------------------------------------------------------

def test_fifo_in_a_checked_directory(tmp_path):
    """Before: `mkfifo d/p.txt; gailint check d` hung forever (the cache look-up read the pipe)."""
    for name in "abcdefghij":  # enough files for a worker pool and its cache look-ups
        good(tmp_path, f"{name}.txt")
    os.mkfifo(tmp_path / "p.txt")
    status, out, err = check(str(tmp_path), cwd=tmp_path)
    assert (status, err) == (2, "")
    assert f"{tmp_path / 'p.txt'}:1:1: GAI001 不是普通文件（管道、设备或目录），未读取" in out
    assert out.count(good_line(tmp_path / "a.txt")) == 1 and len(out) == 11


def test_fifo_named_directly(tmp_path):
    report = good(tmp_path)
    os.mkfifo(tmp_path / "p.txt")
    status, out, _ = check("p.txt", report.name, cwd=tmp_path)
    assert status == 2
    assert out == ["p.txt:1:1: GAI001 不是普通文件（管道、设备或目录），未读取", good_line(report.name)]


def test_symlink_loop_named_first(tmp_path):
    """Before: `ln -s b.txt a.txt; ln -s a.txt b.txt; gailint check a.txt good.txt` aborted with
    RuntimeError: Symlink loop, before anything was checked."""
    (tmp_path / "a.txt").symlink_to("b.txt")
    (tmp_path / "b.txt").symlink_to("a.txt")
    report = good(tmp_path, "good.txt")
    status, out, err = check("a.txt", "good.txt", cwd=tmp_path)
    assert (status, err) == (2, "")
    assert out == ["a.txt:1:1: GAI001 无法读取文件：Too many levels of symbolic links", good_line(report.name)]


# --- directories that cannot be read -----------------------------------------------------------

@pytest.fixture
def locked(tmp_path):
    """A directory holding a report, that this user may not read (restored afterwards)."""
    directory = tmp_path / "locked"
    directory.mkdir()
    good(directory, "hidden.txt")
    directory.chmod(0)
    yield directory
    directory.chmod(0o755)


def test_unreadable_subdirectory_is_reported(tmp_path, locked):
    """Before: skipped silently (exit 1, no message)."""
    report = good(tmp_path)
    status, out, err = check(str(tmp_path), cwd=tmp_path, privileged=False)
    assert status == 2
    assert out == [good_line(report)]
    assert err == f"gailint: cannot read the directory {locked}: Permission denied\n"


def test_unreadable_directory_named_directly(tmp_path, locked):
    """Before: only 'no .txt or .md reports under DIR'."""
    report = good(tmp_path)
    status, out, err = check("locked", report.name, cwd=tmp_path, privileged=False)
    assert status == 2
    assert out == [good_line(report.name)]
    assert err == "gailint: cannot read the directory locked: Permission denied\n"


def extract(*paths: str, cwd: Path, privileged: bool = True) -> tuple[int, list[dict], str]:
    """`gailint extract … -o records.json`: (exit status, records, stderr)."""
    proc = run("extract", "--no-plugins", "--select", SELECT, "-o", "records.json", *paths,
               cwd=cwd, privileged=privileged, timeout=60)
    written = cwd / "records.json"
    records = json.loads(written.read_text(encoding="utf-8")) if written.exists() else []
    return proc.returncode, records, proc.stderr.decode()


def test_extract_reports_an_unreadable_subdirectory_and_writes_the_rest(tmp_path, locked):
    """Before: `gailint extract` skipped it silently (exit 0): the dataset lacked its reports."""
    good(tmp_path)
    status, records, err = extract(str(tmp_path), cwd=tmp_path, privileged=False)
    assert status == 2
    assert [Path(r["file"]).name for r in records] == ["z_good.txt"]
    assert err.splitlines() == [f"gailint: cannot read the directory {locked}: Permission denied",
                                "gailint: wrote 1 reports to records.json"]


def test_extract_says_it_does_not_read_stdin_and_writes_the_rest(tmp_path):
    """Before: `gailint extract - a.txt` dropped the "-" silently, and `gailint extract -` exited 2
    without a word."""
    good(tmp_path, "a.txt")
    status, records, err = extract("-", "a.txt", cwd=tmp_path)
    assert (status, [r["file"] for r in records]) == (2, ["a.txt"])
    assert err.splitlines() == ["gailint: extract reads report files, not standard input (-)",
                                "gailint: wrote 1 reports to records.json"]
    (tmp_path / "records.json").unlink()
    assert extract("-", cwd=tmp_path) == (2, [], "gailint: extract reads report files, not standard input (-)\n")


def test_extract_has_the_size_guard_and_timeout_of_check(tmp_path):
    """Before: `extract` had no --max-file-size, --max-pdf-pages or --timeout (a reviewer could not
    bound a batch run the way `check` does)."""
    small, big = good(tmp_path, "a.txt"), good(tmp_path, "b.txt")
    big.write_text(GOOD + "说明。" * 100, encoding="utf-8")
    status, records, err = extract(small.name, big.name, "--max-file-size", "200", "--max-pdf-pages", "5",
                                   "--timeout", "30", "--no-cache", cwd=tmp_path)
    assert (status, err) == (2, "gailint: wrote 2 reports to records.json\n")  # 2: a file was not read, as in check
    counts = {r["file"]: (r["n_input"], r["n_reconciliation"]) for r in records}
    assert counts == {"a.txt": (0, 1), "b.txt": (1, 0)}  # b.txt: GAI008 (too big) instead of its GAI201


# --- encodings and stray bytes -------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read(tmp_path, encoding):
    """Before: called a binary file (its ASCII characters have a NUL byte each)."""
    text = SEEDS["000"].read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_bytes(text.encode(encoding))
    (tmp_path / "b.txt").write_text(text, encoding="utf-8")
    status, out, _ = check("a.txt", "b.txt", cwd=tmp_path)
    assert status == 1
    as_utf16 = [line.split(":", 1)[1] for line in out if line.startswith("a.txt:")]
    as_utf8 = [line.split(":", 1)[1] for line in out if line.startswith("b.txt:")]
    assert as_utf16 == as_utf8 and len(as_utf8) > 0


def test_utf16_without_bom_is_fixed_in_its_own_encoding(tmp_path):
    text = SEEDS["003"].read_text(encoding="utf-8")
    report = tmp_path / "a.txt"
    report.write_bytes(text.encode("utf-16-le"))
    exe = gailint_executable()
    subprocess.run([exe, "check", "--no-plugins", "--no-cache", "--fix", "--select", "GAI103", str(report)],
                   capture_output=True, timeout=60, check=False)
    after = report.read_bytes()
    assert not after.startswith(codecs.BOM_UTF16_LE)
    assert after.decode("utf-16-le") == text.replace("存在的主要问题及改进措施", "存在的主要问题及改进情况")


def test_nul_after_the_first_8_kb(tmp_path):
    """Before: checked as ordinary text without a word (only the first 8 KB were looked at)."""
    report = good(tmp_path)
    text = SEEDS["000"].read_text(encoding="utf-8") + SEEDS["001"].read_text(encoding="utf-8")  # 14.5 KB
    data = text.encode("utf-8")
    at = data.index(b"\n", 9000) + 1
    (tmp_path / "a.txt").write_bytes(data[:at] + b"\x00" + data[at:])
    status, out, err = check(str(tmp_path), cwd=tmp_path)
    assert (status, err) == (2, "")
    assert at > 8192
    assert out == [f"{tmp_path / 'a.txt'}:1:1: GAI001 文件含有 NUL 字节，像是二进制文件而非文本报告",
                   good_line(report)]
