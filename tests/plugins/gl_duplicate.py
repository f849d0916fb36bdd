"""A plugin that claims XYZ001, the code gl_good already uses."""

from gailint.plugin import Rule, Severity, hookimpl


class Clash(Rule):
    """重复代码 — fixture. **Why.** **Failing example.** **Passing example.**"""

    code = "XYZ001"
    name = "clash"
    severity = Severity.INFO
    summary = "重复代码 / clash"

    def check(self, report, context):
        return ()


@hookimpl
def gailint_rules():
    return [Clash]
