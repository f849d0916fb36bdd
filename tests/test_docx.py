"""The Word reader: seeds rebuilt as .docx the way an office produces them (merged
cells, numbered headings) read into the same diagnostics as the seed's text, with every
table cell mapped back to its table, row and grid column."""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from gailint.ast import Span
from gailint.origin import Place
from gailint.readers.docx import read
from gailint.recognize import recognize
from gailint.engine import Linter
from gailint.runner import check_bytes
from gailint.parser import parse

from .conftest import SEEDS, SHARED
from gailint.template import TABLE1_BLOCKS, TABLE2_ROWS

from .docfixtures import TABLE2_LAYOUT, seed_to_docx

TEMPLATE = SHARED / "domain" / "files" / "template-2021-derived.docx"


def _diagnostics(result):
    return Counter((d.code, d.message) for d in result.diagnostics)


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_docx_of_a_seed_gives_the_seeds_diagnostics(seed, tmp_path, linter):
    text = SEEDS[seed].read_text(encoding="utf-8")
    path = seed_to_docx(text, tmp_path / f"{seed}.docx")
    from_text = check_bytes(linter, str(SEEDS[seed]), SEEDS[seed].read_bytes())
    from_docx = check_bytes(linter, str(path), path.read_bytes())
    assert from_docx.source is not None and from_docx.source.format == "docx" and from_docx.source.extracted
    assert _diagnostics(from_docx) == _diagnostics(from_text)


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_every_table2_cell_maps_to_its_row_and_grid_column(seed, tmp_path):
    text = SEEDS[seed].read_text(encoding="utf-8")
    extracted = read(seed_to_docx(text, tmp_path / "r.docx").read_bytes(), "r.docx")
    table = next(t for t in recognize(parse(extracted.text)).tables if t.number == 2)
    keys = [key for key in TABLE2_LAYOUT if any(row.key == key for row in table.rows)]
    assert len(table.rows) == len(keys) >= 23
    for row in table.rows:
        for c, cell in enumerate(row.cells):
            assert extracted.origin.locate(cell.span) == Place(table=2, row=4 + keys.index(row.key), column=4 + c)


def test_the_damaged_total_row_is_reported_at_its_cell(tmp_path, linter):
    """Seed 000's （七）总计 row has 6 cells for 7 columns: GAI003 names table 2, the row, column 4."""
    path = seed_to_docx(SEEDS["000"].read_text(encoding="utf-8"), tmp_path / "000.docx")
    result = check_bytes(linter, str(path), path.read_bytes())
    total = next(d for d in result.diagnostics if d.code == "GAI003" and "（七）总计" in d.message)
    place = result.source.origin.locate(total.span)
    assert place == Place(table=2, row=4 + TABLE2_LAYOUT.index("total"), column=4)
    assert place.describe() == f"表2 第{4 + TABLE2_LAYOUT.index('total')}行第4列"


def test_numbered_headings_are_restored_as_text(tmp_path):
    """The fixture's section headings carry no typed 一、: Word's list numbering draws it."""
    path = seed_to_docx(SEEDS["001"].read_text(encoding="utf-8"), tmp_path / "r.docx")
    with zipfile.ZipFile(path) as package:
        xml = package.read("word/document.xml").decode()
    assert "一、总体情况" not in xml and ">总体情况<" in xml
    extracted = read(path.read_bytes(), str(path))
    report = recognize(parse(extracted.text))
    assert [s.heading.numeral for s in report.sections] == list("一二三四五六")
    heading = report.sections[0].heading
    assert extracted.text[heading.span.start:heading.span.end].startswith("一、总体情况")
    assert extracted.origin.locate(heading.span).paragraph is not None


