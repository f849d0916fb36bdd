"""Stage 1: a file → the text the grammar reads.

    path ──read (regular files only, bounded)──▶ bytes ──size guard──▶
         ──a reader for its format (PDF, Word, HTML, a plugin's …) or text decoding──▶ Source

A file that cannot become text is not an exception here: it becomes one diagnostic,
GAI001 (unreadable, undecodable, unreadable by its reader) or GAI008 (larger than the
size guard), built by those rules' own classes, and the batch goes on. The engine
never sees such a file.
"""

from __future__ import annotations

import logging
import os
import stat
import traceback
from collections.abc import Callable, Mapping

from .ast import Span
from .diagnostics import Diagnostic
from .origin import Extracted, ReaderError, SourceMap
from .rules.gai001_undecodable import Undecodable
from .rules.gai008_file_too_large import FileTooLarge
from .source import DecodeError, Source, decode

__all__ = ["TEXT_EXTENSIONS", "Inputs", "NotRegularFile", "Reader", "TooLarge", "read_file"]

log = logging.getLogger(__name__)

TEXT_EXTENSIONS = (".txt", ".md")
# The bytes of a container (docx, pdf: mostly images and compression) are bounded by this,
# not by the size guard, which applies to the text extracted from it.
CONTAINER_MAX_BYTES = 200 * 1024 * 1024

Reader = Callable[[bytes, str], "str | Extracted"]
_FILE_START = Span(0, 0)


class NotRegularFile(OSError):
    """A FIFO, a device, a socket or a directory: never read (it could block or never end)."""


class TooLarge(Exception):
    """The file is larger than the size guard; only its size was looked at."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def read_file(path: str, max_size: int = 0) -> bytes:
    """The bytes of a regular file, at most `max_size` (0: no limit) + 1 of them.

    Only regular files are read: a FIFO, a device or a socket would block or never end.
    Raises OSError (with a reason for people) or `TooLarge`."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(path)
        if 0 < max_size < info.st_size:
            raise TooLarge(info.st_size)
        with os.fdopen(descriptor, "rb", closefd=True) as file:
            descriptor = -1
            data = file.read(max_size + 1) if max_size else file.read()
    finally:
        if descriptor >= 0:
            os.close(descriptor)
    if 0 < max_size < len(data):  # the file grew while it was read
        raise TooLarge(len(data))
    return data


