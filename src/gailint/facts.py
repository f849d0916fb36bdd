"""Facts about a report that several rules need: its year, its statistical
period, when it was published, what kind of agency wrote it, what section 六
says about 信息处理费, its prose as flat text, and its tables' totals.

Pure functions of the AST, and `Facts`, which computes each of them once per
report for the rules (`Context.facts`); nothing here reports anything.
Every fact carries the span it was read from, so a rule can point at it.
Dates are matched on the original text (``\\d`` also matches full-width
digits, ``\\s`` the line breaks pdftotext leaves inside sentences), so spans
need no mapping back.
"""

from __future__ import annotations

import bisect
import calendar
import datetime
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any, Literal, TypeVar

import attrs

from ._lazy_re import lazy_compile
from .ast import Block, Paragraph, Report, Span, SubHeading
from .relations import Repairs, Sum, all_relations
from .text import chinese_number, parse_number

_T = TypeVar("_T")

__all__ = [
    "NUMBER", "UNIT", "DateText", "Facts", "FeeMention", "Flat", "Period", "Publication", "Year",
    "agency_kind", "agency_name", "anchored_matches", "fee_mentions", "find_dates", "flatten", "number_value", "prose",
    "prose_blocks", "prose_runs", "publication_date", "publication_deadline", "report_year", "sentence_bounds",
    "sentences", "statistical_period", "table2_totals", "table3_values",
]

AgencyKind = Literal["government", "department"]


# ---------------------------------------------------------------- prose


def prose(report: Report, blocks: Iterable[Block] | None = None) -> Iterator[tuple[str, int]]:
    """(text, offset) of every paragraph and sub-heading in `blocks` (default: the
    whole report). A sub-heading's text often carries the paragraph that follows
    its marker ("（一）主动公开。2024 年…"), so it counts as prose."""
    for block in report.blocks() if blocks is None else blocks:
        if isinstance(block, Paragraph):
            yield block.text, block.span.start
        elif isinstance(block, SubHeading) and block.text:
            offset = block.span.end - len(block.text)
            if report.text[offset:block.span.end] != block.text:
                found = report.text.find(block.text, block.span.start, block.span.end)
                if found < 0:
                    continue
                offset = found
            yield block.text, offset


# ---------------------------------------------------------------- dates


@attrs.frozen
class DateText:
    """A calendar date as written; a part the text leaves out (or blank) is None."""

    span: Span
    year: int | None
    month: int | None
    day: int | None

    @property
    def complete(self) -> bool:
        return None not in (self.year, self.month, self.day)

    def date(self, year: int | None = None) -> datetime.date | None:
        """The date, or None if a part is missing or it does not exist (2月30日).
        `year` stands in for a missing year."""
        y = self.year if self.year is not None else year
        if y is None or self.month is None or self.day is None:
            return None
        try:
            return datetime.date(y, self.month, self.day)
        except ValueError:
            return None

    def exists(self) -> bool:
        """False for 13月, 2月30日, 4月31日, 2023年2月29日; True when it cannot tell
        (2月29日 without a year) or the date is fine."""
        if self.month is not None and not 1 <= self.month <= 12:
            return False
        if self.month is None or self.day is None:
            return True
        return self.date(self.year if self.year is not None else 2000) is not None  # 2000 is a leap year

    def __str__(self) -> str:
        parts = (f"{self.year}年" if self.year is not None else "",
                 f"{self.month}月" if self.month is not None else "",
                 f"{self.day}日" if self.day is not None else "")
        return "".join(parts)


# 2024年1月1日, 2024 年 12 月 31 日, 12月31日 (a year-less date), 2023年13月 (no day).
# Every match starts with a digit: the leading (?=\d) says so, which lets `re` skip to the
# digits instead of trying the optional year at every character (same matches, ~2.5× faster).
_DATE = lazy_compile(r"(?=\d)(?<!\d)(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")


