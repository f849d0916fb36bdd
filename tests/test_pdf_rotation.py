"""Rotated PDF pages: the reader rebuilds lines and tables in the page's reading
orientation, and every box stays in the PDF's own user space.

The PDFs are made the way the other PDF tests make them (seed → Word → PDF by
LibreOffice), then turned the ways real reports are:

* ``/Rotate`` set on upright pages (`PdfPage.set_rotation`): the text is upright in user
  space, only a viewer turns the page;
* each page drawn sideways (or upside down) in a page of the turned size, and shown
  upright by ``/Rotate`` — how a landscape table page reaches a portrait PDF;
* the same sideways content without ``/Rotate`` (a rotated content stream);
* table 2 in a genuinely landscape section of the Word file (LibreOffice writes a
  landscape page), and that page then drawn sideways on a portrait page with ``/Rotate 90``.

Each variant must give exactly the unrotated PDF's diagnostics (code and line:column of
the extracted text), and each diagnostic's box must contain, on the rotated page, the
characters of the cell or line it names (found with PDFium's own character boxes).
"""

from __future__ import annotations

import copy
import io
from collections import Counter

import pypdfium2 as pdfium
import pytest

from gailint.readers.pdf import read_pdf
from gailint.source import LineIndex, Source

from .conftest import SEEDS
from .docfixtures import seed_to_docx
from .test_pdf_seeds import _convert, _running_header_and_footer

_SIDEWAYS = {  # quarter turns counter-clockwise → the matrix drawing a w × h page turned so
    1: lambda w, h: pdfium.PdfMatrix(0, 1, -1, 0, h, 0),
    2: lambda w, h: pdfium.PdfMatrix(-1, 0, 0, -1, w, h),
    3: lambda w, h: pdfium.PdfMatrix(0, -1, 1, 0, 0, w),
}


def _landscape_table2(path):
    """Put the Word file's table 2 (its largest table) in a landscape section of its own,
    as offices print the wide table: a section break before it and one after it."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document(str(path))
    table = max(document.tables, key=lambda t: len(t.rows))
    body = document.sections[0]._sectPr

    def breaking(landscape: bool):
        paragraph, properties = OxmlElement("w:p"), OxmlElement("w:pPr")
        section = copy.deepcopy(body)
        if landscape:
            size = section.find(qn("w:pgSz"))
            width, height = size.get(qn("w:w")), size.get(qn("w:h"))
            size.set(qn("w:w"), height)
            size.set(qn("w:h"), width)
            size.set(qn("w:orient"), "landscape")
        properties.append(section)
        paragraph.append(properties)
        return paragraph

    table._tbl.addprevious(breaking(False))    # ends the portrait section before the table
    table._tbl.addnext(breaking(True))         # ends the landscape section holding the table
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[tuple[str, str], bytes]:
    """(seed, "portrait" | "landscape") → the PDF LibreOffice exports, all in one soffice run."""
    work = tmp_path_factory.mktemp("rotation")
    documents = {}
    for prefix, seed in SEEDS.items():
        text = seed.read_text(encoding="utf-8")
        documents[prefix, "portrait"] = _running_header_and_footer(seed_to_docx(text, work / f"{prefix}.docx"))
        documents[prefix, "landscape"] = _landscape_table2(
            _running_header_and_footer(seed_to_docx(text, work / f"{prefix}-landscape.docx")))
    _convert(work, documents.values())
    return {key: path.with_suffix(".pdf").read_bytes() for key, path in documents.items()}


def _saved(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _with_rotate(data: bytes, rotation: int) -> bytes:
    """Every page's /Rotate set; the content unchanged."""
    document = pdfium.PdfDocument(data)
    for page in document:
        page.set_rotation(rotation)
    return _saved(document)


def _sideways(data: bytes, quarter: int, *, rotate: bool, only=None) -> bytes:
    """Each page (or the pages `only` selects by size) drawn turned `quarter` quarter turns
    counter-clockwise on a page of the turned size, through a form XObject; with `rotate`,
    /Rotate turns it back upright for a viewer."""
    source = pdfium.PdfDocument(data)
    out = pdfium.PdfDocument.new()
    for index in range(len(source)):
        width, height = source[index].get_size()
        if only is not None and not only(width, height):
            out.import_pages(source, [index])
            continue
        page = out.new_page(*((height, width) if quarter % 2 else (width, height)))
        drawn = source.page_as_xobject(index, out).as_pageobject()
        drawn.set_matrix(_SIDEWAYS[quarter](width, height))
        page.insert_obj(drawn)
        page.gen_content()
        if rotate:
            page.set_rotation(90 * quarter)
    return _saved(out)


