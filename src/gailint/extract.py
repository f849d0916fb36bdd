"""The per-report record: what one report states, as data — its agency, level, year,
template version, statistical period, publication date, every value of tables 1–3
under a stable column name (`gailint.columns`) and the number of diagnostics per
rule family.

`record(result)` builds it from a checked file's AST and facts (never by reading
the text again). It is small and picklable: worker processes compute it next to
the diagnostics and send it back in `FileResult.record`; the cache stores it; the
cross-report rules (GAI7xx) and ``gailint extract`` work on records only.
"""

from __future__ import annotations

import datetime
import functools
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from . import facts
from ._lazy_re import lazy_compile
from .ast import Cell, Paragraph, Report, Span, SubHeading
from .columns import COLUMNS, FAMILIES, cell_columns, family_of, t1_name, t2_name, t3_name
from .diagnostics import Diagnostic, FileResult
from .text import normalize

__all__ = ["Record", "SectionText", "record", "row"]

_INT = frozenset(c.name for c in cell_columns() if c.dtype == "Int64")
CELL_NAMES = tuple(c.name for c in cell_columns())       # the order of `Record.table`
_INDEX = {name: index for index, name in enumerate(CELL_NAMES)}


@attrs.frozen
class SectionText:
    """A section's prose (paragraphs and sub-headings, no tables), normalised for comparison:
    NFKC, no whitespace, every run of digits replaced by ``#`` so that a copied section
    whose numbers were updated still compares as copied."""

    number: int
    heading: str
    span: Span          # the section heading
    text: str


@attrs.frozen
class Record:
    """One report as data. Table values are addressed by column name (`gailint.columns`):
    `value(name)`, `cell(name)`, or the `values` and `cells` mappings; a value the report
    does not state, or states unreadably, is None (null)."""

    file: str
    agency: str | None = None
    agency_source: str | None = None          # "title" | "preamble"
    agency_span: Span | None = None
    level: str | None = None                  # 省 | 市 | 县 | 乡镇 | 部门
    level_inferred: bool = False
    year: int | None = None
    year_span: Span | None = None
    template: str | None = None               # "2021" | "2019" | "pre2019"
    period_start: datetime.date | None = None
    period_end: datetime.date | None = None
    published: datetime.date | None = None
    # The table values, aligned with `CELL_NAMES` (None: null), and where each was read: the
    # (start, end) offsets of every cell packed as 64-bit integers (-1: no cell). Compact on
    # purpose: the parent of a run holds one record per report (100,000 for an archive).
    table: tuple[int | float | None, ...] = ()
    spans: bytes = b""
    sections: tuple[SectionText, ...] = ()
    counts: Mapping[str, int] = attrs.field(factory=dict)     # diagnostics per family

    def value(self, column: str) -> int | float | None:
        """The value of a table column (`gailint.columns`), None when the report does not state it readably."""
        return self.table[_INDEX[column]] if self.table else None

    def cell(self, column: str) -> Span | None:
        """Where the value of a table column was read (code-point offsets), None when no cell was."""
        if not self.spans:
            return None
        offsets = array("q", self.spans)
        start, end = offsets[2 * _INDEX[column]], offsets[2 * _INDEX[column] + 1]
        return None if start < 0 else Span(start, end)

    @property
    def values(self) -> dict[str, int | float]:
        """The table values the report states readably, by column name."""
        return {name: value for name, value in zip(CELL_NAMES, self.table) if value is not None}

    @property
    def cells(self) -> dict[str, Span]:
        """Where each table value was read, by column name."""
        if not self.spans:
            return {}
        offsets = array("q", self.spans)
        return {name: Span(offsets[2 * i], offsets[2 * i + 1]) for i, name in enumerate(CELL_NAMES)
                if offsets[2 * i] >= 0}

    def with_diagnostics(self, diagnostics: Iterable[Diagnostic]) -> Record:
        """The record with its counts taken from these (final) diagnostics."""
        return attrs.evolve(self, counts=family_counts(diagnostics))

    def to_json(self) -> dict[str, Any]:
        """A JSON-safe dict (for the cache); `from_json` reads it back."""
        def span(s: Span | None):
            return None if s is None else [s.start, s.end]

        def day(d: datetime.date | None):
            return None if d is None else d.isoformat()

        return {
            "file": self.file, "agency": self.agency, "agency_source": self.agency_source,
            "agency_span": span(self.agency_span), "level": self.level, "level_inferred": self.level_inferred,
            "year": self.year, "year_span": span(self.year_span), "template": self.template,
            "period_start": day(self.period_start), "period_end": day(self.period_end),
            "published": day(self.published), "table": list(self.table), "spans": list(array("q", self.spans)),
            "sections": [[s.number, s.heading, span(s.span), s.text] for s in self.sections],
            "counts": dict(self.counts),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any], file: str | None = None) -> Record:
        def span(s) -> Span | None:
            return None if s is None else Span(int(s[0]), int(s[1]))

        def day(d) -> datetime.date | None:
            return None if d is None else datetime.date.fromisoformat(d)

        return cls(
            file if file is not None else str(data["file"]), data["agency"], data["agency_source"],
            span(data["agency_span"]), data["level"], bool(data["level_inferred"]), data["year"],
            span(data["year_span"]), data["template"], day(data["period_start"]), day(data["period_end"]),
            day(data["published"]),
            tuple(None if v is None else int(v) if name in _INT else float(v)
                  for name, v in zip(CELL_NAMES, data["table"], strict=True)) if data["table"] else (),
            array("q", (int(v) for v in data["spans"])).tobytes(),
            tuple(SectionText(int(n), str(h), span(s), str(t)) for n, h, s, t in data["sections"]),
            {str(k): int(v) for k, v in data["counts"].items()},
        )


