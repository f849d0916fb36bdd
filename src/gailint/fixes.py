"""Applying fixes: non-overlapping edits, written atomically in the file's own encoding.

The decoded text keeps the file's line endings (nothing is translated on
reading), and the encoder writes back the same encoding and BOM, so the bytes
outside an edit never change.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .diagnostics import Diagnostic, Edit
from .source import Source

__all__ = ["applicable", "apply_edits", "encode", "unified_diff", "write_atomic"]


def applicable(diagnostics: Iterable[Diagnostic], unsafe: bool) -> list[Diagnostic]:
    return [d for d in diagnostics if d.fix is not None and (unsafe or d.fix.applicability == "safe")]


def apply_edits(text: str, diagnostics: Iterable[Diagnostic]) -> tuple[str, list[Diagnostic]]:
    """Apply each diagnostic's fix unless it overlaps one already taken; returns (text, applied)."""
    taken: list[tuple[Diagnostic, list[Edit]]] = []
    claimed: list[tuple[int, int]] = []
    for diagnostic in sorted(diagnostics, key=lambda d: min(e.span.start for e in d.fix.edits)):
        edits = sorted(diagnostic.fix.edits, key=lambda e: e.span.start)
        if any(_overlaps(e.span.start, e.span.end, a, b) for e in edits for a, b in claimed):
            continue
        if any(text[e.span.start:e.span.end] == e.replacement for e in edits) and len(edits) == 1:
            continue  # already in the desired state
        taken.append((diagnostic, edits))
        claimed.extend((e.span.start, e.span.end) for e in edits)
    pieces, position = [], 0
    for edit in sorted((e for _, edits in taken for e in edits), key=lambda e: e.span.start):
        pieces.append(text[position:edit.span.start])
        pieces.append(edit.replacement)
        position = edit.span.end
    pieces.append(text[position:])
    return "".join(pieces), [d for d, _ in taken]


def _overlaps(start: int, end: int, other_start: int, other_end: int) -> bool:
    return start < other_end and other_start < end or (start == end == other_start)


def encode(source: Source, text: str) -> bytes:
    return source.bom + text.encode(source.encoding)


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same directory and rename: never a half-written report."""
    directory = path.parent
    mode = path.stat().st_mode & 0o7777 if path.exists() else 0o644
    import tempfile  # lazily: most runs never need it

    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".gailint-tmp", dir=directory)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def unified_diff(path: str, before: str, after: str) -> str:
    import difflib  # lazily: most runs never need it

    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                        fromfile=f"a/{path}", tofile=f"b/{path}"))
