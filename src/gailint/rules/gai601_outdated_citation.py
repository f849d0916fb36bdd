from __future__ import annotations

import re

from .._lazy_re import lazy_compile
from ..diagnostics import Severity
from ..rule import Rule

_OPEN, _CLOSE = "[〔\\[(（【﹝]", "[〕\\])）】﹞]"
# The leading lookahead (the first character of each citation) makes the pattern fail at once where
# none starts: its optional 《…》 title would otherwise be tried at every character.
OUTDATED = lazy_compile(
    rf"(?=[国《年关])(?:(?P<docno>国办公开办函{_OPEN}2019{_CLOSE}60号)"
    r"|(?P<trial>(?:《[^《》]{0,40}?)?年度报告格式[（(]试行[）)]》?)"
    r"|(?P<notice>(?:《[^《》]{0,40}?)?关于政府信息公开工作年度报告有关事项的通知》?))")
_WHAT = {
    "docno": ("国办公开办函〔2019〕60号", "the 2019 notice 国办公开办函〔2019〕60号"),
    "trial": ("《年度报告格式（试行）》", "the 2019 trial format"),
    "notice": ("2019 年通知《……关于政府信息公开工作年度报告有关事项的通知》", "the 2019 notice, by its title"),
}
# Every citation holds one of these words: prose without them is not searched.
_WORDS = ("国办公开办函", "年度报告格式", "年度报告有关事项的通知")


class OutdatedCitation(Rule):
    """2021 年以后的年报引用了已被替代的 2019 年格式通知 — a 2021-or-later report cites the superseded 2019 format.

    **What it checks.** In a report for 2021 or later, any citation of the 2019
    trial format: its 文号 国办公开办函〔2019〕60号, the name
    《中华人民共和国政府信息公开工作年度报告格式（试行）》, or the 2019 notice by its
    title 《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》.
    Reports for 2019 and 2020, and reports whose year is unknown, are not
    checked. A 文号 right after the title it belongs to is reported once.

    **Why.** Format-spec §5.1: since 2021 reports follow 国办公开办函〔2021〕30号,
    which replaced the 2019 trial format. Citing the old basis is a warning, not
    an error, when the tables already follow the 2021 template.

    **Failing example** (seed 001's preamble with the basis replaced by the 2019 one)::

        根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）要求……

    **Passing example** (seed 001)::

        ……关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30 号）要求……
    """

    code = "GAI601"
    name = "outdated-citation"
    severity = Severity.WARNING
    summary = "2021 年以后的年报引用了 2019 年格式通知 / a 2021+ report cites the superseded 2019 format"

    def check(self, report, context):
        year = context.facts.year
        if year is None or year.value < 2021:
            return
        for _, flat in context.facts.runs:
            if not any(word in flat.text for word in _WORDS):
                continue
            groups: list[list[re.Match]] = []
            for match in OUTDATED.finditer(flat.text):
                if groups and match.start() - groups[-1][-1].end() <= 8:
                    groups[-1].append(match)
                else:
                    groups.append([match])
            for group in groups:
                kinds = [m.lastgroup or "docno" for m in group]
                zh = "（".join(_WHAT[k][0] for k in kinds) + "）" * (len(kinds) - 1)
                en = ", ".join(_WHAT[k][1] for k in kinds)
                yield context.diagnostic(
                    flat.span(group[0].start(), group[-1].end()),
                    f"{year.value} 年的年报引用了已被替代的{zh}，应依据国办公开办函〔2021〕30号",
                    f"a {year.value} report cites {en}, superseded by 国办公开办函〔2021〕30号",
                )
