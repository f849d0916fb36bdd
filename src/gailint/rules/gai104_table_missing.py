from __future__ import annotations

from ..diagnostics import Severity
from ..rule import Rule
from ..template import SECTION_HEADINGS
from .gai103_section_heading import follows_template

# table number → the section that holds it (the template of 国办公开办函〔2021〕30号)
_HOME = {1: 2, 2: 3, 3: 4}
_NAMES = {1: ("主动公开情况表（第二十条）", "proactive disclosure (article 20)"),
          2: ("收到和处理政府信息公开申请情况表", "applications received and handled"),
          3: ("行政复议、行政诉讼情况表", "administrative review and litigation")}


class TableMissing(Rule):
    """章节中缺少统计表 — a section that must hold a template table has none.

    **What it checks.** Section 二 must contain table 1 (第二十条第（一）（五）
    （六）（八）项), section 三 table 2 (申请情况) and section 四 table 3
    (行政复议、行政诉讼), as the template of 国办公开办函〔2021〕30号 places them. When the section heading is
    present but the report holds no such table, the heading is reported. The
    usual cause is a table published as an image or dropped when the page was
    converted to text. A report for a year before 2019 (2007 条例 format,
    spec §5.2), or one that uses the pre-2019 statistics table (reported by
    GAI106), is not checked.

    **Why.** The tables are the mandatory content of the template
    (国办公开办函〔2021〕30号); text alone cannot be checked or compared.

    **Failing example** (seed 001 with table 3 deleted)::

        四、政府信息公开行政复议、行政诉讼情况
        五、存在的主要问题及改进情况

    **Passing example** (seed 001)::

        四、政府信息公开行政复议、行政诉讼情况
        行政复议	行政诉讼
        …
    """

    code = "GAI104"
    name = "table-missing"
    severity = Severity.ERROR
    summary = "章节中缺少统计表 / a section lacks its template table"

    def check(self, report, context):
        if not follows_template(report, context.facts) or any(t.version == "pre2019" for t in report.tables):
            return
        for number, home in _HOME.items():
            section = report.section(home)
            if section is None or report.table(number) is not None:
                continue
            numeral = section.heading.numeral
            name_zh, name_en = _NAMES[number]
            yield context.diagnostic(
                section.heading.span,
                f"第{numeral}部分“{SECTION_HEADINGS[home][0]}”缺少表{number}（{name_zh}）",
                f"section {home} has no table {number} ({name_en})",
            )
