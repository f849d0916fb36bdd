"""Helpers for the GAI5xx/GAI6xx rules: the report's prose as flat text, and numbers in it.

PDF text breaks sentences (and numbers, and words) with hard line breaks and
page feeds; extracted text adds indentation and markdown emphasis. `flatten`
removes all of that and keeps, for every remaining character, its offset in the
original text, so a match in the flat text maps back to an exact `Span`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from decimal import Decimal

import attrs

from .._lazy_re import lazy_compile
from ..ast import Paragraph, Report, Span, SubHeading
from ..text import parse_number

__all__ = ["Flat", "NUMBER", "UNIT", "flatten", "number_value", "prose_blocks", "prose_runs", "sentence_bounds",
           "table2_totals", "table3_values"]

# Whitespace of any kind (incl. U+3000 and form feeds) and markdown emphasis are dropped.
_ALNUM = lazy_compile(r"[0-9A-Za-z.]")

# A count: Arabic (half- or full-width, thousands separators) or a Chinese numeral, never
# starting inside another number (which also keeps scanning linear on long runs of digits).
NUMBER = (r"(?:(?<![0-9０-９.,])[0-9０-９]+(?:[,，][0-9０-９]{3})*(?:\.[0-9０-９]+)?"
          r"|(?<![零〇一二两三四五六七八九十百千万])[零〇一二两三四五六七八九十百千万]+)")
UNIT = r"(?:件|条|宗|起|个|份|次|篇|项|案)"


@attrs.frozen
class Flat:
    """Text with layout whitespace removed; `offsets[i]` is where `text[i]` is in the report."""

    text: str
    offsets: tuple[int, ...]

    def span(self, start: int, end: int) -> Span:
        """The original span of flat[start:end] (end exclusive, start < end)."""
        if not self.offsets:
            return Span(0, 0)
        end = max(end, start + 1)
        return Span(self.offsets[start], self.offsets[min(end, len(self.offsets)) - 1] + 1)


_SEGMENT = lazy_compile(r"(?P<gap>[ \t\r\n\x0b\x0c\u3000\u00a0*]+)|[^ \t\r\n\x0b\x0c\u3000\u00a0*]+")


@functools.lru_cache(maxsize=64)
def flatten(text: str, start: int, end: int) -> Flat:
    """text[start:end] without layout whitespace. A space between two ASCII letters or digits is kept
    as one space, so that separate numbers ("230 000") do not merge. Several rules flatten the same
    prose of the same report, hence the small cache."""
    chars: list[str] = []
    offsets: list[int] = []
    space_at: int | None = None  # the first whitespace character of the gap just passed
    for segment in _SEGMENT.finditer(text, start, end):
        if segment.group("gap") is not None:
            space_at = next((segment.start() + i for i, ch in enumerate(segment.group()) if ch != "*"), None)
            continue
        piece = segment.group()
        if space_at is not None and chars and _ALNUM.match(chars[-1][-1]) and _ALNUM.match(piece[0]):
            chars.append(" ")
            offsets.append(space_at)
        space_at = None
        chars.append(piece)
        offsets.extend(range(segment.start(), segment.end()))
    return Flat("".join(chars), tuple(offsets))


def prose_blocks(report: Report) -> Iterator[Paragraph | SubHeading]:
    """Every paragraph and sub-heading, preamble first."""
    for block in report.blocks():
        if isinstance(block, (Paragraph, SubHeading)):
            yield block


def prose_runs(report: Report, sections: tuple[int, ...] | None = None) -> Iterator[tuple[int, Flat]]:
    """Runs of consecutive prose blocks (a table ends a run) as flat text, with their section
    number (0 for the preamble). A sentence broken by a page feed into two paragraphs, or a
    sub-heading that runs on into the next paragraph (PDF text), stays in one run."""
    groups: list[tuple[int, tuple]] = [(0, report.preamble)]
    groups.extend((s.heading.number, s.blocks) for s in report.sections)
    for number, blocks in groups:
        if sections is not None and number not in sections:
            continue
        run: list[Paragraph | SubHeading] = []
        for block in (*blocks, None):
            if isinstance(block, (Paragraph, SubHeading)):
                run.append(block)
                continue
            if run:
                yield number, flatten(report.text, run[0].span.start, run[-1].span.end)
                run = []


def number_value(text: str) -> int | Decimal | None:
    """The value of a NUMBER match (full-width digits and separators allowed)."""
    try:
        return parse_number(text.replace("，", ","))
    except (ValueError, ArithmeticError):  # pragma: no cover - NUMBER admits only valid numbers
        return None


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (between 。！？ or the text's ends) that holds text[start:end]."""
    left = max(text.rfind(stop, 0, start) for stop in "。！？!?")
    right = [p for p in (text.find(stop, end) for stop in "。！？!?") if p >= 0]
    return left + 1, (min(right) + 1 if right else len(text))


def table2_totals(report: Report) -> dict[str, int] | None:
    """The 总计 column of table 2's new / carried_over / total / carried_forward rows, when readable."""
    table = report.table(2)
    if table is None or not table.checkable or table.version not in ("2021", "2019"):
        return None
    totals: dict[str, int] = {}
    for key in ("new", "carried_over", "total", "carried_forward"):
        row = table.row(key)
        value = row.value(6) if row is not None else None
        if isinstance(value, int):
            totals[key] = value
    return totals if "new" in totals else None


def table3_values(report: Report) -> tuple[int, ...] | None:
    """Table 3's fifteen numbers (blank counts as 0), when the row is readable."""
    table = report.table(3)
    if table is None or not table.checkable:
        return None
    row = table.row("values")
    if row is None or not row.complete:
        return None
    values = []
    for cell in row.cells:
        if cell.value.kind == "blank":
            values.append(0)
        elif cell.value.kind == "int" and isinstance(cell.value.number, int):
            values.append(cell.value.number)
        else:
            return None
    return tuple(values)
