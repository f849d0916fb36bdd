from __future__ import annotations

from ..diagnostics import Severity
from ..facts import find_dates
from ..rule import Rule


class ImpossibleDate(Rule):
    """日期不存在 — a date that does not exist, such as 2月30日 or 13月.

    **What it checks.** Every written date ("2025年1月1日", "12月31日",
    "2023年13月") and the publication date of the page metadata: the month
    must be 1–12 and the day must exist in that month — 4月31日, 2月30日, and
    2月29日 in a year that is not a leap year ("2023年2月29日") are errors.
    2月29日 without a year is accepted.

    **Why.** An impossible date is a typing error; when it is the statistical
    period or the publication date, the report's dating cannot be checked at
    all (条例第四十九条).

    **Failing example** (seed 004, day changed)::

        本年度报告中所列数据的统计期限自2025年1月1日起至2025年12月32日止。

    **Passing example** (seed 004)::

        本年度报告中所列数据的统计期限自2025年1月1日起至2025年12月31日止。
    """

    code = "GAI308"
    name = "impossible-date"
    severity = Severity.ERROR
    summary = "日期不存在 / impossible date (2月30日, 13月)"

    def check(self, report, context):
        dates = [date for date in find_dates(report.text) if not date.exists()]
        published = context.facts.published
        # a publication date read where a date of the text was read is that date, already checked
        if published is not None and not published.date.exists() and all(d.span != published.date.span
                                                                          for d in dates):
            dates.append(published.date)
        for date in dates:
            if date.month is not None and not 1 <= date.month <= 12:
                why_zh, why_en = "月份应为 1–12", "the month must be 1-12"
            else:
                why_zh, why_en = f"{date.month}月没有{date.day}日", f"month {date.month} has no day {date.day}"
                if date.month == 2 and date.day == 29:
                    why_zh, why_en = f"{date.year}年不是闰年", f"{date.year} is not a leap year"
            yield context.diagnostic(
                date.span,
                f"日期不存在：“{date}”（{why_zh}）",
                f"impossible date '{date}' ({why_en})",
            )
