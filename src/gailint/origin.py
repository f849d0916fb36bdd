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


@attrs.frozen
class _Segment:
    start: int
    end: int
    place: Place


class SourceMap:
    """Segments of extracted text, each mapped to the `Place` it came from.

    Segments are half-open code-point ranges of the extracted text; they need not cover
    it all (line breaks a reader inserted map nowhere). `locate` answers for a span: the
    place of the segment holding its start, with PDF boxes of the same page unioned over
    every segment the span touches.
    """

    __slots__ = ("_segments", "_starts")

    def __init__(self, segments: Iterable[tuple[int, int, Place]] = ()) -> None:
        ordered = sorted((_Segment(s, e, p) for s, e, p in segments), key=lambda seg: (seg.start, seg.end))
        for segment in ordered:
            if segment.end < segment.start:
                raise ValueError(f"reversed source-map segment {segment.start}..{segment.end}")
        self._segments = ordered
        self._starts = [seg.start for seg in ordered]

    def __len__(self) -> int:
        return len(self._segments)

    def __iter__(self) -> Iterator[tuple[int, int, Place]]:
        return ((seg.start, seg.end, seg.place) for seg in self._segments)

    def _at(self, offset: int) -> int | None:
        """Index of the segment holding `offset`, else of the nearest one before it."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return 0 if self._segments else None
        return i

    def locate(self, span: Span) -> Place | None:
        """Where `span` of the extracted text starts in the original (None: an empty map)."""
        if not self._segments:
            return None
        first = self._at(span.start)
        assert first is not None
        segment = self._segments[first]
        place = segment.place
        if place.offset is not None:
            return place.shifted(max(0, min(span.start, segment.end) - segment.start))
        if place.box is None or span.end <= segment.end:
            return place
        x0, y0, x1, y1 = place.box
        for segment in self._segments[first + 1:]:
            if segment.start >= span.end:
                break
            other = segment.place
            if other.page == place.page and other.box is not None:
                x0, y0 = min(x0, other.box[0]), min(y0, other.box[1])
                x1, y1 = max(x1, other.box[2]), max(y1, other.box[3])
        return attrs.evolve(place, box=(x0, y0, x1, y1))

    def locate_end(self, span: Span) -> Place | None:
        """Where `span` ends in the original: for a linear place, just after its last
        character; otherwise the place of its last character."""
        if not self._segments:
            return None
        last = max(span.start, span.end - 1)
        index = self._at(last)
        assert index is not None
        segment = self._segments[index]
        place = segment.place
        if place.offset is None:
            return place
        if span.end <= span.start:
            return place.shifted(max(0, min(span.start, segment.end) - segment.start))
        return place.shifted(max(0, min(last + 1, segment.end) - segment.start))

    def exact(self, span: Span) -> tuple[int, int] | None:
        """The source offsets of `span` when it maps character for character (both ends
        inside one linear segment), else None: an edit there can be written to the source."""
        if not self._segments:
            return None
        index = self._at(span.start)
        assert index is not None
        segment = self._segments[index]
        if segment.place.offset is None or not segment.start <= span.start <= span.end <= segment.end:
            return None
        base = segment.place.offset - segment.start
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
