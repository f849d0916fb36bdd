"""Shared arithmetic of the reconciliation rules: reading whole numbers out of mapped rows."""

from __future__ import annotations

from ..ast import MappedRow, Span, TemplateTable
from ..diagnostics import Edit, Fix
from ..template import TABLE2_COLUMN_LABELS

COLUMN_LABELS = TABLE2_COLUMN_LABELS


def ints(row: MappedRow | None) -> list[int] | None:
    """The row's values as integers, or None if the row is missing, damaged, blank or non-integer."""
    if row is None or not row.complete:
        return None
    values = [row.value(i) for i in range(row.expected)]
    if any(not isinstance(v, int) for v in values):
        return None
    return values  # type: ignore[return-value]


def rows_ints(table: TemplateTable, keys: tuple[str, ...]) -> list[tuple[MappedRow, list[int]]] | None:
    """All the named rows as integers, or None if any of them is unusable (no guessing)."""
    found = []
    for key in keys:
        row = table.row(key)
        values = ints(row)
        if row is None or values is None:
            return None
        found.append((row, values))
    return found


def set_total(span: Span, expected: int) -> Fix:
    """The unsafe fix that writes the computed total: a person must decide which cell is wrong."""
    return Fix((Edit(span, str(expected)),), "unsafe", f"将该单元格改为 {expected}")


def terms(values: list[int]) -> str:
    return "+".join(str(v) for v in values)