def find_dates(text: str, offset: int = 0) -> Iterator[DateText]:
    """Every written Chinese date in `text` (year optional; a month needs a year or
    a day beside it). `offset` is where `text` starts in the report."""
    for match in _date_matches(text):
        year, month, day = match.group(1), match.group(2), match.group(3)
        if year is None and day is None:
            continue  # "3月" alone is a month, not a date
        yield DateText(Span(offset + match.start(), offset + match.end()),
                       int(year) if year else None, int(month), int(day) if day else None)


def _date_matches(text: str) -> Iterator[re.Match[str]]:
    """``_DATE.finditer(text)``, searched for only around each 月 (a report has a few; its
    tables have thousands of digits). A date holds one 月, and before it only digits,
    whitespace and 年: walking back over those from the 月 finds where the date can start."""
    done = 0
    month = text.find("月")
    while month >= 0:
        start = month
        while start > done and (text[start - 1].isdecimal() or text[start - 1].isspace() or text[start - 1] == "年"):
            start -= 1
        # the leftmost date that ends with this 月 (``\d``, ``\s`` are str.isdecimal, str.isspace) …
        found = _DATE.search(text, start, month + 1)
        if found is not None:
            match = _DATE.match(text, found.start())  # … and its day, which follows the 月
            if match is not None:
                yield match
                done = match.end()
        month = text.find("月", max(month + 1, done))


def _date_of(match: re.Match, name: str, offset: int) -> DateText:
    def number(group: str) -> int | None:
        value = match.group(f"{name}_{group}")
        return int(value) if value else None
    start, end = match.span(name)
    return DateText(Span(offset + start, offset + end), number("y"), number("m"), number("d"))


# ---------------------------------------------------------------- statistical period


@attrs.frozen
class Period:
    """The stated statistical period ("统计期限自2024年1月1日起至2024年12月31日止").

    `start` is None when only an end is stated ("统计时间截至2024年12月31日").
    A missing end year ("自2023年1月1日到12月31日止") is taken from the start; a
    missing day means the first (start) or last (end) day of the month
    ("2024年1月至12月"). `blank` is True when the statement leaves a part
    unfilled ("统计期限自至", "自 年 月 日起至…", "自2024年1月 日起…").
    """

    span: Span                  # from the keyword to the end of the statement
    start: DateText | None
    end: DateText
    blank: bool = False

    @property
    def year(self) -> int | None:
        """The year the period is about: its start year, else its end year."""
        if self.start is not None and self.start.year is not None:
            return self.start.year
        return self.end.year

    @property
    def start_date(self) -> datetime.date | None:
        if self.start is None or self.start.month is None:
            return None
        return DateText(self.start.span, self.start.year, self.start.month, self.start.day or 1).date()

    @property
    def end_date(self) -> datetime.date | None:
        end = self.end
        year = end.year if end.year is not None else self.year
        if year is None or end.month is None:
            return None
        if end.day is None and 1 <= end.month <= 12:
            return datetime.date(year, end.month, calendar.monthrange(year, end.month)[1])
        return end.date(year)


# "统计期限" and its kin make a statement a period even when its dates are blank;
# the weaker "统计时间", "统计数据（从…）" count only with real dates.
_PERIOD_KEY = lazy_compile(
    r"统计\s*(?:(?P<strong>期限|时限|期间|区间|周期|时段|起止时间|起止日期|起止期限)|时间|日期|范围|数据(?=\s*[从自由]))")


def _loose_date(name: str) -> str:
    return (rf"(?P<{name}>(?:(?P<{name}_y>\d{{4}})?\s*年\s*)?(?:(?P<{name}_m>\d{{1,2}})?\s*月\s*)?"
            rf"(?:(?P<{name}_d>\d{{1,2}})?\s*日)?)")


_LEAD = r"\s*(?:为|是|[:：])?\s*"
_RANGE = lazy_compile(_LEAD + r"(?:自|从|由)?\s*" + _loose_date("a") + r"\s*(?:起)?\s*(?:至|到|—|－|~|～|-)\s*"
                    + _loose_date("b") + r"(?:\s*止)?")
