"""Issue 15 (part B): fixes that can be trusted.

* The unsafe numeric fixes of GAI201–GAI205 are decided for all of a table's relations
  together (`gailint.relations.Repairs`): a cell is changed only when one value makes every
  relation involving it hold; when two relations want different values, neither rule fixes it.
* A pass of fixes that would add a diagnostic is refused; fixing converges, so a second
  `--fix` changes nothing.
* Writing back goes through a symlink to its target, keeps mode, owner and group, refuses a
  read-only file (GAI010) and reports a directory it cannot write in (GAI010), batch going on.
* A rule's malformed fix (reversed or out-of-range span, overlapping edits) is never applied:
  GAI005 names the rule and the file is untouched.
* Temporary files left by a killed `--fix` are removed on the next run.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from gailint.diagnostics import Edit, Fix
from gailint.engine import Linter
from gailint.rule import Rule, Severity
from gailint.runner import RunOptions, Runner
from gailint.source import LineIndex

from .conftest import SEEDS, corpus_file, gailint_executable
from .test_cli import gailint
from .test_plugins import PLUGINS, write_dist

NAMES = ("一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "(七) 总计", "四、结转下年度继续办理")


def rows(*values: tuple[int, ...]) -> str:
    """Table 2's balance rows (一, 二, （七）, 四), tab-separated as in seed 001."""
    return "".join(name + "\t" + "\t".join(map(str, row)) + "\n" for name, row in zip(NAMES, values))


ZERO = (0,) * 7


@pytest.fixture(scope="module")
def gai2() -> Linter:
    return Linter(load_plugins=False, select=["GAI2"])


def found(linter: Linter, text: str) -> list[tuple]:
    """(code, line, column, the fix's edits as (line, column, replacement), or None) per diagnostic."""
    index = LineIndex(text)
    out = []
    for d in Runner(linter).check_text("r.txt", text).result.diagnostics:
        edits = None if d.fix is None else [(*index.position(e.span.start), e.replacement) for e in d.fix.edits]
        out.append((d.code, *index.position(d.span.start), edits))
    return out


def fixed(linter: Linter, text: str) -> str:
    return Runner(linter, RunOptions(fix=True, unsafe_fixes=True)).check_text("r.txt", text).text


# --- which cell a numeric fix changes --------------------------------------------------

def test_two_rules_that_disagree_about_a_cell_do_not_fix_it(gai2):
    """四's 总计 is 5: GAI201 wants 1 (the row's sum), GAI202 wants 0 (一 + 二 − （七）).
    Before: each rule offered its own value and the fix loop flip-flopped."""
    text = rows((1, 0, 0, 0, 0, 0, 1), ZERO, (1, 0, 0, 0, 0, 0, 1), (1, 0, 0, 0, 0, 0, 5))
    assert found(gai2, text) == [("GAI202", 4, 13, None), ("GAI201", 4, 25, None), ("GAI202", 4, 25, None)]
    assert fixed(gai2, text) == text


def test_a_wrong_part_is_fixed_where_it_is(gai2):
    """一's 自然人 was changed from 1 to 3: its row total and its column's balance both break,
    and only the changed cell satisfies both. Before: the fixes rewrote the total (3) and 四 (2)."""
    text = rows((3, 0, 0, 0, 0, 0, 1), ZERO, (1, 0, 0, 0, 0, 0, 1), ZERO)
    assert found(gai2, text) == [("GAI201", 1, 30, [(1, 18, "1")]), ("GAI202", 4, 13, [(1, 18, "1")])]
    assert fixed(gai2, text) == rows((1, 0, 0, 0, 0, 0, 1), ZERO, (1, 0, 0, 0, 0, 0, 1), ZERO)


def test_a_total_alone_in_its_relation_is_fixed(gai2):
    """Seed 001 with (七)总计 changed from 1 to 5: only the total satisfies every relation."""
    text = rows((1, 0, 0, 0, 0, 0, 1), ZERO, (1, 0, 0, 0, 0, 0, 5), ZERO)
    assert found(gai2, text) == [("GAI201", 3, 20, [(3, 20, "1")]), ("GAI202", 4, 25, [(3, 20, "1")])]
    assert fixed(gai2, text) == rows((1, 0, 0, 0, 0, 0, 1), ZERO, (1, 0, 0, 0, 0, 0, 1), ZERO)


def test_huaian_mutant_fixes_once_and_for_all(tmp_path):
    """The issue's reproducer: corpus 008 with line 453 changed from 0 to 8. Before: line 559
    went 95, 103, 95 over three runs. Now the first run restores the changed cell and the
    report is the published one again; the later runs change nothing."""
    original = corpus_file("008").read_bytes()
    lines = original.split(b"\n")
    assert lines[452] == b"0"
    lines[452] = b"8"
    report = tmp_path / "c.txt"
    report.write_bytes(b"\n".join(lines))
    for _ in range(3):
        proc = gailint("check", "--no-plugins", "--no-cache", "--fix", "--unsafe-fixes", "-q", "--output-format",
                       "concise", str(report))
        assert report.read_bytes() == original
        assert proc.stdout.decode().splitlines() == [
            f"{report}:579:1: GAI002 表3的数值与表头交错排列（PDF 文本提取），无法确定各数值所属的列；未做数值核对"]


