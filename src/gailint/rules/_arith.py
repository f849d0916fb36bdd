"""Shared by the reconciliation rules: the unsafe fix that writes a computed value.

Which cell may be changed, and to what, is decided once for all of a report's
relations (`gailint.relations.Repairs`): a fix is offered only when a single
cell change makes every relation involving that cell hold, so two rules never
pull one cell two ways and a fix never breaks a sum that held.
"""

from __future__ import annotations

from ..diagnostics import Edit, Fix
from ..relations import Sum
from ..rule import Context


def repair_fix(context: Context, relation: Sum) -> Fix | None:
    """The unsafe fix for a broken relation, or None when no single cell change mends it
    without breaking another relation: a person must decide which cell is wrong."""
    repair = context.facts.repairs.repair(relation)
    if repair is None:
        return None
    if repair.cell.span == relation.cell.span:
        message = f"将该单元格改为 {repair.value}"
    else:
        line = context.position(repair.cell.span)[0]
        message = f"将第 {line} 行的“{repair.cell.text}”改为 {repair.value}"
    return Fix((Edit(repair.cell.span, str(repair.value)),), "unsafe", message)
