"""Old binary Word and WPS documents (.doc, .wps; RTF too): converted to .docx by
LibreOffice (``soffice --headless --convert-to docx``) when it is installed, then read
by `gailint.readers.docx`, so places are the converted document's paragraphs and
tables — the same numbering a reader sees in the original. Without LibreOffice, a
clear message says how to convert the file.

Each conversion runs in a private temporary LibreOffice profile (parallel workers do
not share one) and is bounded in time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..origin import Extracted, ReaderError

__all__ = ["converter", "read"]

TIMEOUT = 120  # seconds for one conversion


def converter() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def read(data: bytes, path: str) -> Extracted:
    program = converter()
    if program is None:
        raise ReaderError(
            "读取 .doc/.wps 需要 LibreOffice（未找到 soffice）：请安装 LibreOffice（如 apt install "
            "libreoffice-writer-nogui），或在 Word/WPS 中将文件另存为 .docx 后再检查",
            "reading .doc/.wps needs LibreOffice (soffice not found): install it (e.g. apt install "
            "libreoffice-writer-nogui), or save the file as .docx from Word or WPS and check that")
    suffix = ".rtf" if data.startswith(b"{\\rtf") else (Path(path).suffix.lower() or ".doc")
    with tempfile.TemporaryDirectory(prefix="gailint-soffice-") as work:
        source = os.path.join(work, "report" + suffix)
        with open(source, "wb") as file:
            file.write(data)
        profile = Path(work, "profile").as_uri()
        command = [program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                   "--convert-to", "docx", "--outdir", work, source]
        try:
            done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise ReaderError(f"LibreOffice 转换超时（超过 {TIMEOUT} 秒）；文件可能已损坏，请在 Word/WPS 中另存为 .docx",
                              f"the LibreOffice conversion took longer than {TIMEOUT} s; the file may be damaged: "
                              "save it as .docx from Word or WPS") from None
        except OSError as error:
            raise ReaderError(f"无法启动 LibreOffice（{error}）", f"cannot start LibreOffice ({error})") from None
        converted = os.path.join(work, "report.docx")
        if not os.path.exists(converted):
            said = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()
            reason = said[-1] if said else f"exit status {done.returncode}"
            raise ReaderError(f"LibreOffice 无法转换该文件（{reason}）；文件可能已损坏或不是 Word/WPS 文档",
                              f"LibreOffice could not convert the file ({reason}); it may be damaged or not a "
                              "Word/WPS document")
        with open(converted, "rb") as file:
            docx_bytes = file.read()
    from .docx import read as read_docx

    extracted = read_docx(docx_bytes, path)
    return Extracted(extracted.text, extracted.origin, suffix.lstrip("."))
