from __future__ import annotations

from ..ast import Cell, MappedRow, TemplateTable
from ..diagnostics import Severity
from ..rule import Rule
from ..template import (
    TABLE1_BLOCKS,
    TABLE2_COLUMN_LABELS,
    TABLE3_COLUMN_LABELS,
    TABLE3_COLUMNS,
    TABLE3_GROUP_LABELS,
)
from ..text import nfkc

_TABLE1_COLUMN_LABELS = {
    "issued": "本年制发件数", "repealed": "本年废止件数", "in_force": "现行有效件数", "decisions": "本年处理决定数量",
    "fees_10k_yuan": "本年收费金额（万元）", "made": "本年新制作数量", "published": "本年新公开数量",
    "total_published": "对外公开总数量", "last_year": "上一年项目数量", "change": "本年增/减",
    "projects": "采购项目数量", "amount": "采购总金额",
}
_MONEY = {"fees_10k_yuan", "amount"}     # may be decimal
_SIGNED = {"change"}                     # 本年增/减 may be negative


def _columns(table: TemplateTable, row: MappedRow) -> tuple[tuple[str, str], ...]:
    """(column key, column label) for each cell of a row."""
    if table.number == 2:
        return tuple(zip(table.columns, TABLE2_COLUMN_LABELS))
    if table.number == 3:
        return tuple((key, TABLE3_GROUP_LABELS[key.split(".")[0]] + TABLE3_COLUMN_LABELS[key.split(".")[1]])
                     for key in TABLE3_COLUMNS)
    for block in TABLE1_BLOCKS.get(table.version or "", {}).values():
        if any(spec.key == row.key for spec in block.rows):
            return tuple((key, _TABLE1_COLUMN_LABELS.get(key, key)) for key in block.columns)
    return ()


def _problem(cell: Cell, column: str) -> tuple[str, str, Severity] | None:
    """(reason zh, reason en, severity) if the cell is not a valid value for its column."""
    value = cell.value
    if value.kind == "blank":
        shown = _shown(cell)
        what = "空白" if not shown else f"“{shown}”"
        return f"为{what}，应填写数字（没有则填 0）", f"is {shown or 'blank'}: write a number (0 if none)", Severity.WARNING
    if value.kind == "invalid":
        shown = _shown(cell)
        return f"“{shown}”不是数字", f"'{shown}' is not a number", Severity.ERROR
    if value.number is not None and value.number < 0 and column not in _SIGNED:
        return f"为负数 {_shown(cell)}", f"is negative ({_shown(cell)})", Severity.ERROR
    if value.kind == "decimal" and column not in _MONEY:
        shown = _shown(cell)
        return f"为小数 {shown}，此处应为件数（整数）", f"is a decimal ({shown}) where a count is expected", Severity.ERROR
    return None


def _shown(cell: Cell) -> str:
    """The cell's text as the message quotes it (full-width characters folded)."""
    return nfkc(cell.text).strip()


class InvalidCell(Rule):
    """表格单元格不是有效数值 — a table cell is blank, a dash, negative or a decimal count.

    **What it checks.** Every value cell of tables 2 and 3, and the count cells
    of table 1, must hold a non-negative whole number (the template of
    国办公开办函〔2021〕30号 counts applications and cases). A negative number, a decimal where a count is expected, or text
    is an error. A blank cell, ``/``, ``—`` or ``无`` is a warning: it is read
    as 0, but the template asks for a number. Table 1's 本年收费金额 (万元)
    and the 2019 format's 采购总金额 may be decimal, and its 本年增/减 may be
    negative; those are not flagged. Rows whose number of cells is wrong
    (GAI003) are skipped, since which column a cell belongs to is unknown.

    **Why.** The template counts applications and decisions (件); a blank or
    a dash leaves the reader guessing, and a negative or fractional count is
    a typing error that breaks the totals.

    **Failing example** (seed 001, 自然人 changed from 1 to ``/``)::

        一、本年新收政府信息公开申请数量		/	0	0	0	0	0	1

    **Passing example** (seed 001)::

        一、本年新收政府信息公开申请数量		1	0	0	0	0	0	1
    """

    code = "GAI107"
    name = "invalid-cell"
    severity = Severity.ERROR
    summary = "表格单元格不是有效数值 / a table cell is blank, a dash, negative or a decimal count"

    def check(self, report, context):
        for table in report.tables:
            for row in table.rows:
                if not row.complete:
                    continue
                columns = None
                for index, cell in enumerate(row.cells):
                    if cell.value.kind == "int" and (cell.value.number or 0) >= 0:
                        continue  # a count: the common case, always valid
                    if columns is None:
                        columns = _columns(table, row)
                    if index >= len(columns):
                        break
                    column, label = columns[index]
                    problem = _problem(cell, column)
                    if problem is None:
                        continue
                    zh, en, severity = problem
                    name = row.label if len(row.label) <= 16 else row.label[:15] + "…"
                    where = "" if table.number == 3 else f"“{name}”一行"
                    yield context.diagnostic(
                        cell.span,
                        f"表{table.number}{where}“{label}”单元格{zh}",
                        f"table {table.number} row '{row.key}', column '{column}' {en}",
                        severity=severity,
                    )
