from __future__ import annotations

from .._lazy_re import lazy_compile
from ..ast import Paragraph, SubHeading
from ..diagnostics import Severity
from ..facts import Flat
from ..rule import Rule
from ..text import chinese_number

# "一是" … "十是" at the start of a clause (after punctuation, a line start or a closing mark).
# Each pattern starts with a character class, so that re skips to the candidates quickly; the
# check of the character before the candidate comes after it: ``(?<![^…].)`` holds at the text's
# start or after one of the characters listed (same matches as ``(?:^|(?<=[…]))`` before it).
ORDINAL = lazy_compile(r"(?P<n>[一二三四五六七八九十])(?<![^。；;：:，,！？!?）)」』”\"].)是")
# An inline sub-heading "（二）" after a sentence end starts a new enumeration.
_SUBHEADING = lazy_compile(r"[（(](?<![^。；;！？!?].)[一二三四五六七八九十][）)]")
_NUMERALS = "零一二三四五六七八九十"


def _units(report, facts):
    """Runs of consecutive paragraphs; a sub-heading, a table or a section boundary ends a run."""
    groups = [report.preamble, *(s.blocks for s in report.sections)]
    for blocks in groups:
        run: list[Paragraph] = []
        for block in (*blocks, None):
            if isinstance(block, Paragraph):
                run.append(block)
                continue
            if run:
                yield facts.flat(run[0].span.start, run[-1].span.end)
                run = []
            if isinstance(block, SubHeading):
                yield facts.flat(block.span.start, block.span.end)


class OrdinalSequence(Rule):
    """“一是、二是……”序号不连续 — an enumeration 一是, 二是, … skips or repeats a number.

    **What it checks.** Within a paragraph (paragraphs broken by page feeds
    are read as one; a sub-heading such as （二） starts afresh), the markers
    一是, 二是, 三是 … must count up by one from 一是. "一是…三是" with no 二是, and
    "一是…三是…三是", are reported at the first marker out of order; a new 一是
    starts a new enumeration. Enumerations that do not start with 一是 are not
    checked.

    **Why.** Format-spec §8 (hygiene: "一是…三是…三是" in a real report). A skipped or
    repeated number usually means an item was deleted or a number mistyped.

    **Failing example** (seed 000's 问题 paragraph, 二是 changed to 三是)::

        一是政府信息公开的深度与广度有待拓展……三是信息公开精细化程度不足……三是队伍建设存在短板……

    **Passing example** (seed 000)::

        一是政府信息公开的深度与广度有待拓展……二是信息公开精细化程度不足……三是队伍建设存在短板……
    """

    code = "GAI606"
    name = "ordinal-sequence"
    severity = Severity.WARNING
    summary = "“一是、二是……”序号不连续 / an 一是, 二是, … enumeration skips or repeats a number"

    def check(self, report, context):
        for flat in _units(report, context.facts):
            yield from self._check_unit(flat, context)

    def _check_unit(self, flat: Flat, context):
        text = flat.text
        if "是" not in text:
            return  # every marker is N是
        markers = [(m.start(), chinese_number(m.group("n"))) for m in ORDINAL.finditer(text)]
        if len(markers) < 2:
            return  # nothing can skip or repeat
        breaks = [m.start() for m in _SUBHEADING.finditer(text)]
        previous: int | None = None
        last_at = -1
        for index, (at, number) in enumerate(markers):
            if any(last_at < b <= at for b in breaks):
                previous = None
            last_at = at
            if number == 1:
                previous = 1
                continue
            if previous is None or number is None:
                continue
            expected = previous + 1
            if number == expected or expected > 10:
                previous = number
                continue
            following = markers[index + 1][1] if index + 1 < len(markers) else None
            yield context.diagnostic(
                flat.span(at, at + 2),
                f"序号不连续：上一项为“{_NUMERALS[previous]}是”，此处应为“{_NUMERALS[expected]}是”，"
                f"实为“{_NUMERALS[number]}是”",
                f"enumeration marker {number} follows {previous}; expected {expected}",
            )
            # Resynchronise: if the next marker follows this one, this one was a jump; otherwise a typo.
            previous = number if following == number + 1 else expected