class _Foo(Rule):
    """报告 foo — fixture.

    **What it checks.** Nothing. **Why.** Fixture. **Failing example.** foo. **Passing example.** x.
    """

    code = "TST001"
    name = "foo"
    severity = Severity.WARNING
    summary = "foo / foo"

    def check(self, report, context):
        at = report.text.find("foo")
        if at >= 0:
            from gailint.ast import Span
            yield context.diagnostic(Span(at, at + 3), "foo", "foo", fix=Fix((Edit(Span(at, at + 3), "bar"),), "safe"))


class _Bar(Rule):
    """报告 bar — fixture.

    **What it checks.** Nothing. **Why.** Fixture. **Failing example.** bar. **Passing example.** x.
    """

    code = "TST002"
    name = "bar"
    severity = Severity.WARNING
    summary = "bar / bar"

    def check(self, report, context):
        for at in range(len(report.text)):
            if report.text.startswith("bar", at):
                from gailint.ast import Span
                yield context.diagnostic(Span(at, at + 3), "bar", "bar")


def test_a_fix_that_would_add_a_diagnostic_is_refused():
    """TST001's fix turns foo into bar, which TST002 reports: the fix is not applied."""
    linter = Linter([_Foo, _Bar])
    outcome = Runner(linter, RunOptions(fix=True)).check_text("r.txt", "一、总体情况\nfoo\n")
    assert (outcome.text, outcome.fixed) == ("一、总体情况\nfoo\n", 0)
    assert [d.code for d in outcome.result.diagnostics] == ["TST001"]
    alone = Runner(Linter([_Foo]), RunOptions(fix=True)).check_text("r.txt", "一、总体情况\nfoo\n")
    assert (alone.text, alone.fixed) == ("一、总体情况\nbar\n", 1)


# --- writing the fixed file back ---------------------------------------------------------

def broken_seed(directory: Path, name: str = "r.txt") -> Path:
    """Seed 001 with (七)总计 changed from 1 to 5 (GAI201, GAI203; the unsafe fix writes 1)."""
    path = directory / name
    text = SEEDS["001"].read_text(encoding="utf-8")
    path.write_text(text.replace("(七) 总计\t1\t0\t0\t0\t0\t0\t1", "(七) 总计\t1\t0\t0\t0\t0\t0\t5"), encoding="utf-8")
    return path


def fix(*paths: Path, cwd: Path, privileged: bool = True) -> subprocess.CompletedProcess:
    args = ["check", "--no-plugins", "--no-cache", "--unsafe-fixes", "--select", "GAI0,GAI2", "--output-format",
            "concise", *map(str, paths)]
    if privileged:
        return gailint(*args, cwd=cwd)
    exe = gailint_executable()
    return subprocess.run([*without_privilege(), exe, *args], capture_output=True, cwd=cwd, timeout=120)


