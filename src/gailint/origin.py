"""Where extracted text came from: the source map of a document reader.

A reader (PDF, Word, HTML, or a plugin's) turns a document into the line-structured
text the grammar reads. Rules and diagnostics only ever see offsets into that text;
this module maps those offsets back to a place in the original document, so that
every output can name it: a page and a box in a PDF, a paragraph or a table cell in
a Word file, a line and column in an HTML page.

`Extracted` is what a reader returns; `SourceMap` is a sorted list of segments of the
extracted text, each with the `Place` it came from.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

import attrs

from .ast import Span

__all__ = ["Extracted", "Place", "ReaderError", "SourceMap"]


def _box(value: Sequence[float] | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    x0, y0, x1, y1 = (round(float(v), 2) for v in value)
    return (x0, y0, x1, y1)


@attrs.frozen
class Place:
    """A place in an original document. Every field is optional; a reader fills those
    that its format has.

    - PDF: `page` (1-based) and `box` (x0, y0, x1, y1 in PDF points, origin bottom-left).
    - Word: `paragraph` (1-based, in body order) or `table`/`row`/`column` (1-based).
    - HTML: `line`/`column` (1-based, code points) of the HTML source, and `offset`, the
      code-point offset into the decoded HTML source (what a fix or an editor needs).

    A place with an `offset` is *linear*: the segment it starts maps character for
    character onto the source, so `SourceMap.locate` moves it to the span's exact start.
    """

    page: int | None = None
    box: tuple[float, float, float, float] | None = attrs.field(default=None, converter=_box)
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    line: int | None = None
    offset: int | None = None

    def to_json(self) -> dict[str, object]:
        """The JSON output's ``source`` object: the fields that are set; for a place in an
        HTML source, ``{"row", "column"}`` like the JSON ``location`` (1-based, code points)."""
        if self.line is not None:
            return {"row": self.line, "column": self.column if self.column is not None else 1}
        return {name: list(value) if name == "box" else value
                for name, value in attrs.asdict(self, recurse=False).items() if value is not None}

    def shifted(self, delta: int) -> Place:
        """A linear place `delta` code points further on (same source line)."""
        if self.offset is None or delta == 0:
            return self
        column = None if self.column is None else self.column + delta
        return attrs.evolve(self, offset=self.offset + delta, column=column)

    def describe(self, lang: str = "zh") -> str:
        """For people: ``第 3 页`` / ``表2 第5行第8列`` / ``第 12 段`` / ``HTML 第 40 行第 7 列``."""
        zh = lang != "en"
        parts: list[str] = []
        if self.page is not None:
            parts.append(f"第 {self.page} 页" if zh else f"page {self.page}")
        if self.table is not None:
            cell = f"表{self.table}" if zh else f"table {self.table}"
            if self.row is not None:
                cell += f" 第{self.row}行" if zh else f" row {self.row}"
            if self.column is not None:
                cell += f"第{self.column}列" if zh else f" column {self.column}"
            parts.append(cell)
        elif self.paragraph is not None:
            parts.append(f"第 {self.paragraph} 段" if zh else f"paragraph {self.paragraph}")
        if self.line is not None:
            where = f"{self.line}:{self.column}" if self.column is not None else str(self.line)
            parts.append(f"HTML 源码 {where}" if zh else f"HTML source {where}")
        if self.box is not None:
            parts.append("[" + ", ".join(f"{v:g}" for v in self.box) + "]")
        return "，".join(parts) if zh else ", ".join(parts)


class _Positions(Protocol):
    """Offsets → 1-based (line, column) in the original source (`source.LineIndex`)."""

    def position(self, offset: int) -> tuple[int, int]: ...


class SourceMap:
    """Segments of extracted text, each mapped to the `Place` it came from.

    Segments are half-open code-point ranges of the extracted text; they need not cover
    it all (line breaks a reader inserted map nowhere). `locate` answers for a span: the
    place of the segment holding its start, with PDF boxes of the same page unioned over
    every segment the span touches.

    A reader whose original is itself text (HTML) may give a segment's place as an
    ``int`` together with `positions`, the original's line index: ``n >= 0`` is the
    code-point offset where the segment starts in the original, mapping character for
    character (a *linear* place); ``n < 0`` is a piece that maps as a whole to offset
    ``-1 - n`` (an entity: line and column, no offset). The line and column are then
    computed only for the spans located, from the exact offset, instead of for every
    piece the reader extracts.
    """

    __slots__ = ("_starts", "_ends", "_places", "_positions")

    def __init__(self, segments: Iterable[tuple[int, int, Place | int]] = (),
                 positions: _Positions | None = None) -> None:
        ordered = list(segments)
        if any(ordered[i][:2] > ordered[i + 1][:2] for i in range(len(ordered) - 1)):
            ordered.sort(key=lambda seg: (seg[0], seg[1]))
        for start, end, place in ordered:
            if end < start:
                raise ValueError(f"reversed source-map segment {start}..{end}")
            if isinstance(place, int) and positions is None:
                raise ValueError("a source-map segment placed by an offset needs the original's positions")
        self._starts = [seg[0] for seg in ordered]
        self._ends = [seg[1] for seg in ordered]
        self._places = [seg[2] for seg in ordered]
        self._positions = positions

    def __len__(self) -> int:
        return len(self._starts)

    def __iter__(self) -> Iterator[tuple[int, int, Place]]:
        return ((start, end, self._place(place, 0))
                for start, end, place in zip(self._starts, self._ends, self._places))

    def _place(self, place: Place | int, delta: int) -> Place:
        """A segment's place, `delta` code points into it (for a linear place)."""
        if not isinstance(place, int):
            return place.shifted(delta) if delta else place
        assert self._positions is not None
        if place < 0:
            line, column = self._positions.position(-1 - place)
            return Place(line=line, column=column)
        line, column = self._positions.position(place + delta)
        return Place(line=line, column=column, offset=place + delta)

    @staticmethod
    def _linear(place: Place | int) -> bool:
        return place >= 0 if isinstance(place, int) else place.offset is not None

    def _at(self, offset: int) -> int | None:
        """Index of the segment holding `offset`, else of the nearest one before it."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return 0 if self._starts else None
        return i

    def locate(self, span: Span) -> Place | None:
        """Where `span` of the extracted text starts in the original (None: an empty map)."""
        if not self._starts:
            return None
        first = self._at(span.start)
        assert first is not None
        start, end, place = self._starts[first], self._ends[first], self._places[first]
        if self._linear(place):
            return self._place(place, max(0, min(span.start, end) - start))
        place = self._place(place, 0)
        if place.box is None or span.end <= end:
            return place
        x0, y0, x1, y1 = place.box
        for index in range(first + 1, len(self._starts)):
            if self._starts[index] >= span.end:
                break
            other = self._places[index]
            if not isinstance(other, int) and other.page == place.page and other.box is not None:
                x0, y0 = min(x0, other.box[0]), min(y0, other.box[1])
                x1, y1 = max(x1, other.box[2]), max(y1, other.box[3])
        return attrs.evolve(place, box=(x0, y0, x1, y1))

    def locate_end(self, span: Span) -> Place | None:
        """Where `span` ends in the original: for a linear place, just after its last
        character; otherwise the place of its last character."""
        if not self._starts:
            return None
        last = max(span.start, span.end - 1)
        index = self._at(last)
        assert index is not None
        start, end, place = self._starts[index], self._ends[index], self._places[index]
        if not self._linear(place):
            return self._place(place, 0)
        if span.end <= span.start:
            return self._place(place, max(0, min(span.start, end) - start))
        return self._place(place, max(0, min(last + 1, end) - start))

    def extracted_offset(self, offset: int) -> int | None:
        """The offset of the extracted text that the original's code-point `offset` became
        (the inverse of a linear place: a cursor in an HTML page → the text the rules read),
        or None when no linear segment covers it (a tag, a comment, markup left out). The
        first segment wins: a label repeated from a ``rowspan`` is its first row's."""
        for start, end, place in zip(self._starts, self._ends, self._places):
            base = place if isinstance(place, int) else place.offset
            if base is not None and 0 <= base <= offset <= base + (end - start):
                return start + (offset - base)
        return None

    def exact(self, span: Span) -> tuple[int, int] | None:
        """The source offsets of `span` when it maps character for character (both ends
        inside one linear segment), else None: an edit there can be written to the source."""
        if not self._starts:
            return None
        index = self._at(span.start)
        assert index is not None
        start, end, place = self._starts[index], self._ends[index], self._places[index]
        offset = place if isinstance(place, int) else place.offset
        if offset is None or offset < 0 or not start <= span.start <= span.end <= end:
            return None
        base = offset - start
        return span.start + base, span.end + base


@attrs.frozen
class Extracted:
    """What a document reader returns: the text for the grammar, where each part of it
    came from, and the format's name (``"pdf"``, ``"docx"``, ``"html"`` …)."""

    text: str
    origin: SourceMap = attrs.field(factory=SourceMap, eq=False)
    format: str = "text"


class ReaderError(Exception):
    """Raise from a reader when a file cannot be read: ``ReaderError("加密的 PDF", "encrypted PDF")``.
    The messages (Chinese, then English; the English one defaults to the Chinese) become the
    file's GAI001 diagnostic."""

    def __init__(self, message_zh: str, message_en: str | None = None) -> None:
        super().__init__(message_en or message_zh)
        self.message_zh = message_zh
        self.message_en = message_en or message_zh
