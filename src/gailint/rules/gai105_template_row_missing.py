from __future__ import annotations

from ..ast import Span, TemplateTable
from ..diagnostics import Severity
from ..rule import Rule
from ..template import TABLE1_BLOCKS, RowSpec, table2_rows


def expected_rows(table: TemplateTable) -> tuple[RowSpec, ...]:
    """The template rows of a table in its detected version (none when unknown)."""
    if table.number == 2 and table.version in ("2021", "2019"):
        return table2_rows(table.version)
    if table.number == 1 and table.version in TABLE1_BLOCKS:
        return tuple(spec for block in TABLE1_BLOCKS[table.version].values() for spec in block.rows)
    return ()


class TemplateRowMissing(Rule):
    """统计表缺少模板行 — a template row is missing from table 1 or 2.

    **What it checks.** Every row of the template is present in table 1
    (规章, 行政规范性文件, 行政许可, 行政处罚, 行政强制, 行政事业性收费; the 2019
    trial format adds 其他对外管理服务事项 and 政府集中采购) and table 2 (the 25
    numeric rows of the template of 国办公开办函〔2021〕30号, 23 in the 2019 trial format), compared
    with the template version the table itself uses (an outdated version is
    GAI106's business). Consecutive missing rows are reported together, at
    the row that follows them, or at the end of the table. Rows that are
    present but could not be matched (GAI004) are not reported again, and a
    table that could not be read (GAI002) is not checked.

    **Why.** The template (国办公开办函〔2021〕30号) fixes the rows; a dropped
    row hides a category of decisions and breaks the 总计 relations
    (spec §3.1, A3).

    **Failing example** (seed 001 with the row 5.属于三类内部事务信息 deleted)::

        4.保护第三方合法权益	0	0	0	0	0	0	0
        6.属于四类过程性信息	0	0	0	0	0	0	0

    **Passing example** (seed 001)::

        4.保护第三方合法权益	0	0	0	0	0	0	0
        5.属于三类内部事务信息	0	0	0	0	0	0	0
        6.属于四类过程性信息	0	0	0	0	0	0	0
    """

    code = "GAI105"
    name = "template-row-missing"
    severity = Severity.ERROR
    summary = "统计表缺少模板行 / a template row is missing from a table"

    def check(self, report, context):
        for table in report.tables:
            if not table.checkable:
                continue
            specs = expected_rows(table)
            present = {row.key: row for row in table.rows}
            unmapped = [p.span for p in table.problems if p.kind == "unmapped-row"]
            run: list[RowSpec] = []
            previous_end = table.table.span.start
            for spec in (*specs, None):
                row = present.get(spec.key) if spec is not None else None
                if spec is not None and row is None:
                    run.append(spec)
                    continue
                if run:
                    next_start = row.span.start if row is not None else table.table.span.end
                    covered = any(previous_end <= span.start < next_start or previous_end < span.end <= next_start
                                  for span in unmapped)
                    if not covered:
                        where = row.span if row is not None else Span(table.table.span.end, table.table.span.end)
                        yield self._diagnostic(context, table.number, run, where, row is None)
                    run = []
                if row is not None:
                    previous_end = row.span.end

    @staticmethod
    def _diagnostic(context, number, run, where, at_end):
        labels_zh = "、".join(f"“{spec.label}”" for spec in run)
        labels_en = ", ".join(spec.key for spec in run)
        count_zh = f"（共 {len(run)} 行）" if len(run) > 1 else ""
        place_zh = "（表格至此结束）" if at_end else "（应位于此行之前）"
        place_en = " (the table ends here)" if at_end else " (they belong before this row)"
        return context.diagnostic(
            where,
            f"表{number}缺少模板行{labels_zh}{count_zh}{place_zh}",
            f"table {number} lacks template row(s) {labels_en}{place_en}",
        )
