"""The template's sums, in one place: every printed total and the parts it must add up to.

Format-spec §3.1: A1 (a table-2 row's 总计 = its six applicant columns), A3
(（七）总计 = the outcome rows, per column), group subtotals, and A5 (each table-3
group's 总计 = 维持 + 纠正 + 其他 + 尚未审结). The reconciliation rules report the
sums that do not hold; the language server shows them on hover. Only whole
numbers read with certainty take part: a relation with a damaged, blank or
non-integer cell is not produced at all (no guessing).
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from .ast import Cell, MappedRow, Report, TemplateTable
from .template import (
    TABLE2_COLUMN_LABELS, TABLE2_OUTCOMES_2019, TABLE2_OUTCOMES_2021, TABLE2_SUBTOTALS, TABLE3_COLUMN_LABELS,
    TABLE3_GROUP_LABELS,
)

__all__ = ["Equation", "Sum", "ints", "outcome_totals", "row_totals", "subtotals", "sums", "table2_equations",
           "table3_equations", "table3_totals"]


@attrs.frozen
class Sum:
    """The printed total in `cell` should equal the sum of `parts`."""

    kind: str                 # "row-total" | "outcomes-total" | "subtotal" | "table3-total"
    cell: Cell                # the cell holding the printed total
    found: int
    parts: tuple[int, ...]
    label: str                # the row or group, e.g. "（七）总计", "行政复议"
    column: str               # the column, e.g. "自然人" ("" for table 3)
    formula: str              # the relation in words, e.g. "总计 = 自然人 + 商业企业 + …"

    @property
    def expected(self) -> int:
        return sum(self.parts)

    @property
    def holds(self) -> bool:
        return self.expected == self.found

    def numbers(self) -> str:
        """The relation with the report's numbers: ``总计 = 1 + 0 + 0 + 0 + 0 + 0 = 1``."""
        name = self.formula.split(" = ", 1)[0]
        text = f"{name} = {' + '.join(map(str, self.parts))} = {self.expected}"
        return text if self.holds else f"{text}（表中为 {self.found} / printed {self.found}）"


def ints(row: MappedRow | None) -> list[int] | None:
    """The row's values as integers, or None if the row is missing, damaged, blank or non-integer."""
    if row is None or not row.complete:
        return None
    values = [row.value(i) for i in range(row.expected)]
    if any(not isinstance(v, int) for v in values):
        return None
    return values  # type: ignore[return-value]


def _rows(table: TemplateTable, keys: tuple[str, ...]) -> list[list[int]] | None:
    found = [ints(table.row(key)) for key in keys]
    return None if any(values is None for values in found) else found  # type: ignore[return-value]


def _table2(report: Report) -> TemplateTable | None:
    table = report.table(2)
    return table if table is not None and table.checkable else None


def row_totals(report: Report) -> Iterator[Sum]:
    """A1: each numeric row of table 2, 总计 = the six applicant columns."""
    table = _table2(report)
    if table is None:
        return
    formula = "总计 = " + " + ".join(TABLE2_COLUMN_LABELS[:6])
    for row in table.rows:
        values = ints(row)
        if values is not None and len(values) == len(TABLE2_COLUMN_LABELS):
            yield Sum("row-total", row.cells[6], values[6], tuple(values[:6]), row.label, "总计", formula)


def outcome_totals(report: Report) -> Iterator[Sum]:
    """A3: for each column, （七）总计 = every outcome row (（六） is one row in the 2019 format)."""
    table = _table2(report)
    if table is None:
        return
    keys = TABLE2_OUTCOMES_2019 if table.version == "2019" else TABLE2_OUTCOMES_2021
    total_row = table.row("total")
    totals, parts = ints(total_row), _rows(table, keys)
    if totals is None or parts is None:
        return
    for column, label in enumerate(TABLE2_COLUMN_LABELS):
        yield Sum("outcomes-total", total_row.cells[column], totals[column], tuple(v[column] for v in parts),
                  "（七）总计", label, "（七）总计 = 各办理结果之和（（一）至（六））")


def subtotals(report: Report) -> Iterator[Sum]:
    """A subtotal printed on a group row （三）–（六） = the group's numbered rows."""
    table = _table2(report)
    if table is None:
        return
    for spec, members in TABLE2_SUBTOTALS:
        row = table.row(spec.key)
        printed, parts = ints(row), _rows(table, members)
        if printed is None or parts is None:
            continue
        for column, label in enumerate(TABLE2_COLUMN_LABELS):
            yield Sum("subtotal", row.cells[column], printed[column], tuple(v[column] for v in parts),
                      spec.label, label, f"{spec.label} = 其各项之和")


def table3_totals(report: Report) -> Iterator[Sum]:
    """A5: in each table-3 group, 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结."""
    table = report.table(3)
    if table is None or not table.checkable or not table.rows:
        return
    row = table.rows[0]
    values = ints(row)
    if values is None:
        return
    formula = "总计 = " + " + ".join(list(TABLE3_COLUMN_LABELS.values())[:4])
    for group, label in enumerate(TABLE3_GROUP_LABELS.values()):
        first = group * 5
        yield Sum("table3-total", row.cells[first + 4], values[first + 4], tuple(values[first:first + 4]),
                  label, "", formula)


def sums(report: Report) -> Iterator[Sum]:
    yield from row_totals(report)
    yield from outcome_totals(report)
    yield from subtotals(report)
    yield from table3_totals(report)


# --- the same sums as equations over cell references, for solving (gailint.collapsed) ----------


@attrs.frozen
class Equation:
    """cell `total` = Σ `parts` − Σ `minus`; a cell is (row key, column index)."""

    kind: str                          # "row-total" | "balance" | "outcomes-total" | "subtotal" | "table3-total"
    total: tuple[str, int]
    parts: tuple[tuple[str, int], ...]
    minus: tuple[tuple[str, int], ...] = ()

    @property
    def rows(self) -> frozenset[str]:
        return frozenset(key for key, _ in (self.total, *self.parts, *self.minus))

    def holds(self, value) -> bool:
        """`value(key, column)` gives a cell's number."""
        return value(*self.total) == sum(value(*p) for p in self.parts) - sum(value(*m) for m in self.minus)


def table2_equations(version: str, keys: set[str]) -> list[Equation]:
    """Table 2's relations among the rows `keys` that are present: A1 for every row, A2 (the
    balance) and A3 per column, and each printed group subtotal."""
    width = len(TABLE2_COLUMN_LABELS)
    found = [Equation("row-total", (key, width - 1), tuple((key, c) for c in range(width - 1))) for key in sorted(keys)]
    balance = ("new", "carried_over", "total", "carried_forward")
    outcomes = TABLE2_OUTCOMES_2019 if version == "2019" else TABLE2_OUTCOMES_2021
    for column in range(width):
        if set(balance) <= keys:
            found.append(Equation("balance", ("carried_forward", column), (("new", column), ("carried_over", column)),
                                  (("total", column),)))
        if "total" in keys and set(outcomes) <= keys:
            found.append(Equation("outcomes-total", ("total", column), tuple((k, column) for k in outcomes)))
        for spec, members in TABLE2_SUBTOTALS:
            if spec.key in keys and set(members) <= keys:
                found.append(Equation("subtotal", (spec.key, column), tuple((k, column) for k in members)))
    return found


def table3_equations() -> list[Equation]:
    """A5 over table 3's single row of fifteen ("values")."""
    return [Equation("table3-total", ("values", first + 4), tuple(("values", first + c) for c in range(4)))
            for first in range(0, len(TABLE3_COLUMN_LABELS) * 3, 5)]
