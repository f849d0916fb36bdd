"""The reviewer's HTML report (``check --output-format html -o report.html``).

One self-contained static page — CSS and JavaScript inline, nothing fetched —
for people who read reports in a browser and never open a terminal:

* an index of the checked reports (agency, year, level, template, diagnostics
  per rule family), sortable and filterable;
* per report, its text with every diagnostic's span highlighted and the message
  beside the line, and every table total's sum spelled out with the report's own
  numbers (the language server's hover, `gailint.lsp.relations`);
* per agency with reports for several years, small inline-SVG charts of the key
  figures year over year (applications received, outcomes, 复议/诉讼).

Everything from a report is untrusted and reaches the page only through Jinja's
autoescaping. The page is written as results arrive: each report's view goes out
as an inert ``<template>`` at once, and only its index row (a few numbers) is
kept for the index and charts written at the end, so memory stays flat however
many reports the batch holds.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TextIO

import attrs

from ._lazy_re import lazy_compile
from .columns import FAMILIES
from .diagnostics import FileResult
from .extract import Record
from .source import LineIndex

__all__ = ["HtmlReport", "write_html"]

_TEMPLATES = Path(__file__).with_name("templates")

# Rule families (`gailint.columns.FAMILIES`, the record's counts) as the page names them.
FAMILY_LABELS: dict[str, tuple[str, str]] = {
    "input": ("输入", "input"), "structure": ("结构", "structure"), "reconciliation": ("勾稽", "reconciliation"),
    "dates": ("日期", "dates"), "fees": ("收费", "fees"), "text_tables": ("文表", "text vs tables"),
    "citations": ("引用", "citations"), "cross_report": ("跨报告", "cross-report"), "plugin": ("插件", "plugins"),
}

# The key figures charted year over year: (key, record column, Chinese label, English label).
FIGURES: tuple[tuple[str, tuple[str, ...], str, str], ...] = (
    ("received", ("t2_new_total",), "本年新收申请", "applications received"),
    ("granted", ("t2_outcome_granted_total",), "予以公开", "granted"),
    ("outcomes", ("t2_outcome_total_total",), "办理结果总计", "outcomes, total"),
    ("review", ("t3_review_total",), "行政复议", "administrative reviews"),
    ("litigation", ("t3_suit_direct_total", "t3_suit_after_review_total"), "行政诉讼", "lawsuits"),
)

_LEVELS_EN = {"省": "province", "市": "city", "县": "county", "乡镇": "township", "部门": "department"}


def figures_of(record: Record) -> dict[str, int | None]:
    """The charted figures of a record (None when the report does not state one readably)."""
    figures: dict[str, int | None] = {}
    for key, columns, _, _ in FIGURES:
        values = [record.value(column) for column in columns]
        figures[key] = None if any(v is None for v in values) else int(sum(values))  # type: ignore[arg-type]
    return figures


@attrs.frozen
class Note:
    """A diagnostic as shown: its anchor id, where it starts, its words."""

    id: str
    code: str
    name: str
    severity: str
    message: str
    row: int
    column: int
    fixable: bool


@attrs.frozen
class Piece:
    """A run of one line's text under the same highlights."""

    text: str
    notes: tuple[str, ...]          # ids of the diagnostics covering it
    severity: str | None            # the gravest of them
    tip: str | None                 # a table total's sum, spelled out
    point: bool = False             # an empty span: the diagnostic points between characters


@attrs.frozen
class SumText:
    """A table total's sum as the language server's hover words it."""

    start: int
    end: int
    title: str
    formula: str
    numbers: str
    holds: bool

    @property
    def tip(self) -> str:
        return f"{self.title}\n{self.formula}\n{self.numbers}"


@attrs.frozen
class Line:
    number: int
    pieces: tuple[Piece, ...]
    notes: tuple[Note, ...]         # diagnostics that start on this line
    sums: tuple[SumText, ...]       # the totals on this line


@attrs.frozen
class IndexRow:
    """One report in the index: its record without its prose, values and cell positions (the
    page keeps thousands of these), the figures charted, its diagnostics counted."""

    number: int
    path: str
    title: str | None
    record: Record
    figures: dict[str, int | None]
    errors: int
    warnings: int
    total: int
    unreadable: bool

    @property
    def counts(self) -> Mapping[str, int]:
        return self.record.counts


_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


