"""The PDF reader through the command line: bad PDFs in a batch."""

from __future__ import annotations

import time

from .test_bad_inputs import check, good, good_line
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
        f"{tmp_path / 'c_huge.pdf'}:1:1: GAI001 PDF 有 2000 页，超过上限 300 页，未检查（年度报告通常不超过 30 页）",
        f"{tmp_path / 'd_corrupt.pdf'}:1:1: GAI001 PDF 文件已损坏或不完整，无法读取（Data format error）",
        f"{tmp_path / 'e_not_a_pdf.pdf'}:1:1: GAI001 文件不是 PDF（缺少 %PDF- 文件头）",
        good_line(report),
    ]
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == before
