from __future__ import annotations

from .._lazy_re import lazy_compile
from ..ast import Span
from ..diagnostics import Edit, Fix, Severity
from ..facts import sentence_bounds
from ..rule import Rule

CORRECT = "国办公开办函"
WRONG = lazy_compile(
    r"(?P<prefix>国办发|国办函|国办公开函|国办公开发|国办公开办发|国公开办函|国办公办函|国办开办函)"
    r"[〔\[(（【﹝]2021[〕\])）】﹞]30号")
_CONTEXT = lazy_compile(r"年度报告|年报|报告格式|编制|要求")


class WrongDocumentNumber(Rule):
    """年报格式通知的文号写错 — the 文号 of the report-format notice is wrong.

    **What it checks.** The 2021 report format was issued as
    国办公开办函〔2021〕30号. A citation of "〔2021〕30号" with another issuer code —
    国办发, 国办函, 国办公开函, … — in a sentence about the report, its format or
    how it was compiled (年度报告, 格式, 编制, 要求) is reported. The safe fix
    writes 国办公开办函 in place of the wrong code, keeping the brackets.

    **Why.** Format-spec §2 and §8: the notice is 国办公开办函〔2021〕30号, issued by
    the 国务院办公厅政府信息与政务公开办公室. 国办发 documents are a different series,
    issued by the 国务院办公厅 itself, so the citation points to another document.

    **Failing example** (seed 001's preamble with the 文号 changed)::

        ……〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办发〔2021〕30 号）要求……

    **Passing example** (seed 001)::

        ……〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30 号）要求……
    """

    code = "GAI602"
    name = "wrong-document-number"
    severity = Severity.ERROR
    summary = "年报格式通知的文号写错 / the 文号 of the report-format notice is wrong"

    def check(self, report, context):
        for _, flat in context.facts.runs:
            for match in WRONG.finditer(flat.text):
                start, end = sentence_bounds(flat.text, match.start(), match.end())
                if not _CONTEXT.search(flat.text[start:end]):
                    continue
                prefix = flat.span(match.start("prefix"), match.end("prefix"))
                fix = None
                if report.text[prefix.start:prefix.end] == match.group("prefix"):
                    fix = Fix((Edit(Span(prefix.start, prefix.end), CORRECT),), "safe", f"改为{CORRECT}")
                yield context.diagnostic(
                    flat.span(match.start(), match.end()),
                    f"文号“{match.group(0)}”有误，年报格式通知为国办公开办函〔2021〕30号",
                    f"wrong document number {match.group(0)}; the report-format notice is 国办公开办函〔2021〕30号",
                    fix=fix,
                )
