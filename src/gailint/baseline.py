"""Baselines: record today's diagnostics, then report only new ones.

Entries are matched by code, file and a fingerprint of the diagnostic's content
(the text it points at and its line, whitespace removed) — not by line number,
so edits elsewhere in the report do not resurrect them. Equal fingerprints are
counted, so a second identical defect is still new.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from .diagnostics import Diagnostic
from .source import LineIndex

__all__ = ["fingerprint", "load_baseline", "write_baseline", "without_baseline"]

VERSION = 1


def fingerprint(diagnostic: Diagnostic, text: str | None, index: LineIndex | None = None) -> str:
    """The diagnostic's content fingerprint; pass the text's `index` when fingerprinting many."""
    if text is None:
        content = diagnostic.message
    else:
        index = index or LineIndex(text)
        line = index.line_text(index.line_of(diagnostic.span.start))
        content = text[diagnostic.span.start:diagnostic.span.end] + "\x00" + line
    digest = hashlib.sha256(f"{diagnostic.code}\x00{''.join(content.split())}".encode()).hexdigest()
    return digest[:16]


def _keys(filename: str, diagnostics: Iterable[Diagnostic], text: str | None):
    """(diagnostic, key) for each diagnostic of one file; the file's lines are indexed once."""
    name = Path(filename).as_posix()
    index = LineIndex(text) if text is not None else None
    for diagnostic in diagnostics:
        yield diagnostic, (name, diagnostic.code, fingerprint(diagnostic, text, index))


def write_baseline(path: Path, results: Iterable) -> int:
    entries = [dict(zip(("file", "code", "fingerprint"), key))
               for r in results for _, key in _keys(r.path, r.diagnostics, r.source.text if r.source else None)]
    path.write_text(json.dumps({"version": VERSION, "entries": entries}, ensure_ascii=False, indent=1) + "\n",
                    encoding="utf-8")
    return len(entries)


def load_baseline(path: Path) -> Counter:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise ValueError(f"{path}: not a gailint baseline (version {VERSION})")
    return Counter((e["file"], e["code"], e["fingerprint"]) for e in data["entries"])


def without_baseline(filename: str, diagnostics: Iterable[Diagnostic], text: str | None,
                     baseline: Counter) -> list[Diagnostic]:
    remaining = []
    for diagnostic, key in _keys(filename, diagnostics, text):
        if baseline[key] > 0:
            baseline[key] -= 1
        else:
            remaining.append(diagnostic)
    return remaining
