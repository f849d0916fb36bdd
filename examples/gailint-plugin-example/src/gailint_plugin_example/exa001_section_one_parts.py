from __future__ import annotations

from collections.abc import Iterator

from gailint.plugin import Context, Diagnostic, Option, Paragraph, Report, Rule, Severity, SubHeading

PARTS = ("主动公开", "依申请公开", "政府信息管理", "平台建设", "监督保障")
_HEAD_END = "。：:；;，,"


def _head(text: str) -> str:
    """The heading part of a sub-heading whose line runs on into prose: '主动公开。2025 年…' → '主动公开'."""
    cut = min((i for i in (text.find(ch) for ch in _HEAD_END) if i >= 0), default=len(text))
    return text[:min(cut, 30)]


class SectionOneParts(Rule):
    """总体情况缺少规定方面 — section 一 lacks one of the five parts the template names.

    **What it checks.** For a report on 2021 or later, section 一、总体情况 must have
    a part on each of 主动公开, 依申请公开, 政府信息管理, (政府信息公开)平台建设 and
    监督保障 — normally the sub-headings （一）…（五）. A part counts when a
    sub-heading of section 一 names it (its numbering and anything after the first
    。 or ： are ignored); a section without sub-headings counts a part when its
    text mentions it. The list is the option ``parts``. Reported once, at the
    heading of section 一, naming every missing part.

    **Why.** The 2021 template (国办公开办函〔2021〕30号) asks section 一 to cover
    主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障; this
    province's 政务公开办 scores each of the five.

    **Failing example.** Sub-headings that replace two of the five parts by the
    office's own themes::

        一、总体情况
        （一）主动公开情况
        （二）依申请公开情况
        （三）保障体系系统化建设
        （四）政府信息管理提质增效
        （五）主动公开深化拓展

    → ``EXA001 “一、总体情况”缺少“平台建设”“监督保障”方面的内容``.

    **Passing example.**::

        一、总体情况
        （一）主动公开。2024 年度，沾益区卫生健康局按政府信息公开有关要求及时公布……
        （二）依申请公开。沾益区卫生健康局积极保障依申请公开线上、线下渠道畅通……
        （三）政府信息管理。按照《中华人民共和国政府信息公开条例》……
        （四）强化政府信息公开平台建设。拓展公开渠道……
        （五）监督保障。一是加强工作指导……
    """

    code = "EXA001"
    name = "section-one-parts"
    severity = Severity.WARNING
    summary = "总体情况缺少规定方面 / section 一 lacks a part the template names"
    since = "0.1.0"
    options = (
        Option("parts", str, ",".join(PARTS),
               "the parts section 一 must cover, comma-separated, in order", pattern=r"[^,\s][^,]*(,[^,\s][^,]*)*"),
    )

    def check(self, report: Report, context: Context) -> Iterator[Diagnostic]:
        year = context.facts.year
        section = report.section(1)
        if year is None or year.value < 2021 or section is None:
            return
        parts = [part.strip() for part in str(context.option("parts")).split(",") if part.strip()]
        heads = [_head(block.text) for block in section.blocks if isinstance(block, SubHeading)]
        if heads:
            missing = [p for p in parts if not any(context.label_matches(head, p) for head in heads)]
        else:
            body = context.normalize("".join(b.text for b in section.blocks if isinstance(b, Paragraph)))
            missing = [p for p in parts if context.normalize(p) not in body]
        if missing:
            quoted = "".join(f"“{p}”" for p in missing)
            yield context.diagnostic(
                section.heading.span,
                f"“一、{section.heading.text}”缺少{quoted}方面的内容",
                f"section 一 ({section.heading.text}) has no part on {', '.join(missing)}")
