"""Hover on a table total: the sum it stands for, with the report's own numbers.

The sums themselves are defined once, in `gailint.relations` (the reconciliation
rules report the ones that do not hold); this module only picks those under the
cursor and words them for a person.
"""

from __future__ import annotations

import attrs

from ..ast import Report, Span
from ..relations import sums

__all__ = ["Relation", "relations", "relations_at"]


@attrs.frozen
class Relation:
    """The total in the cell at `span` should be a sum: `formula` names its terms, `numbers` shows them."""

    span: Span
    title: str
    formula: str
    numbers: str
    holds: bool = True


def relations_at(report: Report | None, offset: int) -> list[Relation]:
    """The relations whose total cell contains `offset` (ends included, as a cursor may sit there)."""
    return [relation for relation in relations(report) if relation.span.start <= offset <= relation.span.end]


def _title(label: str, column: str, kind: str) -> str:
    return label if kind in ("row-total", "table3-total") else f"{label}（{column}）"


def relations(report: Report | None) -> list[Relation]:
    """Every table total in the report with its sum (the HTML report spells them all out)."""
    if report is None:
        return []
    return [Relation(total.cell.span, _title(total.label, total.column, total.kind), total.formula, total.numbers(),
                     total.holds)
            for total in sums(report)]