def family_counts(diagnostics: Iterable[Diagnostic]) -> dict[str, int]:
    counts = Counter(family_of(d.code) for d in diagnostics)
    return {family: counts.get(family, 0) for family in (*FAMILIES.values(), "plugin")}


def record(result: FileResult) -> Record:
    """The record of one checked file. A file that could not be read or parsed gives a
    record with its file name and counts only."""
    report = result.report
    if report is None:
        return Record(result.path, counts=family_counts(result.diagnostics))
    return summarize(report, result.path, result.diagnostics)


def summarize(report: Report, path: str, diagnostics: Iterable[Diagnostic] = ()) -> Record:
    """The record of a report's AST (`record` for a `FileResult`)."""
    agency, source, agency_span = _agency(report)
    year = facts.report_year(report)
    period = facts.statistical_period(report)
    published = facts.publication_date(report)
    table, spans = _values(report)
    level = _level(agency) if agency else None
    return Record(
        path, agency, source, agency_span, level, level is not None,
        year.value if year else None, year.span if year else None, _template(report),
        period.start_date if period is not None and not period.blank else None,
        period.end_date if period is not None and not period.blank else None,
        published.date.date() if published is not None else None,
        table, spans, _sections(report), family_counts(diagnostics),
    )


def row(rec: Record) -> dict[str, Any]:
    """The record as one flat row of every column in `gailint.columns.COLUMNS` (None = null)."""
    fields = {
        "file": rec.file, "agency": rec.agency, "agency_source": rec.agency_source, "level": rec.level,
        "level_inferred": rec.level_inferred if rec.level is not None else None, "year": rec.year,
        "template": rec.template, "period_start": rec.period_start, "period_end": rec.period_end,
        "published": rec.published,
    }
    counts = {f"n_{family}": count for family, count in rec.counts.items()}
    return {c.name: fields[c.name] if c.name in fields else counts.get(c.name, 0) if c.name.startswith("n_")
            else rec.value(c.name) for c in COLUMNS}


# ---------------------------------------------------------------- agency and level

# "本报告由淮安市洪泽区人民政府办公室根据…编制", "由深圳市福田区福田街道办事处负责编写"
_COMPILED_BY = lazy_compile(r"由\s*([^，,。；;：:（(《\s]{2,40}?)\s*(?:根据|依据|按照|负责|编制|编写|制作|起草|汇总)")
_META_AGENCY = lazy_compile(r"(?:发布机构|来源)\s*[:：]\s*([^\s|：:]{2,40})")


def _agency(report: Report) -> tuple[str | None, str | None, Span | None]:
    name = facts.agency_name(report)
    if name:
        return normalize(name), "title", report.title.span if report.title else None
    head_end = report.sections[0].span.start if report.sections else min(len(report.text), 3000)
    first = report.sections[0].blocks[:2] if report.sections else ()
    for text, offset in facts.prose(report, (*report.preamble, *first)):
        for pattern in (_META_AGENCY, _COMPILED_BY):
            match = pattern.search(text)
            if match and (offset + match.start() < head_end or pattern is _COMPILED_BY):
                found = normalize(match.group(1))
                if found and not found.startswith(("我", "本")):
                    return found, "preamble", Span(offset + match.start(1), offset + match.end(1))
    return None, None, None


