"""Stage 2a: text → classified lines, the terminals of ``grammar/report.lark``.

Each logical line becomes one token whose value is a `Line` (its span and
text). The lexer carries the little context the grammar cannot: whether we
are inside a table (so that "四、结转下年度继续办理" is a row label, not a
section heading) and which section number comes next. A report flattened onto
one physical line is cut where `gailint.resegment` finds its line breaks, so that
the rest of the lexer sees the lines of a normal report (spans unchanged).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

import attrs
from lark import Token
from lark.lexer import Lexer

from ._lazy_re import lazy_compile
from .resegment import LONG_LINE, split_points
from .template import SECTION_HEADINGS
from .text import chinese_number, is_value_text, normalize

__all__ = ["Line", "Marker", "ReportLexer", "TableLines", "classify"]


@attrs.frozen
class Marker:
    """What the lexer read in a heading or sub-heading line, so that the parser never
    matches it again: the number (一 → 1), the numeral as written, and where the
    heading's own text starts and ends (offsets into the report)."""

    number: int
    numeral: str
    text_start: int
    text_end: int


@attrs.define  # not frozen: a frozen class's __init__ costs 3× as much, and there is one per line
class Line:
    """A logical line (or, for a paragraph, several) with its exact source span.

    `text` is always the exact source slice ``report[start:end]``, line breaks
    included, so that an offset into `text` plus `start` is an offset into the
    report. `blank_before` marks a table line that follows a blank line or a
    page number: one-cell-per-line tables need it to tell rows from columns.
    `marker` is set on HEADING and SUBHEADING lines. Never changed once made.
    """

    start: int
    end: int
    text: str
    blank_before: bool = False
    marker: Marker | None = None

    def __str__(self) -> str:  # lark makes each token's value a str: keep that cheap
        return self.text


_PHYSICAL = lazy_compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_HEADING = lazy_compile(
    r"^[ \u3000\f]*(?:#{1,6}[ \t]*)?(?:\*\*)?[ \u3000]*([一二三四五六七八九])[ \u3000]*[、，,．.][ \u3000]*"
    r"(?:\*\*)?(?P<text>.*?)(?:\*\*)?[ \t\u3000]*$"
)
_SUBHEADING = lazy_compile(r"^[ \u3000\f]*(?:#{1,6}[ \t]*)?(?:\*\*)?[（(]\s*([一二三四五六七八九十]+)\s*[）)]")
_PAGENO_START = "-－—第"  # what a page number starts with, after white space (a cheap test first)
_PAGENO = lazy_compile(r"^[\s\f]*(?:[-－—]\s*\d{1,3}\s*[-－—]|第\s*\d{1,3}\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?)[\s\f]*$")
_LAYOUT_ROW = lazy_compile(r"(?:^|\S\s{2,}|^\s+)[-\d.]+(?:\s+[-\d.]+)+\s*$")
_TITLE_END = lazy_compile(r"(年度报告|年报|工作报告)\s*$")
_TABLE_ANCHORS = ("第二十条", "勾稽关系", "申请人情况", "本年新收政府信息公开申请数量", "信息内容", "指标名称")
_TABLE_LABELS = ("本年新收", "上年结转", "本年度办理结果", "结转下年度")
_TABLE3_HEADER = lazy_compile(r"^行政复议.{0,12}行政诉讼|^(行政复议|行政诉讼|结果维持)$")
_PROSE = lazy_compile(r"[。；]")
_CELL_SEPARATOR = lazy_compile(r"[\t|]")
_SUPPRESSION = lazy_compile(r"^\s*<!--\s*gailint:.*-->\s*$")

_LONG_LINE = LONG_LINE
_DECORATION = " \t\u3000\f#*"  # what _HEADING and _SUBHEADING allow before the numeral
_NUMERALS = "一二三四五六七八九"


def _physical_lines(text: str) -> list[Line]:
    """The physical lines, each cut further where `resegment` finds a flattened report's line breaks."""
    if "\r" in text:
        matches = list(_PHYSICAL.finditer(text))
        bodies = [match.group().rstrip("\r\n") for match in matches]
        starts = [match.start() for match in matches]
    else:  # the usual case: str.split is many times faster than a pattern
        bodies = text.split("\n")
        if bodies[-1] == "":
            bodies.pop()
        starts = list(itertools.accumulate(map(len, bodies), lambda start, length: start + length + 1, initial=0))
    lines: list[Line] = []
    for start, body in zip(starts, bodies):
        if len(body) <= _LONG_LINE or not (points := split_points(body)):
            lines.append(Line(start, start + len(body), body))
            continue
        for begin, end in zip([0, *points], [*points, len(body)]):
            piece = body[begin:end]
            lead = len(piece) - len(piece.lstrip(" \u3000"))
            piece = piece.strip(" \u3000")
            lines.append(Line(start + begin + lead, start + begin + lead + len(piece), piece))
    return lines


