"""The national template (国办公开办函〔2021〕30号) and its older versions, as data.

Row and column keys are a stable contract: rules and plugins address cells by
them (e.g. ``report.table(2).row("refused.state_secret")``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

import attrs

from ._lazy_re import lazy_compile
from .text import normalize

__all__ = [
    "SECTION_HEADINGS", "TABLE1_BLOCKS", "TABLE2_COLUMNS", "TABLE2_ROWS", "TABLE3_COLUMNS",
    "RowSpec", "split_marker", "table2_rows",
]


@attrs.frozen
class RowSpec:
    key: str
    label: str            # the exact template text
    pattern: str          # regex on the normalised label, numbering removed
    marker: str = ""      # numbering the label must carry ("七" for （七）总计)
    versions: tuple[str, ...] = ("2021", "2019")

    def matches(self, marker: str, body: str) -> bool:
        if self.marker and marker != self.marker:
            return False
        return _regex(self.pattern).search(body) is not None


@functools.cache
def _regex(pattern: str) -> re.Pattern[str]:
    """A row pattern, compiled once (the template has a few dozen)."""
    return re.compile(pattern)


# §2.1 — canonical headings and the accepted variants seen in real reports (§7).
SECTION_HEADINGS: dict[int, tuple[str, tuple[str, ...]]] = {
    1: ("总体情况", ("总体情况", "概述")),
    2: ("主动公开政府信息情况", ("主动公开政府信息情况", "主动公开信息情况")),
    3: ("收到和处理政府信息公开申请情况", ("收到和处理政府信息公开申请情况", "政府信息依申请公开", "依申请公开")),
    4: ("政府信息公开行政复议、行政诉讼情况", ("行政复议", "行政诉讼", "复议、行政诉讼", "复议")),
    5: ("存在的主要问题及改进情况", ("主要问题", "存在问题", "改进")),
    6: ("其他需要报告的事项", ("其他需要报告", "其他需报告", "其他报告事项", "需要报告的事项", "其进他需要报告",
                               "政府信息公开情况统计表")),
}

# §7 — non-canonical heading texts seen in real reports (accepted variants),
# compared with whitespace removed and NFKC-normalised. A leading "YYYY年(度)" is ignored.
SECTION_HEADING_VARIANTS: dict[int, tuple[str, ...]] = {
    1: ("政务公开总体情况", "政府信息公开工作总体情况", "政府信息公开总体情况"),
    2: ("主动公开信息情况", "政府信息主动公开情况"),
    3: ("收到和处理政府信息公开申请的情况", "政府信息依申请公开情况", "政府信息依申请公开工作情况"),
    4: ("政府信息公开行政复议和行政诉讼情况", "政府信息公开行政复议及行政诉讼情况", "政府信息公开行政复议行政诉讼情况",
        "因政府信息公开工作被申请行政复议和提起行政诉讼情况"),
    5: ("存在的主要问题及改进措施", "政府信息公开工作存在的主要问题及改进情况", "存在的主要问题和改进措施",
        "政府信息公开工作存在的主要问题和改进措施", "主要问题及改进情况", "存在问题及改进情况", "主要问题和改进措施"),
    6: ("其他报告事项", "其他需报告事项", "其他需要报告事项"),
}
# §7 — garbled headings seen in real reports (any text within two edits of the template is also taken as a typo).
SECTION_HEADING_TYPOS: dict[int, tuple[str, ...]] = {
    4: ("政府信息公开行政法复议、行政诉讼情况",),
    5: ("存在的主要问题及改情况",),
    6: ("其进他需要报告的事项",),
}

# §2.3 — table 2, 25 numeric rows in the 2021 template; the 2019 trial format
# has a single （六）其他处理 row instead of R21–R23 (23 rows).
TABLE2_ROWS: tuple[RowSpec, ...] = (
    RowSpec("new", "一、本年新收政府信息公开申请数量", r"本年新收"),
    RowSpec("carried_over", "二、上年结转政府信息公开申请数量", r"上年结转"),
    RowSpec("granted", "（一）予以公开", r"^予以公开$"),
    RowSpec("partly_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", r"^部分公开"),
    RowSpec("refused.state_secret", "1.属于国家秘密", r"国家秘密"),
    RowSpec("refused.prohibited", "2.其他法律行政法规禁止公开", r"其他法律.*止公开"),
    RowSpec("refused.security", "3.危及“三安全一稳定”", r"三安全一稳定"),
    RowSpec("refused.third_party", "4.保护第三方合法权益", r"第三方合法权益"),
    RowSpec("refused.internal", "5.属于三类内部事务信息", r"内部事务信息"),
    RowSpec("refused.process", "6.属于四类过程性信息", r"过程性信息"),
    RowSpec("refused.enforcement", "7.属于行政执法案卷", r"行政执法案卷"),
    RowSpec("refused.inquiry", "8.属于行政查询事项", r"行政查询事项"),
    RowSpec("unable.not_held", "1.本机关不掌握相关政府信息", r"不掌握"),
    RowSpec("unable.to_create", "2.没有现成信息需要另行制作", r"另行制作"),
    RowSpec("unable.unclear", "3.补正后申请内容仍不明确", r"仍不明确"),
    RowSpec("not_processed.complaint", "1.信访举报投诉类申请", r"信访举报投诉"),
    RowSpec("not_processed.repeated", "2.重复申请", r"^重复申请$"),
    RowSpec("not_processed.publication", "3.要求提供公开出版物", r"公开出版物"),
    RowSpec("not_processed.mass", "4.无正当理由大量反复申请", r"大量反复"),
    RowSpec("not_processed.confirm", "5.要求行政机关确认或重新出具已获取信息", r"确认或重新出具"),
    RowSpec("other.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            r"逾期不补正", versions=("2021",)),
    RowSpec("other.no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            r"收费通知|缴纳费用", versions=("2021",)),
    RowSpec("other.other", "3.其他", r"^其他$", marker="3", versions=("2021",)),
    RowSpec("other", "（六）其他处理", r"^其他处理$", marker="六", versions=("2019",)),
    RowSpec("total", "（七）总计", r"^总计$", marker="七"),
    RowSpec("carried_forward", "四、结转下年度继续办理", r"结转下年度"),
)

# Groups whose members (or their printed subtotal) add up, for A3 and the subtotal check.
TABLE2_OUTCOMES_2021 = tuple(spec.key for spec in TABLE2_ROWS[2:23])
TABLE2_OUTCOMES_2019 = tuple(spec.key for spec in TABLE2_ROWS[2:20]) + ("other",)

# Group labels of the outcome rows. The template prints no numbers on them, but some
# reports print a subtotal there; when they do it must equal the sum of the group.
TABLE2_SUBTOTALS: tuple[tuple[RowSpec, tuple[str, ...]], ...] = (
    (RowSpec("refused.subtotal", "（三）不予公开", r"^不予公开$", marker="三"),
     tuple(spec.key for spec in TABLE2_ROWS[4:12])),
    (RowSpec("unable.subtotal", "（四）无法提供", r"^无法提供$", marker="四"),
     tuple(spec.key for spec in TABLE2_ROWS[12:15])),
    (RowSpec("not_processed.subtotal", "（五）不予处理", r"^不予处理$", marker="五"),
     tuple(spec.key for spec in TABLE2_ROWS[15:20])),
    (RowSpec("other.subtotal", "（六）其他处理", r"^其他处理$", marker="六", versions=("2021",)),
     tuple(spec.key for spec in TABLE2_ROWS[20:23])),
)


def match_table2_subtotal(label: str, version: str) -> RowSpec | None:
    marker, body = split_marker(normalize(label))
    for spec, _ in TABLE2_SUBTOTALS:
        if version in spec.versions and spec.matches(marker, body):
            return spec
    return None


def table2_rows(version: str) -> tuple[RowSpec, ...]:
    return tuple(spec for spec in TABLE2_ROWS if version in spec.versions)


TABLE2_COLUMNS = ("natural", "business", "research", "nonprofit", "legal", "other_org", "total")
TABLE2_COLUMN_LABELS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")

# §2.4 — table 3: three groups of five.
_GROUP = ("upheld", "corrected", "other", "pending", "total")
TABLE3_COLUMNS = tuple(f"{group}.{col}" for group in ("review", "suit_direct", "suit_after_review") for col in _GROUP)
TABLE3_GROUP_LABELS = {"review": "行政复议", "suit_direct": "行政诉讼（未经复议直接起诉）",
                       "suit_after_review": "行政诉讼（复议后起诉）"}
TABLE3_COLUMN_LABELS = {"upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果",
                        "pending": "尚未审结", "total": "总计"}


@attrs.frozen
class Table1Block:
    item: str                       # 第二十条第（X）项
    columns: tuple[str, ...]        # column keys
    rows: tuple[RowSpec, ...]


# §2.2 and §5.1 — table 1, by block; the 2019 columns differ.
TABLE1_BLOCKS: dict[str, dict[str, Table1Block]] = {
    "2021": {
        "一": Table1Block("一", ("issued", "repealed", "in_force"), (
            RowSpec("rules", "规章", r"^规章$"),
            RowSpec("normative_documents", "行政规范性文件", r"^行政规范性文件$"),
        )),
        "五": Table1Block("五", ("decisions",), (RowSpec("licensing", "行政许可", r"^行政许可$"),)),
        "六": Table1Block("六", ("decisions",), (
            RowSpec("punishment", "行政处罚", r"^行政处罚$"),
            RowSpec("coercion", "行政强制", r"^行政强制$"),
        )),
        "八": Table1Block("八", ("fees_10k_yuan",), (RowSpec("fees", "行政事业性收费", r"^行政事业性收费$"),)),
    },
    "2019": {
        "一": Table1Block("一", ("made", "published", "total_published"), (
            RowSpec("rules", "规章", r"^规章$"),
            RowSpec("normative_documents", "规范性文件", r"^(行政)?规范性文件$"),
        )),
        "五": Table1Block("五", ("last_year", "change", "decisions"), (
            RowSpec("licensing", "行政许可", r"^行政许可$"),
            RowSpec("other_services", "其他对外管理服务事项", r"其他对外管理服务事项"),
        )),
        "六": Table1Block("六", ("last_year", "change", "decisions"), (
            RowSpec("punishment", "行政处罚", r"^行政处罚$"),
            RowSpec("coercion", "行政强制", r"^行政强制$"),
        )),
        "八": Table1Block("八", ("last_year", "change"), (RowSpec("fees", "行政事业性收费", r"^行政事业性收费$"),)),
        "九": Table1Block("九", ("projects", "amount"), (RowSpec("procurement", "政府集中采购", r"政府集中采购"),)),
    },
}

# §5.1 — any of these in table 1 means the 2019 trial format.
TABLE1_2019_MARKERS = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减",
                       "其他对外管理服务事项", "第二十条第(九)项", "采购总金额")

_MARKER = lazy_compile(r"^(?:[(]?([一二三四五六七八九十]+)[)][、.]?|([一二三四五六七八九十]+)[、.]|(\d+)[.、])")


def split_marker(label: str) -> tuple[str, str]:
    """'(七)总计' → ('七', '总计'); '1.属于国家秘密' → ('1', '属于国家秘密'). Input is normalised."""
    match = _MARKER.match(label)
    if not match:
        return "", label
    return next(g for g in match.groups() if g), label[match.end():]


@functools.cache
def _table2_tests() -> tuple[tuple[RowSpec, str, Callable[[str], re.Match[str] | None]], ...]:
    """Each table-2 row with its marker and its pattern's bound `search`: `RowSpec.matches` inlined,
    as `match_table2_row` tries every row for every label a report does not share with another."""
    return tuple((spec, spec.marker, _regex(spec.pattern).search) for spec in TABLE2_ROWS)


@functools.lru_cache(maxsize=4096)
def match_table2_row(label: str) -> RowSpec | None:
    """The template row a table-2 label names, or None. Pure, and labels repeat from report
    to report, hence the cache."""
    marker, body = split_marker(normalize(label))
    for spec, required, search in _table2_tests():
        if (not required or marker == required) and search(body) is not None:
            return spec
    return None