_UNTIL = lazy_compile(_LEAD + r"(?:截至|截止(?:到|至)?)\s*" + _loose_date("b"))
_WHOLE_YEAR = lazy_compile(_LEAD + r"(?P<y>\d{4})\s*(?:年度|年全年|全年|年)(?![\s\d]*月)")
_WINDOW = 80


def statistical_period(report: Report) -> Period | None:
    """The first statement of the statistical period, in the preamble or the body."""
    return _first_period(prose(report))


def _first_period(texts: Iterable[tuple[str, int]]) -> Period | None:
    """The first statement of the statistical period in `texts`, (text, offset) pairs of prose."""
    for text, offset in texts:
        found = _period_in(text, offset)
        if found is not None:
            return found
    return None


def _period_in(text: str, offset: int) -> Period | None:
    if "统计" not in text:
        return None  # every keyword starts with it
    for key in _PERIOD_KEY.finditer(text):
        strong = key.group("strong") is not None
        window = re.split(r"[。；;，,（(]", text[key.end():key.end() + _WINDOW], maxsplit=1)[0]
        base = offset + key.end()
        span = Span(offset + key.start(), base)
        match = _RANGE.match(window)
        if match:
            start, end = _date_of(match, "a", base), _date_of(match, "b", base)
            blank = (_unfilled(match, "a") or _unfilled(match, "b") or start.month is None or end.month is None
                     or (start.year is None and end.year is None))
            if blank and not strong:
                continue
            return Period(Span(span.start, base + match.end()), start, end, blank)
        match = _UNTIL.match(window)
        if match and (strong or match.group("b_d")):
            end = _date_of(match, "b", base)
            blank = _unfilled(match, "b") or end.year is None or end.month is None
            return Period(Span(span.start, base + match.end()), None, end, blank)
        match = _WHOLE_YEAR.match(window)
        if match:
            year, where = int(match.group("y")), Span(base + match.start("y"), base + match.end())
            return Period(Span(span.start, base + match.end()), DateText(where, year, 1, 1),
                          DateText(where, year, 12, 31))
    return None


def _unfilled(match: re.Match, name: str) -> bool:
    """A 年, 月 or 日 written without its number ("自 年 月 日起")."""
    text = match.group(name)
    return any(marker in text and match.group(f"{name}_{part}") is None
               for marker, part in (("年", "y"), ("月", "m"), ("日", "d")))


# ---------------------------------------------------------------- report year


@attrs.frozen
class Year:
    value: int
    span: Span          # where the year was read
    source: str         # "title" or "period"


_TITLE_YEAR = lazy_compile(r"(\d{4})\s*年")


def report_year(report: Report, period: Period | None | Literal[False] = False) -> Year | None:
    """The year the report covers: from the title, else from the statistical period
    (`period`, when the caller already has it)."""
    if report.title is not None:
        match = _TITLE_YEAR.search(report.title.text)
        if match:
            offset = report.text.find(match.group(1), report.title.span.start, report.title.span.end + 4)
            start = offset if offset >= 0 else report.title.span.start
            return Year(int(match.group(1)), Span(start, start + 4), "title")
    if period is False:
        period = statistical_period(report)
    if period is not None and period.year is not None:
        date = period.start if period.start is not None and period.start.year is not None else period.end
        return Year(period.year, Span(date.span.start, date.span.start + 4), "period")
    return None


# ---------------------------------------------------------------- publication date


@attrs.frozen
class Publication:
    """When the report was published, as the page or the report itself says."""

    date: DateText
    source: Literal["metadata", "signature"]   # a 发布时间 line, or the date under the signature


# 发布时间: 2024-03-08 15:34 / 发布日期：2023年12月20日 / 信息提供日期 : 2025-01-15
_PUBLISHED = lazy_compile(
    r"(?:发布时间|发布日期|信息提供日期|公开日期|公布日期|发布于)\s*[:：]?\s*"
    r"(?P<d>(?P<d_y>\d{4})\s*[-/.年]\s*(?P<d_m>\d{1,2})\s*[-/.月]\s*(?P<d_d>\d{1,2})(?:\s*日)?)")
