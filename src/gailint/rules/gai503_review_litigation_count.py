from __future__ import annotations

from .._lazy_re import lazy_compile
from ..diagnostics import Severity
from ..facts import NUMBER, UNIT, number_value, sentence_bounds
from ..rule import Rule

# "行政复议 351 件", "被提起行政诉讼2起", "行政诉讼案件7件"; not "复议后起诉", "行政复议结果纠正2件"
COUNT = lazy_compile(
    rf"(?P<kind>行政复议|行政诉讼)(?<!经....)(?!后)(?:案件|申请|事项)?(?:数量|数)?(?:共计|共|合计|总计)?(?:为|达)?"
    rf"(?P<n>{NUMBER})(?P<unit>{UNIT})")
ALL_UPHELD = lazy_compile(r"(?:均|全部|都)(?:获|被|予以|得到|已)?(?:依法)?维持")


def _group_total(values: tuple[int, ...], start: int) -> int:
    """A group's 总计, or the sum of its four parts when the printed total is 0 (a broken total)."""
    return values[start + 4] or sum(values[start:start + 4])


class ReviewLitigationCount(Rule):
    """正文所述复议、诉讼数量或结果与表三不符 — review and litigation counts or outcomes in the text contradict table 3.

    **What it checks.** "行政复议 N 件" in the prose is compared with table 3's
    行政复议 总计, and "行政诉讼 N 件" with the sum of the two 行政诉讼 总计
    (未经复议直接起诉 + 复议后起诉). A claim that all were upheld — "均获维持",
    "全部维持" — in a sentence about 复议 or 诉讼 is compared with that group's
    结果纠正, 其他结果 and 尚未审结 columns, which must then be 0. Counts of 0 are
    left to GAI502. Skipped when table 3 is missing or unreadable.

    **Why.** Format-spec §3.3 C3. The text summarises table 3 (条例 第五十条（三））;
    a different count or an "all upheld" claim while cases were corrected or
    are still pending misinforms readers.

    **Failing example** (seed 001's table 3 — all zeros — with a sentence added)::

        本年度发生政府信息公开行政复议1件，均获维持。

    **Passing example** (seed 001)::

        没有因政府信息公开申请引起的行政复议和行政诉讼。
    """

    code = "GAI503"
    name = "review-litigation-count"
    severity = Severity.WARNING
    summary = "正文所述复议、诉讼数量或结果与表三不符 / review or litigation counts in the text contradict table 3"

    def check(self, report, context):
        values = context.facts.table3_values
        if values is None:
            return
        review = _group_total(values, 0)
        suits = _group_total(values, 5) + _group_total(values, 10)
        for _, flat in context.facts.runs:
            text = flat.text
            for match in COUNT.finditer(text) if "行政" in text else ():  # 行政复议 or 行政诉讼
                count = number_value(match.group("n"))
                if not isinstance(count, int) or count == 0:
                    continue
                if match.group("kind") == "行政复议" and count != review:
                    yield context.diagnostic(
                        flat.span(match.start("n"), match.end("n")),
                        f"正文称行政复议 {count} 件，表三行政复议总计为 {review}",
                        f"the text gives {count} administrative review(s), table 3 has {review}")
                elif match.group("kind") == "行政诉讼" and count != suits:
                    yield context.diagnostic(
                        flat.span(match.start("n"), match.end("n")),
                        f"正文称行政诉讼 {count} 件，表三行政诉讼总计为 {suits}"
                        f"（{_group_total(values, 5)}+{_group_total(values, 10)}）",
                        f"the text gives {count} lawsuit(s), table 3 has {suits}")
            for match in ALL_UPHELD.finditer(text) if "维持" in text else ():
                start, end = sentence_bounds(text, match.start(), match.end())
                sentence = text[start:end]
                groups = []
                if "复议" in sentence:
                    groups.append(("行政复议", "review", values[1:4]))
                if "诉讼" in sentence:
                    groups.append(("行政诉讼", "litigation", values[6:9] + values[11:14]))
                bad = [(zh, en, sum(cells)) for zh, en, cells in groups if sum(cells)]
                if not bad:
                    continue
                yield context.diagnostic(
                    flat.span(match.start(), match.end()),
                    "正文称均获维持，但表三" + "，".join(f"{zh}有 {n} 件结果纠正、其他结果或尚未审结" for zh, _, n in bad),
                    "the text says all were upheld, but table 3 has " +
                    ", ".join(f"{n} {en} case(s) corrected, otherwise decided or pending" for _, en, n in bad))