class Inputs:
    """Turns files into `Source`s: chooses the reader for a file's format, applies the size
    guard, decodes text. `readers` maps an extension (".pdf") to a reader (built-in and
    plugins' readers alike, from the ``gailint_readers`` hook); `owners` names the plugin
    behind each, for messages."""

    def __init__(self, readers: Mapping[str, Reader] | None = None, owners: Mapping[str, str] | None = None) -> None:
        self.readers = dict(readers or {})
        self.owners = dict(owners or {})

    @property
    def extensions(self) -> tuple[str, ...]:
        """The file extensions a directory walk picks up: .txt, .md and every reader's, except
        a reader's whose program is missing (``.doc`` without LibreOffice; named on the command
        line, such a file still gets a message saying what to install)."""
        return (*TEXT_EXTENSIONS, *(e for e, reader in self.readers.items()
                                    if e not in TEXT_EXTENSIONS and getattr(reader, "available", True)))

    def _container(self, path: str) -> bool:
        """True when the file's reader reads a container (a reader that says ``text = False``)."""
        reader = self.readers.get(os.path.splitext(path)[1].lower())
        return reader is not None and getattr(reader, "text", True) is False

    def byte_limit(self, path: str, max_size: int) -> int:
        """The bound on the bytes read for `path`: the size guard, except for a container,
        whose guard applies to its extracted text (its bytes are only bounded by
        `CONTAINER_MAX_BYTES`)."""
        if max_size and self._container(path):
            return max(max_size, CONTAINER_MAX_BYTES)
        return max_size

    def read(self, path: str, shown: str | None = None, *, max_size: int = 0) -> bytes | Diagnostic:
        """The bytes of the file at `path` (reported as `shown`), bounded for its format, or the
        GAI001/GAI008 that says why they could not be read."""
        shown = path if shown is None else shown
        limit = self.byte_limit(shown, max_size)
        try:
            return read_file(path, limit)
        except TooLarge as too_large:
            return self.too_large(shown, too_large.size, limit)
        except OSError as error:
            return self.unreadable(shown, error)

    def load_path(self, path: str, shown: str | None = None, *, max_size: int = 0,
                  max_pages: int | None = None) -> Source | Diagnostic:
        """Read and load the file at `path` (reported as `shown`)."""
        shown = path if shown is None else shown
        data = self.read(path, shown, max_size=max_size)
        return data if isinstance(data, Diagnostic) else self.load(shown, data, max_size=max_size,
                                                                    max_pages=max_pages)

    def load(self, path: str, data: bytes, *, max_size: int = 0, max_pages: int | None = None) -> Source | Diagnostic:
        """Bytes already read (stdin, an editor's buffer, a cached file) → a `Source`, or the
        one diagnostic that says why there is none. `max_pages`: the page limit of a paged
        document (``max-pdf-pages``), for a reader that takes one (None: its default)."""
        limit = self.byte_limit(path, max_size)
        if 0 < limit < len(data):
            return self.too_large(path, len(data), limit)
        extension = os.path.splitext(path)[1].lower()
        reader = self.readers.get(extension)
        if reader is not None:
            loaded = self._read(reader, path, data, extension, max_pages)
            if isinstance(loaded, Source) and max_size and limit != max_size:
                size = len(loaded.text.encode("utf-8", "surrogatepass"))
                if size > max_size:
                    return FileTooLarge.diagnostic(
                        path, _FILE_START, f"从文件提取的文本过大（{size:,} 字节，上限 {max_size:,} 字节），未检查；"
                        "可调整配置项 max-file-size", f"the text extracted from the file is too large ({size:,} bytes, "
                        f"limit {max_size:,}); not checked: raise max-file-size")
            return loaded
        try:
            return decode(data, path)
        except DecodeError as error:
            return Undecodable.diagnostic(path, _FILE_START, error.message_zh, error.message_en)

    def _read(self, reader: Reader, path: str, data: bytes, extension: str,
              max_pages: int | None = None) -> Source | Diagnostic:
        try:
            if max_pages is not None and getattr(reader, "takes_max_pages", False):
                extracted = reader(data, path, max_pages=max_pages)  # type: ignore[call-arg]
            else:
                extracted = reader(data, path)
            if isinstance(extracted, str):  # extracted all the same: never written back to the document
                return Source(path, extracted, "utf-8", format=extension.lstrip("."), origin=SourceMap())
            if isinstance(extracted, Extracted):
                return Source(path, extracted.text, "utf-8", format=extracted.format, origin=extracted.origin)
            raise TypeError(f"the reader returned {type(extracted).__name__}, not str or Extracted")
        except ReaderError as error:  # the reader says why, for people
            return Undecodable.diagnostic(path, _FILE_START, error.message_zh, error.message_en)
        except Exception as error:  # noqa: BLE001 - one reader's failure must not stop the batch
            log.debug("reader for %s raised:\n%s", path, traceback.format_exc())
            owner = self.owners.get(extension, "?")
            zh, en = ("gailint", "gailint") if owner == "gailint" else (f"插件 {owner}", f"plugin {owner}")
            return Undecodable.diagnostic(
                path, _FILE_START, f"{zh} 的读取器无法读取文件：{type(error).__name__}: {error}",
                f"the reader of {en} cannot read the file: {type(error).__name__}: {error}")

    @staticmethod
    def unreadable(path: str, error: OSError) -> Diagnostic:
        if isinstance(error, NotRegularFile):
            return Undecodable.diagnostic(path, _FILE_START, "不是普通文件（管道、设备或目录），未读取",
                                          "not a regular file (a pipe, a device or a directory); not read")
        reason = error.strerror or type(error).__name__
        return Undecodable.diagnostic(path, _FILE_START, f"无法读取文件：{reason}", f"cannot read file: {reason}")

    @staticmethod
    def too_large(path: str, size: int, limit: int) -> Diagnostic:
        return FileTooLarge.diagnostic(
            path, _FILE_START, f"文件过大（{size:,} 字节，上限 {limit:,} 字节），未检查；可调整配置项 max-file-size",
            f"file too large ({size:,} bytes, limit {limit:,}); not checked: raise max-file-size")

