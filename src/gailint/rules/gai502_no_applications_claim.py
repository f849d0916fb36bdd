from __future__ import annotations

from .._lazy_re import lazy_compile
from ..diagnostics import Severity
from ..facts import NUMBER, UNIT, anchored_matches, number_value
from ..rule import Rule
from .gai501_application_count import application_counts

# "未收到政府信息公开申请", "未收到有关政府信息公开申请", "没有收到依申请公开", "无依申请公开";
# only words about applications may stand between the negation and 申请 (not "未发生逾期答复申请").
# The leading lookahead (every statement's first character) makes the pattern fail at once elsewhere.
NO_APPLICATIONS = lazy_compile(
    r"(?=[未没尚暂无])(?:(?:未|没有|尚未|暂未)(?:收到|接到|受理|接收|有)过?(?:任何|有关|相关)?的?"
    r"(?:政府信息公开|信息公开|依)?的?|无(?:依|政府信息公开)?)申请(?!人)")
_NO_APPLICATIONS_WINDOW = 15   # its longest words before 申请: 没有 收到 过 任何 的 政府信息公开 的
# "未发生因政府信息公开申请行政复议、提出行政诉讼的情况", "没有因…引起的行政复议和行政诉讼",
# "无政府信息公开申请行政复议、行政诉讼"
NO_REVIEWS = lazy_compile(
    r"(?:未发生|未出现|未收到|未接到|未产生|未有|没有发生|没有出现|没有收到|没有(?=因)"
    r"|无(?=因|涉及|政府信息|行政复议|行政诉讼))"
    r"[^。；;，,！？!?]{0,24}?(?:复议|诉讼)[^。；;，,！？!?]{0,24}")
# "行政复议0件", "行政诉讼案件 0 件" (not "行政复议结果纠正0件")
ZERO_REVIEWS = lazy_compile(
    rf"(?P<kind>复议|诉讼)(?<!经..)(?!后)(?:案件|申请|事项)?(?:数量|数)?(?:共计|共|合计|总计)?(?:为|达)?"
    rf"(?P<n>{NUMBER}){UNIT}")


def _clause(text: str, start: int) -> str:
    end = min((p for p in (text.find(stop, start) for stop in "。；;，,！？") if p >= 0), default=len(text))
    return text[start:end]


class NoApplicationsClaim(Rule):
    """正文称未收到申请或无复议诉讼，表格却不为零 — the text says there were none, the tables say otherwise.

    **What it checks.** Two statements of "none" against the tables:

    * the text says no applications were received — "未收到政府信息公开申请",
      "收到依申请公开事项0件" — while table 2's 一、本年新收 总计 is not 0;
    * the text says there was no 行政复议 or 行政诉讼 — "未发生因政府信息公开申请行政复议、
      提出行政诉讼的情况", "行政复议0件" — while table 3 has a non-zero number in
      the 行政复议 columns (or, for 诉讼, in either 行政诉讼 group).

    Statements that mention only 复议 are checked against the 复议 columns only,
    and likewise for 诉讼. Skipped when the table is missing or unreadable.

    **Why.** Format-spec §3.3 C4. "None" and a positive count cannot both be
    true, so one of them is wrong; the report tells the public two different
    things about its 条例 第五十条（二）（三） duties.

    **Failing example** (seed 002's sentence with table 2 of seed 004, which has 4 new applications)::

        2025年我局收到依申请公开事项0件，未发生因政府信息公开申请行政复议、提出行政诉讼的情况。

    **Passing example** (seed 000: the sentence and an all-zero table 2)::

        2025年，区卫生健康局未收到政府信息公开申请。
    """

    code = "GAI502"
    name = "no-applications-claim"
    severity = Severity.ERROR
    summary = "正文称无申请或无复议诉讼，表格却不为零 / the text says none, the tables say otherwise"

    def check(self, report, context):
        totals = context.facts.table2_totals
        reviews = context.facts.table3_values
        if totals is None and reviews is None:
            return
        for _, flat in context.facts.runs:
            text = flat.text
            if totals is not None and totals["new"] > 0:
                for start, end in self._no_applications(text):
                    yield context.diagnostic(
                        flat.span(start, end),
                        f"正文称未收到政府信息公开申请，但表二“本年新收”总计为 {totals['new']}",
                        f"the text says no applications were received, but table 2 'new' total is {totals['new']}",
                    )
            if reviews is not None:
                yield from self._reviews(text, flat, reviews, context)

    @staticmethod
    def _no_applications(text: str):
        if "申请" not in text:
            return  # both kinds of statement name 申请
        for match in anchored_matches(NO_APPLICATIONS, text, "申请", _NO_APPLICATIONS_WINDOW):
            clause = _clause(text, match.start())
            if "复议" in clause or "诉讼" in clause or "申请人" in clause[:match.end() - match.start() + 1]:
                continue
            yield match.start(), match.end()
        for match, count in application_counts(text):
            if count == 0:
                yield match.start(), match.end()

    @staticmethod
    def _reviews(text, flat, values, context):
        review = sum(values[0:4]) + values[4]
        suits = sum(values[5:9]) + values[9] + sum(values[10:14]) + values[14]
        if "复议" not in text and "诉讼" not in text:
            return  # every statement about reviews names one of them
        found: list[tuple[int, int, bool, bool]] = []
        for match in NO_REVIEWS.finditer(text):
            clause = match.group(0)
            found.append((match.start(), match.end(), "复议" in clause, "诉讼" in clause))
        for match in ZERO_REVIEWS.finditer(text):
            if number_value(match.group("n")) == 0:
                kind = match.group("kind")
                found.append((match.start(), match.end(), kind == "复议", kind == "诉讼"))
        found.sort()
        last_end = -1
        for start, end, says_review, says_suit in found:
            if start < last_end:
                continue
            last_end = end
            wrong = []
            if says_review and review:
                wrong.append(("行政复议", "administrative review", values[4] or sum(values[0:4])))
            if says_suit and suits:
                count = (values[9] or sum(values[5:9])) + (values[14] or sum(values[10:14]))
                wrong.append(("行政诉讼", "litigation", count))
            if not wrong:
                continue
            yield context.diagnostic(
                flat.span(start, end),
                "正文称无" + "、".join(w[0] for w in wrong) + "，但表三" +
                "，".join(f"{w[0]}为 {w[2]} 件" for w in wrong),
                "the text says there was no " + " or ".join(w[1] for w in wrong) + ", but table 3 has " +
                ", ".join(f"{w[2]} {w[1]} case(s)" for w in wrong),
            )
