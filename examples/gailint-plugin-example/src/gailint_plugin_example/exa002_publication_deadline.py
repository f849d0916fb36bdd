from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from gailint.plugin import Context, Diagnostic, Option, Report, Rule, Severity


class PublicationDeadline(Rule):
    """年报发布晚于本省规定期限 — the report was published after the local deadline.

    **What it checks.** The publication date of a report on year Y — the page's
    ``发布时间``/``发布日期`` line if there is one, else the date alone on a line
    under the signature, Arabic or Chinese numerals (``2026年1月15日``,
    ``二〇二六年一月十五日``) — must not be later than the deadline in Y+1:
    option ``deadline`` (``MM-DD``, default ``01-31``) for a department, township
    or street office; option ``government-deadline`` (default ``03-31``) when the
    title names a people's government. The year, the publication date and the kind
    of agency are gailint's report facts (``context.facts``), the same the built-in
    GAI307 reads. A report without a year or a date is not checked.

    **Why.** 《中华人民共和国政府信息公开条例》第四十九条: departments report by
    1月31日, county-or-higher governments publish theirs by 3月31日; a province
    may set an earlier date for its own bodies (e.g. ``deadline = "01-15"``).

    **Failing example.** With ``deadline = "01-15"``::

        攀枝花市西区卫生健康局
        2025 年政府信息公开工作年度报告
        ……
        2026年1月20日

    → ``EXA002 发布日期 2026-01-20 晚于规定期限 2026-01-15``.

    **Passing example.** The same report signed ``2026年1月15日``.
    """

    code = "EXA002"
    name = "publication-deadline"
    severity = Severity.WARNING
    summary = "年报发布晚于规定期限 / report published after the local deadline"
    since = "0.1.0"
    options = (
        Option("deadline", str, "01-31", "MM-DD in the following year, for departments, townships and streets",
               pattern=r"(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"),
        Option("government-deadline", str, "03-31", "MM-DD in the following year, for people's governments",
               pattern=r"(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"),
    )

    def check(self, report: Report, context: Context) -> Iterator[Diagnostic]:
        facts = context.facts
        year, published = facts.year, facts.published
        if year is None or published is None:
            return
        day = published.date.date()
        if day is None:  # a date that does not exist is gailint's GAI308
            return
        option = "government-deadline" if facts.agency_kind == "government" else "deadline"
        month, dd = (int(part) for part in str(context.option(option)).split("-"))
        try:
            deadline = date(year.value + 1, month, dd)
        except ValueError:  # 02-29 in a common year
            deadline = date(year.value + 1, month, 28)
        if day > deadline:
            yield context.diagnostic(
                published.date.span, f"发布日期 {day.isoformat()} 晚于规定期限 {deadline.isoformat()}",
                f"published {day.isoformat()}, after the deadline {deadline.isoformat()}")
