"""Issue 5: configuration, suppressions, baselines, fixes and machine-readable output,
each on real report fixtures (the seeds), through the installed command line."""

from __future__ import annotations

import codecs
import json
import shutil

import pytest

from .conftest import SEEDS, gailint_executable
from .test_cli import gailint as _gailint
from .test_progress import read_terminal

# These tests exercise the workflow, not the rule set: they look at the structural and
# reconciliation rules plus GAI103 (a heading variant with a safe fix), so that rules
# added later do not change their expectations.
SCOPE = ("--select", "GAI0,GAI103,GAI2")


def gailint(*args, **kwargs):
    if args and args[0] == "check" and "--select" not in args:
        args = ("check", *SCOPE, *args[1:])
    return _gailint(*args, **kwargs)


SEED3 = SEEDS["003"]  # 沾益区卫生健康局 2024: heading 五 uses the variant 改进措施 (GAI103, safe fix)


def _copy(tmp_path, seed="003", name="report.txt"):
    target = tmp_path / name
    shutil.copy(SEEDS[seed], target)
    return target


def _codes(proc):
    return [item["code"] for item in json.loads(proc.stdout)]


# --- configuration ----------------------------------------------------------------

def test_config_found_from_the_files_own_directory(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    _copy(tmp_path / "a")
    _copy(tmp_path / "b")
    (tmp_path / "a" / "gailint.toml").write_text('ignore = ["GAI103"]\n', encoding="utf-8")
    proc = gailint("check", "--output-format", "json", str(tmp_path), cwd=tmp_path / "b")
    files = {(item["filename"].split("/")[-2], item["code"]) for item in json.loads(proc.stdout)}
    assert ("b", "GAI103") in files and ("a", "GAI103") not in files


@pytest.mark.parametrize(("name", "body"), [
    ("pyproject.toml", '[tool.gailint]\nselect = ["GAI2"]\n'),
    ("gailint.toml", 'select = ["GAI2"]\n'),
    (".gailint.toml", 'select = ["GAI2"]\n'),
])
def test_each_config_file_name(tmp_path, name, body):
    report = _copy(tmp_path)
    (tmp_path / name).write_text(body, encoding="utf-8")
    assert _codes(gailint("check", "--output-format", "json", str(report))) == []


def test_extend_select_per_file_ignores_severity_and_lang(tmp_path):
    report = _copy(tmp_path, name="archive-2024.txt")
    config = tmp_path / "gailint.toml"
    config.write_text('lang = "en"\n[severity]\nGAI103 = "error"\n', encoding="utf-8")
    [item] = json.loads(gailint("check", "--output-format", "json", str(report)).stdout)
    assert (item["code"], item["severity"]) == ("GAI103", "error")
    assert item["message"] == ("section 5 heading should be '五、存在的主要问题及改进情况' (template), "
                               "found '五、存在的主要问题及改进措施' (a variant of the template heading)")
    assert gailint("check", str(report)).returncode == 1
    config.write_text('[per-file-ignores]\n"archive-*.txt" = ["GAI1"]\n', encoding="utf-8")
    assert _codes(gailint("check", "--output-format", "json", str(report))) == []
    config.write_text('select = ["GAI2"]\nextend-select = ["GAI103"]\n', encoding="utf-8")
    assert _codes(gailint("check", "--output-format", "json", str(report))) == ["GAI103"]


@pytest.mark.parametrize(("body", "message"), [
    ('selekt = ["GAI2"]\n', "unknown key `selekt`"),
    ('select = "GAI2"\n', "`select` must be a list of rule codes or prefixes"),
    ('lang = "fr"\n', "`lang` must be \"zh\" or \"en\""),
    ('[severity]\nGAI201 = "fatal"\n', "`severity` must be"),
    ('[rules.GAI201]\nthreshold = 3\n', "has no option 'threshold'"),
])
def test_bad_configuration_is_exit_2_naming_file_and_key(tmp_path, body, message):
    report = _copy(tmp_path)
    (tmp_path / "gailint.toml").write_text(body, encoding="utf-8")
    proc = gailint("check", str(report))
    assert proc.returncode == 2
    assert str(tmp_path / "gailint.toml") in proc.stderr.decode() and message in proc.stderr.decode()


def test_config_command_and_explicit_config(tmp_path):
    report = _copy(tmp_path)
    other = tmp_path / "strict.toml"
    other.write_text('select = ["GAI2"]\n', encoding="utf-8")
    shown = json.loads(gailint("config", "--config", str(other), str(report)).stdout)
    assert shown["select"] == ["GAI2"] and shown["config-file"] == str(other)
    assert _codes(gailint("check", "--config", str(other), "--output-format", "json", str(report))) == []


# --- suppressions -------------------------------------------------------------------

def _with_line_before(path, marker: str, comment: str):
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(marker, comment + "\n" + marker, 1), encoding="utf-8")


