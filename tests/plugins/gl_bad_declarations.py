"""A plugin with the mistakes an upgrade or a typo produces: a misspelt hook name is
caught in gl_typo_hook; here, a GAI code, an option whose default is invalid, and a
hook that raises."""

from gailint.plugin import Option, Rule, Severity, hookimpl


class TakesGaiCode(Rule):
    """fixture. **Why.** **Failing example.** **Passing example.**"""

    code = "GAI999"
    name = "takes-gai-code"
    severity = Severity.INFO
    summary = "fixture / fixture"

    def check(self, report, context):
        return ()


class BadOption(Rule):
    """fixture. **Why.** **Failing example.** **Passing example.**"""

    code = "BAD001"
    name = "bad-option"
    severity = Severity.INFO
    summary = "fixture / fixture"
    options = (Option("deadline", str, "1月15日", "MM-DD", pattern=r"\d\d-\d\d"),)

    def check(self, report, context):
        return ()


class Fine(Rule):
    """fixture. **Why.** **Failing example.** **Passing example.**"""

    code = "BAD002"
    name = "fine"
    severity = Severity.INFO
    summary = "fixture / fixture"

    def check(self, report, context):
        return ()


@hookimpl
def gailint_rules():
    return [TakesGaiCode, BadOption, Fine]


@hookimpl
def gailint_formatters():
    raise RuntimeError("formatter hook exploded")
