"""Stage 5: diagnostics → text. Offsets become 1-based line/column here, at the edge."""

from __future__ import annotations

import functools
import json
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TextIO

from .diagnostics import Diagnostic
from .diagnostics import FileResult
from .origin import Place
from .rule import PROJECT_URL
from .source import LineIndex

__all__ = ["DOCUMENT_FORMATS", "FORMATS", "STREAMING_FORMATS", "display_width", "open_document", "statistics",
           "write"]

_TAB = 4
_COLOURS = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;36m"}
_BOLD, _RESET = "\033[1m", "\033[0m"


def _paint(text: str, colour: str, enabled: bool) -> str:
    return f"{colour}{text}{_RESET}" if enabled else text


def display_width(text: str) -> int:
    """Terminal columns: CJK wide and full-width characters take two, tabs four."""
    if text.isascii():
        return len(text) + (_TAB - 1) * text.count("\t")
    return sum(map(_char_width, text))


@functools.lru_cache(maxsize=8192)
def _char_width(ch: str) -> int:
    if ch == "\t":
        return _TAB
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


_CONTEXT = 40  # code points of source shown either side of a span on a very long line


def _excerpt(raw: str, start: int, stop: int) -> tuple[str, int, int]:
    """The source line to show, the display column of `start` in it and the caret's width.
    A very long line (a report flattened onto one line) is cut to a window around the span."""
    if len(raw) > 4 * _CONTEXT:
        stop = min(stop, start + 2 * _CONTEXT)
        first, last = max(0, start - _CONTEXT), min(len(raw), max(stop, start + 1) + _CONTEXT)
    else:
        first, last = 0, len(raw)
    shown = ("…" if first else "") + raw[first:last] + ("…" if last < len(raw) else "")
    lead = (display_width("…") if first else 0) + display_width(raw[first:start])
    return shown.replace("\t", " " * _TAB), lead, max(1, display_width(raw[start:stop]))


def _index(result: FileResult) -> LineIndex | None:
    """Positions for a result's diagnostics; none to build for a clean or unreadable file."""
    return LineIndex(result.source.text) if result.source and result.diagnostics else None


def _place(result: FileResult, diagnostic: Diagnostic) -> Place | None:
    """Where a diagnostic is in the original document (a page, a table cell, an HTML source
    position); None for a text report."""
    origin = result.source.origin if result.source is not None else None
    return origin.locate(diagnostic.span) if origin is not None else None


def _location(index: LineIndex | None, diagnostic: Diagnostic) -> tuple[tuple[int, int], tuple[int, int]]:
    if index is None:
        return (1, 1), (1, 1)
    return index.position(diagnostic.span.start), index.position(diagnostic.span.end)


def _full(results: Iterable[FileResult], out: TextIO, lang: str, colour: bool = False, **_) -> None:
    for result in results:
        index = _index(result)
        for d in result.diagnostics:
            (row, col), (end_row, end_col) = _location(index, d)
            writable = result.source is None or not result.source.extracted or result.source.format == "html"
            fixable = " [*]" if d.fix and d.fix.applicability == "safe" and writable else ""
            code = _paint(d.code, _COLOURS[d.severity.value], colour)
            out.write(f"{_paint(d.path, _BOLD, colour)}:{row}:{col}: {code}{fixable} {d.text(lang)}\n")
            if index is None:
                continue
            raw = index.line_text(row - 1)
            stop = len(raw) if end_row > row else end_col - 1
            line, lead, width = _excerpt(raw, col - 1, stop)
            gutter = " " * len(str(row))
            out.write(f"{gutter} |\n{row} | {line}\n{gutter} | {' ' * lead}{'^' * width}\n")
            place = _place(result, d)
            if place is not None:  # the text was extracted from a document: say where in it
                out.write(f"{gutter} = {'位置' if lang != 'en' else 'in the document'}: {place.describe(lang)}\n")
            out.write("\n")


def _concise(results: Iterable[FileResult], out: TextIO, lang: str, colour: bool = False, **_) -> None:
    for result in results:
        index = _index(result)
        for d in result.diagnostics:
            (row, col), _ = _location(index, d)
            code = _paint(d.code, _COLOURS[d.severity.value], colour)
            place = _place(result, d)
            where = f" [{place.describe(lang)}]" if place is not None else ""
            out.write(f"{_paint(d.path, _BOLD, colour)}:{row}:{col}: {code} {d.text(lang)}{where}\n")


