"""The public API for gailint plugins — the only module a plugin imports from gailint
(plus `gailint.testing` in its tests).

Everything in ``__all__`` follows semantic versioning as the *plugin API*
(`API_VERSION`): a name is removed or changed incompatibly only in a new major
version, after a `DeprecationWarning` for at least one minor version. The names,
signatures, AST fields and `Context` methods are snapshotted by
``tests/test_api.py``: changing them is a visible decision. Every other gailint
module is private and may change in any release. See docs/plugins.md.

A rule reads the report's syntax tree (`Report` …) and its facts — year, statistical
period, publication date, agency and its kind, prose, the template's sums — through
``context.facts`` (`ReportFacts`), computed once per report for every rule::

    from gailint.plugin import Context, Report, Rule, Severity, hookimpl

    class SectionOneParts(Rule):
        \"\"\"一、总体情况缺少规定方面 — section 一 lacks a required part. …\"\"\"
        code, name, severity = "XYZ001", "section-one-parts", Severity.WARNING
        summary = "总体情况缺少规定方面 / section 一 lacks a required part"

        def check(self, report: Report, context: Context):
            section = report.section(1)
            year = context.facts.year          # Year(value, span, source) or None
            ...
            yield context.diagnostic(section.heading.span, "…", "…")

    @hookimpl
    def gailint_rules():
        return [SectionOneParts]

and in the plugin's ``pyproject.toml``::

    [project.entry-points.gailint]
    xyz = "gailint_plugin_xyz"
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, Protocol

from . import __version__
from .ast import (
    Block, Cell, Heading, MappedRow, Paragraph, Problem, Report, Section, Span, SubHeading, Table, TableLine,
    TemplateTable, Title, Value,
)
from .crossreport import CrossReportRule
from .diagnostics import Diagnostic, Edit, Fix, Severity
from .extract import Record
from .facts import DateText, Period, Publication, Year
from .hookspecs import API_VERSION, hookimpl
from .origin import Extracted, Place, ReaderError, SourceMap
from .relations import Sum
from .rule import Context, Option, Rule

if TYPE_CHECKING:
    from .facts import Facts

__all__ = [
    # the plugin API
    "API_VERSION", "GAILINT_VERSION", "hookimpl",
    # rules
    "Context", "Option", "Rule", "Severity",
    # what a rule produces
    "Diagnostic", "Edit", "Fix",
    # the syntax tree
    "Block", "Cell", "Heading", "MappedRow", "Paragraph", "Problem", "Report", "Section", "Span", "SubHeading",
    "Table", "TableLine", "TemplateTable", "Title", "Value",
    # the report's facts (context.facts)
    "DateText", "Period", "Publication", "ReportFacts", "Sum", "Year",
    # readers and output formats
    "CheckedFile", "Extracted", "Place", "ReaderError", "SourceMap",
    # cross-report rules (API 1.2): rules over every report of a run, on per-report records
    "CrossReportRule", "Record",
]

GAILINT_VERSION = __version__


class ReportFacts(Protocol):
    """The facts of the report being checked, as ``context.facts`` gives them: each is
    computed on first use and shared by every rule that asks (built-in or plugin)."""

    @property
    def year(self) -> Year | None:
        """The year the report covers: from its title, else from its statistical period."""

    @property
    def period(self) -> Period | None:
        """The stated statistical period ("统计期限自2024年1月1日起至2024年12月31日止")."""

    @property
    def published(self) -> Publication | None:
        """When the report was published: a 发布时间 line before section 一, else the date
        under the signature."""

    @property
    def agency(self) -> str | None:
        """The agency as the title names it ("攀枝花市西区卫生健康局")."""

    @property
    def agency_kind(self) -> Literal["government", "department"] | None:
        """"government" (a people's government: its report is due by 3月31日) or
        "department" (due by 1月31日), read from the title; None without a title."""

    @property
    def prose(self) -> tuple[tuple[str, int], ...]:
        """(text, offset) of every paragraph and sub-heading, in order; split a text into
        sentences with `Context.sentences`."""

    @property
    def sums(self) -> tuple[Sum, ...]:
        """Every printed total of tables 2 and 3 with the parts it must add up to: each a
        `Sum` with its cell, the printed and the expected value, the relation in words
        (`formula`) and whether it holds. Only numbers read with certainty take part."""


class CheckedFile(Protocol):
    """One checked file, as an output formatter (the ``gailint_formatters`` hook) gets it."""

    @property
    def path(self) -> str:
        """The file name as the user gave it."""

    @property
    def diagnostics(self) -> Sequence[Diagnostic]:
        """Its diagnostics, in report order."""

    @property
    def text(self) -> str | None:
        """The decoded text the positions refer to; None when the file could not be read."""


if TYPE_CHECKING:  # mypy checks that what gailint hands out satisfies the protocols
    from .diagnostics import FileResult

    def _facts_conform(facts: Facts) -> ReportFacts:
        return facts

    def _file_conforms(result: FileResult) -> CheckedFile:
        return result


# Names this module exported before API 1.1, kept for one minor version with a warning.
_DEPRECATED: dict[str, tuple[str, str, str]] = {
    "FileResult": ("gailint.diagnostics", "FileResult", "annotate formatters with gailint.plugin.CheckedFile"),
    "Source": ("gailint.source", "Source", "a rule reads report.text; a reader returns str or Extracted"),
    "LineIndex": ("gailint.source", "LineIndex", "use Context.position"),
    "TABLE2_ROWS": ("gailint.template", "TABLE2_ROWS", "the row keys are listed in docs/plugins.md"),
    "TABLE2_COLUMNS": ("gailint.template", "TABLE2_COLUMNS", "the column keys are listed in docs/plugins.md"),
    "TABLE3_COLUMNS": ("gailint.template", "TABLE3_COLUMNS", "the column keys are listed in docs/plugins.md"),
    "match_table2_row": ("gailint.template", "match_table2_row", "use TemplateTable.row(key)"),
    "split_marker": ("gailint.template", "split_marker", "use Context.split_marker"),
    "normalize": ("gailint.text", "normalize", "use Context.normalize"),
    "parse_number": ("gailint.text", "parse_number", "use Context.number"),
    "chinese_number": ("gailint.text", "chinese_number", "use Context.number"),
    "report_year": ("gailint.facts", "report_year", "use context.facts.year"),
}


def __getattr__(name: str) -> object:
    """A name removed from the API in 1.1 still works until 2.0, with a DeprecationWarning."""
    if name not in _DEPRECATED:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, attribute, instead = _DEPRECATED[name]
    warnings.warn(f"gailint.plugin.{name} is deprecated since plugin API 1.1 and will be removed in 2.0; "
                  f"{instead}", DeprecationWarning, stacklevel=2)
    import importlib

    return getattr(importlib.import_module(module), attribute)
