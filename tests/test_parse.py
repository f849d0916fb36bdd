"""Structure and table recognition on the five seeds (examples/) and the shared corpus."""

import pytest

from gailint.template import TABLE2_COLUMNS, table2_rows

from .conftest import SEEDS, corpus_file, position, report_of

KEYS_2021 = [spec.key for spec in table2_rows("2021")]
KEYS_2019 = [spec.key for spec in table2_rows("2019")]
ALL_SIX = [1, 2, 3, 4, 5, 6]


def _read(path):
    return path.read_text(encoding="utf-8")


def _values(table, key):
    return [cell.value.number for cell in table.row(key).cells]


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_seed_has_six_sections_and_three_tables(seed):
    report = report_of(_read(SEEDS[seed]))
    assert [s.heading.number for s in report.sections] == ALL_SIX
    assert [t.number for t in report.tables] == [1, 2, 3]
    assert report.table(2).columns == TABLE2_COLUMNS


@pytest.mark.parametrize(
    ("seed", "encoding", "new", "total"),
    [
        ("001", "tab", [1, 0, 0, 0, 0, 0, 1], [1, 0, 0, 0, 0, 0, 1]),
        ("002", "word-blocks", [0] * 7, [0] * 7),
        ("003", "tab", [1, 0, 0, 0, 0, 0, 1], [1, 0, 0, 0, 0, 0, 1]),
        ("004", "pipe", [4, 0, 0, 0, 0, 0, 4], [4, 0, 0, 0, 0, 0, 4]),
    ],
)
def test_seed_table2_maps_25_rows_of_7(seed, encoding, new, total):
    table = report_of(_read(SEEDS[seed])).table(2)
    assert table.table.encoding == encoding
    assert table.version == "2021"
    assert [row.key for row in table.rows] == KEYS_2021
    assert all(row.complete for row in table.rows)
    assert _values(table, "new") == new
    assert _values(table, "total") == total
    assert table.problems == ()


def test_seed_000_damaged_rows_are_flagged_each_at_its_line():
    text = _read(SEEDS["000"])
    table = report_of(text).table(2)
    assert [row.key for row in table.rows] == KEYS_2021
    damaged = [(position(text, p.span.start)[0], p.kind) for p in table.problems]
    # R3–R23 kept 5 of their 7 cells (lines 59–79); （七）总计 and 四 kept 6 (lines 80, 81).
    assert damaged == [(line, "cell-count") for line in range(59, 82)]
    assert len(table.row("granted").cells) == 5
    assert len(table.row("total").cells) == 6
    assert table.row("new").complete


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_seed_table3_has_15_values(seed):
    table = report_of(_read(SEEDS[seed])).table(3)
    assert [c.value.number for c in table.rows[0].cells] == [0] * 15


def test_seed_001_table1():
    table = report_of(_read(SEEDS["001"])).table(1)
    assert table.version == "2021"
    assert {row.key: [c.value.number for c in row.cells] for row in table.rows} == {
        "rules": [0, 0, 0], "normative_documents": [0, 0, 0], "licensing": [636],
        "punishment": [4], "coercion": [0], "fees": [0],
    }


def test_section_heading_label_in_table_is_not_a_heading():
    report = report_of(_read(SEEDS["004"]))
    # "四、结转下年度继续办理 | 0 | …" is the last row of table 2, the next line is section 四.
    assert report.section(4).heading.text == "政府信息公开行政复议、行政诉讼情况"
    assert report.table(2).row("carried_forward") is not None


HUAIAN_NEW = [3001, 53, 0, 0, 61, 4, 3119]
HUAIAN_TOTAL = [2932, 53, 0, 0, 61, 4, 3050]
HUAIAN_T3 = [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]


@pytest.mark.parametrize(("number", "encoding"), [("008", "cell-lines"), ("009", "layout")])
def test_huaian_2024_both_extractions(number, encoding):
    report = report_of(_read(corpus_file(number)))
    assert [s.heading.number for s in report.sections] == ALL_SIX
    table = report.table(2)
    assert table.table.encoding == encoding
    assert [row.key for row in table.rows] == KEYS_2021
    assert _values(table, "new") == HUAIAN_NEW
    assert _values(table, "total") == HUAIAN_TOTAL
    assert _values(table, "carried_forward") == [103, 0, 0, 0, 0, 0, 103]
    assert _values(table, "other.no_fee") == [6, 0, 0, 0, 0, 0, 6]


def test_huaian_layout_table3_values():
    table = report_of(_read(corpus_file("009"))).table(3)
    assert [c.value.number for c in table.rows[0].cells] == HUAIAN_T3


def test_huaian_default_extraction_table3_is_reported_not_guessed():
    # pdftotext's default mode interleaves table 3's numbers with header fragments
    # (72 64 178 37 | 12 1 1 6 | 351 | 13 4 8 1 26 | 20): their columns are unknowable.
    table = report_of(_read(corpus_file("008"))).table(3)
    assert table.rows == ()
    assert [p.kind for p in table.problems] == ["out-of-order"]


@pytest.mark.parametrize(("number", "encoding"), [("010", "cell-lines"), ("011", "layout")])
def test_hongze_mixed_template(number, encoding):
    report = report_of(_read(corpus_file(number)))
    assert [s.heading.number for s in report.sections] == ALL_SIX
    assert report.table(1).version == "2021"
    table = report.table(2)
    assert table.table.encoding == encoding
    assert table.version == "2019"  # a single （六）其他处理 row
    assert [row.key for row in table.rows] == KEYS_2019
    assert "other" in [row.key for row in table.rows]
    assert table.problems == ()


