"""A well-behaved plugin: a rule with options, an option declared by hook, a reader,
an output format and a configuration hook."""

from gailint.plugin import Option, Paragraph, Rule, Severity, hookimpl

CONFIGURED: list = []


class NoPlaceholder(Rule):
    """报告含有占位符 — the report still contains a placeholder.

    **What it checks.** A paragraph containing the option ``marker`` (default XXX).

    **Why.** Fixture.

    **Failing example.** ``本机关共公开 XXX 条``.

    **Passing example.** ``本机关共公开 98 条``.
    """

    code = "XYZ001"
    name = "no-placeholder"
    severity = Severity.ERROR
    summary = "报告含有占位符 / a placeholder is left in the report"
    options = (Option("marker", str, "XXX", "the placeholder text"),)

    def check(self, report, context):
        marker = context.option("marker")
        for block in report.blocks():
            if isinstance(block, Paragraph) and marker in block.text:
                start = block.span.start + block.text.index(marker)
                yield context.diagnostic(type(block.span)(start, start + len(marker)),
                                         f"含有占位符“{marker}”", f"placeholder {marker!r}")


@hookimpl
def gailint_rules():
    return [NoPlaceholder]


@hookimpl
def gailint_rule_options():
    return {"XYZ001": [Option("min-length", int, 1, "ignored; declared through the hook")]}


@hookimpl
def gailint_readers():
    return {".rpt": lambda data, path: data.decode("utf-8").replace("|NL|", "\n")}


@hookimpl
def gailint_formatters():
    def count(results, out, lang):
        out.write(f"{sum(len(r.diagnostics) for r in results)} diagnostics\n")
    return {"count": count}


@hookimpl
def gailint_configure(config):
    CONFIGURED.append(dict(config))
