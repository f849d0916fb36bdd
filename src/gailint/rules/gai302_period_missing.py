from __future__ import annotations

from ..ast import Span
from ..diagnostics import Severity
from ..rule import Rule


class PeriodMissing(Rule):
    """未说明统计期限 — the report never states the period its figures cover.

    **What it checks.** That somewhere (normally in the opening paragraph) the
    report states its statistical period, e.g. "本年度报告中所列数据的统计期限自
    2025年1月1日起至2025年12月31日止". Accepted wordings include 统计期限,
    统计时限, 统计起止时间, 统计数据从…至…, with or without the years on
    both ends, spaces and PDF line breaks inside. The warning is reported at
    the title (or the first heading).

    **Why.** Nearly every report states it and readers rely on it to know what
    the figures cover. The 2021 template itself does
    not verifiably require the sentence, so this is a warning, not an error.

    **Failing example** (seed 001 with its period sentence deleted)::

        沙坡头区卫生健康局 2025 年政府信息公开工作年度报告

        根据《中华人民共和国政府信息公开条例》……现发布《沙坡头区卫生健康局 2025 年政府信息公开工作年度报告》。

        一、总体情况

    **Passing example**::

        根据《中华人民共和国政府信息公开条例》……现发布《沙坡头区卫生健康局 2025 年政府信息公开工作年度报告》。本报告统计数据从 2025 年 1 月 1 日至 2025 年 12 月 31 日。
    """

    code = "GAI302"
    name = "period-missing"
    severity = Severity.WARNING
    summary = "未说明统计期限 / the statistical period is not stated"

    def check(self, report, context):
        if report.title is None and not report.sections:
            return
        if context.facts.period is not None:
            return
        if report.title is not None:
            span = report.title.span
        elif report.sections:
            span = report.sections[0].heading.span
        else:
            span = Span(0, 0)
        yield context.diagnostic(
            span,
            "报告未说明数据的统计期限（如“统计期限自YYYY年1月1日起至YYYY年12月31日止”）",
            "the report does not state the statistical period of its figures "
            "(e.g. 统计期限自YYYY年1月1日起至YYYY年12月31日止)",
        )
