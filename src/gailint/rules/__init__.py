"""The built-in rules, registered through the same hook third-party plugins use.

This module is the central registry table: one import and one entry per rule.
"""

from __future__ import annotations

from ..hookspecs import hookimpl
from .gai001_undecodable import Undecodable
from .gai002_table_unreadable import TableUnreadable
from .gai003_row_cell_count import RowCellCount
from .gai004_row_not_mapped import RowNotMapped
from .gai005_rule_error import RuleError
from .gai201_row_total import RowTotal

BUILTIN_RULES = (
    Undecodable,
    TableUnreadable,
    RowCellCount,
    RowNotMapped,
    RuleError,
    RowTotal,
)


@hookimpl
def gailint_rules() -> list[type]:
    return list(BUILTIN_RULES)
