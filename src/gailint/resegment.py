"""Stage 1b: where a report flattened onto one line had its line breaks.

Text scraped from government sites often holds the whole body on one physical
line: section headings, sub-headings, table titles and every table row run
together ("…发展。（一）主动公开方面…二、主动公开政府信息情况第二十条第（一）项…
规章000行政规范性文件77132470…"). This stage finds the places where the report's
lines must have been and returns them as *split points* — offsets into the
line — which the lexer honours as extra line boundaries. The text itself is
never changed, so every span stays an offset into the original and a
diagnostic still points into the one long line at the right column.

Run-together text is detected, not configured: a long line that holds at least
two inline section headings (or starts with one), or a table title followed by
digits glued to a label. A normal report has no such line, and the only cost is
one regular-expression search per line longer than `LONG_LINE` characters.

Where it splits:

* before and after every section heading 一、… 六、 (in increasing order, by the
  headings' template wording and its §7 variants);
* before a sub-heading （一）…（十） that opens a sentence in the prose;
* in table 1, before each 第二十条第（N）项 and each row label followed by its numbers;
* in table 2, before each row label (一、本年新收…, （一）予以公开, 1.属于国家秘密 …);
* in table 3, before its header (行政复议 行政诉讼 …);
* in the pre-2019 statistics table, before each 指标 followed by its unit and numbers.
"""

from __future__ import annotations

from ._lazy_re import lazy_compile
from .text import chinese_number

__all__ = ["LONG_LINE", "split_points"]

LONG_LINE = 120

# Headings as they appear inline in reports flattened onto one line (format-spec §7, the 平潭 pages).
_INLINE_PHRASES = (
    "总体情况", "概述",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况", "政府信息依申请公开工作情况", "政府信息依申请公开情况",
    "政府信息公开行政复议、行政诉讼情况", "因政府信息公开申请行政复议、提起行政诉讼的情况",
    "政府信息公开行政法复议、行政诉讼情况",
    "存在的主要问题及改进情况", "存在的主要问题及改进措施", "主要问题和改进措施",
    "政府信息公开工作存在的主要问题及改进情况",
    "其他需要报告的事项", "政府信息公开情况统计表", "其他需报告事项", "其他报告事项",
)
_INLINE_HEADING = lazy_compile(
    r"([一二三四五六])\s*、\s*(?:" + "|".join(sorted(_INLINE_PHRASES, key=len, reverse=True)) + ")")
# A table title whose numbers follow glued to a label: the sign of a collapsed table.
_GLUED_TABLE = lazy_compile(r"(?:第二十条|勾稽关系|申请人情况|指标名称)[^。]{0,400}?[\u4e00-\u9fff）)”]\d{3,}")
# A sub-heading after a sentence's end or a space. (The look-behind follows the parenthesis: a pattern that
# starts with a character class is searched at C speed, one that starts with a look-behind at every character.)
_SUBHEADING = lazy_compile(r"[（(](?<=[。；;：:！？!? \u3000].)[一二三四五六七八九十]{1,2}[）)]")
_TABLE1_ITEM = lazy_compile(r"第二十条\s*第\s*[（(][一二三四五六七八九][）)]\s*项")
_TABLE1_LABEL = lazy_compile(
    r"(?:行政规范性文件|规范性文件|规章|行政许可|其他对外管理服务事项|行政处罚|行政强制|行政事业性收费|政府集中采购)"
    r"(?=\s*\d)")
# What table 2 starts with: its column note or its header (found with str.find, many times as fast as a
# pattern "[（(]本列数据|申请人情况", which is tried at every character).
_TABLE2_START = ("（本列数据", "(本列数据", "申请人情况")
_TABLE2_LABEL = lazy_compile(
    r"[一二三四]\s*、\s*(?:本年新收|上年结转|本年度办理结果|结转下年度)"
    r"|[（(][一二三四五六七][）)]\s*(?:予以公开|部分公开|不予公开|无法提供|不予处理|其他处理|总计)"
    r"|[1-8]\s*[.．、]\s*(?:属于国家秘密|其他法律|危及|保护第三方|属于三类|属于四类|属于行政执法|属于行政查询"
    r"|本机关不掌握|没有现成|补正后|信访举报|重复申请|要求提供公开|无正当理由|要求行政机关|申请人无正当理由"
    r"|申请人逾期|其他)")
