"""The PDF reader on the three real PDFs of ../shared/domain/files, and on bad input.

The expected values were read by eye from the pages rendered with ``pdftoppm -png -r 80``.
Every box is checked independently of the reader: PDFium's own ``get_text_bounded``
must find the cell's text inside the box the source map gives.
"""

from __future__ import annotations

import functools
import io

import pypdfium2 as pdfium
import pytest

from gailint.readers.pdf import PdfError, read_pdf
from gailint.source import LineIndex, Source, decode

from .conftest import corpus_file, domain_file

Z6 = "0 0 0 0 0 0"

# table 2 rows in template order: the 2021 format (25 rows) or the 2019 trial format (23)
TABLE2 = {
    "huaian-city-2024.pdf": [
        "3001 53 0 0 61 4 3119", "34 0 0 0 0 0 34", "1288 21 0 0 50 3 1362", "447 7 0 0 0 0 454",
        "2 0 0 0 0 0 2", "30 1 0 0 0 0 31", "5 0 0 0 0 0 5", "6 0 0 0 0 0 6", "7 1 0 0 0 0 8",
        "12 0 0 0 0 0 12", "9 0 0 0 0 0 9", "105 0 0 0 0 0 105",
        "746 12 0 0 10 1 769", "11 0 0 0 0 0 11", "1 0 0 0 0 0 1",
        "56 6 0 0 0 0 62", "25 0 0 0 0 0 25", f"{Z6} 0", f"{Z6} 0", "1 0 0 0 0 0 1",
        "67 3 0 0 1 0 71", "6 0 0 0 0 0 6", "108 2 0 0 0 0 110",
        "2932 53 0 0 61 4 3050", "103 0 0 0 0 0 103",
    ],
    "hongze-district-2023.pdf": [
        "21 0 0 0 0 0 21", f"{Z6} 0", f"{Z6} 0", "4 0 0 0 0 0 4",
        "1 0 0 0 0 0 1", f"{Z6} 0", f"{Z6} 0", f"{Z6} 0", f"{Z6} 0", "1 0 0 0 0 0 1", "1 0 0 0 0 0 1", f"{Z6} 0",
        "10 0 0 0 0 0 10", "3 0 0 0 0 0 3", f"{Z6} 0",
        "1 0 0 0 0 0 1", f"{Z6} 0", f"{Z6} 0", f"{Z6} 0", f"{Z6} 0",
        f"{Z6} 0", "21 0 0 0 0 0 21", f"{Z6} 0",
    ],
    "hongze-district-2024.pdf": [
        "95 0 0 0 0 0 95", f"{Z6} 0", "50 0 0 0 0 0 50", "9 0 0 0 0 0 9",
        f"{Z6} 0", f"{Z6} 0", "1 0 0 0 0 0 1", f"{Z6} 0", f"{Z6} 0", "1 0 0 0 0 0 1", "1 0 0 0 0 0 1", f"{Z6} 0",
        "31 0 0 0 0 0 31", "1 0 0 0 0 0 1", f"{Z6} 0",
        "1 0 0 0 0 0 1", f"{Z6} 0", f"{Z6} 0", f"{Z6} 0", f"{Z6} 0",
        f"{Z6} 0", "95 0 0 0 0 0 95", f"{Z6} 0",
    ],
}
TABLE1 = {
    "huaian-city-2024.pdf": ["1 0 11", "8 26 66", "447228", "3985758", "88283", "96171.6"],
    "hongze-district-2023.pdf": ["0 0 0", "0 5 5", "550", "4119", "195", "7730.28"],
    "hongze-district-2024.pdf": ["0 0 0", "3 0 8", "9487", "2776", "84", "7545"],
}
TABLE3 = {
    "huaian-city-2024.pdf": "72 64 178 37 351 13 4 8 1 26 12 1 1 6 20",
    "hongze-district-2023.pdf": "10 1 0 0 0 0 0 0 0 0 5 0 0 0 0",
    "hongze-district-2024.pdf": "1 1 0 0 2 1 0 0 0 1 2 0 1 0 3",
}
VERSION = {"huaian-city-2024.pdf": "2021", "hongze-district-2023.pdf": "2019", "hongze-district-2024.pdf": "2019"}


