from __future__ import annotations

from ..columns import cell_columns
from ..crossreport import CrossReportRule
from ..diagnostics import Severity


class ConflictingReports(CrossReportRule):
    """同一机关同一年度的两份报告数据不一致 — two reports of one agency for one year disagree.

    **What it checks.** Across the reports of one agency checked in the same run
    (cross-report rule): when two reports state the same year (a republished or
    corrected report, or the same report from two sources), every table value
    both state readably must be equal. The second report (by file name) gets one
    diagnostic, at its first differing cell, naming the other file, the other
    value and how many values differ. Values one of them does not state are not
    compared.

    **Why.** Two versions of one year's figures cannot both be right; the
    reviewer must find out which one is published and valid.

    **Failing example.** ``a.txt`` and ``b.txt`` are both 淮安市人民政府's 2024
    report; ``b.txt`` gives 一、本年新收 (自然人) as 501, ``a.txt`` as 500:
    ``同一机关 2024 年度的另一份报告 a.txt 中该值为 500，本报告为 501（共 1 处不一致）``.

    **Passing example.** Both files give the same figures (e.g. the same report
    extracted twice).
    """

    code = "GAI703"
    name = "conflicting-reports"
    severity = Severity.WARNING
    summary = "同一机关同一年度的两份报告数据不一致 / two reports of one agency and year disagree"

    def check_reports(self, reports, context):
        columns = [column.name for column in cell_columns()]
        first_of_year = {}
        for report in reports:
            other = first_of_year.setdefault(report.year, report)
            if other is report:
                continue
            differing = [name for name in columns if report.value(name) is not None
                         and other.value(name) is not None and report.value(name) != other.value(name)]
            if not differing:
                continue
            name = differing[0]
            yield context.diagnostic(
                report, report.cell(name),
                f"同一机关 {report.year} 年度的另一份报告 {other.file} 中该值（{name}）为 {other.value(name)}，"
                f"本报告为 {report.value(name)}（共 {len(differing)} 处不一致）",
                f"another {report.year} report of this agency, {other.file}, gives {name} as {other.value(name)}, "
                f"this one {report.value(name)} ({len(differing)} values differ)")
