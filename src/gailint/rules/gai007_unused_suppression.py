from __future__ import annotations

from ..diagnostics import Severity
from ..rule import Rule


class UnusedSuppression(Rule):
    """未生效的 gailint 抑制注释 — a suppression comment that suppresses nothing.

    **What it checks.** An inline ``<!-- gailint: disable=… -->``,
    ``disable-next-line`` or ``disable-file`` comment that no diagnostic needed
    (the defect was fixed, or the code is wrong). It carries a safe fix that
    removes the comment. Reported by the runner after suppressions are applied,
    like ruff's RUF100.

    **Why.** Stale suppressions hide the next real defect at that place.

    **Failing example**::

        <!-- gailint: disable-next-line=GAI201 -->
        一、本年新收政府信息公开申请数量		1	0	0	0	0	0	1

    (the row's total is right, so nothing was suppressed).

    **Passing example**::

        <!-- gailint: disable-next-line=GAI201 -->
        一、本年新收政府信息公开申请数量		1	0	0	0	0	0	2
    """

    code = "GAI007"
    name = "unused-suppression"
    severity = Severity.WARNING
    summary = "未生效的 gailint 抑制注释 / a suppression comment that suppresses nothing"

    def check(self, report, context):
        return ()  # reported by the runner, which applies suppressions