def to_json(result: FileResult, d: Diagnostic, lang: str, index: LineIndex | None) -> dict:
    """One diagnostic in the stable JSON schema."""
    (row, col), (end_row, end_col) = _location(index, d)
    fix = None
    if d.fix is not None:
        fix = {
            "applicability": d.fix.applicability,
            "message": d.fix.message,
            "edits": [
                {"content": e.replacement,
                 "location": dict(zip(("row", "column"), index.position(e.span.start))) if index else None,
                 "end_location": dict(zip(("row", "column"), index.position(e.span.end))) if index else None}
                for e in d.fix.edits
            ],
        }
    item = {
        "code": d.code, "name": d.name, "severity": d.severity.value, "message": d.text(lang),
        "filename": d.path,
        "location": {"row": row, "column": col}, "end_location": {"row": end_row, "column": end_col},
        "fix": fix, "url": d.url,
    }
    origin = result.source.origin if result.source is not None else None
    if origin is not None:  # extracted from a document: where in the original (see docs/formats.md)
        place = origin.locate(d.span)
        item["source"] = place.to_json() if place is not None else None
        end = origin.locate_end(d.span)
        if place is not None and place.line is not None and end is not None and end.line is not None:
            item["end_source"] = end.to_json()
        item["source_text"] = place.describe(lang) if place is not None else None
    return item


def _json_items(results: Iterable[FileResult], lang: str):
    for result in results:
        index = _index(result)
        for d in result.diagnostics:
            yield to_json(result, d, lang, index)


def _json(results: Iterable[FileResult], out: TextIO, lang: str, **_) -> None:
    json.dump(list(_json_items(results, lang)), out, ensure_ascii=False, indent=2)
    out.write("\n")


def _json_lines(results: Iterable[FileResult], out: TextIO, lang: str, **_) -> None:
    for item in _json_items(results, lang):
        out.write(json.dumps(item, ensure_ascii=False) + "\n")


