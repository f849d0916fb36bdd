from __future__ import annotations

import re
from collections.abc import Iterator

from .._lazy_re import lazy_compile
from ..diagnostics import Severity
from ..facts import NUMBER, UNIT, anchored_matches, number_value
from ..rule import Rule

# "194 条（" — a count followed by an opening parenthesis; searched for only before a unit and
# its parenthesis (the anchor), in at most _PAREN_WINDOW characters.
_PAREN_START = lazy_compile(rf"(?P<n>{NUMBER})(?P<unit>{UNIT})[（(]")
_PAREN_ANCHOR = lazy_compile(rf"{UNIT}[（(]")
_PAREN_WINDOW = 60  # the longest count before its unit
# "50条。其中" / "53篇,其中"
_QIZHONG_START = lazy_compile(rf"(?P<n>{NUMBER})(?P<unit>{UNIT})[，,。；;]?其中[：:，,]?")
# One item of a list: "工作情况：38 条", "重点领域类信息54条"
_ITEM = lazy_compile(rf"(?P<label>[^0-9０-９]{{1,40}}?)[：:]?(?P<n>{NUMBER})(?P<unit>{UNIT})")
_PARTIAL = lazy_compile(r"^(?:其中|含|包括|包含)")
_LEAD = lazy_compile(r"^(?:其中|包括|包含|分别为|分别是)?[：:，,]?")
_MAX = 2000
_SEMICOLON = lazy_compile(r"[；;]")
_QIZHONG_WINDOW = 60  # the longest "N unit，" before 其中


def _closing(text: str, start: int) -> int:
    """The index of the parenthesis closing the one before `start`, or -1."""
    depth = 1
    for i in range(start, min(len(text), start + _MAX)):
        ch = text[i]
        if ch in "（(":
            depth += 1
            if depth > 3:
                return -1
        elif ch in "）)":
            depth -= 1
            if depth == 0:
                return i
        elif ch in "。":
            return -1
    return -1


def _split(body: str, separators: str) -> list[tuple[int, str]]:
    """Split at separators outside parentheses; (offset, piece) pairs."""
    pieces, depth, start = [], 0, 0
    for i, ch in enumerate(body):
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in separators:
            pieces.append((start, body[start:i]))
            start = i + 1
    pieces.append((start, body[start:]))
    return [(offset, piece) for offset, piece in pieces if piece]


def _full_items(body: str, unit: str) -> list[int] | None:
    """Every piece is exactly "label[：]N unit": the values, else None."""
    separators = "；;" if "；" in body or ";" in body else "，,、"
    return _counts(_split(_LEAD.sub("", body, count=1), separators), unit, whole=True)


def _first_counts(pieces: list[tuple[int, str]], unit: str) -> list[int] | None:
    """The first count of every piece, each with a label before it and the same unit; else None."""
    return _counts(pieces, unit, whole=False)


def _counts(pieces: list[tuple[int, str]], unit: str, *, whole: bool) -> list[int] | None:
    """The count of each piece ("label N unit" as the whole piece, or at its start), all in `unit`;
    None unless there are at least two and every piece has one."""
    values = []
    for _, piece in pieces:
        match = _ITEM.fullmatch(piece) if whole else _ITEM.match(piece)
        if match is None or match.group("unit") != unit:
            return None
        value = number_value(match.group("n"))
        if not isinstance(value, int):
            return None
        values.append(value)
    return values if len(values) >= 2 else None


def _qizhong_items(text: str, start: int, unit: str) -> list[int] | None:
    """The items after "其中": comma-separated up to the first ；, else semicolon-separated up to 。"""
    stop = text.find("。", start, start + _MAX)
    if stop < 0:
        return None
    sentence = text[start:stop]
    first = _SEMICOLON.split(sentence, maxsplit=1)[0]
    values = _first_counts(_split(first, "，,、"), unit)
    if values is None and ("；" in sentence or ";" in sentence):
        values = _first_counts(_split(sentence, "；;"), unit)
    return values


