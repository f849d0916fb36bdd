"""Base classes for the built-in rules that share one loop.

`SumRule` — the reconciliation rules (GAI201, GAI203, GAI204, GAI205): each reports
the sums of one kind (`gailint.relations`) that do not hold, at the printed total,
with the unsafe fix that `gailint.relations.Repairs` allows (none when no single cell
change mends every relation involved). A subclass names its relation's kind and words its
message. GAI202 (the balance, a relation that subtracts) is one too.

`TableProblemRule` — the table-reading rules (GAI002, GAI003, GAI004): each reports
the `Problem`s of some kinds that table recognition recorded, with their own message.

Not a rule module (its name starts with ``_``); see `gailint.rules`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ..ast import Report, Span
from ..diagnostics import Diagnostic
from ..relations import Sum, broken_relations
from ..rule import Context, Rule
from ._arith import repair_fix

__all__ = ["SumRule", "TableProblemRule", "collapsed_note"]


def collapsed_note(report: Report, span: Span) -> tuple[str, str]:
    """The words to add to a reconciliation message when the cell was read from glued cells
    (`gailint.collapsed`): that the row's cells were inferred, and its most plausible split."""
    for table in report.tables:
        if table.table.encoding != "collapsed":
            continue
        for row in table.rows:
            if row.cells and row.cells[0].span.start <= span.start < row.cells[-1].span.end:
                split = " ".join(cell.text for cell in row.cells)
                return (f"（该行单元格粘连，按最可能的拆分读取为：{split}）",
                        f" (the row's cells were glued together; read as the most plausible split: {split})")
    return "", ""


class SumRule(Rule):
    """Reports every sum of its `kind` that does not hold."""

    #: the `Sum.kind` of the relations reported, e.g. "row-total" (`gailint.relations.row_totals`)
    kind: ClassVar[str]

    def message(self, total: Sum) -> tuple[str, str]:
        """The Chinese and the English message for a sum that does not hold."""
        raise NotImplementedError

    def check(self, report: Report, context: Context) -> Iterator[Diagnostic]:
        kind = self.kind
        for total in context.facts.once(broken_relations):  # found once per report, for every sum rule
            if total.kind != kind:
                continue
            zh, en = self.message(total)
            note_zh, note_en = collapsed_note(report, total.cell.span)
            # cells inferred from glued digits are not rewritten: the fix could change how the run splits
            fix = None if note_zh else repair_fix(context, total)
            yield context.diagnostic(total.cell.span, zh + note_zh, en + note_en, fix=fix)


class TableProblemRule(Rule):
    """Reports every table `Problem` of the kinds in `problems`, with the problem's own words."""

    #: the `Problem.kind`s this rule reports
    problems: ClassVar[tuple[str, ...]]

    def check(self, report: Report, context: Context) -> Iterator[Diagnostic]:
        for problem in report.problems(*self.problems):
            yield context.diagnostic(problem.span, problem.detail_zh, problem.detail_en)
