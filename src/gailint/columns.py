"""The column dictionary of ``gailint extract``: one stable column name per value of
tables 1–3, generated from the template data (`gailint.template`), plus the
report's metadata and the diagnostic counts per family.

Column names are a contract, like the template's row keys they are made from:
``t2_<row>_<applicant>`` (``t2_new_natural_person``, ``t2_outcome_partial_total``),
``t3_<group>_<result>`` (``t3_review_upheld``), ``t1_<row>_<column>``
(``t1_rules_issued``). ``docs/columns.md`` is generated from this module
(``gailint extract --write-columns docs/columns.md``); a test fails when it is stale.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import attrs

from .template import (
    TABLE1_BLOCKS, TABLE2_COLUMN_LABELS, TABLE2_COLUMNS, TABLE2_ROWS, TABLE2_SUBTOTALS, TABLE3_COLUMN_LABELS,
    TABLE3_COLUMNS, TABLE3_GROUP_LABELS,
)

__all__ = ["COLUMNS", "FAMILIES", "Column", "cell_columns", "family_of", "render_columns"]

DTYPES = ("string", "Int64", "Float64", "boolean", "date")


@attrs.frozen
class Column:
    """One column of the extract: its name, pandas dtype and meaning."""

    name: str
    dtype: str          # a pandas dtype name; "date" is an ISO date string (YYYY-MM-DD) in CSV and JSON
    doc: str
    table: int = 0      # 1–3 for a table value, 0 for metadata and counts
    row: str = ""       # the template row key (`gailint.template`)
    column: str = ""    # the template column key


# Row key → its part of the column name. The outcome rows of 三、本年度办理结果 get an
# ``outcome_`` prefix; the printed group subtotals （三）–（六） are the group's own name.
_T2_ROW = {
    "new": "new", "carried_over": "carried_over", "granted": "outcome_granted", "partly_granted": "outcome_partial",
    "other": "outcome_other", "total": "outcome_total", "carried_forward": "carried_forward",
}
_T2_APPLICANT = {"natural": "natural_person", "business": "business", "research": "research",
                 "nonprofit": "nonprofit", "legal": "legal_service", "other_org": "other_org", "total": "total"}
# Columns holding money (万元), not counts.
_AMOUNTS = {"fees_10k_yuan", "amount"}
_T1_COLUMN_DOCS = {
    "issued": "本年制发件数", "repealed": "本年废止件数", "in_force": "现行有效件数", "decisions": "本年处理决定数量",
    "fees_10k_yuan": "本年收费金额（万元）", "made": "本年新制作数量（2019 试行格式）",
    "published": "本年新公开数量（2019 试行格式）", "total_published": "对外公开总数量（2019 试行格式）",
    "last_year": "上一年项目数量（2019 试行格式）", "change": "本年增/减（2019 试行格式）",
    "projects": "采购项目数量（2019 试行格式）", "amount": "采购总金额（2019 试行格式）",
}

FAMILIES = {
    "GAI0": "input", "GAI1": "structure", "GAI2": "reconciliation", "GAI3": "dates", "GAI4": "fees",
    "GAI5": "text_tables", "GAI6": "citations", "GAI7": "cross_report",
}
_FAMILY_DOCS = {
    "input": "输入与表格可读性（GAI0xx）", "structure": "结构、模板行与单元格（GAI1xx）",
    "reconciliation": "表二、表三的勾稽关系（GAI2xx）", "dates": "年度、统计期限与发布时间（GAI3xx）",
    "fees": "信息处理费（GAI4xx）", "text_tables": "正文与表格的一致性（GAI5xx）",
    "citations": "引用与措辞（GAI6xx）", "cross_report": "跨报告检查：同一机关的多份报告（GAI7xx）",
    "plugin": "第三方插件规则（非 GAI 代码）",
}


def family_of(code: str) -> str:
    """The family column of a diagnostic code: ``GAI201`` → ``reconciliation``; a plugin's → ``plugin``."""
    return FAMILIES.get(code[:4], "plugin")


@functools.cache  # a pure function over the template's keys: a few hundred names in all
def t2_name(row: str, column: str) -> str:
    """``("partly_granted", "total")`` → ``t2_outcome_partial_total``."""
    group, _, member = row.partition(".")
    if not member:
        part = _T2_ROW[row]
    elif member == "subtotal":
        part = f"outcome_{group}"
    else:
        part = f"outcome_{group}_{member}"
    return f"t2_{part}_{_T2_APPLICANT[column]}"


@functools.cache  # a pure function over the template's keys: a few hundred names in all
def t1_name(row: str, column: str) -> str:
    """``("rules", "issued")`` → ``t1_rules_issued``; ``("fees", "fees_10k_yuan")`` → ``t1_fees_10k_yuan``."""
    return f"t1_{column}" if column.startswith(row + "_") else f"t1_{row}_{column}"


