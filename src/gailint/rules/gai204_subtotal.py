from __future__ import annotations

from ..diagnostics import Severity
from ..relations import Sum
from ._base import SumRule


class Subtotal(SumRule):
    """表二分组小计不等于其各项之和 — a subtotal printed on a table-2 group row is not the sum of its rows.

    **What it checks.** The template prints no numbers on the group labels （三）不予公开,
    （四）无法提供, （五）不予处理 and （六）其他处理, but some reports add a subtotal
    row there. Where they do, for every column the subtotal must equal the sum of the
    group's numbered rows (table 2 of 国办公开办函〔2021〕30号). The diagnostic points at the subtotal
    cell. The *unsafe* fix follows the rule of GAI201: it is offered only when one
    cell change makes every relation involving the cell hold.

    **Why.** A subtotal that disagrees with its parts makes the table contradict itself,
    and readers cannot tell which figure is right.

    **Failing example** (seed 004 with a subtotal row added under （四）)::

        (四)无法提供 | 2 | 0 | 0 | 0 | 0 | 0 | 2 | ||
        1.本机关不掌握相关政府信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | ||
        2.没有现成信息需要另行制作 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||
        3.补正后申请内容仍不明确 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||

    gives ``（四）无法提供 小计（自然人）应为 1（1+0+0），实为 2``.

    **Passing example.** The same subtotal row with 1 and 1.
    """

    code = "GAI204"
    name = "subtotal"
    severity = Severity.ERROR
    summary = "表二分组小计不等于其各项之和 / table 2 group subtotal ≠ sum of its rows"

    kind = "subtotal"  # `gailint.relations.subtotals`

    def message(self, total: Sum) -> tuple[str, str]:
        terms = "+".join(map(str, total.parts))
        return (f"{total.label} 小计（{total.column}）应为 {total.expected}（{terms}），实为 {total.found}",
                f"{total.label} subtotal ({total.column}) should be {total.expected} ({terms}), found {total.found}")

