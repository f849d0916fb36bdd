from __future__ import annotations

from ..diagnostics import Severity
from ..rule import Rule


class PluginError(Rule):
    """插件加载出错 — a plugin could not be loaded or used.

    **What it checks.** Nothing in the report: when an installed plugin (an entry
    point of the ``gailint`` group) fails to import, registers hooks that do not
    match the plugin API, raises inside a hook, returns an invalid rule or option
    declaration, or claims a rule code, reader or output format that another
    plugin (or gailint) already has, the engine reports this diagnostic naming the
    plugin, its distribution and version. Everything else still runs: the
    built-in rules and every other plugin. It is reported once per run, at
    line 1 column 1 of the first file checked, and — being an error — makes
    ``gailint check`` exit with status 1. Run with ``-v`` for the traceback;
    ``gailint plugins`` lists every plugin and its state; ``--no-plugins`` or
    ``GAILINT_DISABLE_PLUGINS=name`` turns a plugin off, and ``--ignore GAI006``
    hides this diagnostic (``--select`` does not: a plugin that failed is never
    silently missing).

    **Why.** A plugin that fails to load must not disappear silently (its rules
    would simply stop reporting), and must not stop the built-in checks either.

    **Failing example.** ``report.txt:1:1: GAI006 插件 example (gailint-plugin-example 0.1.0) 无法加载：ModuleNotFoundError: No module named 'lxml'``.

    **Passing example.** Every installed plugin loads; ``gailint plugins`` shows each as ``loaded``.
    """

    code = "GAI006"
    name = "plugin-error"
    severity = Severity.ERROR
    summary = "插件加载出错 / a plugin could not be loaded"

    def check(self, report, context):
        return ()  # reported by the engine
