"""The GAI5xx/GAI6xx rules against the real defects listed in the corpus's SOURCES.md and the
format spec, at their exact line and column; and no findings where SOURCES.md says the text
matches the tables. Corpus files are read at run time, never copied into the project."""

from __future__ import annotations

import pytest

from gailint.runner import check_bytes
from gailint.source import LineIndex

from .conftest import SEEDS, corpus_file

TEXT_AND_WORDING = ("GAI5", "GAI6")


def _findings(linter, path, codes=TEXT_AND_WORDING):
    result = check_bytes(linter, str(path), path.read_bytes())
    text = result.source.text
    index = LineIndex(text)
    return [(d.code, "%d:%d" % index.position(d.span.start), text[d.span.start:d.span.end], d)
            for d in result.diagnostics if d.code.startswith(codes)]


def _one(linter, prefix: str, code: str):
    found = [f for f in _findings(linter, corpus_file(prefix)) if f[0] == code]
    assert len(found) == 1, found
    return found[0]


def test_011_application_count_scope_mismatch(linter):
    # SOURCES.md, 011: "区政府办代表区政府受理政府信息公开申请 17 件" against 95 in table 2 (C1).
    code, position, text, diagnostic = _one(linter, "011", "GAI501")
    assert (position, text) == ("25:8", "17")
    assert "95" in diagnostic.message


@pytest.mark.parametrize(("prefix", "position"), [("P12", "2:35"), ("P13", "3:31")])
def test_2022_reports_cite_the_2019_notice(linter, prefix, position):
    # SOURCES.md: P12 cites 国办公开办函〔2019〕60号 (with the notice's title); P13 cites the 2019 notice by title.
    code, found, text, diagnostic = _one(linter, prefix, "GAI601")
    assert found == position
    assert text.startswith("《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》")
    assert ("60号" in text) == (prefix == "P12")


def test_p03_wrong_document_number_and_its_fix(linter):
    # SOURCES.md, P03: "按照国办发〔2021〕30号文件要求编制" (should be 国办公开办函〔2021〕30号).
    code, position, text, diagnostic = _one(linter, "P03", "GAI602")
    assert (position, text) == ("1:39", "国办发〔2021〕30号")
    assert diagnostic.severity.value == "error"
    (edit,) = diagnostic.fix.edits
    assert diagnostic.fix.applicability == "safe" and edit.replacement == "国办公开办函"


@pytest.mark.parametrize(("prefix", "position"), [("010", "260:3"), ("011", "107:31")])
def test_hongze_corrupted_label(linter, prefix, position):
    # SOURCES.md, 010 and 011: corrupted row label "2.其他法律行政止公开".
    code, found, text, diagnostic = _one(linter, prefix, "GAI604")
    assert (found, text) == (position, "其他法律行政止公开")
    assert diagnostic.fix.applicability == "safe"
    assert diagnostic.fix.edits[0].replacement == "其他法律行政法规禁止公开"


def test_001_ordinal_error(linter):
    # SOURCES.md, 001 section 五: "一是…三是…三是" — reported once, at the first 三是.
    # (001's other text finding, GAI507 on 393 现行有效 against table 1's glued row, is tested in test_collapsed.py)
    assert [(c, p, t) for c, p, t, _ in _findings(linter, corpus_file("001"), "GAI6")] == [("GAI606", "10:2779", "三是")]


def test_002_duplicated_phrase(linter):
    # SOURCES.md, 002: "聚焦新中国成立 70 周年平潭专场新闻发布会" written twice in a row.
    code, position, text, diagnostic = _one(linter, "002", "GAI605")
    phrase = "聚焦新中国成立 70 周年平潭专场新闻发布会"
    assert (position, text) == ("10:1263", phrase * 2)
    assert diagnostic.fix.applicability == "unsafe"


def test_p13_breakdown_does_not_add_up(linter):
    # Not in SOURCES.md (found by GAI504): "累计发布信息53篇，其中组织机构2篇、部门文件5篇、工作动态43篇、财政预算4篇" adds up to 54.
    code, position, text, diagnostic = _one(linter, "P13", "GAI504")
    assert (position, text) == ("6:124", "53")


@pytest.mark.parametrize("prefix", ["008", "009", "010"])
def test_text_matches_tables_where_sources_say_so(linter, prefix):
    # SOURCES.md: 008/009 text matches the tables (3119, 复议 351, 诉讼 46 = 26 + 20); 010 says 21 件 (OK).
    assert _findings(linter, corpus_file(prefix), ("GAI5",)) == []


def test_seeds_have_no_text_table_or_wording_errors(linter):
    # Seed 000's breakdown "194 条（工作情况：38 条；…）" adds up; its only finding here is the
    # 其他法律法规禁止公开 wording variant, at info severity.
    for name, path in SEEDS.items():
        found = _findings(linter, path)
        expected = [("GAI604", "62:5", "其他法律法规禁止公开")] if name == "000" else []
        assert [(c, p, t) for c, p, t, _ in found] == expected, name
        assert all(d.severity.value == "info" for *_, d in found)
