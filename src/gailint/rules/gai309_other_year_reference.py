from __future__ import annotations

from .._lazy_re import lazy_compile
from ..ast import Paragraph, Span, SubHeading
from ..diagnostics import Severity
from ..rule import Rule

# "编制完成2023年度政府信息公开工作年度报告", "2023年政府信息公开年报"
_NAMED_REPORT = lazy_compile(r"(?=\d)(?<!\d)(\d{4})\s*年度?\s*(?:政府信息公开|政务公开)?(?:工作)?\s*(?:年度报告|年报)")
_THIS_REPORT = lazy_compile(r"编\s*制|本\s*报\s*告|现\s*将|现\s*予|现\s*发\s*布|特\s*此|向\s*社\s*会\s*公\s*布")
# "2022年，", "2022 年度,", at the start of a paragraph or of the text after a sub-heading's title
_OPENING = lazy_compile(r"(\d{4})\s*年度?\s*[，,]")
_COMPARISON = lazy_compile(r"同\s*比|较\s*上\s*年|比\s*上\s*年|上\s*年\s*度|上\s*一\s*年|去\s*年|相\s*比|增\s*长|下\s*降|减\s*少|以\s*来")
_TITLE = lazy_compile(r"《[^《》]{0,120}》")
_TITLE_STOP = lazy_compile(r"[。：:]")
_SENTENCE_STOP = lazy_compile(r"[。；;！？]")
_STOP = lazy_compile(r"[。；;！？!?]")


_CITED = lazy_compile(r"通知|办法|条例|意见|要点|方案|决定|规定|函")


def _in_cited_title(text: str, position: int) -> bool:
    """True when `position` lies inside 《…》 naming another document (a notice, a rule):
    such a title names its own year ("《关于做好2022年政府信息公开工作年度报告…的通知》")."""
    return any(m.start() < position < m.end() and _CITED.search(m.group()) for m in _TITLE.finditer(text))


class OtherYearReference(Rule):
    """正文把报告年度写成了另一年 — the report names another year where its own is meant.

    **What it checks.** Two places where a year copied from another year's report
    shows:

    * a sentence of the preamble or body that speaks of compiling or publishing
      *this* report (编制, 本报告, 现将…公布) and names it by another year —
      "我区编制完成了2023年度政府信息公开工作年度报告" in the 2022 report, or
      "现发布《…2024 年政府信息公开工作年度报告》" in the 2025 one. The title of a
      cited notice or rule in 《》 is left alone: it names its own year;
    * a paragraph of the body (or the text after a sub-heading's title) that opens
      with the previous year — "2022年，…共制定规范性文件0件" in the 2023 report —
      unless the sentence compares years (同比, 较上年, 上年度, 增长, 以来 …).

    The report's year is read from its title (else the statistical period).

    **Why.** Reports are often drafted from the previous year's text; a year left
    unchanged states last year's facts as this year's, and the report on year Y
    is about Y alone (条例第四十九条: each report covers the 上一年度).

    **Failing example** (seed 001, the 2025 report, its opening year changed)::

        一、总体情况
        2024 年，在区委、区政府的坚强领导下，区卫健局严格落实《中华人民共和国政府信息公开条例》……

    **Passing example** (seed 001)::

        一、总体情况
        2025 年，在区委、区政府的坚强领导下，区卫健局严格落实《中华人民共和国政府信息公开条例》……
    """

    code = "GAI309"
    name = "other-year-reference"
    severity = Severity.WARNING
    summary = "正文把报告年度写成了另一年 / the text names another year where the report's own is meant"

    def check(self, report, context):
        year = context.facts.year
        if year is None:
            return
        own = year.value
        title = report.title.span if report.title is not None else Span(-1, -1)
        for text, offset in context.facts.prose:
            if title.start <= offset < title.end:
                continue
            yield from self._named(text, offset, own, context)
        for block in report.blocks():
            if not isinstance(block, (Paragraph, SubHeading)) or not report.sections:
                continue
            if block.span.start < report.sections[0].span.start:
                continue  # the preamble: only the report's name is checked there
            yield from self._opening(report, block, own, context)

    @staticmethod
    def _named(text, offset, own, context):
        if "年报" not in text and "年度报告" not in text:
            return  # every name of a report holds one of them
        for sentence_start, sentence in _sentences(text):
            if not _THIS_REPORT.search(sentence):
                continue
            for match in _NAMED_REPORT.finditer(sentence):
                named = int(match.group(1))
                if named == own or not 2000 <= named <= 2100 or _in_cited_title(sentence, match.start()):
                    continue
                at = offset + sentence_start + match.start(1)
                yield context.diagnostic(
                    Span(at, at + 4),
                    f"本报告为 {own} 年度报告，此处却称“{named}年度…年度报告”，年份应为 {own}",
                    f"this is the {own} report, but the text names the '{named}' report here; the year should be {own}",
                )

    @staticmethod
    def _opening(report, block, own, context):
        text = report.text[block.span.start:block.span.end]
        starts = [len(text) - len(text.lstrip(" \u3000\t\r\n*"))]
        if isinstance(block, SubHeading):
            first_stop = _TITLE_STOP.search(text)
            if first_stop is not None:
                starts = [first_stop.end()]
        for start in starts:
            match = _OPENING.match(text, start)
            if match is None or int(match.group(1)) != own - 1:
                continue
            stop = _SENTENCE_STOP.search(text[match.end():])
            sentence = text[start:match.end() + (stop.end() if stop else len(text))]
            if _COMPARISON.search(sentence):
                continue
            at = block.span.start + match.start(1)
            yield context.diagnostic(
                Span(at, at + 4),
                f"本报告为 {own} 年度报告，此段却以“{own - 1}年”开头，应为 {own} 年",
                f"this is the {own} report, but the paragraph opens with '{own - 1}'; {own} is meant",
            )


def _sentences(text: str):
    start = 0
    for match in _STOP.finditer(text):
        yield start, text[start:match.end()]
        start = match.end()
    if start < len(text):
        yield start, text[start:]
