from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from gailint.plugin import Context, Diagnostic, Option, Report, Rule, Severity, Span, report_year

# "发布时间: 2024-03-08 15:34" (a page's metadata line) or "发布日期：2024年3月8日"
_PUBLISHED = re.compile(r"(?:发布|公开|成文)(?:时间|日期)\s*[:：]?\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
# the date under the signature: "2026年1月15日" or "二〇二六年一月十五日", alone on its line
_SIGNED = re.compile(r"^[ \t\u3000#*]*([0-9〇○零一二三四五六七八九]{4})[ \t]*年[ \t]*([0-9一二三四五六七八九十]{1,3})[ \t]*月"
                     r"[ \t]*([0-9一二三四五六七八九十]{1,3})[ \t]*日[ \t\u3000*]*$", re.MULTILINE)
_DIGIT = str.maketrans("〇○零一二三四五六七八九", "00012345678" "9")
_TAIL = 400  # the signature date is in the last few lines
_GOVERNMENT = re.compile(r"(人民政府|[省市县区州旗盟])$")


def _year(text: str) -> int | None:
    return int(text) if text.isdigit() else int(text.translate(_DIGIT)) if text.translate(_DIGIT).isdigit() else None


def _issuer(report: Report) -> str:
    if report.title is None:
        return ""
    match = re.search(r"\d{4}\s*年", report.title.text)
    return report.title.text[:match.start()].strip() if match else ""


class PublicationDeadline(Rule):
    """年报发布晚于本省规定期限 — the report was published after the local deadline.

    **What it checks.** The publication date of a report on year Y — the page's
    ``发布时间``/``发布日期`` line if there is one, else the date alone on a line
    under the signature, Arabic or Chinese numerals (``2026年1月15日``,
    ``二〇二六年一月十五日``) — must not be later than the deadline in Y+1:
    option ``deadline`` (``MM-DD``, default ``01-31``) for a department, township
    or street office; option ``government-deadline`` (default ``03-31``) when the
    title's issuer is a people's government (ends in 人民政府, or in 市/区/县/州/省
    without a department). A report without a year or a date is not checked.

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
        year = report_year(report)
        found = self._published(report, context)
        if year is None or found is None:
            return
        published, span = found
        option = "government-deadline" if _GOVERNMENT.search(_issuer(report)) else "deadline"
        month, day = (int(part) for part in str(context.option(option)).split("-"))
        try:
            deadline = date(year.value + 1, month, day)
        except ValueError:  # 02-29 in a common year
            deadline = date(year.value + 1, month, 28)
        if published > deadline:
            yield context.diagnostic(
                span, f"发布日期 {published.isoformat()} 晚于规定期限 {deadline.isoformat()}",
                f"published {published.isoformat()}, after the deadline {deadline.isoformat()}")

    @staticmethod
    def _published(report: Report, context: Context) -> tuple[date, Span] | None:
        text = report.text
        match = _PUBLISHED.search(text, 0, 2000)
        if match is None:
            tail = max(0, len(text) - _TAIL)
            match = next(reversed(list(_SIGNED.finditer(text, tail))), None)
        if match is None:
            return None
        y = _year(match.group(1))
        m, d = context.number(match.group(2)), context.number(match.group(3))
        if y is None or not isinstance(m, int) or not isinstance(d, int):
            return None
        try:
            return date(y, m, d), Span(match.start(1), match.end(3))
        except ValueError:
            return None