def test_disable_next_line_and_unused_suppression(tmp_path):
    report = _copy(tmp_path)
    _with_line_before(report, "#### 五、", "<!-- gailint: disable-next-line=GAI103 -->")
    assert _codes(gailint("check", "--output-format", "json", str(report))) == []
    report2 = _copy(tmp_path, name="r2.txt")
    _with_line_before(report2, "#### 六、", "<!-- gailint: disable-next-line=GAI103 -->")
    items = json.loads(gailint("check", "--output-format", "json", str(report2)).stdout)
    assert [(i["code"], i["location"]["row"]) for i in items] == [("GAI103", 78), ("GAI007", 84)]


def test_disable_enable_region_and_file_level(tmp_path):
    report = _copy(tmp_path)
    _with_line_before(report, "#### 五、", "<!-- gailint: disable=GAI103 -->")
    _with_line_before(report, "#### 六、", "<!-- gailint: enable -->")
    assert _codes(gailint("check", "--output-format", "json", str(report))) == []
    report2 = _copy(tmp_path, name="r2.txt")
    _with_line_before(report2, "# 曲靖", "<!-- gailint: disable-file=GAI1 -->")
    assert _codes(gailint("check", "--output-format", "json", str(report2))) == []


# --- baseline ---------------------------------------------------------------------

def test_baseline_survives_edits_elsewhere_and_reports_new(tmp_path):
    report = _copy(tmp_path, seed="000")
    baseline = tmp_path / "baseline.json"
    assert gailint("check", "--write-baseline", str(baseline), str(report)).returncode == 0
    assert gailint("check", "--baseline", str(baseline), str(report)).returncode == 0
    text = report.read_text(encoding="utf-8")
    # insert two lines near the top (shifting every line) and break one total: only that is new
    text = text.replace("一、总体情况", "一、总体情况\n\n本段为新增内容。", 1)
    text = text.replace("一、本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0", "一、本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t3")
    report.write_text(text, encoding="utf-8")
    items = json.loads(gailint("check", "--baseline", str(baseline), "--output-format", "json", str(report)).stdout)
    assert [(i["code"], i["location"]["row"]) for i in items] == [("GAI201", 59)]


# --- fixes --------------------------------------------------------------------------

FIXED = "#### 五、存在的主要问题及改进情况"


def _only_edit_changed(before: bytes, after: bytes, old: bytes, new: bytes):
    assert before.count(old) == 1
    assert after == before.replace(old, new)


@pytest.mark.parametrize(("encoding", "bom", "newline"), [
    ("gb18030", b"", "\r\n"),
    ("utf-8", codecs.BOM_UTF8, "\n"),
    ("utf-8", codecs.BOM_UTF8, "\r\n"),
])
def test_fix_changes_only_the_edited_bytes(tmp_path, encoding, bom, newline):
    text = SEED3.read_text(encoding="utf-8").replace("\n", newline)
    report = tmp_path / "report.txt"
    before = bom + text.encode(encoding)
    report.write_bytes(before)
    proc = gailint("check", "--fix", "--output-format", "concise", str(report))
    assert proc.returncode == 0, proc.stdout.decode()
    after = report.read_bytes()
    _only_edit_changed(before, after, "存在的主要问题及改进措施".encode(encoding), "存在的主要问题及改进情况".encode(encoding))
    # fixing twice changes nothing the second time
    gailint("check", "--fix", str(report))
    assert report.read_bytes() == after
    assert not list(tmp_path.glob("*.gailint-tmp"))


def test_diff_writes_nothing(tmp_path):
    report = _copy(tmp_path)
    before = report.read_bytes()
    proc = gailint("check", "--diff", str(report))
    out = proc.stdout.decode()
    assert proc.returncode == 1
    assert "-#### 五、存在的主要问题及改进措施" in out and "+" + FIXED in out
    assert report.read_bytes() == before


def test_unsafe_fixes_only_when_asked(tmp_path):
    report = _copy(tmp_path, seed="001")
    text = report.read_text(encoding="utf-8").replace(
        "(七) 总计\t1\t0\t0\t0\t0\t0\t1", "(七) 总计\t1\t0\t0\t0\t0\t0\t5")
    report.write_text(text, encoding="utf-8")
    gailint("check", "--fix", str(report))
    assert "(七) 总计\t1\t0\t0\t0\t0\t0\t5" in report.read_text(encoding="utf-8")
    gailint("check", "--unsafe-fixes", str(report))
    assert "(七) 总计\t1\t0\t0\t0\t0\t0\t1" in report.read_text(encoding="utf-8")


def test_unused_suppression_fix_removes_the_comment_line(tmp_path):
    report = _copy(tmp_path, seed="001")
    original = report.read_bytes()
    _with_line_before(report, "六、其他需要报告的事项", "<!-- gailint: disable-next-line=GAI201 -->")
    gailint("check", "--fix", str(report))
    assert report.read_bytes() == original


# --- output ---------------------------------------------------------------------------

