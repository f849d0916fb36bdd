from __future__ import annotations

from .._lazy_re import lazy_compile
from ..ast import Span
from ..collapsed import splits
from ..diagnostics import Severity
from ..facts import NUMBER, number_value
from ..rule import Rule

# (row key, column, column name, pattern): "本年度制发的规范性文件77件", "现行有效行政规范性文件393件"
_CLAIMS = (
    ("normative_documents", 0, "本年制发件数",
     lazy_compile(rf"(?:制发|印发|出台|制定|发布)(?:(?!现行|有效|废止)[^。；;，,0-9]){{0,8}}?(?:行政)?规范性文件(?:共|计|共计)?(?P<n>{NUMBER})件")),
    ("normative_documents", 1, "本年废止件数",
     lazy_compile(rf"废止[^。；;，,0-9]{{0,8}}?(?:行政)?规范性文件(?:共|计|共计)?(?P<n>{NUMBER})件")),
    ("normative_documents", 2, "现行有效件数",
     lazy_compile(rf"现行有效(?:的)?(?:行政)?规范性文件(?:共|计|共计)?(?P<n>{NUMBER})件")),
    ("rules", 0, "本年制发件数",
     lazy_compile(rf"(?:制发|制定|出台)[^。；;，,0-9]{{0,8}}?规章(?:共|计|共计)?(?P<n>{NUMBER})件")),
)
_NAMES = {"normative_documents": "行政规范性文件", "rules": "规章"}
# The word every claim of a row holds: prose without it is not searched.
_WORDS = {"normative_documents": "规范性文件", "rules": "规章"}
_NAMES_EN = {"normative_documents": "normative documents", "rules": "rules (规章)"}
_COLUMNS_EN = {"本年制发件数": "made this year", "本年废止件数": "repealed this year", "现行有效件数": "in force"}


class Table1Text(Rule):
    """正文所述规范性文件、规章数量与表1不符 — the text's counts of 规范性文件 and 规章 contradict table 1.

    **What it checks.** Where the prose states how many 行政规范性文件 (or 规章) were
    made, repealed or are in force this year — "本年度制发的规范性文件77件",
    "废止规范性文件5件", "现行有效行政规范性文件393件" — the number is compared with
    the matching cell of table 1 (第二十条第（一）项: 本年制发件数, 本年废止件数,
    现行有效件数). Where the row's cells were glued and can be read several ways
    (GAI002), the statement is checked against every reading: it is reported
    only when no reading gives its number. Only the 2021 template's columns are
    compared (the 2019 trial format counts differently).

    **Why.** The text and table 1 describe the same documents (条例第二十条第（一）项);
    a different number means one of them is wrong. It is a warning: the text may
    count a narrower scope (one office against the whole area).

    **Failing example** (seed 001, a sentence added; its table 1 has 0 行政规范性文件)::

        二、主动公开政府信息情况
        本年度制发行政规范性文件3件。
        第二十条第（一）项
        信息内容	本年制发件数	本年废止件数	现行有效件数
        规章	0	0	0
        行政规范性文件	0	0	0

    gives ``正文称本年制发行政规范性文件 3 件，表1为 0``.

    **Passing example** (the same sentence with 0 件, or no such sentence).
    """

    code = "GAI507"
    name = "table1-text"
    severity = Severity.WARNING
    summary = "正文所述规范性文件、规章数量与表1不符 / the text's counts of 规范性文件 and 规章 contradict table 1"

    def check(self, report, context):
        table = report.table(1)
        if table is None or table.version != "2021":
            return
        readings = {}
        for key in _NAMES:
            row = table.row(key)
            if row is not None and row.complete:
                readings[key] = ([row.value(c) for c in range(row.expected)], None)
            else:
                glued = _glued_run(table, key)
                if glued is not None:
                    readings[key] = (None, glued)
        for flat in (flat for _, flat in context.facts.runs):
            for key, column, column_name, pattern in _CLAIMS:
                if key not in readings or _WORDS[key] not in flat.text:
                    continue
                values, glued = readings[key]
                for match in pattern.finditer(flat.text):
                    stated = number_value(match.group("n"))
                    if not isinstance(stated, int):
                        continue
                    where = flat.span(match.start("n"), match.end("n"))
                    name = _NAMES[key]
                    if values is not None and values[column] is not None and values[column] != stated:
                        yield context.diagnostic(
                            where,
                            f"正文称{name}（{column_name}）{stated} 件，表1为 {values[column]}",
                            f"the text gives {stated} {_NAMES_EN[key]} {_COLUMNS_EN[column_name]}, "
                            f"table 1 has {values[column]}")
                    elif glued is not None and all(s[column].value.number != stated for s in glued[1]):
                        yield context.diagnostic(
                            where,
                            f"正文称{name}（{column_name}）{stated} 件，但表1该行单元格粘连为“{glued[0]}”，"
                            f"无论如何拆分都得不到 {stated}",
                            f"the text gives {stated} {_NAMES_EN[key]} {_COLUMNS_EN[column_name]}, but no reading "
                            f"of table 1's glued row '{glued[0]}' gives {stated}")


def _glued_run(table, key: str):
    """(run text, its readings) of a table-1 row reported as ambiguous (glued), else None."""
    label = _NAMES[key]
    for problem in table.problems:
        if problem.kind != "ambiguous" or f"“{label}”" not in problem.detail_zh:
            continue
        for line in table.table.lines:
            if line.span.start == problem.span.start and len(line.cells) == 2:
                found = splits(line.cells[1:], 3)
                return (line.cells[1].text, found) if found else None
    return None
