"""Code-point offsets ↔ LSP positions, in the position encoding negotiated with the client.

LSP counts lines as `source.LineIndex` does (a line ends at \\n, \\r\\n or \\r —
not at the form feeds pdftotext leaves between pages) and columns in UTF-16
code units unless the client offered UTF-8 or UTF-32 and the server chose it.
"""

from __future__ import annotations

from lsprotocol import types

from ..ast import Span
from ..source import LineIndex

__all__ = ["Positions"]

_UNITS = {
    types.PositionEncodingKind.Utf8: lambda text: len(text.encode("utf-8", "surrogatepass")),
    types.PositionEncodingKind.Utf16: lambda text: len(text.encode("utf-16-le", "surrogatepass")) // 2,
    types.PositionEncodingKind.Utf32: len,
}


class Positions:
    """Conversions for one version of one document."""

    def __init__(self, text: str, encoding: str = types.PositionEncodingKind.Utf16) -> None:
        self.text = text
        self.index = LineIndex(text)
        self._units = _UNITS.get(encoding, _UNITS[types.PositionEncodingKind.Utf16])

    def position(self, offset: int) -> types.Position:
        line = self.index.line_of(offset)
        start = self.index.line_span(line)[0]
        return types.Position(line=line, character=self._units(self.text[start:offset]))

    def range(self, span: Span) -> types.Range:
        return types.Range(start=self.position(span.start), end=self.position(span.end))

    def offset(self, position: types.Position) -> int:
        """The code-point offset of a client position; columns past the line's end clamp to it."""
        if position.line >= len(self.index):
            return len(self.text)
        start, end = self.index.line_span(position.line)
        units = 0
        for offset in range(start, end):
            if units >= position.character:
                return offset
            units += self._units(self.text[offset])
        return end

    def span(self, range_: types.Range) -> Span:
        return Span(self.offset(range_.start), self.offset(range_.end))