def _read(linter, data: bytes, name: str):
    extracted = read_pdf(data, name)
    source = Source(name, extracted.text, "utf-8", format="pdf", origin=extracted.origin)
    return source, linter.check_source(source).diagnostics


def _positions(source, diagnostics) -> list[tuple[str, tuple[int, int], str]]:
    index = LineIndex(source.text)
    return [(d.code, index.position(d.span.start), d.message) for d in diagnostics]


def _chars_in(data: bytes, page: int, box) -> Counter[str]:
    """The characters PDFium places inside `box` (user space) on `page`: their loose boxes'
    centres, whatever the page's rotation."""
    textpage = pdfium.PdfDocument(data)[page - 1].get_textpage()
    x0, y0, x1, y1 = box
    inside: Counter[str] = Counter()
    for i in range(textpage.count_chars()):
        left, bottom, right, top = textpage.get_charbox(i, loose=True)
        if x0 - 0.5 <= (left + right) / 2 <= x1 + 0.5 and y0 - 0.5 <= (bottom + top) / 2 <= y1 + 0.5:
            inside[textpage.get_text_range(i, 1)] += 1
    return inside


def _assert_same_and_boxed(linter, data: bytes, expected, name: str) -> None:
    source, found = _read(linter, data, name)
    assert _positions(source, found) == expected
    for diagnostic in found:
        place = source.origin.locate(diagnostic.span)
        assert place is not None and place.page is not None and place.box is not None
        named = source.text[diagnostic.span.start:diagnostic.span.end].split("\t")[0].split("\n")[0]
        wanted = Counter("".join(named.split()))
        assert not wanted - _chars_in(data, place.page, place.box), (diagnostic.code, named, place)


def _expected(linter, data: bytes, name: str):
    source, diagnostics = _read(linter, data, name)
    return _positions(source, diagnostics)


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_rotate_flag_on_upright_pages(linter, pdfs, prefix):
    """/Rotate 90, 180, 270 on pages whose text is upright in user space: read as before."""
    data = pdfs[prefix, "portrait"]
    expected = _expected(linter, data, f"{prefix}.pdf")
    for rotation in (90, 180, 270):
        _assert_same_and_boxed(linter, _with_rotate(data, rotation), expected, f"{prefix}.pdf")


@pytest.mark.parametrize("prefix", sorted(SEEDS))
@pytest.mark.parametrize("rotate", [True, False], ids=["shown-upright-by-Rotate", "rotated-content-stream"])
def test_pages_drawn_sideways(linter, pdfs, prefix, rotate):
    """Every page drawn a quarter, a half and three quarters turned, with /Rotate turning it
    back (what a viewer shows upright) or without (a rotated content stream)."""
    data = pdfs[prefix, "portrait"]
    expected = _expected(linter, data, f"{prefix}.pdf")
    for quarter in (1, 2, 3):
        _assert_same_and_boxed(linter, _sideways(data, quarter, rotate=rotate), expected, f"{prefix}.pdf")


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_landscape_table_page(linter, pdfs, prefix):
    """Table 2 on a landscape page: as LibreOffice writes it (a landscape MediaBox), and as it
    often reaches a portrait PDF (the page drawn sideways, /Rotate 90). Both give the
    diagnostics of the seed's portrait PDF, and the portrait PDF's are the seed's own."""
    portrait = _expected(linter, pdfs[prefix, "portrait"], f"{prefix}.pdf")
    landscape = pdfs[prefix, "landscape"]
    document = pdfium.PdfDocument(landscape)
    sizes = [document[i].get_size() for i in range(len(document))]
    assert any(w > h for w, h in sizes) and any(w < h for w, h in sizes)    # a landscape section
    messages = [(code, message) for code, _, message in portrait]
    assert [(code, message) for code, _, message in _expected(linter, landscape, f"{prefix}.pdf")] == messages
    expected = _expected(linter, landscape, f"{prefix}.pdf")
    turned = _sideways(landscape, 1, rotate=True, only=lambda w, h: w > h)
    turned_document = pdfium.PdfDocument(turned)
    rotated = [i for i in range(len(turned_document)) if turned_document[i].get_rotation() == 90]
    assert rotated and all(turned_document[i].get_mediabox()[3] > turned_document[i].get_mediabox()[2]
                           for i in rotated)    # portrait MediaBoxes, shown landscape
    _assert_same_and_boxed(linter, turned, expected, f"{prefix}.pdf")
    _assert_same_and_boxed(linter, landscape, expected, f"{prefix}.pdf")
