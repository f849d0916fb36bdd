"""Bad inputs: each one's exact message and exit status, and the batch always goes on.

Every test checks a good report alongside the bad input and asserts that the
good report was checked (its GAI201 at 2:30 is in the output).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gailint import cli
from gailint.runner import Runner

from .test_cli import gailint

GOOD = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t6\t0\t8\n".encode()
SELECT = "GAI0,GAI201"  # the input rules and the one the good report breaks


def good(directory: Path, name: str = "z_good.txt") -> Path:
    path = directory / name
    path.write_bytes(GOOD)
    return path


def good_line(path: Path) -> str:
    return f"{path}:2:30: GAI201 “一、本年新收政府信息公开申请数量”总计应为 7（1+0+0+0+6+0），实为 8"


def check(*args: str, cwd: Path, input: bytes | None = None) -> tuple[int, list[str], str]:
    proc = gailint("check", "--no-plugins", "--select", SELECT, "--output-format", "concise", *args, cwd=cwd,
                   input=input)
    return proc.returncode, proc.stdout.decode().splitlines(), proc.stderr.decode()


def test_binary_file(tmp_path):
    report = good(tmp_path)
    (tmp_path / "a.txt").write_bytes(b"%PDF-1.7\n\x00\x00\x01\x02\xff" * 20)
    status, out, err = check(str(tmp_path), cwd=tmp_path)
    assert (status, err) == (2, "")
    assert out == [f"{tmp_path / 'a.txt'}:1:1: GAI001 文件含有 NUL 字节，像是二进制文件而非文本报告", good_line(report)]


def test_control_characters_without_nul(tmp_path):
    report = good(tmp_path)
    (tmp_path / "a.txt").write_bytes(bytes(range(1, 9)) * 100)
    status, out, _ = check(str(tmp_path), cwd=tmp_path)
    assert status == 2
    assert out == [f"{tmp_path / 'a.txt'}:1:1: GAI001 文件含有大量控制字符，像是二进制文件而非文本报告", good_line(report)]


@pytest.mark.parametrize("content", [b"", b" \r\n\t\n"], ids=["zero-bytes", "whitespace"])
def test_empty_file(tmp_path, content):
    report = good(tmp_path)
    (tmp_path / "a.txt").write_bytes(content)
    status, out, err = check(str(tmp_path), cwd=tmp_path)
    assert (status, err) == (2, "")
    assert out == [f"{tmp_path / 'a.txt'}:1:1: GAI001 文件为空", good_line(report)]


def test_undecodable_bytes(tmp_path):
    report = good(tmp_path)
    (tmp_path / "a.txt").write_bytes("一、总体情况".encode() + b"\xff\xfe\x80\x81")
    (tmp_path / "b.txt").write_bytes(b"\xef\xbb\xbf" + "一、".encode() + b"\xc3\x28")
    status, out, _ = check(str(tmp_path), cwd=tmp_path)
    assert status == 2
    assert out == [
        f"{tmp_path / 'a.txt'}:1:1: GAI001 无法按 UTF-8 / GB18030 解码（第 18 字节）；请以 UTF-8 或 GB18030 保存",
        f"{tmp_path / 'b.txt'}:1:1: GAI001 无法按 utf-8 解码（第 9 字节）；请以 UTF-8 或 GB18030 保存",
        good_line(report),
    ]


def test_directory_with_no_reports(tmp_path):
    empty = tmp_path / "empty"
    (empty / "sub").mkdir(parents=True)
    (empty / "notes.xlsx").write_bytes(b"PK")
    (empty / ".hidden").mkdir()
    (empty / ".hidden" / "r.txt").write_text("一、总体情况\n", encoding="utf-8")
    report = good(tmp_path)
    status, out, err = check(str(empty), str(report), cwd=tmp_path)
    assert status == 2
    assert err.startswith("gailint: no .txt, .md, .docx") and err.endswith(f" reports under {empty}\n")
    assert out == [good_line(report)]


def test_directory_with_no_reports_alone(tmp_path):
    proc = gailint("check", "--no-plugins", str(tmp_path), cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (2, b"")
    err = proc.stderr.decode()
    assert err.startswith("gailint: no .txt, .md, .docx") and err.endswith(f" reports under {tmp_path}\n")


def _unreadable(path: Path, monkeypatch) -> None:
    """Make `path` unreadable: by permissions, or — as root, whom permissions do not stop —
    by making reading it fail exactly as the permission check does."""
    path.chmod(0)
    if os.geteuid() != 0:
        return
    real_open = os.open

    def refuse(name, flags, *args, **kwargs):
        if os.fspath(name) == os.fspath(path):
            raise PermissionError(13, os.strerror(13), os.fspath(name))
        return real_open(name, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)


def test_unreadable_file_permissions(tmp_path, monkeypatch, capsys):
    report = good(tmp_path)
    locked = good(tmp_path, "a.txt")
    _unreadable(locked, monkeypatch)
    try:
        status = cli.main(["check", "--no-plugins", "--no-cache", "--select", SELECT, "--output-format", "concise",
                           str(tmp_path)])
    finally:
        locked.chmod(0o644)
    out = capsys.readouterr()
    assert status == 2
    assert out.out.splitlines() == [f"{locked}:1:1: GAI001 无法读取文件：Permission denied", good_line(report)]


def test_broken_symlink(tmp_path):
    report = good(tmp_path)
    (tmp_path / "a.txt").symlink_to(tmp_path / "gone.txt")
    status, out, err = check(str(tmp_path), cwd=tmp_path)
    assert (status, err) == (2, "")
    assert out == [f"{tmp_path / 'a.txt'}:1:1: GAI001 无法读取文件：No such file or directory", good_line(report)]


def test_named_file_that_does_not_exist(tmp_path):
    report = good(tmp_path)
    status, out, _ = check(str(tmp_path / "missing.txt"), str(report), cwd=tmp_path)
    assert status == 2
    assert out == [f"{tmp_path / 'missing.txt'}:1:1: GAI001 无法读取文件：No such file or directory", good_line(report)]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_file_that_vanishes_mid_batch(tmp_path, monkeypatch, capsys, jobs):
    """The walk lists b.txt; it is deleted while a.txt is being checked."""
    names = [f"{letter}.txt" for letter in "abcdefgh"]
    for name in names:
        good(tmp_path, name)
    check_file = Runner.check

    def check_then_delete(self, filename, data, **kwargs):
        if filename.endswith("a.txt"):
            (tmp_path / "b.txt").unlink(missing_ok=True)
        return check_file(self, filename, data, **kwargs)

    monkeypatch.setattr(Runner, "check", check_then_delete)
    status = cli.main(["check", "--no-plugins", "--no-cache", "-j", jobs, "--output-format", "concise",
                       "--select", SELECT, str(tmp_path)])
    out = capsys.readouterr().out.splitlines()
    vanished = f"{tmp_path / 'b.txt'}:1:1: GAI001 无法读取文件：No such file or directory"
    if jobs == "1":  # in one process the order is certain: a.txt is checked before b.txt is read
        assert status == 2
        assert out == [good_line(tmp_path / "a.txt"), vanished,
                       *(good_line(tmp_path / name) for name in names[2:])]
    else:  # workers may read b.txt before a.txt is checked; either way the batch goes on
        assert out[0] == good_line(tmp_path / "a.txt")
        assert out[1] in (vanished, good_line(tmp_path / "b.txt"))
        assert status == (2 if out[1] == vanished else 1)
        assert out[2:] == [good_line(tmp_path / name) for name in names[2:]]


def test_zero_byte_stdin(tmp_path):
    status, out, err = check("-", cwd=tmp_path, input=b"")
    assert (status, out, err) == (2, ["<stdin>:1:1: GAI001 文件为空"], "")
    status, out, _ = check("--stdin-filename", "r.txt", "-", cwd=tmp_path, input=b"")
    assert (status, out) == (2, ["r.txt:1:1: GAI001 文件为空"])


def test_file_over_the_size_guard_is_skipped_visibly(tmp_path):
    report = good(tmp_path)
    big = tmp_path / "a.txt"
    big.write_bytes(GOOD * 12_000)
    size = big.stat().st_size
    assert size > 1 << 20
    status, out, err = check(str(tmp_path), cwd=tmp_path)
    assert (status, err) == (2, "")
    assert out == [f"{big}:1:1: GAI008 文件过大（{size:,} 字节，上限 1,048,576 字节），未检查；可调整配置项 max-file-size",
                   good_line(report)]
    status, out, _ = check("--lang", "en", "--max-file-size", "100", str(report), cwd=tmp_path)
    assert (status, out) == (2, [f"{report}:1:1: GAI008 file too large ({len(GOOD):,} bytes, limit 100); "
                                 "not checked: raise max-file-size"])


def test_size_guard_configured_and_turned_off(tmp_path):
    report = good(tmp_path)
    (tmp_path / "gailint.toml").write_text("max-file-size = 100\n", encoding="utf-8")
    status, out, _ = check(str(report), cwd=tmp_path)
    assert status == 2
    assert out == [f"{report}:1:1: GAI008 文件过大（{len(GOOD):,} 字节，上限 100 字节），未检查；可调整配置项 max-file-size"]
    for args in (["--max-file-size", "0"], ["--max-file-size", "1000"], ["--ignore", "GAI008"]):
        assert check(*args, str(report), cwd=tmp_path)[:2] == (1, [good_line(report)])
    (tmp_path / "gailint.toml").write_text("max-file-size = 0\n", encoding="utf-8")
    assert check(str(report), cwd=tmp_path)[:2] == (1, [good_line(report)])


@pytest.mark.parametrize("value", ["-1", "\"1MB\"", "1.5", "true"])
def test_size_guard_bad_configuration(tmp_path, value):
    report = good(tmp_path)
    (tmp_path / "gailint.toml").write_text(f"max-file-size = {value}\n", encoding="utf-8")
    status, out, err = check(str(report), cwd=tmp_path)
    assert (status, out) == (2, [])
    shown = {"-1": "-1", "\"1MB\"": "'1MB'", "1.5": "1.5", "true": "True"}[value]
    assert err == (f"gailint: {tmp_path / 'gailint.toml'}: `max-file-size` must be a number of bytes (0: no limit), "
                   f"got {shown}\n")


def test_bad_command_line_values():
    for args in (["--jobs", "-1"], ["--jobs", "many"], ["--max-file-size", "1MB"]):
        proc = gailint("check", *args, "x.txt")
        assert proc.returncode == 2 and b"expected a number" in proc.stderr