class HtmlReport:
    """Writes the page to `out` as results are added; `close()` writes the index and charts."""

    def __init__(self, out: TextIO, lang: str = "zh") -> None:
        self.out = out
        self.lang = lang
        self.rows: list[IndexRow] = []
        env = _environment()
        self._report = env.get_template("report.html.j2")
        self._page = env.get_template("page.html.j2")
        self._strings = _STRINGS[lang]
        out.write(self._page.module.head(lang=lang, s=self._strings, css=_asset("report.css")))

    def add(self, result: FileResult) -> None:
        """Write one report's view (an inert template) and keep its index row."""
        number = len(self.rows) + 1
        report = _report_of(result)
        record = result.record if result.record is not None else _record(result, report)
        notes, lines = _render(result, report, number, self.lang)
        row = IndexRow(number, result.path, report.title.text.strip() if report and report.title else None,
                       attrs.evolve(record, sections=(), table=(), spans=b""), figures_of(record),
                       sum(d.severity.value == "error" for d in result.diagnostics),
                       sum(d.severity.value == "warning" for d in result.diagnostics),
                       len(result.diagnostics), result.source is None)
        self.out.write(self._report.render(row=row, notes=notes, lines=lines, s=self._strings,
                                           level=_level(record.level, self.lang)))
        self.rows.append(row)

    def close(self) -> None:
        from . import __version__

        rows = self.rows
        families = _families(self.lang)
        totals = {family: sum(r.counts.get(family, 0) for r in rows) for family, _, _ in families}
        self.out.write(self._page.module.body(
            s=self._strings, lang=self.lang, rows=rows, families=families, totals=totals,
            optional=("cross_report", "plugin"),   # columns shown only when a report has such diagnostics
            level=lambda value: _level(value, self.lang),
            years=sorted({r.record.year for r in rows if r.record.year}),
            levels=sorted({_level(r.record.level, self.lang) for r in rows if r.record.level}),
            charts=agency_charts(rows, self.lang), figures=_figures(self.lang),
            diagnostics=sum(r.total for r in rows), with_errors=sum(bool(r.errors) for r in rows),
            version=__version__, generated=datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M"),
            js=_asset("report.js")))


def _report_of(result: FileResult):
    """The report's AST: the result's own, else parsed again from its text (worker processes
    send none back) — the sums of its tables need it. None for an unreadable file."""
    if result.report is not None or result.source is None:
        return result.report
    from .parser import parse
    from .recognize import recognize

    try:
        return recognize(parse(result.source.text))
    except Exception:  # noqa: BLE001 — a text the parser rejects is still shown, without its sums
        return None


def _record(result: FileResult, report) -> Record:
    """The record when the result carries none (a result built without the runner)."""
    from .extract import family_counts, summarize

    if report is None:
        return Record(result.path, counts=family_counts(result.diagnostics))
    return summarize(report, result.path, result.diagnostics)


def write_html(results: Iterable[FileResult], out: TextIO, lang: str = "zh", **_) -> None:
    """The `html` output format: the whole page for `results`."""
    page = HtmlReport(out, lang)
    for result in results:
        page.add(result)
    page.close()


# ---------------------------------------------------------------- one report's text


def _render(result: FileResult, report, number: int, lang: str) -> tuple[list[Note], list[Line]]:
    """The report's diagnostics as notes, and its lines cut into highlighted pieces."""
    if result.source is None:
        return [Note(f"r{number}-d{k}", d.code, d.name, d.severity.value, d.text(lang), 1, 1, False)
                for k, d in enumerate(result.diagnostics, 1)], []
    text = result.source.text
    index = LineIndex(text)
    notes = []
    for k, d in enumerate(result.diagnostics, 1):
        row, column = index.position(min(d.span.start, len(text)))
        notes.append(Note(f"r{number}-d{k}", d.code, d.name, d.severity.value, d.text(lang), row, column,
                          bool(d.fix and d.fix.applicability == "safe")))
    sums = _sums(report)
    starts: dict[int, list[Note]] = {}
    for note in notes:
        starts.setdefault(note.row - 1, []).append(note)
    # Marks per line: (start, end, note or None, tip or None), in code points of the report.
    marks: dict[int, list[tuple[int, int, Note | None, str | None]]] = {}
    for d, note in zip(result.diagnostics, notes):
        start, end = min(d.span.start, len(text)), min(max(d.span.end, d.span.start), len(text))
        for line in range(index.line_of(start), index.line_of(end) + 1):
            marks.setdefault(line, []).append((start, end, note, None))
    sums_on: dict[int, list[SumText]] = {}
    for total in sums:
        line = index.line_of(total.start)
        marks.setdefault(line, []).append((total.start, total.end, None, total.tip))
        sums_on.setdefault(line, []).append(total)
    lines = []
    for line in range(len(index)):
        first, last = index.line_span(line)
        lines.append(Line(line + 1, _pieces(text, first, last, marks.get(line, ())),
                          tuple(starts.get(line, ())), tuple(sums_on.get(line, ()))))
    return notes, lines


