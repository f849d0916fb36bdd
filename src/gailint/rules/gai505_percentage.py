from __future__ import annotations

from decimal import Decimal

from .._lazy_re import lazy_compile
from ..diagnostics import Severity
from ..facts import NUMBER, UNIT, anchored_matches, number_value
from ..rule import Rule

# "予以公开及部分公开42件，占51.85%"
PERCENT = lazy_compile(
    rf"(?P<label>[^，,。；;：:、（）()\d%％]{{0,16}}?)(?P<n>{NUMBER})(?P<unit>{UNIT})[，,]?"
    r"(?:占|占比|占比为|所占比例为|比例为)(?:总数的|全部的|总量的)?(?P<pct>\d+(?:\.\d+)?)[%％]")
# The base a 其中-list refers to: "办结依申请公开81件，其中"
_BASE = lazy_compile(rf"(?P<n>{NUMBER})(?P<unit>{UNIT})[，,。；;]?其中")
# The anchor of a percentage: either sign, in one pass (a pass per sign missed a "%" percentage after
# a "％" one in the same window: the search found the "％" one first and passed over the other).
_PERCENT_SIGN = lazy_compile(r"[%％]")
_OUTCOMES = lazy_compile(r"予以公开|部分公开|不予公开|无法提供|不予处理|其他处理")
_LOOKBACK = 400
_BASE_WINDOW = 60  # the longest "N件，" before 其中: a base is searched for only there
_WINDOW = 120  # the longest "label N件，占Y%" before its percent sign


def _agrees(percent: Decimal, count: int, base: int) -> bool:
    """True if `percent` is count/base rounded or truncated to its printed decimals."""
    if base <= 0:
        return False
    exponent = percent.as_tuple().exponent
    step = Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)
    actual = Decimal(count) * 100 / Decimal(base)
    return abs(actual - percent) <= step


class Percentage(Rule):
    """百分比与数量不符 — a percentage in the text does not match its count.

    **What it checks.** "N 件，占 Y%" in the prose: Y must be N divided by the
    base, rounded or truncated to the decimals printed. The base is the number
    the surrounding list is "其中" of ("办结81件，其中：……42件，占51.85%"), and, for
    an application outcome (予以公开, 不予公开, 无法提供, …), also table 2's
    （七）总计. When neither base is known the percentage is not checked.

    **Why.** Format-spec §3.3 C2: percentages in the text should equal the
    count over the total; a wrong one is a calculation or copy error.

    **Failing example** (a 其中 list in the style of seed 001, 54 of 98 is 55.10%)::

        主动公开各类文件信息共 98 条，其中，重点领域类信息 54 条，占 45.10%。

    **Passing example**::

        主动公开各类文件信息共 98 条，其中，重点领域类信息 54 条，占 55.10%。
    """

    code = "GAI505"
    name = "percentage"
    severity = Severity.WARNING
    summary = "百分比与数量不符 / a percentage in the text does not match its count"

    def check(self, report, context):
        totals = context.facts.table2_totals
        handled = totals.get("total") if totals else None
        for _, flat in context.facts.runs:
            text = flat.text
            if "%" not in text and "％" not in text:
                continue
            for match in anchored_matches(PERCENT, text, _PERCENT_SIGN, _WINDOW):
                count = number_value(match.group("n"))
                percent = Decimal(match.group("pct"))
                if not isinstance(count, int):
                    continue
                bases = []
                base = self._base(text, match.start("n"), match.group("unit"))
                if base is not None:
                    bases.append(base)
                if handled and _OUTCOMES.search(match.group("label")):
                    bases.append(handled)
                if not bases or any(_agrees(percent, count, b) for b in bases):
                    continue
                expected = "、".join(f"{Decimal(count) * 100 / b:.2f}%（{count}/{b}）" for b in bases if b)
                yield context.diagnostic(
                    flat.span(match.start("pct"), match.end("pct") + 1),
                    f"百分比 {percent}% 与数量不符，应为 {expected}",
                    f"percentage {percent}% does not match the count; expected {expected}",
                )

    @staticmethod
    def _base(text: str, end: int, unit: str) -> int | None:
        """The count of the nearest preceding "N unit，其中" in the same paragraph-run."""
        window_start = max(0, end - _LOOKBACK)
        base = None
        for match in anchored_matches(_BASE, text, "其中", _BASE_WINDOW, window_start, end):
            if match.group("unit") == unit:
                base = number_value(match.group("n"))
        return base if isinstance(base, int) else None
