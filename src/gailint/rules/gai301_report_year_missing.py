from __future__ import annotations

from ..ast import Span
from ..diagnostics import Severity
from ..rule import Rule


class ReportYearMissing(Rule):
    """报告年度无从确定 — neither the title nor the statistical period says which year the report covers.

    **What it checks.** The report year is read from the title
    ("…2025 年政府信息公开工作年度报告"), or, when the title has none, from the
    statistical period ("统计期限自2025年1月1日起…"). When neither gives a
    year, this warning is reported at the title (or at the start of the file)
    and every year-dependent check (period, deadline, template version,
    信息处理费) is skipped.

    **Why.** 条例第四十九条 requires a report on the *上一年度*; a reader, and
    every later check, must know which year that is.

    **Failing example** (title without its year, no period stated)::

        攀枝花市西区卫生健康局

        政府信息公开工作年度报告

    **Passing example**::

        攀枝花市西区卫生健康局

        2025 年政府信息公开工作年度报告
    """

    code = "GAI301"
    name = "report-year-missing"
    severity = Severity.WARNING
    summary = "报告年度无从确定 / no report year in the title or the statistical period"

    def check(self, report, context):
        if report.title is None and not report.sections:
            return  # not a report at all; the structure rules say so
        if context.facts.year is not None:
            return
        span = report.title.span if report.title is not None else Span(0, 0)
        yield context.diagnostic(
            span,
            "标题和统计期限中均未写明报告年度",
            "neither the title nor the statistical period states the report year",
        )