def _pieces(text: str, first: int, last: int, marks) -> tuple[Piece, ...]:
    """Cut text[first:last] at every mark boundary; each piece knows what covers it."""
    if not marks:
        return (Piece(text[first:last], (), None, None),) if last > first else ()
    cuts = {first, last}
    points: dict[int, list[Note]] = {}
    for start, end, note, _ in marks:
        if note is not None and start == end:
            points.setdefault(start, []).append(note)
        cuts.update(x for x in (start, end) if first <= x <= last)
    pieces = []
    ordered = sorted(cuts)
    for a, b in zip(ordered, ordered[1:]):
        for note in points.pop(a, ()):
            pieces.append(Piece("", (note.id,), note.severity, None, point=True))
        covering = [(note, tip) for start, end, note, tip in marks if start <= a and b <= end and start < end]
        found = [note for note, _ in covering if note is not None]
        tips = [tip for _, tip in covering if tip is not None]
        severity = min((n.severity for n in found), key=_SEVERITY_RANK.__getitem__, default=None)
        pieces.append(Piece(text[a:b], tuple(n.id for n in found), severity, "\n\n".join(tips) or None))
    for at, notes in sorted(points.items()):  # points at the end of the line (or past the text)
        if first <= at <= last or at >= len(text):
            pieces.extend(Piece("", (note.id,), note.severity, None, point=True) for note in notes)
    return tuple(pieces)


def _sums(report) -> list[SumText]:
    """Every table total in the report with its sum in words and numbers (the hover's text)."""
    if report is None:
        return []
    from .lsp.relations import relations

    return [SumText(r.span.start, r.span.end, r.title, r.formula, r.numbers, r.holds) for r in relations(report)]


# ---------------------------------------------------------------- charts


@attrs.frozen
class Bar:
    year: int
    value: int | None
    x: float            # left edge
    y: float            # top edge
    width: float
    height: float

    @property
    def centre(self) -> float:
        return round(self.x + self.width / 2, 1)


@attrs.frozen
class Chart:
    key: str
    label: str
    bars: tuple[Bar, ...]
    peak: int


@attrs.frozen
class AgencyCharts:
    agency: str
    reports: tuple[tuple[int, int], ...]   # (year, report number)
    charts: tuple[Chart, ...]


CHART_WIDTH, CHART_HEIGHT, _BASE, _TOP = 200, 110, 90, 18


def agency_charts(rows: Sequence[IndexRow], lang: str = "zh") -> list[AgencyCharts]:
    """One set of small bar charts per agency with reports for two or more years; for a year
    reported twice (the same report in two formats) the first report with a figure counts."""
    names = {row.record.agency for row in rows if row.record.agency and row.record.year}
    fuller = _fuller_names(names)
    by_agency: dict[str, dict[int, list[IndexRow]]] = {}
    for row in rows:
        if row.record.agency and row.record.year:
            agency = fuller.get(row.record.agency, row.record.agency)
            by_agency.setdefault(agency, {}).setdefault(row.record.year, []).append(row)
    result = []
    for agency, years in sorted(by_agency.items()):
        if len(years) < 2:
            continue
        ordered = sorted(years)
        charts = []
        for key, label in _figures(lang):
            values = [next((r.figures[key] for r in years[year] if r.figures.get(key) is not None), None)
                      for year in ordered]
            peak = max((v for v in values if v is not None), default=0)
            slot = CHART_WIDTH / len(ordered)
            bars = []
            for i, (year, value) in enumerate(zip(ordered, values)):
                height = 0.0 if not value or not peak else (_BASE - _TOP) * value / peak
                bars.append(Bar(year, value, round(i * slot + slot * 0.2, 1), round(_BASE - height, 1),
                                round(slot * 0.6, 1), round(height, 1)))
            charts.append(Chart(key, label, tuple(bars), peak))
        reports = tuple((year, row.number) for year in ordered for row in years[year])
        readable = any(bar.value is not None for chart in charts for bar in chart.bars)
        result.append(AgencyCharts(agency, reports, tuple(charts) if readable else ()))
    return result


# "淮安市" in "淮安市洪泽区人民政府": the higher-level place a title may or may not put first.
_PARENT_PLACE = lazy_compile(r"^.{1,8}?(?:省|自治区|市|州|盟|地区)")
_PLACE_START = lazy_compile(r"^.{1,8}?(?:区|县|市|旗|镇|乡|街道)")


