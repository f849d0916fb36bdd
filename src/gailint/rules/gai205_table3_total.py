from __future__ import annotations

from ..diagnostics import Severity
from ..relations import Sum
from ._base import SumRule


class Table3Total(SumRule):
    """表三总计不等于各结果之和 — a table-3 总计 is not 维持 + 纠正 + 其他 + 尚未审结.

    **What it checks.** Table 3 (四、政府信息公开行政复议、行政诉讼情况) has three groups of
    five columns: 行政复议, 行政诉讼 未经复议直接起诉, 行政诉讼 复议后起诉. In each group,
    总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结 (table 3 of 国办公开办函〔2021〕30号). The
    diagnostic points at the group's 总计 cell. The *unsafe* fix follows the rule of
    GAI201: it is offered only when one cell change makes every relation involving the cell hold.

    **Why.** Real reports break it: 洪泽区 2023 reports 行政复议 维持 10, 纠正 1, 总计 0.

    **Failing example** (seed 001 with 行政复议 结果维持 changed from 0 to 2)::

        2	0	0	0	0	0	0	0	0	0	0	0	0	0	0

    gives ``行政复议 总计应为 2（2+0+0+0），实为 0``.

    **Passing example.** Seed 001 as published: fifteen zeros.
    """

    code = "GAI205"
    name = "table3-total"
    severity = Severity.ERROR
    summary = "表三总计不等于各结果之和 / table 3 group total ≠ sum of its results"

    kind = "table3-total"  # `gailint.relations.table3_totals`

    def message(self, total: Sum) -> tuple[str, str]:
        shown = "+".join(map(str, total.parts))
        return (f"{total.label} 总计应为 {total.expected}（{shown}），实为 {total.found}",
                f"{total.label} total should be {total.expected} ({shown}), found {total.found}")

