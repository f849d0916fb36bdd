from __future__ import annotations

from ..diagnostics import Severity
from ..relations import Sum
from ._base import SumRule


class RowTotal(SumRule):
    """表二行合计不等于各申请人之和 — a table-2 row's 总计 is not the sum of its applicant columns.

    **What it checks.** In table 2 (三、收到和处理政府信息公开申请情况), for every
    numeric row: 总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 +
    其他 (the 总计 column of table 2 in 国办公开办函〔2021〕30号). The diagnostic points at the 总计 cell and
    states the expected and the printed value.

    **The fix** (*unsafe*, like every fix of GAI201–GAI205) is decided for all of
    the table's sums together: a cell is changed only when one value makes every
    relation that involves it hold. That is the printed total when the total
    alone is wrong; when a part was mistyped (its row total and its column total
    both break, and only the part satisfies both), the fix changes the part.
    When two relations want different values for a cell — e.g. GAI201 and GAI202
    on the same 总计 of 四、结转下年度继续办理 — no fix is offered: only a person
    can decide. Cells read from glued digits (GAI009) are never rewritten. A fix
    never breaks a relation that held, and ``--fix --unsafe-fixes`` run twice
    changes nothing the second time.

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

    kind = "row-total"  # `gailint.relations.row_totals`

    def message(self, total: Sum) -> tuple[str, str]:
        terms = "+".join(map(str, total.parts))
        return (f"“{_short(total.label)}”总计应为 {total.expected}（{terms}），实为 {total.found}",
                f"'{total.label}' total should be {total.expected} ({terms}), found {total.found}")


def _short(label: str) -> str:
    return label if len(label) <= 16 else label[:15] + "…"
