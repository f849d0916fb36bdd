"""The PDF reader through the command line: bad PDFs in a batch."""

from __future__ import annotations

import ctypes
import io
import json
import time

import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest

from .test_bad_inputs import check, good, good_line
from .test_cli import gailint
from .test_pdf import _blank_pdf, _scan_pdf


def test_bad_pdfs_in_a_batch_exit_2_and_the_rest_is_checked(tmp_path):
    """Through the command line: each bad PDF one GAI001 with its reason, exit status 2,
    the good report still checked, and no file written (not even with --fix)."""
    report = good(tmp_path)
    files = {
        "a_truncated.pdf": _blank_pdf(3)[:300],
        "b_scan.pdf": _scan_pdf(),
        "c_huge.pdf": _blank_pdf(2000),
        "d_corrupt.pdf": b"%PDF-1.7\n" + b"\x00garbage" * 50,
        "e_not_a_pdf.pdf": "一、总体情况\n".encode(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    start = time.perf_counter()
    status, out, err = check("--no-cache", "--fix", str(tmp_path), cwd=tmp_path)
    assert time.perf_counter() - start < 30
    assert (status, err) == (2, "")
    assert out == [
        f"{tmp_path / 'a_truncated.pdf'}:1:1: GAI001 PDF 文件已损坏或不完整，无法读取（Data format error）",
        f"{tmp_path / 'b_scan.pdf'}:1:1: GAI001 PDF 没有文本层（可能是扫描件），需先做文字识别（OCR）才能检查",
        f"{tmp_path / 'c_huge.pdf'}:1:1: GAI001 PDF 有 2000 页，超过上限 300 页，未检查（年度报告通常不超过 30 页）；"
        "可调整配置项 max-pdf-pages",
        f"{tmp_path / 'd_corrupt.pdf'}:1:1: GAI001 PDF 文件已损坏或不完整，无法读取（Data format error）",
        f"{tmp_path / 'e_not_a_pdf.pdf'}:1:1: GAI001 文件不是 PDF（缺少 %PDF- 文件头）",
        good_line(report),
    ]
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == before


def _text_pdf(pages: int) -> bytes:
    """A PDF of `pages` pages, each with a line of text (a text layer: it is read, not a scan)."""
    document = pdfium.PdfDocument.new()
    for number in range(1, pages + 1):
        page = document.new_page(595, 842)
        text = raw.FPDFPageObj_NewTextObj(document.raw, b"Helvetica", 12.0)
        encoded = ctypes.create_string_buffer(f"Annual report, page {number}\0".encode("utf-16-le"))
        raw.FPDFText_SetText(text, ctypes.cast(encoded, ctypes.POINTER(ctypes.c_ushort)))
        raw.FPDFPageObj_Transform(text, 1, 0, 0, 1, 72, 760)
        raw.FPDFPage_InsertObject(page.raw, text)
        page.gen_content()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_page_limit_lowered_on_the_command_line_and_in_the_configuration(tmp_path):
    """``--max-pdf-pages`` and ``max-pdf-pages``: a PDF over the limit is one GAI001 saying
    which key to raise, exit 2, and the batch goes on; 0 turns the limit off."""
    report = good(tmp_path)
    pdf = tmp_path / "a_five_pages.pdf"
    pdf.write_bytes(_text_pdf(5))
    over = f"{pdf}:1:1: GAI001 PDF 有 5 页，超过上限 4 页，未检查（年度报告通常不超过 30 页）；可调整配置项 max-pdf-pages"
    assert check("--no-cache", str(tmp_path), cwd=tmp_path) == (1, [good_line(report)], "")    # 5 ≤ 300: read
    assert check("--no-cache", "--max-pdf-pages", "4", str(tmp_path), cwd=tmp_path) == (2, [over, good_line(report)], "")
    status, out, _ = check("--no-cache", "--lang", "en", "--max-pdf-pages", "4", str(pdf), cwd=tmp_path)
    assert (status, out) == (2, [f"{pdf}:1:1: GAI001 the PDF has 5 pages, more than the limit of 4; not checked "
                                 "(annual reports have at most about 30 pages): raise max-pdf-pages"])
    assert check("--no-cache", "--max-pdf-pages", "5", str(tmp_path), cwd=tmp_path)[:2] == (1, [good_line(report)])
    (tmp_path / "gailint.toml").write_text("max-pdf-pages = 4\n", encoding="utf-8")
    assert check("--no-cache", str(tmp_path), cwd=tmp_path) == (2, [over, good_line(report)], "")
    assert check("--no-cache", "--max-pdf-pages", "0", str(tmp_path), cwd=tmp_path)[:2] == (1, [good_line(report)])
    (tmp_path / "gailint.toml").write_text("max-pdf-pages = 0\n", encoding="utf-8")
    assert check("--no-cache", str(tmp_path), cwd=tmp_path)[:2] == (1, [good_line(report)])
    shown = json.loads(gailint("config", str(pdf), cwd=tmp_path).stdout)
    assert (shown["max-pdf-pages"], shown["max-file-size"]) == (0, 1 << 20)


def test_parse_text_honours_the_page_limit_as_check_does(tmp_path):
    """``gailint parse --text`` reads a PDF under the same limit as ``check``: the configuration's
    ``max-pdf-pages``, overridden by ``--max-pdf-pages``."""
    pdf = tmp_path / "five_pages.pdf"
    pdf.write_bytes(_text_pdf(5))
    assert gailint("parse", "--text", str(pdf), cwd=tmp_path).returncode == 0     # 5 ≤ 300
    over = gailint("parse", "--text", "--max-pdf-pages", "4", str(pdf), cwd=tmp_path)
    assert (over.returncode, over.stdout) == (2, b"")
    assert over.stderr.decode() == (f"gailint: {pdf}: GAI001 PDF 有 5 页，超过上限 4 页，未检查（年度报告通常不超过 30 页）；"
                                    "可调整配置项 max-pdf-pages\n")
    (tmp_path / "gailint.toml").write_text("max-pdf-pages = 4\n", encoding="utf-8")
    assert gailint("parse", "--text", str(pdf), cwd=tmp_path).returncode == 2
    assert gailint("parse", "--text", "--max-pdf-pages", "0", str(pdf), cwd=tmp_path).returncode == 0


@pytest.mark.parametrize("value", ["-1", "\"300\"", "2.5", "false"])
def test_page_limit_bad_configuration(tmp_path, value):
    report = good(tmp_path)
    (tmp_path / "gailint.toml").write_text(f"max-pdf-pages = {value}\n", encoding="utf-8")
    status, out, err = check(str(report), cwd=tmp_path)
    assert (status, out) == (2, [])
    shown = {"-1": "-1", "\"300\"": "'300'", "2.5": "2.5", "false": "False"}[value]
    assert err == (f"gailint: {tmp_path / 'gailint.toml'}: `max-pdf-pages` must be a number of pages (0: no limit), "
                   f"got {shown}\n")
