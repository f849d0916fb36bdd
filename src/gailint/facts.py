"""Facts about a report that several rules need: its year, and where it says so.

Pure functions of the AST; rules call them, nothing here reports anything.
"""

from __future__ import annotations

import re

import attrs

from .ast import Paragraph, Report, Span

__all__ = ["Year", "report_year"]

_TITLE_YEAR = re.compile(r"(\d{4})\s*年")
_PERIOD_YEAR = re.compile(r"统计(?:期限|时限|区间|周期)[^。\n]{0,12}?(\d{4})\s*年\s*1\s*月\s*1\s*日")


@attrs.frozen
class Year:
    value: int
    span: Span          # where the year was read
    source: str         # "title" or "period"


def report_year(report: Report) -> Year | None:
    """The year the report covers: from the title, else from the statistical period."""
    if report.title is not None:
        match = _TITLE_YEAR.search(report.title.text)
        if match:
            offset = report.text.find(match.group(1), report.title.span.start, report.title.span.end + 4)
            start = offset if offset >= 0 else report.title.span.start
            return Year(int(match.group(1)), Span(start, start + 4), "title")
    for block in report.blocks():
        if isinstance(block, Paragraph):
            match = _PERIOD_YEAR.search(block.text)
            if match:
                start = block.span.start + match.start(1)
                return Year(int(match.group(1)), Span(start, start + 4), "period")
    return None
