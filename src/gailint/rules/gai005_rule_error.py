from __future__ import annotations

from ..diagnostics import Severity
from ..rule import Rule


class RuleError(Rule):
    """规则执行出错 — a rule raised an exception (internal error).

    **What it checks.** Nothing in the report: when a rule (built-in or from a
    plugin) raises while checking a file, the engine reports this diagnostic
    naming the rule, and every other rule still runs. Run with ``-v`` for the
    traceback.

    **Why.** One broken rule must not hide the findings of all the others.

    **Failing example.** ``report.txt:1:1: GAI005 规则 XYZ001 执行出错：ZeroDivisionError``.

    **Passing example.** Every rule completes.
    """

    code = "GAI005"
    name = "rule-error"
    severity = Severity.ERROR
    summary = "规则执行出错 / a rule raised an exception"

    def check(self, report, context):
        return ()  # reported by the engine