_SIGNATURE = lazy_compile(r"(?P<d>(?P<d_y>\d{4})\s*年\s*(?P<d_m>\d{1,2})\s*月\s*(?P<d_d>\d{1,2})\s*日)")
_CN_SIGNATURE = lazy_compile(r"([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,2})\s*月"
                           r"\s*([一二三四五六七八九十]{1,3})\s*日")
_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_PAGE_NUMBER = lazy_compile(r"[-—－\s]*\d{1,3}[-—－\s]*")


def publication_date(report: Report) -> Publication | None:
    """A publication-date line before section 一 (page metadata such as
    "发布时间: 2024-03-08"), else a date standing alone on one of the last lines
    of the report (the date under the signature)."""
    head_end = report.sections[0].span.start if report.sections else min(len(report.text), 3000)
    match = _PUBLISHED.search(report.text, 0, head_end)
    if match:
        return Publication(_date_of(match, "d", 0), "metadata")
    tail = list(report.sections[-1].blocks if report.sections else report.preamble)[-4:]
    for block in reversed(tail):
        if not isinstance(block, Paragraph):
            continue
        position = block.span.start
        for line in block.text.split("\n"):
            date = _signature_line(line, position)
            if date is not None:
                return Publication(date, "signature")
            position += len(line) + 1
    return None


def _signature_line(line: str, offset: int) -> DateText | None:
    stripped = line.strip()
    if not stripped or _PAGE_NUMBER.fullmatch(stripped):
        return None
    lead = offset + len(line) - len(line.lstrip())
    match = _SIGNATURE.fullmatch(stripped)
    if match:
        return _date_of(match, "d", lead)
    match = _CN_SIGNATURE.fullmatch(stripped)
    if match:
        year = int("".join(str(_CN_DIGITS[ch]) for ch in match.group(1)))
        return DateText(Span(lead, lead + len(stripped)), year,
                        chinese_number(match.group(2)), chinese_number(match.group(3)))
    return None


# ---------------------------------------------------------------- agency kind and deadline


_TITLE_TAIL = lazy_compile(r"政府信息|信息公开|政务公开|年度报告|工作报告|年报")
_TITLE_YEAR_PART = lazy_compile(r"\d{4}年度?")
_DEPARTMENT = lazy_compile(r"局|委|办|厅|部|署|院|所|站|队|室|处|科|中心|公司|学校|协会|会$")
_PLACE = lazy_compile(r".+(?<!社|园|景|小|校|片|厂|矿|营)(?:省|市|区|县|州|盟|旗)(?:人民政府|政府)?")
_ZONE_COMMITTEE = lazy_compile(r".+(?:管委会|管理委员会)")


def agency_name(report: Report) -> str | None:
    """The agency as the title names it, without spaces, the year and the report name:
    "淮安市人民政府2024 年政府信息公开工作年度报告" → "淮安市人民政府"."""
    if report.title is None:
        return None
    title = re.sub(r"[\s#*《》<>]+", "", report.title.text)
    title = _TITLE_YEAR_PART.sub("", title, count=1)
    match = _TITLE_TAIL.search(title)
    name = title[:match.start()] if match else title
    if name.endswith("人民"):     # "XX市人民政府信息公开…": 政府 was eaten by 政府信息
        name += "政府"
    return name or None


def agency_kind(report: Report) -> AgencyKind | None:
    """"government" for the consolidated report of a people's government at county
    level or above (淮安市人民政府, 上海市, 平潭综合实验区) or of a zone's 管委会;
    "department" for everything else (局, 委, 办公室, 乡镇, 街道); None without a title.

    第四十九条 gives the 本级政府 report until 3月31日 and a department until
    1月31日; 乡镇/街道 are not named there and get the department deadline.
    """
    name = agency_name(report)
    if name is None:
        return None
    if _ZONE_COMMITTEE.fullmatch(name):
        return "government"
    if _PLACE.fullmatch(name) and not _DEPARTMENT.search(re.sub(r"(?:人民)?政府$", "", name)) \
            and not re.search(r"乡|镇|街道|苏木|嘎查|村|社区", name):
        return "government"
    return "department"