_TOWNSHIP = lazy_compile(r"(?:乡|镇|街道|苏木)(?:人民政府|政府|办事处|办)?$")
_DEPARTMENT = lazy_compile(r"局|委员会|委|办公室|办|厅|部|署|院|所|站|队|室|处|科|中心|公司|学校|协会|会$")
_PROVINCE = lazy_compile(r"(?:省|自治区|北京市|天津市|上海市|重庆市)$")
_COUNTY = lazy_compile(r"(?:区|县|旗|自治县)$")
_CITY = lazy_compile(r"(?:市|州|盟|自治州)$")


def _level(name: str) -> str | None:
    """省 / 市 / 县 / 乡镇 / 部门, from the agency's name alone (so always inferred):
    a 县级市 reads as 市, a development zone as 县."""
    body = re.sub(r"(?:人民)?政府$", "", name)
    if _TOWNSHIP.search(body):
        return "乡镇"
    if re.search(r"(?:管委会|管理委员会)$", body):
        return "县"
    if _DEPARTMENT.search(body):
        return "部门"
    if _PROVINCE.search(body):
        return "省"
    if _COUNTY.search(body):
        return "县"
    if _CITY.search(body):
        return "市"
    return None


# ---------------------------------------------------------------- template and values


def _template(report: Report) -> str | None:
    for number in (2, 1, 3):
        table = report.table(number)
        if table is not None and table.version is not None and (number != 3 or table.rows):
            return table.version
    return None


def _number(cell: Cell, name: str) -> int | float | None:
    value = cell.value
    if not value.is_number:
        return None
    if name in _INT:
        return value.number if isinstance(value.number, int) else None
    return float(value.number) if isinstance(value.number, (int, Decimal)) else None


def _values(report: Report) -> tuple[tuple[int | float | None, ...], bytes]:
    values: list[int | float | None] = [None] * len(CELL_NAMES)
    offsets = array("q", [-1]) * (2 * len(CELL_NAMES))

    def put(name: str, cell: Cell) -> None:
        index = _INDEX[name]
        offsets[2 * index], offsets[2 * index + 1] = cell.span.start, cell.span.end
        values[index] = _number(cell, name)

    table = report.table(1)
    if table is not None and table.version in ("2021", "2019"):
        guessed = _guessed(table)
        columns = _table1_columns(table.version)
        for mapped in table.rows:
            if mapped.complete and mapped.key in columns and mapped.span not in guessed:
                for column, cell in zip(columns[mapped.key], mapped.cells):
                    put(t1_name(mapped.key, column), cell)
    table = report.table(2)
    if table is not None and table.checkable and table.version in ("2021", "2019"):
        guessed = _guessed(table)
        for mapped in table.rows:
            if not mapped.complete or mapped.span in guessed:
                continue  # a damaged row: its cells cannot be told apart (GAI003)
            key = "other.subtotal" if mapped.key == "other" else mapped.key
            for column, cell in zip(table.columns, mapped.cells):
                put(t2_name(key, column), cell)
    table = report.table(3)
    if table is not None and table.checkable and table.rows and table.rows[0].complete \
            and table.rows[0].span not in _guessed(table):
        for column, cell in zip(table.columns, table.rows[0].cells):
            put(t3_name(column), cell)
    return tuple(values), offsets.tobytes()


@functools.cache
def _table1_columns(version: str) -> dict[str, tuple[str, ...]]:
    """Table 1's columns by row key, in the template of `version`."""
    from .template import TABLE1_BLOCKS

    return {spec.key: block.columns for block in TABLE1_BLOCKS[version].values() for spec in block.rows}


def _guessed(table) -> set[Span]:
    """Rows whose glued cells were read as the most plausible split although no split satisfies
    every relation (`gailint.collapsed`): not stated with certainty, so null in the extract. Rows
    the relations determine uniquely (GAI009) are kept."""
    return {p.span for p in table.problems if p.kind == "inferred" and p.plausible}


# ---------------------------------------------------------------- sections


_DIGITS = lazy_compile(r"\d+(?:[.,]\d+)*")


def _sections(report: Report) -> tuple[SectionText, ...]:
    found = []
    for section in report.sections:
        blocks = [b for b in section.blocks if isinstance(b, (Paragraph, SubHeading))]
        text = _DIGITS.sub("#", normalize("".join(t for t, _ in facts.prose(report, blocks))))
        heading = f"{section.heading.numeral}、{section.heading.text}"
        found.append(SectionText(section.heading.number, heading, section.heading.span, text))
    return tuple(found)
