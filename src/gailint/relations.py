"""The template's sums, in one place: every printed total and the parts it must add up to.

Format-spec §3.1: A1 (a table-2 row's 总计 = its six applicant columns), A3
(（七）总计 = the outcome rows, per column), group subtotals, and A5 (each table-3
group's 总计 = 维持 + 纠正 + 其他 + 尚未审结). The reconciliation rules report the
sums that do not hold; the language server shows them on hover. Only whole
numbers read with certainty take part: a relation with a damaged, blank or
non-integer cell is not produced at all (no guessing).

The balance A2 (一 + 二 = （七）总计 + 四) is a relation here too, written as
四 = 一 + 二 − （七）总计. `repairs` solves all of a report's relations together and
decides which single-cell changes the unsafe fixes of GAI201–GAI205 may offer.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal

import attrs

from .ast import Cell, MappedRow, Report, TemplateTable
from .template import (
    TABLE2_COLUMN_LABELS, TABLE2_OUTCOMES_2019, TABLE2_OUTCOMES_2021, TABLE2_SUBTOTALS, TABLE3_COLUMN_LABELS,
    TABLE3_GROUP_LABELS,
)

__all__ = ["Equation", "Repair", "Repairs", "Sum", "all_relations", "balances", "broken_relations", "ints",
           "outcome_totals", "relations", "row_totals", "subtotals", "sums", "table2_equations", "table3_equations",
           "table3_totals"]


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
    part_cells: tuple[Cell, ...] = ()   # the cells holding `parts`, in the same order
    signs: tuple[int, ...] = ()         # +1 or −1 per part (empty: all +1); the balance subtracts （七）总计

    @property
    def expected(self) -> int:
        if not self.signs:
            return sum(self.parts)
        return sum(sign * part for sign, part in zip(self.signs, self.parts))

    def terms(self) -> tuple[tuple[int, Cell, int], ...]:
        """The relation as (coefficient, cell, value) terms whose weighted sum is 0 when it holds."""
        signs = self.signs or (1,) * len(self.parts)
        return ((1, self.cell, self.found),
                *((-sign, cell, value) for sign, cell, value in zip(signs, self.part_cells, self.parts)))

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
    values = []
    for cell in row.cells:  # `row.value(i)` of every column, read directly
        value = cell.value
        number = value.number
        if value.kind not in _NUMBER_KINDS or not isinstance(number, int):
            return None
        values.append(number)
    return values


_NUMBER_KINDS = ("int", "decimal")   # `Value.is_number`


class _Rows:
    """One table's rows by key, each row's `ints` read once: the relations of a report share
    rows (（七）总计 takes part in A1, A2 and A3), and reading a row is most of their cost."""

    __slots__ = ("table", "_rows", "_read")

    def __init__(self, table: TemplateTable) -> None:
        self.table = table
        self._rows: dict[str, MappedRow] = {}
        for row in table.rows:
            self._rows.setdefault(row.key, row)   # the first row of a key, as `TemplateTable.row`
        self._read: dict[int, list[int] | None] = {}   # by id() of the row: rows of one key may repeat

    def row(self, key: str) -> MappedRow | None:
        return self._rows.get(key)

    def row_ints(self, row: MappedRow) -> list[int] | None:
        """`ints(row)`, read once."""
        found = self._read.get(id(row), False)
        if found is False:
            found = self._read[id(row)] = ints(row)
        return found  # type: ignore[return-value]

    def ints(self, key: str) -> list[int] | None:
        """`ints` of the row of `key`, read once (None without such a row)."""
        row = self._rows.get(key)
        return None if row is None else self.row_ints(row)

    def all_ints(self, keys: tuple[str, ...]) -> list[list[int]] | None:
        found = [self.ints(key) for key in keys]
        return None if None in found else found  # type: ignore[return-value]


def _table2(report: Report) -> _Rows | None:
    table = report.table(2)
    return _Rows(table) if table is not None and table.checkable else None


def row_totals(report: Report) -> Iterator[Sum]:
    """A1: each numeric row of table 2, 总计 = the six applicant columns."""
    return _row_totals(_table2(report))


# Each generator below takes `broken`: True yields only the relations that do not hold, and
# builds no `Sum` for the others (most reports' tables add up; see `broken_relations`).


def _row_totals(table: _Rows | None, broken: bool = False) -> Iterator[Sum]:
    if table is None:
        return
    formula = "总计 = " + " + ".join(TABLE2_COLUMN_LABELS[:6])
    for row in table.table.rows:
        values = table.row_ints(row)
        if values is not None and len(values) == len(TABLE2_COLUMN_LABELS):
            if broken and values[6] == sum(values[:6]):
                continue
            yield Sum("row-total", row.cells[6], values[6], tuple(values[:6]), row.label, "总计", formula,
                      row.cells[:6])


def outcome_totals(report: Report) -> Iterator[Sum]:
    """A3: for each column, （七）总计 = every outcome row (（六） is one row in the 2019 format)."""
    return _outcome_totals(_table2(report))


def _outcome_totals(table: _Rows | None, broken: bool = False) -> Iterator[Sum]:
    if table is None:
        return
    keys = TABLE2_OUTCOMES_2019 if table.table.version == "2019" else TABLE2_OUTCOMES_2021
    totals, parts = table.ints("total"), table.all_ints(keys)
    if totals is None or parts is None:
        return
    for column, (label, column_parts) in enumerate(zip(TABLE2_COLUMN_LABELS, zip(*parts))):
        if broken and totals[column] == sum(column_parts):
            continue
        yield Sum("outcomes-total", table.row("total").cells[column], totals[column], column_parts,
                  "（七）总计", label, "（七）总计 = 各办理结果之和（（一）至（六））",
                  tuple(table.row(key).cells[column] for key in keys))


def subtotals(report: Report) -> Iterator[Sum]:
    """A subtotal printed on a group row （三）–（六） = the group's numbered rows."""
    return _subtotals(_table2(report))