def test_hongze_2023_column_major_blocks():
    table = report_of(_read(corpus_file("010"))).table(2)
    assert _values(table, "new") == [21, 0, 0, 0, 0, 0, 21]
    assert _values(table, "refused.state_secret") == [1, 0, 0, 0, 0, 0, 1]
    assert _values(table, "unable.not_held") == [10, 0, 0, 0, 0, 0, 10]
    assert _values(table, "not_processed.complaint") == [1, 0, 0, 0, 0, 0, 1]
    assert _values(table, "total") == [21, 0, 0, 0, 0, 0, 21]
    t3 = report_of(_read(corpus_file("010"))).table(3)
    assert [c.value.number for c in t3.rows[0].cells] == [10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0]


def test_hongze_2024_values():
    report = report_of(_read(corpus_file("011")))
    assert _values(report.table(2), "total") == [95, 0, 0, 0, 0, 0, 95]
    assert [c.value.number for c in report.table(3).rows[0].cells] == [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3]


def test_p01_pipe_per_line_truncated():
    # P-files stop after ~2,000 bytes: P01 ends inside table 2's row R10.
    report = report_of(_read(corpus_file("P01")))
    assert [s.heading.number for s in report.sections] == [1, 2, 3]
    assert report.table(2).table.encoding == "pipe-lines"
    assert [row.key for row in report.table(2).rows] == KEYS_2021[:9]
    assert {row.key: [c.value.number for c in row.cells] for row in report.table(1).rows}["rules"] == [0, 0, 6]


def test_p12_pipe_rows_truncated():
    report = report_of(_read(corpus_file("P12")))
    assert [s.heading.number for s in report.sections] == [1, 2]
    assert report.table(1).table.encoding == "pipe"
    assert [row.key for row in report.table(1).rows] == ["rules", "normative_documents"]


@pytest.mark.parametrize("number", ["001", "002", "013"])
def test_flattened_pages_have_their_sections_and_tables(number):
    # the cells themselves are tested in test_collapsed.py
    report = report_of(_read(corpus_file(number)))
    assert [s.heading.number for s in report.sections] == ALL_SIX
    assert all(table.table.encoding == "collapsed" for table in report.tables)
    assert sorted(t.number for t in report.tables) == ([2] if number == "013" else [1, 2, 3])


def test_pre2019_table_is_recognised_as_such():
    assert report_of(_read(corpus_file("013"))).table(2).version == "pre2019"


def test_heading_at_the_start_of_a_flattened_line():
    # P04: the metadata residue, then "一、总体情况 本年度报告根据…" on one 611-character line.
    report = report_of(_read(corpus_file("P04")))
    assert [(s.heading.number, s.heading.text) for s in report.sections] == [(1, "总体情况")]
    assert report.section(1).blocks[0].text.startswith("本年度报告根据")


def test_table_labels_and_anchors_spelled_out_in_the_lexer_match_their_lists():
    # lexer._is_table_label and _is_anchor spell the lists out for speed: each entry must
    # still be found alone, inside a longer line, and a line without one must not be.
    from gailint.lexer import _TABLE_ANCHORS, _TABLE_LABELS, _is_anchor, _is_table_label
    for label in _TABLE_LABELS:
        assert _is_table_label(label) and _is_table_label(f"（一）{label}政府信息")
    for anchor in _TABLE_ANCHORS:
        assert _is_anchor(anchor) and _is_anchor(f"表{anchor}")
    assert not _is_table_label("本年度主动公开政府信息") and not _is_anchor("主动公开政府信息情况")


def test_a_table3_row_of_empty_cells_is_a_row_not_a_blank_line():
    """A blank form's table 3 (Word or HTML: one row of 15 empty cells, i.e. 14 tabs) is mapped
    as that row, each empty cell reported by GAI107, not as 0 of 15 cells (GAI003)."""
    from gailint.engine import Linter
    from gailint.runner import check_bytes

    text = _read(SEEDS["001"]).replace("\t".join(["0"] * 15) + "\n", "\t" * 14 + "\n")
    table = report_of(text).table(3)
    assert len(table.rows[0].cells) == 15 and not table.problems
    assert all(cell.value.kind == "blank" for cell in table.rows[0].cells)
    found = check_bytes(Linter(load_plugins=False), "001.txt", text.encode()).diagnostics
    assert "GAI003" not in {d.code for d in found}
    blanks = [position(text, d.span.start) for d in found if d.code == "GAI107" and d.span.start >= text.index("\t" * 14)]
    assert blanks == [(76, column) for column in range(1, 16)]


@pytest.mark.parametrize("indent", ["\u00a0", "\u2003\u00a0", " \u00a0"])
def test_a_page_number_indented_with_other_white_space_is_dropped(indent):
    """A page number is found after any white space (str.isspace), not only the spaces,
    tabs, ideographic spaces and form feeds the lexer strips first: a scraped page indents
    with no-break or em spaces. Inside a table it must not become a row, between two
    paragraphs not a paragraph: the report reads as it does without them."""
    text = _read(SEEDS["001"])
    row = "二、上年结转政府信息公开申请数量"
    numbered = text.replace(row, f"{indent}- 3 -\n{row}", 1).replace(
        "（一）主动公开", f"{indent}第 2 页\n（一）主动公开", 1)
    assert numbered.count("- 3 -") == numbered.count("第 2 页") == 1
    plain, paged = report_of(text), report_of(numbered)

    def read(report):
        table = report.table(2)
        return ([(row.key, [cell.text for cell in row.cells]) for row in table.rows],
                [problem.kind for problem in table.problems],
                [block.text for block in report.blocks() if not hasattr(block, "lines")])

    assert read(paged) == read(plain)
