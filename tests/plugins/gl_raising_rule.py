"""A plugin whose rule raises while checking."""

from gailint.plugin import Rule, Severity, hookimpl


class Divides(Rule):
    """总会出错 — always raises.

    **What it checks.** Nothing. **Why.** Fixture. **Failing example.** Any. **Passing example.** None.
    """

    code = "RAI001"
    name = "always-raises"
    severity = Severity.WARNING
    summary = "总会出错 / always raises"

    def check(self, report, context):
        return [1 / 0]


@hookimpl
def gailint_rules():
    return [Divides]