def _subtotals(table: _Rows | None, broken: bool = False) -> Iterator[Sum]:
    if table is None:
        return
    for spec, members in TABLE2_SUBTOTALS:
        printed, parts = table.ints(spec.key), table.all_ints(members)
        if printed is None or parts is None:
            continue
        for column, (label, column_parts) in enumerate(zip(TABLE2_COLUMN_LABELS, zip(*parts))):
            if broken and printed[column] == sum(column_parts):
                continue
            yield Sum("subtotal", table.row(spec.key).cells[column], printed[column], column_parts,
                      spec.label, label, f"{spec.label} = 其各项之和",
                      tuple(table.row(key).cells[column] for key in members))


def table3_totals(report: Report) -> Iterator[Sum]:
    """A5: in each table-3 group, 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结."""
    return _table3_totals(report)


def _table3_totals(report: Report, broken: bool = False) -> Iterator[Sum]:
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
        if broken and values[first + 4] == sum(values[first:first + 4]):
            continue
        yield Sum("table3-total", row.cells[first + 4], values[first + 4], tuple(values[first:first + 4]),
                  label, "", formula, row.cells[first:first + 4])


def balances(report: Report) -> Iterator[Sum]:
    """A2: for each column, 四、结转下年度继续办理 = 一、本年新收 + 二、上年结转 − （七）总计
    (the template's 勾稽关系 "第一项加第二项之和，等于第三项加第四项之和")."""
    return _balances(_table2(report))


def _balances(table: _Rows | None, broken: bool = False) -> Iterator[Sum]:
    if table is None:
        return
    keys = ("new", "carried_over", "total", "carried_forward")
    values = table.all_ints(keys)
    if values is None:
        return
    new, carried, total, forward = values
    for column, label in enumerate(TABLE2_COLUMN_LABELS):
        if broken and forward[column] == new[column] + carried[column] - total[column]:
            continue
        yield Sum("balance", table.row("carried_forward").cells[column], forward[column],
                  (new[column], carried[column], total[column]), "四、结转下年度继续办理", label, "四 = 一 + 二 − （七）总计",
                  tuple(table.row(key).cells[column] for key in keys[:3]), (1, 1, -1))


def sums(report: Report) -> Iterator[Sum]:
    """Every sum of the report (the balance, which subtracts, is `balances`)."""
    return _relations(report, balance=False)


def relations(report: Report) -> Iterator[Sum]:
    """Every arithmetic relation of the report: the sums and the balance, in that order."""
    return _relations(report)


def all_relations(report: Report) -> tuple[Sum, ...]:
    """`relations` as a tuple, for `Facts.once`: `Facts.sums` and `Facts.repairs` share one
    reading of the report's relations."""
    return tuple(relations(report))


def broken_relations(report: Report) -> tuple[Sum, ...]:
    """The relations that do not hold, in the order of `relations`, for `Facts.once`: what the
    reconciliation rules report (a `Sum` is built only for them)."""
    return tuple(_relations(report, broken=True))


def _relations(report: Report, broken: bool = False, balance: bool = True) -> Iterator[Sum]:
    """The one order of the relations: A1, A3, the subtotals, A5, then (with `balance`) A2."""
    table = _table2(report)
    yield from _row_totals(table, broken)
    yield from _outcome_totals(table, broken)
    yield from _subtotals(table, broken)
    yield from _table3_totals(report, broken)
    if balance:
        yield from _balances(table, broken)


