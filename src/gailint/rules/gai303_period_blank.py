from __future__ import annotations

from ..diagnostics import Severity
from ..rule import Rule


class PeriodBlank(Rule):
    """统计期限未填写完整 — the statistical period is stated with its dates left blank.

    **What it checks.** A statistical-period sentence whose dates were never
    filled in: "本报告所列数据的统计期限自至。", "统计期限自 年 月 日起至 年 月 日止",
    or a year, month or day left out ("自2025年1月 日起…"). A missing *end*
    year alone ("自2023年1月1日到12月31日止") is an accepted shorthand, not a
    blank. The error is reported at the sentence.

    **Why.** A template sentence left unfilled tells the reader nothing about
    what the figures cover, and shows the report was not proof-read
    (a real 2013 report says "统计期限自至。").

    **Failing example** (seed 004 with its dates deleted)::

        本年度报告中所列数据的统计期限自至。

    **Passing example** (seed 004)::

        本年度报告中所列数据的统计期限自2025年1月1日起至2025年12月31日止。
    """

    code = "GAI303"
    name = "period-blank"
    severity = Severity.ERROR
    summary = "统计期限未填写完整 / the statistical period is left blank"

    def check(self, report, context):
        period = context.facts.period
        if period is None or not period.blank:
            return
        stated = report.text[period.span.start:period.span.end].replace("\n", "")
        yield context.diagnostic(
            period.span,
            f"统计期限未填写完整：“{stated}”",
            f"the statistical period is left (partly) blank: '{stated}'",
        )
