from __future__ import annotations

from ..diagnostics import Severity
from ..rule import Rule


class FileTooLarge(Rule):
    """文件过大，未检查 — the file is larger than the size guard and was skipped.

    **What it checks.** Before decoding, the engine compares the file's size with
    the size guard: ``max-file-size`` in the configuration (bytes; default
    1,048,576 = 1 MiB, sixty times the largest real report seen) or
    ``gailint check --max-file-size BYTES``. A larger file is not parsed; this
    diagnostic says so at line 1, column 1, the rest of the batch is checked,
    and — as for an unreadable file — ``gailint check`` exits with status 2.
    ``max-file-size = 0`` (or ``--max-file-size 0``) turns the guard off, and so
    does disabling this rule (``ignore = ["GAI008"]``): a file is never skipped
    silently.

    **Why.** A multi-megabyte "report" is almost always a mistake (a whole
    archive pasted into one file, a binary dump); skipping it visibly keeps a
    batch over thousands of reports fast and its memory flat.

    **Failing example.** A 5 MB file:
    ``big.txt:1:1: GAI008 文件过大（5,000,000 字节，上限 1,048,576 字节），未检查；可调整配置项 max-file-size``.

    **Passing example.** A report of 17 KB, or the same 5 MB file checked with
    ``--max-file-size 0``.
    """

    code = "GAI008"
    name = "file-too-large"
    severity = Severity.ERROR
    summary = "文件过大，未检查 / the file is larger than the size guard and was not checked"

    def check(self, report, context):
        return ()  # reported by the engine before decoding
