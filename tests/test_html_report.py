"""The reviewer's HTML report: what the page says, read back with an HTML parser.

(The page in a real browser — sorting, filtering, opening a report — is tested in
test_html_browser.py.)
"""

from __future__ import annotations

import io
import re
import shutil
from html.parser import HTMLParser

import pytest

from gailint.diagnostics import FileResult
from gailint.engine import Linter
from gailint.html_report import FAMILY_LABELS, HtmlReport, _families, _fuller_names, agency_charts, figures_of
from gailint.runner import Runner, check_bytes

from .conftest import SEEDS, corpus_file, position
from .test_cli import gailint


class Page(HTMLParser):
    """Collects what a test asks about: marks by diagnostic id, notes by id, sums, templates."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: dict[str, str] = {}        # diagnostic id → the highlighted text
        self.notes: dict[str, str] = {}        # diagnostic id → the note beside the line
        self.tips: list[tuple[str, str]] = []  # (total's text, its sum spelled out)
        self.templates: list[str] = []
        self.tags: list[str] = []
        self._open: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if tag == "template":
            self.templates.append(attrs["id"])
        if tag in ("mark", "div", "span"):
            self._open.append((tag, {**attrs, "_text": ""}))

    def handle_endtag(self, tag):
        if tag not in ("mark", "div", "span") or not self._open:
            return
        _, attrs = self._open.pop()
        text = attrs["_text"]
        for _, outer in self._open:
            outer["_text"] += text
        if tag == "mark" and attrs.get("data-d"):
            for ident in attrs["data-d"].split():
                self.marks[ident] = self.marks.get(ident, "") + text
        elif "note" in attrs.get("class", "").split():
            self.notes[attrs["id"]] = text
        elif "sum" in attrs.get("class", "").split():
            self.tips.append((text, attrs["data-tip"]))

    def handle_data(self, data):
        if self._open:
            self._open[-1][1]["_text"] += data


def html_of(*paths, lang: str = "zh") -> str:
    linter = Linter(load_plugins=False)
    out = io.StringIO()
    page = HtmlReport(out, lang)
    for path in paths:
        page.add(check_bytes(linter, str(path), path.read_bytes()))
    page.close()
    return out.getvalue()


def parsed(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page


def test_every_diagnostic_of_seed_000_is_highlighted_with_its_message_beside_it():
    seed = SEEDS["000"]
    result = check_bytes(Linter(load_plugins=False), str(seed), seed.read_bytes())
    page = parsed(html_of(seed))
    text = result.source.text
    assert len(result.diagnostics) == 25
    for k, d in enumerate(result.diagnostics, 1):
        ident = f"r1-d{k}"
        # the highlighted text is exactly the diagnostic's span (line breaks are not part of a line's text)
        assert page.marks[ident] == text[d.span.start:d.span.end].replace("\n", "")
        assert page.notes[ident] == f"{d.code} {d.message}"
    # one of them by exact place: GAI003 on （七）总计, line 80 column 9
    [total] = [(k, d) for k, d in enumerate(result.diagnostics, 1) if "（七）总计" in d.message]
    assert total[1].code == "GAI003" and position(text, total[1].span.start) == (80, 9)
    assert page.marks[f"r1-d{total[0]}"] == "0\t0\t0\t0\t0\t0"


def test_table_totals_have_their_sum_spelled_out_as_the_hover_does():
    page = parsed(html_of(SEEDS["001"]))
    assert len(page.tips) == 34
    assert page.tips[0] == ("1", "一、本年新收政府信息公开申请数量\n总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他\n"
                                 "总计 = 1 + 0 + 0 + 0 + 0 + 0 = 1")
    assert [tip for _, tip in page.tips if tip.startswith("行政复议\n")] == [
        "行政复议\n总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结\n总计 = 0 + 0 + 0 + 0 = 0"]


def test_a_broken_total_is_marked_and_its_printed_value_shown(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t6\t0\t8\n", encoding="utf-8")
    out = html_of(report)
    page = parsed(out)
    [ident] = [ident for ident, note in page.notes.items() if note.startswith("GAI201 ")]
    assert page.notes[ident] == "GAI201 “一、本年新收政府信息公开申请数量”总计应为 7（1+0+0+0+6+0），实为 8"
    assert page.marks[ident] == "8"
    assert page.tips == [("8", "一、本年新收政府信息公开申请数量\n总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他\n"
                               "总计 = 1 + 0 + 0 + 0 + 6 + 0 = 7（表中为 8 / printed 8）")]
    assert '<div class="sumnote broken">' in out


def test_report_text_is_escaped_everywhere(tmp_path):
    hostile = ('<script>alert("x")</script>局2024年政府信息公开工作年度报告\n'
               '一、总体情况\n"><img src=x onerror=alert(1)> & </template><b>bold</b>\n')
    report = tmp_path / 'a<b>"c.txt'
    report.write_text(hostile, encoding="utf-8")
    out = html_of(report)
    assert "<script>alert" not in out and "<img" not in out and "<b>bold" not in out
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in out
    assert "&lt;/template&gt;&lt;b&gt;bold&lt;/b&gt;" in out
    assert 'a&lt;b&gt;&#34;c.txt' in out
    page = parsed(out)
    assert page.templates == ["tpl-1"]
    # the only scripts are the page's own: one inline <script>, nothing fetched
    assert page.tags.count("script") == 1 and not re.search(r"<(?:script|link|img|iframe)[^>]+(?:src|href)=", out)
    assert "default-src 'none'" in out


def test_each_report_is_written_as_it_is_added_and_only_its_index_row_is_kept():
    linter = Linter(load_plugins=False)
    out = io.StringIO()
    page = HtmlReport(out, "zh")
    page.add(check_bytes(linter, str(SEEDS["000"]), SEEDS["000"].read_bytes()))
    assert '<template id="tpl-1">' in out.getvalue() and "攀枝花市西区卫生健康局2025 年政府信息公开工作年度报告" in out.getvalue()
    [row] = page.rows
    assert not hasattr(row, "source") and row.total == 25 and row.errors == 23
    assert row.counts["input"] == 23 and row.counts["dates"] == 1 and row.counts["citations"] == 1
    assert row.record.agency == "攀枝花市西区卫生健康局" and row.record.year == 2025 and row.record.template == "2021"
    assert row.record.level == "部门"
    # kept without the report's prose and cell positions
    assert row.record.sections == () and row.record.table == () and row.record.spans == b""
    assert row.figures == {"received": 0, "granted": None, "outcomes": None, "review": 0, "litigation": 0}
    page.close()
    assert out.getvalue().rstrip().endswith("</html>")


def test_an_unreadable_file_is_listed_with_its_diagnostic():
    runner = Runner(Linter(load_plugins=False))
    result = runner.check_path("gone.txt", "/nonexistent/gone.txt").result
    assert isinstance(result, FileResult) and result.source is None
    out = io.StringIO()
    page = HtmlReport(out, "en")
    page.add(result)
    page.close()
    parsed_page = parsed(out.getvalue())
    assert parsed_page.templates == ["tpl-1"]
    assert page.rows[0].unreadable and page.rows[0].counts["input"] == 1
    assert '<span class="badge sev-error">unreadable</span>' in out.getvalue()


def test_english_page():
    out = html_of(SEEDS["003"], lang="en")
    assert '<html lang="en">' in out and "Year over year" in out and "Back to the reports" in out
    assert "section 五 heading should be" in out.lower() or "GAI103" in out


def test_families_are_the_records_and_every_one_has_a_name():
    from gailint.columns import FAMILIES
    from gailint.extract import family_counts

    assert set(FAMILY_LABELS) == set(family_counts(()))
    assert [f for f, _, _ in _families("zh")] == [*FAMILIES.values(), "plugin"]
    assert _families("en")[1] == ("structure", "structure", "GAI1") and _families("zh")[2] == ("reconciliation", "勾稽", "GAI2")


def test_agency_names_with_and_without_their_parent_place_are_one_agency():
    assert _fuller_names({"洪泽区人民政府", "淮安市洪泽区人民政府", "淮安市人民政府"}) == {"洪泽区人民政府": "淮安市洪泽区人民政府"}
    # a name that does not start with a place is never merged into one that does
    assert _fuller_names({"卫生健康局", "沙坡头区卫生健康局"}) == {}


def test_year_over_year_charts_from_the_corpus(tmp_path):
    first, second = corpus_file("010"), corpus_file("011")   # 洪泽区 2023 (2019 format) and 2024
    linter = Linter(load_plugins=False)
    page = HtmlReport(io.StringIO(), "zh")
    runner = Runner(linter)
    for path in (first, second, SEEDS["001"]):
        page.add(runner.check_path(str(path), str(path)).result)   # with the runner's record
    [agency] = agency_charts(page.rows)
    assert agency.agency == "淮安市洪泽区人民政府" and agency.reports == ((2023, 1), (2024, 2))
    figures = {chart.key: [(bar.year, bar.value) for bar in chart.bars] for chart in agency.charts}
    assert figures == {"received": [(2023, 21), (2024, 95)], "granted": [(2023, 0), (2024, 50)],
                       "outcomes": [(2023, 21), (2024, 95)], "review": [(2023, 0), (2024, 2)],
                       "litigation": [(2023, 0), (2024, 4)]}
    received = agency.charts[0]
    assert received.bars[1].height == 72.0 and received.bars[0].height == pytest.approx(72 * 21 / 95, abs=0.1)


def test_check_writes_the_page_with_o(tmp_path):
    for seed in SEEDS.values():
        shutil.copy(seed, tmp_path)
    target = tmp_path / "out" / "report.html"
    target.parent.mkdir()
    proc = gailint("check", "--no-cache", "--output-format", "html", "-o", str(target), str(tmp_path))
    assert proc.returncode == 1 and proc.stderr == b""   # seed 000 has errors
    text = target.read_text(encoding="utf-8")
    assert [f"tpl-{n}" for n in range(1, 6)] == parsed(text).templates
    assert re.search(r"<b>5</b> 份报告 · <b>\d+</b> 个问题 · <b>1</b> 份报告有错误", text)
    assert proc.stdout.decode() == ""   # the summary line belongs to the full format only


def test_o_for_a_line_format_and_an_unwritable_path(tmp_path):
    target = tmp_path / "out.txt"
    proc = gailint("check", "--output-format", "concise", "-o", str(target), str(SEEDS["003"]))
    assert proc.returncode == 0 and proc.stdout == b""
    assert target.read_text(encoding="utf-8").splitlines()[0] == f"{SEEDS['003']}:3:1: GAI302 报告未说明数据的统计期限（如“统计期限自YYYY年1月1日起至YYYY年12月31日止”）"
    proc = gailint("check", "-o", str(tmp_path / "missing" / "x.html"), "--output-format", "html", str(SEEDS["003"]))
    assert proc.returncode == 2 and proc.stderr.decode().startswith(f"gailint: cannot write {tmp_path / 'missing' / 'x.html'}:")