def publication_deadline(year: int, kind: AgencyKind) -> datetime.date:
    """The last legal publication day of the report for `year`.

    条例 (2019) 第四十九条: departments by 1月31日, the 本级政府 report by 3月31日
    of the next year. Under the 2007 条例 (reports for 2008–2018) every agency
    had until 3月31日.
    """
    if year <= 2018 or kind == "government":
        return datetime.date(year + 1, 3, 31)
    return datetime.date(year + 1, 1, 31)


# ---------------------------------------------------------------- sentences and fees


_SENTENCE_STOPS = lazy_compile(r"[。；;！？!?]")
_CLAUSE_STOPS = lazy_compile(r"[。；;！？!?，,]")


def sentences(text: str, offset: int = 0, *, clauses: bool = False) -> Iterator[tuple[str, int]]:
    """Split at 。；！？ (and at ，、 too with `clauses`); yields (piece, its offset)."""
    start = 0
    for match in (_CLAUSE_STOPS if clauses else _SENTENCE_STOPS).finditer(text):
        yield text[start:match.end()], offset + start
        start = match.end()
    if start < len(text):
        yield text[start:], offset + start


@attrs.frozen
class FeeMention:
    """A clause of section 六 about 信息处理费 (or 收费/费用).

    `none` is True when it says nothing was collected ("未收取信息处理费",
    "无收取信息处理费情况", "没有产生信息处理费"); `amount` is the sum it states,
    in 元 ("收取信息处理费 3940 元", "…0 元"), with `amount_span` pointing at it.
    """

    span: Span
    none: bool
    amount: Decimal | None = None
    amount_span: Span | None = None

    @property
    def states(self) -> bool:
        """True when the clause says how much (or that nothing) was collected."""
        return self.none or self.amount is not None

    @property
    def collected(self) -> bool:
        return not self.none and self.amount is not None and self.amount > 0


_FEE = lazy_compile(r"信\s*息\s*处\s*理\s*费|处\s*理\s*费|收\s*费|费\s*用")
_NO_FEE = lazy_compile(r"未|无|没\s*有|不\s*存\s*在|不\s*收|免|零")
_AMOUNT = lazy_compile(r"(?<![\d.])(\d[\d,，]*(?:\.\d+)?)\s*(万\s*)?元")


def fee_mentions(report: Report, blocks: Iterable[Block] | None = None) -> list[FeeMention]:
    """The clauses of section 六 (or of `blocks`) that mention fees, in order; [] when there is no section 六."""
    if blocks is None:
        section = report.section(6)
        if section is None:
            return []
        blocks = section.blocks
    found = []
    for text, base in prose(report, blocks):
        if "费" not in text:
            continue  # every mention holds it
        for clause, start in sentences(text, base, clauses=True):
            if not _FEE.search(clause):
                continue
            none = _NO_FEE.search(clause) is not None
            amount = amount_span = None
            match = _AMOUNT.search(clause)
            if match:
                value = Decimal(re.sub(r"[,，]", "", match.group(1)))
                amount = value * 10000 if match.group(2) else value
                amount_span = Span(start + match.start(1), start + match.end())
            found.append(FeeMention(Span(start, start + len(clause)), none, amount, amount_span))
    return found


# ---------------------------------------------------------------- prose as flat text
#
# PDF text breaks sentences (and numbers, and words) with hard line breaks and page
# feeds; extracted text adds indentation and markdown emphasis. `flatten` removes all
# of that and keeps, for every remaining character, its offset in the original text,
# so a match in the flat text maps back to an exact `Span`.

# Whitespace of any kind (incl. U+3000 and form feeds) and markdown emphasis are dropped.
# A gap between two of these characters (ASCII letters, digits and the point) leaves one space.
_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")

