"""How a built-in reader is chosen and called: by extension, confirmed by magic bytes.

`Reader` is what ``gailint_readers`` returns for each extension: a callable
``(data, path) -> Extracted`` that looks at the file's first bytes (`sniff`), picks the
built-in module for what the file really is, imports it on first use and calls its
``read``. A ``.docx`` that is really an old binary Word file goes to LibreOffice, a
``.doc`` saved by a CMS as HTML is read as HTML, and anything else is a clear
`ReaderError` (GAI001), never a traceback.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from ..origin import Extracted, ReaderError

__all__ = ["Reader", "ReaderError", "sniff"]

_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_NAMES = {"docx": ("Word 文档（.docx）", "a Word document (.docx)"),
          "html": ("HTML 网页", "an HTML page"),
          "legacy": ("旧版 Word/WPS 文档（.doc/.wps）", "an old Word/WPS document (.doc/.wps)"),
          "pdf": ("PDF 文件", "a PDF file"),
          "zip": ("zip 压缩包（不是 Word 文档）", "a zip archive that is not a Word document"),
          "text": ("纯文本", "plain text")}


def sniff(data: bytes) -> str | None:
    """What the bytes are, from their first bytes: ``"zip"`` (a docx, or another zip),
    ``"legacy"`` (OLE2 compound file or RTF: old Word and WPS), ``"pdf"``, ``"html"``,
    ``"text"``, or None when unknown. Cheap: looks at the first 1 KiB at most."""
    head = data[:1024]
    if head.startswith(_ZIP):
        return "zip"
    if head.startswith(_OLE2) or head.startswith(b"{\\rtf"):
        return "legacy"
    if b"%PDF-" in head:
        return "pdf"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<meta", b"<body", b"<!--", b"<div",
                            b"<table", b"<p")) or b"<html" in head.lower():
        return "html"
    if b"\x00" in head:
        return None
    return "text"


class Reader:
    """A built-in reader: the module ``gailint.readers.<module>`` and its ``read``.

    `text` says the format is text (HTML): the file-size guard applies to its bytes as to a
    ``.txt`` report. For a container (docx, pdf, doc) the guard applies to the text
    extracted, since its bytes are mostly images and compression; the reader bounds its own
    input (zip members, pages)."""

    takes_max_pages = True    # `__call__` takes the ``max-pdf-pages`` limit (a plugin's reader need not)

    def __init__(self, module: str, *, text: bool = False, needs: tuple[str, ...] = ()) -> None:
        self.module = module
        self.text = text
        self.needs = needs

    @property
    def available(self) -> bool:
        """False when the reader needs a program (`needs`, e.g. LibreOffice) that is not
        installed: a directory walk then skips its files (a file named is still read, and
        gets a message saying what to install)."""
        if not self.needs:
            return True
        import shutil

        return any(shutil.which(program) for program in self.needs)

    def __repr__(self) -> str:
        return f"Reader({self.module!r})"

    def __call__(self, data: bytes, path: str, *, max_pages: int | None = None) -> Extracted:
        """Read `data` with the module its first bytes call for. `max_pages`: the page limit
        of a PDF (``max-pdf-pages``; None: the reader's default, 0: no limit)."""
        kind = sniff(data)
        limits = {} if max_pages is None else {"max_pages": max_pages}
        module = self.module
        if kind == "zip" and module in ("docx", "legacy"):
            module = "docx"
        elif kind == "legacy" and module == "docx":
            module = "legacy"
        elif kind == "html" and module in ("docx", "legacy"):
            module = "html"  # a "Word file" a CMS saved as HTML: common for .doc downloads
        elif kind == "pdf" and module != "pdf":
            return _delegate("pdf", data, path, module, limits)
        elif module == "docx" and kind != "zip":
            raise _not_a(module, kind)
        elif module == "legacy" and kind not in ("legacy", "zip", "html"):
            raise _not_a(module, kind)
        return _load(module)(data, path, **(limits if module == "pdf" else {}))

    def read_text(self, text: str, path: str) -> Extracted | None:
        """Read a text format from a string (an editor's buffer): the module's ``read_text``,
        None when the format has none (a binary container)."""
        if not self.text:
            return None
        return getattr(importlib.import_module(f"{__package__}.{self.module}"), "read_text")(text, path)


def _load(module: str) -> Callable[[bytes, str], Extracted]:
    """The module's reader function: ``read``, or ``read_<module>`` (``read_pdf``)."""
    loaded = importlib.import_module(f"{__package__}.{module}")
    return getattr(loaded, "read", None) or getattr(loaded, f"read_{module}")


def _delegate(module: str, data: bytes, path: str, claimed: str, limits: dict[str, int]) -> Extracted:
    """A file whose content is another built-in format than its extension says."""
    try:
        read = _load(module)
    except ImportError:
        raise _not_a(claimed, module) from None
    return read(data, path, **limits)


def _not_a(claimed: str, kind: str | None) -> ReaderError:
    zh, en = _NAMES.get(claimed, (claimed, claimed))
    if kind is None:
        return ReaderError(f"文件扩展名表明是{zh}，但内容（文件头）不是，也不是其他可读格式；文件可能已损坏",
                           f"the extension says {en}, but the content (its first bytes) is not, nor any "
                           "other readable format; the file may be damaged")
    actual_zh, actual_en = _NAMES.get(kind, (kind, kind))
    return ReaderError(f"文件扩展名表明是{zh}，但内容（文件头）是{actual_zh}；请改用正确的扩展名",
                       f"the extension says {en}, but the content (its first bytes) is {actual_en}; "
                       "rename the file to its real format")
