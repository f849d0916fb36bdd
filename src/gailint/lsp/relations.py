"""The arithmetic a table total stands for, with the report's own numbers — for hover.

Table 2: each row's 总计 = the six applicant columns, and each column of （七）总计 =
the outcome rows. Table 3: each group's 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
A relation is shown only where every number it needs was read with certainty.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

import attrs

from ..ast import Cell, MappedRow, Report, Span
from ..template import (
    TABLE2_COLUMN_LABELS,
    TABLE2_OUTCOMES_2019,
    TABLE2_OUTCOMES_2021,
    TABLE3_COLUMN_LABELS,
    TABLE3_GROUP_LABELS,
)

__all__ = ["Relation", "relations", "relations_at"]

Number = int | Decimal


@attrs.frozen
class Relation:
    """The total in the cell at `span` should be a sum: `formula` names its terms, `numbers` shows them."""

    span: Span
    title: str
    formula: str
    numbers: str


def relations_at(report: Report | None, offset: int) -> list[Relation]:
    """The relations whose total cell contains `offset` (ends included, as a cursor may sit there)."""
    if report is None:
        return []
    return [r for r in relations(report) if r.span.start <= offset <= r.span.end]


def relations(report: Report) -> Iterator[Relation]:
    yield from _table2(report)
    yield from _table3(report)


def _table2(report: Report) -> Iterator[Relation]:
    table = report.table(2)
    if table is None or not table.checkable:
        return
    parts_labels = " + ".join(TABLE2_COLUMN_LABELS[:6])
    for row in table.rows:
        values = _numbers(row)
        if values is not None and len(values) == len(TABLE2_COLUMN_LABELS):
            yield _relation(row.cells[6], row.label, f"总计 = {parts_labels}", "总计", values[:6], values[6])
    total = table.row("total")
    totals = _numbers(total)
    keys = TABLE2_OUTCOMES_2019 if table.version == "2019" else TABLE2_OUTCOMES_2021
    outcome_rows = [table.row(key) for key in keys]
    columns = [_numbers(row) for row in outcome_rows]
    if total is None or totals is None or any(c is None for c in columns):
        return
    for column, label in enumerate(TABLE2_COLUMN_LABELS):
        yield _relation(total.cells[column], f"（七）总计（{label}）", "（七）总计 = 各办理结果之和（（一）至（六））",
                        "（七）总计", [values[column] for values in columns], totals[column])


def _table3(report: Report) -> Iterator[Relation]:
    table = report.table(3)
    if table is None or not table.checkable or not table.rows:
        return
    row = table.rows[0]
    values = _numbers(row)
    if values is None:
        return
    labels = list(TABLE3_COLUMN_LABELS.values())
    for group, label in enumerate(TABLE3_GROUP_LABELS.values()):
        first = group * 5
        yield _relation(row.cells[first + 4], label, "总计 = " + " + ".join(labels[:4]), "总计",
                        values[first:first + 4], values[first + 4])


def _numbers(row: MappedRow | None) -> list[Number] | None:
    if row is None or not row.complete:
        return None
    values = [row.value(i) for i in range(row.expected)]
    return None if any(v is None for v in values) else values  # type: ignore[return-value]


def _relation(cell: Cell, title: str, formula: str, name: str, parts: Sequence[Number], printed: Number) -> Relation:
    expected = sum(parts)
    numbers = f"{name} = {' + '.join(map(str, parts))} = {expected}"
    if expected != printed:
        numbers += f"（表中为 {printed} / printed {printed}）"
    return Relation(cell.span, title, formula, numbers)
