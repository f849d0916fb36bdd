"""Shared by the reconciliation rules: the unsafe fix that writes a computed total."""

from __future__ import annotations

from ..ast import Span
from ..diagnostics import Edit, Fix


def set_total(span: Span, expected: int) -> Fix:
    """The unsafe fix that writes the computed total: a person must decide which cell is wrong."""
    return Fix((Edit(span, str(expected)),), "unsafe", f"将该单元格改为 {expected}")
