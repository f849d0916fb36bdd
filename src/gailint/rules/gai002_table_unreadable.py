from __future__ import annotations

from ..diagnostics import Severity
from ._base import TableProblemRule


class TableUnreadable(TableProblemRule):
    """表格无法可靠读取，未做数值核对 — a table cannot be read reliably; arithmetic not checked.

    **What it checks.** Some published texts lose the table structure: cells
    glued together with no separator, or PDF text in which table 3's numbers are
    interleaved with header fragments so that their columns cannot be told.
    Glued cells are split where the template's relations leave exactly one
    reading (``一、本年新收政府信息公开申请数量801000081`` is 80, 1, 0, 0, 0, 0, 81:
    GAI009); a row that can still be read in several ways — table 1 has no sums,
    so ``行政规范性文件77132470`` may be 77 13 2470 or 77 132 470 — is reported here
    with some of its readings, as is a pre-2019 statistics table, which has no
    relations to split by. gailint never guesses a value: such a table is not
    reconciled, and the reconciliation rules skip it. A table reported here is
    present: GAI104 and GAI105 do not report it as missing.

    **Why.** A silent skip would read as "the sums are fine".

    **Failing example** (seed 001's table 1, cells glued)::

        二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件12033 三、…

    gives ``“行政规范性文件”一行单元格粘连，可拆分为 4 种（如：1 20 33；1 203 3；12 0 33）…``.

    **Passing example.** The same table with its cells separated by tabs::

        行政规范性文件	1	20	33
    """

    code = "GAI002"
    name = "table-unreadable"
    severity = Severity.WARNING
    summary = "表格无法可靠读取，未做数值核对 / table cannot be read reliably; arithmetic not checked"
    problems = ("not-separated", "out-of-order", "ambiguous")
