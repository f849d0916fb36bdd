"""Stage 5: diagnostics → text. Offsets become 1-based line/column here, at the edge."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from typing import TextIO

from .diagnostics import Diagnostic
from .engine import FileResult
from .source import LineIndex

__all__ = ["FORMATS", "display_width", "write"]

_TAB = 4


def display_width(text: str) -> int:
    """Terminal columns: CJK wide and full-width characters take two, tabs four."""
    width = 0
    for ch in text:
        if ch == "\t":
            width += _TAB
        elif unicodedata.combining(ch):
            continue
        else:
            width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _location(index: LineIndex | None, diagnostic: Diagnostic) -> tuple[tuple[int, int], tuple[int, int]]:
    if index is None:
        return (1, 1), (1, 1)
    return index.position(diagnostic.span.start), index.position(diagnostic.span.end)


def _full(results: Iterable[FileResult], out: TextIO, lang: str) -> None:
    for result in results:
        index = LineIndex(result.source.text) if result.source else None
        for d in result.diagnostics:
            (row, col), (end_row, end_col) = _location(index, d)
            fixable = " [*]" if d.fix and d.fix.applicability == "safe" else ""
            out.write(f"{d.path}:{row}:{col}: {d.code}{fixable} {d.text(lang)}\n")
            if index is None:
                continue
            line = index.line_text(row - 1).replace("\t", " " * _TAB)
            raw = index.line_text(row - 1)
            lead = display_width(raw[: col - 1])
            stop = len(raw) if end_row > row else end_col - 1
            width = max(1, display_width(raw[col - 1: stop]))
            gutter = " " * len(str(row))
            out.write(f"{gutter} |\n{row} | {line}\n{gutter} | {' ' * lead}{'^' * width}\n\n")


def _concise(results: Iterable[FileResult], out: TextIO, lang: str) -> None:
    for result in results:
        index = LineIndex(result.source.text) if result.source else None
        for d in result.diagnostics:
            (row, col), _ = _location(index, d)
            out.write(f"{d.path}:{row}:{col}: {d.code} {d.text(lang)}\n")


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
    return {
        "code": d.code, "name": d.name, "severity": d.severity.value, "message": d.text(lang),
        "filename": d.path,
        "location": {"row": row, "column": col}, "end_location": {"row": end_row, "column": end_col},
        "fix": fix, "url": d.url,
    }


def _json(results: Iterable[FileResult], out: TextIO, lang: str) -> None:
    items = []
    for result in results:
        index = LineIndex(result.source.text) if result.source else None
        items.extend(to_json(result, d, lang, index) for d in result.diagnostics)
    json.dump(items, out, ensure_ascii=False, indent=2)
    out.write("\n")


FORMATS = {"full": _full, "concise": _concise, "json": _json}


def write(results: Iterable[FileResult], out: TextIO, fmt: str = "full", lang: str = "zh") -> None:
    FORMATS[fmt](results, out, lang)