# A count: Arabic (half- or full-width, thousands separators) or a Chinese numeral, never
# starting inside another number (which also keeps scanning linear on long runs of digits).
# The leading lookahead (the first character of either form) makes a pattern fail at once where
# no count starts, before it tries the alternatives and their lookbehinds: same matches, and the
# patterns that start with a count (or a short label before one) are searched in about 60 % of the time.
NUMBER = (r"(?=[0-9０-９零〇一二两三四五六七八九十百千万])(?:(?<![0-9０-９.,])[0-9０-９]+(?:[,，][0-9０-９]{3})*(?:\.[0-9０-９]+)?"
          r"|(?<![零〇一二两三四五六七八九十百千万])[零〇一二两三四五六七八九十百千万]+)")
UNIT = r"(?:件|条|宗|起|个|份|次|篇|项|案)"


class Flat:
    """Text with layout whitespace removed, and where each of its characters is in the report.

    Kept as pieces (runs of characters that stand together in the report), so that
    flattening costs a few operations per piece, not per character. A part of a longer
    flat text (`within`) shares its pieces."""

    __slots__ = ("text", "_flat_starts", "_report_starts", "_shift", "_size")

    def __init__(self, text: str, flat_starts: list[int], report_starts: list[int], shift: int = 0,
                 size: int | None = None) -> None:
        self.text = text
        self._flat_starts = flat_starts        # where each piece starts in the whole flat text
        self._report_starts = report_starts    # where it starts in the report
        self._shift = shift                    # where `text` starts in the whole flat text
        self._size = len(text) if size is None else size    # the whole flat text's length

    def offset(self, index: int) -> int:
        """Where text[index] is in the report."""
        index += self._shift
        piece = bisect.bisect_right(self._flat_starts, index) - 1
        return self._report_starts[piece] + index - self._flat_starts[piece]

    @property
    def offsets(self) -> tuple[int, ...]:
        """`offset` of every character (for inspection; rules use `span`)."""
        return tuple(self.offset(i) for i in range(len(self.text)))

    def span(self, start: int, end: int) -> Span:
        """The original span of flat[start:end] (end exclusive, start < end)."""
        if not self.text:
            return Span(0, 0)
        end = max(end, start + 1)
        return Span(self.offset(start), self.offset(min(end, len(self.text)) - 1) + 1)

    def within(self, start: int, end: int) -> Flat:
        """report[start:end], a stretch inside this one's, as flat text: the same text, offsets and
        spans as ``flatten(report, start, end)`` gives, without flattening it again (a space that
        a gap leaves at either end is not part of it)."""
        i, j = self._index(start), self._index(end)
        if i < j and self.text[i] == " ":      # flat text holds no space but those gaps leave
            i += 1
        if i < j and self.text[j - 1] == " ":
            j -= 1
        return Flat(self.text[i:j], self._flat_starts, self._report_starts, self._shift + i, self._size)

    def _index(self, offset: int) -> int:
        """The first index of `text` whose character is at `offset` or after it in the report."""
        piece = bisect.bisect_right(self._report_starts, offset) - 1
        whole = 0
        if piece >= 0:
            end = self._flat_starts[piece + 1] if piece + 1 < len(self._flat_starts) else self._size
            whole = min(self._flat_starts[piece] + offset - self._report_starts[piece], end)
        return min(max(whole - self._shift, 0), len(self.text))


# A gap: whitespace and markdown emphasis. Written [c][c]* rather than [c]+, so that re skips to
# the next gap character at C speed (a pattern that starts with a repeat is tried at every position).
_GAP_SPLIT = lazy_compile(r"([ \t\r\n\x0b\x0c\u3000\u00a0*][ \t\r\n\x0b\x0c\u3000\u00a0*]*)")