def test_numbering_drawn_by_a_paragraph_style_is_restored(tmp_path):
    """A label from the paragraph's style (python-docx's List Number: w:pStyle → the style's
    w:numPr) is restored; the styles part is read only because a paragraph names a style."""
    import docx

    document = docx.Document()
    document.add_paragraph("甲", style="List Number")
    document.add_paragraph("乙", style="List Number")
    document.add_paragraph("丙")
    document.save(tmp_path / "n.docx")
    extracted = read((tmp_path / "n.docx").read_bytes(), "n.docx")
    assert extracted.text == "1.甲\n2.乙\n丙\n"
    assert extracted.origin.locate(Span(4, 7)) == Place(paragraph=2)


def test_paragraph_places_count_body_paragraphs(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("第一段")
    document.add_paragraph("")
    document.add_paragraph("第三段：正文")
    document.save(tmp_path / "p.docx")
    extracted = read((tmp_path / "p.docx").read_bytes(), "p.docx")
    assert extracted.text == "第一段\n第三段：正文\n"
    assert extracted.origin.locate(Span(6, 8)) == Place(paragraph=3)


def test_deleted_revisions_comments_and_field_codes_are_left_out(tmp_path):
    body = ('<w:p><w:r><w:t>保留</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>删除</w:delText></w:r></w:del>'
            '<w:ins w:id="2" w:author="a"><w:r><w:t>插入</w:t></w:r></w:ins>'
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            '<w:commentRangeStart w:id="0"/><w:r><w:t>评</w:t></w:r><w:commentRangeEnd w:id="0"/>'
            '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r></w:p>')
    extracted = read(_package(body), "r.docx")
    assert extracted.text == "保留插入7评\n"


def test_split_table_is_joined_and_the_repeated_header_dropped():
    row = '<w:tr><w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc></w:tr>'
    grid = '<w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>'
    body = (f'<w:tbl>{grid}{row.format("项目", "数量")}{row.format("甲", "1")}</w:tbl>'
            '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
            f'<w:tbl>{grid}{row.format("项目", "数量")}{row.format("乙", "2")}</w:tbl>')
    extracted = read(_package(body), "r.docx")
    assert extracted.text == "项目\t数量\n甲\t1\n乙\t2\n"
    assert extracted.origin.locate(Span(extracted.text.index("乙"), 12)) == Place(table=2, row=2, column=1)


def test_nested_table_follows_its_row_and_a_layout_table_is_unwrapped():
    inner = ('<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr><w:tc><w:p><w:r><w:t>行政许可</w:t></w:r>'
             '</w:p></w:tc><w:tc><w:p><w:r><w:t>636</w:t></w:r></w:p></w:tc></w:tr></w:tbl>')
    body = (f'<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc><w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>'
            f'{inner}<w:p/></w:tc></w:tr></w:tbl>')
    extracted = read(_package(body), "r.docx")
    assert extracted.text == "一、总体情况\n\n行政许可\t636\n"
    assert extracted.origin.locate(Span(extracted.text.index("636"), 0)) == Place(table=2, row=1, column=2)


def test_the_word_template_reads_into_six_sections_and_three_tables():
    if not TEMPLATE.is_file():
        import os

        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but the shared template is missing at {TEMPLATE}")
        pytest.skip(f"shared domain files not present at {TEMPLATE} (set GAILINT_SHARED)")
    extracted = read(TEMPLATE.read_bytes(), str(TEMPLATE))
    report = recognize(parse(extracted.text))
    assert [s.heading.numeral for s in report.sections] == list("一二三四五六")
    assert [t.number for t in report.tables] == [1, 2, 3]
    assert all(t.version == "2021" for t in report.tables)
    # every body row of the template's table 2 is one line, mapped to its own row, its last
    # (empty) cell to grid column 10
    rows = [line for line in extracted.text.split("\n") if line.count("\t") >= 7]
    table2 = [spec for spec in TABLE2_ROWS if "2021" in spec.versions]
    body = [line for line in rows if not line.startswith("（本列数据")][:len(table2)]
    for number, (spec, line) in enumerate(zip(table2, body), 4):
        assert spec.label.split("（区分")[0] in line, (spec.label, line)
        start = extracted.text.index(line + "\n")
        assert extracted.origin.locate(Span(start, start + 1)) == Place(table=2, row=number, column=1)
        end = start + len(line)
        assert extracted.origin.locate(Span(end, end)) == Place(table=2, row=number, column=10)
    # the blank form itself: every row of tables 1, 2 and 3 mapped onto its template key, with
    # blank cells (which GAI107 reports one by one), not reported missing (GAI105) or unmapped
    table1, table2_mapped, table3 = report.table(1), report.table(2), report.table(3)
    assert [row.key for row in table1.rows] == [spec.key for block in TABLE1_BLOCKS["2021"].values()
                                                for spec in block.rows]
    assert [row.key for row in table2_mapped.rows] == [spec.key for spec in table2]
    assert [row.key for row in table3.rows] == ["values"] and len(table3.rows[0].cells) == 15
    assert not table1.problems and not table2_mapped.problems and not table3.problems
    assert all(cell.value.kind == "blank"
               for row in (*table1.rows, *table2_mapped.rows, *table3.rows) for cell in row.cells)
    result = check_bytes(Linter(load_plugins=False), str(TEMPLATE), TEMPLATE.read_bytes())
    codes = Counter(d.code for d in result.diagnostics)
    assert "GAI105" not in codes and "GAI004" not in codes and "GAI003" not in codes
    # table 1: 规章 and 规范性文件 three cells each, four rows of one; table 2: 25 rows of seven;
    # table 3: one row of fifteen
    assert codes["GAI107"] == 10 + 25 * 7 + 15


def _package(body: str) -> bytes:
    """A minimal .docx whose body is `body` (WordprocessingML)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                         'package/2006/content-types"/>')
        package.writestr("word/document.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                         '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                         f'<w:body>{body}</w:body></w:document>')
    return buffer.getvalue()


def test_the_word_template_filled_in_maps_every_template_row(tmp_path):
    """The template as an office fills it in (python-docx typing 0 into every value cell of
    the template itself, merged cells untouched): every row of the three tables is
    recognised, each value at its own cell."""
    import docx

    if not TEMPLATE.is_file():
        import os

        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but the shared template is missing at {TEMPLATE}")
        pytest.skip(f"shared domain files not present at {TEMPLATE} (set GAILINT_SHARED)")
    document = docx.Document(str(TEMPLATE))
    table1, table2, table3 = document.tables
    for row in table1.rows:
        if row.cells[0].text.strip() in ("规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费"):
            for cell in dict.fromkeys(row.cells[1:]):
                cell.text = "0"
    for row in table2.rows[3:]:
        for cell in row.cells[-7:]:
            cell.text = "0"
    for cell in table3.rows[-1].cells:
        cell.text = "0"
    document.save(tmp_path / "filled.docx")
    extracted = read((tmp_path / "filled.docx").read_bytes(), "filled.docx")
    report = recognize(parse(extracted.text))
    assert [s.heading.numeral for s in report.sections] == list("一二三四五六")
    tables = {t.number: t for t in report.tables}
    assert sorted(tables) == [1, 2, 3] and all(not t.problems for t in tables.values())
    assert [row.key for row in tables[1].rows] == ["rules", "normative_documents", "licensing", "punishment",
                                                   "coercion", "fees"]
    assert [row.key for row in tables[2].rows] == TABLE2_LAYOUT
    assert all(len(row.cells) == 7 for row in tables[2].rows)
    assert [len(row.cells) for row in tables[3].rows] == [15]
    for number, row in enumerate(tables[2].rows, 4):
        assert [extracted.origin.locate(cell.span) for cell in row.cells] == [
            Place(table=2, row=number, column=column) for column in range(4, 11)]
    assert [extracted.origin.locate(cell.span).column for cell in tables[3].rows[0].cells] == list(range(1, 16))
