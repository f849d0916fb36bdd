from __future__ import annotations

from ..diagnostics import Severity
from ._base import TableProblemRule


class TableUnreadable(TableProblemRule):
    """表格无法可靠读取，未做数值核对 — a table cannot be read reliably; arithmetic not checked.

    **What it checks.** Some published texts lose the table structure: every cell
    glued together with no separator (``一、本年新收政府信息公开申请数量801000081``
    means 80, 1, 0, 0, 0, 0, 81), or PDF text in which table 3's numbers are
    interleaved with header fragments so that their columns cannot be told.
    gailint never guesses a value, so such a table is reported here and the
    reconciliation rules skip it.

    **Why.** A silent skip would read as "the sums are fine".

    **Failing example.**
    ``三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：…）…申请数量801000081二、上年结转…``

    **Passing example.** The same table with its cells separated by tabs::

        一、本年新收政府信息公开申请数量	80	1	0	0	0	0	81
    """

    code = "GAI002"
    name = "table-unreadable"
    severity = Severity.WARNING
    summary = "表格无法可靠读取，未做数值核对 / table cannot be read reliably; arithmetic not checked"
    problems = ("not-separated", "out-of-order")