def _check_pdf(linter, path):
    data = path.read_bytes()
    extracted = read_pdf(data, str(path))
    source = Source(str(path), extracted.text, "utf-8", format=extracted.format, origin=extracted.origin)
    return data, source, linter.check_source(source)


def _row_text(row) -> str:
    return " ".join(cell.text for cell in row.cells)


@functools.lru_cache(maxsize=32)   # the real PDFs' pages and the seed PDFs' (tests/test_pdf_seeds.py)
def _textpage(data: bytes, page: int):
    return pdfium.PdfDocument(data)[page - 1].get_textpage()


def _bounded_text(data: bytes, page: int, box) -> str:
    """What PDFium itself finds inside `box` on `page`: the independent check of a location."""
    x0, y0, x1, y1 = box
    return _textpage(data, page).get_text_bounded(x0 - 0.5, y0 - 0.5, x1 + 0.5, y1 + 0.5)


@pytest.mark.parametrize("name", sorted(TABLE2))
def test_real_pdf_tables_read_exactly(linter, name):
    _, _, result = _check_pdf(linter, domain_file(name))
    tables = {table.number: table for table in result.report.tables}
    assert sorted(tables) == [1, 2, 3]
    assert [_row_text(row) for row in tables[1].rows] == TABLE1[name]
    assert [row.key for row in tables[1].rows] == [
        "rules", "normative_documents", "licensing", "punishment", "coercion", "fees"]
    assert tables[2].version == VERSION[name]
    assert [_row_text(row) for row in tables[2].rows] == TABLE2[name]
    assert not tables[2].problems and not tables[3].problems
    assert [_row_text(row) for row in tables[3].rows] == [TABLE3[name]]


@pytest.mark.parametrize("name", sorted(TABLE2))
def test_every_cell_box_contains_its_text(linter, name):
    data, source, result = _check_pdf(linter, domain_file(name))
    checked = 0
    for table in result.report.tables:
        for row in table.rows:
            for cell in row.cells:
                place = source.origin.locate(cell.span)
                assert place is not None and place.page is not None and place.box is not None
                found = _bounded_text(data, place.page, place.box).replace(" ", "").replace("\r\n", "")
                assert cell.text in found, (row.key, cell.text, place)
                checked += 1
    assert checked >= 6 + 7 * 23 + 15


def test_diagnostics_located_in_the_pdf(linter):
    """洪泽区 2023: the damaged label and the two broken table-3 totals, each at its cell."""
    data, source, result = _check_pdf(linter, domain_file("hongze-district-2023.pdf"))
    index = LineIndex(source.text)
    found = [(d.code, index.position(d.span.start), source.origin.locate(d.span)) for d in result.diagnostics]
    assert [(code, position) for code, position, _ in found] == [
        ("GAI604", (50, 5)), ("GAI106", (65, 2)), ("GAI205", (74, 10)), ("GAI205", (74, 30))]
    label, outdated, review_total, suit_total = (place for _, _, place in found)
    assert label.page == 3 and "其他法律行政止公开" in _bounded_text(data, 3, label.box)
    assert outdated.page == 4 and "其他处理" in _bounded_text(data, 4, outdated.box).replace(" ", "")
    assert review_total.page == 4 and _bounded_text(data, 4, review_total.box).strip() == "0"
    assert suit_total.page == 4 and _bounded_text(data, 4, suit_total.box).strip() == "0"
    # the review total is the fifth cell of the value row, left of the litigation cells
    assert review_total.box[2] <= suit_total.box[0]


def _diagnostics(linter, source):
    return {(d.code, d.message) for d in linter.check_source(source).diagnostics}


@pytest.mark.parametrize(("pdf", "layout"), [("huaian-city-2024.pdf", "009"), ("hongze-district-2024.pdf", "011")])
def test_findings_at_least_those_of_pdftotext_layout(linter, pdf, layout):
    _, source, result = _check_pdf(linter, domain_file(pdf))
    path = corpus_file(layout)
    expected = _diagnostics(linter, decode(path.read_bytes(), str(path)))
    assert expected <= {(d.code, d.message) for d in result.diagnostics}


