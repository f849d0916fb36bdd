from __future__ import annotations

from ..columns import t2_name
from ..crossreport import CrossReportRule, consecutive
from ..diagnostics import Severity
from ..template import TABLE2_COLUMN_LABELS, TABLE2_COLUMNS


class CarriedOver(CrossReportRule):
    """上年结转与上年报告的结转下年度不一致 — this year's carried-over applications differ from
    last year's carried-forward ones.

    **What it checks.** Across the reports of one agency checked in the same run
    (cross-report rule): for each applicant column of table 2, this year's
    ``二、上年结转政府信息公开申请数量`` must equal the previous year's
    ``四、结转下年度继续办理``. The applications an agency
    carries forward at the end of a year are the ones it carries over into the
    next. One diagnostic per pair of reports, at this year's first differing cell;
    the message names last year's file and value and lists every differing column.
    Only consecutive years are compared, and only values read with certainty.

    **Why.** A break in the chain means one of the two reports misstates its
    workload: applications were lost or invented between the years.

    **Failing example.** In 2024, ``四、结转下年度继续办理`` is ``2 0 0 0 0 0 2``; in
    the 2025 report of the same agency::

        二、上年结转政府信息公开申请数量		0	0	0	0	0	0	0

    gives ``上年结转（自然人）为 0，与上年报告 2024.txt 的“结转下年度继续办理” 2 不一致``.

    **Passing example.** The 2025 row reads ``2 0 0 0 0 0 2``.
    """

    code = "GAI701"
    name = "carried-over"
    severity = Severity.WARNING
    summary = "上年结转与上年报告的结转下年度不一致 / carried-over ≠ last year's carried-forward"

    def check_reports(self, reports, context):
        for previous, current in consecutive(reports, adjacent=True):
            differing = []
            for column, label in zip(TABLE2_COLUMNS, TABLE2_COLUMN_LABELS):
                now = current.value(t2_name("carried_over", column))
                before = previous.value(t2_name("carried_forward", column))
                if now is not None and before is not None and now != before:
                    differing.append((column, label, now, before))
            if not differing:
                continue
            column, label, now, before = differing[0]
            others = "".join(f"、{lab} {n}≠{b}" for _, lab, n, b in differing[1:])
            others_en = "".join(f", {col} {n}≠{b}" for col, _, n, b in differing[1:])
            yield context.diagnostic(
                current, current.cell(t2_name("carried_over", column)),
                f"上年结转（{label}）为 {now}，与上年报告 {previous.file}（{previous.year} 年）的“结转下年度继续办理” "
                f"{before} 不一致" + (f"（另有{others[1:]}）" if others else ""),
                f"carried over ({column}) is {now}, but last year's report {previous.file} ({previous.year}) "
                f"carried forward {before}" + (f" (also{others_en[1:]})" if others_en else ""))
