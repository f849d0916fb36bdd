from __future__ import annotations

from ..ast import Span
from ..diagnostics import Severity
from ..rule import Rule
from ..template import SECTION_HEADINGS
from .gai102_section_order import stray_headings
from .gai103_section_heading import follows_template

_NUMERALS = "一二三四五六"


class SectionMissing(Rule):
    """缺少章节 — one of the six template sections is missing.

    **What it checks.** A report written to the national template has six
    sections, 一、总体情况 to 六、其他需要报告的事项 (the template of 国办公开办函〔2021〕30号; 条例第五十条). Each
    one that cannot be found is reported where it should have been: at the
    heading of the next section that is present, or at the end of the report
    (consecutive missing sections, as in a truncated text, in one diagnostic).
    A section whose heading appears out of order is reported by GAI102
    instead. A text in which no section heading at all can be found gets one
    diagnostic at its start. Reports for years before 2019 (2007 条例 format,
    whose sections differ, spec §5.2) are not checked.

    **Why.** 条例第五十条 lists what the report must contain — 主动公开,
    收到和处理申请, 行政复议和行政诉讼, 主要问题及改进情况, 其他需要报告的事项 —
    and the template (国办公开办函〔2021〕30号) gives each its section.

    **Failing example** (seed 001 without its section 五; reported at 六)::

        四、政府信息公开行政复议、行政诉讼情况
        …
        六、其他需要报告的事项

    **Passing example** (seed 001)::

        四、政府信息公开行政复议、行政诉讼情况
        …
        五、存在的主要问题及改进情况
        …
        六、其他需要报告的事项
    """

    code = "GAI101"
    name = "section-missing"
    severity = Severity.ERROR
    summary = "缺少章节 / a template section is missing"

    def check(self, report, context):
        if not follows_template(report, context.facts):
            return
        if not report.sections:
            start = report.preamble[0].span.start if report.preamble else 0
            yield context.diagnostic(
                Span(start, start),
                "未找到任何章节标题（一、总体情况 至 六、其他需要报告的事项）",
                "no section heading found (一、总体情况 to 六、其他需要报告的事项)",
            )
            return
        misplaced = {stray.number for stray in context.facts.once(stray_headings) if not stray.duplicate}
        end = len(report.text.rstrip())
        gaps: dict[int, list[int]] = {}     # heading of the next present section (0: the end) → missing numbers
        for number in sorted(SECTION_HEADINGS):
            if report.section(number) is None and number not in misplaced:
                following = next((s.heading.number for s in report.sections if s.heading.number > number), 0)
                gaps.setdefault(following, []).append(number)
        for following_number, missing in gaps.items():
            following = report.section(following_number)
            where = following.heading.span if following is not None else Span(end, end)
            names_zh = "、".join(f"第{_NUMERALS[n - 1]}部分“{_NUMERALS[n - 1]}、{SECTION_HEADINGS[n][0]}”" for n in missing)
            names_en = ", ".join(f"{n} '{SECTION_HEADINGS[n][0]}'" for n in missing)
            if following is not None:
                place_zh, place_en = f"（应位于“{following.heading.numeral}、”之前）", f" (before section {following_number})"
            else:
                place_zh, place_en = "（报告至此结束）", " (the report ends here)"
            yield context.diagnostic(
                where,
                f"缺少{names_zh}{place_zh}",
                f"missing section{'s' if len(missing) > 1 else ''} {names_en}{place_en}",
            )
