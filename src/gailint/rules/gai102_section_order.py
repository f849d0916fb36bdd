from __future__ import annotations

import attrs

from .._lazy_re import lazy_compile
from ..ast import Paragraph, Report, Section, Span, Table
from ..diagnostics import Severity
from ..lexer import heading_parts, is_prose
from ..rule import Rule
from ..template import SECTION_HEADINGS
from ..text import chinese_number, normalize
from .gai103_section_heading import classify, follows_template

_LINE = lazy_compile(r"[^\r\n]+")
# What every heading line holds (its number and separator, `lexer.heading_parts`): only the lines
# holding it are tried as headings.
_NUMBERED = lazy_compile(r"[一二三四五六七八九][ \u3000]*[、，,．.]")


@attrs.frozen
class StrayHeading:
    """A line worded as section `number`'s heading that the parser could not take as one,
    because a section with that number or a later one came before it."""

    number: int
    span: Span
    within: Section
    duplicate: bool


def stray_headings(report: Report) -> list[StrayHeading]:
    """Heading-like lines inside sections. They sit in paragraphs, or in tables: the parser
    continues a table over a line that cannot be a heading where it stands."""
    found: list[StrayHeading] = []
    for section in report.sections:
        for block in section.blocks:
            if not isinstance(block, (Paragraph, Table)):
                continue
            position = block.span.start  # a line start, or the end of the last line tried
            while (numbered := _NUMBERED.search(report.text, position, block.span.end)) is not None:
                start = max(report.text.rfind("\n", position, numbered.start()),
                            report.text.rfind("\r", position, numbered.start())) + 1 or position
                line = _LINE.match(report.text, start, block.span.end)
                if line is None:  # cannot happen: the line holds the number found
                    break
                stray = _stray(report, section, line.group(), line.start())
                if stray is not None:
                    found.append(stray)
                position = line.end()
    return found


def _stray(report: Report, section: Section, text: str, offset: int) -> StrayHeading | None:
    if len(text) > 80 or "\t" in text or "|" in text:
        return None
    parts = heading_parts(text)
    if parts is None:
        return None
    numeral, text_start, text_end = parts
    number = chinese_number(numeral)
    wording = text[text_start:text_end]
    body = normalize(wording)
    if number is None or number > section.heading.number or not body or len(body) > 40 or is_prose(body[:-1]):
        return None
    if classify(number, wording) not in ("canonical", "punctuation", "variant", "typo"):
        return None
    start = offset + len(text) - len(text.lstrip(" \u3000\f#*"))
    return StrayHeading(number, Span(start, offset + len(text.rstrip())), section, report.section(number) is not None)


class SectionOrder(Rule):
    """章节顺序错误或重复 — a section heading is out of order or repeated.

    **What it checks.** The six sections must come in the template's order
    一 → 六, each once (国办公开办函〔2021〕30号). The parser takes a heading only
    when its number is higher than the previous one, so a heading worded
    like a template heading (or a known variant of it) that appears after a
    section with the same or a higher number is reported here: as a
    *duplicate* when that section already exists, otherwise as *out of
    order*. Reports for years before 2019 are not checked (spec §5.2).

    **Why.** 条例第五十条 lists the contents in this order and the template
    (国办公开办函〔2021〕30号) fixes it; readers and tools find the sections by
    their place.

    **Failing example** (seed 001 with the 三 heading repeated at the end of section 三)::

        三、收到和处理政府信息公开申请情况
        …
        三、收到和处理政府信息公开申请情况

    **Passing example** (seed 001)::

        三、收到和处理政府信息公开申请情况
        …
        四、政府信息公开行政复议、行政诉讼情况
    """

    code = "GAI102"
    name = "section-order"
    severity = Severity.ERROR
    summary = "章节顺序错误或重复 / section out of order or repeated"

    def check(self, report, context):
        if not follows_template(report, context.facts):
            return
        for stray in context.facts.once(stray_headings):
            numeral = "一二三四五六"[stray.number - 1]
            canonical = SECTION_HEADINGS[stray.number][0]
            after = stray.within.heading.numeral
            if stray.duplicate:
                zh = f"第{numeral}部分标题“{numeral}、{canonical}”重复出现（位于第{after}部分中）"
                en = f"section {stray.number} heading '{canonical}' appears again (inside section {stray.within.heading.number})"
            else:
                zh = f"第{numeral}部分“{numeral}、{canonical}”出现在第{after}部分之后，顺序错误（应为一至六依次排列）"
                en = (f"section {stray.number} '{canonical}' comes after section {stray.within.heading.number}: "
                      f"sections must run 一 to 六 in order")
            yield context.diagnostic(stray.span, zh, en)