def _prefix_matches(values: list[int], total: int) -> bool:
    running = 0
    for value in values:
        running += value
        if running == total:
            return True
    return False


def _parenthesised(text: str) -> Iterator[tuple[re.Match[str], int, list[int]]]:
    """The parenthesised breakdowns of `text` whose items do not add up to their count: (match, count, items)."""
    for match in anchored_matches(_PAREN_START, text, _PAREN_ANCHOR, _PAREN_WINDOW):
        total = number_value(match.group("n"))
        close = _closing(text, match.end())
        if not isinstance(total, int) or close < 0:
            continue
        body = text[match.end():close]
        values = _full_items(body, match.group("unit"))
        if values is None:
            continue
        partial = _PARTIAL.match(body) is not None
        if sum(values) == total or partial and (sum(values) < total or _prefix_matches(values, total)):
            continue
        yield match, total, values


def _qizhong(text: str) -> Iterator[tuple[re.Match[str], int, list[int]]]:
    """The 其中 breakdowns of `text` whose items add up to more than their count: (match, count, items)."""
    for match in anchored_matches(_QIZHONG_START, text, "其中", _QIZHONG_WINDOW):
        total = number_value(match.group("n"))
        if not isinstance(total, int):
            continue
        values = _qizhong_items(text, match.end(), match.group("unit"))
        if values is None or sum(values) <= total or _prefix_matches(values, total):
            continue
        yield match, total, values


class BreakdownSum(Rule):
    """分项数之和与所述总数不符 — the items of a stated breakdown do not add up to its total.

    **What it checks.** Two forms of itemised counts in the prose:

    * a count followed by a parenthesised list whose every item is
      "label：N unit" in the same unit — "194 条（工作情况：38 条；公示公告：49 条；…）" —
      where the items must add up to the count;
    * a count followed by "其中" and a list of "label N unit" items in the same
      unit ("53篇，其中组织机构2篇、部门文件5篇、…"). A 其中 list may name only some
      parts, so only items that add up to *more* than the count are reported,
      and not when the first few items already make up the count (a further
      item then counts something else, such as posts on social media).

    Lists mixing units, or with a piece that is not a counted item, are skipped.

    **Why.** A breakdown that does not add up means one of the numbers is wrong,
    and the report contradicts itself. It is a warning: categories may overlap.

    **Failing example** (seed 001, 公告公示类 changed from 34 to 35)::

        2025 年通过政府网站主动公开各类文件信息共 98 条，其中，重点领域类信息 54 条，部门动态信息 10 条，公告公示类信息 35 条。

    **Passing example** (seed 000, which adds up to 194)::

        主动公开政府信息 194 条（工作情况：38 条；公示公告：49 条；意见征集：1 条；…；政务数据（过程数据）：12 条）。
    """

    code = "GAI504"
    name = "breakdown-sum"
    severity = Severity.WARNING
    summary = "分项数之和与所述总数不符 / the items of a breakdown do not add up to its total"

    def check(self, report, context):
        for _, flat in context.facts.runs:
            text = flat.text
            if "（" in text or "(" in text:   # every parenthesised list holds one: skip the search
                for match, total, values in _parenthesised(text):
                    yield self._diagnostic(context, flat, match, total, values)
            for match, total, values in _qizhong(text):
                yield self._diagnostic(context, flat, match, total, values)

    @staticmethod
    def _diagnostic(context, flat, match, total, values):
        terms = "+".join(str(v) for v in values)
        unit = match.group("unit")
        return context.diagnostic(
            flat.span(match.start("n"), match.end("n")),
            f"所列分项之和为 {sum(values)} {unit}（{terms}），与所述总数 {total} {unit} 不符",
            f"the items add up to {sum(values)} ({terms}), not the stated total {total}",
        )