def without_privilege() -> list[str]:
    """The command prefix under which file permissions apply. Root ignores them (capabilities
    CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH); `setpriv` (util-linux) starts the command
    without those two, still as root, so that a mode of 555 really stops it."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        if os.environ.get("CI") == "true":
            pytest.fail("running as root without setpriv (util-linux): cannot drop CAP_DAC_OVERRIDE")
        pytest.skip("running as root without setpriv (util-linux): permissions cannot be made to apply")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"]


def test_fix_writes_through_a_symlink(tmp_path):
    """Before: the link was replaced by a regular file and the target left unchanged."""
    target = broken_seed(tmp_path)
    link = tmp_path / "link.txt"
    link.symlink_to(target.name)
    proc = fix(link, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout
    assert link.is_symlink() and os.readlink(link) == "r.txt"
    assert target.read_bytes() == SEEDS["001"].read_bytes()


def test_fix_keeps_mode_owner_and_group(tmp_path):
    """Before: the file was recreated owned by the caller."""
    report = broken_seed(tmp_path)
    report.chmod(0o640)
    owner = (65534, 65534) if os.geteuid() == 0 else (os.geteuid(), os.getegid())
    if os.geteuid() == 0:
        os.chown(report, *owner)
    proc = fix(report, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout
    assert report.read_bytes() == SEEDS["001"].read_bytes()
    status = report.stat()
    assert (stat.S_IMODE(status.st_mode), status.st_uid, status.st_gid) == (0o640, *owner)


def test_read_only_file_is_not_written_and_the_batch_goes_on(tmp_path):
    """A 444 file is the user's protection, respected even by root: GAI010, unchanged, exit 2.
    Before: root rewrote it silently."""
    locked = broken_seed(tmp_path, "a.txt")
    before = locked.read_bytes()
    locked.chmod(0o444)
    other = broken_seed(tmp_path, "b.txt")
    proc = fix(locked, other, cwd=tmp_path)
    assert proc.returncode == 2
    assert locked.read_bytes() == before and stat.S_IMODE(locked.stat().st_mode) == 0o444
    assert other.read_bytes() == SEEDS["001"].read_bytes()
    assert proc.stdout.decode().splitlines() == [
        f"{locked}:1:1: GAI010 文件为只读（权限 444），修复未写入",
        f"{locked}:68:20: GAI201 “（七）总计”总计应为 1（1+0+0+0+0+0），实为 5",
        f"{locked}:68:20: GAI203 （七）总计（总计）应为 1（各办理结果之和：1），实为 5",
        f"{locked}:69:26: GAI202 勾稽关系不成立：四、结转下年度继续办理（总计）应为 -4（一 1 + 二 0 − （七）5），实为 0",
    ]


def test_read_only_directory_reports_the_file_and_goes_on(tmp_path):
    """Before: a PermissionError traceback and no output for any file."""
    locked_dir, open_dir = tmp_path / "locked", tmp_path / "open"
    locked_dir.mkdir()
    open_dir.mkdir()
    locked, other = broken_seed(locked_dir), broken_seed(open_dir)
    locked_dir.chmod(0o555)
    before = locked.read_bytes()
    try:
        proc = fix(locked, other, cwd=tmp_path, privileged=False)
    finally:
        locked_dir.chmod(0o755)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr == b""
    assert locked.read_bytes() == before
    assert other.read_bytes() == SEEDS["001"].read_bytes()
    assert proc.stdout.decode().splitlines()[0] == f"{locked}:1:1: GAI010 无法写入修复：Permission denied"
    assert [p.name for p in locked_dir.iterdir()] == ["r.txt"]


# --- malformed fixes of a plugin's rule ---------------------------------------------------

@pytest.mark.parametrize(("code", "expected"), [
    # a span the engine's guard rejects (gailint.guard): the rule's result is discarded
    ("BAD001", ["GAI005 插件 bad (gailint-test-bad-fix 0.1) 的规则 BAD001（reversed-span）产生了无效的诊断"
                "（fix edit span 10–5 ends before it starts），其结果已丢弃"]),
    ("BAD003", ["GAI005 插件 bad (gailint-test-bad-fix 0.1) 的规则 BAD003（past-the-end）产生了无效的诊断"
                "（fix edit span 0–1000000 lies outside the document (0–28)），其结果已丢弃"]),
    # edits that overlap each other (each span valid): the runner takes the fix off the diagnostic
    ("BAD002", ["BAD002 修复有误", "GAI005 规则 BAD002（overlapping-edits）的修复无效，未应用：编辑范围 0–4 与 2–6 重叠"]),
])
def test_a_malformed_fix_is_never_applied(tmp_path, code, expected):
    """Before: Edit(Span(10, 5), 'X') duplicated five characters of the report."""
    site = tmp_path / "site"
    write_dist(site, "gailint-test-bad-fix", {"bad": "gl_bad_fix"})
    report = tmp_path / "r.txt"
    text = "一、总体情况\n本机关 2024 年度公开工作有序开展。\n"
    assert len(text) == 28
    report.write_text(text, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "GAILINT_DISABLE_PLUGINS"}
    env["PYTHONPATH"] = os.pathsep.join([str(site), str(PLUGINS)])
    exe = gailint_executable()
    proc = subprocess.run([exe, "check", "--no-cache", "--fix", "--select", f"{code},GAI005", "--output-format",
                           "concise", str(report)], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert report.read_text(encoding="utf-8") == text
    assert proc.stdout.splitlines() == [f"{report}:1:1: {line}" for line in expected]
    assert proc.returncode == 1


# --- leftovers of a killed --fix ----------------------------------------------------------

def test_temporary_files_of_a_killed_run_are_removed(tmp_path):
    """`kill -9` during a write leaves `.NAME.PID.xxxxxxxx.gailint-tmp`; the next run removes it,
    but not the file of a gailint still running (its process is alive)."""
    report = broken_seed(tmp_path)
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    dead = tmp_path / f".r.txt.{gone.pid}.k3j2h1g0.gailint-tmp"
    legacy = tmp_path / ".r.txt.a8d7f6s5.gailint-tmp"   # written before the pid was in the name
    running = tmp_path / f".r.txt.{os.getpid()}.q1w2e3r4.gailint-tmp"
    for path in (dead, legacy, running):
        path.write_bytes(b"half a report")
    proc = gailint("check", "--no-plugins", "--no-cache", "-q", str(report), cwd=tmp_path)
    assert proc.returncode == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [running.name, "r.txt"]
