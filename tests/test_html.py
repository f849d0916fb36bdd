"""The HTML reader: seeds rebuilt as a government CMS page (site chrome, rowspan/colspan
tables, entities) read into the seed's diagnostics, every character mapped back to its
exact line and column in the HTML source; the two real pages from 平潭综合实验区."""

from __future__ import annotations

import os
from collections import Counter

import pytest

from gailint.ast import Span
from gailint.origin import Place
from gailint.parser import parse
from gailint.readers.html import read
from gailint.recognize import recognize
from gailint.runner import check_bytes
from gailint.source import LineIndex

from .conftest import SEEDS, SHARED
from .docfixtures import seed_to_html

FILES = SHARED / "domain" / "files"


def domain_file(name: str):
    path = FILES / name
    if not path.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but the shared domain file is missing at {path}")
        pytest.skip(f"shared domain files not present at {FILES} (set GAILINT_SHARED)")
    return path


def _exact(source: str, place: Place, text: str) -> bool:
    """The place is where `text` stands in the HTML source: its offset, line and column agree."""
    return (place.offset is not None and source[place.offset:place.offset + len(text)] == text
            and LineIndex(source).position(place.offset) == (place.line, place.column))


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_html_page_of_a_seed_gives_the_seeds_diagnostics(seed, tmp_path, linter):
    path = seed_to_html(SEEDS[seed].read_text(encoding="utf-8"), tmp_path / f"{seed}.html")
    from_text = check_bytes(linter, str(SEEDS[seed]), SEEDS[seed].read_bytes())
    from_html = check_bytes(linter, str(path), path.read_bytes())
    assert from_html.source is not None and from_html.source.format == "html"
    assert Counter((d.code, d.message) for d in from_html.diagnostics) == Counter(
        (d.code, d.message) for d in from_text.diagnostics)


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_every_table_cell_maps_to_its_place_in_the_html_source(seed, tmp_path):
    path = seed_to_html(SEEDS[seed].read_text(encoding="utf-8"), tmp_path / "r.html")
    source = path.read_text(encoding="utf-8")
    extracted = read(path.read_bytes(), str(path))
    report = recognize(parse(extracted.text))
    checked = 0
    for table in report.tables:
        for row in table.rows:
            for cell in row.cells:
                if cell.text:
                    assert _exact(source, extracted.origin.locate(cell.span), cell.text), (row.key, cell.text)
                    checked += 1
    assert checked >= 150  # seed 000 has rows damaged to 5 cells


def test_site_chrome_is_left_out(tmp_path):
    path = seed_to_html(SEEDS["001"].read_text(encoding="utf-8"), tmp_path / "r.html")
    text = read(path.read_bytes(), str(path)).text
    for chrome in ("首页", "互动交流", "当前位置", "分享到", "打印本页", "京ICP备", "脚本里的文字", "页脚链接",
                   "发布时间", "政府信息公开指南", "请输入关键词"):
        assert chrome not in text, chrome
    assert text.startswith("沙坡头区卫生健康局 2025 年政府信息公开工作年度报告\n")


def test_entities_line_breaks_and_spans():
    page = ("<html><body><div class='nav'><a href='/'>首页</a></div>\n<div id='zoom'>\n"
            "<p>一、总体情况</p>\n<p>收到&nbsp;申请&amp;答复&lt;3&gt;件<br>第二行\n  续行</p>\n"
            "<table><tr><td rowspan='2'>甲</td><td colspan='2'>合并</td><td>9</td></tr>"
            "<tr><td>1</td><td>2</td><td>3</td></tr></table></div></body></html>")
    extracted = read(page.encode(), "p.html")
    # whitespace collapsed as a browser does, and dropped between two CJK characters
    assert extracted.text == "一、总体情况\n收到申请&答复<3>件\n第二行续行\n甲\t合并\t9\n甲\t1\t2\t3\n"
    lines = extracted.text.split("\n")
    start = len(lines[0]) + 1
    # 申 is at HTML line 4, after "<p>收到&nbsp;": column 3 + 2 + 6 + 1
    assert extracted.origin.locate(Span(start + 2, start + 3)) == Place(line=4, column=12, offset=page.index("申请"))
    # an entity maps to where it starts
    amp = extracted.text.index("&")
    assert extracted.origin.locate(Span(amp, amp + 1)) == Place(line=4, column=14)
    # the row spanned by 甲 repeats it, at its own source place
    second = extracted.text.rindex("甲")
    assert extracted.origin.locate(Span(second, second + 1)).offset == page.index("甲")
    three = extracted.text.rindex("3")
    assert extracted.origin.locate(Span(three, three + 1)).offset == page.rindex(">3<") + 1


