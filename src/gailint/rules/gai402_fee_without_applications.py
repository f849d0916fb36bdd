from __future__ import annotations

from ..diagnostics import Severity
from ..rule import Rule


class FeeWithoutApplications(Rule):
    """收取了信息处理费但本年无申请 — fees said to be collected while table 2 shows no applications.

    **What it checks.** When section 六 says an amount of 信息处理费 greater
    than 0 was collected ("全年收取政府信息公开信息处理费 3940 元"), table 2
    must show applications: 一、本年新收 and 二、上年结转 (总计 column) cannot
    both be 0. Checked only when table 2 was read completely. Table 1's
    （八）行政事业性收费 is a different charge and is not compared.

    **Why.** The 信息处理费 is charged on 政府信息公开申请 only (国办函〔2020〕109号
    第二条); with no application received or carried over, none can have been
    collected.

    **Failing example** (seed 002, which received no applications, with a fee added)::

        六、其他需要报告的事项
        2025年卫健局收取信息处理费 200 元，无其他需要报告的事项。

    **Passing example** (seed 002)::

        六、其他需要报告的事项
        2025年卫健局未收取信息处理费，无其他需要报告的事项。
    """

    code = "GAI402"
    name = "fee-without-applications"
    severity = Severity.ERROR
    summary = "收取了信息处理费但本年无申请 / fees collected but table 2 shows no applications"

    def check(self, report, context):
        collected = next((m for m in context.facts.fees if m.collected and m.amount_span is not None), None)
        if collected is None:
            return
        table = report.table(2)
        if table is None or not table.checkable:
            return
        new, carried = table.row("new"), table.row("carried_over")
        if new is None or carried is None:
            return
        values = (new.value(6), carried.value(6))
        if any(v is None or v != 0 for v in values):
            return
        amount = f"{collected.amount.normalize():f}"
        yield context.diagnostic(
            collected.amount_span,
            f"第六部分称收取信息处理费 {amount} 元，但表二“本年新收”和“上年结转”申请均为 0",
            f"section 六 says {amount} yuan of 信息处理费 was collected, but table 2 shows no new "
            "and no carried-over applications",
        )
