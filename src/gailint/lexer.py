"""Stage 2a: text → classified lines, the terminals of ``grammar/report.lark``.

Each heading, sub-heading and title line becomes one token whose value is a `Line`
(its span and text); consecutive lines of prose become one TEXT token (a paragraph),
consecutive table lines one TABLE token (`TableLines`). The lexer carries the
little context the grammar cannot: whether we are inside a table (so that
"四、结转下年度继续办理" is a row label, not a section heading) and which section
number comes next. A report flattened onto
one physical line is cut where `gailint.resegment` finds its line breaks, so that
the rest of the lexer sees the lines of a normal report (spans unchanged).
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs
from lark import Token
from lark.lexer import Lexer

from ._lazy_re import lazy_compile
from .resegment import LONG_LINE, split_points
from .template import SECTION_HEADINGS
from .text import chinese_number, is_value_text, nfkc, normalize

__all__ = ["Line", "Marker", "ReportLexer", "TableLines", "classify", "heading_parts", "is_prose"]


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
# What a section heading's line starts with: its decoration, numeral (group 1) and separator
# (`heading_parts` finds where its text ends).
_HEADING_NUMBERED = lazy_compile(
    r"^[ \u3000\f]*(?:#{1,6}[ \t]*)?(?:\*\*)?[ \u3000]*([一二三四五六七八九])[ \u3000]*[、，,．.][ \u3000]*(?:\*\*)?")
_SUBHEADING = lazy_compile(r"^[ \u3000\f]*(?:#{1,6}[ \t]*)?(?:\*\*)?[（(]\s*([一二三四五六七八九十]+)\s*[）)]")
_PAGENO_START = "-－—第"  # what a page number starts with, after white space (a cheap test first)
_PAGENO = lazy_compile(r"^[\s\f]*(?:[-－—]\s*\d{1,3}\s*[-－—]|第\s*\d{1,3}\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?)[\s\f]*$")
_LAYOUT_ROW = lazy_compile(r"(?:^|\S\s{2,}|^\s+)[-\d.]+(?:\s+[-\d.]+)+\s*$")
_TITLE_END = lazy_compile(r"(年度报告|年报|工作报告)\s*$")
_TABLE_ANCHORS = ("第二十条", "勾稽关系", "申请人情况", "本年新收政府信息公开申请数量", "信息内容", "指标名称")
_TABLE_LABELS = ("本年新收", "上年结转", "本年度办理结果", "结转下年度")
_TABLE3_HEADER = lazy_compile(r"^行政复议.{0,12}行政诉讼|^(行政复议|行政诉讼|结果维持)$")
_CELL_SEPARATOR = lazy_compile(r"[\t|]")
_SUPPRESSION = lazy_compile(r"^\s*<!--\s*gailint:.*-->\s*$")

_LONG_LINE = LONG_LINE
_DECORATION = " \t\u3000\f#*"  # what _HEADING_NUMBERED and _SUBHEADING allow before the numeral
_NUMERALS = "一二三四五六七八九"
_HEADING_START = _NUMERALS + _DECORATION  # what a heading line starts with


def _physical_lines(text: str) -> tuple[list[int], list[str]]:
    """Where each physical line starts, and its text without the line break; a line of a flattened
    report is cut further where `resegment` finds its line breaks (each piece stripped of spaces)."""
    if "\r" in text:
        matches = list(_PHYSICAL.finditer(text))
        bodies = [match.group().rstrip("\r\n") for match in matches]
        starts = [match.start() for match in matches]
    else:  # the usual case: str.split is many times faster than a pattern
        bodies = text.split("\n")
        if bodies[-1] == "":
            bodies.pop()
        starts = []
        start = 0
        for body in bodies:
            starts.append(start)
            start += len(body) + 1
    long_lines = [index for index, body in enumerate(bodies) if len(body) > _LONG_LINE]
    for index in reversed(long_lines):  # from the last, so that the indexes still to do stay valid
        body = bodies[index]
        if points := split_points(body):
            pieces = [_piece(body, begin, end) for begin, end in zip([0, *points], [*points, len(body)])]
            starts[index:index + 1] = [starts[index] + lead for lead, _ in pieces]
            bodies[index:index + 1] = [piece for _, piece in pieces]
    return starts, bodies


def _piece(body: str, begin: int, end: int) -> tuple[int, str]:
    """body[begin:end] stripped of spaces, and where it starts in `body`."""
    piece = body[begin:end]
    stripped = piece.lstrip(" \u3000")
    return begin + len(piece) - len(stripped), stripped.rstrip(" \u3000")


def is_prose(text: str) -> bool:
    """Whether `text` holds 。 or ；, which a sentence ends with and a heading or table line does not
    (what the lexer and GAI102 tell prose from a heading by)."""
    return "。" in text or "；" in text  # (two `in` tests cost a fraction of a pattern's search)


def _is_table_label(norm: str) -> bool:
    # _TABLE_LABELS spelled out: a chain of `in` tests costs a fraction of any() over a generator
    return "本年新收" in norm or "上年结转" in norm or "本年度办理结果" in norm or "结转下年度" in norm


def _is_anchor(norm: str) -> bool:
    """A line that opens or belongs to a template table: short, or starting with a table label."""
    if len(norm) > 40 and not norm.startswith(_TABLE_ANCHORS) and not norm.lstrip("(").startswith("本列数据"):
        # table 3's whole header run together with its numbers (a flattened page)
        return bool(_TABLE3_HEADER.match(norm)) and not is_prose(norm)
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


def _is_table_line(text: str, stripped: str, in_table: bool) -> bool:
    """Whether a line that is no heading (`stripped`: its text stripped) goes on the table we are in
    (any line but prose that is no anchor) or starts one.

    `normalize` costs many times what the other tests cost, and all it does to the NFKC form is drop
    white space, * and #, and replace 钩 and curly quotes: any other character is in the normalised
    line exactly when it is in the NFKC form. So the NFKC form tells first whether the normalised line
    can matter: a line without 。 or ； is no prose, and one that `_may_name_table` rules out names no
    table."""
    wide = nfkc(stripped)  # normalize(wide) is normalize(stripped): NFKC of an NFKC form changes nothing
    if in_table:
        if not is_prose(wide):
            return True
        norm = normalize(wide)
        return len(norm) <= 30 or _is_anchor(norm) or _looks_like_row(text) or _is_table_label(norm) or _is_layout_row(text)
    if _looks_like_row(text) or _is_layout_row(text):
        return True
    if not _may_name_table(wide):
        return False
    norm = normalize(wide)
    return _is_anchor(norm) or _is_table_label(norm)


def _may_name_table(wide: str) -> bool:
    """Whether `wide` (an NFKC form) may hold, once normalised, a word `_is_anchor` or `_is_table_label`
    looks for: False when it lacks one of two characters of each (the rarer in prose, none of them one
    that `normalize` drops or replaces)."""
    return (
        "第" in wide and "条" in wide      # 第二十条
        or "稽" in wide and "关" in wide   # 勾稽关系 (normalize makes 钩 勾)
        or "申" in wide and "况" in wide   # 申请人情况
        or "内" in wide and "容" in wide   # 信息内容
        or "指" in wide and "称" in wide   # 指标名称
        or "复" in wide and "议" in wide   # 行政复议 (_TABLE3_HEADER)
        or "诉" in wide and "讼" in wide   # 行政诉讼 (_TABLE3_HEADER)
        or "维" in wide and "持" in wide   # 结果维持 (_TABLE3_HEADER)
        or "新" in wide and "收" in wide   # 本年新收 (and 本年新收政府信息公开申请数量)
        or "结" in wide and "转" in wide   # 上年结转, 结转下年度
        or "办" in wide and "果" in wide   # 本年度办理结果
    )


def _section_heading(start: int, text: str, expected_after: int) -> Line | None:
    """The line `text` (at offset `start`) as a HEADING (with its `Marker`) if it is a section
    heading here, else None. The one place that decides what a section heading is."""
    if _has_cells(text) or text.lstrip(_DECORATION)[:1] not in _NUMERALS:
        return None  # (a cheap test first: the pattern below needs a numeral after the decoration)
    parts = heading_parts(text)
    if parts is None:
        return None
    numeral, text_start, text_end = parts
    number = chinese_number(numeral)
    norm = normalize(text[text_start:text_end])
    if not norm or len(norm) > 40 or _is_table_label(norm) or number is None or number <= expected_after:
        return None
    if is_prose(norm[:-1]):
        return None
    known = number in SECTION_HEADINGS and any(v in norm for v in SECTION_HEADINGS[number][1])
    if number != expected_after + 1 and not known:
        return None
    lead = len(text) - len(text.lstrip(" \u3000\f#*"))
    return Line(start + lead, start + len(text), text[lead:], False,
                Marker(number, numeral, start + text_start, start + text_end))


def heading_parts(line: str) -> tuple[str, int, int] | None:
    """The numeral of a line worded as a section heading ("一、总体情况", "## **二、…**") and where
    its text starts and ends in `line` (the decoration, the separator, one ** around the text and
    trailing white space left out); None for a line not so worded. `line` holds no line break.
    What the lexer and GAI102 read a heading with."""
    match = _HEADING_NUMBERED.match(line)
    if match is None:
        return None
    start = match.end()
    # (str.rstrip, not a lazy text group in the pattern, which tried the line's end at every character)
    end = max(len(line.rstrip(" \t\u3000")), start)
    if end - start >= 2 and line.startswith("**", end - 2):
        end -= 2
    return match.group(1), start, end


def _subheading(start: int, text: str) -> Line | None:
    """The line `text` (at offset `start`) as a SUBHEADING (with its `Marker`) if it starts with （一）, else None."""
    if text.lstrip(_DECORATION)[:1] not in "（(":
        return None
    match = _SUBHEADING.match(text)
    if match is None:
        return None
    number = chinese_number(normalize(match.group(1))) or 0
    end = start + len(text)
    return Line(start, end, text, False, Marker(number, match.group(1), start + match.end(), end))


def classify(text: str) -> Iterator[tuple[str, Line | TableLines]]:
    """Yield the grammar's terminals, a line each, except that consecutive TEXT lines make one
    paragraph token and consecutive table lines one TABLE token; blank lines and page numbers
    are dropped (inside a table they set its next line's `blank_before`)."""
    starts, bodies = _physical_lines(text)
    title = _title_lines(bodies)
    for index in title:
        yield "TITLE", Line(starts[index], starts[index] + len(bodies[index]), bodies[index])
    begin = title[-1] + 1 if title else _first_text(bodies)  # blank lines around the title carry nothing
    last_heading = 0
    table: list[Line] = []  # the table being gathered: not empty exactly while inside a table
    gap = False             # a blank line or page number inside the table since its last line
    paragraph = -1          # the start of the paragraph being gathered (TEXT lines), or -1
    paragraph_end = 0
    for start, raw in zip(starts[begin:], bodies[begin:]):
        stripped = raw.strip(" \t\u3000\f")
        if not stripped:
            # inside a table, a line of tabs alone is a row of empty cells (a blank form's row)
            if table and raw.count("\t") >= 2:
                table.append(Line(start, start + len(raw), raw, gap))
                gap = False
            elif table:
                gap = True
            continue
        first = stripped[:1]  # the first character that is not white space (str.isspace), or ""
        if first.isspace():
            first = raw.lstrip()[:1]
        if first in _PAGENO_START and _PAGENO.match(raw):
            if table:
                gap = True
            continue
        if first == "<" and _SUPPRESSION.match(raw):
            continue  # <!-- gailint: … --> comments are read by gailint.suppressions, not parsed

        # (_section_heading's own first test, made here too: most lines cannot be a heading)
        heading = _section_heading(start, raw, last_heading) if first in _HEADING_START else None
        # a short line never ends a table, so a table's lines mostly go without `normalize`
        if heading is None and (table and len(stripped) <= 30 or _is_table_line(raw, stripped, bool(table))):
            if paragraph >= 0:
                yield "TEXT", Line(paragraph, paragraph_end, text[paragraph:paragraph_end])
                paragraph = -1
            table.append(Line(start, start + len(raw), raw, gap))
            gap = False
            continue

        gap = False
        if table:
            yield "TABLE", TableLines(table)
            table = []
        if heading is not None and heading.marker is not None:
            last_heading = heading.marker.number
            kind = "HEADING"
        elif (first in "（(" or first in _DECORATION) and (heading := _subheading(start, raw)) is not None:
            kind = "SUBHEADING"
        else:  # a line of prose: the paragraph goes on
            if paragraph < 0:
                paragraph = start
            paragraph_end = start + len(raw)
            continue
        if paragraph >= 0:
            yield "TEXT", Line(paragraph, paragraph_end, text[paragraph:paragraph_end])
            paragraph = -1
        yield kind, heading
    if table:
        yield "TABLE", TableLines(table)
    if paragraph >= 0:
        yield "TEXT", Line(paragraph, paragraph_end, text[paragraph:paragraph_end])


def _first_text(bodies: list[str]) -> int:
    return next((i for i, body in enumerate(bodies) if body.strip(" \t\u3000\f")), len(bodies))


def _title_lines(bodies: list[str]) -> list[int]:
    """Indexes of the title lines: the short lines at the top, up to one ending in 报告."""
    seen: list[int] = []
    for index, body in enumerate(bodies):
        text = body.strip(" \t\u3000\f#*")
        if not text:
            continue
        if len(seen) == 4 or len(text) > 60 or is_prose(text) or _HEADING_NUMBERED.match(body):
            return []
        seen.append(index)
        if _TITLE_END.search(text):
            return seen
    return []


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