def test_a_piece_after_a_line_break_inside_a_text_node_has_its_own_line_and_column():
    """Whitespace collapsed across a source line break: 续 is on HTML line 3, column 3 (its
    line:column is computed from its offset, not from the text node's start)."""
    page = "<html><body><div id='zoom'>\n<p>第二行\n  续行</p></div></body></html>"
    extracted = read(page.encode(), "p.html")
    assert extracted.text == "第二行续行\n"
    here = extracted.text.index("续")
    place = extracted.origin.locate(Span(here, here + 2))
    assert place == Place(line=3, column=3, offset=page.index("续"))
    assert extracted.origin.locate_end(Span(here, here + 2)) == Place(line=3, column=5, offset=page.index("续") + 2)
    assert extracted.origin.exact(Span(here, here + 2)) == (page.index("续"), page.index("续") + 2)


@pytest.mark.parametrize(("name", "expected"), [
    ("pingtan-zone-2021.html", {
        "normative_documents": "69 3 665", "licensing": "2293", "fees": "24252.311082",
        "new": "64 0 0 2 0 4 70", "total": "63 0 0 2 0 4 69", "carried_forward": "1 0 0 0 0 0 1",
        "values": "1 0 2 0 3 12 0 0 0 12 0 0 0 0 0"}),
    ("pingtan-zone-2022.html", {
        "normative_documents": "88 55 698", "licensing": "10690", "fees": "9116.36",
        "new": "71 3 0 0 0 0 74", "total": "72 3 0 0 0 0 75", "carried_forward": "0 0 0 0 0 0 0",
        "values": "0 1 1 0 2 1 0 0 0 1 0 0 0 0 0"}),
])
def test_the_pingtan_pages_read_into_a_report_with_its_tables(name, expected):
    path = domain_file(name)
    source = path.read_text(encoding="utf-8")
    extracted = read(path.read_bytes(), str(path))
    report = recognize(parse(extracted.text))
    assert report.title is not None and report.title.text.endswith("年度政府信息公开工作年度报告")
    assert [s.heading.numeral for s in report.sections] == list("一二三四五六")
    assert [(t.number, t.version, t.problems) for t in report.tables] == [(1, "2021", ()), (2, "2021", ()),
                                                                          (3, "2021", ())]
    rows = {row.key: row for table in report.tables for row in table.rows}
    assert len(rows) == 6 + 25 + 1
    for key, values in expected.items():
        assert " ".join(cell.text for cell in rows[key].cells) == values, key
        for cell in rows[key].cells:
            assert _exact(source, extracted.origin.locate(cell.span), cell.text)


def test_pingtan_2022_diagnostics_at_their_html_source_positions(linter):
    path = domain_file("pingtan-zone-2022.html")
    result = check_bytes(linter, str(path), path.read_bytes())
    found = [(d.code, result.source.origin.locate(d.span)) for d in result.diagnostics]
    assert [(code, place.line, place.column) for code, place in found] == [
        ("GAI605", 349, 2722), ("GAI103", 1098, 402)]
    source = path.read_text(encoding="utf-8")
    assert source[found[0][1].offset:].startswith("的的网站界面")
    assert source[found[1][1].offset:].startswith("政府信息公开行政法复议")


_PAGE = ("<html><head><title>某某局</title><script>var tip = '<div><p>';</script></head><body>"
         "<div class='nav'><a href='/'>首页</a></div><div id='zoom'>{}</div>"
         "<div class='footer'>版权所有</div></body></html>")


@pytest.mark.parametrize(("body", "expected"), [
    # served on one line: the "<p" in the head's script is no start tag of the article
    pytest.param("<p>一、总体情况</p>", "一、总体情况\n", id="one-line-page"),
    # a stray end tag libxml2 drops: one text node in the tree, two runs in the source
    pytest.param("<p><b><i>加粗</b>斜体</i>尾</p>", "加粗斜体尾\n", id="stray-end-tag"),
    pytest.param("<p>a < b 且 c>d</p>", "a < b 且 c>d\n", id="lt-starting-no-tag"),
    # a hidden duplicate before the visible text: the visible one is the place
    pytest.param("<p style='display:none'>收到 12 件</p><p>收到 12 件</p>", "收到 12 件\n", id="hidden-duplicate"),
    # whitespace, a comment, whitespace, then the text: one text node once the comment is dropped
    pytest.param("<p>\n<!-- 注释 -->\n文字</p><p>二</p>", "文字\n二\n", id="comment-inside-leading-space"),
    pytest.param("<table>stray<tr><td>1</td><td>2</td></tr></table>", "1\t2\n", id="text-outside-cells"),
    pytest.param("<style>p>span{color:red}</style><p>一<select><option>选项</option></select>二</p>", "一二\n",
                 id="style-and-select"),
    pytest.param("<p><?php echo 1 ?>文字</p><p>一</p><!-- never closed <p>二</p>", "文字\n一\n",
                 id="instruction-and-open-comment"),
    # libxml2 parses a noscript's content into elements: its <p> counts when the article is a <p>
    pytest.param("<noscript><p>请启用脚本</p></noscript><p>一、总体情况。本机关全年主动公开政府信息。</p>",
                 "一、总体情况。本机关全年主动公开政府信息。\n", id="noscript-before-the-article"),
])
def test_every_piece_of_an_awkward_page_maps_exactly(body, expected):
    page = _PAGE.format(body)
    extracted = read(page.encode(), "p.html")
    assert extracted.text == expected
    pieces = list(extracted.origin)
    assert pieces
    for start, end, place in pieces:
        assert _exact(page, place, extracted.text[start:end]), (extracted.text[start:end], place)


