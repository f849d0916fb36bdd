from __future__ import annotations

from ..ast import Report, TemplateTable
from ..diagnostics import Severity
from ..rule import Rule
from ..template import TABLE1_2019_MARKERS
from ..text import normalize

_VERSION_NAMES = {"2019": ("2019 年试行格式（国办公开办函〔2019〕60号）", "the 2019 trial format"),
                  "pre2019": ("2019 年以前（2007 年条例）的统计表格式", "the pre-2019 (2007 条例) statistics format")}


def table_version(report: Report, table: TemplateTable) -> str | None:
    """The table's template version; for a table whose cells could not be separated,
    read from the telling labels of its raw text (国办公开办函〔2019〕60号 against 〔2021〕30号)."""
    if table.version is not None:
        return table.version
    text = normalize(report.text[table.table.span.start:table.table.span.end])
    if table.number == 1:
        if any(normalize(marker) in text for marker in TABLE1_2019_MARKERS):
            return "2019"
        return "2021" if "本年制发件数" in text or "现行有效件数" in text else None
    if table.number == 2:
        if "逾期不补正" in text or "收费通知" in text:
            return "2021"
        return "2019" if "其他处理" in text and "总计" in text else None
    return None


class OutdatedTemplate(Rule):
    """统计表使用了过时的模板 — a table uses an outdated template version.

    **What it checks.** The template version of each table is detected on
    its own: the 2019 trial format (国办公开办函〔2019〕60号:
    table 1 with 本年新制作数量 / 上一年项目数量 / 第二十条第（九）项, table 2
    with a single （六）其他处理 row) is right for reports on 2019 and 2020; from
    the 2021 report on, the 2021 format (国办公开办函〔2021〕30号) is required.
    The pre-2019 statistics table (指标名称 / 历年累计) is right only up to
    2018. A table in an older format than its report year allows is an
    error. Mixed templates occur (a 2021 table 1 with a 2019-style table 2):
    only the outdated table is reported. For table 2 the diagnostic points
    at （六）其他处理, where the 2021 sub-rows 1.–3. are missing. When the report
    year is unknown nothing is reported.

    **Why.** The 2021 template added the 信息处理费 row (申请人逾期未按收费通知要求
    缴纳费用) required by 国办函〔2020〕109号, and changed table 1's columns;
    an outdated table misstates what the agency must report.

    **Failing example** (a 2025 report, seed 001's table 2 in the 2019 format)::

        5.要求行政机关确认或重新出具已获取信息	0	0	0	0	0	0	0
        （六）其他处理	0	0	0	0	0	0	0
        （七）总计	1	0	0	0	0	0	1

    **Passing example** (seed 001)::

        5.要求行政机关确认或重新出具已获取信息	0	0	0	0	0	0	0
        （六）其他处理	1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请	0	0	0	0	0	0	0
        2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请	0	0	0	0	0	0	0
        3.其他	0	0	0	0	0	0	0
    """

    code = "GAI106"
    name = "outdated-template"
    severity = Severity.ERROR
    summary = "统计表使用了过时的模板 / a table uses an outdated template version"

    def check(self, report, context):
        year = context.facts.year
        if year is None:
            return
        for table in report.tables:
            version = table_version(report, table)
            outdated = (version == "pre2019" and year.value >= 2019) or (version == "2019" and year.value >= 2021)
            if not outdated:
                continue
            name_zh, name_en = _VERSION_NAMES[version]  # type: ignore[index]
            required_zh = "2021 年格式（国办公开办函〔2021〕30号）" if year.value >= 2021 else "2019 年试行格式"
            required_en = "the 2021 format" if year.value >= 2021 else "the 2019 trial format"
            span = table.table.span
            detail_zh, detail_en = "", ""
            other = table.row("other") if table.number == 2 else None
            if other is not None:
                span = other.span
                detail_zh = "：“（六）其他处理”是单独一行，缺少 2021 年格式的子项 1.–3.（含“逾期未按收费通知要求缴纳费用”）"
                detail_en = ": （六）其他处理 is a single row, without the 2021 sub-rows 1.–3. (incl. the unpaid-fee row)"
            yield context.diagnostic(
                span,
                f"{year.value} 年的报告中表{table.number}使用了{name_zh}，应使用{required_zh}{detail_zh}",
                f"table {table.number} of a {year.value} report uses {name_en}; {required_en} is required{detail_en}",
            )
