from __future__ import annotations

from typing import Literal

from .._lazy_re import lazy_compile
from ..ast import Heading, Report, Span
from ..diagnostics import Edit, Fix, Severity
from ..facts import Facts
from ..rule import Rule
from ..template import SECTION_HEADING_TYPOS, SECTION_HEADING_VARIANTS, SECTION_HEADINGS
from ..text import nfkc, normalize

Kind = Literal["canonical", "punctuation", "variant", "typo", "other"]

_SPACES = lazy_compile(r"[\s\u3000*]+")
_YEAR = lazy_compile(r"^\d{4}年度?")
_COMMAS = str.maketrans({",": "、", "，": "、"})
_SEPARATOR = lazy_compile(r"[一二三四五六七八九][ \u3000]*([、，,．.])")
_COLON = lazy_compile(r"[:：]")

_REASONS = {
    "punctuation": ("标点不规范", "non-standard punctuation"),
    "variant": ("模板标题的变体", "a variant of the template heading"),
    "typo": ("疑似错字", "apparently a typo"),
    "other": ("与模板标题不一致", "differs from the template heading"),
}


def follows_template(report: Report, facts: Facts) -> bool:
    """True when the report should follow the 2019/2021 template: its year is 2019 or later,
    or, the year unknown, nothing marks it as a pre-2019 (2007 条例) report (spec §5.2)."""
    year = facts.year
    if year is not None:
        return year.value >= 2019
    if any(table.version == "pre2019" for table in report.tables):
        return False
    first = report.section(1)
    return not (first is not None and "概述" in normalize(first.heading.text))


def heading_key(text: str) -> str:
    """The form headings are compared on: NFKC, no spaces or markdown emphasis, no trailing colon."""
    return _SPACES.sub("", nfkc(text)).rstrip(":")


def classify(number: int, text: str) -> Kind | None:
    """How a heading text relates to the template heading of section `number` (None: no such section)."""
    if number not in SECTION_HEADINGS:
        return None
    canonical = SECTION_HEADINGS[number][0]
    key = heading_key(text)
    if key == canonical:
        return "canonical"
    if key.translate(_COMMAS) == canonical:
        return "punctuation"
    bare = _YEAR.sub("", key)
    variants = {heading_key(v) for v in SECTION_HEADING_VARIANTS.get(number, ())}
    if bare == canonical or key in variants or bare in variants:
        return "variant"
    typos = {heading_key(v) for v in SECTION_HEADING_TYPOS.get(number, ())}
    if bare in typos or _distance(bare, canonical, 3) <= (2 if len(canonical) >= 6 else 1):
        return "typo"
    return "other"


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, capped at `limit` (the strings are short headings)."""
    if abs(len(a) - len(b)) >= limit:
        return limit
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return min(previous[-1], limit)


def separator_span(report: Report, heading: Heading) -> Span | None:
    """Where the punctuation after the numeral (一、) is, if it can be found."""
    start = heading.span.start
    match = _SEPARATOR.search(report.text, start, heading.text_span.start)
    if match is None:
        return None
    return Span(match.start(1), match.end(1))


class SectionHeading(Rule):
    """章节标题与模板不一致 — a section heading is not the template's wording.

    **What it checks.** The six section headings of a report written to the
    national template (2019 trial or 2021 format) are compared with the
    template's exact wording (国办公开办函〔2021〕30号): 一、总体情况 /
    二、主动公开政府信息情况 / 三、收到和处理政府信息公开申请情况 /
    四、政府信息公开行政复议、行政诉讼情况 / 五、存在的主要问题及改进情况 /
    六、其他需要报告的事项. A heading that differs is reported with the reason:
    a variant seen in real reports (改进措施 for 改进情况, 其他报告事项, a
    year put in front such as 2023年政务公开总体情况; spec §7), an apparent
    typo (行政法复议, 改情况, 其进他), or non-standard punctuation (一.总体情况,
    a comma where the template has 、). The fix rewrites only the heading
    text and the numeral's punctuation — never ``#`` or ``**`` decoration.
    It is *safe* for variants, typos and punctuation, and *unsafe* when the
    heading is something else entirely. Text after a colon (``六、其他需要报告的
    事项：无``) is kept. Reports for years before 2019 (2007 条例 format, whose
    sections differ, spec §5.2) are not checked.

    **Why.** 条例第五十条 requires the national 统一格式; the template
    (国办公开办函〔2021〕30号) fixes the headings, and evaluators and tools
    locate the sections by them.

    **Failing example** (seed 003)::

        #### 五、存在的主要问题及改进措施

    gives ``第五部分标题应为“五、存在的主要问题及改进情况”…（模板标题的变体）``
    with a fix to 存在的主要问题及改进情况.

    **Passing example** (seed 001)::

        五、存在的主要问题及改进情况
    """

    code = "GAI103"
    name = "section-heading"
    severity = Severity.WARNING
    summary = "章节标题与模板不一致 / section heading differs from the template"

    def check(self, report, context):
        if not follows_template(report, context.facts):
            return
        for section in report.sections:
            heading = section.heading
            if heading.number not in SECTION_HEADINGS:
                continue
            text, text_span = heading.text, heading.text_span
            colon = _COLON.search(text)
            if colon and text[colon.end():].strip():
                text = text[:colon.start()]
                text_span = Span(text_span.start, text_span.start + colon.start())
            kind = classify(heading.number, text)
            separator = separator_span(report, heading)
            wrong_separator = separator is not None and report.text[separator.start:separator.end] != "、"
            if kind is None or (kind == "canonical" and not wrong_separator):
                continue
            if kind == "canonical":
                kind = "punctuation"
            canonical = SECTION_HEADINGS[heading.number][0]
            edits = []
            if wrong_separator:
                edits.append(Edit(separator, "、"))
            if heading_key(text) != canonical:
                edits.append(Edit(text_span, canonical))
            found = report.text[heading.span.start:text_span.end].strip(" \u3000#*")
            reason_zh, reason_en = _REASONS[kind]
            fix = Fix(tuple(edits), "unsafe" if kind == "other" else "safe",
                      f"改为“{heading.numeral}、{canonical}”")
            yield context.diagnostic(
                text_span if heading_key(text) != canonical else (separator or text_span),
                f"第{heading.numeral}部分标题应为“{heading.numeral}、{canonical}”，实为“{found}”（{reason_zh}）",
                f"section {heading.number} heading should be '{heading.numeral}、{canonical}' (template), "
                f"found '{found}' ({reason_en})",
                fix=fix,
            )
