from __future__ import annotations

from ..diagnostics import Severity
from ..rule import Rule


class Undecodable(Rule):
    """文件无法读取或解码 — the file could not be read or decoded.

    **What it checks.** gailint reads UTF-8 (with or without BOM), GB18030/GBK and
    UTF-16/UTF-32 with a BOM. A file in another encoding, a binary file (a .doc or
    .pdf saved with a .txt name) or a file that cannot be opened is reported here,
    at line 1, column 1, and the rest of the batch is still checked.

    **Why.** A report that cannot be read cannot be checked; saying so beats
    silently skipping it.

    **Failing example.** A Word ``.doc`` renamed to ``report.txt``:
    ``report.txt:1:1: GAI001 文件含有 NUL 字节，像是二进制文件而非文本报告``.

    **Passing example.** The same report saved as "纯文本 (UTF-8)".
    """

    code = "GAI001"
    name = "undecodable"
    severity = Severity.ERROR
    summary = "文件无法读取或解码 / the file cannot be read or decoded"

    def check(self, report, context):
        return ()  # reported by the engine before parsing
