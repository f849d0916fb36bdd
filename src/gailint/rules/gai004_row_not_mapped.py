from __future__ import annotations

from ..diagnostics import Severity
from ._base import TableProblemRule


class RowNotMapped(TableProblemRule):
    """表格行无法对应到模板 — a table row cannot be matched to a template row.

    **What it checks.** Each numeric row of tables 1 and 2 is matched to the
    template (国办公开办函〔2021〕30号) by its label, tolerating the variants
    seen in real reports (full- and half-width brackets, ``1.``/``1、``,
    钩稽/勾稽, 不再受理/不再处理, stray spaces). A row whose label names no
    template row, or a group of unlabelled rows that does not fit the gap
    between its labelled neighbours, is reported here and not checked.

    **Why.** Checking a number against the wrong row's relation would produce
    false errors.

    **Failing example** (a row the template does not have)::

        (八) 转办	0	0	0	0	0	0	0

    **Passing example**::

        (七) 总计	1	0	0	0	0	0	1
    """

    code = "GAI004"
    name = "row-not-mapped"
    severity = Severity.WARNING
    summary = "表格行无法对应到模板 / a table row cannot be matched to a template row"
    problems = ("unmapped-row",)
