"""The command line, run as a user runs it: a subprocess of the installed `gailint`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from .conftest import EXAMPLES, ROOT, SEEDS, gailint_executable


def gailint(*args: str, input: bytes | None = None, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([gailint_executable(), *args], input=input, capture_output=True, cwd=cwd, timeout=120)


def test_version():
    proc = gailint("--version")
    assert proc.returncode == 0
    assert proc.stdout.decode().startswith("gailint 0.")


def test_check_examples_exit_status_and_only_seed_000_has_errors():
    proc = gailint("check", "--output-format", "json", str(EXAMPLES))
    assert proc.returncode == 1
    items = json.loads(proc.stdout)
    errors = {(os.path.basename(i["filename"]), i["code"]) for i in items if i["severity"] == "error"}
    assert errors == {(SEEDS["000"].name, "GAI003")}


def test_json_schema_is_the_documented_contract(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t6\t0\t8\n", encoding="utf-8")
    proc = gailint("check", "--output-format", "json", "--select", "GAI2", str(report))
    assert proc.returncode == 1
    [item] = json.loads(proc.stdout)
    assert set(item) == {"code", "name", "severity", "message", "filename", "location", "end_location", "fix", "url"}
    assert item["code"] == "GAI201" and item["name"] == "row-total" and item["severity"] == "error"
    assert item["message"] == "“一、本年新收政府信息公开申请数量”总计应为 7（1+0+0+0+6+0），实为 8"
    assert item["location"] == {"row": 2, "column": 30} and item["end_location"] == {"row": 2, "column": 31}
    assert item["fix"]["applicability"] == "unsafe"
    assert item["fix"]["edits"][0]["content"] == "7"
    assert item["url"] == "https://github.com/gailint/gailint/blob/main/docs/rules/GAI201.md"


def test_json_url_links_each_builtin_rules_page_and_a_plugin_rules_own(tmp_path):
    """Every built-in diagnostic links its page under docs/rules/ — also those built outside a
    rule's check (GAI001) — and a plugin rule its own `url` (None when it sets none)."""
    from gailint.plugin import Rule, Severity
    from gailint.rule import RULE_DOCS_URL
    from gailint.testing import check_text

    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\x01binary")
    [item] = json.loads(gailint("check", "--output-format", "json", str(binary)).stdout)
    assert (item["code"], item["url"]) == ("GAI001", RULE_DOCS_URL.format(code="GAI001"))
    items = json.loads(gailint("check", "--output-format", "json", "--exit-zero", str(SEEDS["003"])).stdout)
    assert items and all(i["url"] == RULE_DOCS_URL.format(code=i["code"]) for i in items)
    assert all((ROOT / "docs" / "rules" / f"{i['code']}.md").is_file() for i in items)

    class Linked(Rule):
        """doc"""
        code, name, severity, summary, url = "XYZ900", "linked", Severity.INFO, "s", "https://example.org/XYZ900"

        def check(self, report, context):
            yield context.diagnostic(report.title.span if report.title else report.sections[0].span, "z", "e")

    class Unlinked(Linked):
        code, name, url = "XYZ901", "unlinked", None

    found = {d.code: d.url for d in check_text("标题\n一、总体情况\n正文\n", rules=[Linked, Unlinked]).diagnostics}
    assert found == {"XYZ900": "https://example.org/XYZ900", "XYZ901": None}


