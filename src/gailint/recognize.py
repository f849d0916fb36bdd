"""Stage 3: raw tables → the template's tables (国办公开办函〔2021〕30号; 〔2019〕60号 for the 2019 trial format).

Each raw `Table` is identified as table 1, 2 or 3, its template version is
detected, and its value cells are assigned to the template's row keys. Where
the cells cannot be assigned with certainty the table records a `Problem`
instead; no value is ever guessed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

import attrs

from . import collapsed
from ._lazy_re import lazy_compile
from .ast import Cell, MappedRow, Problem, Report, Span, Table, TableLine, TemplateTable
from .template import (
    TABLE1_2019_MARKERS, TABLE1_BLOCKS, TABLE2_COLUMNS, TABLE3_COLUMNS, match_table2_row,
    match_table2_subtotal, table2_rows,
)
from .text import is_value_text, normalize

__all__ = ["recognize"]

_WIDTH2 = len(TABLE2_COLUMNS)
_ITEM = lazy_compile(r"第二十条第\(([一二三四五六七八九])\)项")


class _Record(NamedTuple):  # a tuple: one per table row, built faster than a frozen attrs class
    """A run of value cells with the label text that names it (if any)."""

    labels: tuple[Cell, ...]
    values: tuple[Cell, ...]
    span: Span


def recognize(report: Report) -> Report:
    """Attach the template tables found in the report."""
    found: list[TemplateTable] = []
    for section_number, table in _tables(report):
        number = _identify(table, section_number)
        if number is None or any(t.number == (number or 2) for t in found):
            continue
        found.append(_RECOGNISERS[number](table))
    return attrs.evolve(report, tables=tuple(found))


def _tables(report: Report) -> Iterable[tuple[int, Table]]:
    for block in report.preamble:
        if isinstance(block, Table):
            yield 0, block
    for section in report.sections:
        for block in section.blocks:
            if isinstance(block, Table):
                yield section.heading.number, block


def _identify(table: Table, section_number: int) -> int | None:
    head = normalize("".join([cell.text for line in table.lines[:40] for cell in line.cells]))
    if "指标名称" in head or "历年累计" in head:
        return 0
    if "第二十条" in head:
        return 1
    if "本年新收" in head or "勾稽关系" in head or "申请人情况" in head:
        return 2
    if "行政复议" in head or "结果维持" in head:
        return 3
    # No telling label (e.g. a fragment): the template puts table N in section N+1.
    return {2: 1, 3: 2, 4: 3}.get(section_number)


def _value_cells(line: TableLine) -> tuple[tuple[Cell, ...], tuple[Cell, ...]]:
    """Split a line into (label cells, value cells): values are what follows the last label,
    without the empty cells that merged-cell artefacts leave at either end."""
    cells = line.cells
    last_label = len(cells) - 1  # searched from the end: a row's values come last
    while last_label >= 0:
        text = cells[last_label].text
        if text and not is_value_text(text):
            break
        last_label -= 1
    labels = tuple([c for c in cells[: last_label + 1] if c.text])
    start, end = last_label + 1, len(cells)
    while start < end and not cells[start].text:
        start += 1
    while end > start and not cells[end - 1].text:
        end -= 1
    return labels, cells[start:end]


def _blank_form(table: Table) -> bool:
    """True for a table with no value anywhere: a blank form (the template as issued, a Word
    or HTML grid with nothing filled in). Only there are empty cells read as a row's cells:
    in a filled table a label line with empty cells is part of a label split over lines."""
    for line in table.lines:
        for cell in line.cells:
            if cell.text and is_value_text(cell.text):
                return False
    return True


def _blank_cells(line: TableLine, width: int) -> tuple[Cell, ...]:
    """The `width` empty cells that end a line of a blank form (`_blank_form`: no line holds a
    value), else ()."""
    last_label = max((i for i, c in enumerate(line.cells) if c.text), default=-1)
    trailing = line.cells[last_label + 1:]
    if width == 0 or len(trailing) < width:
        return ()
    return tuple(trailing[-width:])


# --- table 2 -----------------------------------------------------------------

def _records_grid(table: Table) -> list[_Record]:
    records, pending = [], []
    blank_form = _blank_form(table)
    for line in table.lines:
        labels, values = _value_cells(line)
        if blank_form and not values and labels and match_table2_row(labels[-1].text) is not None:
            values = _blank_cells(line, _WIDTH2)  # a template row left blank
        if not values:
            pending.extend(labels)
            continue
        first = labels[0] if labels else values[0]  # the row starts at its first cell, not its indent
        records.append(_Record(labels or tuple(pending), values, Span(first.span.start, line.span.end)))
        pending = []
    return records


def _records_stream(table: Table, width: int) -> list[_Record]:
    """Rows from one-cell-per-line text. Consecutive runs of equal length k ≥ 2, `width`
    of them, are a column-major block of k rows (pdftotext does this); otherwise values
    are read row by row."""
    items = [(line.cells[0], line.run) for line in table.lines if line.cells and line.cells[0].text]
    records: list[_Record] = []
    labels: list[Cell] = []
    values: list[Cell] = []
    stops = _run_stops(items)
    i = 0
    while i < len(items):
        cell, _ = items[i]
        if stops[i] == i:  # not a value
            labels.append(cell)
            i += 1
            continue
        runs = None if values else _value_runs(items, i, width, stops)
        if runs is not None:
            rows = len(runs[0])
            for r in range(rows):
                row = tuple(run[r] for run in runs)
                records.append(_Record(tuple(labels) if r == 0 else (), row, Span(row[0].span.start, row[-1].span.end)))
            labels = []
            i += rows * width
            continue
        values.append(cell)
        i += 1
        if len(values) == width:
            records.append(_Record(tuple(labels), tuple(values), Span(values[0].span.start, values[-1].span.end)))
            labels, values = [], []
    if values:
        records.append(_Record(tuple(labels), tuple(values), Span(values[0].span.start, values[-1].span.end)))
    return records


def _run_stops(items) -> list[int]:
    """For each item, the index of the first item from it on that is not a value of its run:
    lets `_value_runs` jump over a run instead of rescanning it (linear, not quadratic)."""
    stops = [0] * len(items)
    for i in range(len(items) - 1, -1, -1):
        if not is_value_text(items[i][0].text):
            stops[i] = i
        elif i + 1 < len(items) and items[i + 1][1] == items[i][1]:
            stops[i] = stops[i + 1]
        else:
            stops[i] = i + 1
    return stops


def _value_runs(items, start: int, width: int, stops: list[int]) -> list[list[Cell]] | None:
    """The `width` runs of equal length k ≥ 2 from items[start] on (a column-major block), each the
    whole of a run of values, as lists of cells; else None."""
    if stops[start] - start < 2:  # the first run is too short (the usual case: read at once)
        return None
    bounds: list[tuple[int, int]] = []
    i = start
    while len(bounds) < width and i < len(items):
        run_id = items[i][1]
        end = stops[i]
        if end == i or (end < len(items) and items[end][1] == run_id):
            return None
        bounds.append((i, end))
        i = end
    if len(bounds) < width:
        return None
    length = bounds[0][1] - bounds[0][0]
    if length < 2 or any(end - begin != length for begin, end in bounds):
        return None
    return [[items[k][0] for k in range(begin, end)] for begin, end in bounds]


def _label_key(labels: Sequence[Cell]):
    """The template row named by the shortest suffix of the label cells that names one."""
    text = ""
    for start in range(len(labels) - 1, -1, -1):
        text = labels[start].text + text
        spec = match_table2_row(text)
        if spec is not None:
            return spec
    return None


def _subtotal_key(labels: Sequence[Cell], version: str):
    """A printed group subtotal such as （三）不予公开 with numbers of its own."""
    return match_table2_subtotal("".join(cell.text for cell in labels[-1:]), version) if labels else None


def _records_glued(table: Table) -> list[_Record]:
    """Collapsed rows: (label, digit run) lines; a line of label alone names the next row."""
    records, pending = [], []
    for line in table.lines:
        if len(line.cells) == 2:
            records.append(_Record(tuple(pending) + line.cells[:1], line.cells[1:], line.span))
            pending = []
        else:
            pending.extend(c for c in line.cells if c.text)
    return records


def _recognise_table2(table: Table) -> TemplateTable:
    stream = table.encoding in ("cell-lines", "pipe-lines")
    records = (_records_glued(table) if table.encoding == "collapsed"
               else _records_stream(table, _WIDTH2) if stream else _records_grid(table))
    specs = [_label_key(r.labels) for r in records]
    keys = {spec.key for spec in specs if spec}
    has_2021_rows = bool(keys & {"other.no_correction", "other.no_fee", "other.other"})
    if not has_2021_rows and ("other" in keys or len(records) == 23):
        version = "2019"
    else:
        version = "2021"
    if table.encoding == "cell-lines" and len(records) in (23, 25):
        # pdftotext moves labels away from their numbers, but keeps the numeric rows in
        # template order: with exactly the template's number of rows, order alone maps them.
        version = "2021" if len(records) == 25 else "2019"
        specs = list(table2_rows(version))
    template = table2_rows(version)
    expected = [spec.key for spec in template]
    where = {key: index for index, key in enumerate(expected)}  # a key's place in `expected` (keys are unique)
    labels = {spec.key: spec.label for spec in template}
    rows: list[MappedRow] = []
    problems: list[Problem] = []
    pointer = 0
    unlabeled: list[_Record] = []

    def place(keys_for_gap: list[str]) -> None:
        if len(unlabeled) == len(keys_for_gap):
            rows.extend(_mapped(key, labels[key], rec) for key, rec in zip(keys_for_gap, unlabeled))
        else:
            problems.extend(_unmapped(rec) for rec in unlabeled)
        unlabeled.clear()

    for record, spec in zip(records, specs):
        subtotal = _subtotal_key(record.labels, version) if spec is None or spec.key == "other" else None
        if subtotal is not None:
            rows.append(_mapped(subtotal.key, subtotal.label, record))
            continue
        index = -1 if spec is None else where.get(spec.key, -1)
        if index < pointer:  # not among the rows still expected
            if index >= 0:  # a template row met before
                problems.append(_unmapped(record))
                continue
            unlabeled.append(record)
            continue
        if unlabeled:  # (with nothing unlabeled, `place` has nothing to do)
            place(expected[pointer:index])
        rows.append(_mapped(spec.key, labels[spec.key], record))
        pointer = index + 1
    if unlabeled:
        place(expected[pointer:pointer + len(unlabeled)] if len(unlabeled) <= len(expected) - pointer else [])
    if table.encoding == "collapsed":
        return collapsed.read_table2(TemplateTable(2, version, table, TABLE2_COLUMNS, tuple(rows), tuple(problems)))
    problems.extend(_cell_count(row) for row in rows if not row.complete)
    return TemplateTable(2, version, table, TABLE2_COLUMNS, tuple(rows), tuple(problems))  # type: ignore[arg-type]


def _mapped(key: str, label: str, record: _Record, expected: int = _WIDTH2) -> MappedRow:
    return MappedRow(key, label, record.span, record.values, expected)


def _unmapped(record: _Record) -> Problem:
    text = "".join(cell.text for cell in record.labels) or "（无标签）"
    return Problem("unmapped-row", record.span,
                   f"无法将该行（{text}）对应到模板中的行；该行未做数值核对",
                   f"cannot map this row ({text}) onto a template row; not checked")


def _cell_count(row: MappedRow) -> Problem:
    span = Span(row.cells[0].span.start, row.cells[-1].span.end) if row.cells else row.span
    return Problem("cell-count", span,
                   f"“{row.label}”一行应有 {row.expected} 个数值单元格，实有 {len(row.cells)} 个；该行未做数值核对",
                   f"row '{row.label}' should have {row.expected} value cells, found {len(row.cells)}; not checked")


# --- table 1 -----------------------------------------------------------------

def _recognise_table1(table: Table) -> TemplateTable:
    if table.encoding == "collapsed":
        return collapsed.read_table1(table)
    text = normalize("".join([cell.text for line in table.lines for cell in line.cells]))
    version = "2019" if any(normalize(marker) in text for marker in TABLE1_2019_MARKERS) else "2021"
    blocks = TABLE1_BLOCKS[version]
    rows: list[MappedRow] = []
    problems: list[Problem] = []
    item, names, values, blanks = None, [], [], []
    blank_form = _blank_form(table)

    def close() -> None:
        if item is None or item not in blocks:
            return
        width = len(blocks[item].columns)
        bodies = [normalize(cell.text) for cell in names]
        found = [(spec, cell) for spec in blocks[item].rows for cell, body in zip(names, bodies) if spec.matches("", body)]
        if not values and len(blanks) == len(found) * width:  # the block's rows left blank
            values.extend(blanks)
        if len(values) != len(found) * width:
            cells = [cell for _, cell in found] + values
            span = Span.covering(*(cell.span for cell in cells)) if cells else table.span
            problems.append(Problem("unmapped-row", span,
                                    f"第二十条第（{item}）项：{len(found)} 行应有 {len(found) * width} 个数值，实有 {len(values)} 个",
                                    f"article 20 item ({item}): {len(found)} rows need {len(found) * width} values, found {len(values)}"))
            return
        for n, (spec, cell) in enumerate(found):
            row_cells = tuple(values[n * width:(n + 1) * width])
            rows.append(MappedRow(spec.key, spec.label, Span.covering(cell.span, *(c.span for c in row_cells)),
                                  row_cells, width))

    for line in table.lines:
        labels, line_values = _value_cells(line) if table.encoding not in ("cell-lines", "pipe-lines") else (
            (line.cells, ()) if line.cells and not is_value_text(line.cells[0].text) else ((), line.cells))
        for cell in labels:
            match = _ITEM.search(normalize(cell.text))
            if match:
                close()
                item, names, values, blanks = match.group(1), [], [], []
            else:
                names.append(cell)
        values.extend([c for c in line_values if c.text])
        if blank_form and item in blocks and labels and not line_values:
            blanks.extend(_blank_cells(line, len(blocks[item].columns)))
    close()
    return TemplateTable(1, version, table, (), tuple(rows), tuple(problems))  # type: ignore[arg-type]


# --- table 3 -----------------------------------------------------------------

def _recognise_table3(table: Table) -> TemplateTable:
    if table.encoding == "collapsed":
        return collapsed.read_table3(table)
    values: list[Cell] = []
    interruptions = 0
    for line in table.lines:
        labels, line_values = _value_cells(line)
        if values and labels and normalize("".join(c.text for c in labels)) != "总计":
            interruptions += 1
        values.extend([c for c in line_values if c.text])
    if not values and _blank_form(table):  # the template's row left blank: a line of 15 empty cells
        values = next((list(blank) for line in table.lines if (blank := _blank_cells(line, len(TABLE3_COLUMNS)))
                       and len(line.cells) == len(TABLE3_COLUMNS)), [])
    if table.encoding in ("cell-lines", "pipe-lines") and interruptions and len(values) == len(TABLE3_COLUMNS):
        problem = Problem("out-of-order", table.span,
                          "表3的数值与表头交错排列（PDF 文本提取），无法确定各数值所属的列；未做数值核对",
                          "table 3 values are interleaved with header text (PDF extraction): their columns "
                          "cannot be determined; arithmetic not checked")
        return TemplateTable(3, "2021", table, TABLE3_COLUMNS, (), (problem,))
    if len(values) != len(TABLE3_COLUMNS):
        span = Span(values[0].span.start, values[-1].span.end) if values else table.span
        problem = Problem("cell-count", span,
                          f"表3应有 {len(TABLE3_COLUMNS)} 个数值单元格，实有 {len(values)} 个；未做数值核对",
                          f"table 3 should have {len(TABLE3_COLUMNS)} value cells, found {len(values)}; not checked")
        return TemplateTable(3, "2021", table, TABLE3_COLUMNS, (), (problem,))
    row = MappedRow("values", "行政复议、行政诉讼", Span(values[0].span.start, values[-1].span.end),
                    tuple(values), len(TABLE3_COLUMNS))
    return TemplateTable(3, "2021", table, TABLE3_COLUMNS, (row,), ())


def _recognise_pre2019(table: Table) -> TemplateTable:
    """The 2007-条例 statistics table (指标名称 / 计量单位 / 历年累计): recorded, not checked."""
    problems = (collapsed.unsplittable(table),) if table.encoding == "collapsed" else ()
    return TemplateTable(2, "pre2019", table, (), (), problems)


_RECOGNISERS = {0: _recognise_pre2019, 1: _recognise_table1, 2: _recognise_table2, 3: _recognise_table3}