_TABLE3_HEADER = lazy_compile(r"行政复议\s*行政诉讼\s*结果")
# pre-2019 statistics table: "主动公开文件数条206912106其中：1.政府网站公开数条…"
_PRE2019_START = lazy_compile(r"指标名称")
_PRE2019_ROW = lazy_compile(r"(?:其中[：:]\s*)?(?:\d[.．、])?[\u4e00-\u9fff、，]{2,20}?(?:条|件|个|次|万元|元)(?=\s*\d)")


def split_points(text: str) -> list[int]:
    """Offsets (into `text`, one physical line) where a flattened report had its line breaks,
    ascending; [] for a line that is not run-together text."""
    if len(text) <= LONG_LINE or "\t" in text or "|" in text:
        return []
    headings = _headings(text)
    lead = text.lstrip(" \u3000\f")
    starts_with_heading = bool(headings) and headings[0][0] == len(text) - len(lead)
    if len(headings) < 2 and not starts_with_heading and not _GLUED_TABLE.search(text):
        return []
    points: set[int] = set()
    bounds = [0]
    for start, end in headings:
        points.update((start, end))
        bounds.extend((start, end))
    bounds.append(len(text))
    heading_ends = {end for _, end in headings}
    for start, end in zip(bounds, bounds[1:]):
        if start >= end or start in {s for s, _ in headings} and end in heading_ends:
            continue
        points.update(_segment(text, start, end))
    return sorted(p for p in points if 0 < p < len(text))


def _headings(text: str) -> list[tuple[int, int]]:
    """(start, end) of the inline section headings, numbers strictly increasing."""
    found: list[tuple[int, int]] = []
    last = 0
    for match in _INLINE_HEADING.finditer(text):
        number = chinese_number(match.group(1))
        if number is not None and number > last:
            found.append((match.start(), match.end()))
            last = number
    return found


def _segment(text: str, start: int, end: int) -> list[int]:
    """Split points inside one stretch between headings: prose, then at most one table."""
    table_start, splitters = _table_in(text, start, end)
    points = [m.start() for m in _SUBHEADING.finditer(text, start, table_start)]
    if table_start < end:
        points.append(table_start)
        for splitter in splitters:
            points.extend(m.start() for m in splitter.finditer(text, table_start, end))
    return points


def _table_in(text: str, start: int, end: int):
    """Where a template table starts in text[start:end] (end if none) and what splits its rows."""
    candidates = []
    match = _TABLE1_ITEM.search(text, start, end)
    if match:
        candidates.append((match.start(), (_TABLE1_ITEM, _TABLE1_LABEL)))
    found = _first_of(text, _TABLE2_START, start, end)
    if found and _TABLE2_LABEL.search(text, found[1], end):
        candidates.append((found[0], (_TABLE2_LABEL,)))
    match = _TABLE3_HEADER.search(text, start, end)
    if match:
        candidates.append((match.start(), ()))
    match = _PRE2019_START.search(text, start, end)
    if match:
        candidates.append((match.start(), (_PRE2019_ROW,)))
    if not candidates:
        return end, ()
    return min(candidates, key=lambda c: c[0])


def _first_of(text: str, words: tuple[str, ...], start: int, end: int) -> tuple[int, int] | None:
    """(start, end) of the first of `words` in text[start:end], None if none is there."""
    found = [(at, at + len(word)) for word in words if (at := text.find(word, start, end)) >= 0]
    return min(found) if found else None
