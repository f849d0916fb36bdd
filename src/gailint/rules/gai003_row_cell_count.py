from __future__ import annotations

from ..diagnostics import Severity
from ._base import TableProblemRule


class RowCellCount(TableProblemRule):
    """表格行的单元格数量不对 — a table row has the wrong number of value cells.

    **What it checks.** Every numeric row of table 2 has seven value cells
    (自然人, five kinds of 法人或其他组织, 总计) and table 3 has fifteen. A row
    with more or fewer — typically cells lost when a merged-cell table was
    copied out of Word — is reported at its line and excluded from the
    arithmetic checks, since which column a number belongs to is unknown.

    **Why.** Format-spec §7: a parser must report "wrong number of cells"
    rather than guess.

    **Failing example** (five cells where seven belong)::

        三、本年度办理结果	(一) 予以公开		0	0	0	0	0

    **Passing example**::

        三、本年度办理结果	(一) 予以公开	0	0	0	0	0	0	0
    """

    code = "GAI003"
    name = "row-cell-count"
    severity = Severity.ERROR
    summary = "表格行的单元格数量不对 / a table row has the wrong number of value cells"
    problems = ("cell-count",)
