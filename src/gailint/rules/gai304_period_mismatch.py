from __future__ import annotations

import datetime

from ..diagnostics import Severity
from ..rule import Rule


class PeriodMismatch(Rule):
    """统计期限不是报告年度的1月1日至12月31日 — the statistical period is not the report year.

    **What it checks.** The stated statistical period must run from 1月1日 to
    12月31日 of the report year, which is read from the title. Reported at the
    wrong date: a period that starts in another year ("2024年" report,
    "统计期限自2023年1月1日…"), starts late, or ends early ("…至2024年12月20日").
    A period stated only by its end ("统计时间截至…") is checked at its end.
    Blank periods are GAI303's, impossible dates GAI308's.

    **Why.** 条例第四十九条 and 第五十条: the report covers the *上一年度*, a
    calendar year; a Hainan rule states "应涵盖上年度1月1日起至12月31日止".
    Figures cut off early, or taken from another year, do not add up with the
    other reports of that year (条例第四十九条: the report is on the 上一年度).

    **Failing example** (seed 004, end date changed)::

        本年度报告中所列数据的统计期限自2025年1月1日起至2025年12月20日止。

    **Passing example** (seed 004)::

        本年度报告中所列数据的统计期限自2025年1月1日起至2025年12月31日止。
    """

    code = "GAI304"
    name = "period-mismatch"
    severity = Severity.ERROR
    summary = "统计期限不是报告年度的1月1日至12月31日 / the period is not 1 Jan – 31 Dec of the report year"

    def check(self, report, context):
        period = context.facts.period
        year = context.facts.year
        if period is None or period.blank or year is None:
            return
        where_zh = "（报告年度见标题）" if year.source == "title" else ""
        where_en = " (report year from the title)" if year.source == "title" else ""
        first, last = datetime.date(year.value, 1, 1), datetime.date(year.value, 12, 31)
        start = period.start_date
        if period.start is not None and start is not None and start != first:
            yield context.diagnostic(
                period.start.span,
                f"统计期限应自 {_zh(first)} 起{where_zh}，实为 {_zh(start)}",
                f"the statistical period should start on {first.isoformat()}{where_en}, found {start.isoformat()}",
            )
        end = period.end_date
        if end is not None and end != last:
            yield context.diagnostic(
                period.end.span,
                f"统计期限应至 {_zh(last)} 止{where_zh}，实为 {_zh(end)}",
                f"the statistical period should end on {last.isoformat()}{where_en}, found {end.isoformat()}",
            )


def _zh(date: datetime.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"
