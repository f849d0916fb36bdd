from __future__ import annotations

from ..diagnostics import Severity
from ..relations import ints
from ..rule import Rule
from ..template import TABLE2_COLUMN_LABELS as COLUMN_LABELS
from ._arith import set_total
from ._base import collapsed_note


class Balance(Rule):
    """表二勾稽关系不成立 — table 2's balance does not hold: 一 + 二 ≠ （七）总计 + 四.

    **What it checks.** The header of table 2 states its own rule: "本列数据的勾稽关系为：
    第一项加第二项之和，等于第三项加第四项之和". For every column: 一、本年新收 +
    二、上年结转 = （七）总计 + 四、结转下年度继续办理 (table 2 of 国办公开办函〔2021〕30号). The
    diagnostic points at the 四、结转下年度继续办理 cell, the balancing item, with the
    value the other three imply; the fix that writes it is *unsafe*.

    **Why.** Every application received or carried over must be either decided this
    year or carried forward; a broken balance means applications were lost or
    double-counted.

    **Failing example** (seed 001 with 四 changed from 0 to 1)::

        一、本年新收政府信息公开申请数量		1	0	0	0	0	0	1
        二、上年结转政府信息公开申请数量		0	0	0	0	0	0	0
        (七) 总计	1	0	0	0	0	0	1
        四、结转下年度继续办理		1	0	0	0	0	0	1

    gives ``四、结转下年度继续办理（自然人）应为 0（一 1 + 二 0 − （七）1），实为 1``.

    **Passing example.** The same rows with 四 = 0 in every column.
    """

    code = "GAI202"
    name = "balance"
    severity = Severity.ERROR
    summary = "表二勾稽关系不成立（一+二≠（七）+四） / table 2 balance broken (R1+R2 ≠ R24+R25)"

    def check(self, report, context):
        table = report.table(2)
        if table is None or not table.checkable:
            return
        rows = [table.row(key) for key in ("new", "carried_over", "total", "carried_forward")]
        values = [ints(row) for row in rows]
        if any(v is None for v in values):
            return
        new, carried, total, forward = values
        for column, label in enumerate(COLUMN_LABELS):
            expected = new[column] + carried[column] - total[column]
            if expected == forward[column]:
                continue
            cell = rows[3].cells[column]
            note_zh, note_en = collapsed_note(report, cell.span)
            yield context.diagnostic(
                cell.span,
                f"勾稽关系不成立：四、结转下年度继续办理（{label}）应为 {expected}"
                f"（一 {new[column]} + 二 {carried[column]} − （七）{total[column]}），实为 {forward[column]}{note_zh}",
                f"balance broken: carried forward ({label}) should be {expected} "
                f"(R1 {new[column]} + R2 {carried[column]} − R24 {total[column]}), found {forward[column]}{note_en}",
                fix=set_total(cell.span, expected) if expected >= 0 else None,
            )
