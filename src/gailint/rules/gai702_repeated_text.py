from __future__ import annotations

from ..crossreport import CrossReportRule, consecutive
from ..diagnostics import Severity
from ..rule import Option


class RepeatedText(CrossReportRule):
    """章节与上年报告雷同 — a section is (almost) the same text as in the agency's previous report.

    **What it checks.** Across the reports of one agency checked in the same run
    (cross-report rule): each section's prose (paragraphs and sub-headings, not
    the tables) is compared with the same section of the agency's previous report,
    after normalisation (NFKC, no whitespace, every number replaced by one
    placeholder, so that a copied text whose figures were updated still counts as
    copied). A section at least ``threshold`` similar (default 80 %, the
    normalised Indel similarity of rapidfuzz) is reported at its heading, with the
    similarity and the previous file. Sections shorter than ``min-length``
    characters (e.g. ``六、其他需要报告的事项：无``) are not compared.

    **Why.** A section copied from last year's report says nothing about this
    year: reviewers look for copy-paste reports.

    **Failing example.** Section ``五、存在的主要问题及改进情况`` of the 2025 report
    repeats the 2024 text word for word:
    ``“五、存在的主要问题及改进情况”与上年报告 2024.txt 的同一部分 100% 相同``.

    **Passing example.** The section describes this year's problems and measures.
    """

    code = "GAI702"
    name = "repeated-text"
    severity = Severity.WARNING
    summary = "章节与上年报告雷同 / a section repeats the previous report"
    options = (
        Option("threshold", float, 0.8, "the similarity (0–1) from which a section counts as repeated"),
        Option("min-length", int, 60, "sections with less normalised text than this are not compared"),
    )

    def check_reports(self, reports, context):
        from rapidfuzz.fuzz import ratio  # imported when two reports of one agency meet, not at start-up

        threshold = float(context.option("threshold"))
        shortest = int(context.option("min-length"))
        for previous, current in consecutive(reports):
            before = {s.number: s for s in previous.sections}
            for section in current.sections:
                old = before.get(section.number)
                if old is None or min(len(section.text), len(old.text)) < shortest:
                    continue
                similarity = ratio(section.text, old.text) / 100
                if similarity < threshold:
                    continue
                percent = f"{similarity:.0%}"
                yield context.diagnostic(
                    current, section.span,
                    f"“{section.heading}”与上年报告 {previous.file}（{previous.year} 年）的同一部分 {percent} 相同",
                    f"section '{section.heading}' is {percent} the same as in the previous report "
                    f"{previous.file} ({previous.year})")
