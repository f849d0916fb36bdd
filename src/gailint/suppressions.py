"""Inline suppressions in text and markdown reports (HTML comments, invisible when rendered)::

    <!-- gailint: disable=GAI201,GAI202 -->   … until enable (or the end of the file)
    <!-- gailint: enable=GAI201 -->           (or plain `enable` for everything)
    <!-- gailint: disable-next-line=GAI201 -->
    <!-- gailint: disable-file=GAI605 -->     (or plain `disable-file` for every rule)

A comment naming no code applies to every rule. A suppression that suppresses
nothing is itself reported (GAI007, like ruff's RUF100).
"""

from __future__ import annotations

import attrs

from ._lazy_re import lazy_compile
from .ast import Span
from .diagnostics import Diagnostic, Edit, Fix
from .rules.gai007_unused_suppression import UnusedSuppression
from .source import LineIndex

__all__ = ["Suppression", "find_suppressions", "suppress"]

_COMMENT = lazy_compile(
    r"<!--\s*gailint:\s*(disable-next-line|disable-file|disable|enable)\s*(?:=\s*([A-Za-z0-9_, ]*?))?\s*-->"
)


@attrs.define
class Suppression:
    kind: str                        # disable, enable, disable-next-line, disable-file
    codes: tuple[str, ...]           # empty: every rule
    span: Span                       # the comment itself
    line: int                        # 0-based line of the comment
    end_line: int | None = None      # for disable: 0-based line of the matching enable (exclusive)
    used: set[str] = attrs.Factory(set)

    def covers(self, code: str, line: int) -> bool:
        if self.codes and not any(code.startswith(c) for c in self.codes):
            return False
        if self.kind == "disable-file":
            return True
        if self.kind == "disable-next-line":
            return line == self.line + 1
        if self.kind == "disable":
            return self.line <= line and (self.end_line is None or line < self.end_line)
        return False


def find_suppressions(text: str, index: LineIndex) -> list[Suppression]:
    found: list[Suppression] = []
    for match in _COMMENT.finditer(text):
        codes = tuple(c.strip().upper() for c in (match.group(2) or "").split(",") if c.strip())
        found.append(Suppression(match.group(1), codes, Span(match.start(), match.end()),
                                 index.line_of(match.start())))
    open_ranges: list[Suppression] = []
    for item in found:
        if item.kind == "disable":
            open_ranges.append(item)
        elif item.kind == "enable":
            for region in open_ranges:
                if region.end_line is None and (not item.codes or set(region.codes) & set(item.codes)
                                                or not region.codes):
                    region.end_line = item.line
            open_ranges = [r for r in open_ranges if r.end_line is None]
    return [item for item in found if item.kind != "enable"]


def suppress(path: str, text: str, diagnostics: list[Diagnostic], *, report_unused: bool = True,
             later: tuple[str, ...] = ()) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """The diagnostics no inline suppression covers, and a GAI007 for each suppression that
    covered nothing (when `report_unused`), with a fix that removes the comment. A suppression
    naming only codes in `later` (the cross-report rules, which run after the file's own check)
    is never reported as unused."""
    if "gailint:" not in text:
        return diagnostics, []
    index = LineIndex(text)
    suppressions = find_suppressions(text, index)
    kept = []
    for diagnostic in diagnostics:
        line = index.line_of(diagnostic.span.start)
        covering = [s for s in suppressions if s.covers(diagnostic.code, line)]
        for suppression in covering:
            suppression.used.add(diagnostic.code)
        if not covering:
            kept.append(diagnostic)
    if not report_unused:
        return kept, []
    return kept, [_unused(path, text, index, s) for s in suppressions
                  if not s.used and not (s.codes and later and all(c.startswith(later) for c in s.codes))]


def _unused(path: str, text: str, index: LineIndex, suppression: Suppression) -> Diagnostic:
    start, end = suppression.span.start, suppression.span.end
    line_start, line_end = index.line_span(suppression.line)
    if text[line_start:start].strip() == "" and text[end:line_end].strip() == "":
        # the comment is alone on its line: remove the line with its line break
        end = index.line_span(suppression.line + 1)[0] if suppression.line + 1 < len(index) else line_end
        start = line_start
    fix = Fix((Edit(Span(start, end), ""),), "safe", "删除该抑制注释")
    codes = ", ".join(suppression.codes)
    return UnusedSuppression.diagnostic(
        path, suppression.span, f"该抑制注释未抑制任何诊断（{codes or '全部规则'}）",
        f"this suppression suppresses nothing ({codes or 'all rules'})", fix=fix)