def flatten(text: str, start: int, end: int) -> Flat:
    """text[start:end] without layout whitespace. A space between two ASCII letters or digits is kept
    as one space, so that separate numbers ("230 000") do not merge. Rules get flat prose through
    `Facts`, which flattens each stretch of a report once."""
    parts = _GAP_SPLIT.split(text[start:end])   # piece, gap, piece, …, piece (only the first and last may be empty)
    # where each part starts in the report: summed in C, not in the loop (a run has dozens of gaps)
    part_starts = list(itertools.accumulate(map(len, parts), initial=start))
    pieces: list[str] = []
    flat_starts: list[int] = []
    report_starts: list[int] = []
    length = 0
    for index in range(0, len(parts), 2):
        piece = parts[index]
        if not piece:
            continue
        if pieces and pieces[-1][-1] in _ALNUM and piece[0] in _ALNUM:
            gap = parts[index - 1]   # the gap between the two
            emphasis = len(gap) - len(gap.lstrip("*"))  # markdown emphasis is not a space
            if emphasis < len(gap):
                pieces.append(" ")
                flat_starts.append(length)
                report_starts.append(part_starts[index - 1] + emphasis)   # its first whitespace character
                length += 1
        pieces.append(piece)
        flat_starts.append(length)
        report_starts.append(part_starts[index])
        length += len(piece)
    return Flat("".join(pieces), flat_starts, report_starts)


def prose_blocks(report: Report) -> Iterator[Paragraph | SubHeading]:
    """Every paragraph and sub-heading, preamble first."""
    for block in report.blocks():
        if isinstance(block, (Paragraph, SubHeading)):
            yield block


def prose_runs(report: Report, sections: tuple[int, ...] | None = None) -> Iterator[tuple[int, Flat]]:
    """Runs of consecutive prose blocks (a table ends a run) as flat text, with their section
    number (0 for the preamble). A sentence broken by a page feed into two paragraphs, or a
    sub-heading that runs on into the next paragraph (PDF text), stays in one run."""
    for number, start, end in _prose_run_spans(report, sections):
        yield number, flatten(report.text, start, end)


def _prose_run_spans(report: Report, sections: tuple[int, ...] | None = None) -> Iterator[tuple[int, int, int]]:
    """(section number, start, end) of each run of `prose_runs`."""
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
                yield number, run[0].span.start, run[-1].span.end
                run = []


