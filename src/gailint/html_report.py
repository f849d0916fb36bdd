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
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO

import attrs

from ._lazy_re import lazy_compile
from .diagnostics import FileResult
from .source import LineIndex

__all__ = ["HtmlReport", "write_html"]

_TEMPLATES = Path(__file__).with_name("templates")

# Rule families by the hundreds digit of a built-in code (docs: rules/__init__.py).
FAMILIES: tuple[tuple[str, str, str], ...] = (
    ("GAI0", "输入", "input"),
    ("GAI1", "结构", "structure"),
    ("GAI2", "勾稽", "reconciliation"),
    ("GAI3", "日期", "dates"),
    ("GAI4", "收费", "fees"),
    ("GAI5", "文表", "text vs tables"),
    ("GAI6", "引用", "citations"),
)
_OTHER = ("", "其他", "other")

# The key figures charted year over year: (key, Chinese label, English label).
FIGURES: tuple[tuple[str, str, str], ...] = (
    ("received", "本年新收申请", "applications received"),
    ("granted", "予以公开", "granted"),
    ("outcomes", "办理结果总计", "outcomes, total"),
    ("review", "行政复议", "administrative reviews"),
    ("litigation", "行政诉讼", "lawsuits"),
)


def family_of(code: str) -> str:
    """'GAI201' → 'GAI2'; a plugin's code → '' (other)."""
    for prefix, _, _ in FAMILIES:
        if code.startswith(prefix) and code[len(prefix):].isdigit():
            return prefix
    return ""


@attrs.frozen
class Record:
    """What the index and the charts need of one report."""

    agency: str | None
    level: str | None
    year: int | None
    template: str | None
    title: str | None
    figures: dict[str, int | None]


def record_of(report) -> Record:
    """The report's record: who, when, which template and its key figures (None when unknown)."""
    from . import facts
    from .relations import ints
    from .template import TABLE3_COLUMNS

    year = facts.report_year(report)
    table2, table3 = report.table(2), report.table(3)
    figures: dict[str, int | None] = dict.fromkeys(key for key, _, _ in FIGURES)
    if table2 is not None and table2.checkable:
        for key, row in (("received", "new"), ("granted", "granted"), ("outcomes", "total")):
            values = ints(table2.row(row))
            figures[key] = values[-1] if values else None
    if table3 is not None and table3.checkable and table3.rows:
        values = ints(table3.rows[0])
        if values is not None and len(values) == len(TABLE3_COLUMNS):
            column = {key: i for i, key in enumerate(TABLE3_COLUMNS)}
            figures["review"] = values[column["review.total"]]
            figures["litigation"] = values[column["suit_direct.total"]] + values[column["suit_after_review.total"]]
    kind = facts.agency_kind(report)
    return Record(facts.agency_name(report), kind, year.value if year else None,
                  table2.version if table2 is not None else None,
                  report.title.text.strip() if report.title is not None else None, figures)


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
    number: int
    path: str
    record: Record
    counts: dict[str, int]
    errors: int
    warnings: int
    total: int
    unreadable: bool


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
        report = result.report
        if report is None and result.source is not None:
            from .parser import parse
            from .recognize import recognize

            try:
                report = recognize(parse(result.source.text))
            except Exception:  # noqa: BLE001 — a report the parser rejects is still shown, without facts
                report = None
        record = record_of(report) if report is not None else Record(None, None, None, None, None, {})
        notes, lines = _render(result, report, number, self.lang)
        counts = dict.fromkeys([prefix for prefix, _, _ in FAMILIES] + [""], 0)
        for d in result.diagnostics:
            counts[family_of(d.code)] += 1
        row = IndexRow(number, result.path, record, counts,
                       sum(d.severity.value == "error" for d in result.diagnostics),
                       sum(d.severity.value == "warning" for d in result.diagnostics),
                       len(result.diagnostics), result.source is None)
        self.out.write(self._report.render(row=row, notes=notes, lines=lines, s=self._strings,
                                           families=_families(self.lang), level=_level(row.record.level, self.lang)))
        self.rows.append(row)

    def close(self) -> None:
        from . import __version__

        rows = self.rows
        families = _families(self.lang)
        totals = {prefix: sum(r.counts.get(prefix, 0) for r in rows) for prefix, _ in families}
        self.out.write(self._page.module.body(
            s=self._strings, lang=self.lang, rows=rows, families=families, totals=totals,
            level=lambda value: _level(value, self.lang),
            years=sorted({r.record.year for r in rows if r.record.year}),
            levels=sorted({_level(r.record.level, self.lang) for r in rows if r.record.level}),
            charts=agency_charts(rows, self.lang), figures=_figures(self.lang),
            diagnostics=sum(r.total for r in rows), with_errors=sum(bool(r.errors) for r in rows),
            version=__version__, generated=datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M"),
            js=_asset("report.js")))


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
            values = [next((r.record.figures.get(key) for r in years[year]
                            if r.record.figures.get(key) is not None), None) for year in ordered]
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
        "filter": "筛选：机关、文件名、标题…", "all_years": "全部年度", "all_levels": "全部类型",
        "only_errors": "只看有错误的", "shown": "显示", "of": "/",
        "file": "报告", "agency": "机关", "year": "年度", "level": "类型", "template": "模板",
        "total": "合计", "errors": "错误", "back": "← 返回报告列表", "problems": "发现的问题",
        "no_problems": "未发现问题", "line": "行", "column": "列", "show_sums": "显示各合计的算式",
        "sum": "合计", "fixable": "可自动修复", "unreadable": "无法读取", "unknown": "—",
        "trends_intro": "同一机关有两个以上年度的报告时，逐年对比主要数字（来自表二、表三）。",
        "no_trends": "没有同一机关两个以上年度的报告。", "open": "打开",
        "no_figures": "这些报告的表二、表三无法可靠读取，没有可对比的数字。",
        "error": "错误", "warning": "警告", "info": "提示", "no_match": "没有符合条件的报告。",
        "source": "报告全文", "sum_hint": "表格中带虚线下划线的数字是合计：悬停或聚焦可看其算式。",
        "government": "本级政府", "department": "部门", "sort": "排序",
    },
    "en": {
        "title": "Government information disclosure annual reports: review",
        "reports": "reports", "diagnostics": "diagnostics", "with_errors": "reports with errors",
        "generated": "generated", "by": "by gailint", "index": "Reports", "trends": "Year over year",
        "filter": "Filter: agency, file, title…", "all_years": "All years", "all_levels": "All kinds",
        "only_errors": "Only reports with errors", "shown": "Showing", "of": "of",
        "file": "Report", "agency": "Agency", "year": "Year", "level": "Kind", "template": "Template",
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
        "government": "government", "department": "department", "sort": "sort",
    },
}


def _families(lang: str) -> list[tuple[str, str]]:
    return [(prefix, en if lang == "en" else zh) for prefix, zh, en in (*FAMILIES, _OTHER)]


def _figures(lang: str) -> list[tuple[str, str]]:
    return [(key, en if lang == "en" else zh) for key, zh, en in FIGURES]


def _level(value: str | None, lang: str) -> str:
    if value is None:
        return ""
    return _STRINGS[lang].get(value, value)


@functools.cache
def _asset(name: str) -> str:
    return (_TEMPLATES / name).read_text(encoding="utf-8")


@functools.cache
def _environment():
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(_TEMPLATES), autoescape=True,
                              trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)