def _is_table_label(norm: str) -> bool:
    # _TABLE_LABELS spelled out: a chain of `in` tests costs a fraction of any() over a generator
    return "本年新收" in norm or "上年结转" in norm or "本年度办理结果" in norm or "结转下年度" in norm


def _is_anchor(norm: str) -> bool:
    """A line that opens or belongs to a template table: short, or starting with a table label."""
    if len(norm) > 40 and not norm.startswith(_TABLE_ANCHORS) and not norm.lstrip("(").startswith("本列数据"):
        # table 3's whole header run together with its numbers (a flattened page)
        return bool(_TABLE3_HEADER.match(norm)) and not _PROSE.search(norm)
    return (
        "第二十条" in norm or "勾稽关系" in norm or "申请人情况" in norm or "本年新收政府信息公开申请数量" in norm
        or "信息内容" in norm or "指标名称" in norm  # _TABLE_ANCHORS, spelled out for speed
        or bool(_TABLE3_HEADER.match(norm))
    )


def _has_cells(text: str) -> bool:
    return "\t" in text or "|" in text


def _looks_like_row(text: str) -> bool:
    """A tab or pipe line that is a table row, not a sub-heading such as "（一）\t主动公开方面"."""
    if not _has_cells(text):
        return False
    cells = [c.strip() for c in _CELL_SEPARATOR.split(text) if c.strip()]
    return len(cells) >= 3 or any(is_value_text(c) for c in cells)


def _is_layout_row(text: str) -> bool:
    # A match ends in [-\d.] before trailing white space: test that first (re's \d and \s
    # are str.isdecimal and str.isspace), so prose lines skip the search.
    end = text.rstrip()[-1:]
    if not end or not (end in "-." or end.isdecimal()):
        return False
    return bool(_LAYOUT_ROW.search(text))


def _section_heading(line: Line, expected_after: int) -> Line | None:
    """This line as a HEADING (with its `Marker`) if it is a section heading here, else None.
    The one place that decides what a section heading is."""
    if _has_cells(line.text) or line.text.lstrip(_DECORATION)[:1] not in _NUMERALS:
        return None  # (a cheap test first: the pattern below needs a numeral after the decoration)
    match = _HEADING.match(line.text)
    if not match:
        return None
    number = chinese_number(match.group(1))
    norm = normalize(match.group("text"))
    if not norm or len(norm) > 40 or _is_table_label(norm) or number is None or number <= expected_after:
        return None
    if _PROSE.search(norm[:-1]):
        return None
    known = number in SECTION_HEADINGS and any(v in norm for v in SECTION_HEADINGS[number][1])
    return _marked(line, match) if (number == expected_after + 1 or known) else None


def _marked(line: Line, match: re.Match[str]) -> Line:
    """A heading line with what its match found."""
    start = line.start + len(line.text) - len(line.text.lstrip(" \u3000\f#*"))
    text_start, text_end = line.start + match.start("text"), line.start + match.end("text")
    return Line(start, line.end, line.text[start - line.start:], line.blank_before,
                Marker(chinese_number(match.group(1)) or 0, match.group(1), text_start, text_end))


def _subheading(line: Line) -> Line | None:
    """This line as a SUBHEADING (with its `Marker`) if it starts with （一）, else None."""
    if line.text.lstrip(_DECORATION)[:1] not in "（(":
        return None
    match = _SUBHEADING.match(line.text)
    if match is None:
        return None
    number = chinese_number(normalize(match.group(1))) or 0
    return Line(line.start, line.end, line.text, line.blank_before,
                Marker(number, match.group(1), line.start + match.end(), line.end))


def classify(text: str) -> Iterator[tuple[str, Line | TableLines]]:
    """Yield the grammar's terminals: consecutive TEXT lines merged into one paragraph token,
    consecutive table lines into one TABLE token, blank lines and page numbers dropped
    (inside tables they set `blank_before`)."""
    group: list[Line] = []   # the paragraph (TEXT) or table (TABLE) being gathered
    group_kind = ""
    gap = False              # a blank line or page number inside the table since its last line
    for kind, line in _classify_lines(text):
        if kind == "TBLANK":
            gap = True
            continue
        if kind in ("_BLANK", "_PAGENO"):
            continue
        if gap:
            line = Line(line.start, line.end, line.text, True, line.marker)  # TBLANK comes only before a TLINE
            gap = False
        grouped = _GROUPED.get(kind)
        if group and grouped != group_kind:
            yield _group_token(text, group_kind, group)
            group = []
        if grouped is None:
            yield kind, line
        else:
            group_kind = grouped
            group.append(line)
    if group:
        yield _group_token(text, group_kind, group)


