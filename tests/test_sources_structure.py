"""Structure defects (GAI1xx) listed in corpus/SOURCES.md and format-spec §5/§7, each at its line;
the seeds' precision; the GAI103 fixes; robustness on odd input."""

from __future__ import annotations

import time

import pytest

from gailint.diagnostics import Severity
from gailint.runner import check_bytes
from gailint.source import LineIndex, Source

from .conftest import SEEDS, corpus_file


def _diagnostics(linter, path, prefix: str = "GAI1"):
    result = check_bytes(linter, str(path), path.read_bytes())
    return result.source.text, [d for d in result.diagnostics if d.code.startswith(prefix)]


def _found(linter, path, prefix: str = "GAI1"):
    text, diagnostics = _diagnostics(linter, path, prefix)
    index = LineIndex(text)
    return [(d.code, *index.position(d.span.start)) for d in diagnostics]


def _check_text(linter, text: str):
    return linter.check_source(Source("r.txt", text, "utf-8")).diagnostics


# --- SOURCES.md and spec defects --------------------------------------------------

def test_futian_2024_tables_missing(linter):
    # P09: "The tables of sections 二, 三 and 四 are absent" — headings at lines 15, 16, 17.
    assert _found(linter, corpus_file("P09"), "GAI104") == [("GAI104", 15, 1), ("GAI104", 16, 1), ("GAI104", 17, 1)]


def test_hongze_2023_mixed_template(linter):
    # 010: 2021 table 1, but table 2 has a single （六）其他处理 row (2019 style); reported at that row only.
    assert _found(linter, corpus_file("010"), "GAI106") == [("GAI106", 346, 1)]


def test_hongze_2024_mixed_template(linter):
    # 011: the same mixed template, in pdftotext -layout text; line 128 is "（六）其他处理  0 0 …".
    assert _found(linter, corpus_file("011"), "GAI106") == [("GAI106", 128, 6)]


def test_zjwy_2023_year_in_heading(linter):
    # P03: non-standard section name "2023年政务公开总体情况" → a variant, with a safe fix.
    _, diagnostics = _diagnostics(linter, corpus_file("P03"), "GAI103")
    text = corpus_file("P03").read_text(encoding="utf-8")
    assert [(d.code, *LineIndex(text).position(d.span.start)) for d in diagnostics] == [("GAI103", 2, 3)]
    fix = diagnostics[0].fix
    assert fix.applicability == "safe"
    assert [(text[e.span.start:e.span.end], e.replacement) for e in fix.edits] == [("2023年政务公开总体情况", "总体情况")]


def test_seed_003_variant_heading(linter):
    # §7: "存在的主要问题及改进措施" (seed 003) — under "#### ", which the fix must not touch.
    text, diagnostics = _diagnostics(linter, SEEDS["003"])
    assert [(d.code, *LineIndex(text).position(d.span.start)) for d in diagnostics] == [("GAI103", 78, 8)]
    (edit,) = diagnostics[0].fix.edits
    assert text[edit.span.start:edit.span.end] == "存在的主要问题及改进措施"
    assert edit.replacement == "存在的主要问题及改进情况"


def test_pre2019_report_gets_no_structure_errors(linter):
    # 013: a 2018 report in the 2007-条例 format is right for its year (§5.2).
    assert _found(linter, corpus_file("013")) == []


def test_2019_trial_tables_are_right_for_2019(linter):
    # 002: Pingtan 2019 uses the 2019 trial format, as it should (§5.1).
    assert _found(linter, corpus_file("002"), "GAI106") == []


@pytest.mark.parametrize("number", ["001", "008", "009"])
def test_consistent_full_reports_have_no_structure_diagnostics(linter, number):
    assert _found(linter, corpus_file(number)) == []


# --- seeds -----------------------------------------------------------------------

@pytest.mark.parametrize("number", ["000", "001", "002", "004"])
def test_seeds_have_no_structure_diagnostics(linter, number):
    assert _found(linter, SEEDS[number]) == []


# --- GAI103 fixes ------------------------------------------------------------------

def _fix_result(linter, text: str) -> str:
    (diagnostic,) = [d for d in _check_text(linter, text) if d.code == "GAI103"]
    for edit in sorted(diagnostic.fix.edits, key=lambda e: e.span.start, reverse=True):
        text = text[:edit.span.start] + edit.replacement + text[edit.span.end:]
    return text


@pytest.mark.parametrize(("before", "after"), [
    ("一.总体情况\n", "一、总体情况\n"),
    ("**一.2025年政务公开总体情况**\n", "**一、总体情况**\n"),
    ("## 四，政府信息公开行政复议,行政诉讼情况\n", "## 四、政府信息公开行政复议、行政诉讼情况\n"),
    ("六、其进他需要报告的事项\n", "六、其他需要报告的事项\n"),
])
def test_heading_fix_touches_only_text_and_punctuation(linter, before, after):
    assert _fix_result(linter, before) == after


def test_canonical_heading_is_not_reported(linter):
    assert [d for d in _check_text(linter, "一、总体情况\n二、主动公开政府信息情况\n") if d.code == "GAI103"] == []


# --- robustness ----------------------------------------------------------------------

@pytest.mark.parametrize("text", ["", "\n\n", "一、\n", "年度报告\n三、\n", "二、主动公开政府信息情况\n\t\t\n", "|\n" * 50])
def test_odd_input_does_not_raise(linter, text):
    assert not [d for d in _check_text(linter, text) if d.code == "GAI005"]


def test_long_lines_are_fast(linter):
    text = "二、主动公开政府信息情况\n" + ("一、" + "主动公开" * 25000 + "\n") + "三、" + "、" * 100000 + "\n"
    start = time.perf_counter()
    diagnostics = _check_text(linter, text)
    assert time.perf_counter() - start < 5
    assert not [d for d in diagnostics if d.code == "GAI005"]


def test_blank_cell_is_a_warning_and_negative_an_error(linter):
    text = SEEDS["001"].read_text(encoding="utf-8").split("\n")
    text[44] = text[44].replace("\t\t1\t", "\t\t/\t", 1)
    text[45] = text[45].replace("\t\t0\t", "\t\t-2\t", 1)
    found = [(d.severity, d.message_en) for d in _check_text(linter, "\n".join(text)) if d.code == "GAI107"]
    assert [severity for severity, _ in found] == [Severity.WARNING, Severity.ERROR]


def test_p01_township_reports_regulations(linter):
    # SOURCES.md: a 镇 (P01, "现结合我镇实际") reports 规章 现行有效件数 6 — townships cannot make 规章.
    path = corpus_file("P01")
    result = check_bytes(linter, str(path), path.read_bytes())
    index = LineIndex(result.source.text)
    found = [(d.code, *index.position(d.span.start)) for d in result.diagnostics if d.code == "GAI108"]
    assert found == [("GAI108", 21, 1)]
