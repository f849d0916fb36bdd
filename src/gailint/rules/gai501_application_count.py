from __future__ import annotations

from .._lazy_re import lazy_compile
from ..diagnostics import Severity
from ..facts import NUMBER, UNIT, number_value
from ..rule import Rule

# "（共）收到/受理/… … 申请 … N 件": a verb, up to 20 characters that hold no count, 申请, a short gap, the count.
_NUMERALS = "零〇一二两三四五六七八九十百千万"
APPLICATION_COUNT = lazy_compile(
    rf"(?:收到|受理|接收|接到|收悉|办理)(?:[^。；;，,！？!?\d{_NUMERALS}]{{0,20}}?)申请(?!人)"
    rf"(?:[^。；;，,！？!?\d]{{0,10}}?)(?P<n>{NUMBER})(?P<unit>{UNIT})")
_NEGATED = lazy_compile(r"[未没无不]")


def application_counts(flat_text: str):
    """(match, count) for every stated application count that is not negated ("未收到…")."""
    for match in APPLICATION_COUNT.finditer(flat_text):
        if _NEGATED.search(flat_text[max(0, match.start() - 3):match.start()]):
            continue
        count = number_value(match.group("n"))
        if isinstance(count, int):
            yield match, count


class ApplicationCount(Rule):
    """正文所述申请数量与表二不符 — the number of applications in the text does not match table 2.

    **What it checks.** A sentence in section 一 (normally its （二）依申请公开
    part) that states how many applications were received or handled —
    "收到/受理/办理……申请 N 件", in Arabic, full-width or Chinese numerals, even
    when a PDF line break splits it — is compared with table 2's 总计 column.
    Real reports count in any of three ways, so the number is accepted if it
    equals 一、本年新收, 一 + 二、上年结转, （七）总计, or （七）总计 + 四、结转下年度.
    A count of 0 is left to GAI502. Skipped when table 2 is missing or unreadable.

    **Why.** Format-spec §3.3 C1: the text and table 2 describe the same
    applications; a different number usually means a typo or a different scope
    (one office against the whole area), which the report should make clear.
    It is a warning: the text may legitimately count a narrower scope.

    **Failing example** (seed 004, the count changed from 4 to 5)::

        2025年共收到依申请公开5件,均已按照《中华人民共和国政府信息公开条例》按时答复办结。
        一、本年新收政府信息公开申请数量 | 4 | 0 | 0 | 0 | 0 | 0 | 4 | ||

    **Passing example** (seed 004)::

        2025年共收到依申请公开4件,均已按照《中华人民共和国政府信息公开条例》按时答复办结。
    """

    code = "GAI501"
    name = "application-count"
    severity = Severity.WARNING
    summary = "正文所述申请数量与表二不符 / the application count in the text does not match table 2"

    def check(self, report, context):
        totals = context.facts.table2_totals
        if totals is None:
            return
        new = totals["new"]
        accepted = {new}
        if "carried_over" in totals:
            accepted.add(new + totals["carried_over"])
        if "total" in totals:
            accepted.add(totals["total"])
            accepted.add(totals["total"] + totals.get("carried_forward", 0))
        described = "、".join(str(n) for n in sorted(accepted))
        for _, flat in ((1, f) for f in context.facts.runs_in(1)):
            for match, count in application_counts(flat.text):
                if count == 0 or count in accepted:
                    continue
                yield context.diagnostic(
                    flat.span(match.start("n"), match.end("n")),
                    f"正文称申请 {count} {match.group('unit')}，与表二不符（本年新收 {new}；"
                    f"可接受的数为 {described}）",
                    f"the text gives {count} applications, table 2 does not (new: {new}; "
                    f"accepted: {', '.join(str(n) for n in sorted(accepted))})",
                )