_GROUPED = {"TEXT": "TEXT", "TLINE": "TABLE"}  # line kind → the token its consecutive lines make


def _group_token(text: str, kind: str, lines: list[Line]) -> tuple[str, Line | TableLines]:
    if kind == "TABLE":
        return kind, TableLines(lines)
    return kind, Line(lines[0].start, lines[-1].end, text[lines[0].start:lines[-1].end])


def _classify_lines(text: str) -> Iterator[tuple[str, Line]]:
    """Yield (kind, Line) for every logical line of the report."""
    lines = _physical_lines(text)
    last_heading = 0
    in_table = False
    pending_blanks: list[Line] = []
    title_lines = _title_lines(lines)
    title_end = max(title_lines, default=-1)
    first_text = _first_text(lines)

    for index, line in enumerate(lines):
        raw = line.text
        stripped = raw.strip(" \t\u3000\f")
        if index in title_lines:
            yield "TITLE", line
            continue
        if index < title_end or (not stripped and last_heading == 0 and not in_table and index < first_text):
            continue  # blank lines around the title carry nothing
        # inside a table, a line of tabs alone is a row of empty cells (a blank form's row)
        empty_row = in_table and not stripped and raw.count("\t") >= 2
        first = stripped[:1]  # the first character that is not white space (str.isspace), or ""
        if first.isspace():
            first = raw.lstrip()[:1]
        maybe_pageno = first in _PAGENO_START
        if (not stripped and not empty_row) or (in_table and maybe_pageno and _PAGENO.match(raw)):
            if in_table:
                pending_blanks.append(line)
            else:
                yield "_BLANK", line
            continue
        if maybe_pageno and _PAGENO.match(raw):
            yield "_PAGENO", line
            continue
        if "<!--" in raw and _SUPPRESSION.match(raw):
            continue  # <!-- gailint: … --> comments are read by gailint.suppressions, not parsed

        # (_section_heading's own first test, made here too: most lines cannot be a heading)
        heading = _section_heading(line, last_heading) if first in _NUMERALS or first in _DECORATION else None
        # a short line never ends a table, so a table's lines mostly go without `normalize`
        norm = normalize(stripped) if heading is None and (not in_table or len(stripped) > 30) else ""
        continues = in_table and heading is None and not (len(norm) > 30 and _PROSE.search(norm) and not _is_anchor(norm))
        if continues or heading is None and (  # a table starts here (tested only when none continues)
            _looks_like_row(raw) or _is_anchor(norm) or _is_table_label(norm) or _is_layout_row(raw)
        ):
            kind = "TBLANK" if in_table else "_BLANK"
            for blank in pending_blanks:
                yield kind, blank
            pending_blanks = []
            in_table = True
            yield "TLINE", line
            continue

        for blank in pending_blanks:
            yield "_BLANK", blank
        pending_blanks = []
        in_table = False
        if heading is not None and heading.marker is not None:
            last_heading = heading.marker.number
            yield "HEADING", heading
        elif (first in "（(" or first in _DECORATION) and (subheading := _subheading(line)) is not None:
            yield "SUBHEADING", subheading
        else:
            yield "TEXT", line
    for blank in pending_blanks:
        yield "_BLANK", blank


def _first_text(lines: list[Line]) -> int:
    return next((i for i, line in enumerate(lines) if line.text.strip(" \t\u3000\f")), len(lines))


def _title_lines(lines: list[Line]) -> set[int]:
    """Indexes of the title lines: the short lines at the top, up to one ending in 报告."""
    seen: list[int] = []
    for index, line in enumerate(lines):
        text = line.text.strip(" \t\u3000\f#*")
        if not text:
            continue
        if len(seen) == 4 or len(text) > 60 or _PROSE.search(text) or _HEADING.match(line.text):
            return set()
        seen.append(index)
        if _TITLE_END.search(text):
            return set(seen)
    return set()


class TableLines(tuple[Line, ...]):
    """The lines of one table, in order: the value of a TABLE token."""

    __slots__ = ()

    @property
    def start(self) -> int:
        return self[0].start

    @property
    def end(self) -> int:
        return self[-1].end

    def __str__(self) -> str:  # lark makes each token's value a str: keep that cheap
        return ""


class ReportLexer(Lexer):
    """Adapter that lets Lark's LALR parser consume `classify`."""

    def __init__(self, lexer_conf) -> None:  # noqa: D107 - signature fixed by lark
        pass

    def lex(self, data: str) -> Iterator[Token]:  # type: ignore[override]
        for kind, value in classify(data):
            yield Token(kind, value, start_pos=value.start, end_pos=value.end)
