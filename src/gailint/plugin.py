"""The public API for gailint plugins — the only module a plugin imports from gailint
(plus `gailint.testing` in its tests).

Everything exported here follows semantic versioning as the *plugin API*
(`API_VERSION`): a name is removed or changed incompatibly only in a new major
version, after a `DeprecationWarning` for at least one minor version. Every
other gailint module is private and may change in any release. See
docs/plugins.md.

A minimal plugin::

    from gailint.plugin import Rule, Severity, hookimpl

    class SectionOneParts(Rule):
        \"\"\"一、总体情况缺少规定方面 — section 一 lacks a required part. …\"\"\"
        code, name, severity = "XYZ001", "section-one-parts", Severity.WARNING
        summary = "总体情况缺少规定方面 / section 一 lacks a required part"

        def check(self, report, context):
            section = report.section(1)
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

from . import __version__
from .ast import (
    Block, Cell, Heading, MappedRow, Paragraph, Problem, Report, Section, Span, SubHeading, Table, TableLine,
    TemplateTable, Title, Value,
)
from .diagnostics import Diagnostic, Edit, Fix, Severity
from .diagnostics import FileResult
from .facts import Year, report_year
from .hookspecs import API_VERSION, hookimpl
from .origin import Extracted, Place, ReaderError, SourceMap
from .rule import Context, Option, Rule
from .source import LineIndex, Source
from .template import TABLE2_COLUMNS, TABLE2_ROWS, TABLE3_COLUMNS, match_table2_row, split_marker
from .text import chinese_number, normalize, parse_number

__all__ = [
    # plugin API
    "API_VERSION", "GAILINT_VERSION", "hookimpl",
    # readers
    "Extracted", "Place", "ReaderError", "SourceMap",
    # rules
    "Context", "Option", "Rule",
    # results
    "Diagnostic", "Edit", "FileResult", "Fix", "Severity",
    # the syntax tree
    "Block", "Cell", "Heading", "MappedRow", "Paragraph", "Problem", "Report", "Section", "Span", "SubHeading",
    "Table", "TableLine", "TemplateTable", "Title", "Value",
    # facts and the template's stable keys
    "TABLE2_COLUMNS", "TABLE2_ROWS", "TABLE3_COLUMNS", "Year", "match_table2_row", "report_year",
    # text helpers (also on Context)
    "LineIndex", "Source", "chinese_number", "normalize", "parse_number", "split_marker",
]

GAILINT_VERSION = __version__