def test_sarif_is_valid_against_the_official_schema(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    from .conftest import ROOT

    schema = json.loads((ROOT / "tests" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    proc = gailint("check", "--output-format", "sarif", str(SEEDS["000"]), str(SEED3))
    log = json.loads(proc.stdout)
    jsonschema.validate(log, schema)
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    results = run["results"]
    assert len(results) == 24
    first = results[0]
    assert first["ruleId"] == "GAI003" and first["level"] == "error"
    assert first["locations"][0]["physicalLocation"]["region"]["startLine"] == 59
    assert run["tool"]["driver"]["rules"][first["ruleIndex"]]["id"] == "GAI003"
    assert run["tool"]["driver"]["informationUri"] == "https://github.com/gailint/gailint"
    assert run["tool"]["driver"]["rules"][first["ruleIndex"]]["helpUri"] == (
        "https://github.com/gailint/gailint/blob/main/docs/rules/GAI003.md")
    assert any("fixes" in r for r in results)


def test_github_annotations():
    out = gailint("check", "--output-format", "github", str(SEED3)).stdout.decode().splitlines()
    assert out[0].startswith(f"::warning file={SEED3},line=78,col=8,endLine=78,endColumn=20,title=GAI103 section-heading::")


def test_junit_and_json_lines():
    import xml.etree.ElementTree as ET

    root = ET.fromstring(gailint("check", "--output-format", "junit", str(SEEDS["000"]), str(SEEDS["001"])).stdout)
    assert root.get("tests") == "2" and root.get("failures") == "23"
    lines = gailint("check", "--output-format", "json-lines", str(SEEDS["000"])).stdout.decode().splitlines()
    assert len(lines) == 23 and json.loads(lines[0])["code"] == "GAI003"


def test_statistics_exit_zero_quiet_and_colour(tmp_path):
    proc = gailint("check", "--statistics", str(SEEDS["000"]), str(SEED3))
    assert proc.stdout.decode().splitlines() == ["    23  GAI003      row-cell-count", "     1  GAI103  [*] section-heading"]
    assert gailint("check", "--exit-zero", str(SEEDS["000"])).returncode == 0
    quiet = gailint("check", "-q", "--output-format", "full", str(SEED3)).stdout.decode()
    assert "found" not in quiet and "GAI103" in quiet
    coloured = gailint("check", "--color", "always", "--output-format", "concise", str(SEED3)).stdout.decode()
    assert "\x1b[1;33mGAI103\x1b[0m" in coloured
    env_plain = gailint("check", "--output-format", "concise", str(SEED3)).stdout.decode()
    assert "\x1b[" not in env_plain  # not a terminal


def _on_a_terminal(*args: str, env: dict[str, str]) -> str:
    """gailint's stdout when it is a terminal (a pseudo-terminal), as a user sees it."""
    import os
    import pty
    import subprocess

    exe = gailint_executable()
    main, child = pty.openpty()
    proc = subprocess.Popen([exe, *args], stdout=child, stderr=subprocess.DEVNULL, env=env)
    os.close(child)
    out = read_terminal(main, proc)
    os.close(main)
    proc.wait(timeout=60)
    return out.decode()


def test_colour_auto_on_a_terminal_unless_no_color():
    import os

    args = ("check", *SCOPE, "--output-format", "concise", "--no-cache", str(SEED3))
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    assert "\x1b[1;33mGAI103\x1b[0m" in _on_a_terminal(*args, env=env)
    plain = _on_a_terminal(*args, env={**env, "NO_COLOR": "1"})
    assert "GAI103" in plain and "\x1b[" not in plain
    assert "\x1b[1;33mGAI103\x1b[0m" in _on_a_terminal(*args, "--color", "always", env={**env, "NO_COLOR": "1"})


def test_rule_option_from_the_configuration_file(tmp_path):
    # 平潭综合实验区 2023 (corpus 001) was published 2024-03-08: in time for a government's
    # consolidated report (the default reading of its title), late for a department.
    from .conftest import corpus_file

    report = tmp_path / "pingtan-2023.txt"
    shutil.copy(corpus_file("001"), report)
    assert _codes(gailint("check", "--select", "GAI307", "--output-format", "json", str(report))) == []
    (tmp_path / "gailint.toml").write_text('[rules.GAI307]\nagency-kind = "department"\n', encoding="utf-8")
    assert _codes(gailint("check", "--select", "GAI307", "--output-format", "json", str(report))) == ["GAI307"]
    (tmp_path / "gailint.toml").write_text('[rules.GAI307]\nagency-kind = "county"\n', encoding="utf-8")
    proc = gailint("check", str(report))
    assert proc.returncode == 2 and "agency-kind" in proc.stderr.decode()


def test_colour_respects_no_color(monkeypatch):
    from gailint import cli

    monkeypatch.setattr(cli.sys.stdout, "isatty", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert cli._colour("auto") is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli._colour("auto") is False and cli._colour("always") is True
    assert cli._colour("never") is False
    # (the progress bar, on a terminal only: tests/test_progress.py)
