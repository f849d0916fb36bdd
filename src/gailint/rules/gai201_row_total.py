from __future__ import annotations

from ..ast import Span
from ..diagnostics import Edit, Fix, Severity
from ..rule import Rule
from ..template import TABLE2_COLUMN_LABELS


class RowTotal(Rule):
    """表二行合计不等于各申请人之和 — a table-2 row's 总计 is not the sum of its applicant columns.

    **What it checks.** In table 2 (三、收到和处理政府信息公开申请情况), for every
    numeric row: 总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 +
    其他 (format-spec §3.1, A1). The diagnostic points at the 总计 cell and
    states the expected and the printed value. A fix that writes the expected
    total is attached as *unsafe*: the total may be right and a part wrong,
    which only a person can decide.

    **Why.** The 总计 column is what readers and the national statistics take;
    a wrong total misstates the agency's workload.

    **Failing example**::

        一、本年新收政府信息公开申请数量	1	0	0	0	6	0	8

    gives ``总计应为 7（1+0+0+0+6+0），实为 8``.

    **Passing example**::

        一、本年新收政府信息公开申请数量	1	0	0	0	6	0	7
    """

    code = "GAI201"
    name = "row-total"
    severity = Severity.ERROR
    summary = "表二行合计不等于各申请人之和 / table-2 row total ≠ sum of applicant columns"

    def check(self, report, context):
        table = report.table(2)
        if table is None or not table.checkable:
            return
        for row in table.rows:
            numbers = [row.value(i) for i in range(len(TABLE2_COLUMN_LABELS))] if row.complete else []
            if not numbers or any(not isinstance(n, int) for n in numbers):
                continue
            parts, found = numbers[:6], numbers[6]
            expected = sum(parts)
            if expected == found:
                continue
            cell = row.cells[6]
            terms = "+".join(str(n) for n in parts)
            fix = Fix((Edit(Span(cell.span.start, cell.span.end), str(expected)),), "unsafe",
                      f"将总计改为 {expected}")
            yield context.diagnostic(
                cell.span,
                f"“{_short(row.label)}”总计应为 {expected}（{terms}），实为 {found}",
                f"'{row.key}' total should be {expected} ({terms}), found {found}",
                fix=fix,
            )


def _short(label: str) -> str:
    return label if len(label) <= 16 else label[:15] + "…"
