"""Hover on a table total: the sum it stands for, with the report's own numbers.

The sums themselves are defined once, in `gailint.relations` (the reconciliation
rules report the ones that do not hold); this module only picks those under the
cursor and words them for a person.
"""

from __future__ import annotations

import attrs

from ..ast import Report, Span
from ..relations import sums

__all__ = ["Relation", "relations_at"]


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
    return [
        Relation(total.cell.span, _title(total.label, total.column, total.kind), total.formula, total.numbers())
        for total in sums(report)
        if total.cell.span.start <= offset <= total.cell.span.end
    ]


def _title(label: str, column: str, kind: str) -> str:
    return label if kind in ("row-total", "table3-total") else f"{label}（{column}）"
