"""GAI201 found in every table encoding, at the exact total cell, and identically
whatever the file's encoding and line endings."""

from __future__ import annotations

import codecs

import pytest

from gailint.runner import check_bytes
from gailint.source import LineIndex

from .conftest import SEEDS, corpus_file


def _mutate(text: str, line_no: int, old: str, new: str, occurrence: int = -1) -> tuple[str, int, int]:
    """Replace the `occurrence`-th `old` on 1-based line `line_no`; return text and the edit's line/col."""
    lines = text.split("\n")
    line = lines[line_no - 1]
    starts = [i for i in range(len(line)) if line.startswith(old, i)]
    col = starts[occurrence]
    lines[line_no - 1] = line[:col] + new + line[col + len(old):]
    return "\n".join(lines), line_no, col + 1


def _a1(linter, text: str, name: str = "r.txt"):
    from gailint.source import Source

    result = linter.check_source(Source(name, text, "utf-8"))
    index = LineIndex(text)
    return [(d.code, *index.position(d.span.start), d.message) for d in result.diagnostics if d.code == "GAI201"]


def test_tab_rows(linter):
    text = SEEDS["001"].read_text(encoding="utf-8")
    # line 45: 一、本年新收政府信息公开申请数量⇥⇥1⇥0⇥0⇥0⇥0⇥0⇥1⇥ — set the total to 3
    mutated, line, col = _mutate(text, 45, "1", "3")
    assert _a1(linter, mutated) == [("GAI201", line, col, "“一、本年新收政府信息公开申请数量”总计应为 1（1+0+0+0+0+0），实为 3")]


def test_word_blocks_one_cell_per_line(linter):
    text = SEEDS["002"].read_text(encoding="utf-8")
    # lines 81–88: ⇥一、本年新收…, then seven ⇥0 lines; line 88 is the total
    mutated, line, col = _mutate(text, 88, "0", "5")
    assert _a1(linter, mutated) == [("GAI201", 88, 2, "“一、本年新收政府信息公开申请数量”总计应为 0（0+0+0+0+0+0），实为 5")]


def test_pipe_rows(linter):
    text = SEEDS["004"].read_text(encoding="utf-8")
    # line 59: (七)总计 | 4 | 0 | 0 | 0 | 0 | 0 | 4 | ||
    mutated, line, col = _mutate(text, 59, "4", "6")
    assert _a1(linter, mutated) == [("GAI201", line, col, "“（七）总计”总计应为 4（4+0+0+0+0+0），实为 6")]


def test_pdftotext_cell_per_line(linter):
    text = corpus_file("008").read_text(encoding="utf-8")
    # line 164 holds 3119, the total of 一、本年新收 (3001+53+0+0+61+4)
    assert text.split("\n")[163] == "3119"
    mutated, line, col = _mutate(text, 164, "3119", "3120")
    assert _a1(linter, mutated) == [("GAI201", 164, 1, "“一、本年新收政府信息公开申请数量”总计应为 3119（3001+53+0+0+61+4），实为 3120")]


def test_pdftotext_layout(linter):
    text = corpus_file("009").read_text(encoding="utf-8")
    # line 194: （七）总计 … 2932 53 0 0 61 4 3050
    mutated, line, col = _mutate(text, 194, "3050", "3051")
    assert _a1(linter, mutated) == [("GAI201", 194, col, "“（七）总计”总计应为 3050（2932+53+0+0+61+4），实为 3051")]
    assert col == 93


def test_unmutated_reports_have_no_a1_error(linter):
    for seed in ("001", "002", "003", "004"):
        assert _a1(linter, SEEDS[seed].read_text(encoding="utf-8")) == []


def _diagnostics(linter, data: bytes):
    result = check_bytes(linter, "r.txt", data)
    index = LineIndex(result.source.text)
    return [(d.code, index.position(d.span.start), index.position(d.span.end), d.message) for d in result.diagnostics]


def test_same_report_in_every_encoding_gives_identical_diagnostics(linter):
    text, *_ = _mutate(SEEDS["000"].read_text(encoding="utf-8"), 57, "0", "4")  # one A1 error + damaged rows
    variants = {
        "utf-8": text.encode("utf-8"),
        "utf-8 BOM CRLF": codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode("utf-8"),
        "gb18030": text.encode("gb18030"),
        "gb18030 CRLF": text.replace("\n", "\r\n").encode("gb18030"),
        "utf-16 BOM CR": codecs.BOM_UTF16_LE + text.replace("\n", "\r").encode("utf-16-le"),
    }
    results = {name: _diagnostics(linter, data) for name, data in variants.items()}
    reference = results["utf-8"]
    assert [d[0] for d in reference].count("GAI201") == 1
    assert [d[0] for d in reference].count("GAI003") == 23
    for name, found in results.items():
        assert found == reference, name


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_every_rule_reports_identically_across_encodings_and_line_endings(linter, seed):
    text = SEEDS[seed].read_text(encoding="utf-8")
    variants = {
        "utf-8": text.encode("utf-8"),
        "utf-8 BOM CRLF": codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode("utf-8"),
        "gb18030 CRLF": text.replace("\n", "\r\n").encode("gb18030"),
        "utf-16 BOM CR": codecs.BOM_UTF16_LE + text.replace("\n", "\r").encode("utf-16-le"),
    }
    results = {name: _diagnostics(linter, data) for name, data in variants.items()}
    for name, found in results.items():
        assert found == results["utf-8"], name