def test_huaian_table3_no_longer_interleaved(linter):
    """pdftotext's default mode interleaves table 3 of 淮安市 2024 (GAI002); the PDF reader does not."""
    path = corpus_file("008")
    assert "GAI002" in {d.code for d in linter.check_source(decode(path.read_bytes(), str(path))).diagnostics}
    _, _, result = _check_pdf(linter, domain_file("huaian-city-2024.pdf"))
    assert [d.code for d in result.diagnostics] == []


def test_running_footers_dropped_and_paragraphs_joined(linter):
    _, source, _ = _check_pdf(linter, domain_file("huaian-city-2024.pdf"))
    lines = source.text.splitlines()
    assert not any(line.strip().strip("-").strip().isdigit() for line in lines)    # "- 3 -" page numbers
    # a paragraph wrapped over lines and a page break reads as one line
    assert "在运维政务新媒体共计95个，在省办2024年四个季度政务新媒体检查抽查中，合格率均为100%。" in source.text
    assert lines[0] == "淮安市人民政府" and lines[2] == "2024年政府信息公开工作年度报告"


# --- bad input ----------------------------------------------------------------------------

def _blank_pdf(pages: int) -> bytes:
    document = pdfium.PdfDocument.new()
    for _ in range(pages):
        document.new_page(595, 842)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _scan_pdf() -> bytes:
    """A page that is only an image: what a scanner produces."""
    document = pdfium.PdfDocument.new()
    page = document.new_page(595, 842)
    image = pdfium.PdfImage.new(document)
    bitmap = pdfium.PdfBitmap.new_native(200, 100, pdfium.raw.FPDFBitmap_BGRA)
    bitmap.fill_rect((40, 40, 40, 255), 0, 0, 200, 100)
    image.set_bitmap(bitmap)
    image.set_matrix(pdfium.PdfMatrix().scale(400, 200).translate(100, 500))
    page.insert_obj(image)
    page.gen_content()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_truncated_pdf(tmp_path):
    data = domain_file("hongze-district-2024.pdf").read_bytes()
    with pytest.raises(PdfError) as error:
        read_pdf(data[: len(data) // 2], "half.pdf")
    assert error.value.message_zh.startswith("PDF 文件已损坏或不完整，无法读取")
    assert "damaged or truncated" in error.value.message_en


@pytest.mark.parametrize("data", [b"%PDF-1.7\n" + b"\x00garbage" * 50, b"not a pdf at all"])
def test_corrupt_pdf(data):
    with pytest.raises(PdfError) as error:
        read_pdf(data, "bad.pdf")
    assert "PDF" in error.value.message_zh


def test_scan_without_text_layer_needs_ocr():
    with pytest.raises(PdfError) as error:
        read_pdf(_scan_pdf(), "scan.pdf")
    assert error.value.message_zh == "PDF 没有文本层（可能是扫描件），需先做文字识别（OCR）才能检查"
    assert "needs OCR" in error.value.message_en


def test_page_limit_is_checked_before_reading_pages():
    import time

    data = _blank_pdf(2000)
    start = time.perf_counter()
    with pytest.raises(PdfError) as error:
        read_pdf(data, "huge.pdf")
    assert time.perf_counter() - start < 2.0
    assert error.value.message_zh == "PDF 有 2000 页，超过上限 300 页，未检查（年度报告通常不超过 30 页）；可调整配置项 max-pdf-pages"
    with pytest.raises(PdfError, match="2000 pages, more than the limit of 1999"):
        read_pdf(data, "huge.pdf", max_pages=1999)
    with pytest.raises(PdfError, match="no text layer"):     # 0: no limit, every page read
        read_pdf(data, "huge.pdf", max_pages=0)


@pytest.mark.parametrize("name", sorted(TABLE2))
def test_every_diagnostic_box_contains_what_it_names(linter, name):
    data, source, result = _check_pdf(linter, domain_file(name))
    for diagnostic in result.diagnostics:
        place = source.origin.locate(diagnostic.span)
        named = source.text[diagnostic.span.start:diagnostic.span.end].split("\t")[0].split("\n")[0]
        inside = _bounded_text(data, place.page, place.box)
        assert "".join(named.split()) in "".join(inside.split()), (diagnostic.code, named, place)

