"""Applying fixes: non-overlapping edits, written atomically in the file's own encoding.

The decoded text keeps the file's line endings (nothing is translated on
reading), and the encoder writes back the same encoding and BOM, so the bytes
outside an edit never change.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .diagnostics import Diagnostic, Edit, Fix
from .source import Source

__all__ = ["applicable", "apply_edits", "encode", "NotWritten", "clean_leftovers", "fix_problem", "unified_diff", "write_atomic"]


def applicable(diagnostics: Iterable[Diagnostic], unsafe: bool) -> list[Diagnostic]:
    return [d for d in diagnostics if d.fix is not None and (unsafe or d.fix.applicability == "safe")]


def fix_problem(fix: Fix, length: int) -> tuple[str, str] | None:
    """Why a fix cannot be applied to a text of `length` code points, in Chinese and English,
    or None when it can: every edit's span lies inside the text with its end not before its
    start, and no two edits of the fix overlap (a rule — a plugin's — may build any Edit)."""
    if not fix.edits:
        return "修复不含任何编辑", "the fix has no edits"
    for edit in fix.edits:
        start, end = edit.span.start, edit.span.end
        if not (isinstance(start, int) and isinstance(end, int) and isinstance(edit.replacement, str)):
            return f"编辑 {edit!r} 的类型不对", f"edit {edit!r} has the wrong types"
        if end < start:
            return f"编辑范围 {start}–{end} 的终点在起点之前", f"edit span {start}–{end} ends before it starts"
        if start < 0 or end > length:
            return (f"编辑范围 {start}–{end} 超出文本（0–{length}）",
                    f"edit span {start}–{end} lies outside the text (0–{length})")
    ordered = sorted(fix.edits, key=lambda e: (e.span.start, e.span.end))
    for first, second in zip(ordered, ordered[1:]):
        if second.span.start < first.span.end or first.span == second.span:
            return (f"编辑范围 {first.span.start}–{first.span.end} 与 {second.span.start}–{second.span.end} 重叠",
                    f"edit spans {first.span.start}–{first.span.end} and {second.span.start}–{second.span.end} "
                    "overlap")
    return None


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


class NotWritten(Exception):
    """A fixed report could not be written back; the file is unchanged."""

    def __init__(self, message_zh: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_zh = message_zh
        self.message_en = message_en


_TEMPORARY = ".gailint-tmp"


def write_atomic(path: Path, data: bytes) -> None:
    """Write a fixed report back: via a temporary file in the same directory and a rename, so
    that no reader ever sees a half-written report.

    * A symlink is written through: its target gets the new bytes, the link stays a link.
    * The file keeps its mode and its owner and group. When they cannot be given back to a
      new file (the caller may write the file but does not own it, and is not root), the bytes
      are written into the existing file instead, which keeps both (not atomic).
    * A read-only file (no write permission bit for anyone, e.g. mode 444) is not written,
      even by root: the user protected it. `NotWritten` says so; so does any other failure
      (a read-only directory, a full disk), with the file left as it was.
    """
    target = Path(os.path.realpath(path))
    try:
        status = target.stat()
    except OSError as error:
        raise _not_written(error) from None
    if not status.st_mode & 0o222:
        mode = f"{status.st_mode & 0o7777:o}"
        raise NotWritten(f"文件为只读（权限 {mode}），修复未写入", f"the file is read-only (mode {mode}); fixes not written")
    import tempfile  # lazily: most runs never need it

    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=_TEMPORARY,
                                             dir=target.parent)
    except OSError as error:
        raise _not_written(error) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fchmod(stream.fileno(), status.st_mode & 0o7777)
            if (status.st_uid, status.st_gid) != (os.geteuid(), os.getegid()):
                try:
                    os.fchown(stream.fileno(), status.st_uid, status.st_gid)
                except PermissionError:
                    stream.close()
                    os.unlink(temporary)
                    _write_in_place(target, data)
                    return
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except OSError as error:
        _remove(temporary)
        raise _not_written(error) from None
    except BaseException:
        _remove(temporary)
        raise


def _write_in_place(target: Path, data: bytes) -> None:
    try:
        with open(target, "r+b") as stream:
            stream.write(data)
            stream.truncate()
            stream.flush()
            os.fsync(stream.fileno())
    except OSError as error:
        raise _not_written(error) from None


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _not_written(error: OSError) -> NotWritten:
    reason = error.strerror or type(error).__name__
    return NotWritten(f"无法写入修复：{reason}", f"cannot write the fixes: {reason}")


def clean_leftovers(directory: Path) -> int:
    """Remove the temporary files a killed gailint left in `directory` (``.NAME.PID.xxxx.gailint-tmp``,
    written by `write_atomic`) whose process is gone; returns how many. Another running gailint's
    file is left alone, and anything that cannot be removed is ignored."""
    removed = 0
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return 0
    for entry in entries:
        name = entry.name
        if not (name.startswith(".") and name.endswith(_TEMPORARY)):
            continue
        pid = name[:-len(_TEMPORARY)].rsplit(".", 2)[-2] if name.count(".") >= 4 else ""
        if pid.isdigit() and _alive(int(pid)):
            continue
        try:
            os.unlink(entry.path)
            removed += 1
        except OSError:
            pass
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def unified_diff(path: str, before: str, after: str) -> str:
    import difflib  # lazily: most runs never need it

    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                        fromfile=f"a/{path}", tofile=f"b/{path}"))