def test_a_page_without_body_tag_maps_from_its_start():
    page = "<p>只有段落</p><p>第二段</p>"
    extracted = read(page.encode(), "p.html")
    assert extracted.text == "只有段落\n第二段\n"
    for start, end, place in extracted.origin:
        assert _exact(page, place, extracted.text[start:end])


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_places_located_in_any_order_have_the_line_and_column_of_the_source(seed_001_page, newline):
    """Lines are counted forward from the last place asked; asked backwards (an editor), or
    on a page with CR LF line ends, the page's line index answers: the same line:column."""
    page = seed_001_page.replace("\n", newline)
    extracted = read(page.encode(), "p.html")
    pieces = [(start, end) for start, end, place in extracted.origin if place.offset is not None]
    assert len(pieces) > 300
    for order in (pieces, pieces[::-1]):
        extracted = read(page.encode(), "p.html")  # a fresh source map for each order
        for start, end in order[::7]:
            place = extracted.origin.locate(Span(start, end))
            assert LineIndex(page).position(place.offset) == (place.line, place.column)
            assert page[place.offset:place.offset + end - start] == extracted.text[start:end]


@pytest.fixture
def seed_001_page(tmp_path):
    return seed_to_html(SEEDS["001"].read_text(encoding="utf-8"), tmp_path / "r.html").read_text(encoding="utf-8")


def test_an_offset_of_the_page_leads_back_to_the_extracted_text(seed_001_page):
    """`SourceMap.extracted_offset` inverts the linear places (the language server's hover
    on a page); markup maps to nothing."""
    extracted = read(seed_001_page.encode(), "p.html")
    checked = 0
    for start, end, place in extracted.origin:
        if place.offset is not None and extracted.text[start:end] == seed_001_page[place.offset:place.offset + end - start]:
            middle = (end - start) // 2
            found = extracted.origin.extracted_offset(place.offset + middle)
            assert extracted.text[found] == seed_001_page[place.offset + middle]
            checked += 1
    assert checked > 300
    tag = seed_001_page.index("<table")
    assert extracted.origin.extracted_offset(tag + 1) is None


_VARIANTS = {
    "crlf": lambda page: page.replace("\n", "\r\n"),
    "upper-case tags": lambda page: page.replace("<td", "<TD").replace("</td>", "</TD>").replace("<p", "<P")
    .replace("</p>", "</P>"),
    "end tags left out": lambda page: page.replace("</td>", "").replace("</p>", "").replace("</tr>", ""),
    "white space between cells": lambda page: page.replace("<tr>", "\n  <tr>\n   ").replace("<td", "\n\t<td")
    .replace("</td>", "</td>\n"),
    "comments and scripts between tags": lambda page: page.replace("<tr>", "<!-- 行 --><tr><!--[if IE]><p>x</p><![endif]-->")
    .replace("</table>", "</table><script>document.write('<p>广告</p>');</script>"),
    "on one line": lambda page: page.replace("\n", ""),
}


@pytest.mark.parametrize("variant", sorted(_VARIANTS))
@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_the_same_page_written_otherwise_reads_the_same_with_exact_places(seed, variant, tmp_path):
    page = seed_to_html(SEEDS[seed].read_text(encoding="utf-8"), tmp_path / "r.html").read_text(encoding="utf-8")
    expected = read(page.encode(), "p.html").text
    written = _VARIANTS[variant](page)
    extracted = read(written.encode(), "p.html")
    assert extracted.text == expected
    index = LineIndex(written)
    for start, end, place in extracted.origin:
        piece = extracted.text[start:end]
        if place.offset is not None:  # a linear place: the very characters
            assert written[place.offset:place.offset + len(piece)] == piece, (piece, place)
            assert index.position(place.offset) == (place.line, place.column)
        else:  # an entity (or a CR LF read as one line break): where it starts
            line_start, _ = index.line_span(place.line - 1)
            assert written[line_start + place.column - 1] in "&\r", (piece, place)
