"""Stage 1: bytes → text.

Decodes a report's bytes and remembers how it was encoded (so that a fix can
write it back byte-for-byte the same way), and converts code-point offsets —
the single internal truth for positions — into line/column pairs at the edges.
"""

from __future__ import annotations

import bisect
import codecs
import itertools

import attrs

from ._lazy_re import lazy_compile
from .origin import SourceMap

__all__ = ["DecodeError", "LineIndex", "Source", "decode"]

_NEWLINE = lazy_compile(r"\r\n|\r|\n")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class DecodeError(Exception):
    """The bytes are not a text report in a supported encoding."""

    def __init__(self, message_zh: str, message_en: str, offset: int | None = None) -> None:
        super().__init__(message_en)
        self.message_zh = message_zh
        self.message_en = message_en
        self.offset = offset


@attrs.frozen
class Source:
    """A decoded report: its text plus what is needed to write it back.

    For a document a reader extracted (PDF, Word, HTML …), `format` names the format
    and `origin` maps the text's offsets back into the original; such text is never
    written back to the file."""

    path: str
    text: str
    encoding: str
    bom: bytes = b""
    newline: str = "\n"
    format: str = "text"
    origin: SourceMap | None = attrs.field(default=None, eq=False)

    @property
    def extracted(self) -> bool:
        """True when the text was extracted from another format (a fix is only a suggestion)."""
        return self.origin is not None

    @property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)


def decode(data: bytes, path: str = "<stdin>") -> Source:
    """Decode report bytes: UTF-8 (with or without BOM), UTF-16/32 with BOM, UTF-16 without one
    (recognised by its NUL bytes), else GB18030. A NUL anywhere else means a binary file."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise _undecodable(encoding, exc.start + len(bom)) from None
            return Source(path, text, encoding, bom, _newline_of(text))
    if not data.strip(b" \t\r\n\x0c"):
        raise DecodeError("文件为空", "file is empty", 0)
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data, path)
        if utf16 is not None:
            return utf16
        raise DecodeError(
            "文件含有 NUL 字节，像是二进制文件而非文本报告",
            "file contains NUL bytes: binary, not a text report",
            data.index(b"\x00"),
        )
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
            encoding = "gb18030"
        except UnicodeDecodeError:
            raise _undecodable("UTF-8 / GB18030", utf8_error.start) from None
    if _looks_binary(text):
        raise DecodeError(
            "文件含有大量控制字符，像是二进制文件而非文本报告",
            "file is mostly control characters: binary, not a text report",
        )
    return Source(path, text, encoding, b"", _newline_of(text))


def _utf16_without_bom(data: bytes, path: str) -> Source | None:
    """UTF-16 saved without a byte-order mark (some Windows tools do), or None.

    Such text has a NUL in every ASCII character — digits, tabs, line breaks — on one side
    of each 2-byte unit (the odd bytes in little-endian, the even ones in big-endian) and
    few on the other (a CJK character has a zero byte only in U+xx00, such as 一). The bytes
    are taken for UTF-16 when at least 1 unit in 50 of the first 8 KB has that NUL, the
    other side has at most a quarter as many, and the whole file decodes to text without
    NUL or many control characters; a binary file fails one of these."""
    if len(data) % 2:
        return None
    sample = data[:8192]
    units = len(sample) // 2
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    for encoding, zeros, stray in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros * 50 < units or stray * 4 > zeros:
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            return None
        if "\x00" in text or _looks_binary(text):
            return None
        return Source(path, text, encoding, b"", _newline_of(text))
    return None


def _undecodable(encoding: str, offset: int) -> DecodeError:
    return DecodeError(
        f"无法按 {encoding} 解码（第 {offset} 字节）；请以 UTF-8 或 GB18030 保存",
        f"cannot decode as {encoding} (byte {offset}); save the report as UTF-8 or GB18030",
        offset,
    )


_CONTROL = lazy_compile(r"[\x00-\x08\x0e-\x1f]")  # control characters other than \t \n \v \f \r


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    return len(_CONTROL.findall(sample)) > len(sample) // 10


def _newline_of(text: str) -> str:
    match = _NEWLINE.search(text)
    return match.group() if match else "\n"


class LineIndex:
    """Offsets ↔ positions for one document. Lines end only at \\n, \\r\\n or \\r."""

    __slots__ = ("_text", "_starts")

    def __init__(self, text: str) -> None:
        self._text = text
        if text.count("\r") == text.count("\r\n"):  # every break ends in \n: str.split is exact
            self._starts = [0, *itertools.accumulate(map((1).__add__, map(len, text.split("\n")[:-1])))]
        else:
            self._starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]

    def __len__(self) -> int:
        return len(self._starts)

    def line_of(self, offset: int) -> int:
        """0-based line number of a code-point offset."""
        return bisect.bisect_right(self._starts, offset) - 1

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in code points."""
        line = self.line_of(offset)
        return line + 1, offset - self._starts[line] + 1

    def utf16_position(self, offset: int) -> tuple[int, int]:
        """0-based (line, character) in UTF-16 code units, as LSP expects by default."""
        line = self.line_of(offset)
        prefix = self._text[self._starts[line]:offset]
        return line, len(prefix) + sum(1 for ch in prefix if ord(ch) > 0xFFFF)

    def line_span(self, line: int) -> tuple[int, int]:
        """(start, end) offsets of a 0-based line, excluding its line break."""
        start = self._starts[line]
        end = self._starts[line + 1] if line + 1 < len(self._starts) else len(self._text)
        while end > start and self._text[end - 1] in "\r\n":
            end -= 1
        return start, end

    def line_text(self, line: int) -> str:
        start, end = self.line_span(line)
        return self._text[start:end]