_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _sarif(results: Iterable[FileResult], out: TextIO, lang: str, rules: Sequence = (), **_) -> None:
    """SARIF 2.1.0; columns are Unicode code points (columnKind says so explicitly)."""
    from . import __version__

    rules = list(rules)
    index_of = {rule.code: i for i, rule in enumerate(rules)}
    sarif_results = []
    for item in _json_items(results, lang):
        result = {
            "ruleId": item["code"],
            "level": _SARIF_LEVEL[item["severity"]],
            "message": {"text": item["message"]},
            "locations": [_sarif_location(item)],
        }
        if item["code"] in index_of:
            result["ruleIndex"] = index_of[item["code"]]
        if item["fix"] and all(e["location"] for e in item["fix"]["edits"]) and "source" not in item:
            result["fixes"] = [{
                "description": {"text": item["fix"]["message"] or item["fix"]["applicability"]},
                "artifactChanges": [{
                    "artifactLocation": {"uri": Path(item["filename"]).as_posix()},
                    "replacements": [{
                        "deletedRegion": {"startLine": e["location"]["row"], "startColumn": e["location"]["column"],
                                          "endLine": e["end_location"]["row"], "endColumn": e["end_location"]["column"]},
                        "insertedContent": {"text": e["content"]},
                    } for e in item["fix"]["edits"]],
                }],
            }]
        sarif_results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "gailint",
                "version": __version__,
                "informationUri": PROJECT_URL,
                "rules": [{
                    "id": rule.code,
                    "name": rule.name,
                    "shortDescription": {"text": rule.summary},
                    "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity.value]},
                    **({"helpUri": rule.docs_url()} if rule.docs_url() else {}),
                } for rule in rules],
            }},
            "columnKind": "unicodeCodePoints",
            "results": sarif_results,
        }],
    }
    json.dump(log, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _sarif_location(item: dict) -> dict:
    """A SARIF location. For a text report, a region in it. For an HTML page, the region in
    the HTML source. For a PDF or Word file (binary: no text region), the artifact alone,
    with a logical location naming the page and box or the table cell
    (``fullyQualifiedName`` ``page[3]`` / ``table[2]/row[5]/column[8]`` / ``paragraph[12]``);
    the ``source`` object and the region of the extracted text are in the location's
    ``properties``."""
    artifact = {"artifactLocation": {"uri": Path(item["filename"]).as_posix()}}
    text_region = {"startLine": item["location"]["row"], "startColumn": item["location"]["column"],
                   "endLine": item["end_location"]["row"], "endColumn": item["end_location"]["column"]}
    if "source" not in item:
        return {"physicalLocation": {**artifact, "region": text_region}}
    source = item["source"] or {}
    location: dict = {"properties": {"source": source, "extractedRegion": text_region}}
    if "row" in source and "table" not in source:  # a position in an HTML source
        end = item.get("end_source") or source
        location["physicalLocation"] = {**artifact, "region": {
            "startLine": source["row"], "startColumn": source["column"],
            "endLine": end["row"], "endColumn": end["column"]}}
        return location
    location["physicalLocation"] = artifact
    parts = [f"{key}[{source[key]}]" for key in ("page", "paragraph", "table", "row", "column") if key in source]
    if parts:
        location["logicalLocations"] = [{"name": item.get("source_text") or "/".join(parts),
                                         "fullyQualifiedName": "/".join(parts), "kind": "element"}]
    return location


def _github_escape(text: str, *, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


def _github(results: Iterable[FileResult], out: TextIO, lang: str, **_) -> None:
    """GitHub Actions workflow commands: one annotation per diagnostic."""
    level = {"error": "error", "warning": "warning", "info": "notice"}
    for item in _json_items(results, lang):
        source = item.get("source") or {}
        if "source" not in item:
            where = [f"line={item['location']['row']}", f"col={item['location']['column']}",
                     f"endLine={item['end_location']['row']}", f"endColumn={item['end_location']['column']}"]
        elif "row" in source and "table" not in source:  # HTML: its source position
            end = item.get("end_source") or source
            where = [f"line={source['row']}", f"col={source['column']}", f"endLine={end['row']}",
                     f"endColumn={end['column']}"]
        else:  # a PDF or Word file: an annotation on the file, the place in the message
            where = []
        props = ",".join([
            f"file={_github_escape(item['filename'], property_value=True)}", *where,
            f"title={_github_escape(item['code'] + ' ' + item['name'], property_value=True)}",
        ])
        message = item["message"] + (f" [{item['source_text']}]" if item.get("source_text") and not where else "")
        out.write(f"::{level[item['severity']]} {props}::{_github_escape(message)}\n")


def _junit(results: Iterable[FileResult], out: TextIO, lang: str, **_) -> None:
    """JUnit XML: one test case per checked file, one failure per diagnostic."""
    from xml.sax.saxutils import escape, quoteattr

    results = list(results)
    cases, failures = [], 0
    for result in results:
        index = _index(result)
        body = []
        for d in result.diagnostics:
            (row, col), _ = _location(index, d)
            failures += 1
            place = _place(result, d)
            message = f"{d.code} {d.text(lang)}" + (f" [{place.describe(lang)}]" if place is not None else "")
            body.append(f'    <failure message={quoteattr(message)} type={quoteattr(d.severity.value)}>'
                        f"{escape(f'{d.path}:{row}:{col}: {message}')}</failure>")
        cases.append(f'  <testcase classname="gailint" name={quoteattr(result.path)}>'
                     + ("\n" + "\n".join(body) + "\n  " if body else "") + "</testcase>")
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(f'<testsuite name="gailint" tests="{len(results)}" failures="{failures}" errors="0">\n')
    out.write("\n".join(cases) + ("\n" if cases else ""))
    out.write("</testsuite>\n")


def _html(results: Iterable[FileResult], out: TextIO, lang: str, **_) -> None:
    """The reviewer's HTML page (`gailint.html_report`)."""
    from .html_report import write_html

    write_html(results, out, lang)


FORMATS = {"full": _full, "concise": _concise, "json": _json, "json-lines": _json_lines, "sarif": _sarif,
           "github": _github, "junit": _junit, "html": _html}
# Formats in which one file's output stands alone: `check` writes them file by file.
STREAMING_FORMATS = frozenset({"full", "concise", "json-lines", "github"})
# Formats written as one document but fed file by file: `check` hands each result to the
# document's `add` as it arrives, keeps none, and calls `close` at the end.
DOCUMENT_FORMATS = frozenset({"html"})


def open_document(fmt: str, out: TextIO, lang: str = "zh"):
    """The writer of a document format (``add(result)``, ``close()``), writing to `out`."""
    if fmt == "html":
        from .html_report import HtmlReport

        return HtmlReport(out, lang)
    raise ValueError(f"{fmt} is not a document format")


def write(results: Iterable[FileResult], out: TextIO, fmt: str = "full", lang: str = "zh", *,
          rules: Sequence = (), colour: bool = False, plugin_formats: Mapping[str, Callable] | None = None) -> None:
    """`plugin_formats` (``Linter.formatters``) adds the plugins' formats, called as ``f(results, out, lang)``."""
    if fmt not in FORMATS and plugin_formats and fmt in plugin_formats:
        plugin_formats[fmt](list(results), out, lang)
        return
    FORMATS[fmt](results, out, lang, rules=rules, colour=colour)


def statistics(results: Iterable[FileResult], out: TextIO) -> None:
    """Count per code, most frequent first (ruff's --statistics)."""
    counts: dict[tuple[str, str], int] = {}
    fixable: dict[str, int] = {}
    for result in results:
        for d in result.diagnostics:
            counts[(d.code, d.name)] = counts.get((d.code, d.name), 0) + 1
            if d.fix and d.fix.applicability == "safe":
                fixable[d.code] = fixable.get(d.code, 0) + 1
    for (code, name), count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        mark = "[*]" if fixable.get(code) else "   "
        out.write(f"{count:>6}  {code}  {mark} {name}\n")
