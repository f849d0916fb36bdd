"""Cross-report rules (GAI7xx) through `gailint check`: pairs of reports made from the seeds,
one diagnostic per broken pair at the right cell and none for consistent pairs; the same
with --jobs 2, from a warm cache, with suppressions, --ignore and the configuration."""

from __future__ import annotations

import json

import pytest

from gailint.cli import main

from .conftest import SEEDS

SEED_001 = SEEDS["001"].read_text(encoding="utf-8")   # 沙坡头区卫生健康局 2025
SEED_004 = SEEDS["004"].read_text(encoding="utf-8")   # 昆都仑区卫生健康委员会 2025


def _as_2024(text: str) -> str:
    """Seed 004 as if it were 沙坡头区卫生健康局's report for 2024 (same agency as seed 001)."""
    return text.replace("昆都仑区卫生健康委员会", "沙坡头区卫生健康局", 1).replace("2025年政府信息公开", "2024年政府信息公开", 1)


def _lines(text: str, start: int, stop: int) -> str:
    return "\n".join(text.split("\n")[start - 1:stop])


def _pairs(tmp_path):
    """Three agencies' pairs (2024, 2025): carried-over broken, a section copied, consistent."""
    last = _as_2024(SEED_004)
    broken = last.replace("四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |", "四、结转下年度继续办理 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |")
    assert broken != last
    copied = last.replace(_lines(SEED_004, 66, 68), _lines(SEED_001, 78, 83))
    assert copied != last
    files = {"a_2024.txt": broken, "a_2025.txt": SEED_001,
             "b_2024.txt": copied.replace("沙坡头区", "中宁县", 1), "b_2025.txt": SEED_001.replace("沙坡头区", "中宁县", 1),
             "c_2024.txt": last.replace("沙坡头区", "海原县", 1), "c_2025.txt": SEED_001.replace("沙坡头区", "海原县", 1)}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return files


def _run(capsys, *args) -> list[str]:
    main(["check", *args, "--output-format", "json", "--exit-zero", "-q"])
    found = json.loads(capsys.readouterr().out)
    return sorted(f"{d['filename'].rsplit('/', 1)[-1]} {d['code']} {d['location']['row']}:{d['location']['column']}"
                  for d in found if d["code"].startswith("GAI7"))


EXPECTED = ["a_2025.txt GAI701 46:19", "b_2025.txt GAI702 78:1"]


def test_one_diagnostic_per_broken_pair_none_for_the_consistent_one(tmp_path, capsys):
    _pairs(tmp_path)
    assert _run(capsys, str(tmp_path), "--no-cache", "--jobs", "1") == EXPECTED


def test_messages_name_last_years_file_and_value(tmp_path, capsys):
    _pairs(tmp_path)
    main(["check", str(tmp_path / "a_2024.txt"), str(tmp_path / "a_2025.txt"), "--no-cache", "-q",
          "--output-format", "concise", "--select", "GAI7", "--exit-zero"])
    out = capsys.readouterr().out
    assert f"a_2025.txt:46:19: GAI701 上年结转（自然人）为 0，与上年报告 {tmp_path / 'a_2024.txt'}（2024 年）的“结转下年度继续办理” 3 不一致（另有总计 0≠3）" in out


def test_same_with_two_workers_and_from_a_warm_cache(tmp_path, capsys):
    _pairs(tmp_path)
    for number in range(4):  # enough files for two worker processes
        (tmp_path / f"z_{number}.txt").write_text(SEED_004, encoding="utf-8")
    cache = str(tmp_path / "cache")
    reports = str(tmp_path)
    cold = _run(capsys, reports, "--cache-dir", cache, "--jobs", "2")
    warm = _run(capsys, reports, "--cache-dir", cache, "--jobs", "2")
    single = _run(capsys, reports, "--no-cache", "--jobs", "1")
    assert cold == warm == single == EXPECTED


def test_streaming_formats_print_them_too(tmp_path, capsys):
    _pairs(tmp_path)
    main(["check", str(tmp_path), "--no-cache", "-q", "--output-format", "concise", "--select", "GAI7"])
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(": ", 1)[0].rsplit("/", 1)[-1] + " " + line.split(": ")[1].split()[0] for line in lines] == [
        "a_2025.txt:46:19 GAI701", "b_2025.txt:78:1 GAI702"]


def test_suppressed_inline_without_an_unused_suppression(tmp_path, capsys):
    files = _pairs(tmp_path)
    text = files["a_2025.txt"].replace("二、上年结转政府信息公开申请数量", "<!-- gailint: disable-next-line=GAI701 -->\n二、上年结转政府信息公开申请数量", 1)
    (tmp_path / "a_2025.txt").write_text(text, encoding="utf-8")
    main(["check", str(tmp_path), "--no-cache", "--output-format", "json", "--exit-zero", "-q"])
    codes = [d["code"] for d in json.loads(capsys.readouterr().out) if d["filename"].endswith("a_2025.txt")]
    assert "GAI701" not in codes and "GAI007" not in codes


def test_ignore_and_configuration(tmp_path, capsys):
    plain, configured = tmp_path / "plain", tmp_path / "configured"
    plain.mkdir(), configured.mkdir()
    _pairs(plain), _pairs(configured)
    assert _run(capsys, str(plain), "--no-cache", "--ignore", "GAI701") == ["b_2025.txt GAI702 78:1"]
    (configured / "gailint.toml").write_text(
        'per-file-ignores = { "b_*.txt" = ["GAI702"] }\n[severity]\nGAI701 = "error"\n',
        encoding="utf-8")
    assert _run(capsys, str(configured), "--no-cache") == ["a_2025.txt GAI701 46:19"]
    main(["check", str(configured), "--no-cache", "-q", "--output-format", "json", "--select", "GAI7"])
    assert [d["severity"] for d in json.loads(capsys.readouterr().out)] == ["error"]
    # a rule option from the configuration file reaches the cross-report rule
    option = tmp_path / "option"
    option.mkdir()
    _pairs(option)
    (option / "gailint.toml").write_text('[rules.GAI702]\nmin-length = 10000\n', encoding="utf-8")
    assert _run(capsys, str(option), "--no-cache") == ["a_2025.txt GAI701 46:19"]


def test_two_reports_of_one_year_that_disagree(tmp_path, capsys):
    changed = SEED_001.replace("一、本年新收政府信息公开申请数量\t\t1\t0\t0\t0\t0\t0\t1", "一、本年新收政府信息公开申请数量\t\t2\t0\t0\t0\t0\t0\t2")
    assert changed != SEED_001
    (tmp_path / "x_first.txt").write_text(SEED_001, encoding="utf-8")
    (tmp_path / "x_second.txt").write_text(changed, encoding="utf-8")
    (tmp_path / "y_copy1.txt").write_text(SEED_004, encoding="utf-8")
    (tmp_path / "y_copy2.txt").write_text(SEED_004, encoding="utf-8")
    assert _run(capsys, str(tmp_path), "--no-cache") == ["x_second.txt GAI703 45:19"]


@pytest.mark.parametrize("text", [SEED_001, _as_2024(SEED_004)])
def test_a_single_report_gets_no_cross_report_diagnostic(tmp_path, capsys, text):
    (tmp_path / "only.txt").write_text(text, encoding="utf-8")
    assert _run(capsys, str(tmp_path), "--no-cache") == []
