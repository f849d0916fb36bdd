from __future__ import annotations

from ..diagnostics import Severity
from ..rule import Rule


class FixNotWritten(Rule):
    """修复未写入 — ``--fix`` could not write the fixed report back; the file is unchanged.

    **What it checks.** Nothing in the report: with ``gailint check --fix`` (or
    ``--unsafe-fixes``), when the fixed text cannot be written back, this
    diagnostic at line 1, column 1 says why, the file is left exactly as it was,
    its diagnostics are those of the unfixed file, the rest of the batch is
    checked and fixed, and the run exits with status 2. gailint writes through a
    symlink to its target and keeps the file's mode, owner and group. It does not
    write:

    * a read-only file (no write permission bit, e.g. mode ``444``) — not even
      as root: the user protected it; make it writable (``chmod u+w``) to fix it;
    * into a directory it may not create files in, or when the disk is full.

    **Why.** A fix that fails must not stop the batch with a traceback, nor be
    silent: the file still has the problems that were to be fixed.

    **Failing example.** ``report.txt:1:1: GAI010 文件为只读（权限 444），修复未写入``.

    **Passing example.** The same report with mode ``644``: the fixes are written.
    """

    code = "GAI010"
    name = "fix-not-written"
    severity = Severity.ERROR
    summary = "修复未写入 / the fixes could not be written back to the file"

    def check(self, report, context):
        return ()  # reported by the runner when writing a fixed file fails
