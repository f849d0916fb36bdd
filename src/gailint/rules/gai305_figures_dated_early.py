from __future__ import annotations

import datetime

from .._lazy_re import lazy_compile
from ..ast import Span
from ..diagnostics import Severity
from ..facts import prose, sentences
from ..rule import Rule

# 截至2022年12月20日 / 截止到2024年11月30日 / 截至2024年11月底
_CUTOFF = lazy_compile(r"截\s*[至止](?:\s*[到至])?\s*(?P<date>(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*"
                     r"(?:(?P<d>\d{1,2})\s*日|(?P<eom>底|末))?)")
# a count in the rest of the sentence: "共收到申请 12 件", "发布信息 53 篇"
_COUNT = lazy_compile(r"\d\s*(?:件|条|项|个|篇|次|人次|人|家|期|场|份|余|万)")


class FiguresDatedEarly(Rule):
    """年度数据截止日期早于12月31日 — the year's figures are counted up to a date before 31 December.

    **What it checks.** In the preamble and sections 一–四, a sentence that
    gives figures "截至" an explicit date of the report year before 12月31日
    ("截至2022年12月20日，共收到申请 12 件", "截至2024年11月底…发布信息 53 条").
    Only explicit dates with a count after them in the same sentence are
    flagged: "截至目前", "截至2024年底", "截至12月31日" are fine or cannot be
    checked. The period sentence itself is GAI304's.

    **Why.** The report's figures must cover the whole calendar year (条例第四十九条;
    a real 2022 report counts "截至2022年12月20日"); figures cut
    off early understate the year and disagree with the tables.

    **Failing example** (seed 003, a cut-off date added)::

        截至 2024 年 12 月 20 日，通过沾益区人民政府网站向社会各界公布政务信息累计 67 条。

    **Passing example** (seed 003)::

        2024 年通过沾益区人民政府网站向社会各界公布政务信息累计 67 条。
    """

    code = "GAI305"
    name = "figures-dated-early"
    severity = Severity.WARNING
    summary = "年度数据截止日期早于12月31日 / figures counted up to a date before 31 December"

    def check(self, report, context):
        year = context.facts.year
        if year is None:
            return
        period = context.facts.period
        skip = period.span if period is not None else Span(-1, -1)
        blocks = [*report.preamble]
        for number in (1, 2, 3, 4):
            section = report.section(number)
            if section is not None:
                blocks.extend(section.blocks)
        last = datetime.date(year.value, 12, 31)
        for text, offset in prose(report, blocks):
            if "截" not in text:
                continue  # every cut-off starts with 截
            for sentence, start in sentences(text, offset):
                for match in _CUTOFF.finditer(sentence):
                    if int(match.group("y")) != year.value or skip.start <= start + match.start() < skip.end:
                        continue
                    month = int(match.group("m"))
                    if match.group("d") is None and match.group("eom") is None:
                        continue  # "截至2024年12月": no day, cannot tell
                    if not 1 <= month <= 12:
                        continue
                    if match.group("d") is not None:
                        try:
                            cutoff = datetime.date(year.value, month, int(match.group("d")))
                        except ValueError:
                            continue  # GAI308 reports impossible dates
                        if cutoff >= last:
                            continue
                        shown = f"{year.value}年{month}月{cutoff.day}日"
                    else:
                        if month == 12:
                            continue
                        shown = f"{year.value}年{month}月底"
                    if not _COUNT.search(sentence, match.end()):
                        continue
                    span = Span(start + match.start("date"), start + match.end("date"))
                    yield context.diagnostic(
                        span,
                        f"年度数据统计至 {shown}，未覆盖全年（应截至 {year.value}年12月31日）",
                        f"figures are counted up to {shown}, not the whole year (should be up to {last.isoformat()})",
                    )
