from __future__ import annotations

from ..diagnostics import Severity
from ..rule import Rule
from ..template import TABLE2_OUTCOMES_2019, TABLE2_OUTCOMES_2021
from ._arith import COLUMN_LABELS, ints, rows_ints, set_total


class OutcomesTotal(Rule):
    """（七）总计不等于各办理结果之和 — （七）总计 is not the sum of the outcome rows.

    **What it checks.** In table 2, for every column, （七）总计 = （一）予以公开 +
    （二）部分公开 + the eight （三）不予公开 rows + the three （四）无法提供 rows + the
    five （五）不予处理 rows + the three （六）其他处理 rows (format-spec §3.1, A3). In the
    2019 trial format （六）其他处理 is a single row. The diagnostic points at the
    （七）总计 cell; the fix that writes the sum is *unsafe*.

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

    def check(self, report, context):
        table = report.table(2)
        if table is None or not table.checkable:
            return
        keys = TABLE2_OUTCOMES_2019 if table.version == "2019" else TABLE2_OUTCOMES_2021
        parts = rows_ints(table, keys)
        total_row = table.row("total")
        totals = ints(total_row)
        if parts is None or totals is None:
            return
        for column, label in enumerate(COLUMN_LABELS):
            values = [values[column] for _, values in parts]
            expected = sum(values)
            if expected == totals[column]:
                continue
            shown = "+".join(str(v) for v in values if v) or "0"
            cell = total_row.cells[column]
            yield context.diagnostic(
                cell.span,
                f"（七）总计（{label}）应为 {expected}（各办理结果之和：{shown}），实为 {totals[column]}",
                f"R24 total ({label}) should be {expected} (sum of the outcome rows: {shown}), found {totals[column]}",
                fix=set_total(cell.span, expected),
            )
