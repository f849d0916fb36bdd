from __future__ import annotations

import re

from .._lazy_re import lazy_compile
from ..ast import Span
from ..diagnostics import Severity
from ..facts import find_dates, sentences
from ..rule import Rule

_PUBLISH = lazy_compile(r"公\s*布|发\s*布|上\s*网|报\s*送|提\s*交|印\s*发")
_PREVIOUS = lazy_compile(r"上\s*一?\s*年|去\s*年|前\s*一\s*年")  # "2024年发布上年度年度报告" names the previous one


class WrongYearReference(Rule):
    """报告发布日期写成了报告年度 — the report says it was published in its own year, where the next year is meant.

    **What it checks.** A sentence that speaks of publishing (公布, 发布, 报送,
    提交…) *this* report — named by its own year ("2024年政府信息公开工作年度报告",
    "2024年度报告", "2024年年报") or as "本报告" — together with an explicit date
    in the report year. The report on year Y can only be published in Y+1, so
    "于2024年1月15日之前…公布2024年政府信息公开工作年度报告" must mean 2025.
    The warning points at the date. Sentences about the previous report
    ("2024年1月发布2023年度报告") are not flagged.

    **Why.** 条例第四十九条: the report on the 上一年度 is published by 1月31日
    (3月31日) of the following year. A real 2024 report says it
    "于2024年1月15日之前…公布" its 2024 report — a year typed from the previous
    year's template.

    **Failing example** (seed 001, a publication sentence added)::

        于2025年1月15日之前在区政府网站公布《沙坡头区卫生健康局 2025 年政府信息公开工作年度报告》。

    **Passing example**::

        于2026年1月15日之前在区政府网站公布《沙坡头区卫生健康局 2025 年政府信息公开工作年度报告》。
    """

    code = "GAI306"
    name = "wrong-year-reference"
    severity = Severity.WARNING
    summary = "报告发布日期写成了报告年度 / the report's publication dated in its own year"

    def check(self, report, context):
        year = context.facts.year
        if year is None:
            return
        # every match starts with a digit or 本: the lookahead makes the pattern fail at once elsewhere
        own_report = re.compile(rf"(?=[\d本])(?:(?<!\d){year.value}\s*年度?[^\d。；;，,]{{0,24}}?(?:年度报告|年报)|本报告)")
        period = context.facts.period
        skip = period.span if period is not None else Span(-1, -1)
        for text, offset in context.facts.prose:
            if ("年报" not in text and "年度报告" not in text and "本报告" not in text) or not _PUBLISH.search(text) \
                    or not own_report.search(text):
                continue  # no sentence of it can name a publishing and this report
            for sentence, start in sentences(text, offset):
                if not _PUBLISH.search(sentence):
                    continue
                names = [Span(start + m.start(), start + m.end()) for m in own_report.finditer(sentence)
                         if not _PREVIOUS.search(m.group())]
                if not names:
                    continue
                for date in find_dates(sentence, start):
                    if date.year != year.value or date.month is None or date.day is None:
                        continue
                    if skip.start <= date.span.start < skip.end or any(n.start <= date.span.start < n.end for n in names):
                        continue
                    yield context.diagnostic(
                        date.span,
                        f"{year.value}年度报告只能在 {year.value + 1} 年发布，此处日期“{date}”应为 {year.value + 1} 年",
                        f"the {year.value} report can only be published in {year.value + 1}; "
                        f"the date '{date}' should be in {year.value + 1}",
                    )
