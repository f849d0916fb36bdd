from __future__ import annotations

from ..diagnostics import Severity
from ._base import TableProblemRule


class CellsInferred(TableProblemRule):
    """单元格粘连，已按模板关系推断 — a table row's cells were glued together and have been inferred.

    **What it checks.** On pages scraped from government sites a row's cells are
    often glued into one digit run: ``一、本年新收政府信息公开申请数量801000081``.
    gailint enumerates every way to cut the run into the row's cells (a surviving
    space always separates two cells; a cell is ``0`` or a number without a
    leading zero) and keeps the cuts under which the template's relations hold
    over the whole table at once: A1 row totals, A2 the balance, A3 the outcome
    totals, group subtotals, A5 table 3's groups (``gailint.collapsed``). When
    exactly one assignment is consistent, the table is read with it and every
    glued row gets this note showing its cells, so a reader can check them
    against the page. When no assignment is consistent the table has a real
    arithmetic defect: the most plausible split is used, noted here, and the
    GAI2xx rules report the defect. When several are, nothing is guessed: GAI002.

    **Why.** The numbers were not printed as read; a reviewer must be able to see
    what gailint took them to be.

    **Failing example** (seed 001's table 2 row, cells glued; note, not an error)::

        三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他一、本年新收政府信息公开申请数量1000001二、上年结转政府信息公开申请数量0000000…

    gives ``“一、本年新收政府信息公开申请数量”一行单元格粘连，按模板的数量关系推断为：1 0 0 0 0 0 1``.

    **Passing example.** The same row with its cells separated::

        一、本年新收政府信息公开申请数量	1	0	0	0	0	0	1
    """

    code = "GAI009"
    name = "cells-inferred"
    severity = Severity.INFO
    summary = "单元格粘连，已按模板关系推断 / glued table cells inferred from the template's relations"
    problems = ("inferred",)