@functools.cache  # a pure function over the template's keys: a few hundred names in all
def t3_name(column: str) -> str:
    """``"review.upheld"`` → ``t3_review_upheld``."""
    return "t3_" + column.replace(".", "_")


def _t2_columns() -> Iterator[Column]:
    # the template's rows in order, then the group subtotals some reports print
    for spec in (*TABLE2_ROWS, *(spec for spec, _ in TABLE2_SUBTOTALS)):
        label = spec.label if spec.key != "other.subtotal" else "（六）其他处理（2021 模板中打印的小计）"
        if spec.key == "other":
            label = "（六）其他处理（2019 试行格式的单行）"
        elif spec.key.endswith(".subtotal") and spec.key != "other.subtotal":
            label = f"{spec.label}（报告打印的小计）"
        name_key = "other.subtotal" if spec.key == "other" else spec.key
        for column, applicant in zip(TABLE2_COLUMNS, TABLE2_COLUMN_LABELS):
            if spec.key == "other.subtotal":
                continue  # shares its column with the 2019 row （六）其他处理
            yield Column(t2_name(name_key, column), "Int64", f"表二 {label} · {applicant}", 2, spec.key, column)


def _t1_columns() -> Iterator[Column]:
    seen: dict[str, Column] = {}
    for version, blocks in TABLE1_BLOCKS.items():
        for block in blocks.values():
            for spec in block.rows:
                for column in block.columns:
                    name = t1_name(spec.key, column)
                    if name in seen:
                        continue
                    note = "" if version == "2021" or "2019" in _T1_COLUMN_DOCS[column] else "（2019 试行格式）"
                    seen[name] = Column(name, "Float64" if column in _AMOUNTS or spec.key == "fees" else "Int64",
                                        f"表一 第二十条第（{block.item}）项 {spec.label}{note} · {_T1_COLUMN_DOCS[column]}",
                                        1, spec.key, column)
    yield from seen.values()


def _t3_columns() -> Iterator[Column]:
    for column in TABLE3_COLUMNS:
        group, result = column.split(".")
        yield Column(t3_name(column), "Int64", f"表三 {TABLE3_GROUP_LABELS[group]} · {TABLE3_COLUMN_LABELS[result]}",
                     3, "values", column)


METADATA = (
    Column("file", "string", "文件路径（与 gailint check 的输出一致）"),
    Column("agency", "string", "机关名称：取自标题，否则取自前言（“由……编制”），去空白、NFKC 规范化"),
    Column("agency_source", "string", "机关名称的来源：title 或 preamble"),
    Column("level", "string", "机关层级：省 / 市 / 县 / 乡镇 / 部门（由名称推断）"),
    Column("level_inferred", "boolean", "层级是否为推断所得（目前总为 true：报告本身不写层级）"),
    Column("year", "Int64", "报告年度：取自标题，否则取自统计期限"),
    Column("template", "string", "模板版本：2021（国办公开办函〔2021〕30号）、2019（试行格式）或 pre2019"),
    Column("period_start", "date", "统计期限起始日"),
    Column("period_end", "date", "统计期限截止日"),
    Column("published", "date", "发布日期（页面的发布时间，或落款日期），未写明则为空"),
)

COUNTS = tuple(Column(f"n_{family}", "Int64", f"诊断数：{doc}") for family, doc in _FAMILY_DOCS.items())

# Every column, in output order.
COLUMNS: tuple[Column, ...] = (*METADATA, *_t1_columns(), *_t2_columns(), *_t3_columns(), *COUNTS)


def cell_columns() -> tuple[Column, ...]:
    """The columns that hold table values."""
    return tuple(column for column in COLUMNS if column.table)


def render_columns() -> str:
    """docs/columns.md."""
    lines = ["# Columns of `gailint extract`", "",
             "Generated from the template data by `gailint extract --write-columns docs/columns.md`;",
             "do not edit by hand. One row per report. A cell that is absent, blank, damaged or",
             "unreadable is empty (null), never 0; so is a row of glued cells (a scraped page) that",
             "only a \"most plausible\" split could read, while glued cells the template's relations",
             "determine uniquely (GAI009) are given. `date` columns are ISO dates (`YYYY-MM-DD`);",
             "in pandas read them with `parse_dates`. `Int64`, `Float64`, `boolean` and `string`",
             "are pandas' nullable dtypes (`gailint.columns.pandas_dtypes()` gives the mapping).", "",
             "| column | dtype | meaning |", "|---|---|---|"]
    lines += [f"| `{c.name}` | {c.dtype} | {c.doc} |" for c in COLUMNS]
    return "\n".join(lines) + "\n"


def pandas_dtypes() -> dict[str, str]:
    """`dtype=` for ``pandas.read_csv``; the date columns are left to ``parse_dates``."""
    return {c.name: c.dtype for c in COLUMNS if c.dtype != "date"}
