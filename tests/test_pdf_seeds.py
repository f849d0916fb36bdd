"""The PDF reader on PDFs an office really produces: each seed report → a Word file
(`docfixtures.seed_to_docx`, the template's merged-cell tables) → PDF by LibreOffice,
exactly as ``soffice --headless --convert-to pdf`` does it for a user. Tables 2 break
across pages there, with the page number in between.

For each seed: the same diagnostics as the seed's own text, each one mapped back to the
same text (the PDF's extracted text at the diagnostic equals the seed's), on a page, in a
box that PDFium itself finds that text in.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pypdfium2 as pdfium
import pytest

from gailint.readers.pdf import PdfError, read_pdf
from gailint.source import Source, decode

from .conftest import SEEDS
from .docfixtures import seed_to_docx
from .test_pdf import _bounded_text, _textpage


def _soffice() -> str:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but LibreOffice (soffice) is not installed: .ci/run installs it")
        pytest.skip("LibreOffice (soffice) is not installed")
    return soffice


def _convert(work, documents, target: str = "pdf") -> None:
    """One soffice run for all documents, with a private profile (parallel test runs would
    otherwise share and lock the user's LibreOffice profile)."""
    profile = (work / "lo-profile").as_uri()
    subprocess.run([_soffice(), f"-env:UserInstallation={profile}", "--headless", "--convert-to", target,
                    "--outdir", str(work), *map(str, documents)],
                   check=True, capture_output=True, timeout=600)


def _running_header_and_footer(path):
    """What an office adds to a report: a running header and a page-number footer
    ``— 4 —`` (a PAGE field), on every page."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document(str(path))
    section = document.sections[0]
    section.header.paragraphs[0].text = "政府信息公开工作年度报告"
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run, text = OxmlElement("w:r"), OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer._p.append(field)
    footer.add_run(" —")
    document.save(str(path))
    return path


@pytest.fixture(scope="session")
def seed_docx(tmp_path_factory):
    work = tmp_path_factory.mktemp("seed-pdfs")
    return work, {prefix: _running_header_and_footer(
        seed_to_docx(path.read_text(encoding="utf-8"), work / f"{prefix}.docx")) for prefix, path in SEEDS.items()}


@pytest.fixture(scope="session")
def seed_pdfs(seed_docx) -> dict[str, bytes]:
    """Every seed as a PDF, converted in ONE soffice run."""
    work, documents = seed_docx
    _convert(work, documents.values())
    return {prefix: (work / f"{prefix}.pdf").read_bytes() for prefix in documents}


def _squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_seed_pdf_same_diagnostics_mapped_back(linter, seed_pdfs, prefix):
    seed = decode(SEEDS[prefix].read_bytes(), str(SEEDS[prefix]))
    data = seed_pdfs[prefix]
    extracted = read_pdf(data, f"{prefix}.pdf")
    source = Source(f"{prefix}.pdf", extracted.text, "utf-8", format="pdf", origin=extracted.origin)
    expected = linter.check_source(seed).diagnostics
    found = linter.check_source(source).diagnostics
    assert [(d.code, d.message) for d in found] == [(d.code, d.message) for d in expected]
    assert len(pdfium.PdfDocument(data)) >= 3
    for mine, theirs in zip(found, expected):
        mine_text = _squeeze(source.text[mine.span.start:mine.span.end])
        assert mine_text == _squeeze(seed.text[theirs.span.start:theirs.span.end]), mine.code
        place = source.origin.locate(mine.span)
        assert place is not None and place.page is not None and place.box is not None
        first = source.text[mine.span.start:mine.span.end].split("\t")[0].split("\n")[0]
        assert _squeeze(first) in _squeeze(_bounded_text(data, place.page, place.box)), (mine.code, first, place)


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_seed_pdf_tables_and_cell_boxes(linter, seed_pdfs, prefix):
    """Every value of the seed's template tables, read from the PDF, with a box around it —
    including the rows of table 2 that the page break carried to the next page."""
    seed = linter.check_source(decode(SEEDS[prefix].read_bytes(), str(SEEDS[prefix]))).report
    data = seed_pdfs[prefix]
    extracted = read_pdf(data, f"{prefix}.pdf")
    report = linter.check_source(Source(f"{prefix}.pdf", extracted.text, "utf-8", origin=extracted.origin)).report

    def values(r):
        return {(t.number, row.key): [c.text for c in row.cells] for t in r.tables for row in t.rows}

    assert values(report) == values(seed)
    pages = set()
    for table in report.tables:
        for row in table.rows:
            for cell in row.cells:
                place = extracted.origin.locate(cell.span)
                assert cell.text in _squeeze(_bounded_text(data, place.page, place.box)), (row.key, cell.text, place)
                if table.number == 2:
                    pages.add(place.page)
    if any(t.number == 2 and t.rows for t in seed.tables):
        assert len(pages) >= 2, "table 2 breaks across pages in these PDFs"


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_seed_pdf_running_header_and_page_numbers_dropped(seed_pdfs, prefix):
    data = seed_pdfs[prefix]
    count = len(pdfium.PdfDocument(data))
    printed = [_textpage(data, n).get_text_range() for n in range(1, count + 1)]
    assert all("— 2 —" in text or n != 2 for n, text in enumerate(printed, 1))    # the PDF has them …
    assert all("政府信息公开工作年度报告" in text for text in printed)
    extracted = read_pdf(data, f"{prefix}.pdf").text
    assert not any(line.strip().startswith("—") for line in extracted.splitlines())    # … the text has not
    assert "政府信息公开工作年度报告" not in extracted.splitlines()


def test_encrypted_pdf_is_reported(seed_docx):
    """A PDF LibreOffice exported with an open password: a clear message, not a traceback."""
    work, documents = seed_docx
    encrypted = work / "encrypted"
    encrypted.mkdir()
    options = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
               '"DocumentOpenPassword":{"type":"string","value":"secret"}}')
    _convert(encrypted, [documents["001"]], options)
    data = (encrypted / "001.pdf").read_bytes()
    assert b"/Encrypt" in data
    with pytest.raises(PdfError) as error:
        read_pdf(data, "001.pdf")
    assert error.value.message_zh == "PDF 已加密（需要密码），无法读取；请提供未加密的文件"
    assert error.value.message_en.startswith("the PDF is encrypted (password required)")
