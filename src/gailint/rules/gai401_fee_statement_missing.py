from __future__ import annotations

from ..diagnostics import Severity
from ..ast import Span
from ..facts import fee_mentions
from ..rule import Rule


class FeeStatementMissing(Rule):
    """第六部分未说明信息处理费收取情况 — section 六 does not say whether 信息处理费 was collected.

    **What it checks.** In a report for 2021 or later, section 六
    (其他需要报告的事项) must state how much 信息处理费 was collected, or that
    none was: "未收取信息处理费", "无收取信息处理费情况", "本年度没有产生信息处理费",
    "全年收取政府信息公开信息处理费 3940 元", "…0 元". A section that only cites
    the 《政府信息公开信息处理费管理办法》 without saying what was collected, or
    does not mention fees at all, gets this warning at its heading. When section
    六 itself is missing (GAI101), the statement may stand elsewhere: the whole
    report is searched, and if no clause says what was collected this warning is
    given at the end of the report — a missing section 六 also means a missing fee
    statement.

    **Why.** 国办函〔2020〕109号 introduced the 信息处理费 from 2021, and the 2021
    template's section 六 says "收取信息处理费情况在此处报告" (国办公开办函〔2021〕30号).

    **Failing example** (seed 003, fee sentence replaced)::

        #### 六、其他需要报告的事项

        沾益区卫生健康局 2024 年无其他需要报告的事项。

    **Passing example** (seed 003)::

        #### 六、其他需要报告的事项

        沾益区卫生健康局 2024 年未收取信息处理费。
    """

    code = "GAI401"
    name = "fee-statement-missing"
    severity = Severity.WARNING
    summary = "第六部分未说明信息处理费收取情况 / section 六 is silent on 信息处理费"

    def check(self, report, context):
        year = context.facts.year
        section = report.section(6)
        if year is None or year.value < 2021:
            return
        if section is None:
            yield from self._nowhere(report, context)
            return
        if any(mention.states for mention in context.facts.fees):
            return
        yield context.diagnostic(
            section.heading.span,
            "“六、其他需要报告的事项”未说明信息处理费收取情况（应写明收取金额，或未收取）",
            "section 六 does not say whether 信息处理费 was collected (state the amount, or that none was)",
        )

    @staticmethod
    def _nowhere(report, context):
        """No section 六 (GAI101): the statement may stand elsewhere; report when it is nowhere."""
        if not report.sections:  # no structure at all: GAI101 says so
            return
        if any(mention.states for mention in fee_mentions(report, report.blocks())):
            return
        end = len(report.text.rstrip())
        yield context.diagnostic(
            Span(end, end),
            "报告缺少“六、其他需要报告的事项”，全文也未说明信息处理费收取情况（应写明收取金额，或未收取）",
            "section 六 is missing and the report nowhere says whether 信息处理费 was collected "
            "(state the amount, or that none was)",
        )
