from __future__ import annotations

from ..diagnostics import Severity
from ..relations import Sum
from ._base import SumRule


class Balance(SumRule):
    """表二勾稽关系不成立 — table 2's balance does not hold: 一 + 二 ≠ （七）总计 + 四.

    **What it checks.** The header of table 2 states its own rule: "本列数据的勾稽关系为：
    第一项加第二项之和，等于第三项加第四项之和". For every column: 一、本年新收 +
    二、上年结转 = （七）总计 + 四、结转下年度继续办理 (table 2 of 国办公开办函〔2021〕30号). The
    diagnostic points at the 四、结转下年度继续办理 cell, the balancing item, with the
    value the other three imply. The *unsafe* fix follows the rule of GAI201:
    it is offered only when one cell change makes every relation involving the cell hold.

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

    kind = "balance"  # `gailint.relations.balances`

    def message(self, balance: Sum) -> tuple[str, str]:
        new, carried, total = balance.parts
        return (f"勾稽关系不成立：四、结转下年度继续办理（{balance.column}）应为 {balance.expected}"
                f"（一 {new} + 二 {carried} − （七）{total}），实为 {balance.found}",
                f"balance broken: carried forward ({balance.column}) should be {balance.expected} "
                f"(R1 {new} + R2 {carried} − R24 {total}), found {balance.found}")