def test_full_output_has_source_line_and_wide_caret(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("三、收到和处理政府信息公开申请情况\n(七) 总计 | 1 | 0 | 0 | 0 | 0 | 0 | 12 |\n", encoding="utf-8")
    out = gailint("check", "--select", "GAI2", str(report)).stdout.decode()
    lines = out.splitlines()
    assert lines[0] == f"{report}:2:34: GAI201 “（七）总计”总计应为 1（1+0+0+0+0+0），实为 12"
    assert lines[2] == "2 | (七) 总计 | 1 | 0 | 0 | 0 | 0 | 0 | 12 |"
    # 33 code points before the cell, three of them CJK (width 2): 36 columns
    assert lines[3] == "  | " + " " * 36 + "^^"


def test_english_messages():
    proc = gailint("check", "--lang", "en", "--output-format", "concise", str(SEEDS["000"]))
    assert "should have 7 value cells, found 5" in proc.stdout.decode()


def test_stdin_with_filename():
    data = SEEDS["000"].read_bytes()
    proc = gailint("check", "--output-format", "concise", "--select", "GAI0", "--stdin-filename", "seed.txt", "-",
                   input=data)
    assert proc.returncode == 1
    assert proc.stdout.decode().splitlines()[0].startswith("seed.txt:59:")


def test_bad_inputs_do_not_stop_the_batch(tmp_path):
    (tmp_path / "a_binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 10)
    (tmp_path / "b_undecodable.txt").write_bytes("一、总体情况".encode("utf-8") + b"\xff\xfe\x80\x81")
    (tmp_path / "c_empty.txt").write_bytes(b"")
    shutil.copy(SEEDS["001"], tmp_path / "d_good.txt")
    proc = gailint("check", "--output-format", "concise", str(tmp_path), str(tmp_path / "missing.txt"))
    out = proc.stdout.decode().splitlines()
    assert proc.returncode == 2
    assert out == [
        f"{tmp_path / 'a_binary.txt'}:1:1: GAI001 文件含有 NUL 字节，像是二进制文件而非文本报告",
        f"{tmp_path / 'b_undecodable.txt'}:1:1: GAI001 无法按 UTF-8 / GB18030 解码（第 18 字节）；请以 UTF-8 或 GB18030 保存",
        f"{tmp_path / 'c_empty.txt'}:1:1: GAI001 文件为空",
        f"{tmp_path / 'missing.txt'}:1:1: GAI001 无法读取文件：No such file or directory",
    ]
    assert proc.stderr == b""


def test_parse_prints_structure():
    out = gailint("parse", str(SEEDS["004"])).stdout.decode()
    assert "section 六 @69:1: 其他需要报告的事项" in out
    assert "table 2 @33:1 [pipe] version=2021" in out
    assert "  total                        @59:1    4 0 0 0 0 0 4" in out


def test_rule_doc_and_list():
    doc = gailint("rule", "GAI201").stdout.decode()
    assert doc.startswith("# GAI201 (row-total)")
    assert "总计应为 7（1+0+0+0+6+0），实为 8" in doc
    listing = gailint("rule", "--all").stdout.decode()
    assert "GAI201  row-total" in listing
    assert gailint("rule", "GAI999").returncode == 2


def test_usage_error_exits_2():
    assert gailint("check", "--output-format", "xml").returncode == 2


def test_grammar_loads_from_the_installed_package():
    import importlib.resources

    import gailint

    if "site-packages" not in gailint.__file__:
        pytest.skip("running from the source tree, not an installed wheel")
    assert importlib.resources.files("gailint").joinpath("grammar/report.lark").is_file()


def test_directory_walk_skips_documentation_and_tool_directories(tmp_path):
    shutil.copy(SEEDS["001"], tmp_path / "report.md")
    (tmp_path / "README.md").write_text("# 项目说明\n", encoding="utf-8")
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "x.txt").write_text("一、总体情况\n", encoding="utf-8")
    items = json.loads(gailint("check", "--output-format", "json", str(tmp_path)).stdout)
    assert {item["filename"] for item in items} <= {str(tmp_path / "report.md")}
    named = json.loads(gailint("check", "--output-format", "json", str(tmp_path / "README.md")).stdout)
    assert named  # a file named on the command line is always checked


def test_full_output_cuts_a_flattened_line_to_a_window_around_the_span():
    from gailint.output import _excerpt, display_width

    raw = "本报告" * 200 + "规章000行政规范性文件" + "说明" * 200
    start = raw.index("规章")
    shown, lead, width = _excerpt(raw, start, start + 12)
    assert shown.startswith("…") and shown.endswith("…") and len(shown) < 100
    assert shown[1 + 40:1 + 40 + 12] == "规章000行政规范性文件"
    assert lead == 1 + display_width(raw[start - 40:start]) and width == display_width("规章000行政规范性文件")
    short = "(七) 总计 | 12 |"
    assert _excerpt(short, short.index("12"), short.index("12") + 2) == (short, 12, 2)


@pytest.mark.parametrize("fmt", ["full", "concise", "json-lines", "github"])
def test_line_formats_are_written_file_by_file(tmp_path, monkeypatch, capsys, fmt):
    """A file's diagnostics are on stdout before the next file is checked, and the parent
    keeps no file's text: memory stays flat over a large batch."""
    from gailint import cli, parallel

    for name in ("a.txt", "b.txt"):
        shutil.copyfile(SEEDS["000"], tmp_path / name)
    seen_before_b = []
    real = parallel.check_one

    def spy(runner, shown, path):
        if path.name == "b.txt":
            seen_before_b.append(capsys.readouterr().out)
        return real(runner, shown, path)

    monkeypatch.setattr(parallel, "check_one", spy)
    status = cli.main(["check", "--no-cache", "-j", "1", "--output-format", fmt, str(tmp_path)])
    rest = capsys.readouterr().out
    assert status == 1
    assert "a.txt" in seen_before_b[0] and "b.txt" not in seen_before_b[0]
    assert "b.txt" in rest and "a.txt" not in rest
    def gai003(out):  # json-lines also names the code in each diagnostic's url (…/GAI003.md)
        return out.count("GAI003") - out.count("GAI003.md")

    assert gai003(seen_before_b[0]) == gai003(rest) == 23


def test_install_from_a_built_wheel_with_the_lsp_extra_as_the_readme_says(tmp_path):
    """gailint is not on PyPI: the README builds a wheel in the checkout and installs it with
    the lsp extra. Done here for real, in a fresh virtual environment."""
    dist, venv = tmp_path / "dist", tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
                   check=True, capture_output=True, timeout=600)
    [wheel] = dist.glob("gailint-*.whl")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    pip = subprocess.run([str(venv / "bin" / "pip"), "install", "-q", f"{wheel}[lsp]"], capture_output=True,
                         text=True, timeout=900)
    assert pip.returncode == 0, pip.stderr
    exe = str(venv / "bin" / "gailint")
    assert subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.startswith("gailint ")
    checked = subprocess.run([exe, "check", "--no-cache", "--output-format", "concise", str(SEEDS["003"])],
                             capture_output=True, text=True, cwd=tmp_path)
    assert f"{SEEDS['003']}:78:8: GAI103 " in checked.stdout
    probe = ("import importlib.resources, gailint, gailint.lsp.server; "
             "assert 'site-packages' in gailint.__file__; "
             "assert importlib.resources.files('gailint').joinpath('grammar/report.lark').is_file()")
    assert subprocess.run([str(venv / "bin" / "python"), "-c", probe], capture_output=True, text=True,
                          cwd=tmp_path).returncode == 0
