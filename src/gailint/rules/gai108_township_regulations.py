from __future__ import annotations

from .._lazy_re import lazy_compile
from ..ast import Paragraph, SubHeading
from ..diagnostics import Severity
from ..rule import Rule

# A township-level body: the agency named in the title, or the report speaking of itself.
_TOWNSHIP_NAME = lazy_compile(r"(?:乡|镇|街道|苏木)(?:人民政府|办事处|党委|委员会)?$")
_TOWNSHIP_SELF = lazy_compile(r"(?:我|本|全)(?:乡|镇|街道)(?![村民长])")


class TownshipRegulations(Rule):
    """乡镇、街道报告了规章 — a township or sub-district reports 规章.

    **What it checks.** In table 1 (第二十条第（一）项), the 规章 row of a report by a
    乡, 镇 or 街道 — named so in the title, or speaking of itself as 我镇 / 本乡 /
    我街道 — should be 0 in every column: 本年制发件数, 本年废止件数, 现行有效件数.
    The diagnostic points at the first non-zero cell.

    **Why.** Only 国务院部门, provinces and 设区的市 have the power to make 规章
    (《立法法》); a township cannot have issued, repealed or be operating any. A
    non-zero figure is usually the county's or the city's number copied into the
    township's report, or normative documents (行政规范性文件) put in the wrong row
    (table 1 of 国办公开办函〔2021〕30号, 第二十条第（一）项).

    **Failing example** (a 镇 report, seed 001's table 1 with 规章 现行有效件数 6)::

        现结合我镇实际，主要从总体情况……等方面报告。
        …
        规章	0	0	6

    **Passing example**::

        规章	0	0	0
    """

    code = "GAI108"
    name = "township-regulations"
    severity = Severity.WARNING
    summary = "乡镇、街道报告了规章 / a township or sub-district reports 规章"

    def check(self, report, context):
        table = report.table(1)
        row = table.row("rules") if table is not None else None
        if row is None or not row.complete or not any(cell.value.is_number and cell.value.number for cell in row.cells):
            return  # nothing to report, whoever wrote it
        if not _is_township(report, context.facts.agency):
            return
        for cell in row.cells:
            if cell.value.is_number and cell.value.number:
                yield context.diagnostic(
                    cell.span,
                    f"乡镇、街道无权制定规章，表1“规章”一行应为 0，实为 {cell.text}",
                    f"a township or sub-district cannot make 规章: the 规章 row of table 1 should be 0, "
                    f"found {cell.text}",
                )
                return


def _is_township(report, name: str | None) -> bool:
    if name is not None and _TOWNSHIP_NAME.search(name):
        return True
    for block in report.blocks():
        if isinstance(block, (Paragraph, SubHeading)) and _TOWNSHIP_SELF.search(block.text):
            return True
    return False