def anchored_matches(pattern: re.Pattern[str], text: str, anchor: str | re.Pattern[str], window: int,
                     start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, start, end)``, fast, for a pattern whose every match holds the literal
    `anchor` exactly once ("其中", "%") and is at most `window` characters long before it:
    the pattern is only tried near each occurrence of the anchor, not at every character.
    `anchor` may also be a pattern whose matches have no character in common with each other
    (``[件条…][（(]``, a unit before a parenthesis), each match of `pattern` holding one of them.
    A match holds one anchor, so it starts after the previous anchor: however dense the
    anchors, each character is searched from at most once (linear time)."""
    end = len(text) if end is None else end
    done = previous_end = start
    found = _find_anchor(text, anchor, start, end)
    while found is not None:
        position, anchor_end = found
        match = pattern.search(text, max(done, previous_end, position - window), min(anchor_end + 8, end))
        if match is not None and match.start() <= position < match.end():
            yield match
            done = match.end()
        previous_end = anchor_end
        found = _find_anchor(text, anchor, max(anchor_end, done), end)


def _find_anchor(text: str, anchor: str | re.Pattern[str], position: int, end: int) -> tuple[int, int] | None:
    """(start, end) of the first occurrence of `anchor` in text[position:end], or None."""
    if isinstance(anchor, str):
        found = text.find(anchor, position, end)
        return (found, found + len(anchor)) if found >= 0 else None
    match = anchor.search(text, position, end)
    return match.span() if match is not None else None


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


# ---------------------------------------------------------------- the facts of one report


class Facts:
    """The facts of one report, each computed on first use and kept with the report.

    Rules and plugins read them through `Context.facts`: the report's year, statistical
    period, publication date, agency and its kind, fee statements, prose (as written and
    as flat text), table 2's totals, table 3's values and the template's sums. However
    many rules ask, each fact is computed once per report."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self._flat: dict[tuple[int, int], Flat] = {}
        self._once: dict[Callable[[Report], Any], Any] = {}

    def once(self, function: Callable[[Report], _T]) -> _T:
        """`function(report)` computed once per report, however many built-in rules ask
        (e.g. the stray headings that GAI101 and GAI102 both read)."""
        if function not in self._once:
            self._once[function] = function(self.report)
        return self._once[function]

    @functools.cached_property
    def period(self) -> Period | None:
        """The stated statistical period (`statistical_period`)."""
        return _first_period(self.prose)   # the prose as `statistical_period` reads it, gathered once

    @functools.cached_property
    def year(self) -> Year | None:
        """The year the report covers: from the title, else from the period (`report_year`)."""
        return report_year(self.report, self.period)

    @functools.cached_property
    def published(self) -> Publication | None:
        """When the report was published, if it says (`publication_date`)."""
        return publication_date(self.report)

    @functools.cached_property
    def agency(self) -> str | None:
        """The agency as the title names it (`agency_name`)."""
        return agency_name(self.report)

    @functools.cached_property
    def agency_kind(self) -> AgencyKind | None:
        """"government" or "department" (`agency_kind`), None without a title."""
        return agency_kind(self.report)

    @functools.cached_property
    def fees(self) -> tuple[FeeMention, ...]:
        """Section 六's clauses about 信息处理费 (`fee_mentions`)."""
        return tuple(fee_mentions(self.report))

    @functools.cached_property
    def prose(self) -> tuple[tuple[str, int], ...]:
        """(text, offset) of every paragraph and sub-heading, in order (`prose`)."""
        return tuple(prose(self.report))

    @functools.cached_property
    def runs(self) -> tuple[tuple[int, Flat], ...]:
        """Runs of consecutive prose blocks as flat text, with their section number (0: the preamble)."""
        return tuple((number, flatten(self.report.text, start, end)) for number, start, end in self._run_spans)

    @functools.cached_property
    def _run_spans(self) -> tuple[tuple[int, int, int], ...]:
        """(section number, start, end) of each of `runs`, in the order of the text."""
        return tuple(_prose_run_spans(self.report))

    @functools.cached_property
    def _run_starts(self) -> list[int]:
        return [start for _, start, _ in self._run_spans]

    def runs_in(self, *sections: int) -> Iterator[Flat]:
        """The flat prose runs of the given sections (0: the preamble)."""
        return (flat for number, flat in self.runs if number in sections)

    def flat(self, start: int, end: int) -> Flat:
        """report.text[start:end] as flat text, flattened once per report: a stretch of prose (a
        paragraph, a sub-heading) is read from its run's flat text (`runs`)."""
        found = self._flat.get((start, end))
        if found is None:
            run = bisect.bisect_right(self._run_starts, start) - 1
            if run >= 0 and end <= self._run_spans[run][2]:
                found = self.runs[run][1].within(start, end)
            else:
                found = flatten(self.report.text, start, end)
            self._flat[(start, end)] = found
        return found

    @functools.cached_property
    def table2_totals(self) -> dict[str, int] | None:
        """Table 2's 总计 column of its new / carried_over / total / carried_forward rows."""
        return table2_totals(self.report)

    @functools.cached_property
    def table3_values(self) -> tuple[int, ...] | None:
        """Table 3's fifteen numbers, when the row is readable."""
        return table3_values(self.report)

    @functools.cached_property
    def sums(self) -> tuple[Sum, ...]:
        """Every printed total of the template with the parts it must add up to (`relations.sums`)."""
        return tuple(relation for relation in self.once(all_relations) if relation.kind != "balance")

    @functools.cached_property
    def repairs(self) -> Repairs:
        """The single-cell changes the unsafe fixes of GAI201–GAI205 may make, decided for all of
        the report's relations together (`relations.Repairs`)."""
        return Repairs(self.once(all_relations))
