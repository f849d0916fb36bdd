"""Building a reader's output: lines of text, each piece with the place it came from.

Every reader produces the same shape — title, headings and paragraphs one per line, a
table row as one line of tab-separated cells — so the grammar reads a Word file, an
HTML page and a PDF exactly as it reads a ``.txt`` report. `Lines` collects the pieces
and keeps the source map in step with the text.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..origin import Extracted, Place, SourceMap
from ..source import LineIndex

__all__ = ["Lines"]


class Lines:
    """Accumulates the extracted text and its source map, one line at a time."""

    __slots__ = ("_parts", "_segments", "_length", "format")

    def __init__(self, format: str) -> None:
        self.format = format
        self._parts: list[str] = []
        self._segments: list[tuple[int, int, Place | int]] = []
        self._length = 0

    def _put(self, text: str, place: Place | int | None) -> None:
        if place is not None:
            self._segments.append((self._length, self._length + len(text), place))
        self._parts.append(text)
        self._length += len(text)

    def line(self, pieces: Iterable[tuple[str, Place | int | None]]) -> None:
        """One line made of pieces (a paragraph's runs, or one text node after another)."""
        for text, place in pieces:
            if text:
                self._put(text, place)
        self._put("\n", None)

    def row(self, cells: Iterable[tuple[str, Place | None]]) -> None:
        """One table row: its cells separated by tabs. An empty cell keeps its column (and
        its place, as an empty segment)."""
        for i, (text, place) in enumerate(cells):
            if i:
                self._put("\t", None)
            self._put(text, place)
        self._put("\n", None)

    def row_pieces(self, cells: Iterable[list[tuple[str, Place | int | None]]]) -> None:
        """One table row whose cells are each made of pieces (text with its place)."""
        for i, pieces in enumerate(cells):
            if i:
                self._put("\t", None)
            if not pieces:
                self._put("", None)
            for text, place in pieces:
                self._put(text, place)
        self._put("\n", None)

    def blank(self) -> None:
        """An empty line (between blocks), unless the text already ends with one."""
        if self._parts and not (len(self._parts) >= 2 and self._parts[-1] == "\n" and self._parts[-2] == "\n"):
            self._put("\n", None)

    def build(self, positions: LineIndex | None = None) -> Extracted:
        """The text and its source map; `positions` indexes the original when pieces were
        placed by source offsets (`SourceMap`)."""
        return Extracted("".join(self._parts), SourceMap(self._segments, positions), self.format)
