"""Make a scraped-looking page from a parsed report: the whole body on one line, each table
rendered with the template's labels and its row cells glued into digit runs (some with stray
spaces). Used by the property test (tests/test_flattened.py) and bench/flattened.py.

`Glue` decides, per row, whether its cells are glued and where stray spaces survive."""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence

from gailint.ast import Paragraph, Report, SubHeading, Table, TemplateTable
from gailint.template import TABLE1_BLOCKS, TABLE2_SUBTOTALS, table2_rows

__all__ = ["classify", "flattened", "gai2_findings", "readable_tables"]

# glue(table number, row key, number of gaps) -> for each gap between two cells: "" (glued) or " "
Glue = Callable[[int, str, int], list[str]]

_HEADER2 = ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计"
            "商业企业科研机构社会公益组织法律服务机构其他")
_HEADER3 = ("行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉"
            "结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计")
_HEADER1 = {"一": "信息内容本年制发件数本年废止件数现行有效件数", "五": "信息内容本年处理决定数量",
            "六": "信息内容本年处理决定数量", "八": "信息内容本年收费金额（单位：万元）", "九": "信息内容采购项目数量采购总金额"}
_GROUPS_2021 = {"granted": "三、本年度办理结果", "refused.state_secret": "（三）不予公开", "unable.not_held": "（四）无法提供",
                "not_processed.complaint": "（五）不予处理", "other.no_correction": "（六）其他处理"}
_SUBTOTAL_BEFORE = {spec.key: members[0] for spec, members in TABLE2_SUBTOTALS}


def readable_tables(report: Report) -> list[TemplateTable]:
    """The template tables whose every row was read completely (the ones a property can compare)."""
    found = []
    for table in report.tables:
        if table.version == "pre2019" or not table.checkable or not table.rows:
            continue
        if all(row.complete for row in table.rows) and not any(p.kind == "cell-count" for p in table.problems):
            found.append(table)
    return found


def _cells(table: TemplateTable, key: str, glue: Glue) -> str:
    row = table.row(key)
    texts = [cell.text for cell in row.cells]
    gaps = glue(table.number, key, len(texts) - 1)
    return texts[0] + "".join(gap + text for gap, text in zip(gaps, texts[1:]))


def _table2(table: TemplateTable, glue: Glue) -> str:
    out = [_HEADER2]
    groups = dict(_GROUPS_2021)
    if table.version == "2019":
        groups.pop("other.no_correction")
    subtotals = {members_first: key for key, members_first in _SUBTOTAL_BEFORE.items() if table.row(key)}
    for spec in table2_rows(table.version or "2021"):
        if spec.key in groups:
            if spec.key in subtotals:
                subtotal = table.row(subtotals[spec.key])
                out.append(subtotal.label + _cells(table, subtotal.key, glue))
            else:
                out.append(groups[spec.key])
        if table.row(spec.key) is None:
            continue
        out.append(spec.label + _cells(table, spec.key, glue))
    return "".join(out)


def _table1(table: TemplateTable, glue: Glue) -> str:
    out = []
    for item, block in TABLE1_BLOCKS[table.version or "2021"].items():
        rows = [spec for spec in block.rows if table.row(spec.key) is not None]
        if not rows:
            continue
        out.append(f"第二十条第（{item}）项" + _HEADER1.get(item, "信息内容"))
        out.extend(spec.label + _cells(table, spec.key, glue) for spec in rows)
    return "".join(out)


def _render(table: TemplateTable, glue: Glue) -> str:
    if table.number == 1:
        return _table1(table, glue)
    if table.number == 2:
        return _table2(table, glue)
    return _HEADER3 + _cells(table, "values", glue)


def _prose(report: Report, block) -> str:
    text = report.text[block.span.start:block.span.end]
    return re.sub(r"[\r\n\f\t]+|^[#*\s]+", "", text)


def random_glue(seed: int, share: float) -> Glue:
    """Glue each row with probability `share`; a glued row keeps a stray space in 20 % of its gaps."""
    rng = random.Random(seed)
    decided: dict[tuple[int, str], list[str]] = {}

    def glue(number: int, key: str, gaps: int) -> list[str]:
        if (number, key) not in decided:
            glued = rng.random() < share
            decided[(number, key)] = [(" " if rng.random() < 0.2 else "") if glued else " " for _ in range(gaps)]
        return decided[(number, key)]
    return glue


def flattened(report: Report, seed: int, share: float) -> str:
    """The report as a scraped page: its title line, then everything else on one line."""
    glue = random_glue(seed, share)
    by_table = {id(t.table): t for t in report.tables}
    parts: list[str] = []

    def blocks(items):
        for block in items:
            if isinstance(block, Table):
                table = by_table.get(id(block))
                if table is not None and table in readable_tables(report):
                    parts.append(_render(table, glue))
                elif table is not None:
                    parts.append(re.sub(r"[\r\n\t|]+", "", report.text[block.span.start:block.span.end]))
            elif isinstance(block, (Paragraph, SubHeading)):
                parts.append(_prose(report, block))

    blocks(report.preamble)
    for section in report.sections:
        parts.append(f"{section.heading.numeral}、{section.heading.text.strip(' *#')}")
        blocks(section.blocks)
    title = report.title.text if report.title is not None else ""
    return title + "\n" + "".join(parts) + "\n"


def gai2_findings(diagnostics) -> list[tuple[str, str]]:
    """The reconciliation findings, without positions and without the glued-cells note."""
    return sorted((d.code, d.message.split("（该行单元格粘连")[0]) for d in diagnostics if d.code.startswith("GAI2"))


def classify(original: Report, tables: Sequence[TemplateTable], flat: Report | None, diagnostics) -> dict[str, int]:
    """Per readable table of the original: recovered exactly (the same numbers in every row),
    ambiguous (reported by GAI002), or wrong (anything else: a number changed or lost silently)."""
    counts = {"recovered": 0, "ambiguous": 0, "wrong": 0}
    for table in tables:
        found = flat.table(table.number) if flat is not None else None
        if found is not None and all(
                found.row(row.key) is not None
                and [c.value for c in found.row(row.key).cells] == [c.value for c in row.cells]
                for row in table.rows):
            counts["recovered"] += 1
        elif found is not None and any(p.kind == "ambiguous" for p in found.problems) and any(
                d.code == "GAI002" and found.table.span.start <= d.span.start <= found.table.span.end
                for d in diagnostics):
            counts["ambiguous"] += 1
        else:
            counts["wrong"] += 1
    return counts