def _fuller_names(names: set[str]) -> dict[str, str]:
    """Names of one agency written with and without its parent place ("洪泽区人民政府" and
    "淮安市洪泽区人民政府"): each shorter name → the fuller one. The shorter name must itself
    start with a place, so "卫生健康局" is never taken for "沙坡头区卫生健康局"."""
    mapping = {}
    for name in names:
        match = _PARENT_PLACE.match(name)
        if match is None:
            continue
        rest = name[match.end():]
        if rest in names and _PLACE_START.match(rest):
            mapping[rest] = name
    return mapping


# ---------------------------------------------------------------- words and assets


_STRINGS = {
    "zh": {
        "title": "政府信息公开工作年度报告 审查结果",
        "reports": "份报告", "diagnostics": "个问题", "with_errors": "份报告有错误",
        "generated": "生成于", "by": "由 gailint", "index": "报告列表", "trends": "逐年对比",
        "filter": "筛选：机关、文件名、标题…", "all_years": "全部年度", "all_levels": "全部层级",
        "only_errors": "只看有错误的", "shown": "显示", "of": "/",
        "file": "报告", "agency": "机关", "year": "年度", "level": "层级", "template": "模板",
        "total": "合计", "errors": "错误", "back": "← 返回报告列表", "problems": "发现的问题",
        "no_problems": "未发现问题", "line": "行", "column": "列", "show_sums": "显示各合计的算式",
        "sum": "合计", "fixable": "可自动修复", "unreadable": "无法读取", "unknown": "—",
        "trends_intro": "同一机关有两个以上年度的报告时，逐年对比主要数字（来自表二、表三）。",
        "no_trends": "没有同一机关两个以上年度的报告。", "open": "打开",
        "no_figures": "这些报告的表二、表三无法可靠读取，没有可对比的数字。",
        "error": "错误", "warning": "警告", "info": "提示", "no_match": "没有符合条件的报告。",
        "source": "报告全文", "sum_hint": "表格中带虚线下划线的数字是合计：悬停或聚焦可看其算式。",
        "sort": "排序",
    },
    "en": {
        "title": "Government information disclosure annual reports: review",
        "reports": "reports", "diagnostics": "diagnostics", "with_errors": "reports with errors",
        "generated": "generated", "by": "by gailint", "index": "Reports", "trends": "Year over year",
        "filter": "Filter: agency, file, title…", "all_years": "All years", "all_levels": "All levels",
        "only_errors": "Only reports with errors", "shown": "Showing", "of": "of",
        "file": "Report", "agency": "Agency", "year": "Year", "level": "Level", "template": "Template",
        "total": "Total", "errors": "Errors", "back": "← Back to the reports", "problems": "Diagnostics",
        "no_problems": "No problems found", "line": "line", "column": "column", "show_sums": "Show every total's sum",
        "sum": "total", "fixable": "fixable", "unreadable": "unreadable", "unknown": "—",
        "trends_intro": "Key figures year over year (from tables 2 and 3) for each agency with reports for "
                        "two or more years.",
        "no_trends": "No agency has reports for two or more years.", "open": "open",
        "no_figures": "Tables 2 and 3 of these reports could not be read with certainty: no figures to compare.",
        "error": "error", "warning": "warning", "info": "info", "no_match": "No report matches.",
        "source": "Full text", "sum_hint": "Numbers underlined with dots are totals: hover or focus one to see "
                                          "its sum.",
        "sort": "sort",
    },
}


def _families(lang: str) -> list[tuple[str, str, str]]:
    """(family, its name on the page, its code prefix) in the order of `gailint.columns.FAMILIES`."""
    prefixes = {family: prefix for prefix, family in FAMILIES.items()}
    return [(family, FAMILY_LABELS[family][lang == "en"], prefixes.get(family, "…"))
            for family in (*FAMILIES.values(), "plugin")]


def _figures(lang: str) -> list[tuple[str, str]]:
    return [(key, en if lang == "en" else zh) for key, _, zh, en in FIGURES]


def _level(value: str | None, lang: str) -> str:
    if value is None:
        return ""
    return _LEVELS_EN.get(value, value) if lang == "en" else value


@functools.cache
def _asset(name: str) -> str:
    return (_TEMPLATES / name).read_text(encoding="utf-8")


@functools.cache
def _environment():
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(_TEMPLATES), autoescape=True,
                              trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)

