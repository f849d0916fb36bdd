"""Stage 2b: the lines of one table → cells, whatever the encoding.

Encodings seen in real reports:

* ``tab``          tab-separated rows (Word/HTML copy), possibly shifted cells;
* ``word-blocks``  one cell per line, each starting with a tab, rows separated by blank lines;
* ``pipe``         ``a | b | |`` rows;
* ``pipe-lines``   one cell per line with a ``|`` line between cells;
* ``layout``       ``pdftotext -layout`` columns;
* ``cell-lines``   ``pdftotext`` default: one cell per line, rows and sometimes columns in runs;
* ``collapsed``    a label with the row's numbers glued into one digit run (``行政许可2629``,
                   ``一、本年新收…801000081``, ``230 000023``): split into the label and the run;
                   `gailint.collapsed` finds the cells in the run.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

from ._lazy_re import lazy_compile
from .ast import Cell, Span, Table, TableLine
from .lexer import Line
from .text import parse_value

__all__ = ["GLUED_ROW", "build_table"]

_TRAILING_NUMBERS = lazy_compile(r"(?:(?<=\s)|^)((?:[-\d.,/—]+\s+)*[-\d.,/—]*\d[-\d.,/—]*)\s*$")
_WIDE_GAP = lazy_compile(r"\s{2,}|\t")
_LAYOUT_GAP = lazy_compile(r"\S\s{2,}\S")  # two cells of a pdftotext -layout line
_TOKEN = lazy_compile(r"\S+")
_HAN = lazy_compile(r"[\u4e00-\u9fff]")
# A label (ending in a character that no number ends with) and the row's numbers glued to it.
GLUED_ROW = lazy_compile(r"^(?P<label>.*[\u4e00-\u9fff）)”\"][^\d]*?)(?P<run>\d[\d .]*?)\s*(?:万?元)?\s*$")


_PAD = " \u3000\f"


def _cell(line: Line, start: int, end: int) -> Cell:
    """A cell for line.text[start:end], trimmed, with its exact span."""
    return _cell_at(line.text[start:end], line.start + start)


def _cell_at(raw: str, offset: int) -> Cell:
    """A cell for the text `raw` found at `offset` in the report, trimmed, with its exact span."""
    text = raw.strip(_PAD)
    if len(text) != len(raw) and text:
        offset += len(raw) - len(raw.lstrip(_PAD))  # = raw.index(text)
    return Cell(text, Span(offset, offset + len(text)), parse_value(text))


def _split(line: Line, separator: str) -> tuple[Cell, ...]:
    cells, offset, step = [], line.start, len(separator)
    for part in line.text.split(separator):
        cells.append(_cell_at(part, offset))
        offset += len(part) + step
    return tuple(cells)


def _split_layout(line: Line) -> tuple[Cell, ...]:
    match = _TRAILING_NUMBERS.search(line.text)
    label_end = match.start(1) if match else len(line.text)
    cells: list[Cell] = []
    position = 0
    for gap in _WIDE_GAP.finditer(line.text[:label_end]):
        if gap.start() > position:
            cells.append(_cell(line, position, gap.start()))
        position = gap.end()
    if label_end > position and line.text[position:label_end].strip():
        cells.append(_cell(line, position, label_end))
    if match:
        for number in _TOKEN.finditer(line.text, match.start(1), match.end(1)):
            cells.append(_cell_at(number.group(), line.start + number.start()))
    return tuple(cells)


def _encoding(lines: Sequence[Line]) -> str:
    texts = [line.text for line in lines]
    tabbed = [t for t in texts if "\t" in t]
    if tabbed:
        word = sum(1 for t in tabbed if t[0] == "\t" and t.count("\t") == 1)
        return "word-blocks" if word * 10 >= len(tabbed) * 6 else "tab"
    piped = [t for t in texts if "|" in t]
    if piped:
        return "pipe-lines" if _at_least(3, (t for t in piped if t.strip() == "|")) else "pipe"
    if _at_least(2, (t for t in texts if _LAYOUT_GAP.search(t))):  # (a gap lies between two non-blanks)
        return "layout"
    if len(texts) == 1:
        return "collapsed" if _glued(texts[0]) else "cell-lines"
    return "collapsed" if _at_least(2, (t for t in texts if _glued(t))) else "cell-lines"


def _at_least(count: int, items: Iterator[str]) -> bool:
    """True when `items` yields at least `count` items (stops there)."""
    return sum(1 for _ in itertools.islice(items, count)) == count


def build_table(lines: Sequence[Line]) -> Table:
    """Build a table from its lines (the value of a TABLE token)."""
    encoding = _encoding(lines)
    span = Span(lines[0].start, lines[-1].end)
    out: list[TableLine] = []
    run = 0
    if encoding == "word-blocks":
        block: list[Line] = []
        for line in lines:
            if line.blank_before and block:
                out.append(_word_block(block, run))
                run += 1
                block = []
            block.append(line)
        if block:
            out.append(_word_block(block, run))
        return Table(span, encoding, tuple(out))
    for line in lines:
        if line.blank_before:
            run += 1
        if "|" in line.text and line.text.strip() == "|":
            run += 1
            continue
        if encoding == "tab":
            cells = _split(line, "\t")
        elif encoding == "pipe":
            cells = _split(line, "|")
        elif encoding == "layout":
            cells = _split_layout(line)
        elif encoding == "collapsed":
            cells = _split_glued(line)
        else:
            cells = (_cell_at(line.text, line.start),)
        out.append(TableLine(Span(line.start, line.end), cells, run))
    return Table(span, encoding, tuple(out))


def _word_block(block: list[Line], run: int) -> TableLine:
    """One Word-exported row: each tab starts a cell; untabbed lines continue the previous cell."""
    cells: list[Cell] = []
    for line in block:
        parts = line.text.split("\t")
        if parts[0].strip() and cells:
            previous = cells.pop()
            continuation = _cell(line, 0, len(parts[0]))
            text = previous.text + continuation.text
            cells.append(Cell(text, Span(previous.span.start, continuation.span.end), parse_value(text)))
        position = len(parts[0]) + 1
        for part in parts[1:]:
            cells.append(_cell(line, position, position + len(part)))
            position += len(part) + 1
    return TableLine(Span(block[0].start, block[-1].end), tuple(cells), run)


def _glued(text: str) -> bool:
    text = text.strip()
    end = text[-1:]  # GLUED_ROW's run ends the line: a digit, a "." or 元 (a cheap test first)
    if not (end.isdecimal() or end == "." or end == "元"):
        return False
    match = GLUED_ROW.match(text)
    return match is not None and bool(_HAN.search(match.group("label")))


def _split_glued(line: Line) -> tuple[Cell, ...]:
    """A collapsed row: its label, then its digit run as one cell (spaces inside kept)."""
    match = GLUED_ROW.match(line.text)
    if match is None or not _HAN.search(match.group("label")):
        return (_cell(line, 0, len(line.text)),)
    return (_cell(line, 0, match.end("label")), _cell(line, match.start("run"), match.end("run")))
