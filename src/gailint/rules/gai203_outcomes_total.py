from __future__ import annotations

from ..diagnostics import Severity
from ..relations import Sum
from ._base import SumRule


class OutcomesTotal(SumRule):
    """（七）总计不等于各办理结果之和 — （七）总计 is not the sum of the outcome rows.

    **What it checks.** In table 2, for every column, （七）总计 = （一）予以公开 +
    （二）部分公开 + the eight （三）不予公开 rows + the three （四）无法提供 rows + the
    five （五）不予处理 rows + the three （六）其他处理 rows (the （七）总计 row of table 2
    in 国办公开办函〔2021〕30号). In the
    2019 trial format （六）其他处理 is a single row. The diagnostic points at the
    （七）总计 cell. The *unsafe* fix follows the rule of GAI201: it is offered only
    when one cell change makes every relation involving the cell hold.

    **Why.** （七）总计 is "三、本年度办理结果" in total; it feeds the 勾稽关系 and the
    national statistics. Real reports get it wrong: 平潭 2020's outcome rows add up
    to 27 while its （七）总计 says 21.

    **Failing example** (seed 004 with （七）总计 changed from 4 to 3)::

        三、本年度办理结果 | (一)予以公开 | 2 | 0 | 0 | 0 | 0 | 0 | 2 | |
        …
        (七)总计 | 3 | 0 | 0 | 0 | 0 | 0 | 4 | ||

    gives ``（七）总计（自然人）应为 4（各办理结果之和：2+1+1），实为 3``.

    **Passing example.** Seed 004 as published: 2 + 1 + 1 = 4.
    """

    code = "GAI203"
    name = "outcomes-total"
    severity = Severity.ERROR
    summary = "（七）总计不等于各办理结果之和 / table 2 total ≠ sum of outcome rows"

    kind = "outcomes-total"  # `gailint.relations.outcome_totals`

    def message(self, total: Sum) -> tuple[str, str]:
        shown = "+".join(str(v) for v in total.parts if v) or "0"
        return (f"（七）总计（{total.column}）应为 {total.expected}（各办理结果之和：{shown}），实为 {total.found}",
                f"R24 total ({total.column}) should be {total.expected} (sum of the outcome rows: {shown}), "
                f"found {total.found}")