@attrs.frozen
class Repair:
    """Write `value` into `cell`: afterwards every relation that involves the cell holds."""

    cell: Cell
    value: int


class Repairs:
    """The single-cell changes that the reconciliation rules may offer as unsafe fixes,
    decided for all of a report's relations together.

    A cell may be changed only when one value makes *every* relation that involves
    it hold (when two relations — two rules — want different values, the cell is
    left alone), the value is a whole number ≥ 0, and the cell is part of a relation
    that does not hold. For a broken relation the repair is its printed total when
    the total qualifies, else the one cell of the relation that does (a wrong part
    shows up as a broken row total *and* a broken column total, and only the part
    satisfies both); with several candidates and no qualifying total, none.
    Two repairs never touch the same relation, so all of them can be applied at
    once; applying them never breaks a relation that held, and each one mends at
    least one, so fixing again converges and a second run changes nothing."""

    def __init__(self, relations: Iterator[Sum] | list[Sum]) -> None:
        self._relations = list(relations)
        self._of: dict[tuple[int, int], list[int]] = {}   # by a cell's (start, end): hashed in C
        for number, relation in enumerate(self._relations):
            for _, cell, _ in relation.terms():
                self._of.setdefault(_at(cell), []).append(number)
        self._chosen: dict[int, Repair] = {}
        claimed: set[int] = set()
        for number, relation in enumerate(self._relations):
            if relation.holds:
                continue
            repair = self._candidate(relation)
            if repair is None:
                continue
            touched = set(self._of[_at(repair.cell)])
            if touched & claimed:
                continue  # another repair already changes a relation this one needs: next run
            claimed |= touched
            for other in touched:
                self._chosen[other] = repair

    def value_for(self, cell: Cell) -> int | None:
        """The one value that makes every relation involving `cell` hold, if there is one, it
        differs from the printed value, and it is a whole number ≥ 0; else None."""
        wanted: set[int] = set()
        at = _at(cell)
        for number in self._of.get(at, ()):
            coefficient, rest = 0, 0
            for factor, other, value in self._relations[number].terms():
                if _at(other) == at:
                    coefficient += factor
                else:
                    rest += factor * value
            if coefficient == 0 or rest % coefficient:
                return None
            wanted.add(-rest // coefficient)
        if len(wanted) != 1:
            return None
        value = wanted.pop()
        current = next(v for _, c, v in self._relations[self._of[at][0]].terms() if _at(c) == at)
        return value if value >= 0 and value != current else None

    def _candidate(self, relation: Sum) -> Repair | None:
        value = self.value_for(relation.cell)
        if value is not None:
            return Repair(relation.cell, value)
        found = [(cell, v) for _, cell, _ in relation.terms()[1:] if (v := self.value_for(cell)) is not None]
        return Repair(*found[0]) if len(found) == 1 else None

    def repair(self, relation: Sum) -> Repair | None:
        """The repair chosen for a broken relation, or None (no safe single-cell change)."""
        for number in self._of.get(_at(relation.cell), ()):
            if self._relations[number] == relation:
                return self._chosen.get(number)
        return None


def _at(cell: Cell) -> tuple[int, int]:
    """Where a cell is, as a plain tuple (equal exactly when the cells' spans are)."""
    return cell.span.start, cell.span.end


# --- the same sums as equations over cell references, for solving (gailint.collapsed) ----------


@attrs.frozen
class Equation:
    """cell `total` = Σ `parts` − Σ `minus`; a cell is (row key, column index)."""

    kind: str                          # "row-total" | "balance" | "outcomes-total" | "subtotal" | "table3-total"
    total: tuple[str, int]
    parts: tuple[tuple[str, int], ...]
    minus: tuple[tuple[str, int], ...] = ()
    rows: frozenset[str] = attrs.field(init=False, eq=False, repr=False)  # the row keys it involves

    @rows.default
    def _rows(self) -> frozenset[str]:  # computed once: the solver asks for it at every node
        return frozenset(key for key, _ in (self.total, *self.parts, *self.minus))

    def holds(self, values: Mapping[str, Sequence[int | Decimal]]) -> bool:
        """Whether it holds when `values[key][column]` is a cell's number (a row's numbers by key)."""
        key, column = self.total
        # (lists, not generators, summed: the collapsed-cell solver asks at every node of its search)
        return values[key][column] == (sum([values[k][c] for k, c in self.parts])
                                       - sum([values[k][c] for k, c in self.minus]))


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
