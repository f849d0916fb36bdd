from __future__ import annotations

from ..diagnostics import Severity
from ..facts import publication_deadline
from ..rule import Option, Rule


class PublishedLate(Rule):
    """报告发布晚于法定期限 — the report was published after its legal deadline.

    **What it checks.** The publication date — a page-metadata line before
    section 一 ("发布时间: 2023-12-20 16:25", 发布日期, 信息提供日期), else a date
    standing alone on one of the last lines (the date under the signature,
    "2026年1月15日") — against the deadline for the report year Y:

    * a department (局, 委, 办公室…), and a 乡镇 or 街道: Y+1 年 1月31日;
    * the consolidated report of a people's government at county level or
      above ("淮安市人民政府…", "上海市…", a zone such as "平潭综合实验区", a
      管委会): Y+1 年 3月31日;
    * reports for 2018 and earlier (2007 条例): 3月31日 for everyone.

    Which kind of agency wrote the report is decided from the title (option
    ``agency-kind`` = ``auto``) or set with the option.

    **Why.** 条例第四十九条: "县级以上人民政府部门应当在每年1月31日前……向社会公布"
    and the 本级政府 report "在每年3月31日前向社会公布" (条例第四十九条).

    **Failing example** (a department's 2025 report, signature date changed)::

        六、其他需要报告的事项

        本年度未收取信息处理费，除上述情况外，本年度无其他需要专门报告的事项。

        攀枝花市西区卫生健康局

        2026年2月15日

    **Passing example** (seed 000)::

        攀枝花市西区卫生健康局

        2026年1月15日
    """

    code = "GAI307"
    name = "published-late"
    severity = Severity.ERROR
    summary = "报告发布晚于法定期限 / published after the legal deadline"
    options = (
        Option("agency-kind", str, "auto",
               "whose deadline applies: `department` (1月31日), `government` (a county-or-higher "
               "people's government's own report, 3月31日), or `auto` to decide from the title",
               ("auto", "department", "government")),
    )

    def check(self, report, context):
        year = context.facts.year
        published = context.facts.published
        if year is None or published is None:
            return
        date = published.date.date()
        if date is None:
            return  # impossible dates are GAI308's
        setting = context.option("agency-kind")
        kind = (context.facts.agency_kind or "department") if setting == "auto" else setting
        deadline = publication_deadline(year.value, kind)
        if date <= deadline:
            return
        if year.value <= 2018:
            who_zh, who_en = "2007 年条例", "2007 条例"
        elif kind == "government":
            who_zh, who_en = "本级人民政府报告", "a people's government's own report"
        else:
            who_zh, who_en = "部门报告", "a department's report"
        how_zh = "发布时间" if published.source == "metadata" else "落款日期"
        how_en = "publication date" if published.source == "metadata" else "signature date"
        days = (date - deadline).days
        yield context.diagnostic(
            published.date.span,
            f"{how_zh} {date.isoformat()} 晚于法定期限 {deadline.isoformat()}（{who_zh}，《条例》第四十九条），逾期 {days} 天",
            f"{how_en} {date.isoformat()} is after the deadline {deadline.isoformat()} "
            f"({who_en}, 条例 art. 49), {days} days late",
        )
