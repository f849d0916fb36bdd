"""The built-in rules, registered through the same hook third-party plugins use.

This is the central registry table. Each family module lists its rules in a
`RULES` tuple; one rule per module (``gaiNNN_name.py``) inside the family.
"""

from __future__ import annotations

from ..hookspecs import hookimpl
from . import citations, dates, fees, input, reconciliation, structure, text_tables

BUILTIN_RULES = (
    *input.RULES,           # GAI0xx — input and structure problems that stop a check
    *structure.RULES,       # GAI1xx — sections, tables, template rows and versions, cell values
    *reconciliation.RULES,  # GAI2xx — the arithmetic of tables 2 and 3
    *dates.RULES,           # GAI3xx — report year, statistical period, publication deadline
    *fees.RULES,            # GAI4xx — 信息处理费
    *text_tables.RULES,     # GAI5xx — the text against the tables
    *citations.RULES,       # GAI6xx — citations and wording
)


@hookimpl
def gailint_rules() -> list[type]:
    return list(BUILTIN_RULES)
