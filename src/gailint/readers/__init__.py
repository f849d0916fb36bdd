"""The built-in document readers, registered through the same ``gailint_readers`` hook
a plugin uses (see `gailint.plugin_loader`).

One module per format; each exposes ``read(data: bytes, path: str) -> Extracted``. The
table maps a file extension to the module that reads it; the module is imported only
when a file of that kind is read, so a check of ``.txt`` reports never loads lxml.
The content decides in the end: a ``.doc`` that is really an HTML page is read as HTML
(see `gailint.readers.registry`).
"""

from __future__ import annotations

from ..hookspecs import hookimpl
from .registry import Reader

__all__ = ["BUILTIN_READERS", "gailint_readers"]

BUILTIN_READERS: dict[str, Reader] = {
    ".docx": Reader("docx"),
    ".pdf": Reader("pdf"),
    ".html": Reader("html", text=True),
    ".htm": Reader("html", text=True),
    ".doc": Reader("legacy", needs=("soffice", "libreoffice")),
    ".wps": Reader("legacy", needs=("soffice", "libreoffice")),
}


@hookimpl
def gailint_readers() -> dict[str, Reader]:
    return dict(BUILTIN_READERS)
