from __future__ import annotations

from .._lazy_re import lazy_compile
from ..ast import Span
from ..diagnostics import Edit, Fix, Severity
from ..rule import Rule
from ..text import normalize

CANONICAL_END = "政府信息公开工作年度报告"
_TRAILER = lazy_compile(r"[（(][^（）()]{0,20}[）)]$")
_MISSING_GONGKAI = "政府信息工作年度报告"


class TitleWording(Rule):
    """标题不是“……政府信息公开工作年度报告” — the title does not end in 政府信息公开工作年度报告.

    **What it checks.** The report's title (its first line, or two lines when
    the title is broken, as in seed 002) must end in "政府信息公开工作年度报告",
    after spaces, line breaks and a trailing parenthesis such as "（全文）" are
    ignored. "2024年度政府信息公开工作年度报告" and "XX 2025 年政府信息公开工作年度报告"
    pass; "政府信息工作年度报告" (公开 missing), "政务公开工作年度报告" or
    "政府信息公开年度报告" do not. A title with no 报告 in it is not taken for a
    title and not checked (that is for the structure rules). When only 公开 is
    missing an unsafe fix inserts it.

    **Why.** 条例 第四十九、五十条 name the document "政府信息公开工作年度报告", and
    the national template (国办公开办函〔2021〕30号) uses that name; readers and
    portals find reports by it. Format-spec §7 lists the 公开-missing title as
    an error seen in real reports.

    **Failing example** (seed 004, 公开 deleted)::

        昆都仑区卫生健康委员会
        2025年政府信息工作年度报告

    **Passing example** (seed 002, a title broken over two lines)::

        卫生健康局2025年政府信息公开工作
        年度报告
    """

    code = "GAI603"
    name = "title-wording"
    severity = Severity.WARNING
    summary = "标题不是“……政府信息公开工作年度报告” / the title is not '…政府信息公开工作年度报告'"

    def check(self, report, context):
        title = report.title
        if title is None:
            return
        text = _TRAILER.sub("", normalize(title.text))
        if "报告" not in text or text.endswith(CANONICAL_END):
            return
        fix = None
        raw = report.text[title.span.start:title.span.end]
        position = raw.find(_MISSING_GONGKAI)
        if text.endswith(_MISSING_GONGKAI) and position >= 0:
            at = title.span.start + position + len("政府信息")
            fix = Fix((Edit(Span(at, at), "公开"),), "unsafe", "在“政府信息”后补“公开”")
        yield context.diagnostic(
            title.span,
            f"标题“{title.text.strip()}”应以“政府信息公开工作年度报告”结尾",
            f"the title '{title.text.strip()}' should end in 政府信息公开工作年度报告",
            fix=fix,
        )
