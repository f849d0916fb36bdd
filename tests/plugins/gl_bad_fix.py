"""A plugin whose rules attach malformed fixes: a reversed span, overlapping edits, a span past the end."""

from gailint.plugin import Edit, Fix, Rule, Severity, Span, hookimpl


class _BadFix(Rule):
    """修复有误 — attaches a malformed fix.

    **What it checks.** Nothing. **Why.** Fixture. **Failing example.** Any. **Passing example.** None.
    """

    severity = Severity.WARNING
    edits: tuple[Edit, ...] = ()

    def check(self, report, context):
        yield context.diagnostic(Span(0, 1), "修复有误", "bad fix", fix=Fix(self.edits, "safe", "bad"))


class Reversed(_BadFix):
    code = "BAD001"
    name = "reversed-span"
    summary = "反向范围 / reversed span"
    edits = (Edit(Span(10, 5), "X"),)


class Overlapping(_BadFix):
    code = "BAD002"
    name = "overlapping-edits"
    summary = "编辑重叠 / overlapping edits"
    edits = (Edit(Span(0, 4), "A"), Edit(Span(2, 6), "B"))


class PastTheEnd(_BadFix):
    code = "BAD003"
    name = "past-the-end"
    summary = "超出文本 / past the end"
    edits = (Edit(Span(0, 10**6), ""),)


@hookimpl
def gailint_rules():
    return [Reversed, Overlapping, PastTheEnd]
